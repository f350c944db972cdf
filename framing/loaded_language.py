# SHIM (redesign): remove in the final pass
"""Moved: the analyzer is :mod:`framing.analyzers.loaded_language` (``analyze(ctx)``), its rules
:mod:`framing.analyzers.loaded_language.rules`, its section types :mod:`framing.schema.sections.loaded_language`."""

from __future__ import annotations

from framing.analyzers.loaded_language import RULES, SPEC, analyze
from framing.analyzers.loaded_language.model import THRESHOLD
from framing.analyzers.loaded_language.rules import (
    DEVICE_LEXICONS,
    LOADED,
    NEGATION_WINDOW,
    NEGATORS,
    REPORTED_DEVICES,
    LexHit,
    doc_hits,
    hits_in,
)
from framing.schema.sections.loaded_language import LoadedLanguage, LoadedSpan, SentenceScore, TopDevice

__all__ = ["DEVICE_LEXICONS", "LOADED", "NEGATION_WINDOW", "NEGATORS", "REPORTED_DEVICES", "RULES", "SPEC", "THRESHOLD",
           "LexHit", "LoadedLanguage", "LoadedSpan", "SentenceScore", "TopDevice", "analyze", "doc_hits", "hits_in"]
