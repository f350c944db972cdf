"""Training of the attribution span model (``framing train attribution``) and its model card.

The model (:class:`framing.analyzers.attribution.model.AttributionSpanModel`)
is fitted on the official *train* compartment of PolNeAR (Newell, Margolin &
Ruths 2018) in its JSON Lines form: a token heading the first fragment of a gold
cue is a positive cue example; a content candidate of such a token is positive
when it matches one of that cue's gold contents at >= 50% of the longer span
(the evaluation's rule, :mod:`framing.evaluate.attribution`).

The decision threshold is chosen by cross-validation over the training
articles, grouped by article: each fold's model runs inside the whole analysis
(rules + that model, injected through :class:`framing.analyzers.Context`) on the
articles it did not see, at each threshold of :data:`THRESHOLDS`, and the
threshold with the best content F1 wins. The official *dev* compartment is held
out and scored with the rules alone and with rules + model, for the card.

Nothing here is imported by inference. The data path is an argument (the CLI
passes it): no path outside the package is built in.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from framing.analyzers import Context
from framing.analyzers.attribution import MODEL, analyze
from framing.analyzers.attribution.cues import Lex, lex_of
from framing.analyzers.attribution.model import (
    AttributionSpanModel,
    FeatureContext,
    Pick,
    candidate_features,
    content_candidates,
    cue_features,
    cue_tokens,
)
from framing.analyzers.attribution.rules import rule_candidates
from framing.errors import DataError
from framing.evaluate import read_jsonl
from framing.evaluate.attribution import (
    _norm,
    _Tally,
    gold_roles,
    predicted_roles,
)
from framing.evaluate.metrics import overlap_score
from framing.nlp import Parsed, parse_many, pipeline_meta
from framing.resources import Lexicons, Models
from framing.resources.models import artifact_path, load, models_dir
from framing.schema import Article
from framing.train.cards import artifact_entry, write_card
from framing.version import __version__

ARTIFACT = f"{MODEL}.joblib"
CARD = f"{MODEL}.card.json"
#: the thresholds the cross-validation compares
THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45)
#: the lexicons whose digests the card records
CARD_LEXICONS = ("reporting_verbs", "source_terms", "inanimate_heads")


class _FixedPicks(AttributionSpanModel):
    """A fitted model whose picks for one article are given: the threshold sweep scores one set of picks
    (computed once at the lowest threshold) at each threshold, through the analyzer's Context."""

    def __init__(self, model: AttributionSpanModel, picks: Sequence[Pick]) -> None:
        super().__init__(**model.get_params())
        self.picks_ = list(picks)

    @classmethod
    def _param_names(cls) -> list[str]:
        return AttributionSpanModel._param_names()

    def predict(self, parsed, rule_cands, lex) -> list[Pick]:
        return list(self.picks_)


def analyze_with(parsed: Parsed, model: AttributionSpanModel | None, *, lexicons: Lexicons | None = None):
    """The attribution section of ``parsed`` with ``model`` injected (None: the rules alone), no actors."""
    ctx = Context(parsed=parsed, lexicons=lexicons or Lexicons(),
                  models=Models({MODEL: model}) if model is not None else Models(),
                  results={"actors": None},  # type: ignore[dict-item]  # dataset articles: no actors section
                  options={"use_model": model is not None})
    return analyze(ctx)


def gold_cue_heads(doc, gold: Sequence[dict]) -> dict[int, list[dict]]:
    """Gold attributions (normalised role fragments) by the head token of their first cue fragment."""
    out: dict[int, list[dict]] = {}
    for g in gold:
        if not g["cue"] or not g["content"]:
            continue
        sp = doc.char_span(g["cue"][0][0], g["cue"][0][1], alignment_mode="expand")
        if sp is None or not len(sp):
            continue
        out.setdefault(sp.root.i, []).append(g)
    return out


