# SHIM (redesign): remove in the final pass
"""Compatibility re-exports: the attribution analyzer moved to :mod:`framing.analyzers.attribution`
(section types in :mod:`framing.schema.sections.attribution`)."""

from __future__ import annotations

from typing import Any

from framing.analyzers import Context
from framing.analyzers import attribution as _pkg
from framing.analyzers.attribution import CUE_CLASSES, RULES, SPEAKER_KINDS, TYPES
from framing.analyzers.attribution.cues import lex_of
from framing.analyzers.attribution.rules import rule_candidates as _rule_candidates
from framing.nlp import Parsed
from framing.resources import Lexicons
from framing.schema.sections.attribution import (
    Attribution,
    Claim,
    ClaimMarker,
    Quote,
    SourceMention,
    is_voice,
)

__all__ = ["CUE_CLASSES", "RULES", "SPEAKER_KINDS", "TYPES", "Attribution", "Claim", "ClaimMarker", "Quote",
           "SourceMention", "analyze", "is_voice", "rule_candidates"]


def analyze(parsed: Parsed, *, actors: Any = None, use_model: bool = True) -> Attribution:
    """The old entry point: :func:`framing.analyzers.attribution.analyze` on a Context built from ``parsed``."""
    return _pkg.analyze(Context(parsed=parsed, results={"actors": actors}, options={"use_model": use_model}))


def rule_candidates(parsed: Parsed, *, actors: Any = None) -> list:
    """The old entry point of the rules' candidates (shipped lexicons)."""
    return _rule_candidates(parsed, lex_of(Lexicons()), actors=actors)
