# SHIM (redesign): remove in the final pass
"""Compatibility re-exports: inference is :mod:`framing.analyzers.stance.model`, training :mod:`framing.train.stance`.

``train`` has no default data path any more: the caller (the CLI) passes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from framing.analyzers.stance import model as _model
from framing.analyzers.stance.model import ARTIFACT, CLASSES, MODEL, WINDOW, features, target_token_indices, tokens_of
from framing.resources import models as _models
from framing.train import stance as _train
from framing.train.stance import CARD, build_examples, cross_validate, make_estimator, read_rows, vader_label

__all__ = ["ARTIFACT", "CARD", "CLASSES", "MODEL", "WINDOW", "build_examples", "card", "cross_validate", "explain",
           "features", "load_model", "make_estimator", "predict_proba", "read_rows", "target_token_indices",
           "tokens_of", "train", "vader_label"]


def load_model() -> Any:
    """The shipped, verified model."""
    return _models.load(MODEL)


def card() -> dict[str, Any]:
    return _models.load_card(MODEL)


def predict_proba(feature_strings: Sequence[str]):
    return _model.predict_proba(load_model(), feature_strings)


def explain(feature_string: str, k: int = 3) -> list[tuple[str, float]]:
    return _model.explain(load_model(), feature_string, k)


def train(data_path: str | Path | None = None, **kw: Any) -> dict[str, Any]:
    return _train.train(data_path, **kw)
