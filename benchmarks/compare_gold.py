"""The comparison's claim flags measured on the hand-made claims gold (``tests/gold/claims.jsonl``).

Usage::

    PYTHONPATH=$PWD .venv/bin/python benchmarks/compare_gold.py [--db STORE] [--json]

Each gold target (the seed and six corpus articles) is compared with the rest of
the corpus (the 80 records of ``../shared/corpora/soleimani-2020/articles.jsonl``
minus the target) through :func:`framing.comparison.compare`. Analyses come from
a corpus store (``--db``, default a temporary one; missing analyses are computed,
which takes a few minutes for the 80 records).

How a flag is judged
    * an **uncorroborated** or **contradicted** flag (a span of the target) is
      matched to the gold ``claim`` records of that target it overlaps; it is a true
      positive when one of them has that verdict (a sentence flag over two claims,
      one contradicted, is right), a false positive otherwise; a flag
      that overlaps a ``furniture`` record is a false positive; a flag that overlaps
      no record is *unjudged* (reported, and counted as wrong in the strict figure);
    * an **omitted** flag (a span of a peer) is matched to the gold ``fact`` of
      that target whose peer sentences it overlaps; true positive when the fact is
      ``not_stated`` by the target, false positive when ``stated``; else unjudged.
Recall: gold claims (facts) of a verdict (``not_stated``) with a flag of that kind over them.

Pooled records (note starting "pooled") were added in a second pass: flags of the
tool on sentences the first pass had not listed, each judged by reading the target
and searching the peers (as TREC pools judge a system's output). ``--first-pass``
leaves them out: flags on those sentences are then "unjudged".

Audit records (note starting "audit") judge every flag of the tool on three more
targets whose claims were never listed by a first pass (AP, The Guardian, Bloomberg):
they count in precision only — their targets enter no recall, since only the flagged
sentences were judged there — and ``--first-pass`` leaves them out.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from framing.comparison import compare
from framing.corpus import Store
from framing.evaluate import gold
from framing.ingest import load_path
from framing.pipeline import analyze

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpora" / "soleimani-2020" / "articles.jsonl"
SEED = SHARED / "seed" / "soleimani-cgpi.txt"
GOLD = ROOT / "tests" / "gold" / "claims.jsonl"
EVENT = "soleimani-2020"
KINDS = ("uncorroborated", "contradicted", "omitted")
VERDICT = {"uncorroborated": "uncorroborated", "contradicted": "contradicted", "omitted": "not_stated"}


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def judge_target(records: list[gold.GoldRecord], flags: dict[str, list[dict[str, Any]]]) -> dict[str, dict[str, Any]]:
    """Per flag kind: tp, fp, unjudged, n_gold, found (gold items with a flag) and the judged flags, for one target."""
    claims = [r for r in records if r.kind == "claim"]
    furniture = [r for r in records if r.kind == "furniture"]
    facts = [r for r in records if r.kind == "fact"]
    out: dict[str, dict[str, Any]] = {}
    for kind in KINDS:
        res: dict[str, Any] = {"tp": 0, "fp": 0, "unjudged": 0, "found": set(), "items": []}
        for f in flags.get(kind, []):
            span = (int(f["start"]), int(f["end"]))
            if kind == "omitted":
                hits = [(r, max(_overlap(span, (e[1], e[2])) for e in r.labels["peers"] if e[0] == f.get("text_id")))
                        for r in facts if any(e[0] == f.get("text_id") for e in r.labels["peers"])]
            else:
                hits = [(r, _overlap(span, r.spans["claim"])) for r in claims]
                if any(_overlap(span, r.spans["line"]) for r in furniture):
                    res["fp"] += 1
                    res["items"].append((f.get("quote", "")[:70], "furniture"))
                    continue
            hits = [h for h in hits if h[1] > 0]
            if not hits:
                res["unjudged"] += 1
                res["items"].append((f.get("quote", "")[:70], "unjudged"))
                continue
            key = "status" if kind == "omitted" else "verdict"
            right = [r for r, _ in hits if r.labels[key] == VERDICT[kind]]
            rec = right[0] if right else max(hits, key=lambda h: h[1])[0]
            res["tp" if right else "fp"] += 1
            res["found"].update(r.line for r in right)
            res["items"].append((f.get("quote", "")[:70], rec.labels[key]))
        pool = facts if kind == "omitted" else claims
        key = "status" if kind == "omitted" else "verdict"
        res["gold"] = {r.line for r in pool if r.labels[key] == VERDICT[kind]}
        out[kind] = res
    return out


def figures(per_target: dict[str, dict[str, dict[str, Any]]]) -> dict[str, Any]:
    """Micro-averaged precision (judged flags, and strict: unjudged counted wrong) and recall per flag kind."""
    out: dict[str, Any] = {}
    for kind in KINDS:
        tp = sum(t[kind]["tp"] for t in per_target.values())
        fp = sum(t[kind]["fp"] for t in per_target.values())
        un = sum(t[kind]["unjudged"] for t in per_target.values())
        n_gold = sum(len(t[kind]["gold"]) for t in per_target.values())
        found = sum(len(t[kind]["found"] & t[kind]["gold"]) for t in per_target.values())
        out[kind] = {"flags": tp + fp + un, "tp": tp, "fp": fp, "unjudged": un,
                     "precision": round(tp / (tp + fp), 3) if tp + fp else None,
                     "precision_strict": round(tp / (tp + fp + un), 3) if tp + fp + un else None,
                     "recall": round(found / n_gold, 3) if n_gold else None, "n_gold": n_gold}
    return out


def _flags(comparison: Any) -> dict[str, list[dict[str, Any]]]:
    c = comparison.claims
    return {"uncorroborated": list(c.uncorroborated), "contradicted": list(c.contradicted), "omitted": list(c.omitted)}


def run(db: Path, *, first_pass: bool = False) -> tuple[dict[str, Any], dict[str, Any]]:
    """Figures over every target; ``first_pass`` drops the records judged from the tool's flags (note "pooled...")."""
    texts = gold.corpus_texts(CORPUS, SEED)
    records = [r for r in gold.load(GOLD, texts) if not (first_pass and r.note.startswith(("pooled", "audit")))]
    by_target: dict[str, list[gold.GoldRecord]] = defaultdict(list)
    for r in records:
        by_target[r.article].append(r)
    targets = {r.article for r in records if r.kind == "claim"}  # a furniture-only record does not make a target
    with Store(db) as store:
        if not store.has_event(EVENT):
            store.import_jsonl(CORPUS, EVENT)
        analyses = store.analyses(EVENT)
    rid = {a.article.get("record_id") or a.article.get("id"): a for a in analyses}
    per_target = {}
    for target in sorted(targets):
        if target == gold.SEED_ID:
            t_an, peers = analyze(load_path(SEED)), analyses
        else:
            t_an, peers = rid[target], [a for k, a in rid.items() if k != target]
        per_target[target] = judge_target(by_target[target], _flags(compare(t_an, peers)))
        if all(r.note.startswith("audit") for r in by_target[target]):
            for res in per_target[target].values():
                res["gold"], res["found"] = set(), set()  # only the flags were judged: no recall from this target
    return figures(per_target), per_target


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", type=Path, default=None, help="corpus store with the event's analyses (default: a temporary one)")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--verbose", action="store_true", help="list every judged flag")
    ap.add_argument("--first-pass", action="store_true", help="only the records annotated before any run (no pooled judgements)")
    a = ap.parse_args()
    if not CORPUS.exists():
        sys.exit(f"needs {CORPUS}")
    with tempfile.TemporaryDirectory() as tmp:
        figs, per_target = run(a.db or Path(tmp) / "corpus.sqlite", first_pass=a.first_pass)
    if a.json:
        print(json.dumps(figs, indent=1))
        return
    for kind, f in figs.items():
        print(f"{kind:15} flags {f['flags']:3}  precision {f['precision']}  (strict {f['precision_strict']}, "
              f"unjudged {f['unjudged']})  recall {f['recall']} of {f['n_gold']}")
    if a.verbose:
        for t, res in per_target.items():
            for kind in KINDS:
                for q, truth in res[kind]["items"]:
                    print(f"  {t[:12]:12} {kind[:8]:8} {truth:15} {q}")


if __name__ == "__main__":
    main()
