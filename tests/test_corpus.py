"""The corpus store: import, idempotence, cached analyses, kill-and-resume, concurrency, bad input.

Uses the bundled example corpus (7 constructed articles) in temporary stores.
The analyses themselves come from whatever analyzers are installed; these tests
only rely on the store's contract (what is cached, what is recomputed, nothing lost).
"""

from __future__ import annotations

import html
import http.server
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

import pytest
from cli_run import run_cli

import framing.corpus.store
import framing.pipeline
from framing.corpus import Store, check_event_name, default_path, read_url_list
from framing.errors import CorpusError, InputError
from framing.ingest import load_path
from framing.schema import Analysis

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "corpora" / "example"
JSONL = EXAMPLE / "articles.jsonl"
N_EXAMPLE = 7
PY = sys.executable


def _env(**extra):
    env = dict(os.environ)
    env.pop("FRAMING_DB", None)
    env.update(extra)
    return env


# --------------------------------------------------------------------------- import and read


def test_import_jsonl_round_trip(tmp_path):
    with Store(tmp_path / "c.sqlite") as st:
        res = st.import_jsonl(JSONL, "example")
        assert (res.added, res.existing, res.failed) == (N_EXAMPLE, 0, ())
        arts = st.articles("example")
        assert len(arts) == N_EXAMPLE
        rows = [json.loads(line) for line in JSONL.read_text(encoding="utf-8").splitlines()]
        for art, row in zip(arts, rows):
            # the record maps onto the Article: title first, outlet/url/date/lean/id carried over
            assert art.title == row["title"]
            assert art.text.startswith(row["title"] + "\n\n")
            assert art.outlet == row["outlet_normalized"]
            assert art.url == row["url"] and art.published == row["date"]
            assert art.get("lean") == (row["lean"] or None)
            assert art.get("record_id") == row["id"]
            assert art.get("event") == "example"
        # the .txt file gives the same Article.text (same sha256) as the JSONL record
        txt = sorted(EXAMPLE.glob("*.txt"))
        assert [load_path(p).sha256 for p in txt] == [a.sha256 for a in arts]


def test_reimport_is_idempotent_and_events_are_separate(tmp_path):
    with Store(tmp_path / "c.sqlite") as st:
        st.import_jsonl(JSONL, "example")
        again = st.import_jsonl(JSONL, "example")
        assert (again.added, again.existing) == (0, N_EXAMPLE)
        assert st.count("articles") == N_EXAMPLE
        # the same texts from the .txt files under another event are new articles there, not here
        other = st.import_dir(EXAMPLE, "example-files", outlet="Teaching set", lean="Center")
        assert (other.added, other.existing) == (N_EXAMPLE, 0)
        assert st.count("articles", "example") == N_EXAMPLE and st.count("articles", "example-files") == N_EXAMPLE
        listed = st.list_articles("example-files")
        assert {r.outlet for r in listed} == {"Teaching set"} and {r.lean for r in listed} == {"center"}
        assert [e["name"] for e in st.events()] == ["example", "example-files"]
        assert st.import_dir(EXAMPLE, "example-files").added == 0


def test_default_path_env(monkeypatch, tmp_path):
    monkeypatch.setenv("FRAMING_DB", str(tmp_path / "x.sqlite"))
    assert default_path() == tmp_path / "x.sqlite"
    monkeypatch.delenv("FRAMING_DB")
    assert default_path().name == "corpus.sqlite" and "framing" in str(default_path())


# --------------------------------------------------------------------------- bad input


