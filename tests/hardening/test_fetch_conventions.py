"""The fetcher's conventions (issue 21, item 5): proxies from the environment, and 429/503 retried after
``Retry-After`` or a short backoff, within the fetch's one deadline. A local server and a local proxy; no internet."""

from __future__ import annotations

import email.utils
import itertools
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from framing.errors import FetchError, InputError
from framing.ingest import fetch_article
from framing.ingest.proxy import MAX_WAIT, proxy_for, retry_wait
from tests.hardening.conftest import BODY, TITLE

PAGE = (f"<html><head><title>{TITLE}</title></head><body><article><h1>{TITLE}</h1>"
        + "".join(f"<p>{p}</p>" for p in BODY.split("\n\n")) + "</article></body></html>").encode()


class _Site(BaseHTTPRequestHandler):
    plan: ClassVar[list[tuple[int, dict[str, str]]]] = []
    hits: ClassVar[list[str]] = []

    def do_GET(self):
        type(self).hits.append(self.path)
        status, headers = type(self).plan.pop(0) if type(self).plan else (200, {})
        body = PAGE if status == 200 else b"busy"
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers.items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *a):
        pass


class _Proxy(BaseHTTPRequestHandler):
    """A forward proxy for plain http: GET with an absolute URI, fetched with urllib (no proxy)."""

    seen: ClassVar[list[str]] = []

    def do_GET(self):
        type(self).seen.append(self.path)
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(self.path, timeout=5) as r:
            body = r.read()
            self.send_response(r.status)
            self.send_header("Content-Type", r.headers.get("Content-Type", "text/html"))
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    def log_message(self, *a):
        pass


@pytest.fixture
def serve():
    servers = []

    def start(handler):
        srv = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        servers.append(srv)
        return f"http://127.0.0.1:{srv.server_address[1]}"

    yield start
    for srv in servers:
        srv.shutdown()
        srv.server_close()


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch):
    for k in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy"):
        monkeypatch.delenv(k, raising=False)
    _Site.plan, _Site.hits, _Proxy.seen = [], [], []


def test_503_with_retry_after_is_asked_again(serve):
    base = serve(_Site)
    _Site.plan = [(503, {"Retry-After": "1"}), (200, {})]
    t = time.monotonic()
    art = fetch_article(base + "/story.html", timeout=10)
    assert art.title == TITLE and len(_Site.hits) == 2
    assert time.monotonic() - t >= 0.9  # it waited what the server asked


def test_429_without_retry_after_backs_off_then_gives_up(serve):
    base = serve(_Site)
    _Site.plan = [(429, {})] * 5
    with pytest.raises(FetchError, match="429"):
        fetch_article(base + "/story.html", timeout=10)
    assert len(_Site.hits) == 3  # the request and two retries (1 s, then 2 s)


def test_retry_after_longer_than_framing_waits_is_not_waited_for(serve):
    base = serve(_Site)
    _Site.plan = [(503, {"Retry-After": "3600"})]
    t = time.monotonic()
    with pytest.raises(FetchError, match="503"):
        fetch_article(base + "/story.html", timeout=10)
    assert len(_Site.hits) == 1 and time.monotonic() - t < 3


def test_retry_wait_rules():
    assert retry_wait(None, 0, 10) == 1.0 and retry_wait(None, 1, 10) == 2.0
    assert retry_wait(None, 2, 10) is None  # attempts used up
    assert retry_wait("4", 0, 10) == 4.0
    assert retry_wait(str(int(MAX_WAIT) + 1), 0, 100) is None
    assert retry_wait("4", 0, 4.5) is None  # would not fit in the deadline
    when = email.utils.formatdate(1_000_005, usegmt=True)
    assert retry_wait(when, 0, 30, now=1_000_000) == pytest.approx(5.0)
    assert retry_wait("soon", 0, 10) == 1.0  # unreadable: the backoff


def test_proxy_for_reads_the_environment_like_urllib():
    env = {"HTTP_PROXY": "http://upper:1", "http_proxy": "http://lower:2", "HTTPS_PROXY": "proxy.corp:3128",
           "NO_PROXY": "localhost,.internal.example, 10.0.0.1"}
    assert proxy_for("http://news.example/a", env) == "http://lower:2"  # lower case wins, as in urllib
    assert proxy_for("https://news.example/a", env) == "http://proxy.corp:3128"
    assert proxy_for("https://a.internal.example/x", env) is None
    assert proxy_for("http://10.0.0.1/x", env) is None
    assert proxy_for("http://news.example/a", {}) is None
    assert proxy_for("http://news.example/a", {"ALL_PROXY": "http://all:9"}) == "http://all:9"
    assert proxy_for("http://news.example/a", {"NO_PROXY": "*", "HTTP_PROXY": "http://p:1"}) is None
    with pytest.raises(InputError, match="http:// proxies only"):
        proxy_for("http://news.example/a", {"HTTP_PROXY": "socks5://p:1080"})


def test_fetch_goes_through_the_proxy_from_the_environment(serve, monkeypatch):
    site = serve(_Site)
    proxy = serve(_Proxy)
    monkeypatch.setenv("HTTP_PROXY", proxy)
    art = fetch_article(site + "/via-proxy.html", timeout=10)
    assert art.title == TITLE
    assert _Proxy.seen == [site + "/via-proxy.html"] and _Site.hits == ["/via-proxy.html"]


def test_no_proxy_goes_direct(serve, monkeypatch):
    site = serve(_Site)
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")  # nothing listens there
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    assert fetch_article(site + "/direct.html", timeout=10).title == TITLE


def test_dead_proxy_is_one_fetch_error(serve, monkeypatch):
    site = serve(_Site)
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
    with pytest.raises(FetchError, match="proxy"):
        fetch_article(site + "/x.html", timeout=5)


def test_host_pacer_spaces_requests_to_one_host_only():
    from framing.ingest.polite import HostPacer

    pacer = HostPacer(0.3)
    starts: dict[str, list[float]] = {"a": [], "b": []}

    def go(host):
        pacer.wait(f"http://{host}.example/x")
        starts[host].append(time.monotonic())

    threads = [threading.Thread(target=go, args=(h,)) for h in ("a", "a", "a", "b")]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    a = sorted(starts["a"])
    assert all(y - x >= 0.28 for x, y in itertools.pairwise(a))
    assert starts["b"][0] - t0 < 0.2  # another host does not queue behind the first


def test_corpus_add_is_polite_per_host(serve, tmp_path, capsys):
    from tests.cli_run import run_cli

    base = serve(_Site)
    urls = [f"{base}/p{i}.html" for i in range(3)]
    t = time.monotonic()
    code, _out, err = run_cli(["corpus", "add", *urls, "--event", "e", "--db", str(tmp_path / "s.sqlite"),
                               "--workers", "3", "--delay", "0.5", "--allow-private-redirects", "-q"], capsys)
    assert time.monotonic() - t >= 0.95  # three requests to one host, 0.5 s apart
    assert sorted(_Site.hits) == ["/p0.html", "/p1.html", "/p2.html"]
    assert code == 0 or "already" in err  # the same page text three times: stored once
