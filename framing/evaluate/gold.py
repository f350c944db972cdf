"""Hand-made gold annotations of real articles: the one file format and its loader.

Gold files live in ``tests/gold/`` (one JSON Lines file per task, e.g.
``attribution.jsonl``, ``stance.jsonl``, ``loaded.jsonl``, ``claims.jsonl``) and
hold **no article text**: each record names an article, character offsets into
its text and a short digest of each span, so the annotation can be checked
against the data without copying it (the shared corpus is research data).

Offsets refer to ``Article.text`` exactly as framing builds it for that article
(:func:`article_text`): for a record of the shared corpus,
``load_text(record["text"], title=record["title"])`` (title, blank line, body,
both normalised); for the seed, ``load_path`` of the file (first line = title). The same function is
used by the annotation helpers and by the evaluators, so offsets cannot drift.

One record per line::

    {"task": "attribution", "article": "<corpus id or 'seed'>", "text_sha": "<12 hex>",
     "kind": "direct_quote", "spans": {"content": [s, e, "<8 hex>"], "cue": [s, e, "<8 hex>"]},
     "labels": {"speaker": "Mark Esper"}, "note": "..."}

``spans`` maps a role name to ``[start, end, digest]``; ``labels`` holds the
annotation's non-span values (a canonical speaker name, a stance sign, a verdict…);
``note`` is optional free text in the annotator's own words (never the article's).
Lines starting with ``#`` are comments. :func:`load` verifies every digest
against the article text and raises :class:`GoldError` naming the line on any
mismatch, so a gold file that no longer fits the data fails loudly.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from framing.errors import FramingError
from framing.ingest import load_path, load_text

SEED_ID = "seed"


class GoldError(FramingError):
    """A gold file does not fit the article texts (bad line, unknown article, digest mismatch)."""


def digest(s: str, n: int = 8) -> str:
    """A short sha1 hex digest of a span's text (``n`` hex characters)."""
    return hashlib.sha1(s.encode("utf-8")).hexdigest()[:n]


def text_sha(text: str) -> str:
    """The 12-hex sha256 of a whole article text (identifies the text version an annotation was made on)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def article_text(record: Mapping[str, Any]) -> str:
    """``Article.text`` for one shared-corpus record (title + body, normalised as framing reads it)."""
    return load_text(record["text"], title=record.get("title") or None, check_language=False).text


def seed_text(path: str | Path) -> str:
    """``Article.text`` for the seed file, exactly as ``framing read``/``score`` build it (first line = title)."""
    return load_path(path, check_language=False).text


def corpus_texts(corpus: str | Path, seed: str | Path | None = None) -> dict[str, str]:
    """Map article id -> ``Article.text`` for every record of a corpus JSON Lines file (plus ``"seed"``)."""
    out: dict[str, str] = {}
    with Path(corpus).open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                out[rec["id"]] = article_text(rec)
    if seed is not None:
        out[SEED_ID] = seed_text(seed)
    return out


def locate(text: str, phrase: str, occurrence: int = 1, *, after: int = 0) -> tuple[int, int]:
    """``(start, end)`` of the ``occurrence``-th match of ``phrase`` in ``text`` at or after ``after``.

    Whitespace in ``phrase`` matches any run of whitespace; raises :class:`GoldError` when absent.
    A tool for annotators turning phrases they read into offsets.
    """
    pat = re.compile(r"\s+".join(re.escape(w) for w in phrase.split()))
    for i, m in enumerate(pat.finditer(text, after), start=1):
        if i == occurrence:
            return m.start(), m.end()
    raise GoldError(f"phrase {phrase[:40]!r} (occurrence {occurrence}) not found after offset {after}")


def span_entry(text: str, start: int, end: int) -> list[Any]:
    """The stored form of a span: ``[start, end, digest(text[start:end])]``."""
    return [start, end, digest(text[start:end])]


@dataclass(frozen=True)
class GoldRecord:
    """One annotation: an article id, a kind, named spans ``(start, end)`` and labels."""

    task: str
    article: str
    kind: str
    spans: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    labels: Mapping[str, Any] = field(default_factory=dict)
    note: str = ""
    line: int = 0


def _parse(line: str, where: str) -> dict[str, Any]:
    try:
        d = json.loads(line)
    except json.JSONDecodeError as exc:
        raise GoldError(f"{where}: not JSON ({exc.msg})") from None
    if not isinstance(d, dict) or not isinstance(d.get("article"), str) or not isinstance(d.get("kind"), str):
        raise GoldError(f"{where}: a gold record needs string 'article' and 'kind'")
    return d


def _check_span(text: str, role: str, entry: Any, where: str) -> tuple[int, int]:
    if not (isinstance(entry, list) and len(entry) == 3):
        raise GoldError(f"{where}: span {role!r} must be [start, end, digest]")
    s, e, dg = entry
    if not (isinstance(s, int) and isinstance(e, int) and 0 <= s <= e <= len(text)):
        raise GoldError(f"{where}: span {role!r} offsets {s}..{e} are outside the article")
    if digest(text[s:e]) != dg:
        raise GoldError(f"{where}: span {role!r} at {s}..{e} does not match its digest (the text changed?)")
    return s, e


def read(path: str | Path, texts: Mapping[str, str]) -> Iterator[GoldRecord]:
    """Yield the records of one gold file, each verified against ``texts`` (from :func:`corpus_texts`)."""
    p = Path(path)
    with p.open(encoding="utf-8") as fh:
        for n, raw in enumerate(fh, start=1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            where = f"{p.name}:{n}"
            d = _parse(line, where)
            text = texts.get(d["article"])
            if text is None:
                raise GoldError(f"{where}: unknown article {d['article']!r}")
            if d.get("text_sha") and d["text_sha"] != text_sha(text):
                raise GoldError(f"{where}: article {d['article']!r} text differs from the annotated version")
            spans = {r: _check_span(text, r, v, where) for r, v in (d.get("spans") or {}).items()}
            yield GoldRecord(task=str(d.get("task", p.stem)), article=d["article"], kind=d["kind"], spans=spans,
                             labels=d.get("labels") or {}, note=str(d.get("note", "")), line=n)


def load(path: str | Path, texts: Mapping[str, str]) -> list[GoldRecord]:
    """All records of one gold file (see :func:`read`)."""
    return list(read(path, texts))


def dump(records: Iterable[Mapping[str, Any]], path: str | Path) -> None:
    """Write raw gold records (dicts in the stored form) as JSON Lines, one per line, keys sorted."""
    with Path(path).open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n")
