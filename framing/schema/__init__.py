"""framing's data objects: spans, evidence, scores, articles, sections, analyses.

Offsets are the currency of framing: every finding is a half-open character
range ``[start, end)`` into :attr:`Article.text`, the one offset space of an
article (headline included). :func:`validate` checks these invariants for a
whole serialised analysis.

This package imports nothing from the project but :mod:`framing.errors`.
"""

from __future__ import annotations

from framing.schema.analysis import SCHEMA_VERSION, Analysis, actor_cards
from framing.schema.article import Article, article_problems
from framing.schema.enums import ActorKind, AttributionType, CueClass, SpeakerKind, StanceLabel, Voice
from framing.schema.errors import SchemaError
from framing.schema.section import Measure, Section
from framing.schema.spans import Evidence, Score, Span, covered, merge, overlap, overlap_share, recompute
from framing.schema.validate import validate, walk

__all__ = [
    "SCHEMA_VERSION",
    "ActorKind",
    "Analysis",
    "Article",
    "AttributionType",
    "CueClass",
    "Evidence",
    "Measure",
    "SchemaError",
    "Score",
    "Section",
    "Span",
    "SpeakerKind",
    "StanceLabel",
    "Voice",
    "actor_cards",
    "article_problems",
    "covered",
    "merge",
    "overlap",
    "overlap_share",
    "recompute",
    "validate",
    "walk",
]
