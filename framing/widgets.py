"""Classroom display helpers for the notebooks: small tables, a one-line summary, and a live re-scoring view.

What it offers
--------------
* :func:`summary` — the headline figures of one analysis as a flat dict (loaded terms per 1,000 words in
  the author's voice and in quotes, share of sentences scoring >= 0.5, number of quotes, anonymous and
  vague sources, unattributed claims, actors). Every value is read from ``analysis.to_dict()``; nothing is
  recomputed, so a notebook shows the same numbers as ``framing score --json`` and the PDF report.
* :func:`table` — a list of dicts as an HTML table in a notebook (plain text elsewhere). The notebooks use
  it instead of pandas so they need nothing beyond framing's own dependencies.
* :func:`live_view` — a text box that re-scores as you type (ipywidgets). Without ipywidgets, or outside a
  running notebook, it degrades to a static :class:`LiveView` that shows the analysis of the text it was
  given and can be re-scored with :meth:`LiveView.update`.

Range and units: figures are copied from the analysis sections (see issues 3-5 for their definitions).

Known limits: the live view re-analyzes the whole text after a pause in typing (0.6 s); long texts
(> 2,000 words) make it sluggish. Text that is too short or not English shows the one-line error that
:func:`framing.load_text` raises instead of an analysis.

Library code never prints; this module logs failures to re-score at DEBUG level and shows them in the view.
"""

from __future__ import annotations

import html
import logging
import threading
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import framing
from framing.errors import FramingError
from framing.report.inputs import typed
from framing.report.render.notebook import analysis_html
from framing.safetext import one_line
from framing.schema import Analysis, actor_cards

log = logging.getLogger(__name__)

__all__ = ["LiveView", "Table", "live_view", "score_text", "summary", "table"]


# --------------------------------------------------------------------------- figures


def summary(analysis: Analysis | Mapping[str, Any]) -> dict[str, Any]:
    """The headline figures of one analysis (or its JSON form) as a flat dict (keys are stable; values rounded for display).

    Missing sections (an analyzer that did not run) give ``None`` for their figures.
    """
    d = typed(analysis).to_dict()
    art = d.get("article", {})
    ll = d.get("loaded_language") or {}
    at = d.get("attribution") or {}
    actors = actor_cards(d)
    sentences = ll.get("sentences") or []
    scores = [float(s.get("score", 0.0)) for s in sentences]
    spans = ll.get("spans") or []

    def r(x: Any, nd: int = 1) -> Any:
        return None if x is None else round(float(x), nd)

    return {
        "words": art.get("word_count"),
        "loaded_per_1000_words": r(ll.get("per_1000_words")),
        "loaded_per_1000_author": r(ll.get("per_1000_words_author")),
        "loaded_per_1000_quoted": r(ll.get("per_1000_words_quoted")),
        "loaded_terms_author": sum(1 for s in spans if s.get("voice") == "author"),
        "loaded_terms_quoted": sum(1 for s in spans if s.get("voice") == "quoted"),
        "sentences": len(scores),
        "share_sentences_loaded": r(sum(1 for s in scores if s >= 0.5) / len(scores), 2) if scores else None,
        "quotes": len(at.get("quotes") or []),
        "anonymous_sources": len(at.get("anonymous_sources") or []),
        "vague_attributions": len(at.get("vague_attributions") or []),
        "unattributed_claims": len(at.get("unattributed_claims") or []),
        "actors": len(actors),
    }


# --------------------------------------------------------------------------- tables


class Table:
    """Rows (dicts) shown as an HTML table in a notebook and as aligned text elsewhere."""

    def __init__(self, rows: Iterable[Mapping[str, Any]], columns: Sequence[str] | None = None, *,
                 caption: str | None = None, max_rows: int = 40) -> None:
        self.rows = [dict(r) for r in rows]
        if columns is None:
            seen: dict[str, None] = {}
            for r in self.rows:
                for k in r:
                    seen.setdefault(k, None)
            columns = list(seen)
        self.columns = list(columns)
        self.caption = caption
        self.max_rows = max_rows

    def __len__(self) -> int:
        return len(self.rows)

    @staticmethod
    def _cell(v: Any) -> str:
        if v is None:
            return ""
        if isinstance(v, float):
            return f"{v:.2f}"
        if isinstance(v, (list, tuple)):
            return ", ".join(Table._cell(x) for x in v)
        return str(v)

    def _repr_html_(self) -> str:
        parts = ['<table style="border-collapse:collapse;font-size:0.9em">']
        if self.caption:
            parts.append(f'<caption style="text-align:left;font-weight:bold">{html.escape(self.caption)}</caption>')
        parts.append("<thead><tr>")
        parts += [f'<th style="text-align:left;border-bottom:1px solid #888;padding:2px 8px">{html.escape(c)}</th>'
                  for c in self.columns]
        parts.append("</tr></thead><tbody>")
        if not self.rows:
            parts.append(f'<tr><td colspan="{max(1, len(self.columns))}" style="padding:2px 8px">'
                         "<em>(nothing found)</em></td></tr>")
        for r in self.rows[: self.max_rows]:
            parts.append("<tr>" + "".join(
                f'<td style="text-align:left;vertical-align:top;padding:2px 8px">{html.escape(self._cell(r.get(c)))}</td>'
                for c in self.columns) + "</tr>")
        parts.append("</tbody></table>")
        if len(self.rows) > self.max_rows:
            parts.append(f"<p><em>... and {len(self.rows) - self.max_rows} more rows</em></p>")
        return "".join(parts)

    def __str__(self) -> str:
        """Plain text for a terminal: every cell, column name and the caption made terminal-safe and one line."""
        shown = self.rows[: self.max_rows]
        cols = [one_line(str(c)) for c in self.columns]
        cells = [[one_line(self._cell(r.get(c))) for c in self.columns] for r in shown]
        widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(cols)]
        lines = []
        if self.caption:
            lines.append(one_line(self.caption))
        lines.append("  ".join(c.ljust(w) for c, w in zip(cols, widths)))
        lines.append("  ".join("-" * w for w in widths))
        lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths)) for row in cells]
        if not self.rows:
            lines.append("(nothing found)")
        if len(self.rows) > self.max_rows:
            lines.append(f"... and {len(self.rows) - self.max_rows} more rows")
        return "\n".join(lines)

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:  # IPython plain-text display
        p.text(str(self))


