"""Cold start: ``framing score FILE`` in a fresh process against a fresh process that only parses the same text.

Each round starts two new Python processes, in alternating order:

* **score** — ``python -m framing score FILE`` (what a user types: imports, the spaCy pipeline, the lexicons and the
  shipped models, the analysis and the terminal view);
* **bare** — ``python -c`` that imports spaCy, loads the same pipeline framing loads and parses the same text.

The medians of ``--rounds`` (default 5) wall-clock times and of the processes' CPU times (user + system, from
``resource.getrusage(RUSAGE_CHILDREN)``) are reported with their ratio ``score / bare``. On a busy shared machine the
CPU ratio is the steadier figure; the issue's target (21) is a wall-clock ratio of at most 1.4.

    python benchmarks/cold_start.py [--rounds 5] [--file PATH] [--baseline OTHER_CHECKOUT] [--json]

``--baseline`` also times ``score`` from another checkout of framing (e.g. the main branch before a change), in the
same rounds, so a before/after comparison is not disturbed by a change in the machine's load. Each process runs
in its checkout's folder. The 1-minute load average before and after is printed: on a machine shared with other
work, compare ratios from the same run only.

The default text is the first article of the bundled example corpus (no ../shared needed).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

BARE = (
    "import sys, spacy\n"
    "from framing.nlp.parse import MODEL_NAMES\n"
    "for name in MODEL_NAMES:\n"
    "    try:\n"
    "        nlp = spacy.load(name); break\n"
    "    except OSError: pass\n"
    "text = open(sys.argv[1], encoding='utf-8').read()\n"
    "nlp(text)\n"
)


def _default_file() -> Path:
    files = sorted((REPO / "corpora" / "example").rglob("*.txt"))
    if not files:
        raise SystemExit("no .txt article under corpora/example; pass --file PATH")
    return files[0]


def _run(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one child process, run in the checkout its ``PYTHONPATH`` names (``python -m``
    puts the working folder first on ``sys.path``: run elsewhere, it would import that folder's framing); exits
    when it fails."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    cwd = env["PYTHONPATH"].split(os.pathsep)[0]
    proc = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(argv[:4])} failed ({proc.returncode}): {proc.stderr.strip()[-300:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def _env(repo: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(repo) + os.pathsep + os.environ.get("PYTHONPATH", ""),
            "PYTHONDONTWRITEBYTECODE": "0", "COLUMNS": "100"}


def measure(path: Path, rounds: int, baseline: Path | None = None) -> dict:
    score = [sys.executable, "-m", "framing", "score", str(path)]
    bare = [sys.executable, "-c", BARE, str(path)]
    runs = [("score", score, _env(REPO)), ("bare", bare, _env(REPO))]
    if baseline is not None:
        runs.append(("baseline_score", score, _env(baseline)))
    load_before = os.getloadavg()[0]
    for _name, argv, env in runs:  # one warm-up of each: .pyc files written, the OS file cache filled for all alike
        _run(argv, env)
    times: dict[str, list[tuple[float, float]]] = {name: [] for name, _a, _e in runs}
    for i in range(rounds):
        for name, argv, env in (runs if i % 2 == 0 else runs[::-1]):
            times[name].append(_run(argv, env))
    med = {name: {"wall_s": round(statistics.median(w for w, _ in ts), 3),
                  "cpu_s": round(statistics.median(c for _, c in ts), 3)} for name, ts in times.items()}
    out = {
        "file": str(path.relative_to(REPO) if path.is_relative_to(REPO) else path),
        "rounds": rounds,
        "score": med["score"],
        "bare": med["bare"],
        "ratio_wall": round(med["score"]["wall_s"] / med["bare"]["wall_s"], 2),
        "ratio_cpu": round(med["score"]["cpu_s"] / med["bare"]["cpu_s"], 2),
        "target_ratio": 1.4,
        "load_average_1min": [round(load_before, 2), round(os.getloadavg()[0], 2)],  # before, after: a shared machine
    }
    if baseline is not None:
        out["baseline"] = {"checkout": str(baseline), **med["baseline_score"],
                           "ratio_wall": round(med["baseline_score"]["wall_s"] / med["bare"]["wall_s"], 2),
                           "ratio_cpu": round(med["baseline_score"]["cpu_s"] / med["bare"]["cpu_s"], 2)}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--file", type=Path, default=None)
    ap.add_argument("--baseline", type=Path, default=None, help="another framing checkout to time beside this one")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    res = measure((args.file or _default_file()).resolve(), args.rounds, args.baseline)
    if args.json:
        print(json.dumps(res, indent=2))
    else:
        print(f"{res['file']}: median of {res['rounds']} cold runs")
        for name in ("score", "bare"):
            print(f"  {name:6s} {res[name]['wall_s']:6.2f} s wall  {res[name]['cpu_s']:6.2f} s CPU")
        print(f"  score / bare: {res['ratio_wall']:.2f}x wall, {res['ratio_cpu']:.2f}x CPU (target <= {res['target_ratio']})")
        print(f"  load average (1 min) before, after: {res['load_average_1min'][0]:.2f}, {res['load_average_1min'][1]:.2f}")
        if "baseline" in res:
            b = res["baseline"]
            print(f"  baseline {b['checkout']}: {b['wall_s']:.2f} s wall, {b['cpu_s']:.2f} s CPU; "
                  f"{b['ratio_wall']:.2f}x wall, {b['ratio_cpu']:.2f}x CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