def examples(parsed: Parsed, gold: Sequence[dict], lex: Lex):
    """(cue features, cue labels, content features, content labels) of one annotated article.

    A token is a positive cue when it heads the first fragment of a gold cue; a
    content candidate of such a token is positive when it matches one of that
    cue's gold contents at >= 50% of the longer span (the evaluation's rule)."""
    ctx = FeatureContext(parsed, rule_candidates(parsed, lex), lex)
    heads = gold_cue_heads(parsed.doc, gold)
    cx, cy, tx, ty = [], [], [], []
    for t in cue_tokens(parsed.doc):
        cx.append(cue_features(t, ctx))
        cy.append(1 if t.i in heads else 0)
        if t.i not in heads:
            continue
        r = ctx.rule_by_tok.get(t.i)
        rc = tuple(r.content) if r is not None else ()
        cands = content_candidates(parsed, t, ctx.quotes, rc, ctx)
        for c, cf in zip(cands, candidate_features(t, cands, ctx, rc)):
            tx.append(cf)
            fr = _norm(parsed.text, [(s.start, s.end) for s in c.spans])
            ty.append(1 if max(overlap_score(g["content"], fr) for g in heads[t.i]) >= 0.5 else 0)
    return cx, cy, tx, ty


def _fit(ex: Sequence[tuple], idx: Sequence[int], params: dict) -> AttributionSpanModel:
    return AttributionSpanModel(**params).fit(
        [x for i in idx for x in ex[i][0]], [y for i in idx for y in ex[i][1]],
        [x for i in idx for x in ex[i][2]], [y for i in idx for y in ex[i][3]])


def fit_articles(parsed_list: Sequence[Parsed], golds: Sequence[Sequence[dict]], *, folds: int = 3,
                 params: dict | None = None, log: Callable[[str], Any] | None = None,
                 lexicons: Lexicons | None = None) -> tuple[AttributionSpanModel, dict[str, Any]]:
    """Fit on annotated articles; the threshold is the one with the best content F1 over ``folds`` folds grouped
    by article (each article's picks come from a model that did not see it). Returns the model and the CV record."""
    params = dict(params or {})
    lexicons = lexicons or Lexicons()
    lex = lex_of(lexicons)
    ex = [examples(p, g, lex) for p, g in zip(parsed_list, golds)]
    n = len(ex)
    fold_of = [i % folds for i in range(n)]
    low = min(THRESHOLDS)
    tallies = {t: _Tally() for t in THRESHOLDS}
    for k in range(folds):
        m = _fit(ex, [i for i in range(n) if fold_of[i] != k], params)
        for i in range(n):
            if fold_of[i] != k:
                continue
            p = parsed_list[i]
            picks = m.predict_at(p, FeatureContext(p, rule_candidates(p, lex), lex), low)
            # the whole analysis (rules + this fold's model) at each threshold, on an article the model did not see
            for t in THRESHOLDS:
                res = analyze_with(p, _FixedPicks(m, [x for x in picks if x[0] >= t]), lexicons=lexicons).to_dict()
                tallies[t].add(list(golds[i]), predicted_roles(p.text, res))
        if log:
            log(f"fold {k + 1}/{folds} done")
    sweep = {}
    for t in THRESHOLDS:
        r = tallies[t].result()
        sweep[str(t)] = {"precision": r["content_precision_overlap"], "recall": r["content_recall_overlap"], "f1": r["content_f1_overlap"]}
    best = max(THRESHOLDS, key=lambda t: sweep[str(t)]["f1"])
    params["threshold"] = best
    model = _fit(ex, range(n), params)
    record = {
        "folds": folds, "grouped_by": "article", "articles": n,
        "cue_examples": sum(len(e[1]) for e in ex), "cue_positives": sum(sum(e[1]) for e in ex),
        "content_examples": sum(len(e[3]) for e in ex), "content_positives": sum(sum(e[3]) for e in ex),
        "content_by_threshold": sweep, "threshold": best,
        "threshold_rule": "content F1 (>= 50% of the longer span) of the whole analysis, rules + the fold's model, on the fold's held-out articles",
    }
    return model, record


def held_out(model: AttributionSpanModel, rows: Sequence[dict], parsed: Sequence[Parsed]) -> dict[str, Any]:
    """The held-out figures of the card: the rules alone and rules + ``model`` (injected) on ``rows``."""
    tallies = {"rules": _Tally(), "rules_and_model": _Tally()}
    for r, p in zip(rows, parsed):
        g = gold_roles(r)
        tallies["rules"].add(g, predicted_roles(r["text"], analyze_with(p, None).to_dict()))
        tallies["rules_and_model"].add(g, predicted_roles(r["text"], analyze_with(p, model).to_dict()))
    keys = [f"{role}_{m}_{mode}" for role in ("content", "source", "cue") for m in ("precision", "recall", "f1")
            for mode in ("overlap", "exact", "any")] + ["speaker_accuracy"]
    return {"articles": len(rows), "split": "official dev compartment (not used for fitting or the threshold)",
            **{k: {kk: v.result()[kk] for kk in keys} for k, v in tallies.items()}}