def test_malformed_jsonl_names_file_and_line_and_writes_nothing(tmp_path):
    db = tmp_path / "c.sqlite"
    with Store(db) as st:
        st.import_jsonl(JSONL, "example")
    lines = JSONL.read_text(encoding="utf-8").splitlines()
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join(lines[:3] + ['{"title": "x", "text": '] + lines[3:]) + "\n", encoding="utf-8")
    with Store(db) as st:
        with pytest.raises(InputError) as ei:
            st.import_jsonl(bad, "other")
        assert f"{bad}:4:" in str(ei.value) and "\n" not in str(ei.value)
        # nothing of the bad file was written, nothing stored before was lost
        assert st.count("articles") == N_EXAMPLE and not st.has_event("other")
    # a record without text, and a non-object line
    notext = tmp_path / "notext.jsonl"
    notext.write_text(lines[0] + "\n" + json.dumps({"title": "only a title"}) + "\n", encoding="utf-8")
    arr = tmp_path / "arr.jsonl"
    arr.write_text("[1, 2]\n", encoding="utf-8")
    with Store(db) as st:
        with pytest.raises(InputError, match=r"notext\.jsonl:2: .*'text'"):
            st.import_jsonl(notext, "other")
        with pytest.raises(InputError, match=r"arr\.jsonl:1: expected a JSON object"):
            st.import_jsonl(arr, "other")
        # --skip-bad keeps the good records and lists the bad one
        res = st.import_jsonl(notext, "other", skip_bad=True)
        assert res.added == 1 and len(res.failed) == 1 and res.failed[0][0].endswith("notext.jsonl:2")
        assert st.count("articles") == N_EXAMPLE + 1


def test_bad_store_files(tmp_path):
    notdb = tmp_path / "notes.sqlite"
    notdb.write_text("this is a text file, not a database\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="not a framing corpus store"):
        Store(notdb)
    assert notdb.read_text(encoding="utf-8").startswith("this is a text file")  # untouched

    other = tmp_path / "other.sqlite"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE people(name TEXT)")
    con.commit()
    con.close()
    with pytest.raises(CorpusError, match="SQLite database but not a framing corpus store"):
        Store(other)

    with pytest.raises(CorpusError, match="is a folder"):
        Store(tmp_path)
    with pytest.raises(CorpusError, match="no corpus store there"):
        Store(tmp_path / "missing.sqlite", create=False)

    if hasattr(os, "geteuid") and os.geteuid() != 0:
        locked = tmp_path / "locked.sqlite"
        Store(locked).close()
        locked.chmod(0)
        try:
            with pytest.raises(CorpusError, match="cannot read"):
                Store(locked)
        finally:
            locked.chmod(0o644)


def test_unknown_event_and_bad_event_names(tmp_path):
    with Store(tmp_path / "c.sqlite") as st:
        st.import_jsonl(JSONL, "example")
        with pytest.raises(CorpusError) as ei:
            st.articles("exmaple")
        msg = str(ei.value)
        assert "'exmaple'" in msg and "known events: example" in msg and "framing corpus import" in msg
        with pytest.raises(CorpusError):
            st.analyze_event("nope")
    for bad in ("", "two words", "../up", "a/b", "x" * 101):
        with pytest.raises(InputError):
            check_event_name(bad)
    assert check_event_name("soleimani-2020") == "soleimani-2020"


def test_import_path_errors(tmp_path):
    with Store(tmp_path / "c.sqlite") as st:
        with pytest.raises(InputError, match="no such file"):
            st.import_path(tmp_path / "nothing.jsonl", "e")
        (tmp_path / "empty").mkdir()
        with pytest.raises(InputError, match=r"no \.txt"):
            st.import_path(tmp_path / "empty", "e")
        (tmp_path / "empty.jsonl").write_text("\n\n", encoding="utf-8")
        with pytest.raises(InputError, match="empty"):
            st.import_path(tmp_path / "empty.jsonl", "e")
        assert st.count("articles") == 0


# --------------------------------------------------------------------------- URL lists (local server only)


class _Pages(http.server.BaseHTTPRequestHandler):
    pages: ClassVar[dict[str, bytes]] = {}

    def do_GET(self):
        body = self.pages.get(self.path)
        if body is None:
            self.send_response(404)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<html><body>not here</body></html>")
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *a):
        pass


