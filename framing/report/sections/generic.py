"""The generic report of a section that has no builder of its own: a findings table from its ``evidence()``.

Any analyzer's section implements the :class:`framing.schema.Section` protocol, so
every face can show it without knowing it: one row per piece of evidence (the
rule that fired and its documented meaning, the quotation with its offsets, the
signed weight, the detail), plus its ``measures()``. Rule meanings come from the
analyzer's ``SPEC.rules`` when it is listed in :data:`framing.pipeline.ANALYZERS`
(read at call time, so a tuple extended at run time is seen).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from framing import pipeline
from framing.analyzers import AnalyzerSpec
from framing.report.model import Facts, Para, Quote, Section, Table
from framing.report.sections.common import clip, fmt
from framing.schema import Article, Evidence

MAX_ROWS = 60  # findings shown per section (the JSON has them all)


@dataclass(frozen=True)
class Finding:
    """One row of a findings table: a piece of evidence and the meaning of its rule."""

    rule: str
    meaning: str
    quote: Quote
    weight: float
    detail: str


def spec_of(name: str, specs: Sequence[AnalyzerSpec] | None = None) -> AnalyzerSpec | None:
    """The spec of analyzer ``name`` among ``specs`` (default: ``framing.pipeline.ANALYZERS``; None when not listed)."""
    return next((s for s in (pipeline.ANALYZERS if specs is None else specs) if s.name == name), None)


def title(name: str) -> str:
    """A section's display title from its analyzer's name: ``issue_frames`` -> ``Issue frames``."""
    return name.replace("_", " ").capitalize()


def findings(name: str, section: Any, *, specs: Sequence[AnalyzerSpec] | None = None) -> list[Finding]:
    """The section's evidence in text order, each with its rule's documented meaning ('' when undocumented)."""
    spec = spec_of(name, specs)
    evidence: list[Evidence] = sorted(section.evidence(), key=lambda e: (e.span.start, e.span.end)) if hasattr(section, "evidence") else []
    out = []
    for e in evidence:
        meaning = (spec.explain(e.rule) if spec is not None else None) or ""
        out.append(Finding(e.rule, meaning, Quote(e.quote, e.span.start, e.span.end), e.weight, e.detail))
    return out


def measures(section: Any, article: Article) -> list[tuple[str, str]]:
    """The section's measures as (label, value with unit) pairs."""
    if not hasattr(section, "measures"):
        return []
    out = []
    for key, m in section.measures(article).items():
        value = "–" if m.value is None else fmt(m.value, 2)
        out.append((m.label or key, f"{value} {m.unit}".rstrip()))
    return out


def section(name: str, sec: Any, article: Article, *, specs: Sequence[AnalyzerSpec] | None = None) -> Section:
    """A report section for an analysis section without a builder of its own."""
    out = Section(name.replace("_", "-"), title(name))
    pairs = measures(sec, article)
    if pairs:
        out.add(Facts(tuple(pairs)))
    rows = findings(name, sec, specs=specs)
    if not rows:
        return out.add(Para(f"The {name.replace('_', ' ')} analyzer found nothing to show in this text."))
    shown = tuple((Quote(clip(f.quote.text, 200), f.quote.start, f.quote.end), f.rule + (f": {f.meaning}" if f.meaning else ""),
                   f"{f.weight:+.2f}", f.detail or "–") for f in rows[:MAX_ROWS])
    caption = f"Every finding of the {name.replace('_', ' ')} analyzer, in text order ({len(rows)})."
    if len(rows) > MAX_ROWS:
        caption = f"The first {MAX_ROWS} of {len(rows)} findings of the {name.replace('_', ' ')} analyzer, in text order."
    return out.add(Table(("passage [offsets]", "rule", "weight", "detail"), shown, caption, numeric=(2,), cls="small"))


def summary(name: str, sec: Any, *, specs: Sequence[AnalyzerSpec] | None = None) -> list[str]:
    """One summary bullet: how many findings the section has."""
    n = len(findings(name, sec, specs=specs))
    return [f"The {name.replace('_', ' ')} analyzer reports {n} finding{'s' if n != 1 else ''} (see its section)."] if n else []


def other_sections(sections: Mapping[str, Any], covered: set[str] | frozenset[str]) -> list[tuple[str, Any]]:
    """The sections (in analysis order) that no builder covers."""
    return [(name, sec) for name, sec in sections.items() if name not in covered]
