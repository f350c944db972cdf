"""Self-contained HTML reports: one Jinja2 template, inline CSS, inline SVG charts, no external requests.

:func:`render_html` renders a :class:`~framing.report.model.Report`. The page
references nothing outside itself: no scripts, fonts, images or stylesheets
are fetched (article addresses are shown as text, not links), so it opens
offline and prints the same everywhere. The PDF is made from this same HTML
(:mod:`framing.report.pdf`).
"""

from __future__ import annotations

import functools
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from framing.errors import InputError
from framing.report.model import Report

RULES: dict[str, str] = {}

PAPER_SIZES = {"A4": "A4", "LETTER": "letter", "US-LETTER": "letter"}

_SAMPLES = {
    "loaded": "word",
    "loaded-quoted": "word",
    "quote": "“…”",
    "reported": "said that …",
    "anonymous": "officials",
    "vague": "many say",
    "unattributed": "claim",
    "contradicted": "claim",
    "uncorroborated": "claim",
    "claim": "claim",
    "speaker": "",
    "frame": "¶",
    "technique": "phrase",
    "technique-quoted": "phrase",
}


def paper_size(paper: str) -> str:
    """CSS ``@page size`` for ``A4`` or ``Letter`` (case-insensitive)."""
    key = str(paper).strip().upper()
    if key not in PAPER_SIZES:
        raise InputError(f"paper size {paper!r} is not supported; use A4 or Letter")
    return PAPER_SIZES[key]


def _fmt(v: Any) -> str:
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, int):
        return f"{v:,}"
    if isinstance(v, float):
        return f"{v:,.2f}" if abs(v) < 10 else f"{v:,.1f}"
    return str(v)


@functools.cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("framing.report", "templates"),
        autoescape=select_autoescape(["html", "j2"], default_for_string=True, default=True),
        undefined=StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
    )
    env.globals["kind"] = lambda obj: type(obj).__name__
    env.globals["fmt"] = _fmt
    env.globals["sample"] = lambda k: _SAMPLES.get(k, "…")
    return env


def render_html(report: Report, *, paper: str = "A4") -> str:
    """The report as one self-contained HTML document."""
    env = environment()
    css = env.get_template("report.css.j2").render(paper=paper_size(paper), report=report)
    return env.get_template("report.html.j2").render(report=report, css=css)
