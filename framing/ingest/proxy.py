"""Proxies from the environment and polite retries, for :mod:`framing.ingest.fetch`.

* :func:`proxy_for` — the proxy URL for a target, from ``HTTP_PROXY`` /
  ``HTTPS_PROXY`` / ``ALL_PROXY`` (any case, lower case first) and ``NO_PROXY``, read
  the way ``urllib.request`` and ``requests`` read them. Only ``http://`` proxies are
  used (an HTTPS target goes through a ``CONNECT`` tunnel, its certificate still
  verified); another scheme (``socks5://``) is an InputError naming the
  variable.
* :func:`retry_wait` — how long to wait before asking again after HTTP 429 or
  503: the server's ``Retry-After`` (seconds or an HTTP date) when given,
  else 1, 2, 4 ... seconds; at most ``MAX_WAIT`` seconds, and ``None`` (give
  up now) when the wait would not fit in what is left of the fetch's deadline
  or the attempts are used up. Retries never outlast ``--timeout``.

Limits: through a proxy the target's host name is still resolved here and
checked against the address policy (:mod:`framing.ingest.netguard`), but the
proxy makes its own lookup, so the guard against DNS rebinding does not hold
behind a proxy; the per-read deadline is urllib3's socket timeout set to the
time left, not the byte-by-byte budget of direct connections.
"""

from __future__ import annotations

import email.utils
import math
import os
import time
from collections.abc import Mapping
from urllib.parse import urlsplit

from framing.errors import InputError

__all__ = ["MAX_ATTEMPTS", "MAX_WAIT", "RETRY_STATUSES", "proxy_for", "retry_wait"]

RETRY_STATUSES = (429, 503)
MAX_ATTEMPTS = 3  # the first request and at most two retries
MAX_WAIT = 10.0  # seconds, for any one wait
MARGIN = 1.0  # seconds kept for the request after a wait


def proxy_for(url: str, environ: Mapping[str, str] | None = None) -> str | None:
    """The ``http://`` proxy URL the environment sets for ``url``, or None (direct, or ``NO_PROXY`` covers the host)."""
    env = dict(environ) if environ is not None else None
    proxies = _proxies(env)
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    proxy = proxies.get(scheme) or proxies.get("all")
    if not proxy:
        return None
    host = parts.hostname or ""
    if _bypass(host, proxies.get("no", "")):
        return None
    if "://" not in proxy:
        proxy = "http://" + proxy
    if urlsplit(proxy).scheme.lower() != "http":
        raise InputError(f"{scheme.upper()}_PROXY is {proxy!r}; framing uses http:// proxies only (unset it or give one)")
    return proxy


def _proxies(env: dict[str, str] | None) -> dict[str, str]:
    """``{scheme: proxy}`` from ``*_proxy`` variables (as ``urllib.request.getproxies_environment`` reads them,
    without importing a network library here: the network stays in :mod:`framing.ingest.fetch`)."""
    if env is None:
        env = dict(os.environ)
    out: dict[str, str] = {}
    for key, value in env.items():  # lower-case names win, as in urllib
        name = key.lower()
        if value and name.endswith("_proxy") and (key.islower() or name[:-6] not in out):
            out[name[:-6]] = value
    return out


def _bypass(host: str, no_proxy: str) -> bool:
    """Whether ``NO_PROXY`` (comma-separated names, ``.suffix`` or ``*``) covers ``host``."""
    host = host.lower().strip("[]")
    for entry in (e.strip().lower() for e in no_proxy.split(",")):
        if not entry:
            continue
        if entry == "*":
            return True
        entry = entry.lstrip(".").split(":")[0].strip("[]")
        if host == entry or host.endswith("." + entry):
            return True
    return False


def retry_wait(retry_after: str | None, attempt: int, left: float, *, now: float | None = None) -> float | None:
    """Seconds to wait before attempt ``attempt + 1`` (``attempt`` counts from 0), or None to give up.

    ``left`` is what remains of the deadline in seconds. ``Retry-After`` in seconds or as an HTTP date is
    honoured up to ``MAX_WAIT``; a larger one means give up now (the server asks for more than framing waits).
    """
    if attempt + 1 >= MAX_ATTEMPTS:
        return None
    wait = float(2**attempt)
    if retry_after:
        asked = _parse_retry_after(retry_after.strip(), now=now)
        if asked is not None:
            if asked > MAX_WAIT:
                return None
            wait = asked
    wait = max(0.0, min(wait, MAX_WAIT))
    if wait + MARGIN > left:
        return None
    return wait


def _parse_retry_after(value: str, *, now: float | None) -> float | None:
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None or when.tzinfo is None:
        return None
    seconds = when.timestamp() - (time.time() if now is None else now)
    return max(0.0, seconds) if math.isfinite(seconds) else None