def _page(path: Path) -> bytes:
    title, _, body = path.read_text(encoding="utf-8").partition("\n")
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in body.strip().split("\n\n"))
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(title)}</title></head>"
        f"<body><article><h1>{html.escape(title)}</h1>{paras}</article></body></html>"
    ).encode()


@pytest.fixture()
def page_server():
    _Pages.pages = {"/a.html": _page(EXAMPLE / "01-cpa-wire.txt"), "/b.html": _page(EXAMPLE / "07-northgate-wire.txt")}
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


def test_add_urls_reports_and_skips_failures(tmp_path, page_server):
    calls = []
    manifest = [
        {"url": f"{page_server}/a.html", "outlet_normalized": "Continental Press Agency", "lean": "center", "id": "a", "date": "2031-03-09"},
        f"{page_server}/missing.html",
        f"{page_server}/b.html",
    ]
    with Store(tmp_path / "c.sqlite") as st:
        res = st.add_urls(manifest, "web", outlet="Northgate", lean="center", timeout=5, progress=lambda d, t, lab: calls.append((d, t)))
        assert res.added == 2 and res.existing == 0
        assert len(res.failed) == 1 and res.failed[0][0].endswith("/missing.html")
        assert "404" in res.failed[0][1] and "\n" not in res.failed[0][1]
        arts = {a.get("record_id"): a for a in st.articles("web")}
        a = arts["a"]
        assert a.outlet == "Continental Press Agency" and a.get("lean") == "center" and a.url.endswith("/a.html")
        assert "Teodor Vashti" in a.text
        others = [x for k, x in arts.items() if k != "a"]
        assert len(others) == 1 and others[0].outlet == "Northgate"  # the --outlet default applies where the record has none
        assert calls[-1] == (3, 3)
        # re-running fetches only what is missing: the two stored URLs are not fetched again
        again = st.add_urls(manifest, "web", timeout=5)
        assert again.added == 0 and again.existing == 2 and len(again.failed) == 1
        with pytest.raises(InputError, match="not an http"):
            st.add_urls(["ftp://example.org/x"], "web")


def test_read_url_list(tmp_path):
    p = tmp_path / "urls.txt"
    p.write_text("# comment\nhttps://example.org/a\n\n  https://example.org/b  \n", encoding="utf-8")
    assert read_url_list(p) == ["https://example.org/a", "https://example.org/b"]
    m = REPO / "corpora" / "soleimani-2020" / "manifest.jsonl"
    recs = read_url_list(m)
    assert len(recs) == 80 and all(r["url"].startswith("http") for r in recs)
    assert all("text" not in r for r in recs)  # facts only


# --------------------------------------------------------------------------- analyses and the cache


@pytest.fixture(scope="module")
def analyzed_store(tmp_path_factory):
    """A store with the example corpus imported and analyzed once (two worker processes)."""
    db = tmp_path_factory.mktemp("store") / "c.sqlite"
    with Store(db) as st:
        st.import_jsonl(JSONL, "example")
        res = st.analyze_event("example", workers=2)
    return db, res


def test_analyze_event_computes_then_serves_from_cache(analyzed_store):
    db, first = analyzed_store
    assert (first.total, first.computed, first.cached, first.failed) == (N_EXAMPLE, N_EXAMPLE, 0, ())
    assert first.workers == 2
    with Store(db) as st:
        again = st.analyze_event("example", workers=2)
        assert (again.computed, again.cached) == (0, N_EXAMPLE)
        assert all(e["analyzed"] == N_EXAMPLE for e in st.events())
        analyses = st.analyses("example", compute_missing=False)
        assert len(analyses) == N_EXAMPLE
        for an, art in zip(analyses, st.articles("example")):
            assert an.article.sha256 == art.sha256 and an.article.get("record_id") == art.get("record_id")
            assert an.validate() == []
            d = an.to_dict()
            assert {"loaded_language", "actors", "attribution", "provenance"} <= set(d)
            assert d["provenance"]["analyzer_version"] == st.analyzer_version()


