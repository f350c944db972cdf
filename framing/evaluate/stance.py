"""``framing evaluate stance``: the target-sentiment model on NewsMTSC-format data.

``run(path)`` scores the shipped model (:mod:`framing.analyzers.stance.model`,
loaded verified through :mod:`framing.resources.models`) on a JSONL file in the
NewsMTSC format (``sentence``, ``targets[]`` with ``start``, ``end``,
``polarity``) and, in the same run, the sentence-level VADER baseline (compound
<= -0.05 negative, >= 0.05 positive). Metrics: macro-F1 over negative /
neutral / positive, per target, and accuracy. Note: on the file the model was
trained on (``datasets/newsmtsc/dev.jsonl``) these are training scores; the
honest figure is the cross-validated one in the model card.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from framing.analyzers.stance.model import CLASSES, MODEL, predict_proba
from framing.resources import models as model_files
from framing.train.stance import build_examples, metrics, read_rows, vader_label


def run(path: str | Path, *, limit: int | None = None, model: Any = None) -> dict[str, Any]:
    """Figures of ``model`` (default: the shipped artifact) and of the VADER baseline on the file at ``path``."""
    rows = read_rows(path)
    if limit is not None:
        rows = rows[:limit]
    X, y, sents, _groups = build_examples(rows)
    P = predict_proba(model if model is not None else model_files.load(MODEL), X)
    pred = [CLASSES[int(i)] for i in P.argmax(axis=1)] if len(X) else []
    scores = metrics(y, pred)
    base = metrics(y, [vader_label(s) for s in sents])
    card = model_files.load_card(MODEL)
    return {
        "task": "stance",
        "data": str(path),
        "n": len(y),
        "sentences": len(rows),
        "macro_f1": scores["macro_f1"],
        "accuracy": scores["accuracy"],
        "baseline": {"name": "vader_sentence", **base},
        "model": {"artifact": card.get("artifact"), "sha256": card.get("artifact_sha256"), "cv_macro_f1": card.get("cv", {}).get("macro_f1")},
    }


def describe(result: dict[str, Any]) -> str:
    b = result["baseline"]
    lines = [
        f"stance (target-dependent sentiment) on {result['data']}: {result['n']} targets in {result['sentences']} sentences",
        f"  model         macro-F1 {result['macro_f1']:.3f}  accuracy {result['accuracy']:.3f}",
        f"  VADER (sent.) macro-F1 {b['macro_f1']:.3f}  accuracy {b['accuracy']:.3f}",
    ]
    cv = result.get("model", {}).get("cv_macro_f1")
    if cv is not None:
        lines.append(f"  model card: 5-fold CV macro-F1 {cv:.3f} on its training data")
    return "\n".join(lines)
