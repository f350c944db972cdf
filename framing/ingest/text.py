"""Plain text: the one normalisation of framing, and Articles from text.

* :func:`normalize_text` — normalise once (NFC, ``\\n`` line ends, odd spaces to
  spaces, control and invisible characters dropped, trimmed lines, at most one
  blank line between paragraphs); nothing downstream re-normalises, so offsets
  stay valid.
* :func:`load_text` — an Article from text and an optional title (words mixing
  Latin, Greek and Cyrillic letters flagged in ``Article.meta["mixed_script_words"]``).
* :func:`split_title` — the first line of a text file as its title.
* :func:`unwrap_lines` — re-join hard-wrapped paragraphs of text files and stdin.

No network.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import re
import unicodedata

from framing.errors import ExtractionError, InputError
from framing.ingest.language import check_language as _check_language
from framing.ingest.language import detect_language
from framing.safetext import terminal_safe
from framing.schema import Article

log = logging.getLogger(__name__)

MIN_WORDS = 5
MAX_LISTED_MIXED = 20
MAX_TEXT_CHARS = 1_000_000
MAX_TITLE_CHARS = 300

# --------------------------------------------------------------------------- text normalisation

# Format characters (Unicode category Cf) are invisible: inside a word they split it for matching ("terr\u200dorist"
# no longer matches the lexicon) while the reader sees the word whole, and bidi controls reorder what is displayed.
# All of them are dropped, with two documented exceptions that only apply outside Latin, Greek and Cyrillic words:
# * ZWNJ/ZWJ (U+200C/U+200D) and the Mongolian vowel separator (U+180E) are kept *between two letters (or marks) of
#   another script*: Persian, Arabic, the Indic scripts and Mongolian need them for correct spelling (e.g. Persian
#   "mi-khaham" with a ZWNJ). Inside an English word, in emoji sequences or at a word edge they are dropped.
# * visible script signs of category Cf (Arabic/Syriac number and end-of-ayah signs, Kaithi number signs, Egyptian
#   hieroglyph and shorthand format controls) are kept unless they touch a Latin, Greek or Cyrillic letter.
# Everything else of category Cf goes: zero-width space, word joiner and the invisible operators (U+2060-U+2064),
# BOM / zero-width no-break space (U+FEFF), soft hyphen, LRM/RLM/ALM, the bidi embeddings, overrides and isolates
# (U+202A-U+202E, U+2066-U+2069), the deprecated format characters (U+206A-U+206F), interlinear annotation
# (U+FFF9-U+FFFB) and tag characters (U+E0000-U+E007F).
_JOINERS = frozenset("\u200c\u200d\u180e")
_SCRIPT_SIGNS = frozenset(
    [*map(chr, range(0x0600, 0x0606)), "\u06dd", "\u070f", "\u0890", "\u0891", "\u08e2", "\U000110bd", "\U000110cd",
     *map(chr, range(0x13430, 0x13460)), *map(chr, range(0x1BCA0, 0x1BCA4))]
)
_WORD_SCRIPTS = frozenset({"LATIN", "GREEK", "CYRILLIC"})
# Combining marks shared by every script (no script of their own).
_GENERIC_MARKS = ((0x0300, 0x036F), (0x1AB0, 0x1AFF), (0x1DC0, 0x1DFF), (0x20D0, 0x20FF), (0xFE20, 0xFE2F))
# Line separators that str.splitlines() honours besides \n and \r.
_LINE_SEPARATORS = dict.fromkeys(map(ord, "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"), "\n")


@functools.lru_cache(maxsize=4096)
def script_of(ch: str) -> str | None:
    """``LATIN``, ``GREEK`` or ``CYRILLIC`` for a letter of those scripts (by its Unicode name), else None."""
    words = set(unicodedata.name(ch, "").split())
    found = words & _WORD_SCRIPTS
    return min(found) if found else None


def _other_script_letter(ch: str) -> bool:
    """A letter or mark of a script other than Latin, Greek and Cyrillic (one that may need joiners)."""
    if not ch or ord(ch) < 0x0370 or unicodedata.category(ch)[0] not in "LM":
        return False
    o = ord(ch)
    return not any(lo <= o <= hi for lo, hi in _GENERIC_MARKS) and script_of(ch) is None


def _keep_format(ch: str, before: str, after: str) -> bool:
    """Whether the format character ``ch`` (category Cf) between ``before`` and ``after`` is kept (see above)."""
    if ch in _JOINERS:
        return _other_script_letter(before) and _other_script_letter(after)
    if ch in _SCRIPT_SIGNS:
        return not any(c and c.isalpha() and script_of(c) is not None for c in (before, after))
    return False


def _clean(text: str) -> str:
    out = []
    for i, ch in enumerate(text):
        if ch == "\n" or (ch.isascii() and ch.isprintable()):
            out.append(ch)
            continue
        cat = unicodedata.category(ch)
        if cat == "Zs" or ch == "\t":
            out.append(" ")
        elif cat == "Cs":
            out.append("\ufffd")  # a lone surrogate (from JSON "\\ud800"): not encodable, shown as the replacement mark
        elif cat == "Cc" or (cat == "Cf" and not _keep_format(ch, text[i - 1] if i else "", text[i + 1 : i + 2])):
            continue
        else:
            out.append(ch)
    return "".join(out)


def normalize_text(text: str) -> str:
    """Normalise once: NFC, ``\\n`` line ends, odd spaces to spaces, no control or invisible characters, trimmed lines, <= 1 blank line.

    Invisible characters are the C0/C1 controls and the Unicode format characters (category Cf:
    zero-width characters, bidi controls, soft hyphen, tags...), minus the few a non-Latin script
    needs (see the comment above ``_JOINERS``). Removing them here, before any offset exists,
    keeps every evidence span pointing into the text the reader sees, and stops invisible
    characters inside a loaded word from hiding it from the lexicon.

    Terminal escape sequences are removed whole (:func:`framing.safetext.terminal_safe`).
    Idempotent: ``normalize_text(normalize_text(t)) == normalize_text(t)``.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_LINE_SEPARATORS)
    if "\x1b" in text or "\x9b" in text or "\x9d" in text:
        text = terminal_safe(text)  # a whole escape sequence goes, not only its ESC byte
    text = unicodedata.normalize("NFC", text)
    if not text.isascii() or any(ord(c) < 32 and c != "\n" for c in text) or "\x7f" in text:
        text = _clean(text)
    text = unicodedata.normalize("NFC", text)  # dropping a control character can bring combinable marks together
    text = re.sub(r"[ ]{2,}", " ", text)
    text = "\n".join(ln.strip() for ln in text.split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()



_WORD = re.compile(r"\w+")


def mixed_script_words(text: str) -> list[str]:
    """The words of ``text`` (in order, repeats included) that mix letters of Latin, Greek and Cyrillic.

    Such a word is almost always a homoglyph trick ("t\u0435rrorist" with a Cyrillic ie looks like
    "terrorist" but matches nothing in the lexicon); rare honest cases exist (a unit such as "\u03bcg"
    written with a Greek mu). Pure-ASCII text has none.
    """
    if text.isascii():
        return []
    out = []
    for m in _WORD.finditer(text):
        w = m.group()
        if not w.isascii() and len({script_of(c) for c in w if c.isalpha()} - {None}) > 1:
            out.append(w)
    return out


def _mixed_script_note(text: str, source: str) -> str | None:
    """``"<count>: word, word..."`` for ``Article.meta["mixed_script_words"]`` (None when there are none); logs a warning."""
    found = mixed_script_words(text)
    if not found:
        return None
    distinct = list(dict.fromkeys(found))
    listed = ", ".join(distinct[:MAX_LISTED_MIXED]) + (", ..." if len(distinct) > MAX_LISTED_MIXED else "")
    log.warning("%s: %d word(s) mix Latin, Greek or Cyrillic letters (look-alike characters?): %s", source, len(found), listed)
    return f"{len(found)}: {listed}"


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
    ``check_language`` is false). Words mixing Latin, Greek and Cyrillic letters
    (homoglyph tricks) are logged as a warning and recorded in ``meta`` as
    ``mixed_script_words`` = ``"<occurrences>: word, word..."`` (only when there are any).
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
    mixed = _mixed_script_note(full, source)
    if mixed is not None:
        meta = {**(meta or {}), "mixed_script_words": mixed}
    raw = source_bytes if source_bytes is not None else text.encode("utf-8", errors="surrogatepass")
    url, outlet, published, byline = (clean_field(v) for v in (url, outlet, published, byline))
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
        meta=tuple(sorted((clean_field(str(k)) or "", clean_field(str(v)) or "") for k, v in (meta or {}).items() if v is not None)),
    )


def clean_field(value: str | None) -> str | None:
    """A metadata field (outlet, byline, date, URL, meta value) on one line, without controls or invisible characters."""
    if value is None:
        return None
    return " ".join(normalize_text(str(value)).split())


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

