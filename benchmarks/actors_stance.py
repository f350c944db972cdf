"""Speed of the actors and stance analyzers relative to the bare spaCy parse, measured in the same run.

Usage: .venv/bin/python benchmarks/actors_stance.py [--limit N] [--symmetry]
Reads ../shared/corpora/soleimani-2020/articles.jsonl (all 80 records). Prints
bare nlp.pipe seconds, the seconds of the actors + stance analyzers (each run
through its ``SPEC`` on a :class:`framing.analyzers.Context`; the attribution
and loaded-language sections stance requires are computed beforehand, outside
the timing) and their ratio. Target: <= 0.30 (issue 16: actors + stance + roles). ``--symmetry`` prints the real-name
swap figures of ``tests/test_symmetry_names.py`` instead.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from framing.analyzers import Context, actors, attribution, loaded_language, stance
from framing.ingest import load_text
from framing.nlp import Parsed, find_quotes, get_nlp, paragraphs, sentences

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "soleimani-2020" / "articles.jsonl"


def _prepare(p: Parsed) -> tuple[Context, dict]:
    """The context of one parse and the sections stance needs besides actors (untimed)."""
    ctx = Context(parsed=p)
    acts = actors.SPEC.analyze(ctx)
    att = attribution.SPEC.analyze(ctx.with_results({"actors": acts}))
    ll = loaded_language.SPEC.analyze(ctx.with_results({"attribution": att}))
    return ctx, {"attribution": att, "loaded_language": ll}


def _actors_stance(ctx: Context, others: dict) -> int:
    acts = actors.SPEC.analyze(ctx)
    stance.SPEC.analyze(ctx.with_results({"actors": acts, **others}))
    return len(acts)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--symmetry", action="store_true", help="print the name-swap symmetry figures instead")
    a = ap.parse_args()
    if a.symmetry:
        symmetry()
        return
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()][: a.limit]
    arts = [load_text(r["text"], title=r["title"]) for r in rows]
    nlp = get_nlp()
    t0 = time.perf_counter()
    docs = list(nlp.pipe((x.text for x in arts), batch_size=16))
    bare = time.perf_counter() - t0
    parsed = [Parsed(x, d, sentences(d), paragraphs(x.text), find_quotes(x.text)) for x, d in zip(arts, docs)]
    prepared = [_prepare(p) for p in parsed]
    _actors_stance(*prepared[0])  # warm the lexicons and the model once (load time is not per-article cost)
    t0 = time.perf_counter()
    n_act = sum(_actors_stance(ctx, others) for ctx, others in prepared)
    ours = time.perf_counter() - t0
    print(json.dumps({"articles": len(arts), "characters": sum(len(x.text) for x in arts), "actors": n_act,
                      "bare_parse_s": round(bare, 2), "actors_stance_s": round(ours, 2), "ratio": round(ours / bare, 3)}))


def symmetry() -> None:
    """The name-swap suite of tests/test_symmetry_names.py as figures: cases, actor mismatches, max stance delta."""
    import sys  # lazy: only this mode reads the test module

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.test_symmetry_names import cases, compare  # lazy: test helpers, needs ../shared

    rows = []
    for aid, pair in cases():
        only_o, only_s, delta = compare(aid, pair)
        rows.append({"article": aid, "pair": pair, "only_original": sorted(only_o), "only_swapped": sorted(only_s),
                     "max_delta": round(delta, 4)})
    print(json.dumps({"cases": len(rows), "articles": len({r["article"] for r in rows}),
                      "pairs": len({r["pair"] for r in rows}),
                      "cases_with_actor_mismatch": sum(bool(r["only_original"] or r["only_swapped"]) for r in rows),
                      "max_stance_delta": max((r["max_delta"] for r in rows), default=0.0),
                      "cases_over_0.05": [r for r in rows if r["max_delta"] > 0.05 or r["only_original"] or r["only_swapped"]]},
                     indent=1))


if __name__ == "__main__":
    main()
