"""Markdown reports: the same report model as the HTML and PDF, as GitHub-flavoured Markdown.

Charts are left out (Markdown has no inline SVG that every viewer shows; the
HTML and PDF reports carry them); tables and findings are all kept. In the
article text, loaded terms are in bold with their legend code in brackets;
quotes, sources and claims are listed with their offsets in the tables.
"""

from __future__ import annotations

import re
from typing import Any

from framing.report.model import (
    Bullets,
    Card,
    Cards,
    Chart,
    Facts,
    Highlighted,
    Para,
    Quote,
    Report,
    Table,
)

RULES: dict[str, str] = {}


def _esc(s: Any) -> str:
    s = "" if s is None else str(s)
    return s.replace("|", "\\|").replace("\n", " ")


def _cell(v: Any) -> str:
    if v is None:
        return "–"
    if isinstance(v, Quote):
        ref = v.ref()
        return f"“{_esc(v.text)}”" + (f" ({_esc(v.note)})" if v.note else "") + (f" [{_esc(ref)}]" if ref else "")
    if isinstance(v, tuple):
        return "<br>".join(_cell(x) for x in v)
    if isinstance(v, float):
        return f"{v:,.2f}"
    if isinstance(v, int) and not isinstance(v, bool):
        return f"{v:,}"
    return _esc(v)


def _text(source: str, block: Highlighted) -> str:
    """Paragraphs of the text with loaded terms in bold (from the marks' offsets in the HTML)."""
    marks = [(int(m.group(1)), int(m.group(2)), m.group(3))
             for m in re.finditer(r'data-kind="loaded(?:-quoted)?" data-start="(\d+)" data-end="(\d+)"(?: data-part-start="\d+" data-part-end="\d+")?(?: data-code="([^"]*)")?', str(block.html))]
    spans: dict[tuple[int, int], str] = {}
    for s, e, code in marks:
        if code or (s, e) not in spans:
            spans[(s, e)] = code or spans.get((s, e), "")
    chosen: list[tuple[int, int, str]] = []
    for (s, e), code in sorted(spans.items()):
        if chosen and s < chosen[-1][1]:
            continue  # overlapping loaded spans: keep the first
        chosen.append((s, e, code))
    out, pos = [], 0
    for s, e, code in chosen:
        out.append(source[pos:s])
        out.append(f"**{source[s:e]}**" + (f"[{code}]" if code else ""))
        pos = e
    out.append(source[pos:])
    paras = [p.strip() for p in "".join(out).split("\n") if p.strip()]
    return "\n\n".join(paras)


def render_markdown(report: Report) -> str:
    lines: list[str] = [f"# {report.title}", "", f"*{report.subtitle}*", ""]
    for k, v in report.title_facts:
        lines.append(f"- **{k}:** {_esc(v)}")
    if report.peers_by_lean:
        lines.append("")
        for lean, outlets in report.peers_by_lean.items():
            lines.append(f"- **peers, {lean} ({len(outlets)}):** {_esc(', '.join(outlets))}")
    lines.append("")
    for sec in report.sections:
        lines += [f"## {sec.title}", ""]
        for b in sec.blocks:
            if isinstance(b, Para):
                lines += [f"### {b.text}" if b.cls == "h3" else (f"> {b.text}" if b.cls == "note" else b.text), ""]
            elif isinstance(b, Bullets):
                lines += [f"- {_cell(it)}" for it in b.items] + [""]
            elif isinstance(b, Facts):
                lines += [f"- **{k}:** {_esc(v)}" for k, v in b.pairs] + [""]
            elif isinstance(b, Table):
                if b.caption:
                    lines += [f"*{_esc(b.caption)}*", ""]
                lines.append("| " + " | ".join(_esc(c) for c in b.columns) + " |")
                lines.append("|" + "|".join("---:" if i in b.numeric else "---" for i in range(len(b.columns))) + "|")
                for row in b.rows:
                    lines.append("| " + " | ".join(_cell(v) for v in row) + " |")
                lines.append("")
            elif isinstance(b, Chart):
                lines += [f"*Chart ({b.title or 'see the HTML or PDF report'}): {_esc(b.caption)}*", ""]
            elif isinstance(b, Highlighted):
                legend = "; ".join(f"{it.code} = {it.label} ({it.count})" for it in b.legend if it.kind.startswith("loaded"))
                if legend:
                    lines += [f"*Loaded terms in bold, with their category code: {legend}.*", ""]
                lines += [_text(report.source_text, b), ""]
            elif isinstance(b, Cards):
                for c in b.cards:
                    lines += _card(c)
    return "\n".join(lines).rstrip() + "\n"


def _card(c: Card) -> list[str]:
    out = [f"#### {c.title}" + (f" ({c.subtitle})" if c.subtitle else ""), ""]
    out += [f"- **{k}:** {_esc(v)}" for k, v in c.facts]
    out += [f"- {_esc(what)}: {_cell(q)}" for what, q in c.evidence]
    return out + [""]
