"""Benchmark framing batch (issue 20): throughput with 1 and 2 Dask workers, start-up, memory, aggregates, compare.

Input: the shared corpus's articles repeated ``--copies`` times (default 3: 240 articles), each copy's title
suffixed " (copy k)" so every text is distinct (no parse-cache hits across copies). In ONE run, for 1 and for 2
worker processes (a fresh LocalCluster each, 127.0.0.1):

* start-up: seconds from starting the cluster to the workers registered, to their models loaded (spaCy, lexicons,
  models: once per worker process), and to the first finished partition (the time to the first result);
* throughput: articles/s and words/s of ``framing.batch.analyze`` once the workers have loaded (wall clock);
* CPU-seconds per 1,000 articles (user + system time of the workers during the run) and the peak RSS of each
  worker (``ru_maxrss``);
* the speed-up of 2 workers over 1 (throughput ratio; the issue's target is >= 1.7 on a 2-core machine).

Then, on the 2-worker output repeated to ``--peers`` articles (default 10,000; rows copied under new ids and 50
outlets): ``framing.batch.aggregate`` (dask.dataframe, threads) and ``compare_with_aggregates`` of the seed
article (seconds; the issue's target for compare is < 30 s).

Usage::

    .venv/bin/python benchmarks/batch.py [--copies 3] [--partition-size 20] [--peers 10000] [--json]

Wall-clock figures depend on the machine and its load (other processes share the cores: the speed-up is only
meaningful when the machine is otherwise idle); the CPU-seconds per article are less sensitive to load.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

import framing
from framing import batch, engine

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEFAULT_DATA = SHARED / "corpora" / "soleimani-2020" / "articles.jsonl"
EVENT = "soleimani-2020"


def _usage() -> dict[str, float]:
    """This process's CPU seconds and peak RSS (MB) so far (run on each worker)."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return {"cpu": r.ru_utime + r.ru_stime, "rss_mb": r.ru_maxrss / 1024, "pid": os.getpid()}


def make_input(data: Path, copies: int, folder: Path) -> Path:
    lines = [json.loads(x) for x in data.read_text(encoding="utf-8").splitlines() if x.strip()]
    out = folder / f"corpus-x{copies}.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        for k in range(copies):
            for rec in lines:
                rec = dict(rec, id=f"{rec['id']}-c{k}", title=f"{rec.get('title') or ''} (copy {k})")
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return out


def run_workers(n: int, src: Path, folder: Path, partition_size: int) -> dict:
    t0 = time.perf_counter()
    with engine.local_client(n) as client:
        client.wait_for_workers(n, timeout=300)
        registered = time.perf_counter() - t0
        client.run(engine.warm_up)  # waits for each worker's models (loaded once, in its preload thread)
        ready = time.perf_counter() - t0
        before = client.run(_usage)
        t1 = time.perf_counter()
        res = batch.analyze([str(src)], str(folder / f"out-{n}"), client, event=EVENT, partition_size=partition_size)
        seconds = time.perf_counter() - t1
        after = client.run(_usage)
    cpu = sum(after[w]["cpu"] - before[w]["cpu"] for w in after if w in before)
    size = sum(f.stat().st_size for f in (folder / f"out-{n}").rglob("*.parquet"))
    return {
        "workers": n, "articles": res.articles, "errors": res.errors, "words": res.words, "partitions": res.partitions,
        "seconds": round(seconds, 2), "articles_per_s": round(res.articles / seconds, 3), "words_per_s": round(res.words / seconds, 1),
        "startup_s": round(registered, 2), "models_loaded_s": round(ready, 2), "first_result_s": round(ready + (res.first_result_s or 0), 2),
        "cpu_s_per_1000_articles": round(1000 * cpu / max(res.articles, 1), 1),
        "worker_peak_rss_mb": sorted(round(u["rss_mb"], 1) for u in after.values()),
        "failed": len(res.failed), "dataset_mb_per_1000_articles": round(size / 1e6 * 1000 / max(res.articles, 1), 1),
    }


