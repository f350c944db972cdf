"""PDF reports: WeasyPrint renders the same HTML as :mod:`framing.report.html`.

Fonts are embedded (WeasyPrint subsets and embeds every font it uses; the
stylesheet asks for DejaVu, which the README's setup installs), text stays
selectable (charts keep their text as SVG text), each section is a PDF
bookmark (``bookmark-level: 1`` on section headings) and the paper size is A4
or Letter through ``@page { size }``.

Nothing is fetched while rendering: :func:`refuse_fetch` is WeasyPrint's URL
fetcher and raises for any URL that is not a ``data:`` URL.
"""

from __future__ import annotations

import logging
from typing import Any

from ..errors import FramingError

log = logging.getLogger(__name__)

RULES: dict[str, str] = {}


class ExternalFetchError(FramingError):
    """Raised when a report would fetch something from outside itself."""


def refuse_fetch(url: str, *args: Any, **kwargs: Any) -> dict:
    """WeasyPrint url_fetcher that allows only ``data:`` URLs (reports are self-contained)."""
    if url.startswith("data:"):
        from weasyprint.urls import default_url_fetcher

        return default_url_fetcher(url, *args, **kwargs)
    raise ExternalFetchError(f"the report tried to fetch {url[:80]!r}; reports must be self-contained (this is a bug in framing)")


def render_pdf(html: str) -> bytes:
    """PDF bytes from report HTML (made by :func:`framing.report.html.render_html`)."""
    import weasyprint

    for name in ("weasyprint", "fontTools"):
        logging.getLogger(name).setLevel(logging.ERROR)
    doc = weasyprint.HTML(string=html, url_fetcher=refuse_fetch, base_url=None)
    return doc.write_pdf(uncompressed_pdf=False)
