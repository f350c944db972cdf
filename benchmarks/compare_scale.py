"""Time and peak memory of ``framing.comparison.compare`` with 100, 1,000 and 10,000 peers.

Usage::

    PYTHONPATH=$PWD .venv/bin/python benchmarks/compare_scale.py --db STORE [--sizes 100 1000 10000] [--json]

How the peers are built: the 80 analyses of ``../shared/corpora/soleimani-2020``
(from a corpus store, ``--db``; computed there when missing) are reused in turn.
Copy ``k`` of an analysis gets its own outlet ("<outlet> #k"), record id and
lean (cycled), and one extra closing sentence naming the copy ("Copy k of this
report."), so no two peers share a text, an outlet or an id and nothing can be
served from a per-text cache; the sections are the original ones (their spans
stay valid: the sentence is appended after the body). The seed is the target.
Each size runs in a fresh subprocess so peak memory (``ru_maxrss``) is that run's
alone; the time is the wall clock of ``compare`` only (building the peers and
loading the store are outside it). Growth: the time ratio between sizes against
n log n.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import math
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpora" / "soleimani-2020" / "articles.jsonl"
SEED = SHARED / "seed" / "soleimani-cgpi.txt"
EVENT = "soleimani-2020"
LEANS = ("left", "center", "right")


def _peers(base: list, n: int) -> list:
    from framing.schema import Analysis  # lazy: keeps the parent process light

    out = []
    for k in range(n):
        a = base[k % len(base)]
        art = a.article
        copy = k // len(base)
        meta = dict(art.meta)
        meta.update({"record_id": f"{meta.get('record_id', 'x')}#{copy}", "lean": LEANS[(k + copy) % 3]})
        extra = f"\n\nCopy {copy} of this report."
        new = dataclasses.replace(art, text=art.text + extra, outlet=f"{art.outlet or 'Outlet'} #{copy}",
                                  meta=tuple(sorted(meta.items())))
        out.append(Analysis(new, a.sections, a.provenance))
    return out


def one(db: Path, n: int) -> dict:
    """Compare the seed with ``n`` peers; time and peak memory of this process."""
    from framing.comparison import compare  # lazy: imported in the measuring subprocess
    from framing.corpus import Store
    from framing.ingest import load_path
    from framing.pipeline import analyze

    with Store(db) as store:
        if not store.has_event(EVENT):
            store.import_jsonl(CORPUS, EVENT)
        base = store.analyses(EVENT)
    target = analyze(load_path(SEED))
    peers = _peers(base, n)
    del base
    t0 = time.perf_counter()
    c = compare(target, peers)
    secs = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"peers": n, "kept": len(c.peers), "seconds": round(secs, 2), "peak_mb": round(peak_mb, 1),
            "contradicted": len(c.claims.contradicted), "uncorroborated": len(c.claims.uncorroborated), "omitted": len(c.claims.omitted)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", type=Path, required=True, help="corpus store holding (or to hold) the event's analyses")
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    ap.add_argument("--one", type=int, default=None, help=argparse.SUPPRESS)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    if a.one is not None:
        print(json.dumps(one(a.db, a.one)))
        return
    rows = []
    for n in a.sizes:
        res = subprocess.run([sys.executable, __file__, "--db", str(a.db), "--one", str(n)], capture_output=True, text=True, check=True)
        rows.append(json.loads(res.stdout.strip().splitlines()[-1]))
    for prev, cur in itertools.pairwise(rows):
        nlogn = (cur["peers"] * math.log(cur["peers"])) / (prev["peers"] * math.log(prev["peers"]))
        cur["time_ratio"] = round(cur["seconds"] / max(prev["seconds"], 1e-9), 2)
        cur["nlogn_ratio"] = round(nlogn, 2)
    if a.json:
        print(json.dumps(rows, indent=1))
        return
    for r in rows:
        extra = f"  x{r['time_ratio']} (n log n: x{r['nlogn_ratio']})" if "time_ratio" in r else ""
        print(f"{r['peers']:6} peers: {r['seconds']:7.2f} s  peak {r['peak_mb']:7.1f} MB{extra}")


if __name__ == "__main__":
    main()
