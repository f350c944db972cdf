"""framing: shows how a news article tells its story.

Public API (everything the CLI, notebooks and reports use):

* :func:`read` — an :class:`Article` from a URL (fetched), a path or ``-`` (stdin);
* :func:`fetch_article` (the network), :func:`load_html`, :func:`load_text`, :func:`load_path` (never the network);
* :func:`analyze` — the :class:`Analysis` of one article (every analyzer of ``framing.pipeline.ANALYZERS``);
* :func:`compare` — a :class:`Comparison` of a target analysis with peers' coverage of the same event;
* :func:`render_report` — an Analysis or a Comparison as terminal text, Markdown, HTML or PDF.

Heavy dependencies (spaCy, trafilatura, scikit-learn, matplotlib) load on first use:
each public name is imported from its module the first time it is used.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

from framing.version import __version__

__all__ = [
    "Analysis",
    "Article",
    "Comparison",
    "__version__",
    "analyze",
    "compare",
    "fetch_article",
    "load_html",
    "load_path",
    "load_text",
    "read",
    "render_report",
]

# public name -> (module, attribute), imported on first use
_LAZY = {
    "read": ("framing.ingest", "read"),
    "fetch_article": ("framing.ingest", "fetch_article"),
    "load_html": ("framing.ingest", "load_html"),
    "load_text": ("framing.ingest", "load_text"),
    "load_path": ("framing.ingest", "load_path"),
    "analyze": ("framing.pipeline", "analyze"),
    "compare": ("framing.comparison", "compare"),
    "render_report": ("framing.report", "render_report"),
    "Analysis": ("framing.schema", "Analysis"),
    "Article": ("framing.schema", "Article"),
    "Comparison": ("framing.schema.comparison", "Comparison"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        mod, attr = _LAZY[name]
        value = getattr(importlib.import_module(mod), attr)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'framing' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)


def _html_view(obj: Any) -> str:
    """IPython's HTML view of an Analysis or a Comparison: the report layer's notebook view."""
    from framing.report.render import notebook  # lazy: heavy (the report layer: jinja2, matplotlib)

    return str(notebook.html_view(obj))


def _register_notebook_display() -> None:
    """In a running IPython kernel, show analyses and comparisons as HTML (without importing them now)."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is None or not hasattr(shell, "display_formatter"):
        return
    html = shell.display_formatter.formatters["text/html"]
    html.for_type_by_name("framing.schema.analysis", "Analysis", _html_view)
    html.for_type_by_name("framing.schema.comparison", "Comparison", _html_view)


_register_notebook_display()
