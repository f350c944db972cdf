"""Reports: highlighter, charts, report model, HTML, Markdown, PDF, notebook views.

The realistic reports are built ONCE per module from the bundled example
corpus (seven constructed articles): the analyses, the comparison, one HTML
and one PDF of each kind. Rendering a PDF takes seconds; no test renders
more than the module fixtures do, except the small Letter-size check.
"""

from __future__ import annotations

import html as _html
import json
import re
from html.parser import HTMLParser
from importlib.resources import files
from pathlib import Path

import pytest

from framing import pipeline
from framing.analyzers import AnalyzerSpec
from framing.comparison import compare
from framing.corpus import article_from_record, bundled_actor_file
from framing.errors import InputError
from framing.pipeline import analyze
from framing.report import charts
from framing.report import render_report as render
from framing.report.highlight import Mark, highlight, marked_pieces, paragraphs
from framing.report.render.markdown import md
from framing.report.render.notebook import analysis_html, comparison_html
from framing.report.render.pdf import ExternalFetchError, local_only_fetcher, render_pdf
from framing.report.render.terminal import plain
from framing.report.sections import comparison as comparison_report
from framing.resources.events import load_actor_file
from framing.schema import Analysis, Article, Evidence, Measure, Span

# --------------------------------------------------------------------------- fixtures (once per module)


