# SHIM (redesign): remove in the final pass
"""Compatibility re-exports: the stance analyzer now lives in :mod:`framing.analyzers.stance`, its section types in
:mod:`framing.schema.sections.stance`."""

from __future__ import annotations

from framing.analyzers.stance import (
    MIN_PAIRS_FOR_CENTRING,
    MODEL_SCALE,
    OWNER_SCALE,
    ROLE_SCALE,
    RULES,
    THRESHOLD,
    label_for,
)
from framing.schema.sections.stance import ActorStance, LabelSpan, Stance, StanceEvidence

Stances = Stance

__all__ = ["MIN_PAIRS_FOR_CENTRING", "MODEL_SCALE", "OWNER_SCALE", "ROLE_SCALE", "RULES", "THRESHOLD", "ActorStance",
           "LabelSpan", "Stance", "StanceEvidence", "Stances", "label_for"]