def train(data_path: str | Path | None, *, out_dir: str | Path | None = None, folds: int = 3, limit: int | None = None,
          n_process: int = 2, log: Callable[[str], Any] | None = None) -> dict[str, Any]:
    """Rebuild the span model from PolNeAR-format data and write the artifact and its card (returned).

    Rows whose ``official_split`` is ``train`` (all rows when the field is
    missing) are the training articles; rows of the official ``dev``
    compartment are held out and scored with the whole attribution analysis
    (rules + this model) beside the rules alone, for the card. ``out_dir``
    defaults to the shipped ``framing/models/``."""
    if data_path is None:
        raise DataError("no training data given; pass a PolNeAR-format JSON Lines file with --data "
                        "(e.g. ../shared/datasets/polnear/dev.jsonl)")
    import joblib  # lazy: heavy (writing the artifact only)
    import sklearn  # lazy: heavy (its version for the card)
    import spacy  # lazy: heavy (its version for the card)

    path = Path(data_path)
    rows = list(read_jsonl(path, required=("id", "text", "attributions")))
    train_rows = [r for r in rows if r.get("official_split", "train") == "train"]
    dev_rows = [r for r in rows if r.get("official_split") == "dev"]
    if limit is not None:
        train_rows, dev_rows = train_rows[:limit], dev_rows[: max(1, limit // 4)]
    say = log or (lambda m: None)
    say(f"parsing {len(train_rows)} training and {len(dev_rows)} held-out articles")

    def parse(rs):
        return parse_many([Article(text=r["text"], source="polnear:" + str(r["id"])) for r in rs], n_process=n_process)

    tr_parsed = parse(train_rows)
    say("fitting")
    model, record = fit_articles(tr_parsed, [gold_roles(r) for r in train_rows], folds=folds, log=say)
    held = held_out(model, dev_rows, parse(dev_rows)) if dev_rows else {}
    out = Path(out_dir) if out_dir else models_dir()
    out.mkdir(parents=True, exist_ok=True)
    art = artifact_path(MODEL, out)
    joblib.dump(model, art, compress=3)
    lexicons = Lexicons()
    c = {
        "name": MODEL,
        "task": "attribution cue detection and content-span choice (PolNeAR source-cue-content triples)",
        **artifact_entry(art),  # artifact (= ARTIFACT), artifact_sha256, artifact_bytes
        "trained_at": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        "framing_version": __version__,
        "data": {"path": str(data_path), "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
                 "training_articles": len(train_rows), "held_out_articles": len(dev_rows),
                 "source": "PolNeAR (Newell, Margolin & Ruths 2018), shared/datasets/polnear/dev.jsonl: official train "
                           "compartment for fitting, official dev compartment held out"},
        "parameters": {**model.get_params(),
                       "cue_features": len(model.cue_.weights), "content_features": len(model.content_.weights),
                       "cue_lemmas": len(model.cue_lemmas_)},
        "cross_validation": record,
        "training_text_sha256": sorted(hashlib.sha256(r["text"].encode("utf-8")).hexdigest()[:16] for r in train_rows),
        "held_out": held,
        "lexicons": {n: lexicons[n].sha256 for n in CARD_LEXICONS},
        "libraries": {"scikit-learn": sklearn.__version__, "spacy": spacy.__version__, "spacy_pipeline": pipeline_meta()},
        "even_handedness": "names (proper nouns and name entities) enter every feature as <name>: no weight belongs to a person, party or country",
        "limits": "US political news of 2016 (PolNeAR); one annotator per article; spaCy en_core_web_sm parses; "
                  "a linear model over hand-made features, no word vectors.",
    }
    write_card(MODEL, c, out)
    if out_dir is None:
        load.cache_clear()  # the shipped artifact changed: the next ``Models()`` loads the new one
    return c