def peers_dataset(out: Path, big: Path, n_peers: int) -> None:
    """The run's tables repeated under new ids and 50 outlets to ``n_peers`` articles (for aggregate and compare)."""
    big.mkdir()
    shutil.copy(out / "_manifest.json", big / "_manifest.json")
    arts = pd.read_parquet(out / "articles").drop(columns=["event", "shard"])
    reps = -(-n_peers // len(arts))
    for table in ("articles", "actors", "terms", "naming"):
        df = pd.read_parquet(out / table).drop(columns=["event", "shard"])
        key = "id" if table == "articles" else "article_id"
        for i in range(reps):
            part = df.assign(**{key: df[key] + f"-p{i}", "outlet": f"Outlet {i % 50}"})
            if table == "articles":
                part = part.assign(sha256=part["sha256"].str[:-6] + f"{i:06d}")
            folder = big / table / f"event={EVENT}" / f"shard=p{i // 10:04d}"
            folder.mkdir(parents=True, exist_ok=True)
            if table == "articles" and (i + 1) * len(arts) > n_peers:
                part = part.head(n_peers - i * len(arts))
            part.to_parquet(folder / f"part-{i:05d}.parquet", index=False)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--copies", type=int, default=3)
    ap.add_argument("--partition-size", type=int, default=20)
    ap.add_argument("--peers", type=int, default=10_000)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if not args.data.exists():
        print(f"{args.data} not found: the benchmark needs ../shared", file=sys.stderr)
        return 2
    tmp = Path(tempfile.mkdtemp(prefix="framing-batch-bench-"))
    try:
        src = make_input(args.data, args.copies, tmp)
        runs = [run_workers(n, src, tmp, args.partition_size) for n in (1, 2)]
        speedup = runs[1]["articles_per_s"] / runs[0]["articles_per_s"]
        big = tmp / "peers"
        peers_dataset(tmp / "out-2", big, args.peers)
        t0 = time.perf_counter()
        agg = batch.aggregate(str(big))
        agg_s = time.perf_counter() - t0
        seed = framing.load_path(SHARED / "seed" / "soleimani-cgpi.txt")
        target = framing.analyze(seed, event_actors=batch.event_actors(EVENT))
        t0 = time.perf_counter()
        cmp = batch.compare_with_aggregates(target, str(big), EVENT)
        cmp_s = time.perf_counter() - t0
        result = {
            "input": f"{args.data.name} x {args.copies}", "partition_size": args.partition_size, "runs": runs,
            "speedup_2_over_1": round(speedup, 2), "cpu_count": os.cpu_count(), "load_avg_1min": round(os.getloadavg()[0], 2),
            "aggregate": {"peers": args.peers, "seconds": round(agg_s, 2), "terms_rows": agg["terms"]},
            "compare_with_aggregates": {"peers": len(cmp.peers), "seconds": round(cmp_s, 2)},
        }
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    print(f"input {result['input']}, partitions of {args.partition_size}; load average {result['load_avg_1min']} on {os.cpu_count()} cores")
    for r in runs:
        print(f"{r['workers']} worker(s): {r['articles']} articles in {r['seconds']} s = {r['articles_per_s']} articles/s, "
              f"{r['words_per_s']} words/s; workers up {r['startup_s']} s, models loaded {r['models_loaded_s']} s, first result {r['first_result_s']} s; "
              f"{r['cpu_s_per_1000_articles']} CPU-s per 1,000 articles; worker peak RSS {r['worker_peak_rss_mb']} MB; "
              f"{r['dataset_mb_per_1000_articles']} MB of Parquet per 1,000 articles")
    print(f"speed-up 2 workers / 1: {result['speedup_2_over_1']}x")
    print(f"aggregate of {args.peers} peers: {result['aggregate']['seconds']} s; "
          f"compare against them: {result['compare_with_aggregates']['seconds']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
