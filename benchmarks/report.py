"""Benchmark: time to generate the seed-against-corpus report, with the analyses cached.

What it measures (wall-clock seconds, best of ``--repeat`` runs after one warm-up):

* ``load``      — reading the 80 cached analyses and the seed's from the corpus store;
* ``compare``   — ``framing.comparison.compare(seed, peers)``;
* ``model``     — building the report model (charts included) from the Comparison;
* ``html``      — rendering the self-contained HTML from the model;
* ``pdf``       — WeasyPrint printing that HTML to PDF;
* ``total``     — load + compare + model + html + pdf: what `framing compare ... --pdf --html` costs
  once the corpus is analyzed. The aim is <= 10 s.

Also reported: the PDF's pages and bytes, the HTML's bytes, and the bare spaCy parse of the
seed measured in the same run (the reference the other benchmarks use), so machines of
different speed can be compared by ratio.

The first run imports ``../shared/corpora/soleimani-2020/articles.jsonl`` into the store as
event ``soleimani-2020`` and analyzes it (two workers; a minute or two); later runs find the
analyses cached. Results are written to ``benchmarks/results/report.json`` (``--no-save`` to skip).

    python benchmarks/report.py                       # store in a temp folder kept between runs
    python benchmarks/report.py --db /tmp/corpus.sqlite --repeat 3 --json
    python benchmarks/report.py --out reports/        # also keep the HTML, PDF and comparison JSON
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from framing.comparison import compare
from framing.corpus import Store
from framing.ingest import load_path
from framing.nlp import get_nlp
from framing.pipeline import Analysis
from framing.report import build as build_report
from framing.report.render.html import render_html
from framing.report.render.pdf import render_pdf

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FRAMING_SHARED", REPO.parent / "shared"))
EVENT = "soleimani-2020"


def _timed(fn, *a, **kw):
    t0 = time.perf_counter()
    out = fn(*a, **kw)
    return out, time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "framing-bench" / "corpus.sqlite")
    ap.add_argument("--repeat", type=int, default=2, help="timed runs after the warm-up (best is reported)")
    ap.add_argument("--out", type=Path, default=None, help="folder to keep the HTML and PDF in")
    ap.add_argument("--paper", default="A4")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--no-save", action="store_true", help="do not write benchmarks/results/report.json")
    ap.add_argument("--cached-only", action="store_true",
                    help="do not analyze missing articles first; use the latest cached analysis of each article, whatever "
                         "analyzer version made it (report timing does not depend on it)")
    args = ap.parse_args(argv)

    corpus_file = SHARED / "corpora" / EVENT / "articles.jsonl"
    seed_file = SHARED / "seed" / "soleimani-cgpi.txt"
    if not corpus_file.exists() or not seed_file.exists():
        print(f"benchmarks/report.py: {SHARED} is missing the corpus or the seed; set FRAMING_SHARED", file=sys.stderr)
        return 2


    args.db.parent.mkdir(parents=True, exist_ok=True)
    prep = {}
    with Store(args.db) as store:
        if not store.has_event(EVENT):
            _, prep["import_s"] = _timed(store.import_jsonl, corpus_file, EVENT)
        if not args.cached_only:
            _, prep["analyze_missing_s"] = _timed(store.analyze_event, EVENT, workers=2)
        seed = load_path(seed_file)
        _, prep["seed_analysis_s"] = _timed(store.get_or_analyze, seed, event=EVENT)

        def load_all():
            target = store.get_or_analyze(seed, event=EVENT)
            if not args.cached_only:
                return target, store.analyses(EVENT, compute_missing=False)


            con = sqlite3.connect(str(args.db))
            out = []
            for art in store.articles(EVENT):
                row = con.execute("SELECT analysis_json FROM analyses WHERE text_sha256=? ORDER BY created_at DESC LIMIT 1",
                                  (art.sha256,)).fetchone()
                if row:
                    d = json.loads(row[0])
                    out.append(Analysis(art, Analysis.from_dict(d).sections, d.get("provenance", {})))
            con.close()
            return target, out

        store_records = store.count("articles", EVENT)
        nlp = get_nlp()
        nlp(seed.text)  # warm
        _, bare_parse = _timed(nlp, seed.text)

        runs = []
        pdf_bytes = html = b""
        for i in range(args.repeat + 1):
            t = {}
            (target, peers), t["load"] = _timed(load_all)
            cmp, t["compare"] = _timed(compare, target, peers)
            rep, t["model"] = _timed(build_report, cmp)
            html, t["html"] = _timed(render_html, rep, paper=args.paper)
            pdf_bytes, t["pdf"] = _timed(render_pdf, html)
            t["total"] = sum(t.values())
            if i:  # the first run warms imports, fonts and caches
                runs.append(t)
        n_peers = len(cmp.to_dict().get("peers") or [])

    best = {k: min(r[k] for r in runs) for k in runs[0]}

    from pypdf import PdfReader  # lazy: optional (pypdf, a dev extra; only the PDF checks need it)

    pages = len(PdfReader(io.BytesIO(pdf_bytes)).pages)
    result = {
        "benchmark": "report",
        "what": "seed-against-corpus comparison report (HTML + PDF) with analyses cached",
        "n_articles": len(peers),
        "n_records": store_records,
        "n_peers_kept": n_peers,
        "seconds": {k: round(v, 3) for k, v in best.items()},
        "runs": [{k: round(v, 3) for k, v in r.items()} for r in runs],
        "aim_total_s": 10.0,
        "meets_aim": best["total"] <= 10.0,
        "bare_parse_seed_s": round(bare_parse, 4),
        "total_over_bare_parse": round(best["total"] / bare_parse, 1) if bare_parse else None,
        "pdf_pages": pages,
        "pdf_bytes": len(pdf_bytes),
        "html_bytes": len(html.encode("utf-8")),
        "paper": args.paper,
        "preparation": {k: round(v, 2) for k, v in prep.items()},
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "load_avg": list(os.getloadavg())},
        "command": "python benchmarks/report.py " + " ".join(argv if argv is not None else sys.argv[1:]),
    }
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "seed-vs-corpus.json").write_text(json.dumps({"comparison": cmp.to_dict()}, ensure_ascii=False), encoding="utf-8")
        (args.out / "seed-vs-corpus.html").write_text(html, encoding="utf-8")
        (args.out / "seed-vs-corpus.pdf").write_bytes(pdf_bytes)
    if not args.no_save:
        out = REPO / "benchmarks" / "results"
        out.mkdir(parents=True, exist_ok=True)
        (out / "report.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        s = result["seconds"]
        print(f"seed vs {result['n_articles']} corpus articles ({n_peers} kept), analyses cached, best of {len(runs)}:")
        for k in ("load", "compare", "model", "html", "pdf", "total"):
            print(f"  {k:8s} {s[k]:7.2f} s")
        print(f"  aim <= 10 s: {'met' if result['meets_aim'] else 'NOT met'}; PDF {pages} pages, {len(pdf_bytes) / 1e6:.1f} MB; "
              f"bare parse of the seed {bare_parse:.3f} s (total = {result['total_over_bare_parse']}x)")
        print(f"  load average {result['machine']['load_avg'][0]:.1f} on {result['machine']['cpus']} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
