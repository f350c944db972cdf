"""`framing read`: output, and the one-line message and exit code for each bad input.

The CLI runs in a subprocess (``python -m framing``) against pages served from
127.0.0.1 by the test process; two cases that need to fake the environment
(DNS failure, an internal error) call ``framing.cli.main`` in-process.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys

import pytest
from pageserver import PAGES, PageServer, closed_port
from test_ingest import ARTICLE_PARAGRAPHS, BOILERPLATE, TITLE

import framing
from framing import cli as cli_module
from framing.cli import common as cli_common


@pytest.fixture(scope="module")
def pages():
    srv = PageServer().start()
    yield srv
    srv.stop()


def run(*args: str, stdin: bytes | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONIOENCODING="utf-8", COLUMNS="100", NO_COLOR="1")
    return subprocess.run(
        [sys.executable, "-m", "framing", *args],
        input=stdin,
        capture_output=True,
        timeout=timeout,
        env=env,
    )


def _err(proc: subprocess.CompletedProcess) -> str:
    return proc.stderr.decode("utf-8")


@pytest.fixture
def cli(capsys, monkeypatch):
    """Run the CLI in this process (same ``main`` as the console script): returns a CompletedProcess."""
    def invoke(*args: str) -> subprocess.CompletedProcess:
        monkeypatch.setitem(cli_common.state, "debug", False)
        capsys.readouterr()
        code = 0
        try:
            cli_module.main(list(args))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        out = capsys.readouterr()
        return subprocess.CompletedProcess(list(args), code, out.out.encode("utf-8"), out.err.encode("utf-8"))

    return invoke


def test_read_json_from_the_realistic_page(pages):
    proc = run("read", pages.url("/article.html"), "--json")
    assert proc.returncode == 0, _err(proc)
    d = json.loads(proc.stdout)
    assert d["title"] == TITLE
    assert d["published"] == "2023-04-18"
    assert d["byline"] == "Dana Okafor" and d["outlet"] == "The Riverside Ledger"
    assert d["url"] == pages.url("/article.html")
    body = d["text"][d["body_start"] :]
    paras = body.split("\n\n")
    assert [p[: len(o)] for p, o in zip(paras, ARTICLE_PARAGRAPHS)] == list(ARTICLE_PARAGRAPHS)
    assert len(paras) == len(ARTICLE_PARAGRAPHS)
    for junk in BOILERPLATE:
        assert junk.lower() not in d["text"].lower(), junk


def test_read_prints_a_summary(pages):
    proc = run("read", pages.url("/article.html"))
    assert proc.returncode == 0, _err(proc)
    out = proc.stdout.decode("utf-8")
    assert out.splitlines()[0] == TITLE
    for line in ("outlet: The Riverside Ledger", "published: 2023-04-18", "byline: Dana Okafor", "words: "):
        assert line in out
    assert "The Harbor City council voted seven to four" in out
    assert "[... 3 more paragraphs]" in out


def test_read_text_from_stdin_and_file(tmp_path):
    text = "Harbour wall to be repaired\n\nThe council voted on Monday to repair the old harbour wall before winter."
    proc = run("read", "-", "--json", stdin=text.encode())
    assert proc.returncode == 0, _err(proc)
    d = json.loads(proc.stdout)
    assert d["title"] == "Harbour wall to be repaired" and d["source"] == "stdin"
    p = tmp_path / "story.json"
    p.write_bytes(proc.stdout)
    again = run("read", str(p), "--json")
    assert again.returncode == 0, _err(again)
    assert json.loads(again.stdout)["text"] == d["text"]


def _one_line_error(proc: subprocess.CompletedProcess, code: int, pattern: str) -> None:
    err = _err(proc)
    assert proc.returncode == code, err
    assert "Traceback" not in err
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("framing: error: ")
    assert re.search(pattern, lines[0]), lines[0]
    assert proc.stdout == b""


@pytest.mark.parametrize(
    "path,pattern",
    [
        ("/404", r"HTTP 404 Not Found from http://127\.0\.0\.1:\d+/404: the page does not exist; check the address"),
        ("/500", r"HTTP 500 Internal Server Error .*the server failed; try again later"),
        ("/doc.pdf", r"is a PDF document \(application/pdf\), not an HTML page"),
        ("/image.png", r"is an image \(image/png\), not an HTML page"),
        ("/data.json", r"is JSON data \(application/json\)"),
        ("/empty.html", r"no article text found .*the page is empty"),
        ("/big.html", r"larger than 5,000,000 bytes"),
        ("/bomb.html", r"larger than 5,000,000 bytes \(after decompression\)"),
        ("/es.html", r"looks like Spanish \(es, confidence \d\.\d\d\), not English.*--any-language"),
        ("/to-ftp", r"redirects to 'ftp://127\.0\.0\.1/article\.html' \(ftp://\); framing only follows http:// and https://"),
        ("/to-file", r"redirects to 'file:///etc/passwd' \(file://\)"),
        ("/loop", r"redirects more than 5 times"),
    ],
)
def test_read_bad_urls(pages, cli, path, pattern):
    _one_line_error(cli("read", pages.url(path)), 2, pattern)


def test_read_bad_urls_in_a_subprocess(pages):
    """The console entry point itself: one line on stderr, exit code 2, no traceback."""
    _one_line_error(run("read", pages.url("/404")), 2, r"HTTP 404 Not Found")
    _one_line_error(run("read", pages.url("/doc.pdf")), 2, r"is a PDF document \(application/pdf\)")
    _one_line_error(run("read", pages.url("/es.html")), 2, r"looks like Spanish")


def test_read_timeout(pages, cli):
    _one_line_error(cli("read", pages.url("/slow"), "--timeout", "0.5"), 2, r"timed out after 0\.5 s waiting for .*/slow")


def test_read_unreachable_host(cli):
    _one_line_error(cli("read", f"http://127.0.0.1:{closed_port()}/story.html"), 2, r"cannot connect to 127\.0\.0\.1 \(.*refused.*\)")


def test_read_any_language_turns_the_check_off(pages, cli):
    proc = cli("read", pages.url("/es.html"), "--any-language", "--json")
    assert proc.returncode == 0, _err(proc)
    assert json.loads(proc.stdout)["language"] == "es"


def test_read_bad_files(tmp_path, cli):
    _one_line_error(run("read", str(tmp_path / "missing.txt")), 2, r"missing\.txt: no such file; check the path")
    _one_line_error(cli("read", str(tmp_path)), 2, r"is a folder; give a file")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    _one_line_error(cli("read", str(binary)), 2, r"photo\.txt looks like a binary file, not text")
    bad = tmp_path / "bad.json"
    bad.write_text('{"text": "broken', encoding="utf-8")
    _one_line_error(cli("read", str(bad)), 2, r"bad\.json: malformed JSON at line 1, column \d+")
    pdf = tmp_path / "story.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    _one_line_error(cli("read", str(pdf)), 2, r"unsupported file type '\.pdf'")
    short = tmp_path / "short.txt"
    short.write_text("Too short", encoding="utf-8")
    _one_line_error(cli("read", str(short)), 2, r"no article text found in .*short\.txt: 2 words")


def test_read_bad_sources(cli):
    _one_line_error(cli("read", "ftp://example.org/a.html"), 2, r"only http:// and https:// URLs can be fetched \(ftp:// is not supported\)")
    _one_line_error(cli("read", "example.org/story.html"), 2, r"add the scheme: framing read https://example\.org/story\.html")
    _one_line_error(run("read", "-", stdin=b""), 2, r"stdin is empty")  # a subprocess: real stdin


def test_read_without_source_is_a_usage_error():
    proc = run("read")
    assert proc.returncode == 2
    assert "Missing argument 'SOURCE'" in _err(proc) and "Traceback" not in _err(proc)


def test_debug_shows_the_traceback(tmp_path):
    proc = run("--debug", "read", str(tmp_path / "missing.txt"))
    assert proc.returncode != 0
    assert "Traceback" in _err(proc) and "InputError" in _err(proc)


def test_dns_failure_in_process(monkeypatch, capsys):
    def no_dns(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    monkeypatch.setitem(cli_common.state, "debug", False)
    with pytest.raises(SystemExit) as info:
        cli_module.main(["read", "https://news.example.invalid/story.html"])
    assert info.value.code == 2
    err = capsys.readouterr().err.strip()
    assert err == "framing: error: cannot resolve the host name 'news.example.invalid' (DNS lookup failed); check the address and your internet connection"


def test_internal_error_exits_1_without_traceback(monkeypatch, capsys):
    def broken(*args, **kwargs):
        raise RuntimeError("something inside broke")

    monkeypatch.setattr(framing, "read", broken)  # the CLI calls the public API
    monkeypatch.setitem(cli_common.state, "debug", False)
    with pytest.raises(SystemExit) as info:
        cli_module.main(["read", str(PAGES / "article.html")])
    assert info.value.code == 1
    err = capsys.readouterr().err
    assert "internal error: RuntimeError: something inside broke" in err and "--debug" in err
    assert "Traceback" not in err
