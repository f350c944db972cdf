"""Benchmark: how much attribution analysis adds to the bare spaCy parse.

Over the corpus articles in ../shared/corpora/soleimani-2020/articles.jsonl
(or the first ``--polnear N`` PolNeAR articles):

1. bare parse: ``nlp.pipe`` over the article texts (the pipeline framing uses);
2. attribution: ``framing.analyzers.attribution.analyze`` over the parsed articles (rules,
   the trained span model, quotes, speakers, unattributed claims, summary),
   after the one-off lexicon and model load, which is reported separately.

Both are timed in CPU seconds of this process (``time.process_time``), which a
busy shared machine disturbs less than wall-clock time; the fastest of
``--repeat`` passes is kept. Prints the ratio (2)/(1); the target is <= 0.20.

    .venv/bin/python benchmarks/attribution.py [--limit N] [--polnear N] [--repeat R] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from framing.analyzers import Context
from framing.analyzers.attribution import MODEL, analyze
from framing.analyzers.attribution.cues import lex_of
from framing.ingest import load_text
from framing.nlp import Parsed, find_quotes, get_nlp, paragraphs, sentences
from framing.resources import Lexicons, Models
from framing.schema import Article

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def _texts(args) -> list[str]:
    if args.polnear:
        path = SHARED / "datasets" / "polnear" / "dev.jsonl"
        rows = []
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                rows.append(json.loads(line)["text"])
                if len(rows) >= args.polnear:
                    break
        return rows

    path = SHARED / "corpora" / "soleimani-2020" / "articles.jsonl"
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        r = json.loads(line)
        try:
            out.append(load_text(r.get("text") or "", title=r.get("title") or None, check_language=False).text)
        except Exception as exc:  # too short etc.
            print(f"skipping {r.get('id')}: {exc}", file=sys.stderr)
    return out[: args.limit] if args.limit else out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="use the first N corpus articles")
    ap.add_argument("--polnear", type=int, default=0, help="use the first N PolNeAR articles instead of the corpus")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if not SHARED.is_dir():
        print(f"{SHARED} not found: the benchmark needs ../shared", file=sys.stderr)
        return 2


    texts = _texts(args)
    articles = [Article(text=t) for t in texts]
    nlp = get_nlp()
    nlp("warm up the pipeline.")
    t0 = time.process_time()
    lexicons, models = Lexicons(), Models()
    lex_of(lexicons)
    models[MODEL]
    t_warm = time.process_time() - t0

    best_parse = best_attr = float("inf")
    n_quotes = 0
    for _ in range(max(1, args.repeat)):
        t0 = time.process_time()
        docs = list(nlp.pipe((a.text for a in articles), batch_size=16))
        best_parse = min(best_parse, time.process_time() - t0)
        parsed = [Parsed(a, d, sentences(d), paragraphs(a.text), find_quotes(a.text)) for a, d in zip(articles, docs)]
        t0 = time.process_time()
        n_quotes = 0
        for p in parsed:
            n_quotes += len(analyze(Context(parsed=p, lexicons=lexicons, models=models, results={"actors": None})).quotes)
        best_attr = min(best_attr, time.process_time() - t0)
    out = {
        "articles": len(articles),
        "words": sum(len(t.split()) for t in texts),
        "attributions": n_quotes,
        "bare_parse_cpu_s": round(best_parse, 3),
        "attribution_cpu_s": round(best_attr, 3),
        "lexicon_and_model_load_cpu_s": round(t_warm, 3),
        "ratio": round(best_attr / best_parse, 4) if best_parse else None,
        "target": 0.20,
    }
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        print(f"{out['articles']} articles, {out['words']:,} words, {out['attributions']} attributions")
        print(f"bare nlp.pipe      {out['bare_parse_cpu_s']:8.3f} CPU s")
        print(f"attribution        {out['attribution_cpu_s']:8.3f} CPU s  (lexicon and model load {out['lexicon_and_model_load_cpu_s']:.3f} s once)")
        print(f"ratio              {out['ratio']:8.3f}  (target <= {out['target']:.2f})")
    return 0 if out["ratio"] is not None and out["ratio"] <= out["target"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
