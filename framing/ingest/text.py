"""Plain text: the one normalisation of framing, and Articles from text.

* :func:`normalize_text` — normalise once (NFC, ``\\n`` line ends, odd spaces to
  spaces, control and invisible characters dropped, trimmed lines, at most one
  blank line between paragraphs); nothing downstream re-normalises, so offsets
  stay valid.
* :func:`load_text` — an Article from text and an optional title.
* :func:`split_title` — the first line of a text file as its title.
* :func:`unwrap_lines` — re-join hard-wrapped paragraphs of text files and stdin.

No network.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from framing.errors import ExtractionError, InputError
from framing.ingest.language import check_language as _check_language
from framing.ingest.language import detect_language
from framing.schema import Article

MIN_WORDS = 5
MAX_TEXT_CHARS = 1_000_000
MAX_TITLE_CHARS = 300

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
    lang = _check_language(full, where=source) if check_language else detect_language(full)[0]
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

