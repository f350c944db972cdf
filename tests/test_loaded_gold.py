"""The loaded-language gold (tests/gold/loaded.jsonl, factual.jsonl): it loads with every digest verified, has the
size the README states, and the analyzer's figures on it stay at or above the floors measured when it was built.

Figures: ``PYTHONPATH=$PWD python -m framing evaluate loaded-gold --corpus ../shared/corpora/soleimani-2020/articles.jsonl
--seed ../shared/seed/soleimani-cgpi.txt`` (README, "Loaded language").
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest

from framing.evaluate import gold, loaded_gold

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpora" / "soleimani-2020" / "articles.jsonl"
SEED = SHARED / "seed" / "soleimani-cgpi.txt"
GOLD = ROOT / "tests" / "gold"

needs_shared = pytest.mark.skipif(not CORPUS.is_file() and os.environ.get("CI") != "true",
                                  reason="the gold annotates ../shared/corpora (not in this checkout)")


@pytest.fixture(scope="module")
def texts():
    return gold.corpus_texts(CORPUS, SEED)


@needs_shared
def test_gold_files_load_with_digests_and_have_the_stated_size(texts):
    recs = gold.load(GOLD / "loaded.jsonl", texts)
    facts = gold.load(GOLD / "factual.jsonl", texts)
    arts = [r for r in recs if r.kind == "article"]
    genres = Counter(r.labels["genre"] for r in arts)
    assert len(arts) >= 21 and genres["news"] >= 10 and genres["opinion"] >= 10
    assert "seed" in {r.article for r in arts}
    phrases = [r for r in recs if r.kind == "loaded_phrase"]
    voices = Counter(r.labels["voice"] for r in phrases)
    assert voices["author"] >= 250 and voices["quoted"] >= 100
    assert {r.article for r in phrases} <= {r.article for r in arts}
    assert len(facts) >= 50
    for f in facts:  # a factual sentence never overlaps a loaded phrase
        s, e = f.spans["sentence"]
        for p in phrases:
            if p.article == f.article:
                a, b = p.spans["phrase"]
                assert not (a < e and s < b), (f.article, s, e)


def test_a_changed_text_is_refused(tmp_path):
    text = "Title\n\nThe senator blasted the plan."
    s, e = gold.locate(text, "blasted")
    rec = {"task": "loaded", "article": "x", "kind": "loaded_phrase", "spans": {"phrase": gold.span_entry(text, s, e)},
           "labels": {"voice": "author"}}
    gold.dump([rec], tmp_path / "g.jsonl")
    assert gold.load(tmp_path / "g.jsonl", {"x": text})[0].spans["phrase"] == (s, e)
    with pytest.raises(gold.GoldError):
        gold.load(tmp_path / "g.jsonl", {"x": text.replace("blasted", "praised")})


def test_scoring_counts_overlaps_voice_and_false_flags():
    """score_article on hand-made flags and phrases (no parse): values worked out by hand."""
    phrases = [gold.GoldRecord("loaded", "a", "loaded_phrase", {"phrase": (0, 10)}, {"voice": "author"}),
               gold.GoldRecord("loaded", "a", "loaded_phrase", {"phrase": (20, 30)}, {"voice": "quoted"}),
               gold.GoldRecord("loaded", "a", "loaded_phrase", {"phrase": (40, 50)}, {"voice": "author"})]
    flags = [{"start": 2, "end": 5, "voice": "author", "rule": "lexicon:loaded_terms@1"},
             {"start": 25, "end": 28, "voice": "author", "rule": "lexicon:loaded_terms@1"},
             {"start": 60, "end": 65, "voice": "author", "rule": "model:loaded_spans@x"}]
    c = loaded_gold.score_article(flags, phrases)
    assert c["found"] == Counter({"author": 1, "quoted": 1})
    assert c["voice_ok"] == 1  # the quoted phrase was found in the wrong voice
    assert (c["flags"], c["flags_ok"]) == (3, 2)
    assert c["families"]["model:loaded_spans"] == [1, 0]


@needs_shared
@pytest.mark.slow
def test_figures_on_the_gold_stay_at_or_above_the_measured_floors():
    r = loaded_gold.run(CORPUS, seed=SEED)
    # floors = the figures measured when this version was committed (README), rounded down; never raised above them
    assert r["author_recall"] >= FLOORS["author_recall"], r
    assert r["precision"] >= FLOORS["precision"], r
    assert r["voice_accuracy"] >= FLOORS["voice_accuracy"], r
    assert r["factual_share_high"] <= FLOORS["factual_share_high_max"], r


# session 7: measured 0.689 / 0.916 / 0.975 / 0.039 (voice from words ascribed without quotation marks)
FLOORS = {"author_recall": 0.68, "precision": 0.91, "voice_accuracy": 0.97, "factual_share_high_max": 0.04}
