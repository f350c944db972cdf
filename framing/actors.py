# SHIM (redesign): remove in the final pass
"""Compatibility re-exports: the actors analyzer now lives in :mod:`framing.analyzers.actors`, its section types in
:mod:`framing.schema.sections.actors`, the actors.toml reader in :mod:`framing.resources.events`."""

from __future__ import annotations

from typing import Any

from framing.analyzers import Context
from framing.analyzers import actors as _analyzer
from framing.analyzers.actors import RULES
from framing.resources.events import KINDS, load_actor_file, parse_overrides
from framing.schema.sections.actors import Actor, Actors, Mention, Salience

ActorSet = Actors

__all__ = ["KINDS", "RULES", "Actor", "ActorSet", "Actors", "Mention", "Salience", "find", "load_actor_file",
           "parse_overrides"]


def find(parsed: Any, *, overrides: Any = None) -> Actors:
    """The actors of a parsed article (``overrides``: an actors.toml's content or path)."""
    opts = {"event_actors": overrides} if overrides is not None else {}
    return _analyzer.analyze(Context(parsed=parsed, options=opts))
