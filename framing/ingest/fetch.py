"""The only network code in framing: :func:`fetch_article` downloads a page and extracts its article.

Naming follows scikit-learn: ``fetch_*`` touches the network, ``load_*`` never
does. The download uses urllib3 rather than http.client: it verifies TLS
certificates against the system store by default, handles chunked transfer and
gives separate connect and read timeouts. Redirects and content decoding are
switched off in urllib3 and done here, so every hop's scheme is checked
(http and https only, at most ``MAX_REDIRECTS`` hops) and the size cap applies
to decoded bytes (a compressed bomb stops at ``max_bytes``). A total deadline of
``4 * timeout`` guards against servers that trickle bytes.

Every failure is a one-line :class:`~framing.errors.FetchError`,
:class:`~framing.errors.ContentTypeError` or :class:`~framing.errors.InputError`.

Known limits: HTTP(S) proxies from the environment are not used; Brotli/zstd
content encodings are not requested (servers fall back to gzip or identity);
pages that build their text with JavaScript, paywalled pages and index pages
have no extractable article.
"""

from __future__ import annotations

import logging
import re
import time
import zlib
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import urllib3
from urllib3 import exceptions as ux

from framing.errors import ContentTypeError, FetchError, InputError
from framing.ingest.html import HEADER_CHARSET, load_html
from framing.schema import Article
from framing.version import __version__

log = logging.getLogger(__name__)

MAX_REDIRECTS = 5
DEFAULT_TIMEOUT = 15.0
DEFAULT_MAX_BYTES = 5_000_000
USER_AGENT = f"framing/{__version__} (+https://github.com/framing-project/framing; news framing analysis for teaching)"
HTML_TYPES = ("text/html", "application/xhtml+xml")

_NAMED_TYPES = {
    "application/pdf": "a PDF document",
    "application/json": "JSON data",
    "text/plain": "plain text",
    "application/xml": "an XML document",
    "text/xml": "an XML document",
    "application/rss+xml": "an RSS feed",
    "application/atom+xml": "an Atom feed",
    "application/zip": "a ZIP archive",
    "application/octet-stream": "a binary file",
    "application/msword": "a Word document",
}


def _describe_type(ctype: str) -> str:
    if ctype in _NAMED_TYPES:
        return _NAMED_TYPES[ctype]
    for prefix, name in (("image/", "an image"), ("video/", "a video"), ("audio/", "an audio file"), ("font/", "a font")):
        if ctype.startswith(prefix):
            return name
    if ctype.endswith("+json"):
        return "JSON data"
    return "not an HTML page"


@dataclass
class _Download:
    requested_url: str
    url: str  # after redirects
    status: int
    content_type: str
    charset: str | None
    data: bytes
    redirects: list[str] = field(default_factory=list)


def _check_scheme(url: str, *, after: str | None = None) -> None:
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        shown = f"{parts.scheme}://" if parts.scheme else "no scheme"
        if after:
            raise FetchError(
                f"{after} redirects to {url!r} ({shown}); framing only follows http:// and https:// links: "
                "open the page in a browser and save it as a file"
            )
        raise InputError(f"{url!r}: only http:// and https:// URLs can be fetched ({shown}); download the page and give the file instead")
    if not parts.hostname:
        raise InputError(f"{url!r} has no host name; give a full address such as https://example.org/news/story.html")


def _http_status_error(status: int, reason: str, url: str) -> FetchError:
    what = f"HTTP {status}{' ' + reason if reason else ''} from {url}"
    if status == 404 or status == 410:
        return FetchError(f"{what}: the page does not exist; check the address")
    if status in (401, 402, 403, 451):
        return FetchError(f"{what}: the site refuses access (login, paywall or bot block); save the page from your browser and run: framing read FILE.html")
    if status == 429:
        return FetchError(f"{what}: too many requests; wait a few minutes and try again")
    if status >= 500:
        return FetchError(f"{what}: the server failed; try again later")
    return FetchError(f"{what}; check the address, or save the page from your browser and run: framing read FILE.html")


def _decompressor(encoding: str, url: str):
    enc = encoding.strip().lower()
    if enc in ("", "identity"):
        return None
    if enc in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if enc == "deflate":
        return zlib.decompressobj(32 + zlib.MAX_WBITS)  # zlib or gzip header, auto-detected
    raise FetchError(f"{url} was sent with the unsupported content encoding {encoding!r}; save the page from your browser and run: framing read FILE.html")


