"""Benchmark the corpus store on the 80-article comparison corpus in ../shared.

Measures, in one run:

* import: ``framing corpus import`` of articles.jsonl into a fresh store (seconds);
* bare parse: spaCy ``nlp.pipe`` over the same texts in this process (the reference);
* analysis with 1 worker and with 2 workers (fresh stores each; seconds, articles/s,
  ratio to the bare parse, speed-up from the second core);
* the repeated run served from the cache (``analyze_event`` again: nothing computed),
  and loading every cached Analysis back (``Store.analyses``);
* peak memory (``resource.getrusage``): this process, and the largest worker process.

Usage::

    .venv/bin/python benchmarks/corpus.py [--data ../shared/corpora/soleimani-2020/articles.jsonl] [--limit N] [--json]

Wall-clock figures depend on the machine and on its load; compare the ratios.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from framing.corpus import Store
from framing.nlp import get_nlp

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "corpora" / "soleimani-2020" / "articles.jsonl"


def _mb(kb: int) -> float:
    return round(kb / 1024, 1)  # ru_maxrss is in kilobytes on Linux


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--event", default="soleimani-2020")
    ap.add_argument("--limit", type=int, default=0, help="use only the first N records (0 = all)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    if not args.data.exists():
        sys.exit(f"{args.data} not found: this benchmark needs ../shared (pass --data)")


    tmp = Path(tempfile.mkdtemp(prefix="framing-bench-"))
    data = args.data
    if args.limit:
        data = tmp / "subset.jsonl"
        data.write_text("".join(args.data.read_text(encoding="utf-8").splitlines(True)[: args.limit]), encoding="utf-8")
    out: dict = {"data": str(args.data), "limit": args.limit or None}
    try:
        # -- import
        db0 = tmp / "imported.sqlite"
        t = time.perf_counter()
        with Store(db0) as st:
            res = st.import_jsonl(data, args.event)
            arts = st.articles(args.event)
        out["import"] = {"articles": res.added, "seconds": round(time.perf_counter() - t, 3)}
        words = sum(a.word_count for a in arts)
        out["words"] = words

        # -- bare parse reference (model load excluded)

        nlp = get_nlp()
        nlp("warm up")
        t = time.perf_counter()
        for _ in nlp.pipe((a.text for a in arts), batch_size=16):
            pass
        bare = time.perf_counter() - t
        out["bare_parse"] = {"seconds": round(bare, 3), "words_per_second": round(words / bare)}

        # -- analysis, 1 worker then 2 workers, each on a fresh copy of the imported store
        for workers in (1, 2):
            db = tmp / f"w{workers}.sqlite"
            shutil.copy(db0, db)
            with Store(db) as st:
                t = time.perf_counter()
                r = st.analyze_event(args.event, workers=workers)
                sec = time.perf_counter() - t
            out[f"analyze_{workers}"] = {
                "computed": r.computed,
                "failed": len(r.failed),
                "seconds": round(sec, 3),
                "articles_per_second": round(r.computed / sec, 2),
                "ratio_to_bare_parse": round(sec / bare, 2),
            }
        out["speedup_second_core"] = round(out["analyze_1"]["seconds"] / out["analyze_2"]["seconds"], 2)

        # -- repeated run: served from the cache
        with Store(tmp / "w2.sqlite") as st:
            st._version = None
            t = time.perf_counter()
            r = st.analyze_event(args.event, workers=2)
            again = time.perf_counter() - t
            t = time.perf_counter()
            loaded = st.analyses(args.event, compute_missing=False)
            load_all = time.perf_counter() - t
        out["cached_run"] = {"computed": r.computed, "cached": r.cached, "seconds": round(again, 3)}
        out["load_cached_analyses"] = {"analyses": len(loaded), "seconds": round(load_all, 3)}
        out["peak_memory_mb"] = {
            "this_process": _mb(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss),
            "largest_worker": _mb(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss),
        }
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    if args.json:
        print(json.dumps(out, indent=2))
    else:
        a1, a2 = out["analyze_1"], out["analyze_2"]
        print(f"corpus: {out['import']['articles']} articles, {words:,} words ({args.data})")
        print(f"import:              {out['import']['seconds']:.2f} s")
        print(f"bare spaCy parse:    {bare:.2f} s ({out['bare_parse']['words_per_second']:,} words/s)")
        print(f"analyze, 1 worker:   {a1['seconds']:.1f} s  ({a1['articles_per_second']} articles/s, {a1['ratio_to_bare_parse']}x bare parse)")
        print(f"analyze, 2 workers:  {a2['seconds']:.1f} s  ({a2['articles_per_second']} articles/s, {a2['ratio_to_bare_parse']}x bare parse)")
        print(f"speed-up from the second core: {out['speedup_second_core']}x")
        print(f"repeated run (cache): {out['cached_run']['seconds']:.3f} s, computed {out['cached_run']['computed']}, cached {out['cached_run']['cached']}")
        print(f"load all cached analyses: {out['load_cached_analyses']['seconds']:.2f} s")
        pm = out["peak_memory_mb"]
        print(f"peak memory: {pm['this_process']} MB (this process), {pm['largest_worker']} MB (largest worker)")
    return out


if __name__ == "__main__":
    main()
