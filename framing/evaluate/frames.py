"""``framing evaluate frames``: article-level issue frames on SemEval-2023 Task 3 subtask 2 format data.

Reads JSON Lines with ``text`` and ``frames`` (SemEval frame labels), predicts
the frames of every text with the shipped classifier and reports ``micro_f1``
(the official metric), ``macro_f1``, ``per_frame_f1`` and ``n``, beside the
``most_frequent_three`` baseline (the three most frequent frames *of the
model's training data*, from its card, for every article). When the data is the
model's own training file, or more than half of its articles were in the
training data (``training_overlap``), ``in_sample`` is true and the figures are
not an estimate of accuracy: the card's cross-validated figures are given
beside them (``model_card_cv``).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import numpy as np

from framing.analyzers.frames.model import CUES, FRAME_IDS, MODEL_NAME, RULE_PREFIX, as_classifier
from framing.resources import lexicons
from framing.resources.models import load, load_card, model_rule
from framing.train.cards import text_hash
from framing.train.frames import read_frames, scores


def run(path: str | Path, *, limit: int | None = None) -> dict[str, Any]:
    """Evaluate the shipped frames model on ``path`` (``limit``: the first N articles)."""
    p = Path(path)
    texts, Y, _ = read_frames(p)
    if limit is not None:
        texts, Y = texts[:limit], Y[:limit]
    clf = as_classifier(load(MODEL_NAME))
    card = load_card(MODEL_NAME)
    P = clf.predict(texts, lexicon=lexicons.load(CUES))
    result: dict[str, Any] = {"task": "frames", "n": len(texts), **scores(Y, P)}
    top3 = card.get("most_frequent_three") or []
    B = np.zeros_like(Y)
    for f in top3:
        B[:, FRAME_IDS.index(f)] = 1
    result["baselines"] = {"most_frequent_three": {**scores(Y, B), "frames": top3, "from": "model card (training data)"}}
    digest = hashlib.sha256(p.read_bytes()).hexdigest()
    seen = set(card.get("training_text_hashes", ()))
    overlap = sum(text_hash(t) in seen for t in texts) / len(texts) if seen else None
    result["data_sha256"] = digest
    result["training_overlap"] = None if overlap is None else round(overlap, 4)
    result["in_sample"] = bool(digest == card.get("data", {}).get("sha256") or (overlap is not None and overlap > 0.5))
    result["model"] = model_rule(MODEL_NAME, RULE_PREFIX)
    cv = card.get("cross_validation") or {}
    if cv:
        result["model_card_cv"] = {"micro_f1": cv["model"]["micro_f1"], "macro_f1": cv["model"]["macro_f1"],
                                   "folds": cv["folds"], "baselines": {k: v["micro_f1"] for k, v in cv["baselines"].items()}}
    return result


def describe(result: dict[str, Any]) -> str:
    """A short terminal summary of :func:`run`'s result."""
    lines = [f"frames on {result['n']} articles, model {result['model']}",
             f"  model               micro-F1 {result['micro_f1']:.3f}  macro-F1 {result['macro_f1']:.3f}"]
    for name, b in result["baselines"].items():
        lines.append(f"  {name:<19} micro-F1 {b['micro_f1']:.3f}  macro-F1 {b['macro_f1']:.3f}")
    for f, v in sorted(result["per_frame_f1"].items(), key=lambda kv: -kv[1]):
        lines.append(f"    {f:<46} F1 {v:.3f}")
    if result.get("in_sample"):
        cv = result.get("model_card_cv") or {}
        lines.append(f"  note: these articles were in the training data; the card's cross-validated micro-F1 is {cv.get('micro_f1', float('nan')):.3f}")
    return "\n".join(lines)
