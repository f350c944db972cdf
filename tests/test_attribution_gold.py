"""The hand-made attribution gold (tests/gold/attribution.jsonl): it loads against the shared corpus (digests
verified), it is complete for each article it claims, and framing's figures on it stay at or above what was
measured (floors, never above the measurement; the rules the annotator followed are in tests/gold/README.md)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from conftest import shared_path

from framing.evaluate import attribution_gold as ag
from framing.evaluate import gold
from framing.ingest import load_text

GOLD = Path(__file__).parent / "gold" / "attribution.jsonl"


@pytest.fixture(scope="module")
def paths():
    return shared_path("corpora", "soleimani-2020", "articles.jsonl"), shared_path("seed", "soleimani-cgpi.txt")


def test_gold_loads_with_verified_digests_and_covers_25_articles_and_the_seed(paths):
    corpus, seed = paths
    records = gold.load(GOLD, gold.corpus_texts(corpus, seed))
    done = {r.article for r in records if r.kind == "annotated"}
    assert gold.SEED_ID in done and len(done - {gold.SEED_ID}) >= 25
    kinds = Counter(r.kind for r in records)
    assert kinds["direct_quote"] >= 200 and kinds["reported"] >= 200 and kinds["voice"] >= 50
    for r in records:
        assert r.article in done  # no partial article
        if r.kind in ("direct_quote", "reported"):
            assert r.labels["speaker"] and r.labels["speaker_kind"] in ("person", "org", "unnamed", "group", "doc")
        if r.kind == "voice":
            assert r.labels["voice"] in ("author", "quoted")


def test_speaker_name_matching():
    assert ag.same_speaker("Mohammad Javad Zarif", "Zarif")
    assert ag.same_speaker("Mike Lee;Rand Paul", "Sen. Rand Paul")
    assert not ag.same_speaker("Donald Trump", "Trump administration")
    assert not ag.same_speaker("Nancy Pelosi", "Mike Pence")


def test_figures_on_the_gold_do_not_fall_below_what_was_measured(paths):
    corpus, seed = paths
    res = ag.run(GOLD, corpus, seed)
    assert res["n_articles"] == 26
    # measured 0.975 / 0.916 / 0.952 / 0.978 / 0.974 / 0.850 (README, Accuracy; session 5); session 4 measured
    # 0.915 / 0.823 / 0.889 / 0.978 / 0.947 / 0.850, main before issue 15 0.793 / 0.717 / 0.830 / 0.828 / 0.895 / 0.550
    assert res["direct_speaker_precision"] >= 0.97
    assert res["direct_speaker_recall"] >= 0.91
    assert res["reported_speaker_precision"] >= 0.95
    assert res["speech_share"] >= 0.975
    assert res["voice_author_accuracy"] >= 0.97
    assert res["voice_quoted_accuracy"] >= 0.85
    assert set(res) >= {"counts", "system", "gold"}
    assert "direct quotes" in ag.describe(res)


def test_the_corpus_no_longer_credits_a_dead_man_with_statements(paths):
    """Issue 15: every statement framing credited to Qassem Soleimani in the shared corpus was wrong ('she
    added', 'he says' of someone else). He is reported killed in these articles, so he can be the speaker of
    no present-tense statement nor of a pronoun, and the sourcing ledger (which keys on the speaker or actor)
    does not list him among the voices. Checked on the full-text articles."""
    corpus, _ = paths
    credited = []
    for line in corpus.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if rec.get("text_kind") != "full_text":
            continue
        ctx = ag.analyze_article(load_text(rec["text"], title=rec.get("title") or None, check_language=False))
        for q in ctx.result("attribution").quotes:
            who = f"{q.speaker} {q.actor or ''}".lower()
            if q.confident and ("soleimani" in who or "suleimani" in who) and len(q.speaker.split()) <= 3:
                credited.append((rec["id"], q.speaker, q.cue))
    assert credited == []
