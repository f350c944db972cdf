"""The Parquet tables of a batch run: their schemas and the rows of one analysis.

Every table is a folder ``<out>/<table>/event=<event>/shard=<shard>/part-NNNNN.parquet``
(Hive partitioning: ``event`` and ``shard`` come back as columns when the
folder is read with pandas, pyarrow, Polars, DuckDB or Spark). Offsets are
character offsets into ``Article.text`` (headline included), half-open.

``articles``      one row per article: ``id`` (the record's id), ``sha256`` of the text, ``title``,
                  ``outlet``, ``lean``, ``published``, ``url``, ``text_kind``, ``word_count`` (body words),
                  ``analysis_digest`` (sha256 of the analysis JSON without ``analyzed_at``), then one float
                  column per measure key of the sections (:func:`measure_keys`: whatever each section's
                  ``measures()`` returns; null when it does not apply).
``findings``      one row per evidence span of every section (``Section.evidence()``): ``article_id``,
                  ``section``, ``kind`` (the rule family: ``lexicon``, ``model`` or ``rule``), ``start``,
                  ``end``, ``quote``, ``voice`` (``author`` or ``quoted``: inside quotation marks or an
                  attributed content span, the analyzers' one voice rule), ``rule``, ``score`` (the span's
                  signed weight), ``detail``.
``actors``        article x actor: kind, aliases, mentions, pronoun mentions, in headline / first
                  paragraph, stance (-1..1; author's and quoted voice), stance label, the labels the
                  article pins on the actor, agent / patient counts.
``attributions``  one row per attribution (quote, reported speech, according-to): type, speaker and its
                  kind, matched actor, cue and its class and weight, span, content span and text, rule.
``terms``         article x word form: count (the comparison's tokenizer); the Fightin' Words counts.
``naming``        article x naming choice (``lexicons/naming.tsv``): referent, term, count.
``errors``        one row per record that failed: ``id``, ``stage`` (``read`` or ``analyze``), ``reason``
                  (one line).
``section_<name>`` one per further section (any analyzer of :data:`framing.pipeline.ANALYZERS` not
                  listed above): ``article_id`` and the section's JSON; its evidence is in ``findings``
                  and its measures are columns of ``articles``.
``analyses``      only with ``keep_json``: ``article_id``, ``sha256`` and the whole analysis JSON.

The set of tables follows :func:`framing.pipeline.section_types`; the measure
columns follow the sections' ``measures()``, found once per process by
analyzing a fixed two-paragraph text (:func:`measure_keys`), so every
partition file of a run has the same columns.

Known limits: ``actors`` reads the ``actors`` and ``stance`` sections' JSON
shape (an analyzer that changes them must update :data:`ACTOR_COLUMNS`);
further sections are stored as JSON, not flattened.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

import pyarrow as pa

from framing.analyzers import Regions
from framing.comparison import naming_hits, tokens
from framing.ingest import load_text
from framing.nlp import find_quotes
from framing.pipeline import analyze, section_types
from framing.schema import Analysis, Article

__all__ = ["SCHEMAS", "analysis_digest", "measure_keys", "rows_of", "schema", "table_names"]

_STR, _INT, _F, _B = pa.string(), pa.int64(), pa.float64(), pa.bool_()
_STRS = pa.list_(pa.string())

FIXED: dict[str, list[tuple[str, pa.DataType]]] = {
    "articles": [("id", _STR), ("sha256", _STR), ("title", _STR), ("outlet", _STR), ("lean", _STR), ("published", _STR),
                 ("url", _STR), ("text_kind", _STR), ("word_count", _INT), ("analysis_digest", _STR)],
    "findings": [("article_id", _STR), ("outlet", _STR), ("section", _STR), ("kind", _STR), ("start", _INT), ("end", _INT),
                 ("quote", _STR), ("voice", _STR), ("rule", _STR), ("score", _F), ("detail", _STR)],
    "actors": [("article_id", _STR), ("outlet", _STR), ("actor", _STR), ("kind", _STR), ("aliases", _STRS), ("affiliation", _STR),
               ("mentions", _INT), ("pronoun_mentions", _INT), ("in_headline", _B), ("in_first_paragraph", _B),
               ("stance", _F), ("stance_label", _STR), ("stance_author", _F), ("stance_quoted", _F), ("labels", _STRS),
               ("agent", _INT), ("patient", _INT)],
    "attributions": [("article_id", _STR), ("type", _STR), ("speaker", _STR), ("speaker_kind", _STR), ("actor", _STR),
                     ("cue", _STR), ("cue_class", _STR), ("cue_weight", _F), ("start", _INT), ("end", _INT), ("quote", _STR),
                     ("content_start", _INT), ("content_end", _INT), ("content", _STR), ("act", _STR), ("rule", _STR)],
    "terms": [("article_id", _STR), ("outlet", _STR), ("term", _STR), ("count", _INT)],
    "naming": [("article_id", _STR), ("outlet", _STR), ("referent", _STR), ("term", _STR), ("count", _INT)],
    "errors": [("id", _STR), ("stage", _STR), ("reason", _STR)],
    "analyses": [("article_id", _STR), ("sha256", _STR), ("json", _STR)],
}
ACTOR_COLUMNS = [name for name, _ in FIXED["actors"]]
_OWN_TABLE = {"actors", "stance", "attribution"}  # sections with a table of their own (stance joins actors)

_REFERENCE_TITLE = "Council approves the new budget after a long debate"
_REFERENCE_BODY = (
    "The city council approved the budget on Tuesday after a heated debate, officials said.\n\n"
    '"This is a disastrous plan," said Maria Lopez, a council member. Critics claimed the vote was rushed.'
)


def analysis_digest(analysis: Analysis) -> str:
    """sha256 of the analysis JSON (keys sorted) without ``provenance.analyzed_at``: equal analyses, equal digests."""
    d = analysis.to_dict()
    prov = dict(d.get("provenance") or {})
    prov.pop("analyzed_at", None)
    d["provenance"] = prov
    return hashlib.sha256(json.dumps(d, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()).hexdigest()


@functools.cache
def measure_keys() -> tuple[str, ...]:
    """Every measure key the sections return, in section order (from one analysis of a fixed reference text)."""
    art = load_text(_REFERENCE_BODY, title=_REFERENCE_TITLE, check_language=False)
    an = analyze(art)
    keys: list[str] = []
    for sec in an.sections.values():
        keys += [k for k in sec.measures(art) if k not in keys]
    return tuple(keys)


def further_sections() -> tuple[str, ...]:
    """The sections stored as ``section_<name>`` tables (all but actors, stance and attribution)."""
    return tuple(n for n in section_types() if n not in _OWN_TABLE)


def table_names(*, keep_json: bool = False) -> tuple[str, ...]:
    """Every table a partition writes, ``errors`` included."""
    names = ["articles", "findings", "actors", "attributions", "terms", "naming", "errors"]
    names += [f"section_{n}" for n in further_sections()]
    if keep_json:
        names.append("analyses")
    return tuple(names)


def schema(table: str) -> pa.Schema:
    """The pyarrow schema of ``table``."""
    if table == "articles":
        return pa.schema(FIXED["articles"] + [(k, _F) for k in measure_keys()])
    if table.startswith("section_"):
        return pa.schema([("article_id", _STR), ("json", _STR)])
    return pa.schema(FIXED[table])


SCHEMAS = schema  # the function is the registry: schema(name) for every name of table_names()


def _voice_regions(analysis: Analysis) -> Regions:
    attribution = analysis.sections.get("attribution")
    quoted = list(attribution.quoted_spans()) if attribution is not None and hasattr(attribution, "quoted_spans") else []
    return Regions(list(find_quotes(analysis.article.text)) + quoted)


def _kind(rule: str) -> str:
    head = rule.split(":", 1)[0] if ":" in rule else ""
    return head if head in ("lexicon", "model", "rule") else "rule"


def _actor_rows(aid: str, outlet: str | None, d: Mapping[str, Any]) -> list[dict[str, Any]]:
    stances = {s.get("name"): s for s in (d.get("stance") or []) if isinstance(s, Mapping)}
    out = []
    for a in d.get("actors") or []:
        s = stances.get(a.get("name"), {})
        sal = a.get("salience") or {}
        out.append({
            "article_id": aid, "outlet": outlet, "actor": a.get("name"), "kind": a.get("kind"), "aliases": list(a.get("aliases") or []),
            "affiliation": a.get("affiliation"), "mentions": a.get("mentions"), "pronoun_mentions": sal.get("pronoun_mentions"),
            "in_headline": sal.get("in_headline"), "in_first_paragraph": sal.get("in_first_paragraph"),
            "stance": s.get("stance"), "stance_label": s.get("stance_label"), "stance_author": s.get("stance_author"),
            "stance_quoted": s.get("stance_quoted"), "labels": list(s.get("labels") or []), "agent": s.get("agent"),
            "patient": s.get("patient"),
        })
    return out


def rows_of(analysis: Analysis, *, keep_json: bool = False) -> dict[str, list[dict[str, Any]]]:
    """The rows one analysis adds to each table (``errors`` excluded)."""
    art: Article = analysis.article
    aid = art.get("record_id") or art.sha256[:16]
    outlet = art.outlet
    d = analysis.to_dict()
    measures: dict[str, Any] = {}
    for sec in analysis.sections.values():
        measures.update({k: m.value for k, m in sec.measures(art).items()})
    out: dict[str, list[dict[str, Any]]] = {t: [] for t in table_names(keep_json=keep_json) if t != "errors"}
    out["articles"].append({
        "id": aid, "sha256": art.sha256, "title": art.title, "outlet": outlet, "lean": art.get("lean"), "published": art.published,
        "url": art.url, "text_kind": art.get("text_kind"), "word_count": art.word_count, "analysis_digest": analysis_digest(analysis),
        **{k: measures.get(k) for k in measure_keys()},
    })
    regions = _voice_regions(analysis)
    for name, sec in analysis.sections.items():
        for ev in sec.evidence():
            out["findings"].append({
                "article_id": aid, "outlet": outlet, "section": name, "kind": _kind(ev.rule), "start": ev.span.start, "end": ev.span.end,
                "quote": ev.quote, "voice": "quoted" if regions.contains(ev.span.start, ev.span.end) else "author",
                "rule": ev.rule, "score": ev.weight, "detail": ev.detail,
            })
        if name in further_sections():
            out[f"section_{name}"].append({"article_id": aid, "json": json.dumps(d.get(name), ensure_ascii=False)})
    out["actors"] = _actor_rows(aid, outlet, d)
    for q in (d.get("attribution") or {}).get("quotes") or []:
        out["attributions"].append({"article_id": aid, **{k: q.get(k) for k, _ in FIXED["attributions"][1:]}})
    counts = Counter(t for t, _, _ in tokens(art.text))
    out["terms"] = [{"article_id": aid, "outlet": outlet, "term": t, "count": c} for t, c in sorted(counts.items())]
    named = Counter((ref, term) for term, ref, _, _ in naming_hits(art.text))
    out["naming"] = [{"article_id": aid, "outlet": outlet, "referent": r, "term": t, "count": c} for (r, t), c in sorted(named.items())]
    if keep_json:
        out["analyses"].append({"article_id": aid, "sha256": art.sha256, "json": analysis.to_json()})
    return out


def to_table(name: str, rows: Iterable[Mapping[str, Any]]) -> pa.Table:
    """``rows`` as a pyarrow Table of ``name``'s schema (missing keys are null; extra keys dropped)."""
    sch = schema(name)
    cols: dict[str, list[Any]] = {f.name: [] for f in sch}
    for r in rows:
        for k in cols:
            cols[k].append(r.get(k))
    return pa.Table.from_pydict(cols, schema=sch)
