"""The claims gold (tests/gold/claims.jsonl): it loads against the data (every digest, the peers' too), the evaluator's
judging rules by hand, and the figures of the comparison's claim flags on it as floors (slow: analyses the corpus)."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

import pytest
from conftest import REPO, shared_path

from framing.evaluate import gold

GOLD = REPO / "tests" / "gold" / "claims.jsonl"


def _bench():
    spec = importlib.util.spec_from_file_location("compare_gold", REPO / "benchmarks" / "compare_gold.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def texts():
    return gold.corpus_texts(shared_path("corpora", "soleimani-2020", "articles.jsonl"), shared_path("seed", "soleimani-cgpi.txt"))


@pytest.mark.shared
def test_claims_gold_loads_and_every_peer_span_matches_its_digest(texts):
    recs = gold.load(GOLD, texts)
    claims = [r for r in recs if r.kind == "claim"]
    assert len({r.article for r in claims}) >= 6
    assert {r.labels["verdict"] for r in claims} == {"corroborated", "uncorroborated", "contradicted", "not_checkable"}
    assert {r.labels["voice"] for r in claims} <= {"author", "attributed"}
    for r in recs:
        for pid, s, e, dg in r.labels.get("evidence", []) + r.labels.get("peers", []):
            assert pid != r.article, r.line
            assert gold.digest(texts[pid][s:e]) == dg, (r.line, pid)
        if r.kind == "claim":
            # a corroborated or contradicted claim names the peer sentence that decides it; an uncorroborated one none
            assert bool(r.labels["evidence"]) == (r.labels["verdict"] in ("corroborated", "contradicted")), r.line
        if r.kind == "fact":
            assert len({p[0] for p in r.labels["peers"]}) >= 3 or r.labels["status"] == "incoherent", r.line
            assert ("target" in r.spans) == (r.labels["status"] == "stated"), r.line
    seed80 = [r for r in claims if r.article == "seed" and "80" in texts["seed"][slice(*r.spans["claim"])]]
    assert [r.labels["verdict"] for r in seed80] == ["contradicted"]
    assert Counter(r.kind for r in recs)["furniture"] >= 3


def _rec(kind, spans, labels, line):
    return gold.GoldRecord(task="claims", article="t", kind=kind, spans=spans, labels=labels, line=line)


def test_judging_rules_by_hand():
    b = _bench()
    recs = [
        _rec("claim", {"claim": (0, 20)}, {"verdict": "uncorroborated"}, 1),
        _rec("claim", {"claim": (30, 50)}, {"verdict": "corroborated"}, 2),
        _rec("claim", {"claim": (50, 60)}, {"verdict": "contradicted"}, 3),
        _rec("furniture", {"line": (70, 80)}, {}, 4),
        _rec("fact", {}, {"status": "not_stated", "peers": [["p1", 0, 10, "x"]]}, 5),
        _rec("fact", {"target": (0, 5)}, {"status": "stated", "peers": [["p1", 20, 30, "x"], ["p2", 0, 9, "x"]]}, 6),
    ]
    flags = {"uncorroborated": [{"start": 0, "end": 25}, {"start": 28, "end": 45}, {"start": 72, "end": 75}, {"start": 90, "end": 95}],
             "contradicted": [{"start": 35, "end": 58}],  # one sentence over a corroborated and a contradicted claim: right
             "omitted": [{"text_id": "p1", "start": 2, "end": 8}, {"text_id": "p2", "start": 0, "end": 9}, {"text_id": "p3", "start": 0, "end": 9}]}
    res = b.judge_target(recs, flags)
    assert (res["uncorroborated"]["tp"], res["uncorroborated"]["fp"], res["uncorroborated"]["unjudged"]) == (1, 2, 1)
    assert (res["contradicted"]["tp"], res["contradicted"]["fp"]) == (1, 0)
    assert (res["omitted"]["tp"], res["omitted"]["fp"], res["omitted"]["unjudged"]) == (1, 1, 1)
    figs = b.figures({"t": res})
    assert figs["uncorroborated"]["precision"] == pytest.approx(1 / 3, abs=1e-3)
    assert figs["uncorroborated"]["precision_strict"] == pytest.approx(1 / 4, abs=1e-3)
    assert figs["uncorroborated"]["recall"] == 1.0 and figs["omitted"]["recall"] == 1.0


@pytest.mark.shared
@pytest.mark.slow
def test_claim_flag_figures_on_gold_floors(tmp_path: Path):
    """Floors at what was measured (benchmarks/compare_gold.py); never above."""
    shared_path("corpora", "soleimani-2020", "articles.jsonl")
    figs, _ = _bench().run(tmp_path / "corpus.sqlite")
    # measured 7 Dec 21:35 (benchmarks/compare_gold.py, with the pooled and audit judgements): uncorroborated
    # 0.871 / 0.462, contradicted 1.0 / 0.8, omitted 0.938 / 0.562; after the session-5 merges uncorroborated 0.844 (27 of 32); after the session-6 merges (retrained sentence
    # classifier, actors and stance changes) uncorroborated 0.839 (26 of 31) / 0.423 (11 of 26)
    assert figs["contradicted"]["precision"] >= 1.0 and figs["contradicted"]["recall"] >= 0.8
    assert figs["uncorroborated"]["precision"] >= 0.83 and figs["uncorroborated"]["recall"] >= 0.42
    assert figs["omitted"]["precision"] >= 0.9 and figs["omitted"]["recall"] >= 0.56