def table(rows: Iterable[Mapping[str, Any]], columns: Sequence[str] | None = None, *,
          caption: str | None = None, max_rows: int = 40) -> Table:
    """``rows`` (dicts) as a :class:`Table`; ``columns`` picks and orders the keys shown."""
    return Table(rows, columns, caption=caption, max_rows=max_rows)


# --------------------------------------------------------------------------- live view


def score_text(text: str, title: str | None = None) -> Analysis:
    """Load and analyze pasted text (no language check, so short drafts work); returns the Analysis."""
    return framing.analyze(framing.load_text(text, title=title, check_language=False))


def _analysis_html(analysis: Analysis) -> str:
    """The notebook rendering of an analysis (framing.report.render.notebook)."""
    return str(analysis_html(analysis))


def _view_html(text: str, title: str | None) -> str:
    if not text.strip():
        return "<p><em>Type or paste some text to see it scored.</em></p>"
    try:
        an = score_text(text, title)
    except FramingError as exc:
        return f"<p style='color:#a00'>{html.escape(str(exc))}</p>"
    s = summary(an)
    head = (f"<p><b>{s['loaded_terms_author']}</b> loaded terms in the author's voice "
            f"({s['loaded_per_1000_author'] or 0} per 1,000 words), <b>{s['loaded_terms_quoted']}</b> inside quotes; "
            f"share of sentences scoring &ge; 0.5: <b>{s['share_sentences_loaded'] if s['share_sentences_loaded'] is not None else '-'}</b>; "
            f"quotes found: <b>{s['quotes']}</b>.</p>")
    return head + _analysis_html(an)


class LiveView:
    """Static stand-in for the live view: the analysis of ``text``; call :meth:`update` to re-score."""

    def __init__(self, text: str = "", title: str | None = None, reason: str = "") -> None:
        self.text = text
        self.title = title
        self.reason = reason
        self._html = _view_html(text, title)

    def update(self, text: str) -> LiveView:
        self.text = text
        self._html = _view_html(text, self.title)
        return self

    def _repr_html_(self) -> str:
        note = (f"<p><em>Static view ({html.escape(self.reason)}): edit the text in the cell and run it "
                "again to re-score.</em></p>") if self.reason else ""
        return note + self._html

    def __str__(self) -> str:
        s = summary(score_text(self.text, self.title)) if self.text.strip() else {}
        return "\n".join(f"{k}: {v}" for k, v in s.items())


def _in_notebook_kernel() -> bool:
    try:
        from IPython import (
            get_ipython,  # lazy: optional (IPython, only inside a notebook)
        )
    except ImportError:
        return False
    ip = get_ipython()
    return ip is not None and getattr(ip, "kernel", None) is not None


def live_view(text: str = "", *, title: str | None = None, delay: float = 0.6, force_static: bool = False) -> Any:
    """A text box that re-scores ``delay`` seconds after you stop typing.

    Returns an ipywidgets ``VBox`` in a running notebook with ipywidgets installed; otherwise (or with
    ``force_static=True``) a :class:`LiveView` showing the analysis of ``text``.
    """
    if force_static:
        return LiveView(text, title, reason="static view requested")
    try:
        import ipywidgets as w  # lazy: optional (ipywidgets)
    except ImportError:
        return LiveView(text, title, reason="ipywidgets is not installed")
    if not _in_notebook_kernel():
        return LiveView(text, title, reason="not running in a notebook")

    box = w.Textarea(value=text, placeholder="Type or paste a paragraph here",
                     layout=w.Layout(width="100%", height="9em"), continuous_update=True)
    out = w.HTML(value=_view_html(text, title))
    state: dict[str, Any] = {"timer": None}
    lock = threading.Lock()

    def rescore() -> None:
        try:
            out.value = _view_html(box.value, title)
        except Exception as exc:  # noqa: BLE001 - keep the widget alive whatever happens
            log.debug("live view re-score failed: %s", exc)
            out.value = f"<p style='color:#a00'>{html.escape(type(exc).__name__)}: {html.escape(str(exc))}</p>"

    def on_change(_change: Any) -> None:
        with lock:
            if state["timer"] is not None:
                state["timer"].cancel()
            state["timer"] = threading.Timer(delay, rescore)
            state["timer"].daemon = True
            state["timer"].start()

    box.observe(on_change, names="value")
    return w.VBox([w.HTML("<b>Live scoring</b> &mdash; edit the text; the analysis updates when you pause."), box, out])
