"""Aggregates of a batch dataset per event x outlet, and a comparison of one article against them.

:func:`aggregate` (``framing batch aggregate DIR``) reads the dataset with
dask.dataframe and writes ``DIR/_aggregates/``:

``measures.parquet``  event, outlet, measure, n, median, q1, q3, iqr, min, max: every measure column of
                      ``articles`` (only articles that enter the measures: at least
                      :data:`framing.comparison.MIN_WORDS` body words and not a headline summary); the row
                      with outlet ``(all)`` pools the event's outlets. Quartiles by linear interpolation.
``stance.parquet``    event, outlet, actor, articles, median and mean author's-voice stance (-1..1; the
                      overall stance where the author's is missing), mentions: the stance matrix.
``naming.parquet``    event, outlet, referent, term, count (``lexicons/naming.tsv`` hits).
``terms.parquet``     event, outlet, term, count: the word counts Fightin' Words needs (tokens as the
                      comparison counts them); outlet ``(all)`` pools the event.
``outlets.parquet``   event, outlet, lean, articles, words.

:func:`compare_with_aggregates` (``framing compare TARGET --peers-from DIR --event E``)
builds a :class:`framing.schema.comparison.Comparison` of one analysis against an
event of the dataset without reading any peer analysis: the measures from the
``articles`` columns (each peer's value, so medians, quartiles and percentiles are
exact, the same rule ``compare.measure`` as :func:`framing.compare`), word choice
from the pooled term counts (Monroe et al. 2008, the same
:func:`framing.comparison.fightin_words`), naming and the stance matrix per outlet.

Known limits of the aggregate comparison: peers are the event's articles as
labelled (no same-story similarity check: that needs the texts, so
``similarity`` is 0 and the method says so); no sourcing ledger and no claims
(they need the peers' sentences); the stance matrix has one column per outlet
(the median over its articles) and matches actors by normalised name only (no
alias merge); word-choice examples come from the target only.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from typing import Any

import fsspec
import numpy as np
import pandas as pd

from framing.batch import tables
from framing.comparison import MIN_WORDS, TOP_TERMS, fightin_words, naming_hits, percentile_of, summarize, tokens
from framing.comparison.measures import LEANS, MEASURE_ORDER
from framing.comparison.text import norm_name
from framing.errors import InputError
from framing.schema import Analysis
from framing.schema.comparison import (
    Claims,
    Comparison,
    DistinctiveTerms,
    LeanSpread,
    MeasureRow,
    MeasureValue,
    PeerCard,
    SameStory,
    Sources,
    Spread,
    StanceMatrix,
    TargetCard,
)
from framing.version import __version__

__all__ = ["ALL", "aggregate", "compare_with_aggregates"]

log = logging.getLogger(__name__)

ALL = "(all)"
_CARD = ("id", "title", "outlet", "lean", "url", "published", "word_count", "sha256", "text_kind")
AGG = "_aggregates"
SAME_STORY_METHOD = "not checked: peers are the articles of the event in a batch dataset (aggregates carry no texts)"


def _root(out: str) -> tuple[Any, str]:
    fs, root = fsspec.core.url_to_fs(str(out))
    root = root.rstrip("/")
    if not fs.exists(f"{root}/articles"):
        raise InputError(f"{out}: no batch dataset there (no articles table); run framing batch INPUT --out {out} first")
    return fs, root


def measure_columns(fs: Any, root: str) -> list[str]:
    """The measure columns of ``articles``, from the dataset's ``_manifest.json`` (no analysis needed); else this framing's."""
    fixed = {name for name, _ in tables.FIXED["articles"]}
    try:
        with fs.open(f"{root}/_manifest.json", "r", encoding="utf-8") as fh:
            cols = json.load(fh)["tables"]["articles"]
        return [c["name"] for c in cols if c["name"] not in fixed]
    except (OSError, ValueError, KeyError, TypeError):
        return list(tables.measure_keys())


def _spread(values: pd.Series) -> pd.Series:
    s = summarize(v for v in values.tolist() if v is not None and not (isinstance(v, float) and np.isnan(v)))
    return pd.Series(s)


def _measures(dd: Any, fs: Any, root: str) -> pd.DataFrame:
    keys = measure_columns(fs, root)
    arts = dd.read_parquet(f"{root}/articles", columns=["outlet", "word_count", "text_kind", *keys, "event"])
    arts = arts[(arts["word_count"] >= MIN_WORDS) & (arts["text_kind"].fillna("") != "headline_and_summary")]
    arts = arts.assign(event=arts["event"].astype(str), outlet=arts["outlet"].fillna("").astype(str))
    long = arts.melt(id_vars=["event", "outlet"], value_vars=keys, var_name="measure", value_name="value")
    both = dd.concat([long, long.assign(outlet=ALL)])
    meta = dict.fromkeys(("n", "median", "q1", "q3", "iqr", "min", "max"), "f8")
    res = both.groupby(["event", "outlet", "measure"]).value.apply(_spread, meta=("value", "f8")).compute()
    df = res.unstack().reset_index() if isinstance(res.index, pd.MultiIndex) and res.index.nlevels == 4 else pd.DataFrame(columns=[*meta])
    return df


def aggregate(out: str, *, client_address: str | None = None) -> dict[str, Any]:
    """Write ``<out>/_aggregates/*.parquet`` (see the module docstring) with dask.dataframe; a summary back."""
    import dask  # lazy: optional dependency (framing[dask])
    import dask.dataframe as dd  # lazy: optional dependency (framing[dask])

    fs, root = _root(out)
    client = None
    if client_address:
        from distributed import Client  # lazy: optional dependency (framing[dask])

        client = Client(client_address, timeout=30)
    try:
        local = {"scheduler": "threads", "dataframe.shuffle.method": "tasks"}  # no p2p shuffle without a cluster
        with dask.config.set(local if client is None else {}):
            measures = _measures(dd, fs, root)
            actors = dd.read_parquet(f"{root}/actors", columns=["article_id", "outlet", "actor", "stance", "stance_author", "mentions", "event"])
            actors = actors.assign(event=actors["event"].astype(str), outlet=actors["outlet"].fillna("").astype(str),
                                   value=actors["stance_author"].fillna(actors["stance"]))
            stance = actors.groupby(["event", "outlet", "actor"]).agg(
                {"article_id": "count", "value": ["median", "mean"], "mentions": "sum"}).compute()
            stance.columns = ["articles", "stance_median", "stance_mean", "mentions"]
            naming = dd.read_parquet(f"{root}/naming", columns=["outlet", "referent", "term", "count", "event"])
            naming = naming.assign(event=naming["event"].astype(str), outlet=naming["outlet"].fillna("").astype(str))
            naming = naming.groupby(["event", "outlet", "referent", "term"])["count"].sum().compute()
            terms = dd.read_parquet(f"{root}/terms", columns=["outlet", "term", "count", "event"])
            terms = terms.assign(event=terms["event"].astype(str), outlet=terms["outlet"].fillna("").astype(str))
            terms = dd.concat([terms, terms.assign(outlet=ALL)]).groupby(["event", "outlet", "term"])["count"].sum().compute()
            arts = dd.read_parquet(f"{root}/articles", columns=["outlet", "lean", "word_count", "id", "event"])
            arts = arts.assign(event=arts["event"].astype(str), outlet=arts["outlet"].fillna("").astype(str), lean=arts["lean"].fillna(""))
            outlets = arts.groupby(["event", "outlet"]).agg({"id": "count", "word_count": "sum", "lean": "first"}).compute()
            outlets.columns = ["articles", "words", "lean"]
    finally:
        if client is not None:
            client.close()
    agg = f"{root}/{AGG}"
    fs.makedirs(agg, exist_ok=True)
    for name, df in (("measures", measures), ("stance", stance.reset_index()), ("naming", naming.reset_index()),
                     ("terms", terms.reset_index()), ("outlets", outlets.reset_index())):
        with fs.open(f"{agg}/{name}.parquet", "wb") as fh:
            df.to_parquet(fh, index=False)
    return {"out": f"{out}/{AGG}", "events": int(outlets.reset_index()["event"].nunique()), "outlets": len(outlets),
            "articles": int(outlets["articles"].sum()), "terms": len(terms), "measures": len(measures)}


# --------------------------------------------------------------------------- compare against aggregates


def _read(fs: Any, path: str, event: str, what: str) -> pd.DataFrame:
    if not fs.exists(path):
        raise InputError(f"{path}: no aggregates; run framing batch aggregate on the dataset first ({what})")
    with fs.open(path, "rb") as fh:
        df = pd.read_parquet(fh)
    return df[df["event"] == event]


def _measure_rows(target: Analysis, peers: pd.DataFrame) -> dict[str, MeasureRow]:
    """One MeasureRow per measure, from each peer's value in ``articles`` (exact median, quartiles, percentile)."""
    tvals: dict[str, Any] = {}
    for sec in target.sections.values():
        tvals.update(sec.measures(target.article))
    keys = [k for k in MEASURE_ORDER if k in tvals] + [k for k in tvals if k not in MEASURE_ORDER]
    keys += [k for k in peers.columns if k not in keys and k not in _CARD]
    entering = peers[(peers["word_count"] >= MIN_WORDS) & (peers["text_kind"].fillna("") != "headline_and_summary")]
    out = {}
    for key in keys:
        m = tvals.get(key)
        t = m.value if m is not None else None
        col = entering[["id", "outlet", "lean", key]].dropna(subset=[key]) if key in entering.columns else entering.iloc[0:0]
        vals = col[key].astype(float).tolist() if key in col.columns else []
        by_lean = {}
        for lean in LEANS:
            lv = col[col["lean"] == lean][key].astype(float).tolist() if key in col.columns else []
            if lv:
                s = summarize(lv)
                by_lean[lean] = LeanSpread(s["n"], s["median"], s["q1"], s["q3"], percentile_of(t, lv))
        summ = Spread.from_dict(summarize(vals))
        values = tuple(MeasureValue(str(i), o, ln, float(v)) for i, o, ln, v in col[["id", "outlet", "lean", key]].itertuples(index=False)) \
            if key in col.columns else ()
        out[key] = MeasureRow(m.label if m else key, m.unit if m else "", t, summ, percentile_of(t, vals),
                              (t / summ.median) if (t is not None and summ.median) else None, by_lean, values)
    return out


def _terms(target: Analysis, pooled: dict[str, int]) -> DistinctiveTerms:
    t_toks = tokens(target.article.text)
    ca = Counter(t for t, _, _ in t_toks)
    n_a, n_b = sum(ca.values()), sum(pooled.values())
    scores = fightin_words(ca, pooled)
    ranked = sorted(scores, key=lambda w: (-scores[w][1], w))
    text = target.article.text

    def row(w: str) -> dict[str, Any]:
        delta, z = scores[w]
        return {"term": w, "z": round(z, 4), "delta": round(delta, 4), "count_target": ca.get(w, 0), "count_peers": pooled.get(w, 0),
                "rate_target": ca.get(w, 0) / n_a if n_a else 0.0, "rate_peers": pooled.get(w, 0) / n_b if n_b else 0.0}

    t_rows = [{**row(w), "examples": [{"start": s, "end": e, "quote": text[s:e]} for t, s, e in t_toks if t == w][:3]}
              for w in ranked[:TOP_TERMS] if scores[w][1] > 0]
    p_rows = [{**row(w), "examples": []} for w in reversed(ranked[-TOP_TERMS:]) if scores[w][1] < 0]
    return DistinctiveTerms("log_odds_informative_dirichlet_prior", f"pooled counts of target and peers (alpha0 = {n_a + n_b})",
                            "regex word forms, lowercased (acronyms kept in capitals), scikit-learn English stop words removed",
                            n_a, n_b, tuple(t_rows), tuple(p_rows))


def _naming(target: Analysis, naming: pd.DataFrame, leans: dict[str, str]) -> tuple[dict[str, Any], ...]:
    text = target.article.text
    hits = naming_hits(text)
    out = []
    for ref in sorted(set(naming["referent"]) | {h[1] for h in hits}):
        th = [h for h in hits if h[1] == ref]
        sub = naming[naming["referent"] == ref]
        by_outlet = [{"id": o, "outlet": o, "lean": leans.get(o) or None, "counts": dict(zip(g["term"], g["count"].astype(int))),
                      "examples": []} for o, g in sub.groupby("outlet")]
        total = sub.groupby("term")["count"].sum().sort_values(ascending=False)
        out.append({"referent": ref, "terms": sorted(set(sub["term"]) | {h[0] for h in th}),
                    "target": {"counts": dict(Counter(h[0] for h in th)),
                               "examples": [{"term": t, "start": s, "end": e, "quote": text[s:e]} for t, _, s, e in th]},
                    "by_outlet": by_outlet, "peers_total": {k: int(v) for k, v in total.items()}})
    return tuple(out)


def _stance(target: Analysis, stance: pd.DataFrame, outlets: pd.DataFrame, max_rows: int = 30) -> StanceMatrix:
    d = target.to_dict()
    tcells = {}
    for a in d.get("stance") or []:
        s = a.get("stance_author") if a.get("stance_author") is not None else a.get("stance")
        tcells[norm_name(str(a.get("name") or ""))] = (a.get("name"), {"stance": s, "stance_label": a.get("stance_label"),
                                                                     "mentions": 0, "labels": list(a.get("labels") or [])})
    stance = stance.assign(key=[norm_name(str(x)) for x in stance["actor"]])
    rows = []
    for key, g in stance.groupby("key"):
        cells: dict[str, dict[str, Any]] = {str(r.outlet): {"stance": None if pd.isna(r.stance_median) else float(r.stance_median), "stance_label": None,
                                 "mentions": int(r.mentions), "labels": []} for r in g.itertuples()}
        if key in tcells:
            cells["target"] = tcells[key][1]
        n = int(g["articles"].sum())
        if "target" not in cells and n < 2:
            continue
        vals = [c["stance"] for k, c in cells.items() if k != "target" and c["stance"] is not None]
        rows.append({"actor": g["actor"].iloc[0], "kind": None, "aliases": [], "cells": cells,
                     "peers_median": float(np.median(vals)) if vals else None, "n_peers": n})
    rows.sort(key=lambda r: (-("target" in r["cells"]), -r["n_peers"], str(r["actor"])))
    cols = [{"id": "target", "outlet": target.article.outlet, "lean": target.article.get("lean")}]
    cols += [{"id": r.outlet, "outlet": r.outlet, "lean": r.lean or None} for r in outlets.itertuples()]
    return StanceMatrix(tuple(cols), tuple(rows[:max_rows]))


def compare_with_aggregates(target: Analysis, out: str, event: str) -> Comparison:
    """The :class:`~framing.schema.comparison.Comparison` of ``target`` against event ``event`` of the dataset ``out``.

    Reads the event's rows of ``articles`` (measure columns and cards only) and
    ``_aggregates/`` (from :func:`aggregate`); never a peer analysis. See the
    module docstring for what differs from :func:`framing.compare`.
    """
    fs, root = _root(out)
    cols = [*_CARD, *measure_columns(fs, root)]
    peers = pd.read_parquet(f"{root}/articles", columns=cols, filters=[("event", "=", event)],
                            filesystem=fs if not isinstance(fs, fsspec.implementations.local.LocalFileSystem) else None)
    peers = peers[peers["sha256"] != target.article.sha256]
    if peers.empty:
        raise InputError(f"{out}: no articles of event {event!r} in the dataset (other than the target); check --event")
    agg = f"{root}/{AGG}"
    outlets = _read(fs, f"{agg}/outlets.parquet", event, "outlets")
    terms = _read(fs, f"{agg}/terms.parquet", event, "terms")
    pooled = {str(t): int(c) for t, c in terms[terms["outlet"] == ALL][["term", "count"]].itertuples(index=False)}
    naming = _read(fs, f"{agg}/naming.parquet", event, "naming")
    stance = _read(fs, f"{agg}/stance.parquet", event, "stance")
    leans = {str(o): str(ln) for o, ln in outlets[["outlet", "lean"]].itertuples(index=False)}
    art = target.article
    cards = [PeerCard(id=str(r.id), title=r.title or "", outlet=r.outlet, lean=r.lean, url=r.url, published=r.published,
                      word_count=int(r.word_count), sha256=r.sha256, text_kind=r.text_kind,
                      in_measures=bool(r.word_count >= MIN_WORDS and r.text_kind != "headline_and_summary"))
             for r in peers[cols[:9]].itertuples(index=False)]
    return Comparison(
        target=TargetCard(id="target", title=art.title, outlet=art.outlet, lean=art.get("lean"), url=art.url, published=art.published,
                          word_count=art.word_count, sha256=art.sha256, text_kind=art.get("text_kind"), analysis=target),
        peers=tuple(cards), set_aside=(), same_story=SameStory(SAME_STORY_METHOD, 0.0, 0.0),
        measures=_measure_rows(target, peers), distinctive_terms=_terms(target, pooled),
        naming=_naming(target, naming, leans), stance_matrix=_stance(target, stance, outlets),
        sources=Sources(), claims=Claims(), framing_version=__version__,
    )
