"""Exit codes that mean something (issue 22, item 7).

0 only when everything succeeded; 2 bad input (one line); 3 a batch in which
some items failed (``corpus add``, ``corpus analyze``), the count on the last
line; 130 on Ctrl-C, with one line. Third-party log lines stay off the terminal
unless ``-v``.
"""

from __future__ import annotations

import html
import http.server
import subprocess
import sys
import threading
from pathlib import Path
from typing import ClassVar

import pytest
from cli_run import run_cli

import framing.corpus
from framing.corpus import Store
from framing.corpus.store import AnalyzeResult

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "corpora" / "example"
JSONL = EXAMPLE / "articles.jsonl"




class _Pages(http.server.BaseHTTPRequestHandler):
    pages: ClassVar[dict[str, bytes]] = {}

    def do_GET(self):
        body = self.pages.get(self.path)
        self.send_response(200 if body is not None else 404)
        body = body if body is not None else b"<html><body>not here</body></html>"
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *a):
        pass


@pytest.fixture()
def site():
    title, _, body = (EXAMPLE / "01-cpa-wire.txt").read_text(encoding="utf-8").partition("\n")
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in body.strip().split("\n\n"))
    _Pages.pages = {"/a.html": (f"<!doctype html><html lang='en'><head><title>{html.escape(title)}</title></head>"
                                f"<body><article><h1>{html.escape(title)}</h1>{paras}</article></body></html>").encode()}
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


def test_corpus_add_with_failed_urls_exits_3_with_the_count(tmp_path, site, capsys):
    db = str(tmp_path / "c.sqlite")
    args = ["corpus", "add", f"{site}/a.html", f"{site}/gone-1.html", f"{site}/gone-2.html", "--event", "web", "--db", db, "-q"]
    code, _, err = run_cli(args, capsys)
    last = err.strip().splitlines()[-1]
    assert code == 3, err
    assert last == "framing: error: 2 of 3 URLs failed (each is reported above); exit code 3"
    code, _, err = run_cli(["corpus", "add", f"{site}/a.html", "--event", "web", "--db", db, "-q"], capsys)
    assert code == 0, err  # all stored (already there): success


def test_corpus_analyze_with_failed_articles_exits_3_with_the_count(tmp_path, capsys, monkeypatch):
    db = str(tmp_path / "c.sqlite")
    assert run_cli(["corpus", "import", str(JSONL), "--event", "example", "--db", db, "-q"], capsys)[0] == 0
    failed = AnalyzeResult("example", 7, computed=5, failed=(("a1", "boom"), ("a2", "boom")))
    monkeypatch.setattr(Store, "analyze_event", lambda self, event, **kw: failed)
    code, _, err = run_cli(["corpus", "analyze", "--event", "example", "--db", db, "-q"], capsys)
    assert code == 3
    assert err.strip().splitlines()[-1] == "framing: error: 2 of 7 articles failed (each is reported above); exit code 3"
    monkeypatch.setattr(Store, "analyze_event", lambda self, event, **kw: AnalyzeResult("example", 7, computed=7))
    code, _, err = run_cli(["corpus", "analyze", "--event", "example", "--db", db, "-q"], capsys)
    assert code == 0, err


def test_ctrl_c_exits_130_with_one_line(tmp_path, capsys, monkeypatch):
    def interrupted(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(framing.corpus, "Store", interrupted)  # the command imports it when it runs
    code, out, err = run_cli(["corpus", "import", str(JSONL), "--event", "example", "--db", str(tmp_path / "c.sqlite")], capsys)
    assert code == 130 and out == ""
    assert err == "framing: interrupted\n"


def test_bad_input_still_exits_2(tmp_path, capsys):
    code, _, err = run_cli(["corpus", "import", str(tmp_path / "missing.jsonl"), "--event", "example", "--db", str(tmp_path / "c.sqlite")], capsys)
    assert code == 2 and len(err.strip().splitlines()) == 1


def test_exit_codes_are_documented(capsys):
    for args, needle in ((["--help"], "130 interrupted"), (["corpus", "add", "--help"], "3 when some failed"),
                         (["corpus", "analyze", "--help"], "3 when some failed")):
        code, out, _ = run_cli(args, capsys)
        assert code == 0 and needle in " ".join(out.split()), args
    readme = " ".join((REPO / "README.md").read_text(encoding="utf-8").split())
    assert "exits with code 130" in readme and "code 3" in readme


LOGS = (
    "import logging, sys\n"
    "from framing.cli import main\n"
    "try:\n"
    "    main(sys.argv[1:])\n"
    "except SystemExit:\n"
    "    pass\n"
    "logging.getLogger('trafilatura.core').error('THIRD-PARTY LINE')\n"
    "logging.getLogger('urllib3.connectionpool').warning('THIRD-PARTY LINE')\n"
    "logging.getLogger('framing.corpus').warning('OWN LINE')\n"
)


@pytest.mark.parametrize("verbose", [False, True])
def test_third_party_log_lines_only_with_verbose(tmp_path, verbose):
    args = (["-v"] if verbose else []) + ["corpus", "list", "--db", str(tmp_path / "none.sqlite")]
    proc = subprocess.run([sys.executable, "-c", LOGS, *args], capture_output=True, text=True, timeout=120, cwd=REPO)
    assert "OWN LINE" in proc.stderr
    assert ("THIRD-PARTY LINE" in proc.stderr) is verbose, proc.stderr