def test_cache_hit_does_not_run_the_pipeline(analyzed_store, monkeypatch):
    db, _ = analyzed_store

    def boom(*a, **k):
        raise AssertionError("the pipeline ran although the analysis is cached")

    monkeypatch.setattr(framing.pipeline, "analyze", boom)
    monkeypatch.setattr(framing.corpus.store, "analyze", boom)  # the name the store calls
    with Store(db) as st:
        art = st.articles("example")[0]
        an = st.get_or_analyze(art, event="example")
        assert an.article.sha256 == art.sha256
        assert len(st.analyses("example")) == N_EXAMPLE


def test_cached_analysis_is_restored_typed_with_the_stores_article(analyzed_store):
    db, _ = analyzed_store
    with Store(db) as st:
        art = st.articles("example")[0]
        cached = st.cached_analysis(art.sha256, st.analysis_key("example"))
        an = st.get_or_analyze(art, event="example")
        restored = Analysis.from_dict(cached)
        assert type(an) is Analysis and an.article == art  # the store's article: meta carries event and store_id
        assert an.article.get("store_id") is not None and restored.article.get("store_id") is None
        assert {k: type(v) for k, v in an.sections.items()} == {k: type(v) for k, v in restored.sections.items()}
        assert {k: v for k, v in an.to_dict().items() if k != "article"} == {k: v for k, v in cached.items() if k != "article"}


def test_new_analyzer_version_means_recompute(analyzed_store, monkeypatch):
    db, _ = analyzed_store
    with Store(db) as st:
        assert st.missing("example") == []
        st._version = "0000-another-version"  # what a lexicon or model change does to analyzer_version()
        assert len(st.missing("example")) == N_EXAMPLE
        assert all(e["analyzed"] == 0 for e in st.events())
        # a text that changes by one character is a new text: not served from the old text's cache
        st._version = None
        art = st.articles("example")[0]

        changed = replace(art, text=art.text + " ")
        assert st.cached_analysis(changed.sha256, st.analysis_key("example")) is None
        assert st.cached_analysis(art.sha256, st.analysis_key("example")) is not None


def test_actor_file_is_part_of_the_cache_key(tmp_path):
    with Store(tmp_path / "c.sqlite") as st:
        with_file = st.analysis_key("example")  # corpora/example/actors.toml exists
        without = st.analysis_key("no-such-event-folder")
        assert with_file.startswith(without + "+actors:") and with_file != without


# --------------------------------------------------------------------------- kill and resume, concurrency


def _analysis_rows(db: Path) -> dict[str, str]:
    con = sqlite3.connect(db, timeout=30)
    try:
        return dict(con.execute("SELECT text_sha256, created_at FROM analyses"))
    except sqlite3.OperationalError:
        return {}
    finally:
        con.close()


