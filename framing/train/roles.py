"""``framing train roles``: the hero / villain / victim classifier of the roles analyzer, on narrative-frames data.

:func:`train` reads a narrative-frames JSONL file (``id``, ``text``,
``entity_roles[]`` with ``entity`` and ``role``; Frermann et al. 2023, ACL),
parses every article once, finds each named entity in its article with
:func:`framing.analyzers.roles.locate.locate` (an entity not found is counted as
wrong in the evaluation and left out of the fit), builds the name-blind
features of :mod:`framing.analyzers.roles.model`, cross-validates with
:data:`FOLDS`-fold ``GroupKFold`` by article (no article in two folds), fits on
everything and writes ``roles_entity.joblib`` (a scikit-learn ``Pipeline``) and
its model card (data sha256, parameters, per-role and macro F1 of the
cross-validation, coverage and accuracy at the analyzer's abstention
threshold, a context TF-IDF baseline with the entity's words left in measured
on the same folds, library versions). The data path is always given by the
caller.

Rows: one per (article, entity, role) as annotated; an entity annotated twice
with different roles (annotators disagreed) gives two rows, and one prediction
can match only one of them.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import platform
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import sklearn
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfTransformer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import GroupKFold
from sklearn.pipeline import Pipeline

from framing.analyzers.roles import MIN_CONFIDENCE
from framing.analyzers.roles.locate import locate
from framing.analyzers.roles.model import (
    ARTIFACT,
    CLASSES,
    MODEL,
    entity_features,
    kind_table,
    predict_proba,
    supported,
)
from framing.errors import DataError
from framing.evaluate import read_jsonl
from framing.nlp import get_nlp
from framing.resources import Lexicons
from framing.resources import models as model_files
from framing.train.cards import artifact_entry, training_text_hashes, write_card

__all__ = ["FOLDS", "C", "Examples", "build_examples", "cross_validate", "make_estimator", "read_rows", "train"]

C = 3.0
FOLDS = 5
NONE = "none"  # the prediction for an entity the tool did not find (always wrong)


@dataclass
class Examples:
    """One row per annotated (article, entity, role): features (None when not found), gold role, article index,
    and the unmasked text of the entity's sentences (for the baseline)."""

    X: list[dict[str, float] | None]
    y: list[str]
    groups: list[int]
    context: list[str]

    @property
    def found(self) -> np.ndarray:
        return np.array([x is not None for x in self.X], dtype=bool)


def read_rows(path: str | Path) -> list[dict[str, Any]]:
    """Rows of a narrative-frames JSONL file; DataError on a row without text or with a role outside hero/villain/victim."""
    rows = list(read_jsonl(path, required=("text", "entity_roles")))
    for k, r in enumerate(rows, 1):
        for e in r["entity_roles"]:
            if "entity" not in e or e.get("role") not in CLASSES:
                raise DataError(f"{path}: row {k}: an entity role lacks 'entity' or has role {e.get('role')!r} "
                                f"(expected one of {', '.join(CLASSES)}); use the narrative-frames format")
    return rows


def build_examples(rows: Sequence[dict[str, Any]], *, lexicons: Lexicons | None = None,
                   batch_size: int = 16) -> Examples:
    """Parse the articles once (``nlp.pipe``), locate each entity and build its features."""
    nlp = get_nlp()
    lx = lexicons or Lexicons()
    table = lx["connotation_verbs"].by_term
    kinds = kind_table(lx)
    stop = frozenset(nlp.Defaults.stop_words)
    ex = Examples([], [], [], [])
    for ai, (r, doc) in enumerate(zip(rows, nlp.pipe((r["text"] for r in rows), batch_size=batch_size))):
        cache: dict[int, Any] = {}
        seen: dict[str, tuple[dict[str, float] | None, str]] = {}
        for e in r["entity_roles"]:
            name = e["entity"]
            if name not in seen:
                m = locate(doc, name, stop_words=stop)
                if m is None:
                    seen[name] = (None, "")
                else:
                    ctx = " ".join(doc[h].sent.text for h in sorted(set(m.heads))[:10])
                    seen[name] = (entity_features(doc, m, table=table, kinds=kinds, cache=cache), ctx)
            feats, ctx = seen[name]
            ex.X.append(feats)
            ex.y.append(e["role"])
            ex.groups.append(ai)
            ex.context.append(ctx)
    return ex


def make_estimator(c: float = C) -> Pipeline:
    """DictVectorizer -> TF-IDF weighting (features are already log-scaled counts) -> balanced logistic regression."""
    return Pipeline([("vec", DictVectorizer()), ("tfidf", TfidfTransformer()),
                     ("clf", LogisticRegression(C=c, max_iter=3000, class_weight="balanced"))])


