"""Digests of the analysis JSON of the seed, the shared-corpus records and the example corpus.

The redesign (and any refactor) must leave every analysis identical in content. This script
analyses each text and prints (or checks against ``tests/golden/analysis_digests.json``) one
sha256 per article of its JSON with the volatile provenance fields removed (``analyzed_at``,
``analyzer_version``, which hashes artifact bytes, and ``framing_version``) and the
article's ``source`` (a local path). Analyses in the 2.0 shape are compared in the 1.0
view: each actor's card is the join of the ``actors`` and ``stance`` sections, without
the mention rule ids that 2.0 adds (intended differences: the only ones).

    python scripts/analysis_digests.py --write      # record the digests
    python scripts/analysis_digests.py              # compare; exit 1 and list the differences

Needs ../shared (seed and corpus) beside the repository.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
GOLDEN = REPO / "tests" / "golden" / "analysis_digests.json"
VOLATILE = ("analyzed_at", "analyzer_version", "framing_version")


_MODEL_RULE = re.compile(r"^model:([A-Za-z0-9_.-]+)@[0-9a-f]{8}$")


def _unpin_model_rules(x):
    """``model:<x>@<first 8 hex of the artifact sha256>`` -> ``model:<x>@<artifact>``, everywhere in ``x``: re-saving
    the same fitted model (e.g. under a new class path) changes the artifact bytes, not the analysis."""
    if isinstance(x, dict):
        return {k: _unpin_model_rules(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_unpin_model_rules(v) for v in x]
    if isinstance(x, str):
        return _MODEL_RULE.sub(r"model:\1@<artifact>", x)
    return x


def canonical(d: dict) -> dict:
    """The analysis in the 1.0 shape (actor cards with their stance), minus volatile fields, with model rule ids
    unpinned from the artifact bytes (:func:`_unpin_model_rules`)."""
    d = _unpin_model_rules(dict(d))
    if "stance" in d:  # 2.0: actors and stance are separate sections; the 1.0 card is their join
        from framing.schema import actor_cards

        d["actors"] = actor_cards(d)
        del d["stance"]
        for card in d["actors"]:  # 2.0 also shows the rule id that found each mention (1.0's card dropped it)
            card["mention_spans"] = [{k: v for k, v in m.items() if k != "rule"} for m in card.get("mention_spans", [])]
    d.pop("schema_version", None)
    d["article"] = {k: v for k, v in d["article"].items() if k != "source"}  # a local path: differs by checkout
    prov = dict(d.get("provenance", {}))
    for k in VOLATILE:
        prov.pop(k, None)
    d["provenance"] = prov
    d.pop("framing_version", None)
    return d


def digest(d: dict) -> str:
    blob = json.dumps(canonical(d), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def texts():
    """Yield (key, article, event_actors) for every text checked."""
    import framing
    from framing.corpus import article_from_record

    try:
        from framing.resources.events import load_actor_file
    except ImportError:  # before the redesign
        from framing.actors import load_actor_file

    seed = SHARED / "seed" / "soleimani-cgpi.txt"
    yield "seed", framing.load_path(seed), None
    sol = load_actor_file(REPO / "corpora" / "soleimani-2020" / "actors.toml")
    p = SHARED / "corpora" / "soleimani-2020" / "articles.jsonl"
    for i, line in enumerate(p.read_text(encoding="utf-8").splitlines()):
        if not line.strip():
            continue
        rec = json.loads(line)
        art = article_from_record(rec, where=f"{p}:{i + 1}", event="soleimani-2020", check_language=False)
        yield f"soleimani-2020/{rec['id']}", art, sol
    ex = load_actor_file(REPO / "corpora" / "example" / "actors.toml")
    for f in sorted((REPO / "corpora" / "example").glob("*.txt")):
        yield f"example/{f.name}", framing.load_path(f), ex


def compute() -> dict[str, str]:
    import framing

    out = {}
    for key, art, actors in texts():
        out[key] = digest(framing.analyze(art, event_actors=actors).to_dict())
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="record the digests in tests/golden/")
    args = ap.parse_args(argv)
    got = compute()
    if args.write:
        GOLDEN.write_text(json.dumps(got, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {len(got)} digests to {GOLDEN}")
        return 0
    want = json.loads(GOLDEN.read_text(encoding="utf-8"))
    diff = sorted(k for k in set(want) | set(got) if want.get(k) != got.get(k))
    for k in diff:
        print(f"differs: {k}")
    print(f"{len(got) - len(diff)} of {len(set(want) | set(got))} analyses identical")
    return 1 if diff else 0


if __name__ == "__main__":
    sys.exit(main())
