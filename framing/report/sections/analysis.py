"""The single-article report: a summary, the highlighted text, one report section per analysis section, the methodology.

:data:`BUILDERS` lists the sections with a builder of their own, in reading
order (each names the analysis sections it covers: the actor cards show the
actors and the stance sections together). Every other section of the analysis,
such as a new analyzer's, gets the generic findings table of :mod:`.generic`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from framing.analyzers import AnalyzerSpec
from framing.report.model import Bullets, Para, Report, Section
from framing.report.sections import (
    actors,
    attribution,
    frames,
    generic,
    loaded_language,
    methodology,
    roles,
    techniques,
)
from framing.report.sections.common import now, version, when
from framing.report.sections.text import highlighted_block, target_marks
from framing.schema import Analysis


@dataclass(frozen=True)
class Builder:
    """A report section built for some analysis sections: ``section(d)`` and its ``summary(d)`` bullets (d: the JSON form)."""

    covers: tuple[str, ...]
    section: Callable[[Mapping], Section]
    summary: Callable[[Mapping], list[str]]


BUILDERS: tuple[Builder, ...] = (
    Builder(("loaded_language",), loaded_language.section, loaded_language.summary),
    Builder(("actors", "stance"), actors.section, actors.summary),
    Builder(("attribution",), attribution.section, attribution.summary),
    Builder(("roles",), roles.section, roles.summary),
    Builder(("frames",), frames.section, frames.summary),
    Builder(("techniques",), techniques.section, techniques.summary),
)
COVERED = frozenset(name for b in BUILDERS for name in b.covers)


def summary(analysis: Analysis, d: Mapping, *, analyzers: Sequence[AnalyzerSpec] | None = None) -> Section:
    """The summary: the title and length, then each section's headline bullets."""
    sec = Section("summary", "Summary")
    art = d["article"]
    words = art.get("word_count") or len(art["text"].split())
    bullets: list[str] = []
    for b in BUILDERS:
        bullets += b.summary(d)
    for name, s in generic.other_sections(analysis.sections, COVERED):
        bullets += generic.summary(name, s, specs=analyzers)
    if not bullets:
        bullets.append("The analyzers found nothing to report in this text.")
    sec.add(Para(f"“{art.get('title') or '(untitled)'}” — {words:,} words."))
    sec.add(Bullets(tuple(bullets)))
    sec.add(Para("These are measurements, not verdicts: each one points at the words behind it, highlighted in the next "
                 "section. To see how this article compares with other outlets' coverage of the same event, run "
                 "`framing compare` (see the README).", cls="note"))
    return sec


def build(analysis: Analysis, *, analyzers: Sequence[AnalyzerSpec] | None = None) -> Report:
    """The single-article report model (``analyzers``: whose rule meanings the generic sections show)."""
    d = analysis.to_dict()
    art = d["article"]
    prov = d.get("provenance") or {}
    facts = [("outlet", art.get("outlet") or "–"), ("published", when(art.get("published"))),
             ("byline", art.get("byline") or "–"), ("source", art.get("url") or art.get("source") or "–"),
             ("words", f"{art.get('word_count', 0):,}"),
             ("analysed", when(prov.get("analyzed_at")) if prov.get("analyzed_at") else now()),
             ("tool", f"framing {d.get('framing_version') or version()}" + (f", analyzer {prov['analyzer_version']}" if prov.get("analyzer_version") else ""))]
    marks, legend = target_marks(d)
    text_sec = Section("text", "The text, with its findings highlighted", cls="text-section")
    text_sec.add(highlighted_block(d, marks, legend))
    sections = [summary(analysis, d, analyzers=analyzers), text_sec]
    sections += [b.section(d) for b in BUILDERS]
    sections += [generic.section(name, s, analysis.article, specs=analyzers)
                 for name, s in generic.other_sections(analysis.sections, COVERED)]
    sections.append(methodology.section("analysis", prov))
    return Report("analysis", art.get("title") or "(untitled article)", "How this article tells its story",
                  facts, sections, generated_at=now(), version=version(), source_text=art["text"])
