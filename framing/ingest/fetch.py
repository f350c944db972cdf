"""The only network code in framing: :func:`fetch_article` downloads a page and extracts its article.

Naming follows scikit-learn: ``fetch_*`` touches the network, ``load_*`` never
does. The download uses urllib3 rather than http.client: it verifies TLS
certificates against the system store by default and handles chunked transfer.
Redirects and content decoding are switched off in urllib3 and done here, so
every hop is checked (http and https only, at most ``MAX_REDIRECTS`` hops) and
the size cap applies to decoded bytes (a compressed bomb stops at ``max_bytes``).

Defences (issue 22):

* **One deadline.** ``timeout`` seconds is the wall-clock budget of the whole
  fetch: DNS, connect, TLS, headers, body, every redirect hop. Each socket read
  first checks the monotonic deadline and sets the socket timeout to the time
  left, so a server that drips headers or a body a byte at a time is cut off at
  the deadline (not after one timeout per byte). ``timeout`` must be finite,
  > 0 and at most ``MAX_TIMEOUT`` seconds.
* **Complete bodies only.** A body shorter than its Content-Length, or a gzip /
  deflate stream that ends before its end marker, is a FetchError, not a page.
* **No inward redirects.** Every hop's host is resolved once (``resolve_host``)
  and checked by :mod:`framing.ingest.netguard`; the connection goes to an
  address that passed, never through a second DNS lookup (DNS rebinding).
  Link-local and cloud-metadata addresses are refused always; loopback, private,
  CGNAT and unique-local addresses whenever a hop leaves the address class of
  the URL the user gave (``allow_private_redirects=True`` lifts that for local
  testing).

Proxies and retries (:mod:`framing.ingest.proxy`): ``HTTP_PROXY``/``HTTPS_PROXY``/``NO_PROXY``
are honoured (the address checks still run on the target's name); HTTP 429 and 503 are asked again at most
twice, after the server's ``Retry-After`` or 1, 2 s, and only while the deadline leaves time for it.

Every failure is a one-line :class:`~framing.errors.FetchError`,
:class:`~framing.errors.ContentTypeError` or :class:`~framing.errors.InputError`.

Known limits: Brotli/zstd
content encodings are not requested (servers fall back to gzip or identity);
a body without Content-Length and without compression that the server cuts
short cannot be told from a complete one; pages that build their text with
JavaScript, paywalled pages and index pages have no extractable article.
"""

from __future__ import annotations

import logging
import math
import re
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

import urllib3
from urllib3 import exceptions as ux
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.util.ssl_ import create_urllib3_context

from framing.errors import ContentTypeError, FetchError, InputError
from framing.ingest import netguard
from framing.ingest.html import HEADER_CHARSET, load_html
from framing.ingest.netguard import AddressClass, AddressRefused
from framing.ingest.proxy import RETRY_STATUSES, proxy_for, retry_wait
from framing.schema import Article
from framing.version import __version__

log = logging.getLogger(__name__)

MAX_REDIRECTS = 5
DEFAULT_TIMEOUT = 15.0
MAX_TIMEOUT = 300.0
DEFAULT_MAX_BYTES = 5_000_000
USER_AGENT = f"framing/{__version__} (+https://github.com/framing-project/framing; news framing analysis for teaching)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
READ_CHUNK = 16 * 1024  # bytes asked of the socket per read; the deadline is checked before every read
HEADERS = {
    "User-Agent": USER_AGENT,
    "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
    "Accept-Encoding": "gzip, deflate",
    "Accept-Language": "en;q=1.0, *;q=0.5",
}

Resolved = tuple[str, AddressClass]
Resolver = Callable[[str, int, float], Sequence[Resolved]]

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


def _split(url: str, *, after: str | None = None):
    """``urlsplit(url)`` with its host and port checked: a malformed URL (a bad IPv6 literal, an IPv4 address in
    brackets, a port out of range, spaces or control characters in the host) is one InputError (FetchError when
    a server sent it as a redirect), never a ValueError."""
    try:
        parts = urlsplit(url)
        host, _port = parts.hostname, parts.port
    except ValueError as exc:
        problem = f"{url!r} is not a valid URL ({exc})"
        if after:
            raise FetchError(f"{after} redirects to {problem}; open the page in a browser and save it as a file") from None
        raise InputError(f"{problem}; check the address") from None
    if host and any(c.isspace() or ord(c) < 32 or c in "<>\\^`{|}" for c in host):
        raise InputError(f"{url!r} is not a valid URL (the host name holds spaces or other characters a host cannot have); check the address")
    return parts


