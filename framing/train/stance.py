"""``framing train stance``: the target-dependent sentiment model of the stance analyzer, trained on NewsMTSC.

:func:`train` reads a NewsMTSC-format JSONL file (``sentence``, ``targets[]``
with ``start``, ``end``, ``polarity``; Hamborg & Donnay 2021), builds the
features of :mod:`framing.analyzers.stance.model` from one spaCy parse per
sentence, cross-validates (grouped k-fold, the targets of one sentence in one
fold), fits on everything and writes ``stance_target_sentiment.joblib`` (a
scikit-learn ``Pipeline``, nothing else) and its model card beside it. The
card records the data's sha256, the parameters, the library versions, the
cross-validated macro-F1 and the sentence-level VADER baseline measured on the
same targets. The data path is always given by the caller (no default:
library code holds no path to the shared data).
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import logging
import platform
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import GroupKFold
from sklearn.pipeline import Pipeline

from framing.analyzers.stance.model import (
    ARTIFACT,
    CLASSES,
    MODEL,
    WINDOW,
    features,
    target_token_indices,
    tokens_of,
    vader,
)
from framing.errors import DataError
from framing.evaluate import read_jsonl
from framing.nlp import get_nlp
from framing.resources import models as model_files
from framing.train.cards import write_card

__all__ = ["CARD", "build_examples", "cross_validate", "make_estimator", "metrics", "read_rows", "train", "vader_label"]

log = logging.getLogger(__name__)

CARD = MODEL + ".card.json"


def read_rows(path: str | Path) -> list[dict[str, Any]]:
    """Rows of a NewsMTSC-format JSONL file (sentence, targets[{start,end,polarity,...}]); DataError on a bad row."""
    rows = list(read_jsonl(path, required=("sentence", "targets")))
    for k, r in enumerate(rows, 1):
        for t in r["targets"]:
            if not all(x in t for x in ("start", "end", "polarity")):
                raise DataError(f"{path}: row {k}: a target lacks start/end/polarity; use the NewsMTSC format (see datasets/newsmtsc/README.md)")
            if t["polarity"] not in CLASSES:
                raise DataError(f"{path}: row {k}: polarity {t['polarity']!r} is not one of {', '.join(CLASSES)}")
    return rows


def build_examples(rows: Sequence[dict[str, Any]], *, batch_size: int = 256) -> tuple[list[str], list[str], list[str], list[int]]:
    """Parse the sentences once (nlp.pipe) and build (features, labels, sentences, group ids) per target."""
    nlp = get_nlp()
    X, y, sents, groups = [], [], [], []
    for gi, (r, doc) in enumerate(zip(rows, nlp.pipe((r["sentence"] for r in rows), batch_size=batch_size))):
        toks = tokens_of(doc[:])
        for t in r["targets"]:
            ti = target_token_indices(toks, t["start"], t["end"])
            others = [i for fm in t.get("further_mentions", []) or [] for i in target_token_indices(toks, fm["start"], fm["end"])]
            X.append(features(toks, ti, others=others))
            y.append(t["polarity"])
            sents.append(r["sentence"])
            groups.append(gi)
    return X, y, sents, groups


def make_estimator(C: float = 1.0) -> Pipeline:
    """TF-IDF over the prefixed feature tokens + balanced logistic regression (scikit-learn estimators only)."""
    vec = TfidfVectorizer(analyzer=str.split, min_df=2, sublinear_tf=True, lowercase=False)
    clf = LogisticRegression(C=C, max_iter=2000, class_weight="balanced")
    return Pipeline([("vec", vec), ("clf", clf)])


def vader_label(sentence: str) -> str:
    """The sentence-level VADER baseline: compound <= -0.05 negative, >= 0.05 positive (Hutto & Gilbert's thresholds)."""
    c = vader().polarity_scores(sentence)["compound"]
    return "negative" if c <= -0.05 else "positive" if c >= 0.05 else "neutral"


def metrics(y_true, y_pred) -> dict[str, float]:
    """Macro-F1 over the three classes and accuracy, rounded to 4 places."""
    return {
        "macro_f1": round(float(f1_score(y_true, y_pred, labels=list(CLASSES), average="macro", zero_division=0)), 4),
        "accuracy": round(float(accuracy_score(y_true, y_pred)), 4),
    }


def cross_validate(X, y, groups, *, folds: int = 5, C: float = 1.0, seed: int = 13) -> dict[str, Any]:
    """Grouped k-fold CV (targets of one sentence stay in one fold); returns pooled and per-fold macro-F1."""
    y = np.asarray(y)
    pred = np.empty_like(y)
    per_fold = []
    for tr, te in GroupKFold(n_splits=folds).split(X, y, groups):
        est = make_estimator(C).fit([X[i] for i in tr], y[tr])
        p = est.predict([X[i] for i in te])
        pred[te] = p
        per_fold.append(metrics(y[te], p)["macro_f1"])
    out: dict[str, Any] = metrics(y, pred)
    out["per_fold_macro_f1"] = per_fold
    out["folds"] = folds
    return out


def _sha256_file(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def train(data_path: str | Path | None, *, out_dir: str | Path | None = None, folds: int = 5, C: float = 1.0) -> dict[str, Any]:
    """Train on NewsMTSC-format data, cross-validate, save artifact + card in ``out_dir`` (default: the shipped
    models folder); returns the card. ``data_path`` None (no data file found by the caller) is a DataError."""
    if data_path is None:
        raise DataError("framing train stance needs --data PATH to a NewsMTSC-format JSONL file "
                        "(e.g. ../shared/datasets/newsmtsc/dev.jsonl)")
    path = Path(data_path)
    if not path.exists():
        raise DataError(f"{path}: NewsMTSC data not found; pass --data PATH to a NewsMTSC-format JSONL file")
    rows = read_rows(path)
    log.info("parsing %d sentences", len(rows))
    X, y, sents, groups = build_examples(rows)
    cv = cross_validate(X, y, groups, folds=folds, C=C)
    base = metrics(y, [vader_label(s) for s in sents])
    est = make_estimator(C).fit(X, y)
    out = Path(out_dir) if out_dir else model_files.models_dir()
    out.mkdir(parents=True, exist_ok=True)
    art = out / ARTIFACT
    joblib.dump(est, art, compress=3)
    card = {
        "name": MODEL,
        "task": "target-dependent sentiment (negative / neutral / positive toward a marked target)",
        "artifact": ARTIFACT,
        "artifact_sha256": _sha256_file(art),
        "trained_at": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        "data": {"path": path.name, "sha256": _sha256_file(path), "sentences": len(rows), "targets": len(y), "labels": dict(Counter(y))},
        "model": {"type": "TF-IDF over prefixed sentence/window/dependency/VADER features + LogisticRegression(class_weight=balanced)", "C": C, "window": WINDOW, "masking": "target -> TGT, other entity names -> ENT"},
        "cv": {"method": f"{folds}-fold GroupKFold by sentence", **cv},
        "baseline_vader_sentence": {"method": "VADER compound of the whole sentence, thresholds +-0.05, measured on the same targets", **base},
        "versions": {"python": platform.python_version(), "scikit-learn": sklearn.__version__},
        "literature": "Hamborg & Donnay 2021 (NewsMTSC); Jiang et al. 2011; Hutto & Gilbert 2014 (VADER)",
    }
    write_card(MODEL, card, out, sort_keys=False)  # the trainer's key order, as in the shipped card
    model_files.load.cache_clear()
    return card
