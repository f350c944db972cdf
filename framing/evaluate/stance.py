"""``framing evaluate stance``: the target-sentiment model on NewsMTSC-format data.

``run(path)`` scores the shipped model (:mod:`framing.target_sentiment`) on a
JSONL file in the NewsMTSC format (``sentence``, ``targets[]`` with ``start``,
``end``, ``polarity``) and, in the same run, the sentence-level VADER baseline
(compound <= -0.05 negative, >= 0.05 positive). Metrics: macro-F1 over
negative / neutral / positive, per target, and accuracy. Note: on the file the
model was trained on (``datasets/newsmtsc/dev.jsonl``) these are training
scores; the honest figure is the cross-validated one in the model card.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def run(path: str | Path, *, limit: int | None = None) -> dict[str, Any]:
    from framing import target_sentiment as ts

    rows = ts.read_rows(path)
    if limit is not None:
        rows = rows[:limit]
    X, y, sents, _groups = ts.build_examples(rows)
    P = ts.predict_proba(X)
    pred = [ts.CLASSES[int(i)] for i in P.argmax(axis=1)] if len(X) else []
    model = ts._metrics(y, pred)
    base = ts._metrics(y, [ts.vader_label(s) for s in sents])
    card = ts.card()
    return {
        "task": "stance",
        "data": str(path),
        "n": len(y),
        "sentences": len(rows),
        "macro_f1": model["macro_f1"],
        "accuracy": model["accuracy"],
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
