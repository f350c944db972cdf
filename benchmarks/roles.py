"""Speed of the roles analyzer (and of actors + stance + roles together) relative to the bare spaCy parse, same run.

Usage: PYTHONPATH=. .venv/bin/python benchmarks/roles.py [--limit N]
Reads ../shared/corpora/soleimani-2020/articles.jsonl (all 80 records). Prints
bare nlp.pipe seconds; the seconds of the roles analyzer alone (its ``SPEC`` on a
:class:`framing.analyzers.Context` with the actors section computed beforehand,
outside the timing); and of actors + stance + roles run in sequence (attribution
and loaded language, which stance requires, computed beforehand). Ratios to the
bare parse. Target (issue 16): actors + stance + roles <= 0.30.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from framing.analyzers import Context, actors, attribution, loaded_language, roles, stance
from framing.ingest import load_text
from framing.nlp import Parsed, find_quotes, get_nlp, paragraphs, sentences

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "soleimani-2020" / "articles.jsonl"


def _prepare(p: Parsed) -> tuple[Context, dict]:
    """The context of one parse and the sections computed outside the timing."""
    ctx = Context(parsed=p)
    acts = actors.SPEC.analyze(ctx)
    att = attribution.SPEC.analyze(ctx.with_results({"actors": acts}))
    ll = loaded_language.SPEC.analyze(ctx.with_results({"attribution": att}))
    return ctx, {"actors": acts, "attribution": att, "loaded_language": ll}


def _roles(ctx: Context, others: dict) -> int:
    return len(roles.SPEC.analyze(ctx.with_results({"actors": others["actors"]})))


def _all_three(ctx: Context, others: dict) -> int:
    acts = actors.SPEC.analyze(ctx)
    stance.SPEC.analyze(ctx.with_results({**others, "actors": acts}))
    return len(roles.SPEC.analyze(ctx.with_results({"actors": acts})))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=None)
    a = ap.parse_args()
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()][: a.limit]
    arts = [load_text(r["text"], title=r["title"]) for r in rows]
    nlp = get_nlp()
    t0 = time.perf_counter()
    docs = list(nlp.pipe((x.text for x in arts), batch_size=16))
    bare = time.perf_counter() - t0
    parsed = [Parsed(x, d, sentences(d), paragraphs(x.text), find_quotes(x.text)) for x, d in zip(arts, docs)]
    prepared = [_prepare(p) for p in parsed]
    _all_three(*prepared[0])  # warm the lexicons and the models once (load time is not per-article cost)
    t0 = time.perf_counter()
    n = sum(_roles(ctx, others) for ctx, others in prepared)
    t_roles = time.perf_counter() - t0
    t0 = time.perf_counter()
    sum(_all_three(ctx, others) for ctx, others in prepared)
    t_all = time.perf_counter() - t0
    print(json.dumps({"articles": len(arts), "characters": sum(len(x.text) for x in arts), "actors": n,
                      "bare_parse_s": round(bare, 2), "roles_s": round(t_roles, 2), "roles_ratio": round(t_roles / bare, 3),
                      "actors_stance_roles_s": round(t_all, 2), "actors_stance_roles_ratio": round(t_all / bare, 3)}))


if __name__ == "__main__":
    main()