def _check_scheme(url: str, *, after: str | None = None) -> None:
    parts = _split(url, after=after)
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


def _check_timeout(timeout: object) -> float:
    """``timeout`` as a float if it is a finite number of seconds in (0, MAX_TIMEOUT]; else a one-line InputError."""
    ok = isinstance(timeout, int | float) and not isinstance(timeout, bool)
    value = float(timeout) if ok else math.nan  # type: ignore[arg-type]
    if not (math.isfinite(value) and 0 < value <= MAX_TIMEOUT):
        raise InputError(f"timeout must be a positive number of seconds up to {MAX_TIMEOUT:g}, got {timeout!r}")
    return value


# --------------------------------------------------------------------------- the deadline, on every socket read


@dataclass
class _Budget:
    """The wall-clock budget of one fetch: ``timeout`` seconds from the start, on the monotonic clock."""

    timeout: float
    deadline: float

    @classmethod
    def start(cls, timeout: float) -> _Budget:
        return cls(timeout, time.monotonic() + timeout)

    def left(self) -> float:
        """Seconds left; raises TimeoutError (socket.timeout) once the deadline has passed."""
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"the {self.timeout:g} s deadline has passed")
        return left

    def expired(self) -> bool:
        return time.monotonic() >= self.deadline


class _DeadlineSocket(socket.socket):
    """A TCP socket whose every read and write first sets its timeout to the time left before the deadline."""

    budget: _Budget | None = None

    def _arm(self) -> None:
        if self.budget is not None:
            self.settimeout(self.budget.left())

    def recv_into(self, buffer: Any, nbytes: int = 0, flags: int = 0) -> int:
        self._arm()
        return super().recv_into(buffer, nbytes, flags)

    def recv(self, bufsize: int, flags: int = 0) -> bytes:
        self._arm()
        return super().recv(bufsize, flags)

    def sendall(self, data: Any, flags: int = 0) -> None:
        self._arm()
        super().sendall(data, flags)


class _DeadlineSSLSocket(ssl.SSLSocket):
    """The TLS counterpart of :class:`_DeadlineSocket` (``SSLSocket.recv``/``recv_into`` go through ``read``)."""

    budget: _Budget | None = None

    def read(self, len: int = 1024, buffer: Any = None) -> Any:  # (ssl.SSLSocket.read signature)
        if self.budget is not None:
            self.settimeout(self.budget.left())
        return super().read(len, buffer)

    def sendall(self, data: Any, flags: int = 0) -> None:
        if self.budget is not None:
            self.settimeout(self.budget.left())
        super().sendall(data, flags)


def _open_socket(host: str, addresses: Sequence[str], port: int, budget: _Budget) -> _DeadlineSocket:
    """A TCP connection to the first of ``addresses`` (already checked) that answers; no DNS lookup here."""
    error: OSError = OSError(f"no address to connect to for {host}")
    for address in addresses:
        family = socket.AF_INET6 if ":" in address else socket.AF_INET
        sock = _DeadlineSocket(family, socket.SOCK_STREAM)
        try:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            sock.settimeout(budget.left())
            sock.connect((address, port))
        except OSError as exc:
            sock.close()
            if isinstance(exc, TimeoutError):
                raise
            error = exc
            continue
        sock.budget = budget
        return sock
    raise error


def _connect_errors(conn: HTTPConnection, host: str, budget: _Budget, addresses: Sequence[str]) -> _DeadlineSocket:
    """:func:`_open_socket` with its errors turned into the urllib3 exceptions urllib3's own connect raises."""
    try:
        return _open_socket(host, addresses, conn.port or 80, budget)
    except TimeoutError as exc:
        raise ux.ConnectTimeoutError(conn, f"Connection to {host} timed out") from exc
    except OSError as exc:
        raise ux.NewConnectionError(conn, f"Failed to establish a new connection: {exc}") from exc