def test_killed_analysis_loses_nothing_and_resumes(tmp_path):
    db = tmp_path / "c.sqlite"
    with Store(db) as st:
        st.import_jsonl(JSONL, "example")
    cmd = [PY, "-m", "framing", "corpus", "analyze", "--event", "example", "--workers", "1", "--db", str(db), "--quiet"]
    proc = subprocess.Popen(cmd, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 180
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if len(_analysis_rows(db)) >= 1:
                break
            time.sleep(0.02)
        else:
            pytest.fail(f"no analysis committed before the deadline (exit {proc.poll()}): {proc.stderr.read().decode()[-500:]}")
        os.killpg(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    before = _analysis_rows(db)
    assert 1 <= len(before) < N_EXAMPLE, "the run should have been killed mid-way"
    with Store(db) as st:
        assert st.integrity_check() == "ok"
        assert st.count("articles") == N_EXAMPLE
    # re-run: only the missing analyses are computed
    out = subprocess.run(cmd + ["--json"], env=_env(), capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    res = json.loads(out.stdout)
    assert res["computed"] == N_EXAMPLE - len(before)
    assert res["cached"] == len(before)
    after = _analysis_rows(db)
    assert len(after) == N_EXAMPLE
    assert all(after[sha] == created for sha, created in before.items())  # the finished ones were kept, not redone


_CONCURRENT = r"""
import sys
from framing.corpus import Store
db, event, source = sys.argv[1], sys.argv[2], sys.argv[3]
with Store(db) as st:
    for _ in range(3):
        st.import_path(source, event)
    res = st.analyze_event(event, workers=1)
    print(res.computed, res.cached, len(res.failed))
"""


def test_two_processes_share_one_store(tmp_path):
    """Two processes import (three times each) and analyze into one store at the same time."""
    db = tmp_path / "c.sqlite"
    script = tmp_path / "worker.py"
    script.write_text(_CONCURRENT, encoding="utf-8")
    lines = JSONL.read_text(encoding="utf-8").splitlines()
    part = tmp_path / "part.jsonl"
    part.write_text("\n".join(lines[:3]) + "\n", encoding="utf-8")  # articles 01-03
    folder = tmp_path / "files"
    folder.mkdir()
    for name in ("04-vna-state-media.txt", "05-counterpoint-partisan.txt"):
        (folder / name).write_bytes((EXAMPLE / name).read_bytes())
    jobs = [("example", part, 3), ("example-files", folder, 2)]
    procs = [
        subprocess.Popen([PY, str(script), str(db), ev, str(src)], env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for ev, src, _ in jobs
    ]
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (out, err), (_, _, n) in zip(procs, outs, jobs):
        assert p.returncode == 0, err[-2000:]
        assert tuple(map(int, out.split())) == (n, 0, 0)
    with Store(db) as st:
        assert st.integrity_check() == "ok"
        assert st.count("articles", "example") == 3 and st.count("articles", "example-files") == 2
        assert st.count("analyses") == 5
        assert st.analyze_event("example").computed == 0 and st.analyze_event("example-files").computed == 0


# --------------------------------------------------------------------------- CLI




def test_cli_import_list_and_errors(tmp_path, capsys):
    db = str(tmp_path / "c.sqlite")
    code, out, err = run_cli(["corpus", "import", str(JSONL), "--event", "example", "--db", db, "--json"], capsys)
    assert code == 0 and json.loads(out)["added"] == N_EXAMPLE
    code, out, err = run_cli(["corpus", "import", str(JSONL), "--event", "example", "--db", db], capsys)
    assert code == 0 and "0 added, 7 already in the store" in err
    code, out, err = run_cli(["corpus", "list", "--db", db, "--json"], capsys)
    assert code == 0 and [e["name"] for e in json.loads(out)["events"]] == ["example"]
    code, out, err = run_cli(["corpus", "list", "--event", "example", "--db", db, "--json"], capsys)
    rows = json.loads(out)["articles"]
    assert code == 0 and len(rows) == N_EXAMPLE and rows[4]["record_id"] == "example-counterpoint-partisan"
    assert all(r["analyzed"] is False for r in rows)
    code, out, err = run_cli(["corpus", "list", "--event", "example", "--db", db], capsys)
    assert code == 0 and "Counterpoint" in out
    # errors: one line on stderr, exit 2
    code, out, err = run_cli(["corpus", "analyze", "--event", "missing", "--db", db], capsys)
    assert code == 2 and err.count("\n") == 1 and "no event 'missing'" in err
    code, out, err = run_cli(["corpus", "list", "--event", "x", "--db", str(tmp_path / "none.sqlite")], capsys)
    assert code == 2 and "no store" in err and not (tmp_path / "none.sqlite").exists()
    code, out, err = run_cli(["corpus", "add", "--event", "x", "--db", db], capsys)
    assert code == 2 and "no URLs given" in err
    code, out, err = run_cli(["corpus", "import", str(JSONL), "--event", "bad name", "--db", db], capsys)
    assert code == 2 and "event name" in err
    (tmp_path / "junk.sqlite").write_bytes(b"\x00\x01 definitely not sqlite")
    code, out, err = run_cli(["corpus", "list", "--db", str(tmp_path / "junk.sqlite")], capsys)
    assert code == 2 and "not a framing corpus store" in err
