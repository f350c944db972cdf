"""framing batch on a LocalCluster of 2 worker processes (127.0.0.1, started and closed here), and in process.

Must show (issue 20): the shared corpus through the batch gives the same analyses as single-process
``framing.analyze`` (the pinned digests of tests/golden, and a direct in-process check); a rerun after deleting
one partition file redoes only that partition; killing a worker mid-run loses and duplicates no row; a malformed
input line lands in ``errors``. A subset of the shared corpus (N_RECORDS of 80) keeps the runtime modest; the
whole corpus is pinned in process by tests/test_digests.py.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sys
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="framing[dask] is not installed (pip install 'framing[dask]')")
pytest.importorskip("pyarrow", reason="framing[dask] is not installed (pip install 'framing[dask]')")

import pandas as pd
from cli_run import run_cli
from conftest import REPO, shared_path

import framing
from framing import batch, engine
from framing.batch import tables
from framing.batch.aggregate import ALL
from framing.comparison import MIN_WORDS
from framing.corpus import article_from_record

sys.path.insert(0, str(REPO / "scripts"))
from analysis_digests import digest

EVENT = "soleimani-2020"
N_RECORDS = 9
PARTS = -(-(N_RECORDS + 1) // 3)  # partitions of 3 lines; the input has one malformed line more
GOLDEN = json.loads((REPO / "tests" / "golden" / "analysis_digests.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def cluster():
    """A Dask client on a LocalCluster of 2 worker processes on 127.0.0.1, closed after this module."""
    with engine.local_client(2) as client:
        client.wait_for_workers(2, timeout=180)
        yield client


@pytest.fixture(scope="module")
def records() -> list[str]:
    p = shared_path("corpora", "soleimani-2020", "articles.jsonl")
    return [line for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def first_run(cluster, records, tmp_path_factory):
    """N_RECORDS shared-corpus records and one malformed line (line 6), partitions of 3, on the cluster."""
    src = tmp_path_factory.mktemp("in") / "sol.jsonl"
    lines = records[:5] + ['{"id": "broken", "title": "no closing brace"'] + records[5:N_RECORDS]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path_factory.mktemp("out") / "ds"
    res = batch.analyze([str(src)], str(out), cluster, event=EVENT, partition_size=3, keep_json=True)
    return src, out, res


def read(out: Path, table: str) -> pd.DataFrame:
    return pd.read_parquet(out / table)


def test_batch_equals_single_process(first_run, records):
    src, out, res = first_run
    assert res.failed == () and res.partitions == PARTS and res.computed == PARTS and res.skipped == 0
    arts = read(out, "articles")
    assert sorted(arts["id"]) == sorted(json.loads(r)["id"] for r in records[:N_RECORDS])  # none lost, none twice
    analyses = read(out, "analyses")
    for aid, js in zip(analyses["article_id"], analyses["json"]):
        assert digest(json.loads(js)) == GOLDEN[f"{EVENT}/{aid}"], aid  # the pinned single-process analysis
    # and directly: two records analyzed here, in this process, one at a time
    for line_no in (1, 9):  # line 9 of the input is record 8 (the malformed line is line 6)
        rec = json.loads(records[line_no - 1 if line_no < 6 else line_no - 2])
        art = article_from_record(rec, where=f"file://{src}:{line_no}", event=EVENT, check_language=False)
        single = framing.analyze(art, event_actors=batch.event_actors(EVENT))
        row = arts[arts["id"] == rec["id"]].iloc[0]
        assert row["analysis_digest"] == tables.analysis_digest(single)
        for key in tables.measure_keys():
            want = next((m.value for s in single.sections.values() for k, m in s.measures(art).items() if k == key), None)
            assert (pd.isna(row[key]) and want is None) or row[key] == pytest.approx(want), key
        got = read(out, "findings").query("article_id == @rec['id']")
        want_f = sorted((n, e.span.start, e.span.end, e.rule) for n, s in single.sections.items() for e in s.evidence())
        assert sorted(zip(got["section"], got["start"], got["end"], got["rule"])) == want_f


def test_malformed_line_lands_in_errors(first_run):
    src, out, res = first_run
    errors = read(out, "errors")
    assert res.errors == 1 and len(errors) == 1
    row = errors.iloc[0]
    assert row["stage"] == "read" and row["id"].endswith(":6")
    assert "not valid JSON" in row["reason"] and f"{src.name}:6" in row["reason"] and "\n" not in row["reason"]


def test_tables_read_back_with_offsets_into_the_text(first_run, records):
    _, out, _ = first_run
    texts = {}
    for r in records[:N_RECORDS]:
        rec = json.loads(r)
        texts[rec["id"]] = article_from_record(rec, where="x", event=EVENT, check_language=False).text
    f = read(out, "findings")
    assert set(f["voice"]) <= {"author", "quoted"} and set(f["kind"]) <= {"lexicon", "model", "rule"}
    assert all(texts[a][s:e] == q for a, s, e, q in zip(f["article_id"], f["start"], f["end"], f["quote"]))
    assert set(f["event"].astype(str)) == {EVENT}
    actors = read(out, "actors")
    assert actors["stance_author"].dropna().between(-1, 1).all() and (actors["mentions"] >= 1).all()
    manifest = json.loads((out / "_manifest.json").read_text())
    assert manifest["analyzer_version"] == framing.pipeline.analyzer_version() and manifest["lexicons"] and manifest["models"]
    assert [c["name"] for c in manifest["tables"]["articles"]][-len(tables.measure_keys()):] == list(tables.measure_keys())


def test_rerun_redoes_only_the_deleted_partition(first_run, cluster):
    src, out, _ = first_run
    before = {t: len(read(out, t)) for t in ("articles", "findings", "actors", "errors")}
    victim = next((out / "findings").rglob("part-00001.parquet"))
    victim.unlink()
    res = batch.analyze([str(src)], str(out), cluster, event=EVENT, partition_size=3, keep_json=True)
    assert (res.computed, res.skipped, res.failed) == (1, PARTS - 1, ())
    assert [d["partition"].rsplit("/", 1)[1] for d in res.details] == ["part-00001"]
    assert victim.exists()
    assert {t: len(read(out, t)) for t in before} == before  # redone once, not added twice
    again = batch.analyze([str(src)], str(out), cluster, event=EVENT, partition_size=3, keep_json=True)
    assert (again.computed, again.skipped) == (0, PARTS)


def test_cli_on_a_running_scheduler(cluster, records, tmp_path, capsys):
    """`--scheduler ADDRESS` runs on that cluster (here the test's own LocalCluster)."""
    src = tmp_path / "two.jsonl"
    src.write_text("\n".join(records[:2]) + "\n", encoding="utf-8")
    address = cluster.scheduler.address
    code, stdout, stderr = run_cli(["batch", str(src), "--out", str(tmp_path / "ds"), "--scheduler", address, "--event", EVENT,
                                    "--json"], capsys)
    assert code == 0, stderr
    summary = json.loads(stdout)
    assert (summary["computed"], summary["articles"], summary["workers"]) == (1, 2, 2)


def test_parquet_input_by_file_url_in_process(tmp_path, records):
    recs = [json.loads(r) for r in records[:3]]
    src = tmp_path / "three.parquet"
    pd.DataFrame(recs).to_parquet(src)
    res = batch.analyze([f"file://{src}"], str(tmp_path / "out"), workers=0, event=EVENT, partition_size=2, keep_json=True)
    assert (res.partitions, res.articles, res.errors, res.workers) == (2, 3, 0, 0)
    analyses = read(tmp_path / "out", "analyses")
    assert sorted(analyses["article_id"]) == sorted(r["id"] for r in recs)
    for aid, js in zip(analyses["article_id"], analyses["json"]):
        assert digest(json.loads(js)) == GOLDEN[f"{EVENT}/{aid}"], aid


def test_folder_of_text_files_in_process(tmp_path):
    folder = tmp_path / "files"
    folder.mkdir()
    for name in ("01-cpa-wire.txt", "03-meridian-dovish.txt", "README.md"):
        shutil.copy(REPO / "corpora" / "example" / name, folder / name)
    (folder / "empty.txt").write_text("", encoding="utf-8")
    res = batch.analyze([str(folder)], str(tmp_path / "out"), workers=0, event="example")
    arts = read(tmp_path / "out", "articles")
    assert sorted(arts["id"]) == ["01-cpa-wire", "03-meridian-dovish"]  # README skipped
    errors = read(tmp_path / "out", "errors")
    assert list(errors["id"]) == ["empty"] and res.errors == 1


def test_aggregate_and_compare_with_aggregates(first_run, seed_article):
    _, out, _ = first_run
    summary = batch.aggregate(str(out))
    assert summary["articles"] == N_RECORDS
    agg = pd.read_parquet(out / "_aggregates" / "measures.parquet")
    arts = read(out, "articles")
    entering = arts[(arts["word_count"] >= MIN_WORDS) & (arts["text_kind"].fillna("") != "headline_and_summary")]
    row = agg[(agg["outlet"] == ALL) & (agg["measure"] == "quoted_share")].iloc[0]
    assert row["n"] == len(entering) and row["median"] == pytest.approx(entering["quoted_share"].median())
    assert row["iqr"] == pytest.approx(entering["quoted_share"].quantile(0.75) - entering["quoted_share"].quantile(0.25))
    terms = pd.read_parquet(out / "_aggregates" / "terms.parquet")
    pooled = terms[terms["outlet"] == ALL].set_index("term")["count"]
    assert pooled["iran"] == read(out, "terms").query("term == 'iran'")["count"].sum() > 0
    target = framing.analyze(seed_article, event_actors=batch.event_actors(EVENT))
    cmp = batch.compare_with_aggregates(target, str(out), EVENT)
    q = cmp.measures["quoted_share"]
    vals = entering["quoted_share"].tolist()
    t = q.target
    assert q.peers.n == len(vals)
    assert q.percentile == pytest.approx(100 * (sum(v < t for v in vals) + 0.5 * sum(v == t for v in vals)) / len(vals))
    assert len(cmp.peers) == N_RECORDS and cmp.sources.by_outlet == () and cmp.claims.uncorroborated == ()
    assert cmp.distinctive_terms.n_tokens_peers == int(pooled.sum())
    assert any(r["cells"].get("target") for r in cmp.stance_matrix.rows)
    assert json.loads(json.dumps(cmp.to_dict()))["measures"]["quoted_share"]["peers"]["n"] == len(vals)


def test_compare_against_10000_peers_is_fast(first_run, seed_article, tmp_path):
    """10,000 peers (the run's rows repeated under new ids and 50 outlets) compared in well under 30 s."""
    _, out, _ = first_run
    big = tmp_path / "big"
    big.mkdir()
    shutil.copy(out / "_manifest.json", big / "_manifest.json")
    arts = read(out, "articles").drop(columns=["event", "shard"])
    reps = -(-10_000 // len(arts))
    many = pd.concat([arts.assign(id=arts["id"] + f"-{i}", sha256=arts["sha256"].str[:-6] + f"{i:06d}", outlet=f"Outlet {i % 50}")
                      for i in range(reps)]).head(10_000)
    (big / "articles" / f"event={EVENT}" / "shard=s").mkdir(parents=True)
    many.to_parquet(big / "articles" / f"event={EVENT}" / "shard=s" / "part-00000.parquet", index=False)
    shutil.copytree(out / "_aggregates", big / "_aggregates")
    target = framing.analyze(seed_article, event_actors=batch.event_actors(EVENT))
    t0 = time.perf_counter()
    cmp = batch.compare_with_aggregates(target, str(big), EVENT)
    seconds = time.perf_counter() - t0
    entering = many[(many["word_count"] >= MIN_WORDS) & (many["text_kind"].fillna("") != "headline_and_summary")]
    assert len(cmp.peers) == 10_000 and cmp.measures["quoted_share"].peers.n == entering["quoted_share"].notna().sum() > 1_000
    assert seconds < 30, seconds


def test_killing_a_worker_mid_run_loses_and_duplicates_nothing(cluster, first_run, records, tmp_path):
    n = 6
    src = tmp_path / "eight.jsonl"
    src.write_text("\n".join(records[:n]) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    markers = out / "_partitions"
    killed: dict[str, int] = {}

    def kill_one_worker_after_the_first_partition() -> None:
        deadline = time.time() + 300
        while time.time() < deadline:
            done = len(list(markers.rglob("*.json"))) if markers.exists() else 0
            if done:
                pid = next(iter(cluster.run(os.getpid).values()))
                os.kill(pid, signal.SIGKILL)
                killed.update(pid=pid, done=done)
                return
            time.sleep(0.05)

    killer = threading.Thread(target=kill_one_worker_after_the_first_partition, daemon=True)
    killer.start()
    res = batch.analyze([str(src)], str(out), cluster, event=EVENT, partition_size=1)
    killer.join(timeout=5)
    assert killed and killed["done"] < n, killed  # killed mid-run, with partitions still to do
    assert res.failed == () and res.computed == n and res.articles == n
    arts = read(out, "articles")
    ids = sorted(json.loads(r)["id"] for r in records[:n])
    assert sorted(arts["id"]) == ids  # no article lost, none twice
    _, first_out, _ = first_run
    for table in ("findings", "actors", "terms"):  # the same rows per article as the undisturbed run
        got = read(out, table)["article_id"].value_counts().sort_index()
        want = read(first_out, table).query("article_id in @ids")["article_id"].value_counts().sort_index()
        assert got.to_dict() == want.to_dict(), table
    assert len(list(markers.rglob("*.json"))) == n


def test_cli_batch_aggregate_and_compare_peers_from(records, tmp_path, capsys):
    """The faces: exit 3 with a line when a record failed, JSON summary, a rerun skips, aggregate, compare --peers-from."""
    src = tmp_path / "three.jsonl"
    src.write_text("\n".join(records[:3] + ["[1, 2]"]) + "\n", encoding="utf-8")
    seed = shared_path("seed", "soleimani-cgpi.txt")
    code, stdout, stderr = run_cli(["batch", str(src), "--out", str(tmp_path / "ds"), "--workers", "0", "--event", EVENT,
                                    "--partition-size", "20", "--json"], capsys)
    assert code == 3 and json.loads(stdout)["articles"] == 3 and "1 record(s) went to the errors table" in stderr
    code, stdout, _ = run_cli(["batch", str(src), "--out", str(tmp_path / "ds"), "--workers", "0", "--event", EVENT,
                               "--partition-size", "20", "--json"], capsys)
    assert code == 0 and json.loads(stdout)["skipped"] == 1
    code, stdout, _ = run_cli(["batch", "aggregate", str(tmp_path / "ds"), "--json"], capsys)
    assert code == 0 and json.loads(stdout)["articles"] == 3
    code, stdout, stderr = run_cli(["compare", str(seed), "--peers-from", str(tmp_path / "ds"), "--event", EVENT, "--json"], capsys)
    assert code == 0, stderr
    cmp = json.loads(stdout)["comparison"]
    assert len(cmp["peers"]) == 3 and cmp["measures"]["quoted_share"]["target"] is not None
    code, _, stderr = run_cli(["compare", str(seed), "--peers-from", str(tmp_path / "ds")], capsys)
    assert code == 2 and "--event" in stderr and len(stderr.strip().splitlines()) == 1
    code, _, stderr = run_cli(["batch", str(tmp_path / "missing.jsonl"), "--out", str(tmp_path / "x")], capsys)
    assert code == 2 and "no such file" in stderr
