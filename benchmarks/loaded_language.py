"""Benchmark: how much loaded-language scoring adds to the bare spaCy parse.

Over the corpus articles in ../shared/corpora/soleimani-2020/articles.jsonl:

1. bare parse: ``nlp.pipe`` over the article texts (the same pipeline framing uses);
2. loaded language: ``framing.analyzers.loaded_language.analyze`` over the parsed articles
   (a :class:`~framing.analyzers.Context` per article, no attribution result: quotation marks alone set the voice)
   (lexicon matching with the sense and negation checks, voice, rates, the learned span detector's proposals,
   VADER/TextBlob features, the classifier and its span-mapped explanations), after a warm-up article so one-off loads
   (lexicons, model artifact) are reported separately.

Both are timed ``--repeat`` times (default 3), alternating, and the fastest
of each is kept: the machine is shared, and the minimum is the least
disturbed measurement of each side.

Prints both times and the ratio (2)/(1); the target is <= 0.20.

    .venv/bin/python benchmarks/loaded_language.py [--limit N] [--repeat R] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from framing.analyzers import Context, loaded_language
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

    t0 = time.perf_counter()
    loaded_language.analyze(Context(parsed=Parsed(articles[0], nlp(articles[0].text), (), (), ())))  # warm-up: lexicons, matchers, model
    t_warm = time.perf_counter() - t0

    # parse and scoring alternate, so that a change in the machine's load hits both sides alike
    t_parse = t_loaded = float("inf")
    for _ in range(max(1, args.repeat)):
        t0 = time.perf_counter()
        docs = list(nlp.pipe((a.text for a in articles), batch_size=16))
        t_parse = min(t_parse, time.perf_counter() - t0)
        parsed = [Parsed(a, d, sentences(d), paragraphs(a.text), find_quotes(a.text)) for a, d in zip(articles, docs)]
        t0 = time.perf_counter()
        n_spans = n_sents = 0
        for p in parsed:
            r = loaded_language.analyze(Context(parsed=p))
            n_spans += len(r.spans)
            n_sents += len(r.sentences)
        t_loaded = min(t_loaded, time.perf_counter() - t0)
    words = sum(len(a.text.split()) for a in articles)
    out = {
        "articles": len(articles),
        "words": words,
        "sentences": n_sents,
        "spans": n_spans,
        "bare_parse_s": round(t_parse, 3),
        "loaded_language_s": round(t_loaded, 3),
        "warm_up_s": round(t_warm, 3),
        "repeat": args.repeat,
        "ratio": round(t_loaded / t_parse, 4) if t_parse else None,
        "target": 0.20,
    }
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        print(f"{out['articles']} articles, {words:,} words, {n_sents:,} sentences, {n_spans:,} spans")
        print(f"bare spaCy parse       {t_parse:8.2f} s")
        print(f"loaded-language scoring {t_loaded:7.2f} s  (+ one-off warm-up {t_warm:.2f} s)")
        print(f"ratio {out['ratio']:.3f} (target <= {out['target']:.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
