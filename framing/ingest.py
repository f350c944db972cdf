"""Ingest: turn a URL, an HTML page, a file, stdin or plain text into one clean Article.

Public functions
----------------
* :func:`fetch_article` — download a web page and extract its article. It is the
  **only** network code in framing (naming follows scikit-learn: ``fetch_*``
  touches the network, ``load_*`` never does).
* :func:`load_html` — extract the article from HTML bytes or text (trafilatura).
* :func:`load_text` — an Article from plain text (and an optional title).
* :func:`load_path` — a file: ``.html``/``.htm``/``.xhtml``, ``.txt``/``.md``
  (first line is the title; hard-wrapped paragraphs are re-joined, see
  :func:`unwrap_lines`), ``.json`` (an Article, or an Analysis holding one).
* :func:`load` — dispatch an http(s) URL, ``-`` for stdin, or a path.

Text is normalised here, once (Unicode NFC, ``\\n`` line ends, odd spaces to
plain spaces, control characters dropped, trimmed lines, at most one blank line
between paragraphs); nothing downstream re-normalises, so offsets stay valid.
Paragraphs extracted from HTML are separated by a blank line, so a headline, a
dateline or a caption is always its own line and :mod:`framing.nlp` never glues
it into the first body sentence.

Every failure is a :class:`~framing.errors.FramingError` subclass whose message
is one line: what happened, the offending value, what to do.

Known limits: pages that build their text with JavaScript, paywalled pages and
index pages have no extractable article; HTTP(S) proxies from the environment
are not used; Brotli/zstd content encodings are not requested (servers fall back
to gzip or identity).

Extraction: Barbaresi, A. (2021). *Trafilatura: A Web Scraping Library and
Command-Line Tool for Text Discovery and Extraction*. ACL-IJCNLP demos.
Encoding detection follows the WHATWG HTML order (BOM, transport header, meta
declaration), then charset-normalizer for undeclared pages.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import re
import time
import unicodedata
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from framing import __version__
from framing.errors import ContentTypeError, ExtractionError, FetchError, InputError, LanguageError
from framing.schema import Article

log = logging.getLogger(__name__)

MIN_WORDS = 5
MAX_TEXT_CHARS = 1_000_000
MAX_FILE_BYTES = 20_000_000
MAX_REDIRECTS = 5
DEFAULT_TIMEOUT = 15.0
DEFAULT_MAX_BYTES = 5_000_000
MAX_TITLE_CHARS = 300
USER_AGENT = f"framing/{__version__} (+https://github.com/framing-project/framing; news framing analysis for teaching)"
HTML_TYPES = ("text/html", "application/xhtml+xml")

# --------------------------------------------------------------------------- text normalisation

# Invisible characters dropped: zero-width space, BOM / zero-width no-break space, word joiner, soft hyphen,
# left-to-right and right-to-left marks (they split words for matching and carry no text).
_INVISIBLE = frozenset("\u200b\ufeff\u2060\u00ad\u200e\u200f")
# Line separators that str.splitlines() honours besides \n and \r.
_LINE_SEPARATORS = dict.fromkeys(map(ord, "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"), "\n")


def _clean_char(ch: str) -> str:
    if ch == "\n":
        return ch
    cat = unicodedata.category(ch)
    if cat == "Zs" or ch == "\t":
        return " "
    if cat == "Cc" or ch in _INVISIBLE:
        return ""
    return ch


def normalize_text(text: str) -> str:
    """Normalise once: NFC, ``\\n`` line ends, odd spaces to spaces, no control or invisible characters, trimmed lines, <= 1 blank line.

    Idempotent: ``normalize_text(normalize_text(t)) == normalize_text(t)``.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_LINE_SEPARATORS)
    text = unicodedata.normalize("NFC", text)
    if not text.isascii() or any(ord(c) < 32 and c != "\n" for c in text) or "\x7f" in text:
        text = "".join(_clean_char(c) for c in text)
    text = unicodedata.normalize("NFC", text)  # dropping a control character can bring combinable marks together
    text = re.sub(r"[ ]{2,}", " ", text)
    text = "\n".join(ln.strip() for ln in text.split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


# --------------------------------------------------------------------------- language

_LANGUAGE_NAMES = {
    "ar": "Arabic", "bg": "Bulgarian", "ca": "Catalan", "cs": "Czech", "da": "Danish", "de": "German",
    "el": "Greek", "es": "Spanish", "et": "Estonian", "fa": "Persian", "fi": "Finnish", "fr": "French",
    "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian", "id": "Indonesian", "it": "Italian",
    "ja": "Japanese", "ko": "Korean", "lt": "Lithuanian", "lv": "Latvian", "nb": "Norwegian", "nl": "Dutch",
    "no": "Norwegian", "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sk": "Slovak",
    "sl": "Slovenian", "sr": "Serbian", "sv": "Swedish", "sw": "Swahili", "th": "Thai", "tr": "Turkish",
    "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese", "zh": "Chinese",
}


@functools.cache
def _identifier():
    from py3langid.langid import _load_identifier

    return _load_identifier(norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """(ISO 639-1 code, probability in [0, 1]) from py3langid's bundled model (first 5,000 characters)."""
    lang, prob = _identifier().classify(text[:5000])
    return str(lang), float(prob)


def language_name(code: str) -> str:
    """A readable name for an ISO 639-1 code (the code itself when unknown)."""
    return _LANGUAGE_NAMES.get(code, code)


def check_language(text: str, *, where: str = "the text") -> str:
    """Raise :class:`LanguageError` unless ``text`` is English; return ``"en"``.

    Text is refused only when the detector is confident (p > 0.8) that it is
    another language, so short or mixed English text passes.
    """
    lang, prob = detect_language(text)
    if lang != "en" and prob > 0.8:
        raise LanguageError(
            f"{where} looks like {language_name(lang)} ({lang}, confidence {prob:.2f}), not English; framing analyzes "
            "English text only (pass --any-language, or check_language=False, to analyze it anyway)"
        )
    return "en"


# --------------------------------------------------------------------------- plain text


def load_text(
    text: str,
    title: str | None = None,
    *,
    url: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    byline: str | None = None,
    source: str = "text",
    source_bytes: bytes | None = None,
    extractor: str = "plain-text",
    extractor_version: str = "",
    meta: dict | None = None,
    check_language: bool = True,
) -> Article:
    """An Article from plain text. ``title`` (if any) becomes the first paragraph of ``Article.text``.

    ``Article.text`` is ``title + "\\n\\n" + body`` (or just the body); both are
    normalised with :func:`normalize_text`. Raises :class:`ExtractionError` for
    fewer than ``MIN_WORDS`` words or more than ``MAX_TEXT_CHARS`` characters,
    :class:`LanguageError` for confidently non-English text (unless
    ``check_language`` is false).
    """
    if not isinstance(text, str):
        raise InputError(f"expected the article text as a str, got {type(text).__name__}; decode bytes first or use load_html")
    if title is not None and not isinstance(title, str):
        raise InputError(f"expected the title as a str, got {type(title).__name__}")
    body = normalize_text(text)
    head = " ".join(normalize_text(title).split()) if title else ""
    n_words = len(body.split()) + len(head.split())
    if n_words < MIN_WORDS:
        raise ExtractionError(
            f"no article text found in {source}: {n_words} words (at least {MIN_WORDS} needed); "
            "check that the source holds the article itself"
        )
    full = f"{head}\n\n{body}" if head and body else (head or body)
    if len(full) > MAX_TEXT_CHARS:
        raise ExtractionError(
            f"{source} holds {len(full):,} characters of text; framing analyzes at most {MAX_TEXT_CHARS:,}: split it into parts"
        )
    lang = globals()["check_language"](full, where=source) if check_language else detect_language(full)[0]
    raw = source_bytes if source_bytes is not None else text.encode("utf-8", errors="surrogatepass")
    return Article(
        text=full,
        title=head,
        body_start=(len(head) + 2) if head and body else 0,
        url=url,
        outlet=outlet,
        published=published,
        byline=byline,
        language=lang,
        source_sha256=hashlib.sha256(raw).hexdigest(),
        extractor=extractor,
        extractor_version=extractor_version,
        source=source,
        meta=tuple(sorted((str(k), str(v)) for k, v in (meta or {}).items() if v is not None)),
    )


_WRAP_MIN, _WRAP_MAX, _WRAP_SPREAD = 40, 100, 30


def unwrap_lines(text: str) -> str:
    """Join hard-wrapped lines back into paragraphs (plain-text files and stdin only).

    A block of lines with no blank line between them is taken as one
    hard-wrapped paragraph when it has at least two lines, every line but the
    last is 40-100 characters long, those lengths differ by at most 30
    characters (a fixed wrap width, e.g. 72 or 80), and the last line is no
    longer than the longest. Such blocks are joined with spaces; all other
    blocks (a headline over a dateline, one paragraph per line) are kept as
    they are, because a line break always ends a sentence in framing.nlp.
    """
    blocks = re.split(r"(\n[ \t]*\n)", text.replace("\r\n", "\n").replace("\r", "\n"))
    out = []
    for block in blocks:
        core = block.strip("\n")
        lines = core.split("\n")
        if len(lines) >= 2 and core.strip():
            body = [ln.strip() for ln in lines]
            head = [len(ln) for ln in body[:-1]]
            if (
                all(_WRAP_MIN <= n <= _WRAP_MAX for n in head)
                and max(head) - min(head) <= _WRAP_SPREAD
                and len(body[-1]) <= max(head)
            ):
                lead = block[: len(block) - len(block.lstrip("\n"))]
                trail = block[len(block.rstrip("\n")) :]
                block = lead + " ".join(body) + trail
        out.append(block)
    return "".join(out)


def split_title(text: str, *, markdown: bool = False) -> tuple[str | None, str]:
    """Split plain text into (title, body): the first non-blank line is the title.

    The first line counts as a title only when more text follows and it is at
    most ``MAX_TITLE_CHARS`` characters long (a long first line is a paragraph).
    With ``markdown``, leading ``#`` marks are removed from the title.
    """
    stripped = text.lstrip()
    first, _, rest = stripped.partition("\n")
    first = first.strip()
    if markdown:
        first = first.lstrip("#").strip()
    if not rest.strip() or not first or len(first) > MAX_TITLE_CHARS:
        return None, text
    return first, rest


# --------------------------------------------------------------------------- HTML

_META_CHARSET = re.compile(rb"""<meta[^>]{0,500}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
# WHATWG: these labels mean windows-1252 in HTML.
_WINDOWS_1252_LABELS = {"latin1", "latin-1", "iso-8859-1", "iso8859-1", "iso_8859-1", "l1", "ascii", "us-ascii", "cp819", "ibm819"}


def _codec(label: str | None) -> str | None:
    """A Python codec name for a charset label, or None when unknown."""
    import codecs

    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    if label in _WINDOWS_1252_LABELS:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_html(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode HTML bytes; return (text, encoding used).

    Order: byte-order mark, the HTTP ``charset`` (``declared``), a ``<meta>``
    declaration in the first 4 KB, strict UTF-8, then charset-normalizer's best
    guess; UTF-8 with replacement characters as a last resort. A declared
    encoding that fails to decode strictly is skipped (servers often lie).
    """
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(enc, errors="replace"), enc.replace("-sig", "")
    candidates = []
    if declared:
        candidates.append(("header", _codec(declared)))
    m = _META_CHARSET.search(data[:4096])
    if m:
        candidates.append(("meta", _codec(m.group(1).decode("ascii", "replace"))))
    candidates.append(("utf-8", "utf-8"))
    for origin, enc in candidates:
        if not enc or enc.startswith("utf-16") or enc.startswith("utf-32"):
            continue  # a meta tag read as ASCII cannot declare UTF-16 truthfully
        try:
            return data.decode(enc), enc
        except (UnicodeDecodeError, LookupError):
            log.debug("declared encoding %s (%s) does not decode the page", enc, origin)
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding:
        try:
            return data.decode(best.encoding, errors="replace"), best.encoding
        except LookupError:  # pragma: no cover - charset-normalizer only names Python codecs
            pass
    return data.decode("utf-8", errors="replace"), "utf-8"


def _same_line(a: str, b: str) -> bool:
    norm = lambda s: " ".join(re.sub(r"[^\w\s]", " ", s.casefold()).split())  # noqa: E731
    return bool(a) and norm(a) == norm(b)


def load_html(
    html: bytes | str,
    url: str | None = None,
    *,
    source: str | None = None,
    charset: str | None = None,
    meta: dict | None = None,
    check_language: bool = True,
) -> Article:
    """Extract the main text and metadata of an HTML page with trafilatura.

    Boilerplate (navigation, ads, cookie banners, comments, related links) is
    dropped; the headline becomes ``Article.title``; each extracted block
    (paragraph, subheading, list item) is its own paragraph, separated by a
    blank line. ``published`` is the page's date as ISO 8601 (``YYYY-MM-DD``),
    ``outlet`` the site name, ``byline`` the author(s). ``source_sha256`` hashes
    the HTML bytes. ``charset`` is the encoding a server declared (bytes only).
    """
    import trafilatura

    where = source or url or "the HTML"
    if isinstance(html, bytes):
        data = html
        if not data.strip():
            raise ExtractionError(f"no article text found in {where}: the page is empty; check the address or the file")
        if data.lstrip()[:5] == b"%PDF-":
            raise ContentTypeError(f"{where} is a PDF document, not an HTML page; copy the article text into a .txt file and run: framing read FILE.txt")
        if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise InputError(f"{where} looks like a binary file, not an HTML page; give a web page, a .html, .txt, .md or .json file")
        text, encoding = decode_html(data, charset)
    elif isinstance(html, str):
        text, encoding = html, None
        data = html.encode("utf-8", errors="surrogatepass")
        if not text.strip():
            raise ExtractionError(f"no article text found in {where}: the page is empty; check the address or the file")
    else:
        raise InputError(f"expected HTML as bytes or str, got {type(html).__name__}")
    try:
        doc = trafilatura.bare_extraction(
            text,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            include_formatting=False,
            date_extraction_params={"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d"},
        )
    except Exception as exc:  # trafilatura/lxml failing on a broken document
        log.debug("trafilatura failed on %s", where, exc_info=True)
        raise ExtractionError(f"could not parse {where} as HTML ({type(exc).__name__}); check that it is a web page") from exc
    body_text = (getattr(doc, "text", None) or "") if doc is not None else ""
    if not body_text.strip():
        raise ExtractionError(
            f"no article text found in {where}; the page may be empty, need JavaScript, be paywalled or be an index page: "
            "copy the article text into a .txt file and run: framing read FILE.txt"
        )
    title = (doc.title or "").strip() or None
    lines = [ln.strip() for ln in normalize_text(body_text).split("\n") if ln.strip()]
    if title and lines and _same_line(lines[0], title):
        lines = lines[1:]
    info = {
        "hostname": doc.hostname,
        "canonical_url": doc.url if doc.url and doc.url != url else None,
        "description": doc.description,
        "charset": encoding,
    }
    info.update(meta or {})
    return load_text(
        "\n\n".join(lines),
        title=title,
        url=url,
        outlet=(doc.sitename or doc.hostname or None),
        published=doc.date or None,
        byline=doc.author or None,
        source=where,
        source_bytes=data,
        extractor="trafilatura",
        extractor_version=str(getattr(trafilatura, "__version__", "")),
        meta=info,
        check_language=check_language,
    )


# --------------------------------------------------------------------------- network

_NAMED_TYPES = {
    "application/pdf": "a PDF document",
    "application/json": "JSON data",
    "text/plain": "plain text",
    "application/xml": "an XML document",
    "text/xml": "an XML document",
    "application/rss+xml": "an RSS feed",
    "application/atom+xml": "an Atom feed",
    "application/zip": "a ZIP archive",
    "application/octet-stream": "a binary file",
    "application/msword": "a Word document",
}


def _describe_type(ctype: str) -> str:
    if ctype in _NAMED_TYPES:
        return _NAMED_TYPES[ctype]
    for prefix, name in (("image/", "an image"), ("video/", "a video"), ("audio/", "an audio file"), ("font/", "a font")):
        if ctype.startswith(prefix):
            return name
    if ctype.endswith("+json"):
        return "JSON data"
    return "not an HTML page"


@dataclass
class _Download:
    requested_url: str
    url: str  # after redirects
    status: int
    content_type: str
    charset: str | None
    data: bytes
    redirects: list[str] = field(default_factory=list)


def _check_scheme(url: str, *, after: str | None = None) -> None:
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        shown = f"{parts.scheme}://" if parts.scheme else "no scheme"
        if after:
            raise FetchError(
                f"{after} redirects to {url!r} ({shown}); framing only follows http:// and https:// links: "
                "open the page in a browser and save it as a file"
            )
        raise InputError(f"{url!r}: only http:// and https:// URLs can be fetched ({shown}); download the page and give the file instead")
    if not parts.hostname:
        raise InputError(f"{url!r} has no host name; give a full address such as https://example.org/news/story.html")


def _http_status_error(status: int, reason: str, url: str) -> FetchError:
    what = f"HTTP {status}{' ' + reason if reason else ''} from {url}"
    if status == 404 or status == 410:
        return FetchError(f"{what}: the page does not exist; check the address")
    if status in (401, 402, 403, 451):
        return FetchError(f"{what}: the site refuses access (login, paywall or bot block); save the page from your browser and run: framing read FILE.html")
    if status == 429:
        return FetchError(f"{what}: too many requests; wait a few minutes and try again")
    if status >= 500:
        return FetchError(f"{what}: the server failed; try again later")
    return FetchError(f"{what}; check the address, or save the page from your browser and run: framing read FILE.html")


def _decompressor(encoding: str, url: str):
    enc = encoding.strip().lower()
    if enc in ("", "identity"):
        return None
    if enc in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if enc == "deflate":
        return zlib.decompressobj(32 + zlib.MAX_WBITS)  # zlib or gzip header, auto-detected
    raise FetchError(f"{url} was sent with the unsupported content encoding {encoding!r}; save the page from your browser and run: framing read FILE.html")


def _oversize(url: str, max_bytes: int) -> FetchError:
    return FetchError(
        f"{url} is larger than {max_bytes:,} bytes (after decompression); framing stops there: save the article "
        "text into a .txt file and run: framing read FILE.txt (or raise max_bytes)"
    )


def _download(url: str, *, timeout: float, max_bytes: int) -> _Download:
    """GET ``url`` following at most ``MAX_REDIRECTS`` redirects, each hop's scheme checked; body capped after decoding.

    urllib3 rather than http.client: it verifies TLS certificates against the
    system store by default, handles chunked transfer and connection reuse, and
    gives separate connect and read timeouts; redirects and content decoding
    are switched off and done here, so every hop's scheme is checked and the
    size cap applies to decoded bytes (a compressed bomb stops at
    ``max_bytes``). A total deadline of ``4 * timeout`` guards against servers
    that trickle bytes.
    """
    import urllib3
    from urllib3 import exceptions as ux

    _check_scheme(url)
    pool = urllib3.PoolManager(
        num_pools=4,
        retries=False,
        timeout=urllib3.Timeout(connect=timeout, read=timeout),
        headers={
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
            "Accept-Encoding": "gzip, deflate",
            "Accept-Language": "en;q=1.0, *;q=0.5",
        },
    )
    deadline = time.monotonic() + 4 * timeout
    current, hops = url, []
    try:
        while True:
            host = urlsplit(current).hostname or current
            try:
                resp = pool.request("GET", current, redirect=False, retries=False, preload_content=False, decode_content=False)
            except ux.LocationParseError as exc:
                raise InputError(f"{current!r} is not a valid URL ({exc}); check the address") from exc
            except ux.NameResolutionError as exc:
                raise FetchError(f"cannot resolve the host name {host!r} (DNS lookup failed); check the address and your internet connection") from exc
            except ux.NewConnectionError as exc:  # (a subclass of ConnectTimeoutError in urllib3 2)
                raise FetchError(f"cannot connect to {host} ({_reason(exc)}); the host is unreachable: check the address or try again later") from exc
            except ux.ConnectTimeoutError as exc:
                raise FetchError(f"timed out after {timeout:g} s connecting to {host}; the site may be down or slow: try again later or raise --timeout") from exc
            except ux.ReadTimeoutError as exc:
                raise FetchError(f"timed out after {timeout:g} s waiting for {current} to answer; try again later or raise --timeout") from exc
            except ux.SSLError as exc:
                raise FetchError(f"secure connection to {host} failed ({_reason(exc)}); the site's certificate could not be verified") from exc
            except (ux.ProtocolError, ux.HTTPError, OSError) as exc:
                raise FetchError(f"the connection to {host} failed ({_reason(exc)}); check the address or try again later") from exc
            status = resp.status
            if status in (301, 302, 303, 307, 308):
                location = resp.headers.get("Location")
                _discard(resp)
                if not location:
                    raise FetchError(f"{current} answered with a redirect (HTTP {status}) but gave no new address; open it in a browser instead")
                nxt = urljoin(current, location.strip())
                _check_scheme(nxt, after=current)
                hops.append(nxt)
                if len(hops) > MAX_REDIRECTS:
                    raise FetchError(
                        f"{url} redirects more than {MAX_REDIRECTS} times (last to {nxt}); it may loop: open it in a browser and save the page"
                    )
                current = nxt
                continue
            break
        if status >= 400:
            _discard(resp)
            raise _http_status_error(status, resp.reason or "", current)
        if status != 200:
            _discard(resp)
            raise FetchError(f"{current} answered HTTP {status} {resp.reason or ''} instead of a page; check the address")
        raw_type = resp.headers.get("Content-Type", "")
        ctype = raw_type.split(";")[0].strip().lower()
        if ctype and ctype not in HTML_TYPES:
            _discard(resp)
            raise ContentTypeError(
                f"{current} is {_describe_type(ctype)} ({ctype}), not an HTML page; framing reads web pages: "
                "copy the article text into a .txt file and run: framing read FILE.txt"
            )
        m = _HEADER_CHARSET.search(raw_type)
        declared = m.group(1) if m else None
        decoder = _decompressor(resp.headers.get("Content-Encoding", ""), current)
        length = resp.headers.get("Content-Length")
        if decoder is None and length and length.isdigit() and int(length) > max_bytes:
            _discard(resp)
            raise _oversize(current, max_bytes)
        out = bytearray()
        try:
            for chunk in resp.stream(64 * 1024, decode_content=False):
                if decoder is None:
                    out += chunk
                else:
                    out += decoder.decompress(chunk, max_bytes + 1 - len(out))
                    if decoder.unconsumed_tail:
                        raise _oversize(current, max_bytes)
                if len(out) > max_bytes:
                    raise _oversize(current, max_bytes)
                if time.monotonic() > deadline:
                    raise FetchError(f"{current} took longer than {4 * timeout:g} s to download; try again later or raise --timeout")
            if decoder is not None:
                out += decoder.flush()
                if len(out) > max_bytes:
                    raise _oversize(current, max_bytes)
        except zlib.error as exc:
            raise FetchError(f"{current} sent a corrupt compressed body ({exc}); try again later") from exc
        except ux.ReadTimeoutError as exc:
            raise FetchError(f"timed out after {timeout:g} s reading {current}; try again later or raise --timeout") from exc
        except (ux.ProtocolError, ux.HTTPError, OSError) as exc:
            raise FetchError(f"the connection to {host} broke off while reading the page ({_reason(exc)}); try again") from exc
        finally:
            _discard(resp)
        if not ctype:
            head = bytes(out[:1024]).lstrip().lower()
            if head.startswith(b"%pdf-"):
                raise ContentTypeError(f"{current} is a PDF document, not an HTML page; copy the article text into a .txt file and run: framing read FILE.txt")
            if not (head.startswith(b"<") or b"<html" in head or b"<body" in head):
                raise ContentTypeError(f"{current} sent no content type and does not look like an HTML page; save it from your browser instead")
        return _Download(url, current, status, ctype or "text/html", declared, bytes(out), hops)
    finally:
        pool.clear()


def _discard(resp) -> None:
    """Close a response without reading the rest of its body (the connection is not reused)."""
    try:
        resp.close()
    finally:
        resp.release_conn()


def _reason(exc: Exception) -> str:
    """The innermost readable reason of a urllib3/socket error, on one line."""
    inner = exc
    for _ in range(5):
        nxt = getattr(inner, "reason", None) or inner.__cause__ or inner.__context__
        if nxt is None or nxt is inner or not isinstance(nxt, BaseException):
            break
        inner = nxt
    text = getattr(inner, "strerror", None) or str(inner) or type(inner).__name__
    text = re.sub(r"<[^>]+>:\s*", "", str(text))
    return " ".join(text.split())[:160]


def fetch_article(
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    check_language: bool = True,
) -> Article:
    """Download ``url`` and extract its article (the only network code in framing).

    http and https only (also after each redirect); at most 5 redirects;
    ``timeout`` seconds for connecting and for each read (and ``4 * timeout``
    for the whole download); at most ``max_bytes`` of decoded body; the
    content type must be HTML. ``Article.url`` is the address after
    redirects; ``meta`` records the requested URL, the charset and the
    canonical URL the page declares. Raises :class:`FetchError`,
    :class:`ContentTypeError`, :class:`ExtractionError`, :class:`LanguageError`.
    """
    if not isinstance(url, str):
        raise InputError(f"expected a URL string, got {type(url).__name__}")
    if timeout <= 0:
        raise InputError(f"timeout must be a positive number of seconds, got {timeout!r}")
    url = url.strip()
    started = time.monotonic()
    dl = _download(url, timeout=float(timeout), max_bytes=int(max_bytes))
    log.info("fetched %s: %d bytes in %.2f s (%d redirects)", dl.url, len(dl.data), time.monotonic() - started, len(dl.redirects))
    meta = {"requested_url": url if dl.redirects else None, "content_type": dl.content_type}
    return load_html(dl.data, url=dl.url, source=dl.url, charset=dl.charset, meta=meta, check_language=check_language)


# --------------------------------------------------------------------------- files and dispatch


def _decode_text_file(raw: bytes, where: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        from charset_normalizer import from_bytes

        best = from_bytes(raw[:200_000]).best()
        if best is None or not best.encoding:
            raise InputError(f"{where} is not text in a known encoding (byte {exc.start} is not UTF-8); re-save it as UTF-8") from exc
        log.warning("%s is not UTF-8; decoding it as %s", where, best.encoding)
        return raw.decode(best.encoding, errors="replace")


def _looks_binary(raw: bytes) -> bool:
    head = raw[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return False
    if b"\x00" in head:
        return True
    return head.startswith((b"%PDF-", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b"))


def looks_like_html(raw: bytes | str) -> bool:
    """True when the start of ``raw`` is HTML markup (a doctype, <html>, <head>, <body> or a block tag)."""
    head = raw[:2048] if isinstance(raw, str) else raw[:2048].decode("utf-8", errors="ignore")
    head = head.lstrip("\ufeff \t\r\n")
    if not head.startswith("<"):
        return False
    return re.search(r"<(!doctype\s+html|html|head|body|article|main|p|div|h1)[\s>/]", head, re.IGNORECASE) is not None


def _article_from_json(raw: bytes, where: str, *, check_language: bool) -> Article:
    try:
        d = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise InputError(f"{where} is not UTF-8 JSON (byte {exc.start}); re-save it as UTF-8") from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: malformed JSON at line {exc.lineno}, column {exc.colno} ({exc.msg}); fix the file or export it again with: framing read SOURCE --json") from exc
    if isinstance(d, dict) and isinstance(d.get("article"), dict):
        d = d["article"]  # a serialised Analysis holds its Article
    if not isinstance(d, dict):
        raise InputError(f"{where} holds a JSON {type(d).__name__}, not an Article object; export one with: framing read SOURCE --json")
    try:
        art = Article.from_dict(d)
    except (ValueError, TypeError) as exc:
        raise InputError(f"{where} is not a valid Article ({exc}); export one with: framing read SOURCE --json") from exc
    if "sha256" in d and d["sha256"] != art.sha256:
        log.warning("%s: the text was edited after export (sha256 differs); offsets are taken from the file as it is", where)
    if len(art.text.split()) < MIN_WORDS:
        raise ExtractionError(f"no article text found in {where}: fewer than {MIN_WORDS} words in 'text'")
    if check_language:
        globals()["check_language"](art.text, where=where)
    if not art.source:
        art = _replace(art, source=where)
    return art


def _replace(art: Article, **kw) -> Article:
    from dataclasses import replace

    return replace(art, **kw)


def load_path(path, *, check_language: bool = True) -> Article:
    """An Article from a file: ``.txt``/``.md`` (first line is the title), ``.html``/``.htm``/``.xhtml``, ``.json`` (an Article).

    Text files are read as UTF-8 (other encodings are detected with
    charset-normalizer, with a warning). A ``.json`` file holds an Article as
    written by ``framing read --json`` (or an Analysis, whose article is used).
    """
    p = Path(os.fspath(path)).expanduser()
    if not p.exists():
        raise InputError(f"{p}: no such file; check the path")
    if p.is_dir():
        raise InputError(f"{p} is a folder; give a file (.html, .htm, .txt, .md or .json)")
    suffix = p.suffix.lower()
    if suffix not in (".txt", ".md", ".text", ".markdown", "", ".html", ".htm", ".xhtml", ".json"):
        raise InputError(f"{p}: unsupported file type {suffix!r}; expected .html, .htm, .txt, .md or .json")
    try:
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(f"{p} is {size:,} bytes; framing reads files up to {MAX_FILE_BYTES:,} bytes: give the article alone")
        raw = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{p}: cannot read the file ({exc.strerror or exc}); check its permissions") from exc
    where = str(p)
    if not raw.strip():
        raise InputError(f"{p} is empty; give a file that holds the article")
    if _looks_binary(raw):
        raise InputError(f"{p} looks like a binary file, not text; give a .txt, .md, .html or .json file")
    if suffix in (".html", ".htm", ".xhtml"):
        return load_html(raw, source=where, check_language=check_language)
    if suffix == ".json":
        return _article_from_json(raw, where, check_language=check_language)
    text = _decode_text_file(raw, where)
    if suffix == "" and looks_like_html(text):
        return load_html(raw, source=where, check_language=check_language)
    title, body = split_title(text, markdown=suffix in (".md", ".markdown"))
    return load_text(unwrap_lines(body), title=title, source=where, source_bytes=raw, check_language=check_language)


_URL_LIKE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*://")
_DOMAIN_LIKE = re.compile(r"^(www\.)?[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}(/|$)")


def load_stdin(stream=None, *, check_language: bool = True) -> Article:
    """An Article from standard input: HTML when it looks like markup, else text (first line is the title)."""
    import sys

    stream = stream if stream is not None else sys.stdin
    if hasattr(stream, "isatty") and stream.isatty():
        raise InputError("nothing on stdin (it is a terminal); pipe an article in, e.g.: cat story.txt | framing read -")
    buf = getattr(stream, "buffer", stream)
    data = buf.read(MAX_FILE_BYTES + 1)
    if isinstance(data, str):
        data = data.encode("utf-8", errors="surrogatepass")
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"stdin holds more than {MAX_FILE_BYTES:,} bytes; give the article alone")
    if not data.strip():
        raise InputError("stdin is empty; pipe an article in, e.g.: cat story.txt | framing read -")
    if _looks_binary(data):
        raise InputError("stdin looks like binary data, not text or HTML; pipe a text or HTML article")
    if looks_like_html(data):
        return load_html(data, source="stdin", check_language=check_language)
    text = _decode_text_file(data, "stdin")
    title, body = split_title(text)
    return load_text(unwrap_lines(body), title=title, source="stdin", source_bytes=data, check_language=check_language)


def load(
    source,
    *,
    check_language: bool = True,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Article:
    """Dispatch: an ``http(s)://`` URL (fetched), ``-`` for stdin, or a path to an existing file."""
    if isinstance(source, os.PathLike):
        return load_path(source, check_language=check_language)
    if not isinstance(source, str):
        raise InputError(f"expected a URL, a path or '-', got {type(source).__name__}")
    s = source.strip()
    if not s:
        raise InputError("no source given; pass a URL (https://...), a file path, or - for stdin")
    if s == "-":
        return load_stdin(check_language=check_language)
    if _URL_LIKE.match(s):
        scheme = s.split(":", 1)[0].lower()
        if scheme in ("http", "https"):
            return fetch_article(s, timeout=timeout, max_bytes=max_bytes, check_language=check_language)
        raise InputError(f"{s!r}: only http:// and https:// URLs can be fetched ({scheme}:// is not supported); download the page and give the file instead")
    p = Path(s).expanduser()
    if p.exists():
        return load_path(p, check_language=check_language)
    if "/" in s or "\\" in s or p.suffix.lower() in (".txt", ".md", ".html", ".htm", ".json", ".xhtml"):
        if not _DOMAIN_LIKE.match(s):
            raise InputError(f"{s}: no such file; check the path (or give a URL starting with https://)")
    if _DOMAIN_LIKE.match(s):
        raise InputError(f"{s!r} is not an existing file; if it is a web address, add the scheme: framing read https://{s}")
    raise InputError(f"{s!r} is neither an http(s) URL nor an existing file; check the path, or give a URL starting with https://")
