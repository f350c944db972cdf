"""Speed of actors + stance relative to the bare spaCy parse, measured in the same run.

Usage: .venv/bin/python benchmarks/actors_stance.py [--limit N]
Reads ../shared/corpora/soleimani-2020/articles.jsonl (all 80 records). Prints
bare nlp.pipe seconds, actors.find + stance.analyze seconds (with the
loaded-language lexicon hits stance uses) and their ratio. Target: <= 0.25.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from framing import actors, stance
from framing.ingest import load_text
from framing.nlp import Parsed, _paragraphs, _sentences, find_quotes, get_nlp

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "soleimani-2020" / "articles.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=None)
    a = ap.parse_args()
    rows = [json.loads(l) for l in CORPUS.read_text(encoding="utf-8").splitlines() if l.strip()][: a.limit]
    arts = [load_text(r["text"], title=r["title"]) for r in rows]
    nlp = get_nlp()
    stance.analyze  # warm imports
    t0 = time.perf_counter()
    docs = list(nlp.pipe((x.text for x in arts), batch_size=16))
    bare = time.perf_counter() - t0
    parsed = [Parsed(x, d, _sentences(d), _paragraphs(x.text), find_quotes(x.text)) for x, d in zip(arts, docs)]
    # warm the lexicons and the model once (load time is not per-article cost)
    stance.analyze(parsed[0], actors.find(parsed[0]))
    t0 = time.perf_counter()
    n_act = 0
    for p in parsed:
        aset = actors.find(p)
        n_act += len(aset)
        stance.analyze(p, aset)
    ours = time.perf_counter() - t0
    print(json.dumps({"articles": len(arts), "characters": sum(len(x.text) for x in arts), "actors": n_act,
                      "bare_parse_s": round(bare, 2), "actors_stance_s": round(ours, 2), "ratio": round(ours / bare, 3)}))


if __name__ == "__main__":
    main()
