"""Time and peak memory of ``framing.comparison.compare`` with 100, 1,000 and 10,000 peers.

Usage::

    PYTHONPATH=$PWD nice -n 10 .venv/bin/python benchmarks/compare_scale.py --db STORE [--sizes 100 1000 10000] [--json]
    PYTHONPATH=$PWD .venv/bin/python benchmarks/compare_scale.py --db STORE --digests [--write]

``--digests`` compares the seed with the 80 corpus analyses and checks each part of
the Comparison JSON against ``tests/golden/comparison_digests.json`` (the speed work
must leave the output identical; ``--write`` records a deliberate change).

How the peers are built: the 80 analyses of ``../shared/corpora/soleimani-2020``
(from a corpus store, ``--db``; computed there when missing) are reused in turn.
Copy ``k`` of an analysis gets its own outlet ("<outlet> #k"), record id and
lean (cycled), and one extra closing sentence naming the copy ("Copy k of this
report."), so no two peers share a text, an outlet or an id and nothing can be
served from a per-text cache; the sections are the original ones (their spans
stay valid: the sentence is appended after the body). The seed is the target; it is analysed
once, in the parent process, and handed to each run as JSON, so no run loads spaCy
(``compare`` never parses).
Each size runs in a fresh subprocess so peak memory (``ru_maxrss``, the whole
process: Python, the libraries, the store's analyses and the peers as well as
``compare``) is that run's alone; the times are the wall clock and the CPU time
(``time.process_time``) of ``compare`` only (building the peers and loading the
store are outside it). The load average (1 min) before and after each run is
printed beside it: on a shared machine the wall clock grows with the load, the CPU
time much less. Growth: the ratio of CPU times between sizes against n log n.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import itertools
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpora" / "soleimani-2020" / "articles.jsonl"
SEED = SHARED / "seed" / "soleimani-cgpi.txt"
EVENT = "soleimani-2020"
LEANS = ("left", "center", "right")
DIGESTS = ROOT / "tests" / "golden" / "comparison_digests.json"


def comparison_digests(d: dict) -> dict[str, str]:
    """sha256 (first 16 hex) of each top-level part of a Comparison JSON ``d``, sorted keys.

    Left out: ``framing_version`` and the target's embedded ``analysis`` (pinned on its own by
    tests/golden/analysis_digests.json; its provenance carries a timestamp). One digest per part, so a
    deliberate change to one family (e.g. ``claims``) shows as that part alone.
    """
    out = {}
    for k, v in d.items():
        if k == "framing_version":
            continue
        if k == "target":
            v = {a: b for a, b in v.items() if a != "analysis"}
        out[k] = hashlib.sha256(json.dumps(v, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]
    return out


def _digests(db: Path, write: bool) -> int:
    """Compare the seed with the 80 corpus analyses of ``db`` and check (or ``write``) the pinned part digests."""
    from framing.comparison import compare  # lazy: keeps --help light
    from framing.corpus import Store
    from framing.ingest import load_path
    from framing.pipeline import analyze

    with Store(db) as store:
        if not store.has_event(EVENT):
            store.import_jsonl(CORPUS, EVENT)
        peers = store.analyses(EVENT)
    got = comparison_digests(compare(analyze(load_path(SEED)), peers).to_dict())
    if write:
        DIGESTS.write_text(json.dumps(got, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {DIGESTS}")
        return 0
    want = json.loads(DIGESTS.read_text(encoding="utf-8"))
    differ = sorted(k for k in set(want) | set(got) if want.get(k) != got.get(k))
    print("identical" if not differ else f"parts that differ: {', '.join(differ)}")
    return 1 if differ else 0


def _peers(base: list, n: int) -> list:
    from framing.schema import Analysis  # lazy: imported in the measuring subprocess

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


def one(db: Path, n: int, target_json: Path) -> dict:
    """Compare the seed (its analysis read from ``target_json``) with ``n`` peers; time and peak memory of this process."""
    from framing.comparison import compare  # lazy: imported in the measuring subprocess
    from framing.corpus import Store
    from framing.schema import Analysis

    with Store(db) as store:
        base = store.analyses(EVENT)
    target = Analysis.from_dict(json.loads(target_json.read_text(encoding="utf-8")))
    peers = _peers(base, n)
    del base
    load0 = os.getloadavg()[0]
    t0, c0 = time.perf_counter(), time.process_time()
    c = compare(target, peers)
    secs, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"peers": n, "kept": len(c.peers), "seconds": round(secs, 2), "cpu_seconds": round(cpu, 2), "peak_mb": round(peak_mb, 1),
            "load": [round(load0, 2), round(os.getloadavg()[0], 2)],
            "contradicted": len(c.claims.contradicted), "uncorroborated": len(c.claims.uncorroborated), "omitted": len(c.claims.omitted)}


def _target_json(db: Path, out: Path) -> None:
    """Analyse the seed (and import the corpus into the store when missing) in this process; write the seed's analysis JSON."""
    from framing.corpus import Store  # lazy: keeps --help light
    from framing.ingest import load_path
    from framing.pipeline import analyze

    with Store(db) as store:
        if not store.has_event(EVENT):
            store.import_jsonl(CORPUS, EVENT)
        store.analyses(EVENT)  # computed and cached here when missing, so the runs only read them
    out.write_text(json.dumps(analyze(load_path(SEED)).to_dict()), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", type=Path, required=True, help="corpus store holding (or to hold) the event's analyses")
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    ap.add_argument("--one", type=int, default=None, help=argparse.SUPPRESS)
    ap.add_argument("--target", type=Path, default=None, help=argparse.SUPPRESS)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--digests", action="store_true", help="check the seed-vs-corpus Comparison against tests/golden/comparison_digests.json")
    ap.add_argument("--write", action="store_true", help="with --digests: record the digests (a deliberate change; say why in the commit)")
    a = ap.parse_args()
    if a.digests:
        raise SystemExit(_digests(a.db, a.write))
    if a.one is not None:
        print(json.dumps(one(a.db, a.one, a.target)))
        return
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "seed.json"
        _target_json(a.db, target)
        for n in a.sizes:
            res = subprocess.run([sys.executable, __file__, "--db", str(a.db), "--one", str(n), "--target", str(target)],
                                 capture_output=True, text=True, check=True)
            rows.append(json.loads(res.stdout.strip().splitlines()[-1]))
    for prev, cur in itertools.pairwise(rows):
        nlogn = (cur["peers"] * math.log(cur["peers"])) / (prev["peers"] * math.log(prev["peers"]))
        cur["time_ratio"] = round(cur["seconds"] / max(prev["seconds"], 1e-9), 2)
        cur["cpu_ratio"] = round(cur["cpu_seconds"] / max(prev["cpu_seconds"], 1e-9), 2)
        cur["nlogn_ratio"] = round(nlogn, 2)
    if a.json:
        print(json.dumps(rows, indent=1))
        return
    for r in rows:
        extra = f"  CPU x{r['cpu_ratio']} (n log n: x{r['nlogn_ratio']})" if "cpu_ratio" in r else ""
        print(f"{r['peers']:6} peers: {r['seconds']:7.2f} s wall, {r['cpu_seconds']:7.2f} s CPU, peak {r['peak_mb']:7.1f} MB, "
              f"load {r['load'][0]:.1f}->{r['load'][1]:.1f}{extra}")


if __name__ == "__main__":
    main()