def _baseline() -> Pipeline:
    return Pipeline([("vec", TfidfVectorizer(sublinear_tf=True, min_df=2, ngram_range=(1, 2))),
                     ("clf", LogisticRegression(C=C, max_iter=3000, class_weight="balanced"))])


def _scores(y: Any, pred: Any) -> dict[str, Any]:
    per = f1_score(y, pred, labels=list(CLASSES), average=None, zero_division=0)
    return {"macro_f1": round(float(np.mean(per)), 4), "per_role_f1": {c: round(float(f), 4) for c, f in zip(CLASSES, per)},
            "accuracy": round(float(np.mean(np.asarray(y) == np.asarray(pred))), 4)}


def cross_validate(ex: Examples, *, folds: int = FOLDS, c: float = C, min_confidence: float = MIN_CONFIDENCE,
                   baseline: bool = True) -> dict[str, Any]:
    """Grouped (by article) k-fold figures over all rows; an entity not found is predicted ``none`` (wrong)."""
    y = np.asarray(ex.y)
    found = ex.found
    pred = np.full(len(y), NONE, dtype=object)
    shown = np.zeros(len(y), dtype=bool)
    base = np.full(len(y), NONE, dtype=object)
    per_fold = []
    for tr, te in GroupKFold(folds).split(np.zeros(len(y)), y, ex.groups):
        tr_f = [i for i in tr if found[i]]
        te_f = [i for i in te if found[i]]
        est = make_estimator(c).fit([ex.X[i] for i in tr_f], y[tr_f])
        if te_f:
            P = predict_proba(est, [ex.X[i] for i in te_f])
            pred[te_f] = [CLASSES[k] for k in P.argmax(axis=1)]
            shown[te_f] = supported(est, [ex.X[i] for i in te_f], P, min_confidence)
        per_fold.append(_scores(y[te], pred[te])["macro_f1"])
        if baseline:
            b = _baseline().fit([ex.context[i] for i in tr_f], y[tr_f])
            if te_f:
                base[te_f] = b.predict([ex.context[i] for i in te_f])
    kept = found & shown
    out: dict[str, Any] = {
        "method": f"{folds}-fold GroupKFold by article; an entity not found counts as wrong",
        "folds": folds,
        **_scores(y, pred),
        "per_fold_macro_f1": per_fold,
        "rows": len(y),
        "found": int(found.sum()),
        "abstention": {"rule": "shown when p >= min_confidence, the parse places the entity in an act and the "
                                "structural evidence alone points to the same role", "min_confidence": min_confidence, "coverage": round(float(kept.mean()), 4),
                       **_scores(y[kept], pred[kept])} if kept.any() else None,
    }
    if baseline:
        out["baseline_context_tfidf"] = {"method": "TF-IDF (1-2 grams) of the entity's sentences, entity words left in, "
                                                   "+ LogisticRegression, same folds", **_scores(y, base)}
    return out


def train(data_path: str | Path | None, out_dir: Path | None = None, *, folds: int = FOLDS,
          log: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Train on narrative-frames data, cross-validate, save artifact + card in ``out_dir`` (default: the shipped
    models folder); returns the card."""
    if data_path is None:
        raise DataError("no training data given: pass --data PATH (a narrative-frames dev.jsonl)")
    say = log or (lambda m: None)
    path = Path(data_path)
    rows = read_rows(path)
    say(f"parsing {len(rows)} articles")
    ex = build_examples(rows)
    say("cross-validating")
    cv = cross_validate(ex, folds=folds)
    y = np.asarray(ex.y)
    found = ex.found
    est = make_estimator().fit([ex.X[i] for i in np.flatnonzero(found)], y[found])
    out = out_dir or model_files.models_dir()
    out.mkdir(parents=True, exist_ok=True)
    art = out / ARTIFACT
    joblib.dump(est, art)
    card = {
        "name": MODEL,
        "task": "narrative role (hero / villain / victim) of a named entity in a news article",
        **artifact_entry(art),
        "trained_at": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        "data": {"path": path.name, "sha256": hashlib.sha256(path.read_bytes()).hexdigest(), "articles": len(rows),
                 "rows": len(y), "found": int(found.sum()), "labels": dict(Counter(ex.y)),
                 "article_text_hashes": training_text_hashes(r["text"] for r in rows)},
        "model": {"type": "DictVectorizer + TF-IDF + LogisticRegression(class_weight=balanced)", "C": C,
                  "features": "name-blind: agent/patient verbs, connotation values, modifiers, context lemmas, "
                              "common nouns of the entity's phrase, coarse kind and salience; names masked"},
        "cv": cv,
        "versions": {"python": platform.python_version(), "scikit-learn": sklearn.__version__},
        "literature": "Frermann et al. 2023 (narrative frames, ACL); Rashkin et al. 2016 (connotation frames)",
    }
    write_card(MODEL, card, out, sort_keys=False)
    return card
