"""framing: shows how a news article tells its story.

Public API (everything the CLI, notebooks and reports use):

* :func:`load` — an :class:`~framing.schema.Article` from a URL, a path, ``-`` (stdin);
* :func:`fetch_article`, :func:`load_html`, :func:`load_text`, :func:`load_path`;
* :func:`analyze` — an :class:`~framing.pipeline.Analysis` of one article;
* :func:`compare` — a :class:`~framing.compare.Comparison` of a target with peers;
* :func:`report` — render an Analysis or Comparison (terminal, Markdown, HTML, PDF).

Heavy dependencies (spaCy, trafilatura, scikit-learn) load on first use.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "load",
    "fetch_article",
    "load_html",
    "load_text",
    "load_path",
    "analyze",
    "compare",
    "report",
    "Analysis",
    "Article",
]

_LAZY = {
    "load": ("framing.ingest", "load"),
    "fetch_article": ("framing.ingest", "fetch_article"),
    "load_html": ("framing.ingest", "load_html"),
    "load_text": ("framing.ingest", "load_text"),
    "load_path": ("framing.ingest", "load_path"),
    "analyze": ("framing.pipeline", "analyze"),
    "Analysis": ("framing.pipeline", "Analysis"),
    "Article": ("framing.schema", "Article"),
}

# ``framing.compare`` and ``framing.report`` are subpackages/modules that are also
# callable (they forward to ``framing.compare.compare`` and ``framing.report.render``),
# so ``framing.compare(target, peers)`` works whether or not the module was imported.
_CALLABLE_MODULES = ("compare", "report")


def __getattr__(name: str):
    if name in _CALLABLE_MODULES:
        import importlib

        return importlib.import_module(f"framing.{name}")
    if name in _LAZY:
        import importlib

        mod, attr = _LAZY[name]
        value = getattr(importlib.import_module(mod), attr)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'framing' has no attribute {name!r}")


def __dir__():
    return sorted(__all__)
