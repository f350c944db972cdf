"""Tests of framing.compare: hand-built analyses (fast) and the seed against the shared corpus (slow, one session fixture).

The hand-built texts below are written for these tests: a fictional event
(Velmora fires missiles at a Kestrian base) so that expected values can be
worked out by hand.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
from pathlib import Path

import pytest
from conftest import shared_path

from framing.comparison import (
    Comparison,
    compare,
    fightin_words,
    naming_hits,
    percentile_of,
    split_sentences,
    summarize,
)
from framing.comparison.measures import MEASURE_ORDER
from framing.corpus import Store
from framing.errors import InputError
from framing.pipeline import analyze
from framing.schema import Analysis, Measure, SchemaError

C = importlib.import_module("framing.comparison")


# ----------------------------------------------------------------------------- builders


_ACTOR_KEYS = ("name", "kind", "aliases", "affiliation", "mentions", "salience", "mention_spans")
ACTOR_DEFAULTS = {"aliases": [], "affiliation": None, "mentions": 0, "mention_spans": [],
                  "salience": {"mentions": 0, "pronoun_mentions": 0, "in_headline": False, "in_first_paragraph": False, "first_offset": 0}}
STANCE_DEFAULTS = {"stance_label": "neutral", "stance_method": "tanh_sum", "stance_author": 0.0, "stance_quoted": None,
                   "stance_quoted_label": None, "labels": [], "label_spans": [], "agent": 0, "patient": 0, "agent_verbs": [],
                   "patient_verbs": [], "evidence": []}
LOADED_DEFAULTS = {"per_1000_words": 0.0, "per_1000_words_author": 0.0, "per_1000_words_quoted": 0.0, "share_sentences_loaded": 0.0,
                   "spans": [], "sentences": []}


def _analysis(text: str, *, id: str, title: str = "", outlet: str = "Outlet", lean: str | None = None, words: int | None = None,
              actors=(), quotes=(), loaded=None, anonymous=(), vague=(), unattributed=()) -> dict:
    """An analysis dict in the 2.0 JSON form, built by hand (no parse).

    ``words`` pads the body with a neutral filler paragraph to that many words
    (the word count is the article's own, derived from its text). Each actor
    dict is split into its ``actors`` entry and its ``stance`` entry.
    """
    if words is not None and words > len(text.split()):
        text = text + "\n\n" + " ".join(["filler"] * (words - len(text.split())))
    full = f"{title}\n\n{text}" if title else text
    meta = {"record_id": id}
    if lean:
        meta["lean"] = lean
    art = {"text": full, "title": title, "body_start": len(title) + 2 if title else 0, "outlet": outlet, "meta": meta}

    def span(q):
        s = full.index(q)
        return {"start": s, "end": s + len(q), "quote": q}

    qs = []
    for speaker, kind, content, cue in quotes:
        c = span(content)
        qs.append({"type": "direct", "speaker": speaker, "speaker_kind": kind, "actor": speaker, "cue": cue, "cue_class": "neutral",
                   "cue_weight": 0.0, "start": c["start"], "end": c["end"], "quote": c["quote"], "content_start": c["start"],
                   "content_end": c["end"], "content_fragments": [{"start": c["start"], "end": c["end"]}],
                   "rule": "rule:attribution.direct_quote"})
    cards = [{**ACTOR_DEFAULTS, **STANCE_DEFAULTS, **a} for a in actors]
    return {
        "schema_version": "2.0",
        "article": art,
        "actors": [{k: a[k] for k in _ACTOR_KEYS} for a in cards],
        "attribution": {"quotes": qs,
                        "anonymous_sources": [{**span(a), "rule": "rule:attribution.anonymous_source"} for a in anonymous],
                        "vague_attributions": [{**span(v), "rule": "rule:attribution.vague_source"} for v in vague],
                        "unattributed_claims": [{**span(u), "kinds": ["assertion"], "markers": [], "rule": "rule:attribution.unattributed_claim"}
                                                for u in unattributed],
                        "summary": {}},
        "loaded_language": {**LOADED_DEFAULTS, **(loaded or {})},
        "stance": [{"name": a["name"], **{k: v for k, v in a.items() if k not in _ACTOR_KEYS}} for a in cards],
    }


TARGET_TEXT = (
    "Velmora fired twelve missiles at Camp Greystone on Wednesday, killing 60 Kestrian soldiers. "
    "The Velmoran Assembly voted to expel Kestrian observers from the border zone. "
    "The strike on Camp Greystone was ordered by Marshal Ivo Brandt of Velmora on 14 February. "
    "Everyone knows the Kestrian regime lies. "
    '"We answered the assassination of our general," Marshal Ivo Brandt said.'
)
PEER_TEXTS = [
    ("Velmora fired twelve missiles at Camp Greystone on Wednesday. No one was killed in the attack on Camp Greystone, the Kestrian defence ministry said. "
     "The Velmoran Assembly voted to expel Kestrian observers from the border zone. "
     "A rocket attack on the Pellan garrison on 2 March killed a Kestrian contractor. "
     '"The base took no casualties," the Defence Ministry said. The strike that killed General Vashti came days earlier.'),
    ("Twelve Velmoran missiles struck Camp Greystone on Wednesday, and there were no casualties among Kestrian troops at Camp Greystone. "
     "The Velmoran Assembly voted on Monday to expel Kestrian observers from the border zone. "
     "A rocket attack on the Pellan garrison killed a Kestrian contractor on 2 March. "
     '"All personnel are accounted for," the Defence Ministry said. The government of Velmora called the drone strike a crime.'),
    ("Velmora launched twelve missiles at Camp Greystone, a Kestrian base, on Wednesday. "
     "A rocket attack on the Pellan garrison on 2 March killed a Kestrian contractor, Kestrian officials said. "
     "Velmora's government says the strike on General Vashti was murder. Kestria's government calls it self-defence."),
]

PEER_TITLES = ["Missiles hit Kestrian base", "Greystone attack leaves troops unhurt", "Velmora answers drone strike"]


def _peers(extra_actors=True):
    out = []
    for i, t in enumerate(PEER_TEXTS):
        actors = []
        if extra_actors:
            name = "Velmora" if i != 2 else "Republic of Velmora"
            aliases = ["Velmoran"] if i != 2 else ["Velmora", "Velmoran"]
            actors = [{"name": name, "kind": "country", "aliases": aliases, "mentions": 3, "stance": 0.1 * i, "stance_author": 0.1 * i,
                       "stance_label": "neutral", "labels": ["neighbour"] if i == 0 else []},
                      {"name": "Kestria", "kind": "country", "aliases": ["Kestrian"], "mentions": 2, "stance_author": 0.0, "labels": []}]
        quotes = []
        if "Defence Ministry said" in t:
            q = "The base took no casualties," if i == 0 else "All personnel are accounted for,"
            quotes = [("Defence Ministry", "organisation", q, "said")]
        out.append(_analysis(t, id=f"peer{i}", title=PEER_TITLES[i], outlet=f"Outlet {i}",
                             lean=("left", "center", "right")[i], actors=actors, quotes=quotes))
    return out


def _label(term: str, voice: str) -> dict:
    """A label span (offsets left empty: these hand-built texts need not contain the word)."""
    return {"term": term, "start": 0, "end": 0, "quote": "", "direction": "neutral", "weight": 0.0, "voice": voice, "how": "label"}


def _target():
    actors = [{"name": "Velmora", "kind": "country", "aliases": ["Velmoran"], "mentions": 4, "stance": 0.6, "stance_author": 0.7,
               "stance_label": "positive", "label_spans": [_label("defender", "author"), _label("butcher", "quoted")]},
              {"name": "Kestria", "kind": "country", "aliases": ["Kestrian"], "mentions": 3, "stance_author": -0.8,
               "label_spans": [_label("regime", "author")]}]
    return _analysis(TARGET_TEXT, id="t", title="Velmora strikes back", outlet="Counterpoint", lean="left", actors=actors,
                     quotes=[("Ivo Brandt", "named_person", "We answered the assassination of our general,", "said")],
                     vague=["Everyone knows"])


@pytest.fixture(scope="module")
def small():
    return compare(_target(), _peers())


# ----------------------------------------------------------------------------- statistics


def test_fightin_words_matches_hand_computation():
    # prior = pooled counts {x: 3, y: 5}, alpha0 = 6 -> a_x = 2.25, a_y = 3.75; n_a = 3, n_b = 5.
    # delta_x = log(4.25/4.75) - log(3.25/7.75) = 0.757812; var_x = 1/4.25 + 1/3.25 = 0.542986; z_x = 1.028412
    # delta_y = log(4.75/4.25) - log(7.75/3.25) = -0.757812; var_y = 1/4.75 + 1/7.75; z_y = -1.300482
    out = fightin_words({"x": 2, "y": 1}, {"x": 1, "y": 4}, alpha0=6)
    assert out["x"][0] == pytest.approx(0.757812, abs=1e-5)
    assert out["x"][1] == pytest.approx(1.028412, abs=1e-5)
    assert out["y"][0] == pytest.approx(-0.757812, abs=1e-5)
    assert out["y"][1] == pytest.approx(-1.300482, abs=1e-5)


def test_fightin_words_is_antisymmetric_and_neutral_on_equal_rates():
    a, b = {"war": 5, "peace": 1, "the": 20}, {"war": 1, "peace": 5, "the": 20}
    ab, ba = fightin_words(a, b), fightin_words(b, a)
    for w in a:
        assert ab[w][1] == pytest.approx(-ba[w][1])
    assert ab["war"][1] > 0 > ab["peace"][1]
    same = fightin_words({"a": 2, "b": 4}, {"a": 20, "b": 40})  # identical rates
    assert all(abs(z) < 1e-9 for _, z in same.values())


def test_summary_and_percentile_by_hand():
    s = summarize([5, 1, 4, 2, 3])
    assert (s["n"], s["median"], s["q1"], s["q3"], s["iqr"], s["min"], s["max"]) == (5, 3, 2, 4, 2, 1, 5)
    assert summarize([])["median"] is None
    assert percentile_of(4, [1, 2, 3, 4, 5]) == pytest.approx(70.0)  # 3 below, one tie counted half
    assert percentile_of(10, [1, 2, 3]) == 100.0
    assert percentile_of(0, [1, 2, 3]) == 0.0
    assert percentile_of(None, [1]) is None and percentile_of(1, []) is None


def test_measures_percentile_iqr_and_lean():
    peers = []
    for i, (v, lean) in enumerate([(1.0, "left"), (2.0, "left"), (3.0, "center"), (4.0, "right")]):
        ll = {"per_1000_words": v, "per_1000_words_author": v, "per_1000_words_quoted": 0.0, "spans": [], "sentences": []}
        peers.append(_analysis(PEER_TEXTS[i % 3] + f" Extra sentence number {i}.", id=f"p{i}", lean=lean, words=400, loaded=ll))
    short = _analysis("Velmora fired twelve missiles at Camp Greystone.", id="short", words=8,
                      loaded={"per_1000_words_author": 99.0, "sentences": [], "spans": []})
    tll = {"per_1000_words": 6.0, "per_1000_words_author": 6.0, "per_1000_words_quoted": 0.0, "spans": [], "sentences": []}
    c = compare(_analysis(TARGET_TEXT, id="t", words=400, loaded=tll), peers + [short])
    m = c.measures["loaded_per_1000_author"]
    assert m.target == 6.0
    assert m.peers.n == 4  # the 8-word text does not enter the measures
    assert (m.peers.median, m.peers.q1, m.peers.q3) == (2.5, 1.75, 3.25)
    assert m.percentile == 100.0 and m.ratio_to_median == pytest.approx(2.4)
    assert m.by_lean["left"].median == 1.5 and m.by_lean["right"].n == 1
    assert {v.id for v in m.values} == {"p0", "p1", "p2", "p3"}
    assert next(p for p in c.peers if p.id == "short").in_measures is False


def test_attribution_measures(small):
    m = small.measures
    # target: 1 direct quote of 7 words ("We answered the assassination of our general,") out of len(TARGET_TEXT.split()) words; one vague attribution
    words = len(TARGET_TEXT.split())
    assert m["quoted_share"].target == pytest.approx(7 / words)
    assert m["vague_per_1000"].target == pytest.approx(1000 / words)
    assert m["sources_distinct"].target == 1.0 and m["named_source_share"].target == 1.0


class _Toy:
    """A toy section (not a real analyzer): one count and the measure it offers."""

    def __init__(self, n: int) -> None:
        self.n = n

    def to_dict(self) -> dict:
        return {"n": self.n}

    @classmethod
    def from_dict(cls, d) -> _Toy:
        return cls(d["n"])

    def evidence(self):
        return ()

    def measures(self, article):
        return {"toy_per_1000": Measure(1000.0 * self.n / max(article.word_count, 1), "Toy things per 1,000 words", "per 1,000 words")}


def _with_toy(d: dict, n: int) -> Analysis:
    a = Analysis.from_dict(d)
    return Analysis(a.article, {**a.sections, "toy": _Toy(n)}, a.provenance)


def test_a_new_section_measure_appears_without_touching_compare():
    peers = [_with_toy(_analysis(PEER_TEXTS[i], id=f"p{i}", lean=lean, words=500), n)
             for i, (lean, n) in enumerate([("left", 1), ("center", 2), ("right", 3)])]
    c = compare(_with_toy(_analysis(TARGET_TEXT, id="t", words=500), 4), peers)
    assert list(c.measures)[:7] == list(MEASURE_ORDER)  # the built-in measures keep their order
    assert list(c.measures)[-1] == "toy_per_1000"
    m = c.measures["toy_per_1000"]
    assert (m.label, m.unit) == ("Toy things per 1,000 words", "per 1,000 words")
    assert m.target == pytest.approx(8.0) and m.percentile == 100.0
    assert [v.value for v in m.values] == pytest.approx([2.0, 4.0, 6.0]) and m.peers.median == pytest.approx(4.0)
    assert m.by_lean["center"].median == pytest.approx(4.0)
    # a peer without the section has no value for it; the target without it has None
    c2 = compare(_analysis(TARGET_TEXT, id="t", words=500), peers[:2] + [Analysis.from_dict(_analysis(PEER_TEXTS[2], id="p2", words=500))])
    m2 = c2.measures["toy_per_1000"]
    assert m2.target is None and m2.percentile is None and m2.peers.n == 2


def test_sentences_come_from_the_parse_when_the_analysis_has_them():
    d = _analysis(TARGET_TEXT, id="t")
    text = d["article"]["text"]
    regex = split_sentences(text)
    assert C.docs.Doc("t", Analysis.from_dict(d)).sentences() == regex  # no parsed sentences: the documented fallback
    parsed = [(0, 92), (93, len(text))]  # a parse may cut differently from the regex
    d["loaded_language"]["sentences"] = [{"start": s, "end": e, "score": 0.0, "voice": "author", "evidence": []} for s, e in parsed]
    assert C.docs.Doc("t", Analysis.from_dict(d)).sentences() == parsed


def test_typed_and_dict_inputs_give_the_same_comparison(small):
    typed = compare(Analysis.from_dict(_target()), [Analysis.from_dict(p) for p in _peers()])
    assert typed == small and typed.to_dict() == small.to_dict()


# ----------------------------------------------------------------------------- same story, word choice, naming


def test_off_story_peer_is_set_aside():
    football = _analysis("The league final went to penalties after a goalless draw; the striker missed twice and the keeper saved three.",
                         id="sport", outlet="Sports Daily")
    c = compare(_target(), _peers() + [football])
    assert [p.id for p in c.set_aside] == ["sport"]
    assert c.set_aside[0].similarity < c.same_story.min_similarity
    assert "sport" not in {p.id for p in c.peers}
    assert len(c.peers) == 3


def test_distinctive_terms_only_beyond_chance(small):
    # the small texts are too short for any word to reach |z| >= 1.96: nothing is listed (the report says so)
    dt = small.distinctive_terms
    assert all(abs(r["z"]) >= 1.96 for r in dt.target + dt.peers)
    assert "regime" not in [r["term"] for r in dt.target]  # once against zero is chance, not a word choice
    assert "1.96" in dt.method


def test_distinctive_terms_each_way_when_significant():
    t_text = "The regime fired missiles. " * 12 + "Officials met on Tuesday."
    peers = [_analysis("The government fired missiles. " * 12 + f"Officials met on Tuesday in town {i}.", id=f"q{i}", outlet=f"O{i}")
             for i in range(3)]
    c = compare(_analysis(t_text, id="t", outlet="Counterpoint"), peers)
    t_terms = {r["term"]: r for r in c.distinctive_terms.target}
    p_terms = {r["term"]: r for r in c.distinctive_terms.peers}
    assert "regime" in t_terms and t_terms["regime"]["z"] >= 1.96 and t_terms["regime"]["count_target"] == 12
    assert "government" in p_terms and p_terms["government"]["z"] <= -1.96
    assert "missiles" not in t_terms and "missiles" not in p_terms  # same rate on both sides
    assert "tuesday" not in t_terms and "tuesday" not in p_terms  # days are timing, not word choice


def test_distinctive_terms_skip_bylines_and_captions():
    t_text = ("By Wendy Quillfeather\n\n" + "The regime fired missiles. " * 12
              + "\nThe flag in Vienna. (Jane Doe/Reuters)\nUPDATE: This story has been updated.")
    peers = [_analysis("The government fired missiles. " * 12, id=f"q{i}", outlet=f"O{i}") for i in range(3)]
    c = compare(_analysis(t_text, id="t"), peers)
    terms = {r["term"] for r in c.distinctive_terms.target}
    assert "regime" in terms
    assert not terms & {"wendy", "quillfeather", "vienna", "doe", "reuters", "updated", "story"}


def test_tokens_keep_acronyms_and_drop_stopwords():
    toks = [t for t, _, _ in C.tokens("The U.S. and us: Iran's IRGC said we were there.")]
    assert "US" in toks and "us" not in toks and "the" not in toks
    assert "iran" in toks and "IRGC" in toks


def test_naming_hits_longest_match_plural_and_word_boundaries():
    text = "The drone strike was an assassination. Two airstrikes followed; strikers marched. The regime and the United States."
    hits = [(t, text[s:e]) for t, _, s, e in naming_hits(text)]
    assert ("drone strike", "drone strike") in hits
    assert ("strike", "strike") not in hits  # inside the longer "drone strike"
    assert ("assassination", "assassination") in hits
    assert ("airstrike", "airstrikes") in hits  # plural
    assert not any(q.lower().startswith("striker") for _, q in hits)
    assert ("regime", "regime") in hits
    assert not any(t == "state" for t, _ in hits)


def test_naming_by_outlet(small):
    by_ref = {n["referent"]: n for n in small.naming}
    kill = by_ref["the lethal strike on a person"]
    # the target's "assassination" is inside a direct quote: the speaker's word, counted apart from the outlet's
    assert kill["target"]["counts"].get("assassination") is None
    assert kill["target"]["quoted_counts"].get("assassination") == 1
    assert kill["peers_total"].get("strike", 0) >= 2 and kill["peers_total"].get("murder") == 1
    gov = by_ref["a government"]
    assert gov["target"]["counts"] == {"regime": 1}
    assert gov["peers_total"].get("government") == 3 and "regime" not in gov["peers_total"]
    for o in kill["by_outlet"]:
        for e in o["examples"]:
            assert e["text_id"] == o["id"]


# ----------------------------------------------------------------------------- stance matrix and sources


def test_stance_matrix_matches_actors_by_alias(small):
    rows = {r["actor"]: r for r in small.stance_matrix.rows}
    v = rows["Velmora"]
    # "Republic of Velmora" (alias Velmora) in peer2 joins the Velmora row
    assert set(v["cells"]) == {"target", "peer0", "peer1", "peer2"}
    assert v["cells"]["target"]["stance"] == 0.7  # author's voice, not the overall stance
    assert v["cells"]["target"]["labels"] == ["defender"]  # the quoted label is not the outlet's
    assert v["peers_median"] == pytest.approx(0.1)
    assert rows["Kestria"]["cells"]["target"]["labels"] == ["regime"]
    assert [c["id"] for c in small.stance_matrix.columns] == ["target", "peer0", "peer1", "peer2"]


def test_sources_ledger(small):
    s = small.sources
    assert [v["voice"] for v in s.target_only] == ["Ivo Brandt"]
    omits = {v["voice"]: v for v in s.target_omits}
    assert omits["Defence Ministry"]["n_peers"] == 2 and set(omits["Defence Ministry"]["peers"]) == {"peer0", "peer1"}
    tgt = s.by_outlet[0]
    assert tgt["id"] == "target" and tgt["voices"][0]["share"] == 1.0 and tgt["voices"][0]["cues"] == ["said"]


# ----------------------------------------------------------------------------- claims


def test_contradicted_casualty_count(small):
    con = small.claims.contradicted
    assert len(con) == 1
    c = con[0]
    assert "killing 60 Kestrian soldiers" in c["quote"]
    assert c["casualty"]["count"] == 60
    assert {e["text_id"] for e in c["peer_evidence"]} >= {"peer0", "peer1"}
    assert all(e["relation"] == "contradicts" for e in c["peer_evidence"])
    assert any("No one was killed" in e["quote"] or "no casualties" in e["quote"] for e in c["peer_evidence"])
    # the contradicted claim is not also listed as uncorroborated
    assert not any("60 Kestrian" in u["quote"] for u in small.claims.uncorroborated)


def test_uncorroborated_and_corroborated(small):
    unc = [u["quote"] for u in small.claims.uncorroborated]
    assert any("Marshal Ivo Brandt of Velmora on 14 February" in q for q in unc)
    # negative: a fact every peer reports is not uncorroborated, opinions are not checkable, quotes are the speaker's
    assert not any("voted to expel" in q for q in unc)
    assert not any("Everyone knows" in q for q in unc)
    assert not any("We answered" in q for q in unc)


def test_omitted_fact(small):
    om = small.claims.omitted
    assert len(om) == 1
    o = om[0]
    assert "Pellan" in o["quote"] and o["n_peers"] == 3
    assert o["text_id"].startswith("peer") and all(e["text_id"] != o["text_id"] for e in o["peer_evidence"])


def test_no_contradiction_without_a_casualty_claim():
    calm = _analysis("Velmora fired twelve missiles at Camp Greystone on Wednesday. "
                     "The Velmoran Assembly voted to expel Kestrian observers from the border zone.",
                     id="calm", title="Missiles hit base")
    c = compare(calm, _peers())
    assert c.claims.contradicted == ()


# ----------------------------------------------------------------------------- the Comparison object


def test_offsets_roundtrip_and_json(small):
    assert small.validate() == []
    peer_texts = {f"peer{i}": p["article"]["text"] for i, p in enumerate(_peers())}
    assert small.validate_peers(peer_texts) == []
    d = small.to_dict()
    assert list(d)[:3] == ["schema_version", "framing_version", "kind"]
    for k in ("target", "peers", "set_aside", "measures", "distinctive_terms", "naming", "stance_matrix", "sources", "claims"):
        assert k in d
    assert set(d["claims"]) == {"uncorroborated", "contradicted", "omitted"}
    again = Comparison.from_dict(json.loads(json.dumps(d)))
    assert again.to_dict() == json.loads(json.dumps(d))
    assert again == small  # from_dict restores an equal typed object
    assert isinstance(again.target.analysis, Analysis) and again.measures["quoted_share"].peers.n == small.measures["quoted_share"].peers.n
    assert Comparison.from_dict({"comparison": d}).target.id == "target"


def test_bad_input():
    with pytest.raises(InputError, match="no peers"):
        compare(_target(), [])
    with pytest.raises(InputError, match="expected an Analysis"):
        compare({"nope": 1}, _peers())
    with pytest.raises(SchemaError, match="missing"):
        Comparison.from_dict({"target": {}})
    # a peer identical to the target is dropped, not compared with itself
    c = compare(_target(), _peers() + [_target()])
    assert len(c.peers) == 3


def test_rules_documented(small):
    emitted = set()

    def walk(o):
        if isinstance(o, dict):
            if isinstance(o.get("rule"), str):
                emitted.add(o["rule"])
            for v in o.values():
                walk(v)
        elif isinstance(o, list):
            for v in o:
                walk(v)

    walk({k: v for k, v in small.to_dict().items() if k != "target"})
    assert emitted and emitted <= set(C.RULES)


def test_split_sentences_keeps_abbreviations():
    t = 'Trump ordered the U.S. strike. Gen. Milley spoke. "It was bad," he said. Then 3 more.\nA headline\nNext'
    assert [t[s:e] for s, e in split_sentences(t)] == [
        "Trump ordered the U.S. strike.", "Gen. Milley spoke.", '"It was bad," he said.', "Then 3 more.", "A headline", "Next"]


# ----------------------------------------------------------------------------- Must show: the seed against the shared corpus


@pytest.fixture(scope="session")
def seed_comparison(tmp_path_factory, seed_article):
    """The 80-article corpus imported and analyzed ONCE per session (a temp store, both cores), then the seed compared."""


    path = shared_path("corpora", "soleimani-2020", "articles.jsonl")
    db = tmp_path_factory.mktemp("compare") / "corpus.sqlite"
    with Store(db) as store:
        store.import_jsonl(path, "soleimani-2020")
        res = store.analyze_event("soleimani-2020", workers=2)
        # an analyzer failing on one article must not hide the comparison (the failure is the analyzer's test's business)
        assert len(res.failed) <= 4, res.failed
        peers = store.analyses("soleimani-2020", compute_missing=False)
    return compare(analyze(seed_article), peers)


@pytest.mark.shared
@pytest.mark.slow
def test_seed_80_us_personnel_claim_flagged(seed_comparison):
    flagged = seed_comparison.claims.contradicted + seed_comparison.claims.uncorroborated
    hits = [c for c in flagged if "death of 80 US personnel" in c["quote"]]
    assert hits, [c["quote"][:80] for c in flagged]
    assert seed_comparison.validate() == []


@pytest.mark.shared
@pytest.mark.slow
def test_seed_distinctive_terms_beyond_chance(seed_comparison):
    # only terms beyond chance (|z| >= 1.96) are listed: "sovereignty" (6 uses in the seed) is;
    # "imperialist" (2 uses) and "imperialism" (1) are shrunk below 1.96 by the informative prior and are not
    terms = [r["term"] for r in seed_comparison.distinctive_terms.target]
    assert "sovereignty" in terms, terms
    assert all(r["z"] >= 1.96 for r in seed_comparison.distinctive_terms.target)
    # negative: the peers' own vocabulary is on the other side
    assert "imperialist" not in [r["term"] for r in seed_comparison.distinctive_terms.peers]


@pytest.mark.shared
@pytest.mark.slow
def test_seed_stance_matrix_filled(seed_comparison):
    rows = {r["actor"]: r for r in seed_comparison.stance_matrix.rows}
    for name in ("United States", "Donald Trump", "Iran", "Qassem Soleimani", "Iraq"):
        assert name in rows, sorted(rows)
        r = rows[name]
        assert "target" in r["cells"] and r["cells"]["target"]["stance"] is not None
        assert r["n_peers"] >= 10, (name, r["n_peers"])


def _scale_bench():
    root = Path(__file__).resolve().parents[1]
    spec = importlib.util.spec_from_file_location("compare_scale", root / "benchmarks" / "compare_scale.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.shared
@pytest.mark.slow
def test_seed_comparison_matches_its_pinned_digests(seed_comparison):
    """The whole Comparison JSON of the seed against the 80 corpus analyses, part by part, is what main produced before
    the scale work (issue 18): the speed-ups changed no output. A deliberate change is recorded with
    ``benchmarks/compare_scale.py --db STORE --digests --write`` and explained in the commit; a change to the analyses
    themselves (tests/golden/analysis_digests.json) changes these too."""
    mod = _scale_bench()
    want = json.loads(mod.DIGESTS.read_text(encoding="utf-8"))
    got = mod.comparison_digests(json.loads(json.dumps(seed_comparison.to_dict())))
    assert set(got) == set(want)
    differ = sorted(k for k in want if want[k] != got[k])
    assert not differ, f"Comparison parts changed: {differ}"
