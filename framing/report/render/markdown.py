"""Markdown reports: the same report model as the HTML and PDF, as GitHub-flavoured Markdown.

Charts are left out (Markdown has no inline SVG that every viewer shows; the
HTML and PDF reports carry them); tables and findings are all kept. In the
article text, loaded terms are in bold with their legend code in brackets;
quotes, sources and claims are listed with their offsets in the tables.

Titles, outlets, names, quotes and the article text were written by strangers,
so every string from the report model is escaped before it is written (:func:`md`):
``<``, ``>`` and entity-like ``&`` become HTML entities (``<script>`` is never
written through), the characters Markdown reads as markup (backslash, backtick, ``* _ [ ] ~ |``
and block markers at the start of a paragraph: ``#``, ``-``, ``+``, ``=``,
``1.``) are backslash-escaped, and terminal escape sequences and control
characters are removed (a report may be read with ``cat``). The only markup in
the file is the renderer's own.
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
from framing.safetext import terminal_safe

RULES: dict[str, str] = {}


_HTML = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}
_INLINE = re.compile(r"[<>]|&(?=#?\w+;)|[\\`*\[\]~|]|(?<![^\W_])_|_(?![^\W_])")
_BLOCK = re.compile(r"^(\s*)([#+=-]|\d{1,9}(?=[.)]))([.)]?)")


def md(s: Any, *, block: bool = False) -> str:
    """``s`` as literal Markdown text: terminal-safe, HTML and Markdown-active characters escaped.

    Inline text (``block=False``, table cells and list items) is folded to one line; ``block=True``
    keeps line breaks and escapes block markers (heading, list, rule) at the start of every line.
    """
    s = terminal_safe("" if s is None else str(s))
    s = _INLINE.sub(lambda m: _HTML.get(m.group(0)) or "\\" + m.group(0), s)
    if not block:
        return s.replace("\n", " ")
    return "\n".join(_BLOCK.sub(_block_marker, line) for line in s.split("\n"))


def _block_marker(m: re.Match) -> str:
    lead, marker, dot = m.groups()
    return lead + (marker + "\\" + dot if dot else "\\" + marker)


def _cell(v: Any) -> str:
    if v is None:
        return "–"
    if isinstance(v, Quote):
        ref = v.ref()
        return f"“{md(v.text)}”" + (f" ({md(v.note)})" if v.note else "") + (f" [{md(ref)}]" if ref else "")
    if isinstance(v, tuple):
        return "<br>".join(_cell(x) for x in v)
    if isinstance(v, float):
        return f"{v:,.2f}"
    if isinstance(v, int) and not isinstance(v, bool):
        return f"{v:,}"
    return md(v)


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
        out.append(md(source[pos:s], block=True))
        out.append(f"**{md(source[s:e])}**" + (f"[{md(code)}]" if code else ""))
        pos = e
    out.append(md(source[pos:], block=True))
    paras = [p.strip() for p in "".join(out).split("\n") if p.strip()]
    return "\n\n".join(_BLOCK.sub(_block_marker, p) for p in paras)


def render_markdown(report: Report) -> str:
    lines: list[str] = [f"# {md(report.title)}", "", f"*{md(report.subtitle)}*", ""]
    for k, v in report.title_facts:
        lines.append(f"- **{md(k)}:** {md(v)}")
    if report.peers_by_lean:
        lines.append("")
        for lean, outlets in report.peers_by_lean.items():
            lines.append(f"- **peers, {md(lean)} ({len(outlets)}):** {md(', '.join(outlets))}")
    lines.append("")
    for sec in report.sections:
        lines += [f"## {md(sec.title)}", ""]
        for b in sec.blocks:
            if isinstance(b, Para):
                lines += [f"### {md(b.text)}" if b.cls == "h3" else (f"> {md(b.text)}" if b.cls == "note" else _BLOCK.sub(_block_marker, md(b.text))), ""]
            elif isinstance(b, Bullets):
                lines += [f"- {_cell(it)}" for it in b.items] + [""]
            elif isinstance(b, Facts):
                lines += [f"- **{md(k)}:** {md(v)}" for k, v in b.pairs] + [""]
            elif isinstance(b, Table):
                if b.caption:
                    lines += [f"*{md(b.caption)}*", ""]
                lines.append("| " + " | ".join(md(c) for c in b.columns) + " |")
                lines.append("|" + "|".join("---:" if i in b.numeric else "---" for i in range(len(b.columns))) + "|")
                for row in b.rows:
                    lines.append("| " + " | ".join(_cell(v) for v in row) + " |")
                lines.append("")
            elif isinstance(b, Chart):
                lines += [f"*Chart ({md(b.title or 'see the HTML or PDF report')}): {md(b.caption)}*", ""]
            elif isinstance(b, Highlighted):
                legend = "; ".join(f"{md(it.code)} = {md(it.label)} ({it.count})" for it in b.legend if it.kind.startswith("loaded"))
                if legend:
                    lines += [f"*Loaded terms in bold, with their category code: {legend}.*", ""]
                lines += [_text(report.source_text, b), ""]
            elif isinstance(b, Cards):
                for c in b.cards:
                    lines += _card(c)
    return "\n".join(lines).rstrip() + "\n"


def _card(c: Card) -> list[str]:
    out = [f"#### {md(c.title)}" + (f" ({md(c.subtitle)})" if c.subtitle else ""), ""]
    out += [f"- **{md(k)}:** {md(v)}" for k, v in c.facts]
    out += [f"- {md(what)}: {_cell(q)}" for what, q in c.evidence]
    return out + [""]
