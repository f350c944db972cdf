"""The network lives in one module: framing.ingest.fetch. load_* never touches it (scikit-learn's load_/fetch_ naming)."""

from __future__ import annotations

import ast
import importlib
import io
import socket
from pathlib import Path

import pytest

import framing
from framing.ingest import fetch_article, load_html, load_path, load_stdin, load_text, read

PACKAGE = Path(framing.__file__).resolve().parent
PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"
NETWORK_MODULES = ("urllib3", "socket", "http.client", "urllib.request", "requests", "httpx", "aiohttp", "ftplib", "ssl")


def network_imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        found += [n for n in names if n.split(".")[0] in NETWORK_MODULES or n in NETWORK_MODULES]
    return found


def test_only_ingest_fetch_imports_network_libraries():
    users = {str(p.relative_to(PACKAGE)): network_imports(p) for p in PACKAGE.rglob("*.py")}
    users = {k: v for k, v in users.items() if v}
    assert set(users) == {"ingest/fetch.py"}, users


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*a, **k):
        raise AssertionError("a load_* function touched the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_load_functions_work_without_network(no_network, tmp_path):
    page = (PAGES / "article.html").read_bytes()
    assert load_html(page, check_language=False).title
    assert load_path(PAGES / "article.html", check_language=False).title
    f = tmp_path / "story.txt"
    f.write_text("A headline\n\nThe minister said on Monday that the talks would resume next week.\n", encoding="utf-8")
    assert load_path(f, check_language=False).title == "A headline"
    assert read(str(f), check_language=False).title == "A headline"
    assert load_text("The minister said on Monday that talks resume.", check_language=False).text
    assert load_stdin(io.BytesIO(f.read_bytes()), check_language=False).title == "A headline"


def test_load_hands_urls_to_fetch_only(no_network, monkeypatch):
    load_module = importlib.import_module("framing.ingest.files")

    seen = []
    monkeypatch.setattr(load_module, "fetch_article", lambda url, **kw: seen.append(url) or "fetched")
    assert read("https://example.org/news/story.html", check_language=False) == "fetched"
    assert seen == ["https://example.org/news/story.html"]


def test_the_guard_catches_fetching(no_network):
    with pytest.raises(AssertionError, match="touched the network"):
        fetch_article("http://127.0.0.1:9/story.html", timeout=1, check_language=False)
