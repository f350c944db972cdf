"""framing: shows how a news article tells its story.

Public API (everything the CLI, notebooks and reports use):

* :func:`read` — an :class:`Article` from a URL, a path or ``-`` (stdin); :func:`load` is
  the same function under its former name, kept as an alias;
* :func:`fetch_article` (the network), :func:`load_html`, :func:`load_text`, :func:`load_path` (never the network);
* :func:`analyze` — the :class:`Analysis` of one article (every analyzer of ``framing.pipeline.ANALYZERS``);
* :func:`compare` — a :class:`Comparison` of a target analysis with peers' coverage of the same event;
* :func:`render_report` — an Analysis or a Comparison as terminal text, Markdown, HTML or PDF.

Heavy dependencies (spaCy, trafilatura, scikit-learn, matplotlib) load on first use:
each public name is imported from its module the first time it is used.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "read",
    "load",
    "fetch_article",
    "load_html",
    "load_text",
    "load_path",
    "analyze",
    "compare",
    "render_report",
    "Analysis",
    "Article",
    "Comparison",
]

# public name -> (module, attribute), imported on first use
_LAZY = {
    "read": ("framing.ingest", "load"),
    "load": ("framing.ingest", "load"),  # alias of read (its former name)
    "fetch_article": ("framing.ingest", "fetch_article"),
    "load_html": ("framing.ingest", "load_html"),
    "load_text": ("framing.ingest", "load_text"),
    "load_path": ("framing.ingest", "load_path"),
    "analyze": ("framing.pipeline", "analyze"),
    "compare": ("framing.compare", "compare"),
    "render_report": ("framing.report", "render_report"),
    "Analysis": ("framing.schema", "Analysis"),
    "Article": ("framing.schema", "Article"),
    "Comparison": ("framing.compare", "Comparison"),
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
