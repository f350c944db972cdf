"""Issue 21's list of hostile or odd inputs: each is one line on stderr and exit code 2 (never "internal error").

Markup in titles and outlets (rich ``[/bold]``, matplotlib ``$...^``) is not an error: it is shown literally
(exit 0). Lone surrogates are replaced at ingest (U+FFFD) and the article is analysed.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import threading
import time

import pytest

from tests.cli_run import run_cli
from tests.hardening.conftest import BODY, TITLE, error_line


@pytest.mark.parametrize(("url", "says"), [
    ("http://[::1", "Invalid IPv6 URL"),
    ("http://[1.2.3.4]/", "IPv4 address cannot be in brackets"),
    ("http://example.org:99999/news", "Port out of range"),
    ("http://exa mple.org/news", "host name holds spaces"),
    ("https://[fe80::1%zz]/", "link-local"),
    ("ftp://example.org/a.html", "only http:// and https://"),
])
def test_malformed_urls(url, says, capsys):
    code, _out, err = run_cli(["score", url], capsys)
    assert code == 2
    assert says in error_line(err)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero on this system")
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_devices_as_input_fail_fast(device, capsys):
    t = time.monotonic()
    code, _out, err = run_cli(["score", device], capsys)
    assert code == 2 and "not a regular file" in error_line(err)
    assert time.monotonic() - t < 5


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_fifo_as_input_does_not_hang(tmp_path, capsys):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    code, _out, err = run_cli(["score", str(fifo)], capsys)
    assert code == 2 and "FIFO" in error_line(err)


def _no_analysis(monkeypatch):
    import framing

    def refuse(*a, **k):
        raise AssertionError("the output path must be refused before any work")

    monkeypatch.setattr(framing, "analyze", refuse, raising=False)


@pytest.mark.parametrize("kind", ["file_as_folder", "too_long", "proc_fd"])
def test_bad_pdf_paths_fail_before_work(kind, story, tmp_path, capsys, monkeypatch):
    _no_analysis(monkeypatch)
    if kind == "file_as_folder":
        (tmp_path / "existing").write_text("x")
        target = str(tmp_path / "existing" / "report.pdf")
    elif kind == "too_long":
        target = str(tmp_path / ("a" * 300 + ".pdf"))
    else:
        if not os.path.exists("/proc/self/fd/1"):
            pytest.skip("no /proc on this system")
        target = "/proc/self/fd/1"
    code, _out, err = run_cli(["score", str(story), "--pdf", target], capsys)
    assert code == 2
    error_line(err)


def test_deeply_nested_json_article(tmp_path, capsys):
    p = tmp_path / "deep.json"
    p.write_text("[" * 100_000 + "]" * 100_000)
    code, _out, err = run_cli(["score", str(p)], capsys)
    assert code == 2 and "nested more than" in error_line(err)


def test_deeply_nested_jsonl_record(tmp_path, capsys):
    p = tmp_path / "deep.jsonl"
    p.write_text("[" * 100_000 + "]" * 100_000 + "\n")
    code, _out, err = run_cli(["corpus", "import", str(p), "--event", "e", "--db", str(tmp_path / "s.sqlite")], capsys)
    assert code == 2 and "deep.jsonl:1" in error_line(err)


def test_nesting_inside_strings_is_not_counted():
    from framing.ingest.files import json_depth_ok

    assert json_depth_ok(json.dumps({"text": "[" * 10_000}))
    assert not json_depth_ok("[" * 65 + "]" * 65)
    assert json_depth_ok("[" * 64 + "]" * 64)


def test_lone_surrogates_are_replaced_at_ingest(tmp_path, capsys):
    title = "Budget \ud800 vote"
    p = tmp_path / "sur.jsonl"
    p.write_text(json.dumps({"title": title, "text": title + "\n\n" + BODY, "outlet": "Daily \udfff"}) + "\n")
    db = tmp_path / "s.sqlite"
    code, _out, err = run_cli(["corpus", "import", str(p), "--event", "e", "--db", str(db)], capsys)
    assert code == 0, err
    code, out, err = run_cli(["corpus", "list", "--event", "e", "--db", str(db), "--json"], capsys)
    assert code == 0, err
    assert "\ufffd" in out and "\\ud800" not in out


def test_lone_surrogate_in_a_json_article_is_scored(tmp_path, capsys):
    title = "Budget \ud800 vote"
    p = tmp_path / "a.json"
    p.write_text(json.dumps({"title": title, "text": title + "\n\n" + BODY}))
    code, out, err = run_cli(["score", str(p), "--json"], capsys)
    assert code == 0, err
    assert json.loads(out)["article"]["title"] == "Budget \ufffd vote"


def test_markup_in_title_and_outlet_is_shown_literally(tmp_path, capsys):
    title = "Vote [/bold] on $x^2$ [/] budget"
    p = tmp_path / "a.json"
    p.write_text(json.dumps({"title": title, "text": title + "\n\n" + BODY, "outlet": "[/] $^$ Daily"}))
    code, out, err = run_cli(["score", str(p)], capsys)
    assert code == 0, err
    assert "[/bold]" in out and "$x^2$" in out


def test_store_locked_by_another_writer_waits_then_one_line(story, tmp_path, capsys, caplog):
    db = tmp_path / "s.sqlite"
    assert run_cli(["corpus", "import", str(story), "--event", "e", "--db", str(db)], capsys)[0] == 0
    holder = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the write lock
    try:
        other = tmp_path / "other.txt"
        other.write_text("Another story about the council\n\n" + BODY.replace("Tuesday", "Monday"), encoding="utf-8")
        t = time.monotonic()
        code, _out, err = run_cli(["corpus", "import", str(other), "--event", "e", "--db", str(db),
                                   "--lock-timeout", "1.5"], capsys)
        waited = time.monotonic() - t
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == 2
    assert "waiting up to" in err + caplog.text  # the message while it waits (a log line: stderr outside pytest)
    assert "locked" in error_line(err) and "--lock-timeout" in error_line(err)
    assert 1.4 <= waited < 30


def test_store_lock_released_in_time_is_waited_for(story, tmp_path, capsys):
    db = tmp_path / "s.sqlite"
    assert run_cli(["corpus", "import", str(story), "--event", "e", "--db", str(db)], capsys)[0] == 0
    holder = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    threading.Timer(1.0, lambda: holder.execute("ROLLBACK")).start()
    other = tmp_path / "other.txt"
    other.write_text("Another story about the council\n\n" + BODY.replace("Tuesday", "Monday"), encoding="utf-8")
    code, _out, err = run_cli(["corpus", "import", str(other), "--event", "e", "--db", str(db), "--lock-timeout", "20"],
                              capsys)
    holder.close()
    assert code == 0, err


def test_version_flag_and_completion(capsys):
    from framing.version import __version__

    code, out, _err = run_cli(["-V"], capsys)
    assert code == 0 and out.strip() == f"framing {__version__}"
    code, out, _err = run_cli(["--help"], capsys)
    assert "--install-completion" in out


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX paths")
def test_folder_as_input(tmp_path, capsys):
    code, _out, err = run_cli(["score", str(tmp_path)], capsys)
    assert code == 2
    error_line(err)


def test_score_batch_from_arguments_and_list_file(story, tmp_path, capsys):
    listing = tmp_path / "list.txt"
    listing.write_text(f"# sources\n{story}\n\nhttp://[::1\n{tmp_path / 'missing.txt'}\n", encoding="utf-8")
    code, out, err = run_cli(["score", str(story), "-i", str(listing), "--jsonl", "-q"], capsys)
    assert code == 3
    rows = [json.loads(ln) for ln in out.splitlines()]
    assert len(rows) == 2 and all(r["article"]["title"] == TITLE for r in rows)
    assert err.count("framing: skipped ") == 2
    assert err.rstrip().splitlines()[-1].startswith("framing: error: 2 of 4 sources failed")


def test_score_jsonl_for_one_source_is_one_line(story, capsys):
    code, out, _err = run_cli(["score", str(story), "--jsonl"], capsys)
    assert code == 0 and len(out.splitlines()) == 1 and json.loads(out)["article"]["title"] == TITLE


def test_score_reports_need_one_source(story, tmp_path, capsys):
    code, _out, err = run_cli(["score", str(story), str(story), "--html", str(tmp_path / "r.html")], capsys)
    assert code == 2 and "one source" in error_line(err)


@pytest.mark.parametrize("source", ["./" + "a" * 5000, "b/" * 3000 + "x.txt"])
def test_over_long_input_paths(source, capsys):
    code, _out, err = run_cli(["score", source], capsys)
    line = error_line(err)
    assert code == 2 and "cannot use this path" in line and len(line) < 300
