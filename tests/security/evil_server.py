"""A hostile HTTP server on 127.0.0.1 for the fetcher's security tests (issue 22): no internet, a random port.

Start with ``EvilServer().start()``, stop with ``stop()``; ``url(path)`` gives full
addresses; ``requests`` lists the paths asked for. Routes (all written for these tests):

* ``/article.html``      the realistic article page (tests/fixtures/pages/article.html), an honest answer
* ``/secret``            an "internal" page (what an inward redirect must never reach)
* ``/drip-headers``      a status line, then header bytes dripped one every ``DRIP_SECONDS`` (slow-loris)
* ``/drip-body``         headers announcing a 4 MB body (under the 5 MB cap), then body bytes dripped one every ``DRIP_SECONDS``
* ``/truncated-gzip``    a gzip body cut in half (its Content-Length matches what is sent)
* ``/truncated-deflate`` the same with a zlib (deflate) stream
* ``/short-body``        Content-Length 5000, 1000 bytes sent, then the connection is closed
* ``/to-other-port``     302 to ``other_port_url`` (set by the test: another server on 127.0.0.1)
* ``/to-metadata``       302 to http://169.254.169.254/latest/meta-data/ (the cloud metadata service)
* ``/to-metadata-mapped`` 302 to the same address written as IPv4-mapped IPv6
* ``/to-name?host=H``    302 to http://H:PORT/secret (a host name the test's resolver override answers)
* ``/to-self``           302 to /article.html on this server (a same-host redirect, always fine)
* ``/reason-escape``     HTTP 404 whose reason phrase carries terminal escape sequences

``EvilServer(tls=tls_server_context(*make_certificate(tmp)))`` serves the same routes over HTTPS
with a self-signed certificate for news.example.
"""

from __future__ import annotations

import contextlib
import gzip
import ssl
import subprocess
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"
DRIP_SECONDS = 0.1
DRIP_LIMIT_SECONDS = 30.0  # a dripping handler gives up after this, whatever the client does
ESCAPE_REASON = "Not Found \x1b]0;pwned\x07\x1b[2J\x1b[8mhidden\x1b[0m\x9b31m"
SECRET = b"<html><head><title>Internal admin page</title></head><body><p>internal secret token 4242</p></body></html>"


def make_certificate(folder: Path, name: str = "news.example") -> tuple[Path, Path]:
    """A self-signed certificate for ``name`` (and 127.0.0.1) and its key, made with the openssl command."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", f"/CN={name}",
         "-addext", f"subjectAltName=DNS:{name},IP:127.0.0.1"],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    return cert, key


def tls_server_context(cert: Path, key: Path) -> ssl.SSLContext:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    return ctx


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass  # clients hanging up on a drip is the point


class EvilServer:
    """A threaded HTTP server whose routes attack the client (see the module docstring)."""

    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        self.requests: list[str] = []
        self.other_port_url = ""
        self.stopping = threading.Event()
        article = (PAGES / "article.html").read_bytes()
        gz = gzip.compress(article)
        zl = zlib.compress(article)
        self.routes: dict[str, tuple[int, dict[str, str], bytes]] = {
            "/article.html": (200, {"Content-Type": "text/html; charset=utf-8"}, article),
            "/secret": (200, {"Content-Type": "text/html; charset=utf-8"}, SECRET),
            "/truncated-gzip": (200, {"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip"}, gz[: len(gz) // 2]),
            "/truncated-deflate": (200, {"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "deflate"}, zl[: len(zl) // 2]),
            "/to-metadata": (302, {"Location": "http://169.254.169.254/latest/meta-data/"}, b""),
            "/to-metadata-mapped": (302, {"Location": "http://[::ffff:169.254.169.254]/latest/meta-data/"}, b""),
            "/to-self": (302, {"Location": "/article.html"}, b""),
        }
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:
                server.requests.append(self.path)
                parts = urlsplit(self.path)
                special = {
                    "/drip-headers": server._drip_headers,
                    "/drip-body": server._drip_body,
                    "/short-body": server._short_body,
                    "/to-other-port": server._to_other_port,
                    "/to-name": server._to_name,
                    "/reason-escape": server._reason_escape,
                }.get(parts.path)
                if special is not None:
                    special(self, parse_qs(parts.query))
                    return
                route = server.routes.get(parts.path, (404, {"Content-Type": "text/html"}, b"<html><body>no such route</body></html>"))
                server.send(self, *route)

        self.httpd = _QuietServer(("127.0.0.1", 0), Handler)
        self.scheme = "http"
        if tls is not None:  # an HTTPS server (the handshake runs when a connection is accepted)
            self.httpd.socket = tls.wrap_socket(self.httpd.socket, server_side=True)
            self.scheme = "https"
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    # ------------------------------------------------------------------ life cycle

    def start(self) -> EvilServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"{self.scheme}://{host}:{self.port}{path}"

    # ------------------------------------------------------------------ responses

    @staticmethod
    def send(handler: BaseHTTPRequestHandler, status: int, headers: dict[str, str], body: bytes, reason: str | None = None) -> None:
        handler.send_response(status, reason)
        for k, v in headers.items():
            handler.send_header(k, v)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        with contextlib.suppress(OSError):
            handler.wfile.write(body)

    def _drip(self, handler: BaseHTTPRequestHandler, data: bytes) -> None:
        """Write ``data`` one byte every DRIP_SECONDS until the client leaves, the server stops or the limit passes."""
        handler.close_connection = True
        end = time.monotonic() + DRIP_LIMIT_SECONDS
        with contextlib.suppress(OSError):
            for i in range(len(data)):
                if self.stopping.is_set() or time.monotonic() > end:
                    return
                handler.wfile.write(data[i : i + 1])
                handler.wfile.flush()
                time.sleep(DRIP_SECONDS)

    def _drip_headers(self, handler: BaseHTTPRequestHandler, query: dict) -> None:
        handler.wfile.write(b"HTTP/1.1 200 OK\r\n")
        self._drip(handler, b"X-Slow: " + b"a" * 100_000 + b"\r\n\r\n")

    def _drip_body(self, handler: BaseHTTPRequestHandler, query: dict) -> None:
        handler.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: 4000000\r\n\r\n")
        self._drip(handler, b"<html><body><p>" + b"slow " * 100_000)

    def _short_body(self, handler: BaseHTTPRequestHandler, query: dict) -> None:
        handler.close_connection = True
        body = (PAGES / "article.html").read_bytes()[:1000]
        with contextlib.suppress(OSError):
            handler.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: 5000\r\nConnection: close\r\n\r\n" + body)
            handler.wfile.flush()

    def _to_other_port(self, handler: BaseHTTPRequestHandler, query: dict) -> None:
        self.send(handler, 302, {"Location": self.other_port_url}, b"")

    def _to_name(self, handler: BaseHTTPRequestHandler, query: dict) -> None:
        host = query.get("host", ["internal.test"])[0]
        self.send(handler, 302, {"Location": f"http://{host}:{self.port}/secret"}, b"")

    def _reason_escape(self, handler: BaseHTTPRequestHandler, query: dict) -> None:
        self.send(handler, 404, {"Content-Type": "text/html"}, b"<html><body>gone</body></html>", reason=ESCAPE_REASON)
