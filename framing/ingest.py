"""Ingest: turn a URL, an HTML page, a file or plain text into one clean Article.

``fetch_article`` is the only network code in framing; ``load_*`` never touch
the network. Text is normalised here, once (Unicode NFC, ``\\n`` line ends,
no trailing spaces, at most one blank line between paragraphs); nothing
downstream re-normalises, so offsets stay valid.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

from .errors import ExtractionError, LanguageError
from .schema import Article

MIN_WORDS = 5
MAX_TEXT_CHARS = 1_000_000


def normalize_text(text: str) -> str:
    """Normalise once: NFC, ``\\n`` line ends, tabs/odd spaces to spaces, trimmed lines, <= 1 blank line."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u2009", " ").replace("\u202f", " ").replace("\t", " ")
    text = text.replace("\u200b", "").replace("\ufeff", "")
    text = re.sub(r"[ ]{2,}", " ", text)
    lines = [ln.strip() for ln in text.split("\n")]
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


@functools.cache
def _identifier():
    from py3langid.langid import _load_identifier

    return _load_identifier(norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """(ISO 639-1 code, probability in [0, 1]) from py3langid's bundled model (first 5,000 characters)."""
    lang, prob = _identifier().classify(text[:5000])
    return str(lang), float(prob)


def check_language(text: str, *, where: str = "the text") -> str:
    """Raise :class:`LanguageError` unless ``text`` is English; return the code."""
    lang, prob = detect_language(text)
    if lang != "en" and prob > 0.8:
        raise LanguageError(
            f"{where} looks like {lang!r} (confidence {prob:.2f}), not English; framing analyzes English text only "
            "(pass --any-language / check_language=False to analyze it anyway)"
        )
    return "en" if lang != "en" else lang


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
    """An Article from plain text. ``title`` (if any) becomes the first paragraph of ``Article.text``."""
    if not isinstance(text, str):
        raise ExtractionError(f"expected text as a str, got {type(text).__name__}")
    body = normalize_text(text)
    head = normalize_text(title).replace("\n", " ") if title else ""
    if len(body.split()) + len(head.split()) < MIN_WORDS:
        raise ExtractionError(f"no article text found in {source}: {len(body.split())} words (at least {MIN_WORDS} needed)")
    full = f"{head}\n\n{body}" if head and body else (head or body)
    if len(full) > MAX_TEXT_CHARS:
        raise ExtractionError(
            f"{source} holds {len(full):,} characters of text; framing analyzes at most {MAX_TEXT_CHARS:,}: split it into parts"
        )
    lang = globals()["check_language"](full, where=source) if check_language else "en"
    raw = source_bytes if source_bytes is not None else text.encode("utf-8")
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
        meta=tuple(sorted((str(k), str(v)) for k, v in (meta or {}).items())),
    )


def load_path(path, *, check_language: bool = True) -> Article:
    """An Article from a file: ``.txt``/``.md`` (first line is the title), ``.html``/``.htm``, ``.json`` (an Article)."""
    from pathlib import Path

    from .errors import InputError

    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file; check the path")
    if p.is_dir():
        raise InputError(f"{p} is a folder; give a file (.html, .htm, .txt, .md, .json)")
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{p}: cannot read the file ({exc.strerror}); check its permissions") from exc
    suffix = p.suffix.lower()
    if suffix in (".txt", ".md", ""):
        if b"\x00" in raw[:4096]:
            raise InputError(f"{p} looks like a binary file, not text; give a .txt, .md, .html or .json file")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(f"{p} is not valid UTF-8 text (byte {exc.start}); re-save it as UTF-8") from exc
        text = text.replace("\r\n", "\n")
        first, _, rest = text.strip().partition("\n")
        if suffix == ".md":
            first = first.lstrip("#").strip()
        return load_text(rest, title=first, source=str(p), source_bytes=raw, check_language=check_language)
    raise InputError(f"{p}: unsupported file type {suffix!r}; expected .html, .htm, .txt, .md or .json")


def load(source: str, *, check_language: bool = True, timeout: float = 15.0) -> Article:
    """Dispatch: an http(s) URL, ``-`` for stdin, or a path."""
    import sys

    if source == "-":
        data = sys.stdin.buffer.read()
        return load_text(data.decode("utf-8", errors="replace"), source="stdin", source_bytes=data, check_language=check_language)
    return load_path(source, check_language=check_language)
