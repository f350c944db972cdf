"""framing.ingest: fetching over real HTTP from 127.0.0.1, HTML extraction, files, stdin, dispatch, errors.

The pages are written for these tests (tests/fixtures/pages, tests/pageserver.py);
nothing here touches the internet.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import socket
import time

import pytest
from pageserver import CP1252_TEXT, PAGES, PageServer, closed_port

import framing.ingest.files as ingest_files
from framing import ingest
from framing.errors import ContentTypeError, ExtractionError, FetchError, FramingError, InputError, LanguageError
from framing.ingest import fetch_article, load_html, load_path, load_stdin, load_text, normalize_text, read, split_title
from framing.nlp import parse

# The seven body paragraphs of tests/fixtures/pages/article.html, by their openings (checked by hand against the page).
ARTICLE_PARAGRAPHS = (
    "The Harbor City council voted seven to four on Monday night",
    "The bridge will link the Eastbank housing estate",
    '"This is the most important decision we have made for Eastbank',
    "Opponents argued that the city cannot afford",
    "The finance department has proposed to split the cost",
    "Engineers expect the construction work to take about eighteen months.",
    "Local business owners near the station welcomed the vote.",
)
# Boilerplate on the same page that must not reach Article.text.
BOILERPLATE = (
    "cookies",
    "Accept all",
    "ADVERTISEMENT",
    "mattress",
    "ferry tickets",
    "Subscribe",
    "Related stories",
    "Ferry timetable changes",
    "Comments (3)",
    "rivergazer42",
    "typical waste of our money",
    "Join the discussion",
    "Share on social media",
    "electricians",
    "Copyright 2023",
    "newsletter",
    "Privacy policy",
)
TITLE = "Harbor City council approves new footbridge after long debate"


@pytest.fixture(scope="module")
def pages():
    srv = PageServer().start()
    yield srv
    srv.stop()


# --------------------------------------------------------------------------- fetch: the realistic page


def test_fetch_article_keeps_every_paragraph_and_drops_boilerplate(pages):
    art = fetch_article(pages.url("/article.html"))
    assert art.title == TITLE
    assert art.published == "2023-04-18"
    assert art.byline == "Dana Okafor"
    assert art.outlet == "The Riverside Ledger"
    assert art.url == pages.url("/article.html")
    assert art.extractor == "trafilatura" and art.extractor_version
    assert art.source_sha256 == hashlib.sha256((PAGES / "article.html").read_bytes()).hexdigest()
    body_paras = art.body.split("\n\n")
    assert len(body_paras) == len(ARTICLE_PARAGRAPHS)
    for para, opening in zip(body_paras, ARTICLE_PARAGRAPHS):
        assert para.startswith(opening)
    for junk in BOILERPLATE:
        assert junk.lower() not in art.text.lower(), junk
    # the headline appears once, as the first paragraph of Article.text
    assert art.text.startswith(TITLE + "\n\n") and art.text.count(TITLE) == 1
    assert art.text[art.body_start :].startswith(ARTICLE_PARAGRAPHS[0])


def test_fetch_sends_a_real_user_agent(pages):
    art = fetch_article(pages.url("/user-agent"), check_language=False)
    assert art.text.startswith("framing/")
    assert "+https://" in art.text


def test_gzip_encoded_page_gives_the_same_text(pages):
    plain = fetch_article(pages.url("/article.html"))
    gz = fetch_article(pages.url("/article-gzip.html"))
    assert gz.text == plain.text


def test_page_without_content_type_is_sniffed_as_html(pages):
    assert fetch_article(pages.url("/notype.html")).title == TITLE


def test_redirect_chain_is_followed_to_the_final_page(pages):
    art = fetch_article(pages.url("/redirect/3"))
    assert art.title == TITLE
    assert art.url == pages.url("/article.html")
    assert art.get("requested_url") == pages.url("/redirect/3")


@pytest.mark.parametrize("path,scheme", [("/to-ftp", "ftp://"), ("/to-file", "file://")])
def test_redirect_to_another_scheme_is_refused(pages, path, scheme):
    with pytest.raises(FetchError, match=f"redirects to .*{scheme}.*only follows http:// and https://"):
        fetch_article(pages.url(path))


def test_redirect_loop_stops_after_five_hops(pages):
    before = pages.requests.count("/loop")
    with pytest.raises(FetchError, match="redirects more than 5 times"):
        fetch_article(pages.url("/loop"))
    # the first request plus five followed redirects; the sixth is refused
    assert pages.requests.count("/loop") - before == 6


def test_redirect_without_location(pages):
    with pytest.raises(FetchError, match=r"redirect \(HTTP 302\) but gave no new address"):
        fetch_article(pages.url("/no-location"))


def test_slow_server_times_out(pages):
    t0 = time.monotonic()
    with pytest.raises(FetchError, match=r"timed out after 0.4 s"):
        fetch_article(pages.url("/slow"), timeout=0.4)
    assert time.monotonic() - t0 < 2.5


@pytest.mark.parametrize(
    "path,pattern",
    [
        ("/404", r"HTTP 404 Not Found from .*/404: the page does not exist"),
        ("/500", r"HTTP 500 Internal Server Error from .*/500: the server failed; try again later"),
        ("/403", r"HTTP 403 Forbidden .*refuses access"),
    ],
)
def test_http_errors_name_the_status(pages, path, pattern):
    with pytest.raises(FetchError, match=pattern):
        fetch_article(pages.url(path))


@pytest.mark.parametrize(
    "path,pattern",
    [
        ("/doc.pdf", r"is a PDF document \(application/pdf\), not an HTML page"),
        ("/image.png", r"is an image \(image/png\), not an HTML page"),
        ("/data.json", r"is JSON data \(application/json\), not an HTML page"),
    ],
)
def test_non_html_content_is_refused_by_type(pages, path, pattern):
    with pytest.raises(ContentTypeError, match=pattern):
        fetch_article(pages.url(path))


def test_empty_page_has_no_article_text(pages):
    with pytest.raises(ExtractionError, match=r"no article text found .*empty"):
        fetch_article(pages.url("/empty.html"))


@pytest.mark.parametrize("path", ["/big.html", "/big-stream.html", "/bomb.html"])
def test_oversized_pages_stop_at_the_cap(pages, path):
    with pytest.raises(FetchError, match=r"larger than 5,000,000 bytes \(after decompression\)"):
        fetch_article(pages.url(path))


def test_size_cap_is_configurable(pages):
    with pytest.raises(FetchError, match="larger than 1,000 bytes"):
        fetch_article(pages.url("/article-gzip.html"), max_bytes=1000)
    assert fetch_article(pages.url("/article-gzip.html"), max_bytes=100_000).title == TITLE


@pytest.mark.parametrize("path", ["/cp1252.html", "/undeclared.html"])
def test_non_utf8_pages_decode_correctly(pages, path):
    art = fetch_article(pages.url(path))
    assert art.title == "Caf\u00e9 owners cheer the new market hall"
    for piece in ("town\u2019s", "\u201cWe sold out of pastries before noon,\u201d", "Ren\u00e9e", "\u20ac3.2 million \u2014 a sum"):
        assert piece in art.text
    assert "\ufffd" not in art.text


def test_declared_charset_in_meta_is_used():
    text, enc = ingest.decode_html(CP1252_TEXT.encode("cp1252"))
    assert enc == "cp1252" and "\u20ac3.2" in text
    # a lying header (utf-8) that cannot decode the bytes is skipped in favour of the meta declaration
    text, enc = ingest.decode_html(CP1252_TEXT.encode("cp1252"), "utf-8")
    assert enc == "cp1252"
    # a truthful header wins; latin-1 labels mean windows-1252 (WHATWG)
    assert ingest.decode_html("caf\u00e9 \u2019".encode("utf-8"), "utf-8") == ("caf\u00e9 \u2019", "utf-8")
    assert ingest.decode_html(b"<p>caf\xe9 \x93x\x94</p>", "ISO-8859-1")[0] == "<p>caf\u00e9 \u201cx\u201d</p>"


def test_non_english_page_is_refused_naming_the_language(pages):
    with pytest.raises(LanguageError, match=r"looks like Spanish \(es, confidence"):
        fetch_article(pages.url("/es.html"))
    art = fetch_article(pages.url("/es.html"), check_language=False)
    assert art.language == "es"
    assert art.title.startswith("El ayuntamiento aprueba")


def test_english_page_passes_the_language_check(pages):
    assert fetch_article(pages.url("/article.html")).language == "en"


def test_unreachable_host():
    with pytest.raises(FetchError, match=r"cannot connect to 127.0.0.1 \(.*refused.*\); the host is unreachable"):
        fetch_article(f"http://127.0.0.1:{closed_port()}/story.html", timeout=2)


def test_dns_failure(monkeypatch):
    def no_dns(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    with pytest.raises(FetchError, match=r"cannot resolve the host name 'news.example.invalid' \(DNS lookup failed\)"):
        fetch_article("https://news.example.invalid/story.html")


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/story.html", "file:///etc/passwd", "javascript:alert(1)", "https:///nohost"])
def test_fetch_refuses_other_schemes_before_connecting(url):
    with pytest.raises(InputError, match=r"only http:// and https://|no host name"):
        fetch_article(url)


def test_fetch_rejects_a_bad_timeout():
    with pytest.raises(InputError, match="timeout must be a positive number"):
        fetch_article("http://127.0.0.1/x", timeout=0)


# --------------------------------------------------------------------------- load_html: paragraph structure

LAYOUT_PAGE = """<!DOCTYPE html><html><head><title>Storm closes the coast road</title></head><body>
<article>
<h1>Storm closes the coast road</h1>
<p class="dateline">PORT ELLIS, March 3</p>
<p><em>Waves break over the sea wall near the harbour on Friday morning</em></p>
<figure><img src="wall.jpg"><figcaption>Gravel on the road after the storm</figcaption></figure>
<p>The coast road between Port Ellis and Wrenmouth was closed on Friday after waves pushed gravel and seaweed across both lanes. Police said the road would stay closed until engineers had checked the sea wall.</p>
<p>Drivers were sent inland through the hill villages, which added about forty minutes to the journey. The bus company said its morning services were running late.</p>
<h2>Repairs planned</h2>
<p>The county council said it had already set aside money to repair the wall this summer and would now ask whether the work could start sooner.</p>
</article></body></html>"""


def test_headline_dateline_and_caption_stay_separate_lines():
    art = load_html(LAYOUT_PAGE, url="https://news.example/storm")
    lines = art.text.split("\n\n")
    assert lines[0] == "Storm closes the coast road"
    assert "PORT ELLIS, March 3" in lines
    assert "Waves break over the sea wall near the harbour on Friday morning" in lines
    assert "Repairs planned" in lines
    assert "Gravel on the road" not in art.text  # a <figcaption> is dropped, not glued into the body
    parsed = parse(art)
    sents = [s.slice(art.text) for s in parsed.sentences]
    # no sentence crosses a paragraph boundary; the short lines are sentences of their own
    assert all("\n" not in s for s in sents)
    for line in ("Storm closes the coast road", "PORT ELLIS, March 3", "Waves break over the sea wall near the harbour on Friday morning", "Repairs planned"):
        assert line in sents
    assert any(s.startswith("The coast road between Port Ellis") for s in sents)


def test_load_html_accepts_str_and_bytes_alike():
    a = load_html(LAYOUT_PAGE)
    b = load_html(LAYOUT_PAGE.encode("utf-8"))
    assert a.text == b.text and a.source_sha256 == b.source_sha256


@pytest.mark.parametrize(
    "html,error,pattern",
    [
        ("", ExtractionError, "the page is empty"),
        ("<html><body><nav><a href='/'>Home</a></nav></body></html>", ExtractionError, "no article text found"),
        (b"%PDF-1.7\n...", ContentTypeError, "is a PDF document"),
        (b"\x00\x01\x02binary\x00", InputError, "looks like a binary file"),
    ],
)
def test_load_html_failures(html, error, pattern):
    with pytest.raises(error, match=pattern):
        load_html(html)


# --------------------------------------------------------------------------- load_text and normalisation


def test_normalize_text():
    raw = "\ufeffTitle\r\n\r\n\r\n\r\nOne\u00a0two\tthree  four \u2028five\x0csix\x07 se\u00adven\u200b.\r\n"
    assert normalize_text(raw) == "Title\n\nOne two three four\nfive\nsix seven."
    assert normalize_text(normalize_text(raw)) == normalize_text(raw)
    # NFC: a decomposed e + combining acute becomes one character
    assert normalize_text("caf\u0065\u0301 au lait") == "caf\u00e9 au lait"
    # ordinary text is unchanged
    assert normalize_text("A plain line.\n\nAnother one.") == "A plain line.\n\nAnother one."


def test_load_text_offsets_and_title():
    art = load_text("First paragraph of the story here.\n\nSecond paragraph.", title="  A   headline  ")
    assert art.title == "A headline"
    assert art.text == "A headline\n\nFirst paragraph of the story here.\n\nSecond paragraph."
    assert art.body_start == len("A headline") + 2
    assert art.body.startswith("First paragraph")
    untitled = load_text("Only a body with several words in it.")
    assert untitled.title == "" and untitled.body_start == 0


def test_load_text_refuses_too_little_and_too_much():
    with pytest.raises(ExtractionError, match=r"no article text found in text: 2 words \(at least 5 needed\)"):
        load_text("Two words")
    with pytest.raises(ExtractionError, match="at most 1,000,000"):
        load_text("word " * 210_000, check_language=False)
    with pytest.raises(InputError, match="expected the article text as a str, got bytes"):
        load_text(b"bytes are not text")


GERMAN = (
    "Der Stadtrat hat am Montagabend beschlossen, eine neue Fussgaengerbruecke ueber den Fluss zu bauen. "
    "Die Anwohner des Ostufers muessen bisher fast zwei Kilometer bis zur naechsten Bruecke laufen, "
    "und viele von ihnen sagten, dass dieser Umweg sie von ihrer Arbeit in der Innenstadt fernhalte."
)


def test_load_text_language_check():
    with pytest.raises(LanguageError, match=r"looks like German \(de"):
        load_text(GERMAN)
    assert load_text(GERMAN, check_language=False).language == "de"
    assert load_text("The council voted on Monday to build a new bridge across the river.").language == "en"


def test_split_title():
    assert split_title("Headline here\n\nBody text.") == ("Headline here", "\nBody text.")
    assert split_title("# Markdown headline\nBody.", markdown=True) == ("Markdown headline", "Body.")
    long_first = "word " * 80 + "\nmore"
    assert split_title(long_first) == (None, long_first)
    assert split_title("Just one line") == (None, "Just one line")


# --------------------------------------------------------------------------- files

BODY = "The council met on Monday evening and voted to repair the old harbour wall before winter.\n\nWork starts in June."


def test_load_path_txt_and_md(tmp_path):
    p = tmp_path / "story.txt"
    p.write_text("Harbour wall to be repaired\n\n" + BODY, encoding="utf-8")
    art = load_path(p)
    assert art.title == "Harbour wall to be repaired"
    assert art.body.startswith("The council met")
    assert art.source == str(p)
    assert art.source_sha256 == hashlib.sha256(p.read_bytes()).hexdigest()
    md = tmp_path / "story.md"
    md.write_text("## Harbour wall to be repaired\n" + BODY, encoding="utf-8")
    assert load_path(md).title == "Harbour wall to be repaired"


def test_load_path_non_utf8_text_is_detected(tmp_path):
    p = tmp_path / "latin.txt"
    p.write_bytes(("Caf\u00e9 owners cheer\n\n" + BODY + " The caf\u00e9 will stay open.").encode("cp1252"))
    art = load_path(p)
    assert art.title == "Caf\u00e9 owners cheer"
    assert "caf\u00e9 will stay open" in art.text


def test_load_path_html(tmp_path):
    art = load_path(PAGES / "article.html")
    assert art.title == TITLE and art.published == "2023-04-18" and art.url is None
    assert art.body.split("\n\n")[0].startswith(ARTICLE_PARAGRAPHS[0])


def test_load_path_json_round_trip(tmp_path):
    original = load_path(PAGES / "article.html")
    p = tmp_path / "article.json"
    p.write_text(json.dumps(original.to_dict()), encoding="utf-8")
    assert load_path(p) == original
    # an Analysis-shaped file: its article is used
    q = tmp_path / "analysis.json"
    q.write_text(json.dumps({"schema_version": "1.0", "article": original.to_dict(), "provenance": {}}), encoding="utf-8")
    assert load_path(q) == original


@pytest.mark.parametrize(
    "content,pattern",
    [
        ('{"text": "unterminated', r"malformed JSON at line 1, column \d+"),
        ("[1, 2, 3]", "holds a JSON list, not an Article object"),
        ('{"title": "no text"}', "not a valid Article .*needs a 'text' string"),
        ('{"text": "Some words of text here, enough of them.", "body_start": "7"}', "'body_start' must be an integer"),
        ('{"text": "Some words of text here, enough of them.", "body_start": 500}', "body_start 500 is outside the text"),
        ('{"text": "Some words of text here, enough of them.", "title": "Other"}', "does not begin with the title"),
        ('{"text": "Some words of text here.", "url": 5}', "'url' must be a string or null"),
    ],
)
def test_load_path_bad_json(tmp_path, content, pattern):
    p = tmp_path / "bad.json"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=pattern):
        load_path(p)


def test_load_path_file_errors(tmp_path):
    with pytest.raises(InputError, match="no such file; check the path"):
        load_path(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="is a folder"):
        load_path(tmp_path)
    png = tmp_path / "photo.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    with pytest.raises(InputError, match="looks like a binary file"):
        load_path(png)
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    with pytest.raises(InputError, match="is empty"):
        load_path(empty)
    pdf = tmp_path / "story.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    with pytest.raises(InputError, match=r"unsupported file type '.pdf'; expected .html, .htm, .txt, .md or .json"):
        load_path(pdf)


def test_unreadable_file(tmp_path, monkeypatch):
    p = tmp_path / "secret.txt"
    p.write_text("Headline\n\n" + BODY, encoding="utf-8")
    p.chmod(0)
    try:
        if os.access(p, os.R_OK):  # root reads anything: make the read fail as it would for another user

            def denied(path):
                raise PermissionError(13, "Permission denied", str(path))

            monkeypatch.setattr(ingest_files, "_open_for_reading", denied)
        with pytest.raises(InputError, match=r"cannot read the file .*permissions"):
            load_path(p)
    finally:
        p.chmod(0o644)


# --------------------------------------------------------------------------- stdin and dispatch


class _Stdin(io.BytesIO):
    def isatty(self) -> bool:
        return False

    @property
    def buffer(self):
        return self


def test_stdin_text_and_html():
    art = load_stdin(_Stdin(("Harbour wall to be repaired\n" + BODY).encode()))
    assert art.title == "Harbour wall to be repaired" and art.source == "stdin"
    html = load_stdin(_Stdin((PAGES / "article.html").read_bytes()))
    assert html.title == TITLE and html.extractor == "trafilatura"
    with pytest.raises(InputError, match="stdin is empty"):
        load_stdin(_Stdin(b"  \n"))


def test_load_dispatches(pages, tmp_path):
    assert read(pages.url("/article.html")).title == TITLE
    p = tmp_path / "story.txt"
    p.write_text("Harbour wall to be repaired\n\n" + BODY, encoding="utf-8")
    assert read(str(p)).title == "Harbour wall to be repaired"
    assert read(p).title == "Harbour wall to be repaired"


@pytest.mark.parametrize(
    "source,pattern",
    [
        ("www.example.org/news/story", r"is not an existing file; if it is a web address, add the scheme: framing read https://www.example.org"),
        ("no/such/story.txt", "no/such/story.txt: no such file; check the path"),
        ("nosuchthing", "neither an http\\(s\\) URL nor an existing file"),
        ("ftp://example.org/story.html", r"only http:// and https:// URLs can be fetched \(ftp:// is not supported\)"),
        ("", "no source given"),
    ],
)
def test_load_refuses_what_it_cannot_read(source, pattern):
    with pytest.raises(InputError, match=pattern):
        read(source)


def test_every_error_is_one_line(pages):
    for path in ("/404", "/doc.pdf", "/loop", "/empty.html"):
        with pytest.raises(FramingError) as info:
            fetch_article(pages.url(path))
        assert "\n" not in str(info.value) and info.value.exit_code == 2


WRAPPED = """Harbour wall to be repaired before winter

