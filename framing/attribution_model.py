# SHIM (redesign): remove in the final pass
"""Compatibility re-exports: the span model moved to :mod:`framing.analyzers.attribution.model` (inference)
and :mod:`framing.train.attribution` (training, card). ``_Linear`` stays importable here so that an artifact
pickled under the old class paths still loads."""

from __future__ import annotations

from typing import Any

from framing.analyzers.attribution import MODEL
from framing.analyzers.attribution.model import (
    CUE_POS,
    AttributionSpanModel,
    Candidate,
    FeatureContext,
    _Linear,
    candidate_features,
    content_candidates,
    content_features,
    cue_features,
    cue_tokens,
    overlap_share,
)
from framing.resources.models import load as _load
from framing.resources.models import load_card
from framing.train.attribution import (
    ARTIFACT,
    CARD,
    THRESHOLDS,
    examples,
    fit_articles,
    gold_cue_heads,
    train,
)

Context = FeatureContext

__all__ = ["ARTIFACT", "CARD", "CUE_POS", "THRESHOLDS", "AttributionSpanModel", "Candidate", "Context", "FeatureContext",
           "_Linear", "candidate_features", "card", "content_candidates", "content_features", "cue_features",
           "cue_tokens", "examples", "fit_articles", "gold_cue_heads", "load", "overlap_share", "train"]


def card() -> dict[str, Any]:
    """The model card of the shipped span model."""
    return load_card(MODEL)


def load() -> AttributionSpanModel:
    """The shipped span model, verified against its card."""
    return _load(MODEL)
