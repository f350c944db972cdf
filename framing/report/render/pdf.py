"""PDF reports: WeasyPrint renders the same HTML as :mod:`framing.report.html`.

Fonts are embedded (WeasyPrint subsets and embeds every font it uses; the
stylesheet asks for DejaVu, which the README's setup installs), text stays
selectable (charts keep their text as SVG text), each section is a PDF
bookmark (``bookmark-level: 1`` on section headings) and the paper size is A4
or Letter through ``@page { size }``.

Nothing is fetched while rendering: :func:`local_only_fetcher` gives
WeasyPrint a URL fetcher that serves ``data:`` URLs and refuses everything
else (http, https, file, ftp ...), recording each URL it was asked for.
"""

from __future__ import annotations

import logging
from typing import Any

from framing.errors import FramingError

log = logging.getLogger(__name__)

RULES: dict[str, str] = {}


class ExternalFetchError(FramingError):
    """Raised when a report would fetch something from outside itself."""


class PdfUnavailable(FramingError):
    """PDF output needs WeasyPrint (the ``pdf`` extra) and the Pango system library; one of them is missing."""


PDF_INSTALL = ("pip install 'framing-analyzer[pdf]' (WeasyPrint) and the Pango library "
               "(Debian/Ubuntu: apt-get install libpango-1.0-0 libpangoft2-1.0-0; macOS: brew install pango)")


def weasyprint_module() -> Any:
    """``weasyprint``, imported; :class:`PdfUnavailable` naming what is missing and how to install it otherwise."""
    try:
        import weasyprint  # lazy: heavy (weasyprint)
    except ImportError as exc:
        raise PdfUnavailable(f"PDF output needs WeasyPrint, which is not installed ({exc.name or exc}); install it: {PDF_INSTALL}") from None
    except OSError as exc:  # WeasyPrint is there, a system library it loads with cffi is not (Pango, GObject, HarfBuzz)
        lib = str(exc).split("'")[1] if str(exc).count("'") >= 2 else "Pango"
        raise PdfUnavailable(f"PDF output needs the Pango system library, which WeasyPrint cannot load ({lib}); install it: {PDF_INSTALL}") from None
    return weasyprint


def check_pdf_support() -> None:
    """Raise :class:`PdfUnavailable` now (before any work) when a PDF could not be written."""
    weasyprint_module()


def _refuse(url: str) -> None:
    raise ExternalFetchError(f"the report tried to fetch {url[:80]!r}; reports must be self-contained (this is a bug in framing)")


def local_only_fetcher() -> Any:
    """A WeasyPrint URL fetcher allowing only ``data:`` URLs; ``.asked`` lists every URL requested.

    WeasyPrint >= 67 takes a :class:`weasyprint.urls.URLFetcher` object; older
    versions take a function returning a dict. Both are supported.
    """
    try:
        from weasyprint.urls import URLFetcher  # lazy: heavy (weasyprint)
    except ImportError:  # WeasyPrint < 67: a plain function
        from weasyprint.urls import default_url_fetcher  # lazy: heavy (weasyprint)

        def fetch(url: str, *args: Any, **kwargs: Any) -> dict:
            fetch.asked.append(url)  # type: ignore[attr-defined]
            if not url.startswith("data:"):
                _refuse(url)
            return default_url_fetcher(url, *args, **kwargs)

        fetch.asked = []  # type: ignore[attr-defined]
        return fetch

    class LocalOnly(URLFetcher):
        def __init__(self) -> None:
            super().__init__(allowed_protocols={"data"}, allow_redirects=False, timeout=1)
            self.asked: list[str] = []

        def fetch(self, url: str, headers: Any = None) -> Any:
            self.asked.append(url)
            if not url.startswith("data:"):
                _refuse(url)
            return super().fetch(url, headers)

    return LocalOnly()


def render_pdf(html: str, *, fetcher: Any = None) -> bytes:
    """PDF bytes from report HTML (made by :func:`framing.report.html.render_html`).

    ``fetcher`` defaults to a fresh :func:`local_only_fetcher`; pass one to
    inspect what the renderer asked for.
    """
    weasyprint = weasyprint_module()
    for name in ("weasyprint", "fontTools"):
        logging.getLogger(name).setLevel(logging.ERROR)
    fetcher = fetcher if fetcher is not None else local_only_fetcher()
    doc = weasyprint.HTML(string=html, url_fetcher=fetcher, base_url=None)
    pdf = doc.write_pdf()
    refused = [u for u in getattr(fetcher, "asked", []) if not u.startswith("data:")]
    if refused:
        log.warning("report rendering refused %d outside URL(s), e.g. %s", len(refused), refused[0][:80])
    return pdf
