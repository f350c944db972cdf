"""The held-out gold of session 6 (tests/gold/stance_heldout.jsonl, tests/gold/heldout/): 13 full-text corpus articles
that no other gold file annotates and that nobody tuned a rule or lexicon entry on. The files load with every digest
verified, have the size tests/gold/README.md states ("Held-out annotation (session 6)"), and framing's figures on
them stay at or above the floors measured on main when the annotation was committed (never above what was measured).

Figures:
``PYTHONPATH=$PWD python -m framing evaluate stance-gold --gold tests/gold/stance_heldout.jsonl --corpus
../shared/corpora/soleimani-2020/articles.jsonl`` and ``PYTHONPATH=$PWD python -m framing evaluate loaded-gold
--gold-dir tests/gold/heldout --corpus ../shared/corpora/soleimani-2020/articles.jsonl`` (no seed: it is not annotated).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from framing.evaluate import gold, loaded_gold
from framing.evaluate.stance import run_gold
from tests.conftest import shared_path

GOLD = Path(__file__).resolve().parent / "gold"
STANCE = GOLD / "stance_heldout.jsonl"
HELDOUT = GOLD / "heldout"
ARTICLES = {
    "abp-15TUQjHMdswI1j5p", "abp-v6U9oEaWBYVAZs3R", "abp-LQ1FCn3XhAhWfIZs", "abp-JejKXPuF3FFxztTB",
    "abp-5o5ObCYDhIuWXRWR", "abp-cnoLKaAxqe4FHpHb", "abp-cmPSGhB6JQBOtedj", "abp-bwp1Bpe53IKbcevf",
    "abp-rLjY4KgUl5929YvQ", "abp-z9HBesFggHIZOlCd", "abp-2HoIR3NgwdpZk0cT", "abp-5blr7lABXYdnwdEI",
    "abp-GZO3bvevCmswY5kZ",
}


def _corpus() -> Path:
    return shared_path("corpora", "soleimani-2020", "articles.jsonl")


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    return gold.corpus_texts(_corpus())


def test_stance_heldout_loads_with_digests_and_has_the_stated_size(texts):
    recs = gold.load(STANCE, texts)
    assert {r.article for r in recs} == ARTICLES
    kinds = Counter(r.kind for r in {r.article: r for r in recs}.values())
    assert kinds == Counter({"opinion": 7, "news": 6})
    assert len(recs) == 46
    assert all(r.labels["sign"] in (-1, 0, 1) and r.spans["evidence"][1] > r.spans["evidence"][0] for r in recs)
    assert all(r.labels["sign"] == 0 for r in recs if r.kind == "news")  # the README's rule for straight news
    assert sum(r.labels["sign"] != 0 for r in recs) == 11
    assert all(r.labels.get("role", "villain") in ("hero", "villain", "victim") for r in recs)
    per_article = Counter(r.article for r in recs)
    assert min(per_article.values()) >= 2 and max(per_article.values()) <= 4


def test_loaded_heldout_loads_with_digests_and_has_the_stated_size(texts):
    recs = gold.load(HELDOUT / "loaded.jsonl", texts)
    facts = gold.load(HELDOUT / "factual.jsonl", texts)
    arts = [r for r in recs if r.kind == "article"]
    assert {r.article for r in arts} == ARTICLES and all(r.labels["complete"] for r in arts)
    assert Counter(r.labels["genre"] for r in arts) == Counter({"opinion": 7, "news": 6})
    phrases = [r for r in recs if r.kind == "loaded_phrase"]
    assert Counter(r.labels["voice"] for r in phrases) == Counter({"author": 134, "quoted": 163})
    assert sum(r.note.startswith("second pass") for r in phrases) == 8
    assert len(facts) == 38 and {f.article for f in facts} <= ARTICLES
    for i, p in enumerate(phrases):  # phrases never overlap one another
        a, b = p.spans["phrase"]
        for q in phrases[i + 1:]:
            if q.article == p.article:
                c, d = q.spans["phrase"]
                assert not (a < d and c < b), (p.article, a, b, c, d)
    for f in facts:  # a factual sentence never overlaps a loaded phrase
        s, e = f.spans["sentence"]
        for p in phrases:
            if p.article == f.article:
                a, b = p.spans["phrase"]
                assert not (a < e and s < b), (f.article, s, e)


def test_heldout_articles_are_in_no_other_gold_file():
    """Held out means held out: no record of a gold file earlier sessions worked from annotates these articles."""
    others = [p for p in GOLD.glob("*.jsonl") if p.name != STANCE.name]
    assert {"stance.jsonl", "loaded.jsonl", "factual.jsonl", "attribution.jsonl"} <= {p.name for p in others}
    for path in others:
        lines = [x for x in path.read_text(encoding="utf-8").splitlines() if x.strip() and not x.startswith("#")]
        assert not {json.loads(x)["article"] for x in lines} & ARTICLES, path.name


def test_heldout_files_hold_no_article_text():
    raw = "".join(p.read_text(encoding="utf-8") for p in (STANCE, *HELDOUT.glob("*.jsonl")))
    for phrase in ("two organs of terror", "self-inflicted wounds", "hardened foe", "strikes a chord"):
        assert phrase not in raw


@pytest.mark.slow
def test_stance_figures_on_the_heldout_gold_stay_at_or_above_the_floors():
    res = run_gold(STANCE, _corpus())
    # floors = figures measured on main (0424f40) with this gold, rounded down; issue 16's targets are 0.90 and 0.90
    # session 7: 0.630 after the actors changes (former/latter, event 'it', body-typed names) and loaded7's entries
    assert res["opinion_sign_accuracy"] >= 0.62, res  # measured 0.593 (16 of 27), then 0.630 (17 of 27)
    assert res["news_neutral_rate"] >= 0.89, res  # measured 0.895 (17 of 19 actors)
    assert res["opinion_missing"] == 0 and res["news_missing"] == 0, res


@pytest.mark.slow
def test_loaded_figures_on_the_heldout_gold_stay_at_or_above_the_floors():
    r = loaded_gold.run(_corpus(), gold_dir=HELDOUT)
    # floors = figures measured on main (0424f40) with this gold, rounded down; issue 17's targets are 0.75 / 0.90 /
    # 0.95 / 0.05
    assert r["author_recall"] >= 0.38, r  # measured 0.388 (52 of 134)
    # session 7: 0.817 (116 of 142 flags) after plural designations naming an event's participants became categories
    assert r["precision"] >= 0.81, r  # measured 0.783 (112 of 143 flags), then 0.817
    # voice: 0.811 before session 6, 0.798 after the mined loaded_senses entries (new flags, not all in the gold's voice)
    # 0.807 after session 7's voice of ascribed words ('condemned it as …', headline 'Speaker: …', transcript turns)
    assert r["voice_accuracy"] >= 0.80, r
    assert r["factual_share_high"] <= 0.03, r  # measured 0.026 (1 of 38)
