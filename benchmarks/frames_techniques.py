"""Benchmark: how much the frames and techniques analyzers add to the bare spaCy parse.

Over the corpus articles in ../shared/corpora/soleimani-2020/articles.jsonl:

1. bare parse: ``nlp.pipe`` over the article texts (the same pipeline framing uses);
2. frames + techniques: ``framing.analyzers.frames.analyze`` and
   ``framing.analyzers.techniques.analyze`` over the parsed articles (the
   loaded-language section the techniques analyzer reads is computed beforehand,
   untimed: it is the loaded-language analyzer's cost, measured by its own benchmark),
   after a warm-up article so one-off loads (lexicons, model artifacts) are reported apart.

Both are timed ``--repeat`` times, alternating, and the fastest of each kept.
Prints both times and the ratio (2)/(1); the target is <= 0.25.

    .venv/bin/python benchmarks/frames_techniques.py [--limit N] [--repeat R] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from framing.analyzers import Context, frames, loaded_language, techniques
from framing.ingest import load_text
from framing.nlp import Parsed, find_quotes, get_nlp, paragraphs, sentences

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="use the first N articles")
    ap.add_argument("--repeat", type=int, default=3, help="time each side R times and keep the fastest (the machine is shared)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    path = SHARED / "corpora" / "soleimani-2020" / "articles.jsonl"
    if not path.is_file():
        print(f"{path} not found: the benchmark needs ../shared", file=sys.stderr)
        return 2
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    articles = []
    for r in rows:
        try:
            articles.append(load_text(r.get("text") or "", title=r.get("title") or None, check_language=False))
        except Exception as exc:  # too short etc.
            print(f"skipping {r.get('id')}: {exc}", file=sys.stderr)
    if args.limit:
        articles = articles[: args.limit]
    nlp = get_nlp()
    nlp("warm up the pipeline.")

    def run(p: Parsed, loaded) -> int:
        f = frames.analyze(Context(parsed=p))
        t = techniques.analyze(Context(parsed=p, results={"loaded_language": loaded}))
        return len(f.paragraphs) + len(t.spans)

    warm = Parsed(articles[0], nlp(articles[0].text), (), (), ())
    t0 = time.perf_counter()
    run(warm, loaded_language.analyze(Context(parsed=warm)))
    t_warm = time.perf_counter() - t0
    t_parse = t_ft = float("inf")
    n = 0
    for _ in range(max(1, args.repeat)):
        t0 = time.perf_counter()
        docs = list(nlp.pipe((a.text for a in articles), batch_size=16))
        t_parse = min(t_parse, time.perf_counter() - t0)
        parsed = [Parsed(a, d, sentences(d), paragraphs(a.text), find_quotes(a.text)) for a, d in zip(articles, docs)]
        loaded = [loaded_language.analyze(Context(parsed=p)) for p in parsed]
        t0 = time.perf_counter()
        n = sum(run(p, ll) for p, ll in zip(parsed, loaded))
        t_ft = min(t_ft, time.perf_counter() - t0)
    out = {"articles": len(articles), "words": sum(len(a.text.split()) for a in articles), "findings": n,
           "bare_parse_s": round(t_parse, 3), "frames_techniques_s": round(t_ft, 3), "warm_up_s": round(t_warm, 3),
           "repeat": args.repeat, "ratio": round(t_ft / t_parse, 4) if t_parse else None, "target": 0.25}
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        print(f"{out['articles']} articles, {out['words']:,} words")
        print(f"bare spaCy parse      {t_parse:8.2f} s")
        print(f"frames + techniques   {t_ft:8.2f} s  (+ one-off warm-up {t_warm:.2f} s)")
        print(f"ratio {out['ratio']:.3f} (target <= {out['target']:.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
