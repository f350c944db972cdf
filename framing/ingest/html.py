"""HTML: decode page bytes and extract the article with trafilatura (:func:`load_html`).

Boilerplate (navigation, ads, cookie banners, comments, related links) is
dropped; each extracted block is its own paragraph, separated by a blank line,
so a headline, a dateline or a caption is always its own line and
:mod:`framing.nlp` never glues it into the first body sentence. No network.

Extraction: Barbaresi, A. (2021). *Trafilatura: A Web Scraping Library and
Command-Line Tool for Text Discovery and Extraction*. ACL-IJCNLP demos.
Encoding detection follows the WHATWG HTML order (BOM, transport header, meta
declaration), then charset-normalizer for undeclared pages.
"""

from __future__ import annotations

import codecs
import logging
import re
from typing import Any

from charset_normalizer import from_bytes

from framing.errors import ContentTypeError, ExtractionError, InputError
from framing.ingest.text import load_text, normalize_text
from framing.schema import Article

log = logging.getLogger(__name__)

_META_CHARSET = re.compile(rb"""<meta[^>]{0,500}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
# WHATWG: these labels mean windows-1252 in HTML.
_WINDOWS_1252_LABELS = {"latin1", "latin-1", "iso-8859-1", "iso8859-1", "iso_8859-1", "l1", "ascii", "us-ascii", "cp819", "ibm819"}


def _codec(label: str | None) -> str | None:
    """A Python codec name for a charset label, or None when unknown."""
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
    for bom, bom_codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(bom_codec, errors="replace"), bom_codec.replace("-sig", "")
    candidates: list[tuple[str, str | None]] = []
    if declared:
        candidates.append(("header", _codec(declared)))
    m = _META_CHARSET.search(data[:4096])
    if m:
        candidates.append(("meta", _codec(m.group(1).decode("ascii", "replace"))))
    candidates.append(("utf-8", "utf-8"))
    for origin, enc in candidates:
        if not enc or enc.startswith(("utf-16", "utf-32")):
            continue  # a meta tag read as ASCII cannot declare UTF-16 truthfully
        try:
            return data.decode(enc), enc
        except (UnicodeDecodeError, LookupError):
            log.debug("declared encoding %s (%s) does not decode the page", enc, origin)
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
    import trafilatura  # lazy: heavy (lxml, htmldate, courlan)

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
        doc: Any = trafilatura.bare_extraction(  # a trafilatura Document (attributes read below) or None
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



def looks_like_html(raw: bytes | str) -> bool:
    """True when the start of ``raw`` is HTML markup (a doctype, <html>, <head>, <body> or a block tag)."""
    head = raw[:2048] if isinstance(raw, str) else raw[:2048].decode("utf-8", errors="ignore")
    head = head.lstrip("\ufeff \t\r\n")
    if not head.startswith("<"):
        return False
    return re.search(r"<(!doctype\s+html|html|head|body|article|main|p|div|h1)[\s>/]", head, re.IGNORECASE) is not None

