"""The analyzer contract: every analyzer is a function of a :class:`Context` returning a typed section.

An analyzer lives in ``framing/analyzers/<name>/`` and exposes

* ``analyze(ctx: Context) -> Section`` — a pure function of the context (the parse,
  lexicons, models, the typed results of the analyzers it requires, options);
* ``SPEC = AnalyzerSpec(name, analyze, section, requires=..., rules=..., lexicons=..., models=...)``.

:data:`framing.pipeline.ANALYZERS` lists the specs in order; ``pipeline.analyze``
is a loop over them that checks ``requires``. Analyzers never import each other:
what one needs from another it reads, typed, from ``ctx.results``.

Author's voice vs quoted voice is decided in one place, :meth:`Context.voice`:
a span is *quoted* when it lies inside the union of the quotation-mark spans of
the parse and, once the attribution analyzer has run, the content spans its
section marks as another's voice (:meth:`QuotedVoice.spans`) -- except the
noun-phrase object of a speech verb ('X condemned the brazen violation',
``rule:attribution.verb_topic``): the writer's naming of what was said, not
the speaker's words, so it stays the author's unless in quotation marks.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from framing.nlp import Parsed
from framing.resources import Lexicons, Models
from framing.schema import Measure, Section, Span, Voice, merge
from framing.schema.sections.attribution import TOPIC_RULES

__all__ = ["AnalyzerSpec", "Context", "Measure", "QuotedVoice", "Regions", "Section"]


class QuotedVoice(Protocol):
    """A section that marks spans as someone else's words (the attribution section)."""

    def quoted_spans(self) -> Sequence[Span]: ...


class Regions:
    """The union of some spans, for fast containment and coverage queries."""

    def __init__(self, spans: Sequence[Span]) -> None:
        self.spans = merge(spans)
        self._starts = [s.start for s in self.spans]

    def contains(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` lies inside one region."""
        i = bisect.bisect_right(self._starts, start) - 1
        return i >= 0 and self.spans[i].start <= start and end <= self.spans[i].end

    def covered(self, start: int, end: int) -> int:
        """Characters of ``[start, end)`` inside the regions."""
        total = 0
        for i in range(max(0, bisect.bisect_right(self._starts, start) - 1), len(self.spans)):  # no tail copy
            s = self.spans[i]
            if s.start >= end:
                break
            total += max(0, min(end, s.end) - max(start, s.start))
        return total

    def __iter__(self) -> Iterator[Span]:
        return iter(self.spans)


@dataclass(frozen=True, slots=True, kw_only=True)
class Context:
    """Everything an analyzer may read.

    ``lexicons`` and ``models`` load on first use and can be replaced (tests and
    training inject candidates: ``Context(..., models=Models({"attribution_spans": candidate}))``).
    ``results`` holds the typed sections of the analyzers run so far; an analyzer
    reads only those it names in ``requires``. ``options`` carries run options, e.g.
    ``event_actors`` (the content of a ``corpora/<event>/actors.toml``) or
    ``use_model`` (``False``: rules alone, where an analyzer has both).
    """

    parsed: Parsed
    lexicons: Lexicons = field(default_factory=Lexicons)
    models: Models = field(default_factory=Models)
    results: Mapping[str, Section] = field(default_factory=dict)
    options: Mapping[str, Any] = field(default_factory=dict)
    _memo: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)  # derived, per context

    @property
    def text(self) -> str:
        return self.parsed.article.text

    def result(self, name: str) -> Any:
        """The typed section of analyzer ``name`` (KeyError when it has not run)."""
        return self.results[name]

    def with_results(self, results: Mapping[str, Section]) -> Context:
        return Context(parsed=self.parsed, lexicons=self.lexicons, models=self.models, results=results, options=self.options)

    @property
    def quoted_regions(self) -> Regions:
        """Quotation-mark spans plus attributed content (when attribution has run): the quoted voice."""
        regions = self._memo.get("quoted_regions")  # built once per context: voice() is asked per sentence
        if regions is None:
            regions = self._memo["quoted_regions"] = _regions(self.parsed, self.results.get("attribution"))
        return regions

    def voice(self, span: Span) -> Voice:
        """The one author-vs-quoted rule (see the module docstring)."""
        return Voice.QUOTED if self.quoted_regions.contains(span.start, span.end) else Voice.AUTHOR


@functools.lru_cache(maxsize=8)
def _regions_cached(quotes: tuple[Span, ...], attributed: tuple[Span, ...]) -> Regions:
    return Regions(list(quotes) + list(attributed))




def _regions(parsed: Parsed, attribution: Any) -> Regions:
    if attribution is None:
        attributed: tuple[Span, ...] = ()
    else:
        attributed = tuple(attribution.quoted_spans())
        topics = {c for q in getattr(attribution, "quotes", ()) if q.rule in TOPIC_RULES for c in q.content}
        if topics:  # a topic span another attribution also holds as content stays quoted
            held = {c for q in getattr(attribution, "quotes", ()) if q.rule not in TOPIC_RULES for c in q.content}
            attributed = tuple(c for c in attributed if c not in topics or c in held)
    return _regions_cached(tuple(parsed.quotes), attributed)


@dataclass(frozen=True, slots=True)
class AnalyzerSpec:
    """What the pipeline, the reports and the contract tests know about an analyzer.

    ``name`` is the section key in :class:`~framing.schema.Analysis` and its JSON;
    ``section`` the section type; ``requires`` the analyzers whose results it reads
    (they must come earlier in ``ANALYZERS``); ``rules`` every rule id it may emit
    (prefix match for versioned ids such as ``lexicon:loaded_terms@1.2.0``) with the
    one-line meaning a report shows; ``lexicons`` and ``models`` the resources it loads.
    """

    name: str
    analyze: Callable[[Context], Section]
    section: type
    requires: tuple[str, ...] = ()
    rules: Mapping[str, str] = field(default_factory=dict)
    lexicons: tuple[str, ...] = ()
    models: tuple[str, ...] = ()

    def explain(self, rule: str) -> str | None:
        """The documented meaning of an emitted rule id, or None when it is undocumented."""
        if rule in self.rules:
            return self.rules[rule]
        base = rule.split("@", 1)[0]
        for key, meaning in self.rules.items():
            if key.split("@", 1)[0] == base:
                return meaning
        return None
