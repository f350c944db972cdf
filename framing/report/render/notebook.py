"""Compact HTML for notebooks (``_repr_html_`` of Analysis and Comparison).

:func:`analysis_html` shows the highlighted text with its legend and small
tables of the per-article figures and actors, and a findings table for every
section without a view of its own (a new analyzer's); :func:`comparison_html` shows
where the target stands on each measure, its most distinctive words and its
claims. Both use the same report model, highlighter and stylesheet as the full
reports (charts are left out to keep notebooks light).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from markupsafe import Markup, escape

from framing.report import model
from framing.report.inputs import typed_analysis, typed_comparison
from framing.report.render.html import environment
from framing.report.sections import analysis as analysis_report
from framing.report.sections import comparison as comparison_report
from framing.report.sections import generic
from framing.report.sections.common import signed
from framing.schema import Analysis, actor_cards
from framing.schema.comparison import Comparison

_CSS_CACHE: dict[str, str] = {}


def _css() -> str:
    """The report stylesheet's rules for highlights, legend, text and tables, scoped to ``.framing-nb``."""
    if "css" not in _CSS_CACHE:
        css = environment().get_template("report.css.j2").render(paper="A4", report=model.Report("analysis", "", "", [], []))
        css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
        css = re.sub(r"@page[^{]*\{(?:[^{}]|\{[^{}]*\})*\}", "", css)
        keep = []
        for sel, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
            sels = [x.strip() for x in sel.split(",") if x.strip()]
            if sels and all(x.startswith((".hl", ".legend", ".article-text", ".off", ".q", "table", "th", "td", "caption", "ul.bullets")) for x in sels):
                keep.append(", ".join(f".framing-nb {x}" for x in sels) + " {" + body.strip() + "}")
        _CSS_CACHE["css"] = "\n".join(keep)
    return _CSS_CACHE["css"]


def _render_blocks(blocks: list, wanted: tuple[str, ...]) -> str:
    tpl = environment().get_template("blocks.html.j2")
    return tpl.render(blocks=[b for b in blocks if type(b).__name__ in wanted])


def _wrap(inner: str) -> Markup:
    return Markup(f'<div class="framing-nb"><style>{_css()}</style>{inner}</div>')


def analysis_html(analysis: Analysis | Mapping[str, Any], *, max_rows: int = 12) -> Markup:
    """Highlighted text, legend, per-article figures, actor table and other sections' findings of one analysis (or its JSON form)."""
    an = typed_analysis(analysis)
    rep = analysis_report.build(an)
    blocks: list = []
    summ = rep.section("summary")
    if summ:
        blocks += [b for b in summ.blocks if isinstance(b, model.Bullets)]
    text = rep.section("text")
    if text:
        blocks += text.blocks
    actors = rep.section("actors")
    if actors:
        d = an.to_dict()
        rows = tuple((a.get("name"), a.get("kind") or "", a.get("mentions", 0), signed(a.get("stance")), a.get("stance_label") or "",
                      f"{a.get('agent', 0)} / {a.get('patient', 0)}")
                     for a in sorted(actor_cards(d), key=lambda a: -(a.get("mentions") or 0))[:max_rows])
        if rows:
            blocks.append(model.Table(("actor", "kind", "mentions", "stance", "label", "acts / acted upon"), rows, "Actors", numeric=(2, 3)))
    for name, _ in generic.other_sections(an.sections, analysis_report.COVERED):
        sec = rep.section(name.replace("_", "-"))
        if sec:
            blocks += [b for b in sec.blocks if isinstance(b, model.Table)]
    head = f"<h3>{escape(rep.title)}</h3>"
    return _wrap(head + _render_blocks(blocks, ("Bullets", "Highlighted", "Table")))


def comparison_html(comparison: Comparison | Mapping[str, Any]) -> Markup:
    """Summary, measures table, distinctive words and claims of a comparison (or its JSON form)."""
    cmp = typed_comparison(comparison)
    rep = comparison_report.build(cmp)
    blocks: list = []
    for sid, kinds in (("summary", ("Bullets",)), ("charts", ("Table",)), ("word-choice", ("Table",)), ("claims", ("Table",)), ("text", ("Highlighted",))):
        sec = rep.section(sid)
        if sec:
            blocks += [b for b in sec.blocks if type(b).__name__ in kinds]
    head = f"<h3>{escape(rep.title)}</h3>"
    return _wrap(head + _render_blocks(blocks, ("Bullets", "Table", "Highlighted")))


def html_view(obj: Analysis | Comparison) -> Markup:
    """The notebook view of an Analysis or a Comparison (what IPython shows for one; see ``framing._html_view``)."""
    return comparison_html(obj) if isinstance(obj, Comparison) else analysis_html(obj)
