"""Loaded language: loaded words and phrases, per sentence and per article (INTERIM adapter)."""

from __future__ import annotations

from framing import loaded_language as _impl
from framing.analyzers import AnalyzerSpec, Context


def analyze(ctx: Context) -> _impl.LoadedLanguage:
    return _impl.analyze(ctx.parsed, quoted=ctx.result("attribution").quoted_spans())


SPEC = AnalyzerSpec("loaded_language", analyze, _impl.LoadedLanguage, requires=("attribution",), rules=_impl.RULES,
                    models=("loaded_sentence",))