class _GuardedHTTPConnection(HTTPConnection):
    """An HTTP connection to pre-checked addresses (``framing_addresses``) under a fetch deadline."""

    def __init__(self, *args: Any, framing_addresses: Sequence[str] = (), framing_budget: _Budget | None = None, **kw: Any):
        super().__init__(*args, **kw)
        self.framing_addresses = tuple(framing_addresses)
        self.framing_budget = framing_budget or _Budget.start(DEFAULT_TIMEOUT)

    def _new_conn(self) -> socket.socket:
        return _connect_errors(self, self.host, self.framing_budget, self.framing_addresses)


class _GuardedHTTPSConnection(_GuardedHTTPConnection, HTTPSConnection):
    """The TLS counterpart of :class:`_GuardedHTTPConnection` (its addresses, budget and connect; the MRO puts
    urllib3's HTTPS connection after it); the certificate is checked against the host name."""

    def connect(self) -> None:
        super().connect()
        if isinstance(self.sock, _DeadlineSSLSocket):
            self.sock.budget = self.framing_budget


class _GuardedHTTPPool(urllib3.HTTPConnectionPool):
    ConnectionCls = _GuardedHTTPConnection


class _GuardedHTTPSPool(urllib3.HTTPSConnectionPool):
    ConnectionCls = _GuardedHTTPSConnection


def _ssl_context() -> ssl.SSLContext:
    """urllib3's default verifying context, with the system CA store, making deadline-checked TLS sockets."""
    ctx = create_urllib3_context()
    ctx.load_default_certs()
    ctx.sslsocket_class = _DeadlineSSLSocket
    return ctx


# --------------------------------------------------------------------------- where a hop may connect


