"""A local HTTP server for ingest tests: canned pages on 127.0.0.1, a random port, no internet.

Routes (all written for these tests):

* ``/article.html``           the realistic article page (tests/fixtures/pages/article.html)
* ``/article-gzip.html``      the same page, gzip-encoded
* ``/notype.html``            the same page without a Content-Type header
* ``/es.html``                a Spanish news page
* ``/cp1252.html``            windows-1252 bytes, encoding declared only in a <meta> tag
* ``/undeclared.html``        windows-1252 bytes, encoding declared nowhere
* ``/redirect/N``             a chain: /redirect/3 -> /redirect/2 -> /redirect/1 -> /article.html
* ``/loop``                   redirects to itself forever
* ``/to-ftp``, ``/to-file``   redirect to ftp:// and file:// addresses
* ``/no-location``            a 302 without a Location header
* ``/slow``                   waits ``SLOW_SECONDS`` before answering
* ``/404``, ``/500``, ``/403`` error statuses
* ``/doc.pdf``, ``/image.png``, ``/data.json``   non-HTML content
* ``/empty.html``             200 with an empty body
* ``/big.html``               6 MB of HTML with a Content-Length header
* ``/big-stream.html``        6 MB of HTML without a Content-Length (read until close)
* ``/bomb.html``              ~60 KB gzip that decodes to 64 MB
* ``/user-agent``             echoes the request's User-Agent as a tiny HTML page
"""

from __future__ import annotations

import contextlib
import gzip
import socket
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"
SLOW_SECONDS = 3.0

# A short news text written for these tests, with characters that differ between
# windows-1252, latin-1 and UTF-8 (curly quotes, an em dash, the euro sign, accents).
CP1252_TEXT = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
<title>Caf\u00e9 owners cheer the new market hall</title></head><body>
<nav><a href="/">Home</a> <a href="/food">Food</a></nav>
<article><h1>Caf\u00e9 owners cheer the new market hall</h1>
<p>The town\u2019s new market hall opened on Saturday morning, and the owners of the caf\u00e9 next door said it was the busiest day they had seen in years.</p>
<p>\u201cWe sold out of pastries before noon,\u201d said Ren\u00e9e Fournier, who has run the caf\u00e9 since 2009. The hall cost \u20ac3.2 million \u2014 a sum the council says it will recover from stall rents within twelve years.</p>
<p>Traders pay a monthly rent that depends on the size of their stall, and the first forty stalls were let within a week of the booking office opening.</p>
</article></body></html>
"""


def _big_page(n_bytes: int) -> bytes:
    para = b"<p>" + b"The committee met again to discuss the long agenda of the evening. " * 20 + b"</p>\n"
    body = para * (n_bytes // len(para) + 1)
    return b"<!DOCTYPE html><html><head><title>A very long page</title></head><body><article>" + body + b"</article></body></html>"


def _bomb(decoded_bytes: int) -> bytes:
    comp = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    out = [comp.compress(b"<!DOCTYPE html><html><body><p>")]
    block = b" " * (1 << 20)
    for _ in range(decoded_bytes >> 20):
        out.append(comp.compress(block))
    out.append(comp.compress(b"</p></body></html>"))
    out.append(comp.flush())
    return b"".join(out)


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass  # clients that hang up early (oversize, timeout tests) are expected


class PageServer:
    """Start with ``PageServer().start()``; ``url(path)`` gives full addresses; ``stop()`` shuts it down."""

    def __init__(self) -> None:
        article = (PAGES / "article.html").read_bytes()
        self.routes: dict[str, tuple[int, dict[str, str], bytes]] = {
            "/article.html": (200, {"Content-Type": "text/html; charset=utf-8"}, article),
            "/article-gzip.html": (200, {"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip"}, gzip.compress(article)),
            "/notype.html": (200, {}, article),
            "/es.html": (200, {"Content-Type": "text/html; charset=utf-8"}, (PAGES / "es.html").read_bytes()),
            "/cp1252.html": (200, {"Content-Type": "text/html"}, CP1252_TEXT.encode("cp1252")),
            "/undeclared.html": (
                200,
                {"Content-Type": "text/html"},
                CP1252_TEXT.replace(' http-equiv="Content-Type" content="text/html; charset=windows-1252"', "").encode("cp1252"),
            ),
            "/404": (404, {"Content-Type": "text/html"}, b"<html><body><h1>Not found</h1></body></html>"),
            "/403": (403, {"Content-Type": "text/html"}, b"<html><body><h1>Forbidden</h1></body></html>"),
            "/500": (500, {"Content-Type": "text/html"}, b"<html><body><h1>Server error</h1></body></html>"),
            "/doc.pdf": (200, {"Content-Type": "application/pdf"}, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<<>>\n%%EOF\n"),
            "/image.png": (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
            "/data.json": (200, {"Content-Type": "application/json"}, b'{"title": "not a page"}'),
            "/empty.html": (200, {"Content-Type": "text/html; charset=utf-8"}, b""),
            "/big.html": (200, {"Content-Type": "text/html; charset=utf-8"}, _big_page(6_000_000)),
            "/bomb.html": (200, {"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip"}, _bomb(64 << 20)),
            "/no-location": (302, {}, b""),
            "/to-ftp": (302, {"Location": "ftp://127.0.0.1/article.html"}, b""),
            "/to-file": (302, {"Location": "file:///etc/passwd"}, b""),
            "/loop": (302, {"Location": "/loop"}, b""),
            "/redirect/1": (301, {"Location": "/article.html"}, b""),
            "/redirect/2": (302, {"Location": "/redirect/1"}, b""),
            "/redirect/3": (307, {"Location": "/redirect/2"}, b""),
        }
        self.requests: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # keep test output quiet
                pass

            def do_GET(self) -> None:
                server.requests.append(self.path)
                if self.path == "/slow":
                    time.sleep(SLOW_SECONDS)
                    self._send(200, {"Content-Type": "text/html"}, b"<html><body><p>late</p></body></html>")
                    return
                if self.path == "/user-agent":
                    ua = self.headers.get("User-Agent", "")
                    self._send(200, {"Content-Type": "text/html"}, f"<html><body><p>{ua}</p></body></html>".encode())
                    return
                if self.path == "/big-stream.html":
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.send_header("Connection", "close")
                    self.end_headers()
                    self.close_connection = True
                    data = server.routes["/big.html"][2]
                    try:
                        for i in range(0, len(data), 1 << 16):
                            self.wfile.write(data[i : i + (1 << 16)])
                    except OSError:
                        pass  # the client stopped reading: that is the point
                    return
                route = server.routes.get(self.path)
                if route is None:
                    self._send(404, {"Content-Type": "text/html"}, b"<html><body>no such route</body></html>")
                    return
                self._send(*route)

            def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                with contextlib.suppress(OSError):
                    self.wfile.write(body)

        self.httpd = _QuietServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def start(self) -> PageServer:
        self.thread.start()
        return self

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def closed_port() -> int:
    """A local port with nothing listening on it (bound, then released)."""

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


if __name__ == "__main__":  # run by hand: python tests/pageserver.py
    srv = PageServer().start()
    print(f"serving on {srv.url('/article.html')} (Ctrl-C to stop)")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        srv.stop()