def _oversize(url: str, max_bytes: int) -> FetchError:
    return FetchError(
        f"{url} is larger than {max_bytes:,} bytes (after decompression); framing stops there: save the article "
        "text into a .txt file and run: framing read FILE.txt (or raise max_bytes)"
    )


def _pool(timeout: float) -> urllib3.PoolManager:
    """A urllib3 pool with no retries, no redirects, separate connect/read timeouts and framing's headers."""
    return urllib3.PoolManager(
        num_pools=4,
        retries=False,
        timeout=urllib3.Timeout(connect=timeout, read=timeout),
        headers={
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
            "Accept-Encoding": "gzip, deflate",
            "Accept-Language": "en;q=1.0, *;q=0.5",
        },
    )


def _request(pool: urllib3.PoolManager, current: str, timeout: float):
    """One GET of ``current`` (no redirect, body not read); urllib3/socket errors become one-line FetchErrors."""
    host = urlsplit(current).hostname or current
    try:
        return pool.request("GET", current, redirect=False, retries=False, preload_content=False, decode_content=False)
    except ux.LocationParseError as exc:
        raise InputError(f"{current!r} is not a valid URL ({exc}); check the address") from exc
    except ux.NameResolutionError as exc:
        raise FetchError(f"cannot resolve the host name {host!r} (DNS lookup failed); check the address and your internet connection") from exc
    except ux.NewConnectionError as exc:  # (a subclass of ConnectTimeoutError in urllib3 2)
        raise FetchError(f"cannot connect to {host} ({_reason(exc)}); the host is unreachable: check the address or try again later") from exc
    except ux.ConnectTimeoutError as exc:
        raise FetchError(f"timed out after {timeout:g} s connecting to {host}; the site may be down or slow: try again later or raise --timeout") from exc
    except ux.ReadTimeoutError as exc:
        raise FetchError(f"timed out after {timeout:g} s waiting for {current} to answer; try again later or raise --timeout") from exc
    except ux.SSLError as exc:
        raise FetchError(f"secure connection to {host} failed ({_reason(exc)}); the site's certificate could not be verified") from exc
    except (ux.ProtocolError, ux.HTTPError, OSError) as exc:
        raise FetchError(f"the connection to {host} failed ({_reason(exc)}); check the address or try again later") from exc


def _follow(pool: urllib3.PoolManager, url: str, timeout: float):
    """GET ``url``, following at most ``MAX_REDIRECTS`` redirects (each hop's scheme checked).

    Returns (the final response, its URL, the redirect hops).
    """
    current = url
    hops: list[str] = []
    while True:
        resp = _request(pool, current, timeout)
        status = resp.status
        if status not in (301, 302, 303, 307, 308):
            return resp, current, hops
        location = resp.headers.get("Location")
        _discard(resp)
        if not location:
            raise FetchError(f"{current} answered with a redirect (HTTP {status}) but gave no new address; open it in a browser instead")
        nxt = urljoin(current, location.strip())
        _check_scheme(nxt, after=current)
        hops.append(nxt)
        if len(hops) > MAX_REDIRECTS:
            raise FetchError(
                f"{url} redirects more than {MAX_REDIRECTS} times (last to {nxt}); it may loop: open it in a browser and save the page"
            )
        current = nxt


def _check_response(resp, current: str) -> tuple[str, str | None]:
    """Refuse error statuses and non-HTML content types; return (content type, declared charset)."""
    status = resp.status
    if status >= 400:
        _discard(resp)
        raise _http_status_error(status, resp.reason or "", current)
    if status != 200:
        _discard(resp)
        raise FetchError(f"{current} answered HTTP {status} {resp.reason or ''} instead of a page; check the address")
    raw_type = resp.headers.get("Content-Type", "")
    ctype = raw_type.split(";")[0].strip().lower()
    if ctype and ctype not in HTML_TYPES:
        _discard(resp)
        raise ContentTypeError(
            f"{current} is {_describe_type(ctype)} ({ctype}), not an HTML page; framing reads web pages: "
            "copy the article text into a .txt file and run: framing read FILE.txt"
        )
    m = HEADER_CHARSET.search(raw_type)
    return ctype, (m.group(1) if m else None)


