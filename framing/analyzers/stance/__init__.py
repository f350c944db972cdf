"""Stance toward each actor (INTERIM adapter over framing.stance)."""

from __future__ import annotations

from framing import stance as _impl
from framing.analyzers import AnalyzerSpec, Context


def analyze(ctx: Context) -> _impl.Stances:
    return _impl.analyze(ctx.parsed, ctx.result("actors"), loaded=ctx.result("loaded_language"),
                         quoted=ctx.result("attribution").quoted_spans())


SPEC = AnalyzerSpec("stance", analyze, _impl.Stances, requires=("actors", "attribution", "loaded_language"), rules=_impl.RULES,
                    models=("stance_target_sentiment",))