def _getaddrinfo(host: str, port: int, timeout: float) -> list[tuple[Any, ...]]:
    """socket.getaddrinfo (TCP), given at most ``timeout`` seconds (run in a daemon thread: it has no timeout)."""
    box: dict[str, Any] = {}

    def work() -> None:
        try:
            box["infos"] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except BaseException as exc:  # noqa: BLE001 (handed to the caller's thread below)
            box["error"] = exc

    worker = threading.Thread(target=work, name="framing-dns", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise TimeoutError(f"DNS lookup of {host} took longer than {timeout:.3g} s")
    if "error" in box:
        raise box["error"]
    return box["infos"]


def resolve_host(host: str, port: int, timeout: float) -> list[Resolved]:
    """Every IP address of ``host`` (in the resolver's order, duplicates dropped) with its address class.

    The one DNS lookup of a hop; tests replace this module-level function to
    simulate hosts (e.g. a "public" name served on 127.0.0.1). Raises
    socket.gaierror, TimeoutError or UnicodeError.
    """
    seen: list[str] = []
    try:
        netguard.parse_address(host)
        seen.append(host)  # an IP literal: no lookup
    except ValueError:
        for family, _type, _proto, _canon, sockaddr in _getaddrinfo(host, port, timeout):
            address = str(sockaddr[0])
            if family in (socket.AF_INET, socket.AF_INET6) and address not in seen:
                seen.append(address)
    return [(a, netguard.classify(a)) for a in seen]


def _resolve(url: str, budget: _Budget) -> list[Resolved]:
    """``resolve_host`` for the host of ``url``, its failures as one-line FetchErrors."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
        return list(resolve_host(host, port, budget.left()))
    except TimeoutError as exc:
        raise FetchError(f"timed out after {budget.timeout:g} s looking up the host name {host!r}; try again later or raise --timeout") from exc
    except socket.gaierror as exc:
        raise FetchError(f"cannot resolve the host name {host!r} (DNS lookup failed); check the address and your internet connection") from exc
    except (UnicodeError, ValueError) as exc:
        raise InputError(f"{url!r} has an invalid host name or port ({exc}); check the address") from exc


def _allowed(url: str, resolved: Sequence[Resolved], origin: frozenset[AddressClass] | None, *, allow_private: bool, after: str | None) -> list[str]:
    """The addresses of ``resolved`` that the address policy lets this hop connect to (at least one, else FetchError)."""
    host = urlsplit(url).hostname or url
    allowed: list[str] = []
    refusal: AddressRefused | None = None
    for address, kind in resolved:
        try:
            netguard.check_hop(host, address, kind, origin, allow_private=allow_private)
        except AddressRefused as exc:
            refusal = refusal or exc
            continue
        allowed.append(address)
    if allowed:
        return allowed
    if refusal is None:
        raise FetchError(f"cannot resolve the host name {host!r} (no IPv4 or IPv6 address); check the address")
    where = f"{after} redirects to {url}" if after else url
    raise FetchError(f"{where}: {refusal}")


# --------------------------------------------------------------------------- one hop


@dataclass
class _Hop:
    """The response of one GET (body not read) and the pool that must stay open while it is read."""

    resp: Any
    pool: Any  # urllib3.HTTPConnectionPool, or _ManagerPool through a proxy


def _request(current: str, addresses: Sequence[str], budget: _Budget, ssl_context: ssl.SSLContext | None) -> _Hop:
    """One GET of ``current`` via the checked ``addresses`` (no redirect, body not read); errors become one-line FetchErrors."""
    parts = urlsplit(current)
    host = parts.hostname or current
    https = parts.scheme.lower() == "https"
    pool_cls = _GuardedHTTPSPool if https else _GuardedHTTPPool
    extra: dict[str, Any] = {"ssl_context": ssl_context or _ssl_context()} if https else {}
    timeout = budget.timeout
    proxy = proxy_for(current)
    if proxy:
        return _request_via_proxy(current, proxy, budget, ssl_context)
    pool = pool_cls(
        host,
        parts.port or (443 if https else 80),
        timeout=urllib3.Timeout(connect=timeout, read=timeout),
        maxsize=1,
        retries=False,
        headers=HEADERS,
        framing_addresses=addresses,
        framing_budget=budget,
        **extra,
    )
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        try:
            resp = pool.urlopen(
                "GET", path, redirect=False, retries=False, preload_content=False, decode_content=False, assert_same_host=False
            )
        except BaseException:
            pool.close()
            raise
        return _Hop(resp, pool)
    except ux.LocationParseError as exc:
        raise InputError(f"{current!r} is not a valid URL ({exc}); check the address") from exc
    except ux.NewConnectionError as exc:  # (a subclass of ConnectTimeoutError in urllib3 2)
        raise FetchError(f"cannot connect to {host} ({_reason(exc)}); the host is unreachable: check the address or try again later") from exc
    except ux.ConnectTimeoutError as exc:
        raise FetchError(f"timed out after {timeout:g} s connecting to {host}; the site may be down or slow: try again later or raise --timeout") from exc
    except ux.ReadTimeoutError as exc:
        raise FetchError(f"timed out after {timeout:g} s waiting for {current} to answer; try again later or raise --timeout") from exc
    except ux.SSLError as exc:
        if budget.expired():
            raise FetchError(f"timed out after {timeout:g} s connecting securely to {host}; try again later or raise --timeout") from exc
        raise FetchError(f"secure connection to {host} failed ({_reason(exc)}); the site's certificate could not be verified") from exc
    except (ux.ProtocolError, ux.HTTPError, OSError) as exc:
        if budget.expired():
            raise FetchError(f"timed out after {timeout:g} s waiting for {current} to answer; try again later or raise --timeout") from exc
        raise FetchError(f"the connection to {host} failed ({_reason(exc)}); check the address or try again later") from exc


class _ManagerPool:
    """A ProxyManager in the place of a hop's pool (``close`` clears its pools)."""

    def __init__(self, manager: urllib3.ProxyManager) -> None:
        self.manager = manager

    def close(self) -> None:
        self.manager.clear()


def _request_via_proxy(current: str, proxy: str, budget: _Budget, ssl_context: ssl.SSLContext | None) -> _Hop:
    """One GET of ``current`` through the ``http://`` proxy (CONNECT for https); errors as in :func:`_request`."""
    host = urlsplit(current).hostname or current
    try:
        left = budget.left()
        manager = urllib3.ProxyManager(proxy, num_pools=1, ssl_context=ssl_context or _ssl_context())
        resp = manager.urlopen("GET", current, redirect=False, retries=False, preload_content=False,
                               decode_content=False, headers=HEADERS, timeout=urllib3.Timeout(connect=left, read=left))
    except (TimeoutError, ux.TimeoutError) as exc:
        raise FetchError(f"timed out after {budget.timeout:g} s fetching {current} through the proxy {proxy}; try again later or raise --timeout") from exc
    except ux.ProxyError as exc:
        raise FetchError(f"the proxy {proxy} failed for {host} ({_reason(exc)}); check HTTP_PROXY/HTTPS_PROXY") from exc
    except (ux.HTTPError, OSError) as exc:
        raise FetchError(f"the connection to {host} through the proxy {proxy} failed ({_reason(exc)}); try again later") from exc
    return _Hop(resp, _ManagerPool(manager))


def _close(hop: _Hop) -> None:
    try:
        _discard(hop.resp)
    finally:
        hop.pool.close()


def _follow(url: str, budget: _Budget, *, allow_private: bool, ssl_context: ssl.SSLContext | None = None) -> tuple[_Hop, str, list[str]]:
    """GET ``url``, following at most ``MAX_REDIRECTS`` redirects, each hop's scheme and addresses checked.

    Returns (the final hop, its URL, the redirect hops).
    """
    current = url
    hops: list[str] = []
    resolved = _resolve(url, budget)
    addresses = _allowed(url, resolved, None, allow_private=allow_private, after=None)
    origin = frozenset(kind for address, kind in resolved if address in addresses)
    while True:
        hop = _request(current, addresses, budget, ssl_context)
        status = hop.resp.status
        if status not in (301, 302, 303, 307, 308):
            return hop, current, hops
        location = hop.resp.headers.get("Location")
        _close(hop)
        if not location:
            raise FetchError(f"{current} answered with a redirect (HTTP {status}) but gave no new address; open it in a browser instead")
        nxt = urljoin(current, location.strip())
        _check_scheme(nxt, after=current)
        hops.append(nxt)
        if len(hops) > MAX_REDIRECTS:
            raise FetchError(
                f"{url} redirects more than {MAX_REDIRECTS} times (last to {nxt}); it may loop: open it in a browser and save the page"
            )
        addresses = _allowed(nxt, _resolve(nxt, budget), origin, allow_private=allow_private, after=current)
        current = nxt


def _check_response(resp: Any, current: str) -> tuple[str, str | None]:
    """Refuse error statuses and non-HTML content types; return (content type, declared charset)."""
    status = resp.status
    if status >= 400:
        raise _http_status_error(status, resp.reason or "", current)
    if status != 200:
        raise FetchError(f"{current} answered HTTP {status} {resp.reason or ''} instead of a page; check the address")
    raw_type = resp.headers.get("Content-Type", "")
    ctype = raw_type.split(";")[0].strip().lower()
    if ctype and ctype not in HTML_TYPES:
        raise ContentTypeError(
            f"{current} is {_describe_type(ctype)} ({ctype}), not an HTML page; framing reads web pages: "
            "copy the article text into a .txt file and run: framing read FILE.txt"
        )
    m = HEADER_CHARSET.search(raw_type)
    return ctype, (m.group(1) if m else None)


def _declared_length(resp: Any) -> int | None:
    length = (resp.headers.get("Content-Length") or "").strip()
    return int(length) if length.isdigit() else None


def _cut_short(current: str, received: int, declared: int | None) -> FetchError:
    if declared is not None:
        return FetchError(
            f"{current} ended after {received:,} of the {declared:,} bytes it announced (Content-Length); "
            "the download was cut short: try again"
        )
    return FetchError(f"{current} sent a compressed body that was cut short ({received:,} bytes, no end marker); try again")


def _read_body(resp: Any, current: str, *, max_bytes: int, budget: _Budget) -> bytes:
    """The decoded body of ``resp``: complete, at most ``max_bytes`` after decompression, read before the deadline."""
    host = urlsplit(current).hostname or current
    decoder = _decompressor(resp.headers.get("Content-Encoding", ""), current)
    declared = _declared_length(resp)
    if decoder is None and declared is not None and declared > max_bytes:
        raise _oversize(current, max_bytes)
    out = bytearray()
    received = 0
    timed_out = FetchError(f"timed out after {budget.timeout:g} s reading {current}; try again later or raise --timeout")
    try:
        for chunk in resp.stream(READ_CHUNK, decode_content=False):
            received += len(chunk)
            if decoder is None:
                out += chunk
            else:
                out += decoder.decompress(chunk, max_bytes + 1 - len(out))
                if decoder.unconsumed_tail:
                    raise _oversize(current, max_bytes)
            if len(out) > max_bytes:
                raise _oversize(current, max_bytes)
            if budget.expired():
                raise timed_out
        if declared is not None and received < declared:
            raise _cut_short(current, received, declared)
        if decoder is not None and received:
            out += decoder.flush()
            if not decoder.eof:
                raise _cut_short(current, received, None)
            if len(out) > max_bytes:
                raise _oversize(current, max_bytes)
    except zlib.error as exc:
        raise FetchError(f"{current} sent a corrupt compressed body ({exc}); try again later") from exc
    except (ux.ReadTimeoutError, TimeoutError) as exc:
        raise timed_out from exc
    except (ux.ProtocolError, ux.HTTPError, OSError) as exc:
        if budget.expired():
            raise timed_out from exc
        if declared is not None and received < declared:
            raise _cut_short(current, received, declared) from exc
        raise FetchError(f"the connection to {host} broke off while reading the page ({_reason(exc)}); try again") from exc
    return bytes(out)


def _download(url: str, *, timeout: float, max_bytes: int, allow_private: bool = False) -> _Download:
    """GET ``url`` (redirects followed and checked) within ``timeout`` seconds in all; body capped after decoding.

    A page served without a content type must look like HTML (not a PDF).
    """
    _check_scheme(url)
    budget = _Budget.start(timeout)
    for attempt in range(1 << 30):  # bounded by proxy.MAX_ATTEMPTS through retry_wait
        hop, current, hops = _follow(url, budget, allow_private=allow_private)
        if hop.resp.status not in RETRY_STATUSES:
            break
        wait = retry_wait(hop.resp.headers.get("Retry-After"), attempt, budget.deadline - time.monotonic())
        if wait is None:
            break
        _close(hop)
        log.warning("%s answered HTTP %d; asking again in %.1f s", current, hop.resp.status, wait)
        time.sleep(wait)
    try:
        ctype, declared = _check_response(hop.resp, current)
        data = _read_body(hop.resp, current, max_bytes=max_bytes, budget=budget)
    finally:
        _close(hop)
    if not ctype:
        head = data[:1024].lstrip().lower()
        if head.startswith(b"%pdf-"):
            raise ContentTypeError(f"{current} is a PDF document, not an HTML page; copy the article text into a .txt file and run: framing read FILE.txt")
        if not (head.startswith(b"<") or b"<html" in head or b"<body" in head):
            raise ContentTypeError(f"{current} sent no content type and does not look like an HTML page; save it from your browser instead")
    return _Download(url, current, hop.resp.status, ctype or "text/html", declared, data, hops)


def _discard(resp: Any) -> None:
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
    allow_private_redirects: bool = False,
) -> Article:
    """Download ``url`` and extract its article (the only network code in framing).

    http and https only (also after each redirect); at most 5 redirects;
    ``timeout`` seconds (finite, at most ``MAX_TIMEOUT``) for the whole
    download, every redirect hop included; at most ``max_bytes`` of decoded
    body, which must be complete; the content type must be HTML. Redirects to
    link-local or cloud-metadata addresses are refused, and so are redirects
    into loopback, private, CGNAT or unique-local addresses from a URL of
    another address class, unless ``allow_private_redirects`` (for local
    testing). ``Article.url`` is the address after redirects; ``meta`` records
    the requested URL, the charset and the canonical URL the page declares.
    Raises :class:`FetchError`, :class:`ContentTypeError`,
    :class:`ExtractionError`, :class:`LanguageError`, :class:`InputError`.
    """
    if not isinstance(url, str):
        raise InputError(f"expected a URL string, got {type(url).__name__}")
    seconds = _check_timeout(timeout)
    url = url.strip()
    started = time.monotonic()
    dl = _download(url, timeout=seconds, max_bytes=int(max_bytes), allow_private=bool(allow_private_redirects))
    log.info("fetched %s: %d bytes in %.2f s (%d redirects)", dl.url, len(dl.data), time.monotonic() - started, len(dl.redirects))
    meta = {"requested_url": url if dl.redirects else None, "content_type": dl.content_type}
    return load_html(dl.data, url=dl.url, source=dl.url, charset=dl.charset, meta=meta, check_language=check_language)
