"""Reports: render an Analysis or a Comparison as terminal text, Markdown, HTML or PDF.

:func:`render_report` is the one entry point (also ``framing.render_report``)::

    framing.render_report(analysis, "html", path="reports/article.html")
    framing.render_report(comparison, "pdf", path="reports/compare.pdf", paper="Letter")

HTML, Markdown and PDF are made from one report model (:mod:`.model`, built by
:mod:`.sections`: one builder per analysis section, a generic findings table for
any other); the renderers are in :mod:`.render` (the PDF is the HTML printed by
WeasyPrint). Highlights are made in one place (:mod:`.highlight`), charts in
another (:mod:`.charts`). Reports are self-contained: no fonts, scripts, images
or styles are fetched.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from rich.console import Console

from framing.analyzers import AnalyzerSpec
from framing.errors import InputError
from framing.report.inputs import typed
from framing.report.model import Report
from framing.report.output import check_output_path, write_output
from framing.report.render import terminal
from framing.report.render.html import render_html
from framing.report.render.markdown import render_markdown
from framing.report.render.pdf import render_pdf
from framing.report.sections import analysis as analysis_report
from framing.report.sections import comparison as comparison_report
from framing.schema import Analysis
from framing.schema.comparison import Comparison

__all__ = ["FORMATS", "build", "default_path", "render_report", "typed"]

log = logging.getLogger(__name__)

FORMATS = ("terminal", "markdown", "html", "pdf")
SUFFIXES = {"markdown": ".md", "html": ".html", "pdf": ".pdf", "terminal": ".txt"}
DEFAULT_DIR = Path("reports")


def build(obj: Analysis | Comparison | Mapping[str, Any], *, analyzers: Sequence[AnalyzerSpec] | None = None) -> Report:
    """The :class:`Report` model of an Analysis, a Comparison, or their JSON forms.

    ``analyzers`` are the specs whose rule meanings the generic findings tables show
    (default: :data:`framing.pipeline.ANALYZERS`); pass the tuple the analysis was made with.
    """
    x = typed(obj)
    return comparison_report.build(x) if isinstance(x, Comparison) else analysis_report.build(x, analyzers=analyzers)


def default_path(obj: Analysis | Comparison | Mapping[str, Any], fmt: str, folder: Path | str = DEFAULT_DIR) -> Path:
    """``reports/<slug of the title>[-comparison].<ext>``."""
    x = typed(obj)
    title = (x.target.title if isinstance(x, Comparison) else x.article.title) or "article"
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60] or "article"
    if isinstance(x, Comparison):
        slug += "-comparison"
    return Path(folder) / f"{slug}{SUFFIXES[fmt]}"


def render_report(obj: Analysis | Comparison | Mapping[str, Any], fmt: str = "html", *, path: str | Path | None = None,
                  paper: str = "A4", analyzers: Sequence[AnalyzerSpec] | None = None) -> str | bytes | Path:
    """Render ``obj`` (an Analysis, a Comparison, or their JSON forms) in ``fmt``.

    ``fmt`` is ``terminal``, ``markdown`` (or ``md``), ``html`` or ``pdf``. Without
    ``path`` the report is returned (``str``; ``bytes`` for PDF; terminal
    output is returned as plain text). With ``path`` it is written there
    (folders created; a folder path gets a file named after the article) and
    the path is returned: checked before rendering, written atomically through an
    exclusive temporary file, never through a symbolic link or into a special file
    (:mod:`framing.report.output`). ``paper`` is ``A4`` or ``Letter`` (HTML print and PDF). ``analyzers``
    (default :data:`framing.pipeline.ANALYZERS`) give the rule meanings of sections without a view of their own.
    """
    fmt = str(fmt).lower()
    if fmt == "md":
        fmt = "markdown"
    if fmt not in FORMATS:
        raise InputError(f"report format {fmt!r} is not one of {', '.join(FORMATS)}")
    x = typed(obj)
    if path is not None:  # a bad path fails now, in one line, not after the rendering
        check_output_path(path, make_parents=True)
    if fmt == "terminal":
        out: str | bytes = _terminal(x, analyzers)
    else:
        rep = build(x, analyzers=analyzers)
        if fmt == "markdown":
            out = render_markdown(rep)
        else:
            html = render_html(rep, paper=paper)
            out = html if fmt == "html" else render_pdf(html)
    if path is None:
        return out
    p = Path(path)
    if p.is_dir() or str(path).endswith(("/", "\\")):
        p = default_path(x, fmt, p)
    p = write_output(p, out, make_parents=True)
    log.info("wrote %s report to %s", fmt, p)
    return p


def _terminal(x: Analysis | Comparison, analyzers: Sequence[AnalyzerSpec] | None = None) -> str:
    """The terminal view (rich) captured as plain text."""
    console = Console(record=True, width=100, force_terminal=False)
    with console.capture() as cap:
        if isinstance(x, Comparison):
            terminal.print_comparison(x, console)
        else:
            terminal.print_analysis(x, console, analyzers=analyzers)
    return cap.get()
