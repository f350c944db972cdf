"""What a report is made from: an Analysis or a Comparison, typed (their JSON forms are restored once, here)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from framing.errors import InputError
from framing.schema import Analysis
from framing.schema.comparison import Comparison


def typed(obj: Analysis | Comparison | Mapping[str, Any]) -> Analysis | Comparison:
    """``obj`` as an :class:`Analysis` or a :class:`Comparison`; a JSON form (dict) is restored through ``from_dict``."""
    if isinstance(obj, (Analysis, Comparison)):
        return obj
    if isinstance(obj, Mapping):
        if obj.get("kind") == "comparison" or "comparison" in obj or ("target" in obj and "peers" in obj):
            return Comparison.from_dict(obj)
        return Analysis.from_dict(obj)
    raise InputError(f"cannot make a report from {type(obj).__name__}: pass an Analysis or a Comparison")


def typed_analysis(obj: Analysis | Mapping[str, Any]) -> Analysis:
    """``obj`` as an :class:`Analysis` (restored from its JSON form if need be); a comparison is an InputError."""
    x = typed(obj)
    if not isinstance(x, Analysis):
        raise InputError("expected an analysis of one article, got a comparison")
    return x


def typed_comparison(obj: Comparison | Mapping[str, Any]) -> Comparison:
    """``obj`` as a :class:`Comparison` (restored from its JSON form if need be); an analysis is an InputError."""
    x = typed(obj)
    if not isinstance(x, Comparison):
        raise InputError("expected a comparison, got an analysis of one article")
    return x
