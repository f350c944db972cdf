"""Politeness for batches of downloads: at least ``delay`` seconds between the starts of two requests to one host.

:class:`HostPacer` is shared by the threads of ``framing corpus add``: requests to different hosts run in
parallel, requests to the same host are spaced out (the first goes at once). Crawlers commonly keep one
request per second per site; news sites also block clients that burst.
"""

from __future__ import annotations

import threading
import time
from urllib.parse import urlsplit

__all__ = ["DEFAULT_DELAY", "HostPacer"]

DEFAULT_DELAY = 1.0  # seconds between two requests to the same host
MAX_DELAY = 60.0


class HostPacer:
    """Spaces requests per host (``host:port`` as written in the URL, lower-cased)."""

    def __init__(self, delay: float = DEFAULT_DELAY) -> None:
        if not (isinstance(delay, int | float) and 0 <= delay <= MAX_DELAY):
            raise ValueError(f"delay must be between 0 and {MAX_DELAY:g} seconds, got {delay!r}")
        self.delay = float(delay)
        self._lock = threading.Lock()
        self._next: dict[str, float] = {}

    def wait(self, url: str) -> float:
        """Block until a request to ``url``'s host may start; the seconds waited."""
        try:
            host = (urlsplit(url).netloc or url).lower()
        except ValueError:
            host = url
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next.get(host, now))
            self._next[host] = start + self.delay  # the slot is taken now, so threads queue in order
        waited = start - now
        if waited > 0:
            time.sleep(waited)
        return waited