The county council voted on Monday evening to repair the old harbour
wall before the winter storms arrive, after engineers warned that two
sections could collapse.

Work will start in June and should take about four months, the council
said.
"""


def test_hard_wrapped_text_file_is_rejoined(tmp_path):
    p = tmp_path / "wrapped.txt"
    p.write_text(WRAPPED, encoding="utf-8")
    art = load_path(p)
    assert art.body.split("\n\n") == [
        "The county council voted on Monday evening to repair the old harbour wall before the winter storms arrive, "
        "after engineers warned that two sections could collapse.",
        "Work will start in June and should take about four months, the council said.",
    ]
    assert len(parse(art).sentences) == 3  # the headline and one sentence per paragraph


def test_unwrap_keeps_short_lines_and_one_paragraph_per_line():
    layout = "Storm closes the coast road\nPORT ELLIS, March 3\nThe road was closed on Friday."
    assert ingest.unwrap_lines(layout) == layout
    per_line = (
        "The coast road between Port Ellis and Wrenmouth was closed on Friday after waves pushed gravel across both lanes.\n"
        "Drivers were sent inland through the hill villages, which added about forty minutes to the journey."
    )
    assert ingest.unwrap_lines(per_line) == per_line
    # a ragged block (lines of very different lengths) is not a hard wrap
    ragged = "A short line that has some words in it\nA much longer line that goes on and on and on and on and on and on and end"
    assert ingest.unwrap_lines(ragged) == ragged
