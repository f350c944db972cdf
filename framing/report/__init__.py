"""Reports: render an Analysis or a Comparison as terminal text, Markdown, HTML or PDF.

:func:`render` is the one entry point (``framing.report``)::

    framing.report(analysis, "html", path="reports/article.html")
    framing.report(comparison, "pdf", path="reports/compare.pdf", paper="Letter")

HTML, Markdown and PDF are made from one report model (:mod:`.model`); the PDF
is the HTML printed by WeasyPrint (:mod:`.pdf`). Highlights are made in one
place (:mod:`.highlight`), charts in another (:mod:`.charts`). Reports are
self-contained: no fonts, scripts, images or styles are fetched.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

RULES: dict[str, str] = {}

FORMATS = ("terminal", "markdown", "html", "pdf")
SUFFIXES = {"markdown": ".md", "html": ".html", "pdf": ".pdf", "terminal": ".txt"}
DEFAULT_DIR = Path("reports")


def _kind(obj: Any) -> str:
    if isinstance(obj, dict):
        return "comparison" if obj.get("kind") == "comparison" or ("target" in obj and "peers" in obj) else "analysis"
    return "comparison" if (type(obj).__name__ == "Comparison" or hasattr(obj, "target_analysis")) else "analysis"


def default_path(obj: Any, fmt: str, folder: Path | str = DEFAULT_DIR) -> Path:
    """``reports/<slug of the title>[-comparison].<ext>``."""
    import re

    from framing.report.model import _as_dict

    d = _as_dict(obj)
    title = ((d.get("target") or {}).get("title") if _kind(obj) == "comparison" else (d.get("article") or {}).get("title")) or "article"
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60] or "article"
    if _kind(obj) == "comparison":
        slug += "-comparison"
    return Path(folder) / f"{slug}{SUFFIXES[fmt]}"


def render(obj: Any, fmt: str = "html", *, path: str | Path | None = None, paper: str = "A4") -> str | bytes | Path:
    """Render ``obj`` (an Analysis, a Comparison, or their dict forms) in ``fmt``.

    ``fmt`` is ``terminal``, ``markdown``, ``html`` or ``pdf``. Without
    ``path`` the report is returned (``str``; ``bytes`` for PDF; terminal
    output is returned as plain text). With ``path`` it is written there
    (folders created; a folder path gets a file named after the article) and
    the path is returned. ``paper`` is ``A4`` or ``Letter`` (HTML print and PDF).
    """
    from framing.errors import InputError

    fmt = str(fmt).lower()
    if fmt == "md":
        fmt = "markdown"
    if fmt not in FORMATS:
        raise InputError(f"report format {fmt!r} is not one of {', '.join(FORMATS)}")
    if fmt == "terminal":
        out: str | bytes = _terminal(obj)
    else:
        from framing.report import model

        rep = model.build(obj)
        if fmt == "markdown":
            from framing.report.markdown import render_markdown

            out = render_markdown(rep)
        else:
            from framing.report.html import render_html

            html = render_html(rep, paper=paper)
            if fmt == "html":
                out = html
            else:
                from framing.report.pdf import render_pdf

                out = render_pdf(html)
    if path is None:
        return out
    p = Path(path)
    if p.is_dir() or str(path).endswith(("/", "\\")):
        p = default_path(obj, fmt, p)
    p.parent.mkdir(parents=True, exist_ok=True)
    tmp = p.with_name(p.name + ".part")
    if isinstance(out, bytes):
        tmp.write_bytes(out)
    else:
        tmp.write_text(out, encoding="utf-8")
    tmp.replace(p)
    log.info("wrote %s report to %s", fmt, p)
    return p


def _terminal(obj: Any) -> str:
    """The terminal view (rich) captured as plain text; analyses only go through terminal.print_analysis."""
    from rich.console import Console

    from framing.report import terminal

    console = Console(record=True, width=100, force_terminal=False)
    with console.capture() as cap:
        if _kind(obj) == "comparison":
            from framing.report import model
            from framing.report.markdown import render_markdown

            console.print(render_markdown(model.build(obj)), markup=False, highlight=False)
        else:
            terminal.print_analysis(obj if hasattr(obj, "to_dict") else _DictAnalysis(obj), console)
    return cap.get()


class _DictAnalysis:
    def __init__(self, d: dict):
        self._d = d

    def to_dict(self) -> dict:
        return self._d


class _CallableModule(__import__("types").ModuleType):
    """``framing.report`` is both this package and the public function: calling it calls :func:`render`."""

    def __call__(self, *args: Any, **kwargs: Any) -> "str | bytes | Path":
        return render(*args, **kwargs)


__import__("sys").modules[__name__].__class__ = _CallableModule
