"""Analyses and comparisons as tables: plain rows (lists of dicts) and, with pandas, DataFrames.

Four tables describe analyses, one row per item, every row keyed by ``article_id`` (the first 16 hex digits of
the article text's sha256, the store's key) so they join:

* ``articles`` — one row per article: id, title, outlet, lean, event, url, date, word count, and every measure of
  every section as ``<section>.<measure>`` (a rate, share or count; the unit is in the measure's label; empty when
  the measure does not apply);
* ``findings`` — every evidence span a section highlights: ``section``, ``rule`` id, ``start``/``end`` (half-open
  character offsets into the article text), ``quote`` (= ``text[start:end]``), signed ``weight``, ``detail``;
* ``actors`` — each actor with its stance: name, kind, affiliation, mentions, salience, stance in [-1, 1], its
  label and how it was found;
* ``attributions`` — each quote: type, speaker as written and its kind, the attribution cue and its class, the
  quote's and the speaker's offsets.

A comparison adds ``measures`` (one row per measure: the target's value, the peers' median, range and the target's
percentile) and ``peers`` (one row per peer article and its similarity to the target).

The rows need nothing beyond the standard library; :func:`to_frames` turns them into ``pandas.DataFrame`` objects
(pandas is optional: ``pip install 'framing-analyzer[tables]'``) and raises ImportError with that command when it
is missing.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["ANALYSIS_TABLES", "COMPARISON_TABLES", "FORMATS", "analysis_rows", "comparison_rows", "encode_table",
           "rows_of_many", "to_frames"]

#: export format -> file suffix
FORMATS = {"csv": ".csv", "jsonl": ".jsonl", "parquet": ".parquet"}

ANALYSIS_TABLES = ("articles", "findings", "actors", "attributions")
COMPARISON_TABLES = ("measures", "peers")

_ACTOR_FIELDS = ("name", "kind", "affiliation", "mentions", "salience", "stance", "stance_label", "stance_method",
                 "stance_author", "stance_quoted")
_QUOTE_FIELDS = ("type", "speaker_text", "speaker_kind", "speaker", "cue", "cue_class", "cue_weight", "start", "end",
                 "speaker_start", "speaker_end", "content_start", "content_end", "rule", "quote")


def article_id(sha256: str) -> str:
    """The short id of an article: the first 16 hex digits of its text's sha256."""
    return sha256[:16]


def _plain(v: Any) -> Any:
    """A value a CSV cell or a Parquet column holds: lists and dicts joined/serialised, others unchanged."""
    if isinstance(v, list | tuple):
        return "; ".join(str(x) for x in v)
    if isinstance(v, Mapping):
        return "; ".join(f"{k}={x}" for k, x in v.items())
    return v


def analysis_rows(analysis: Any) -> dict[str, list[dict[str, Any]]]:
    """The four tables of one :class:`~framing.schema.analysis.Analysis` as lists of row dicts."""
    art = analysis.article
    aid = article_id(art.sha256)
    meta = dict(art.meta or {})
    article: dict[str, Any] = {
        "article_id": aid, "title": art.title, "outlet": art.outlet, "lean": meta.get("lean"),
        "event": meta.get("event"), "url": art.url, "published": art.published, "word_count": art.word_count,
    }
    findings: list[dict[str, Any]] = []
    for name, section in analysis.sections.items():
        for key, measure in section.measures(art).items():
            article[f"{name}.{key}"] = measure.value
        for ev in section.evidence():
            findings.append({"article_id": aid, "section": name, "rule": ev.rule, "start": ev.span.start,
                             "end": ev.span.end, "quote": ev.quote, "weight": ev.weight, "detail": ev.detail})
    d = analysis.to_dict()
    actors = []
    stance = list(d.get("stance") or [])
    for i, a in enumerate(d.get("actors") or []):
        card = {**a, **({k: v for k, v in stance[i].items() if k != "name"} if i < len(stance) else {})}
        actors.append({"article_id": aid, **{f: _plain(card.get(f)) for f in _ACTOR_FIELDS}})
    quotes = [{"article_id": aid, **{f: _plain(q.get(f)) for f in _QUOTE_FIELDS}}
              for q in (d.get("attribution") or {}).get("quotes", [])]
    return {"articles": [article], "findings": findings, "actors": actors, "attributions": quotes}


def rows_of_many(analyses: Iterable[Any]) -> dict[str, list[dict[str, Any]]]:
    """The four tables of several analyses, concatenated (the ``articles`` rows get the union of measure columns)."""
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in ANALYSIS_TABLES}
    for a in analyses:
        for name, rows in analysis_rows(a).items():
            out[name].extend(rows)
    return out


def comparison_rows(comparison: Any) -> dict[str, list[dict[str, Any]]]:
    """The target's four tables plus ``measures`` and ``peers`` of a :class:`~framing.schema.comparison.Comparison`."""
    d = comparison.to_dict()
    out = analysis_rows(comparison.target.analysis)
    measures = []
    for key, m in d["measures"].items():
        peers = m.get("peers") or {}
        measures.append({"measure": key, "label": m.get("label"), "unit": m.get("unit"), "target": m.get("target"),
                         "peers_median": peers.get("median"), "peers_min": peers.get("min"),
                         "peers_max": peers.get("max"), "percentile": m.get("percentile"),
                         "ratio_to_median": m.get("ratio_to_median")})
    peers = []
    for p in d["peers"]:
        peers.append({k: _plain(v) for k, v in p.items() if not isinstance(v, Mapping) or k == "meta"})
    out["measures"] = measures
    out["peers"] = peers
    return out


def to_frames(rows: Mapping[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """``{table name: pandas.DataFrame}`` of :func:`analysis_rows` / :func:`comparison_rows` output."""
    try:
        import pandas as pd  # lazy: optional dependency (the tables extra), heavy
    except ImportError as exc:
        raise ImportError("DataFrames need pandas: pip install 'framing-analyzer[tables]'") from exc
    return {name: pd.DataFrame.from_records(table) if table else pd.DataFrame() for name, table in rows.items()}


def _columns(rows: list[dict[str, Any]]) -> list[str]:
    cols: dict[str, None] = {}
    for r in rows:
        cols.update(dict.fromkeys(r))
    return list(cols)


def encode_table(rows: list[dict[str, Any]], fmt: str) -> bytes:
    """One table in an export format: ``csv`` (UTF-8, a header row, empty cells for None), ``jsonl`` (one JSON
    object a line, every row with every column) or ``parquet`` (needs pyarrow: the tables extra)."""
    cols = _columns(rows)
    full = [{c: _plain(r.get(c)) for c in cols} for r in rows]
    if fmt == "csv":
        buf = io.StringIO(newline="")
        w = csv.DictWriter(buf, fieldnames=cols, lineterminator="\n")
        w.writeheader()
        w.writerows(full)
        return buf.getvalue().encode("utf-8")
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in full).encode("utf-8")
    if fmt == "parquet":
        try:
            import pyarrow as pa  # lazy: optional dependency (the tables extra), heavy
            import pyarrow.parquet as pq  # lazy: as above
        except ImportError as exc:
            raise ImportError("Parquet export needs pyarrow: pip install 'framing-analyzer[tables]'") from exc
        table = pa.Table.from_pylist(full) if full else pa.table({c: [] for c in cols})
        sink = io.BytesIO()
        pq.write_table(table, sink)
        return sink.getvalue()
    raise ValueError(f"unknown table format {fmt!r}; expected one of {', '.join(FORMATS)}")
