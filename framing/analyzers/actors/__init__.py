"""Actors: who the article is about, name variants merged (INTERIM adapter over framing.actors)."""

from __future__ import annotations

from framing import actors as _impl
from framing.analyzers import AnalyzerSpec, Context


def analyze(ctx: Context) -> _impl.ActorSet:
    return _impl.find(ctx.parsed, overrides=ctx.options.get("event_actors"))


SPEC = AnalyzerSpec("actors", analyze, _impl.ActorSet, rules=_impl.RULES)
