"""``framing evaluate loaded``: sentence-level loaded-language detection on BABE-format data.

Reads JSON Lines with ``text`` and ``label`` (1 = biased by word choice, 0 =
not; rows with a null label are skipped), scores every sentence with the
shipped classifier (threshold 0.5) and reports precision and recall of the
"biased" class and macro-F1, beside three baselines measured in the same run:

* ``vader`` -- |VADER compound| >= t,
* ``textblob`` -- TextBlob subjectivity >= t,
* ``lexicon`` -- sum of loaded-term strengths in the sentence >= t.

The baseline thresholds ``t`` are the ones chosen on the training data and
recorded in the model card (never tuned on the data being evaluated). When the
data is the classifier's own training file (same sha256), or more than half of
its sentences were in the training data (the card keeps short hashes of the
training sentences; ``training_overlap`` is the share), the result says
``in_sample: true`` and the figures are not an estimate of accuracy: use the
cross-validated figures of the model card instead (``model_card_cv_macro_f1``
and, grouped by source article, ``model_card_grouped_cv_macro_f1``). The
shipped model masks names (``mask_names``; see
:mod:`framing.analyzers.loaded_language.model`).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import numpy as np

from framing.analyzers.loaded_language.model import MODEL_NAME, RULE_PREFIX, as_classifier
from framing.evaluate.metrics import best_threshold, binary_prf
from framing.resources.models import load, load_card, model_rule
from framing.train.cards import text_hash
from framing.train.datasets import read_babe
from framing.train.loaded import baseline_scores, rows_for_texts


def run(path: str | Path, *, limit: int | None = None) -> dict[str, Any]:
    """Evaluate on ``path``; ``limit`` keeps the first N labelled rows (for quick checks)."""
    p = Path(path)
    texts, labels = read_babe(p)
    if limit is not None:
        texts, labels = texts[:limit], labels[:limit]
    y = np.asarray(labels, dtype=int)
    rows = rows_for_texts(texts)
    model = as_classifier(load(MODEL_NAME))
    card = load_card(MODEL_NAME)
    proba = model.predict_proba(rows)[:, 1]
    result: dict[str, Any] = {"task": "loaded", "n": len(y), "positives": int(y.sum())}
    result.update(binary_prf(y, (proba >= 0.5).astype(int)))
    scores = baseline_scores(rows)
    thresholds = card.get("baseline_thresholds", {})
    baselines = {}
    for name, s in scores.items():
        t = thresholds.get(name)
        if t is None:  # an old card: fall back to a threshold chosen on this data, and say so
            t = best_threshold(s, y)
            baselines[name] = {**binary_prf(y, (s >= t).astype(int)), "threshold": round(float(t), 4), "threshold_from": "this data"}
        else:
            baselines[name] = {**binary_prf(y, (s >= t).astype(int)), "threshold": round(float(t), 4), "threshold_from": "model card"}
    result["baselines"] = baselines
    digest = hashlib.sha256(p.read_bytes()).hexdigest()
    result["data_sha256"] = digest
    seen = set(card.get("training_text_hashes", ()))
    overlap = sum(text_hash(t) in seen for t in texts) / len(texts) if seen else None
    result["training_overlap"] = None if overlap is None else round(overlap, 4)
    result["in_sample"] = bool(digest == card.get("data", {}).get("sha256") or (overlap is not None and overlap > 0.5))
    result["model"] = model_rule(MODEL_NAME, RULE_PREFIX)
    result["mask_names"] = bool(getattr(model, "mask_names", False))  # names hidden from the features (even-handed)
    cv = card.get("cross_validation", {})
    if cv:
        result["model_card_cv_macro_f1"] = round(float(cv["model"]["macro_f1"]), 4)
    grouped = card.get("cross_validation_grouped") or {}
    if grouped:
        result["model_card_grouped_cv_macro_f1"] = round(float(grouped["model"]["macro_f1"]), 4)
    return result


def describe(result: dict[str, Any]) -> str:
    """A short terminal summary of :func:`run`'s result."""
    masked = " (names masked)" if result.get("mask_names") else ""
    lines = [f"loaded language on {result['n']} sentences ({result.get('positives', '?')} biased), model {result.get('model', '')}{masked}",
             f"  model      macro-F1 {result['macro_f1']:.3f}  precision {result['precision']:.3f}  recall {result['recall']:.3f}"]
    for name, b in result["baselines"].items():
        lines.append(f"  {name:<10} macro-F1 {b['macro_f1']:.3f}  precision {b['precision']:.3f}  recall {b['recall']:.3f}"
                     f"  (threshold {b['threshold']:.3f} from {b['threshold_from']})")
    ov = result.get("training_overlap")
    if result.get("in_sample") or ov:
        lines.append(f"  note: {100 * (ov or 1.0):.0f}% of these sentences were in the model's training data, so the model's "
                     "figures are not an estimate of accuracy; the model card's cross-validated macro-F1 is "
                     f"{result.get('model_card_cv_macro_f1', float('nan')):.3f}")
    return "\n".join(lines)