def _read_body(resp, current: str, *, max_bytes: int, timeout: float, deadline: float) -> bytes:
    """The decoded body of ``resp``, at most ``max_bytes`` after decompression, read before ``deadline``."""
    host = urlsplit(current).hostname or current
    decoder = _decompressor(resp.headers.get("Content-Encoding", ""), current)
    length = resp.headers.get("Content-Length")
    if decoder is None and length and length.isdigit() and int(length) > max_bytes:
        _discard(resp)
        raise _oversize(current, max_bytes)
    out = bytearray()
    try:
        for chunk in resp.stream(64 * 1024, decode_content=False):
            if decoder is None:
                out += chunk
            else:
                out += decoder.decompress(chunk, max_bytes + 1 - len(out))
                if decoder.unconsumed_tail:
                    raise _oversize(current, max_bytes)
            if len(out) > max_bytes:
                raise _oversize(current, max_bytes)
            if time.monotonic() > deadline:
                raise FetchError(f"{current} took longer than {4 * timeout:g} s to download; try again later or raise --timeout")
        if decoder is not None:
            out += decoder.flush()
            if len(out) > max_bytes:
                raise _oversize(current, max_bytes)
    except zlib.error as exc:
        raise FetchError(f"{current} sent a corrupt compressed body ({exc}); try again later") from exc
    except ux.ReadTimeoutError as exc:
        raise FetchError(f"timed out after {timeout:g} s reading {current}; try again later or raise --timeout") from exc
    except (ux.ProtocolError, ux.HTTPError, OSError) as exc:
        raise FetchError(f"the connection to {host} broke off while reading the page ({_reason(exc)}); try again") from exc
    finally:
        _discard(resp)
    return bytes(out)


def _download(url: str, *, timeout: float, max_bytes: int) -> _Download:
    """GET ``url`` following at most ``MAX_REDIRECTS`` redirects, each hop's scheme checked; body capped after decoding.

    A page served without a content type must look like HTML (not a PDF).
    """
    _check_scheme(url)
    pool = _pool(timeout)
    deadline = time.monotonic() + 4 * timeout
    try:
        resp, current, hops = _follow(pool, url, timeout)
        ctype, declared = _check_response(resp, current)
        data = _read_body(resp, current, max_bytes=max_bytes, timeout=timeout, deadline=deadline)
        if not ctype:
            head = data[:1024].lstrip().lower()
            if head.startswith(b"%pdf-"):
                raise ContentTypeError(f"{current} is a PDF document, not an HTML page; copy the article text into a .txt file and run: framing read FILE.txt")
            if not (head.startswith(b"<") or b"<html" in head or b"<body" in head):
                raise ContentTypeError(f"{current} sent no content type and does not look like an HTML page; save it from your browser instead")
        return _Download(url, current, resp.status, ctype or "text/html", declared, data, hops)
    finally:
        pool.clear()


def _discard(resp) -> None:
    """Close a response without reading the rest of its body (the connection is not reused)."""
    try:
        resp.close()
    finally:
        resp.release_conn()


def _reason(exc: Exception) -> str:
    """The innermost readable reason of a urllib3/socket error, on one line."""
    inner: BaseException = exc
    for _ in range(5):
        nxt = getattr(inner, "reason", None) or inner.__cause__ or inner.__context__
        if nxt is None or nxt is inner or not isinstance(nxt, BaseException):
            break
        inner = nxt
    text = getattr(inner, "strerror", None) or str(inner) or type(inner).__name__
    text = re.sub(r"<[^>]+>:\s*", "", str(text))
    return " ".join(text.split())[:160]


def fetch_article(
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    check_language: bool = True,
) -> Article:
    """Download ``url`` and extract its article (the only network code in framing).

    http and https only (also after each redirect); at most 5 redirects;
    ``timeout`` seconds for connecting and for each read (and ``4 * timeout``
    for the whole download); at most ``max_bytes`` of decoded body; the
    content type must be HTML. ``Article.url`` is the address after
    redirects; ``meta`` records the requested URL, the charset and the
    canonical URL the page declares. Raises :class:`FetchError`,
    :class:`ContentTypeError`, :class:`ExtractionError`, :class:`LanguageError`.
    """
    if not isinstance(url, str):
        raise InputError(f"expected a URL string, got {type(url).__name__}")
    if timeout <= 0:
        raise InputError(f"timeout must be a positive number of seconds, got {timeout!r}")
    url = url.strip()
    started = time.monotonic()
    dl = _download(url, timeout=float(timeout), max_bytes=int(max_bytes))
    log.info("fetched %s: %d bytes in %.2f s (%d redirects)", dl.url, len(dl.data), time.monotonic() - started, len(dl.redirects))
    meta = {"requested_url": url if dl.redirects else None, "content_type": dl.content_type}
    return load_html(dl.data, url=dl.url, source=dl.url, charset=dl.charset, meta=meta, check_language=check_language)
