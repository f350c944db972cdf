"""Attribution: quotes, reported speech, speakers and sources (INTERIM adapter over framing.attribution)."""

from __future__ import annotations

from framing import attribution as _impl
from framing.analyzers import AnalyzerSpec, Context


def analyze(ctx: Context) -> _impl.Attribution:
    use_model = bool(ctx.options.get("use_model", True))
    model = ctx.models["attribution_spans"] if use_model else None
    return _impl.analyze(ctx.parsed, actors=ctx.result("actors"), use_model=use_model, _model=model)


SPEC = AnalyzerSpec("attribution", analyze, _impl.Attribution, requires=("actors",), rules=_impl.RULES,
                    models=("attribution_spans",))
