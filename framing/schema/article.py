"""Article: the text (headline included) and its metadata: the one offset space of an analysis."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from framing.schema.errors import SchemaError


@dataclass(frozen=True, slots=True)
class Article:
    """One article: its text (headline included) and metadata.

    ``text`` is the single offset space: the title, a blank line, then the
    body (when there is a title). ``body_start`` is the offset where the body
    begins. ``source_sha256`` hashes the bytes the article was read from;
    :attr:`sha256` hashes ``text`` and keys every cache.
    """

    text: str
    title: str = ""
    body_start: int = 0
    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO 8601 date or datetime
    byline: str | None = None
    language: str = "en"
    source_sha256: str = ""
    extractor: str = ""
    extractor_version: str = ""
    source: str = ""  # where it was loaded from: url, path, "stdin", "text"
    meta: tuple[tuple[str, str], ...] = field(default=())  # extra string metadata (event, lean...)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def body(self) -> str:
        return self.text[self.body_start :]

    @property
    def word_count(self) -> int:
        return len(self.text[self.body_start :].split())

    def get(self, key: str, default: str | None = None) -> str | None:
        return dict(self.meta).get(key, default)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["meta"] = dict(self.meta)
        d["sha256"] = self.sha256
        d["word_count"] = self.word_count
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Article:
        names = {f.name for f in fields(cls)}
        kw = {k: v for k, v in d.items() if k in names}
        if "text" not in kw or not isinstance(kw["text"], str):
            raise SchemaError("an Article needs a 'text' string")
        for name in ("title", "language", "source_sha256", "extractor", "extractor_version", "source"):
            if name in kw and kw[name] is None:
                del kw[name]  # the default
            elif name in kw and not isinstance(kw[name], str):
                raise SchemaError(f"Article field {name!r} must be a string, got {type(kw[name]).__name__}")
        for name in ("url", "outlet", "published", "byline"):
            if kw.get(name) is not None and not isinstance(kw[name], str):
                raise SchemaError(f"Article field {name!r} must be a string or null, got {type(kw[name]).__name__}")
        if "body_start" in kw and (not isinstance(kw["body_start"], int) or isinstance(kw["body_start"], bool)):
            raise SchemaError(f"Article field 'body_start' must be an integer, got {kw['body_start']!r}")
        meta = kw.get("meta") or {}
        if isinstance(meta, (list, tuple)):
            try:
                meta = dict(meta)
            except (TypeError, ValueError):
                raise SchemaError("Article field 'meta' must be an object of strings") from None
        if not isinstance(meta, Mapping):
            raise SchemaError(f"Article field 'meta' must be an object of strings, got {type(meta).__name__}")
        kw["meta"] = tuple(sorted((str(k), str(v)) for k, v in dict(meta).items()))
        art = cls(**kw)
        problems = article_problems(art)
        if problems:
            raise SchemaError(problems[0])
        return art


def article_problems(article: Article) -> list[str]:
    """Offset invariants of an Article itself."""
    out = []
    if not (0 <= article.body_start <= len(article.text)):
        out.append(f"body_start {article.body_start} is outside the text (length {len(article.text)})")
    elif article.title and not article.text.startswith(article.title):
        out.append("the text does not begin with the title")
    return out