@pytest.fixture(scope="module")
def example_analyses():
    """(target analysis dict, [peer analysis dicts]) of the example corpus, analyzed once."""

    root = files("framing.corpora").joinpath("example")
    key = json.loads(root.joinpath("key.json").read_text(encoding="utf-8"))
    overrides = None
    af = bundled_actor_file("example")
    if af:
        overrides = load_actor_file(af)
    target, peers = None, []
    for n, line in enumerate(root.joinpath("articles.jsonl").read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        rec = json.loads(line)
        art = article_from_record(rec, where=f"articles.jsonl:{n}", event="example")
        d = analyze(art, event_actors=overrides).to_dict()
        if rec["id"] == key["target"]:
            target = d
        else:
            peers.append(d)
    assert target is not None and len(peers) >= 5
    return target, peers


@pytest.fixture(scope="module")
def comparison(example_analyses):
    target, peers = example_analyses
    return compare(target, peers)


@pytest.fixture(scope="module")
def cmp_dict(comparison):
    return comparison.to_dict()


@pytest.fixture(scope="module")
def cmp_html(comparison):
    return render(comparison, "html")


@pytest.fixture(scope="module")
def one_html(example_analyses):
    return render(example_analyses[0], "html")


@pytest.fixture(scope="module")
def cmp_pdf(cmp_html, tmp_path_factory):
    """The comparison report as PDF (from the same HTML), with every URL the renderer asked for."""

    fetcher = local_only_fetcher()
    path = tmp_path_factory.mktemp("pdf") / "cmp.pdf"
    path.write_bytes(render_pdf(cmp_html, fetcher=fetcher))
    return path, fetcher.asked


@pytest.fixture(scope="module")
def cmp_pdf_reader(cmp_pdf):
    from pypdf import PdfReader  # lazy: optional (pypdf, a dev extra; only the PDF checks need it)

    return PdfReader(str(cmp_pdf[0]))


@pytest.fixture(scope="module")
def cmp_pdf_text(cmp_pdf_reader):
    return "\n".join(p.extract_text() or "" for p in cmp_pdf_reader.pages)


# --------------------------------------------------------------------------- highlighter


def _check_marks(html: str, text: str) -> dict[str, list[dict]]:
    """Every mark's text equals its slice of ``text``; pieces of a split finding cover it. Returns marks by id."""
    by_id: dict[str, list[dict]] = {}
    for m in marked_pieces(html):
        s, e = int(m["data-start"]), int(m["data-end"])
        assert 0 <= s < e <= len(text)
        if "data-part-start" in m:
            ps, pe = int(m["data-part-start"]), int(m["data-part-end"])
            assert s <= ps < pe <= e
            assert m["text"] == text[ps:pe], (m, text[ps:pe])
        else:
            assert m["text"] == text[s:e], (m, text[s:e])
        by_id.setdefault(m["data-id"], []).append(m)
    for pieces in by_id.values():
        s, e = int(pieces[0]["data-start"]), int(pieces[0]["data-end"])
        if len(pieces) > 1 or "data-part-start" in pieces[0]:
            covered = set()
            for p in pieces:
                covered.update(range(int(p["data-part-start"]), int(p["data-part-end"])))
            missing = [i for i in range(s, e) if i not in covered]
            assert all(text[i] == "\n" for i in missing), f"pieces leave out {[text[i] for i in missing]}"
    return by_id


def test_highlight_plain_nested_and_escaped():
    text = "The <regime> said \"we & they\" today."
    marks = [Mark(4, 12, "loaded", "P"), Mark(18, 29, "quote", "S1"), Mark(19, 21, "loaded")]
    html = str(highlight(text, marks))
    assert "&lt;regime&gt;" in html and "<regime>" not in html
    assert "&amp;" in html
    by_id = _check_marks(html, text)
    assert len(by_id) == 3 and all(len(v) == 1 for v in by_id.values())  # nesting: nothing was split
    inner = next(m for m in marked_pieces(html) if m["data-start"] == "19")
    outer = next(m for m in marked_pieces(html) if m["data-start"] == "18")
    assert inner["text"] == "we" and outer["text"] == '"we & they"'
    # the nested mark sits inside the outer one in the markup
    assert re.search(r'data-start="18"[^>]*>"<mark[^>]*data-start="19"', html.replace("&#34;", '"'))


def test_highlight_crossing_marks_are_split_not_lost():
    text = "alpha beta gamma delta"
    a, b = Mark(0, 10, "claim"), Mark(6, 16, "vague")  # cross at 6..10
    html = str(highlight(text, [a, b]))
    by_id = _check_marks(html, text)
    assert len(by_id) == 2
    assert sum(len(v) for v in by_id.values()) == 3  # one of the two is cut at the crossing point


def test_highlight_paragraph_breaks_split_marks_and_headline_class():
    text = "Headline here\n\nFirst para ends.\nSecond para."
    m = Mark(20, 35, "claim", "C1")  # "para ends.\nSeco"
    html = str(highlight(text, [m], para_class=[(0, "headline")]))
    assert html.count("<p") == 3 and html.startswith('<p class="headline">Headline here</p>')
    pieces = _check_marks(html, text)["m0"]
    assert len(pieces) == 2
    assert "data-code" in pieces[-1] and "data-code" not in pieces[0]  # the tag is shown once, at the end
    assert paragraphs(text) == [(0, 13), (15, 31), (32, 44)]


def test_highlight_drops_out_of_range_and_empty_marks():
    text = "short text"
    html = str(highlight(text, [Mark(0, 5, "loaded"), Mark(3, 3, "loaded"), Mark(5, 99, "loaded"), Mark(-1, 2, "loaded")]))
    assert len(marked_pieces(html)) == 1
    assert "short text" in re.sub(r"<[^>]+>", "", html)


def test_highlight_ids_unique_with_prefix():
    text = "one two three"
    a = str(highlight(text, [Mark(0, 3, "loaded")], id_prefix="a"))
    b = str(highlight(text, [Mark(0, 3, "loaded")], id_prefix="b"))
    assert 'data-id="a0"' in a and 'data-id="b0"' in b


# --------------------------------------------------------------------------- charts


def test_charts_are_inline_svg_with_real_text_and_no_images():
    bars = charts.outlet_bars([{"label": "A", "value": 1.0}, {"label": "T", "value": 3.4, "is_target": True}], xlabel="x", median=1.0)
    heat = charts.stance_heatmap(["X", "Y"], [{"label": "T", "is_target": True}, {"label": "P"}], [[-0.5, 0.2], [None, 0.9]])
    fw = charts.fightin_words([{"term": "empire", "z": 3.1, "count_target": 3, "count_peers": 0}],
                              [{"term": "said", "z": -2.5, "count_target": 0, "count_peers": 30}])
    for svg in (bars, heat, fw):
        assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
        assert "<text" in svg  # text stays text (selectable in the PDF)
        assert "<image" not in svg and "<pattern" not in svg and "http://purl" not in svg
    assert "TARGET" in bars and "3.4" in bars
    assert "−0.5" in heat or "-0.5" in heat  # values printed in cells (greyscale-readable)
    assert "empire" in fw and "said" in fw
    ids_a = set(re.findall(r'id="([^"]+)"', bars))
    ids_b = set(re.findall(r'id="([^"]+)"', heat))
    assert ids_a and not (ids_a & ids_b)


def test_charts_empty_input_gives_empty_string():
    assert charts.outlet_bars([], xlabel="x") == ""
    assert charts.stance_heatmap([], [], []) == ""
    assert charts.fightin_words([], []) == ""
    assert charts.naming_chart([{"referent": "r", "target": {}, "peers": {}}]) == ""
    assert charts.category_bars(["a"], [0], [0]) == ""


# --------------------------------------------------------------------------- model pieces checked by hand


def test_summary_ratio_sentence_by_hand():
    m = {"target": 6.8, "unit": "per 1,000 words", "peers": {"n": 40, "median": 2.0}, "percentile": 97.5, "ratio_to_median": 3.4}
    s = comparison_report.ratio_sentence(m, "loaded language")
    assert s.startswith("This article uses 3.4 times the loaded language of the median outlet covering the event")
    assert ("6.8 against 2.0" in s and "97%" in s) or "98%" in s
    low = comparison_report.ratio_sentence({"target": 1.0, "peers": {"n": 5, "median": 2.0}, "ratio_to_median": 0.5}, "loaded language")
    assert "less loaded language" in low
    none = comparison_report.ratio_sentence({"target": 0.0, "peers": {"n": 5, "median": 0.0}}, "loaded language")
    assert "no loaded language" in none
    assert comparison_report.ratio_sentence({"target": None, "peers": {"n": 5, "median": 1.0}}, "x") is None


def test_summary_naming_sentence_counts_peer_articles(cmp_dict, cmp_html):
    """The naming bullet says how many peer articles use the word, so one outlet's habit is not "most peers"."""

    page = _html.unescape(cmp_html)
    checked = 0
    for ref in cmp_dict.get("naming") or []:
        tc, pc = ref["target"]["counts"], ref.get("peers_total") or {}
        if not tc or not pc:
            continue
        t_top, p_top = max(tc, key=tc.get), max(pc, key=pc.get)
        if t_top == p_top or tc[t_top] < comparison_report.MIN_NAMING_USES:
            continue
        k = sum(1 for o in ref["by_outlet"] if o["counts"].get(p_top))
        assert f"“{p_top}” ({pc[p_top]} times, in {k} peer article{'s' if k != 1 else ''})" in page
        checked += 1
        if checked == 3:
            break
    assert checked >= 1


def test_empty_analysis_renders_and_says_so():
    text = "A quiet headline\n\nNothing much happened in the town today, officials said."
    # an analysis in which no analyzer ran (JSON form: rendered through Analysis.from_dict)
    d = {"schema_version": "2.0", "framing_version": "0.1.0",
         "article": {"text": text, "title": "A quiet headline", "body_start": 18, "word_count": 9}, "provenance": {}}
    html = render(d, "html")
    assert "No loaded terms were found" in html and "No actors were found" in html
    assert marked_pieces(html) == []
    md = render(d, "markdown")
    assert md.startswith("# A quiet headline")


# --------------------------------------------------------------------------- HTML over real analyses


def _all_marks_by_kind(html: str) -> dict[str, set[tuple[int, int]]]:
    out: dict[str, set] = {}
    for m in marked_pieces(html):
        out.setdefault(m["data-kind"], set()).add((int(m["data-start"]), int(m["data-end"])))
    return out


def test_single_article_html_highlights_match_analysis_offsets(example_analyses, one_html):
    d = example_analyses[0]
    text = d["article"]["text"]
    _check_marks(one_html, text)
    kinds = _all_marks_by_kind(one_html)
    loaded = {(s["start"], s["end"]) for s in d["loaded_language"]["spans"] if not s.get("negated")}
    assert loaded, "the example target has loaded terms (its key says so)"
    assert loaded == kinds.get("loaded", set()) | kinds.get("loaded-quoted", set())
    quoted_voice = {(s["start"], s["end"]) for s in d["loaded_language"]["spans"] if s.get("voice") == "quoted" and not s.get("negated")}
    assert quoted_voice == kinds.get("loaded-quoted", set())
    att = d["attribution"]
    for key, kind in (("anonymous_sources", "anonymous"), ("vague_attributions", "vague"), ("unattributed_claims", "unattributed")):
        assert {(x["start"], x["end"]) for x in att.get(key) or []} == kinds.get(kind, set())
    speech = kinds.get("quote", set()) | kinds.get("reported", set())
    for q in att.get("quotes") or []:
        s, e = q.get("content_start"), q.get("content_end")
        if not (isinstance(s, int) and isinstance(e, int) and e > s):
            s, e = q["start"], q["end"]
        assert (s, e) in speech


def test_comparison_html_highlights_claims_and_offsets(cmp_dict, cmp_html):
    text = cmp_dict["target"]["analysis"]["article"]["text"]
    _check_marks(cmp_html, text)
    kinds = _all_marks_by_kind(cmp_html)
    cl = cmp_dict["claims"]
    cap = comparison_report.MAX_CLAIMS  # the report shows at most this many of each kind
    assert {(c["start"], c["end"]) for c in cl["contradicted"][:cap]} == kinds.get("contradicted", set())
    assert {(c["start"], c["end"]) for c in cl["uncorroborated"][:cap]} == kinds.get("uncorroborated", set())
    assert cl["contradicted"] or cl["uncorroborated"], "the example target has a disputed casualty figure (its key says so)"
    # the claim numbers in the text are the numbers in the claims table
    for m in marked_pieces(cmp_html):
        if m["data-kind"] in ("contradicted", "uncorroborated") and "data-code" in m:
            assert f">{m['data-code']}</td>" in cmp_html


class _Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            if k in ("src", "href", "xlink:href", "action", "data", "poster", "srcset") and v is not None:
                self.refs.append((tag, k, v))


@pytest.mark.parametrize("which", ["cmp_html", "one_html"])
def test_html_is_self_contained(which, request):
    html = request.getfixturevalue(which)
    p = _Refs()
    p.feed(html)
    for tag, attr, value in p.refs:
        assert value.startswith(("#", "data:")), f"<{tag} {attr}={value[:60]!r}> points outside the report"
    assert "<script" not in html.lower() and "@import" not in html and "<link" not in html.lower()
    assert not re.search(r"url\(\s*['\"]?(https?:|//)", html)
    # article addresses appear as text only
    assert "example.org" in html or "example.invalid" in html or "invalid" in html


def test_comparison_html_has_every_part(cmp_html, cmp_dict):
    for title in ("Summary", "The target text, with its findings highlighted", "The article among the coverage", "Word choice",
                  "Claims checked against the other coverage", "A framing card per actor", "Methodology and limitations",
                  "Appendix: the outlets compared", "Peers by lean", "Legend"):
        assert title in cmp_html, title
    assert cmp_html.count("<svg") >= 4  # loaded per outlet, stance heatmap, share of voice, Fightin' Words (+ naming, actors)
    for p in cmp_dict["peers"]:
        assert (p.get("outlet") or "") in cmp_html
    assert "This article uses" in cmp_html  # the plain-language summary's first measure


def test_markdown_report(comparison, cmp_dict):
    md = render(comparison, "markdown")
    assert md.startswith("# ")
    for title in ("## Summary", "## Word choice", "## Methodology and limitations", "## Appendix: the outlets compared"):
        assert title in md
    assert "| term | z |" in md or "no term reaches" in md
    assert "<svg" not in md


def test_terminal_format_returns_text(example_analyses):
    out = render(example_analyses[0], "terminal")
    assert isinstance(out, str) and example_analyses[0]["article"]["title"][:30] in out


def test_notebook_views(example_analyses, comparison):
    a = str(analysis_html(example_analyses[0]))
    _check_marks(a, example_analyses[0]["article"]["text"])
    assert 'class="framing-nb"' in a and "<svg" not in a
    c = str(comparison_html(comparison))
    assert "This article uses" in c and "<table" in c


# --------------------------------------------------------------------------- PDF


def test_pdf_parses_with_sensible_page_count(cmp_pdf_reader):
    n = len(cmp_pdf_reader.pages)
    assert 8 <= n <= 40, n
    box = cmp_pdf_reader.pages[0].mediabox
    assert abs(float(box.width) - 595.3) < 1 and abs(float(box.height) - 841.9) < 1  # A4 in points


def test_pdf_has_each_section_text_and_bookmarks(cmp_pdf_reader, cmp_pdf_text):
    flat = " ".join(cmp_pdf_text.split())
    sections = ("Summary", "The target text, with its findings highlighted", "The article among the coverage", "Word choice",
                "Claims checked against the other coverage", "A framing card per actor", "Methodology and limitations",
                "Appendix: the outlets compared")
    for title in sections:
        assert title in flat, title
    assert "This article uses" in flat
    outline = [o.title for o in cmp_pdf_reader.outline if not isinstance(o, list)]
    for title in ("Title page",) + sections:
        assert title in outline, (title, outline)


def test_pdf_fonts_are_embedded(cmp_pdf_reader):
    fonts = {}
    for page in cmp_pdf_reader.pages[:4]:
        res = page.get("/Resources") or {}
        for ref in (res.get("/Font") or {}).values():
            f = ref.get_object()
            desc = f.get("/FontDescriptor")
            if desc is None and "/DescendantFonts" in f:
                desc = f["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            desc = desc.get_object() if desc is not None else {}
            fonts[str(f.get("/BaseFont"))] = any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert fonts and all(fonts.values()), fonts


def test_pdf_fetches_nothing_from_outside(cmp_pdf):
    _, asked = cmp_pdf
    assert all(u.startswith("data:") for u in asked), asked


def test_url_fetcher_refuses_outside_urls():
    f = local_only_fetcher()
    for url in ("http://example.org/x.png", "https://example.org/f.woff", "file:///etc/passwd"):
        with pytest.raises(ExternalFetchError):
            f(url)
    got = f("data:text/plain;base64,aGk=")
    body = got.read() if hasattr(got, "read") else (got.get("string") or got["file_obj"].read())
    assert body == b"hi"
    assert f.asked[-1].startswith("data:") and len(f.asked) == 4


def test_pdf_renderer_does_not_fetch_an_outside_image():
    """An <img src=http...> put into report HTML is refused by the fetcher, and the PDF still renders."""

    f = local_only_fetcher()
    pdf = render_pdf('<html><body><p>x</p><img src="http://127.0.0.1:9/never.png"></body></html>', fetcher=f)
    assert pdf.startswith(b"%PDF") and f.asked == ["http://127.0.0.1:9/never.png"]


def test_letter_paper_and_single_article_pdf(example_analyses, tmp_path):
    from pypdf import PdfReader  # lazy: optional (pypdf, a dev extra; only the PDF checks need it)

    path = render(example_analyses[0], "pdf", path=tmp_path / "one.pdf", paper="Letter")
    r = PdfReader(str(path))
    box = r.pages[0].mediabox
    assert abs(float(box.width) - 612) < 1 and abs(float(box.height) - 792) < 1
    text = " ".join(" ".join(p.extract_text() or "" for p in r.pages).split())
    for title in ("Summary", "Loaded language", "Actors and stance", "Sources and attribution", "Methodology and limitations"):
        assert title in text


# --------------------------------------------------------------------------- render() API


def test_render_writes_files_and_names_them(example_analyses, tmp_path):
    d = example_analyses[0]
    p = render(d, "markdown", path=tmp_path / "sub" / "r.md")
    assert Path(p).read_text(encoding="utf-8").startswith("# ")
    folder = tmp_path / "out"
    folder.mkdir()
    p2 = render(d, "html", path=folder)
    assert Path(p2).parent == folder and Path(p2).suffix == ".html"
    assert not list(folder.glob("*.part"))


def test_render_comparison_to_a_folder_names_it_after_the_target(comparison, cmp_dict, tmp_path):
    """A folder path gets ``<slug of the target's title>-comparison.<ext>``, from the typed Comparison and its JSON."""
    slug = re.sub(r"[^a-z0-9]+", "-", comparison.target.title.lower()).strip("-")[:60]
    assert slug
    for i, obj in enumerate((comparison, cmp_dict)):
        folder = tmp_path / f"out{i}"
        folder.mkdir()
        p = Path(render(obj, "markdown", path=folder))
        assert p == folder / f"{slug}-comparison.md"
        assert p.read_text(encoding="utf-8").startswith("# ")
        assert not list(folder.glob("*.part"))


def test_render_rejects_bad_format_and_paper(example_analyses):
    with pytest.raises(InputError, match="format"):
        render(example_analyses[0], "docx")
    with pytest.raises(InputError, match="paper"):
        render(example_analyses[0], "html", paper="A5")


# --------------------------------------------------------------------------- a section without its own builder


class _ToySection:
    """A new analyzer's section: one piece of evidence per exclamation mark (the Section protocol only)."""

    def __init__(self, spans):
        self.spans = tuple(spans)

    def to_dict(self):
        return {"marks": [list(s) for s in self.spans]}

    @classmethod
    def from_dict(cls, d):
        return cls(tuple(s) for s in d["marks"])

    def evidence(self):
        return [Evidence(Span(s, e), q, "rule:toy.exclamation", 0.5, "an exclamation mark") for s, e, q in self.spans]

    def measures(self, article):
        return {"exclamations": Measure(float(len(self.spans)), "exclamation marks", "marks")}


def test_any_other_section_gets_a_generic_findings_table(monkeypatch):
    text = "Outrage in Brill!\n\nThe council voted on Tuesday. Nobody expected it!"
    spans = [(i, i + 1, "!") for i, ch in enumerate(text) if ch == "!"]
    toy = AnalyzerSpec("toy_marks", lambda ctx: _ToySection(()), _ToySection, rules={"rule:toy.exclamation": "an exclamation in the text"})
    monkeypatch.setattr(pipeline, "ANALYZERS", pipeline.ANALYZERS + (toy,))
    analysis = Analysis(Article.from_dict({"text": text, "title": "Outrage in Brill!", "body_start": 19}), {"toy_marks": _ToySection(spans)}, {})
    html = render(analysis, "html")
    assert "Toy marks" in html and "rule:toy.exclamation: an exclamation in the text" in html
    assert "exclamation marks" in html  # its measures
    assert "No loaded terms were found" in html  # the built-in sections still say they found nothing
    md = render(analysis, "markdown")
    assert "Toy marks" in md and f"[{spans[0][0]}–{spans[0][1]}]" in md
    term = render(analysis, "terminal")
    assert "Toy marks: findings" in term and "rule:toy.exclamation" in term
    nb = str(analysis_html(analysis))
    assert "rule:toy.exclamation" in nb


# --------------------------------------------------------------------------- escaping (issue 22; tests/security has the full sweep)


@pytest.mark.parametrize(("raw", "inline", "block"), [
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;", None),
    ("**bold** and _emphasis_", "\\*\\*bold\\*\\* and \\_emphasis\\_", None),
    ("[link](https://evil.example) `code` a|b ~~s~~", "\\[link\\](https://evil.example) \\`code\\` a\\|b \\~\\~s\\~\\~", None),
    ("per_1000_words AT&T &amp;", "per_1000_words AT&T &amp;amp;", None),  # intraword _ and a lone & stay as they are
    ("# not a heading", "# not a heading", "\\# not a heading"),
    ("2019. A year", "2019. A year", "2019\\. A year"),
    ("- not a list\n+ nor this", "- not a list + nor this", "\\- not a list\n\\+ nor this"),
    ("\x1b]0;owned\x07title\x1b[2J", "title", "title"),
])
def test_markdown_escapes_stranger_text(raw, inline, block):
    assert md(raw) == inline
    assert md(raw, block=True) == (block if block is not None else inline)


def test_terminal_cells_are_safe_text_not_markup():
    t = plain("a [/] b [link=https://evil.example]x[/link] \x1b[2J\nnext")
    assert t.plain == "a [/] b [link=https://evil.example]x[/link] next" and not t.spans
