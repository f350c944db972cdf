"""Claims as structured facts (framing.comparison.claims, .facts, .omitted) and page furniture (framing.nlp.furniture).

Hand-built analyses of a fictional event (Velmora, Kestria, Pellan), written for these tests, so that every expected
value can be worked out by reading the sentences: a paraphrase is not uncorroborated, a fact told in other words is not
omitted, a furniture line is never a claim, and a contradicted claim the target attributes is "reported differently".
"""

from __future__ import annotations

import pytest
from test_compare import _analysis

from framing.comparison import compare
from framing.comparison.claims import supports
from framing.comparison.ledger import voice_key
from framing.nlp.furniture import dateline_end, furniture_spans, is_furniture, strip

ACTORS = [{"name": "Velmora", "kind": "country", "aliases": ["Velmoran"], "mentions": 2},
          {"name": "Kestria", "kind": "country", "aliases": ["Kestrian"], "mentions": 2}]


def _a(text, i, **kw):
    return _analysis(text, id=kw.pop("id", f"p{i}"), outlet=kw.pop("outlet", f"Outlet {i}"), actors=ACTORS, **kw)


# ----------------------------------------------------------------------------- furniture


@pytest.mark.parametrize(("line", "kind"), [
    ("Last updated on Jan. 8 at 7:15 a.m.", "update"),
    ("Updated 9:15 p.m. ET", "update"),
    ("UPDATE: This story has been updated with a statement from the ministry.", "update"),
    ("By Jane Doe and John Roe", "byline"),
    ("Opinion columnist", "byline"),
    ("Associated Press writers Ann Lee and Bo Kim contributed to this report.", "byline"),
    ("The flag flutters in Vienna, Austria, March 4, 2019. (Leonhard Foeger/Reuters)", "caption"),
    ("Protests in Philadelphia (top) and Washington (bottom)", "caption"),
    ("Smoke rises over the airport road in Pellan, early Friday, Jan. 3, 2020. Associated Press", "caption"),
    ("How the strike may inflame tensions in the region. Photo: Kestrian Press Office/Associated P…", "caption"),
    ("More: Stampede at the funeral kills at least 40", "related"),
    ("Philadelphia protest", "label"),
])
def test_furniture_lines(line, kind):
    assert is_furniture(line) == kind


@pytest.mark.parametrize("line", [
    "By Tuesday, the troops had left the base.",
    "Published reports say 20 people died in the attack.",
    "Updated figures were not released, the ministry said.",
    "The Kestrian parliament voted to expel Velmoran diplomats.",
    "Velmora fired twelve missiles at Camp Greystone on Wednesday.",
    "The strike was first reported by the Associated Press.",
    "Officials told Reuters the photo was taken on Monday.",
])
def test_not_furniture(line):
    assert is_furniture(line) is None


def test_the_title_is_never_a_label_and_strip_keeps_the_body():
    text = "Missiles hit base\n\nBy Jane Doe\n\nVelmora fired twelve missiles.\nPhiladelphia protest\nMore: Other news"
    kinds = [(text[s:e], k) for s, e, k in furniture_spans(text)]
    assert kinds == [("By Jane Doe", "byline"), ("Philadelphia protest", "label"), ("More: Other news", "related")]
    assert strip(text) == "Missiles hit base\n\nVelmora fired twelve missiles."


def test_dateline_prefix():
    assert dateline_end("WASHINGTON/BAGHDAD (Reuters) - President Trump said") == len("WASHINGTON/BAGHDAD (Reuters) - ")
    assert dateline_end("JERUSALEM, Israel – After days of speculation") == len("JERUSALEM, Israel – ")
    assert dateline_end("US officials said - nothing") == 0


def test_a_furniture_line_never_becomes_a_claim():
    target = _a("Velmora fired twelve missiles at Camp Greystone on Wednesday.\n\nLast updated on Jan. 8 at 7:15 a.m.\n\n"
                "Smoke over the base (Jane Doe/Reuters)", 9, id="t", outlet="Counterpoint")
    peers = [_a(f"Velmora fired twelve missiles at Camp Greystone on Wednesday.\nUpdated 9:15 p.m. ET\nVelmora said {i} more would follow.", i)
             for i in range(3)]
    c = compare(target, peers)
    flagged = [x["quote"] for x in c.claims.uncorroborated + c.claims.contradicted + c.claims.omitted]
    assert not any("pdated" in q or "Reuters" in q for q in flagged), flagged


# ----------------------------------------------------------------------------- corroboration by paraphrase


PARA_PEERS = [
    "An attack by Velmoran forces hit the radar station at Pellan, the Kestrian ministry reported.",
    "Kestria's radar station in Pellan was hit in an attack that Kestrian officials blamed on Velmora.",
    "Officials in Kestria said the Pellan radar station came under Velmoran attack.",
]


def test_a_paraphrased_peer_sentence_corroborates_the_claim():
    target = _a("Velmora struck the Pellan radar station on Tuesday.\n\nVelmora struck the Tarsk dam on Tuesday.", 9, id="t")
    c = compare(target, [_a(t, i) for i, t in enumerate(PARA_PEERS)])
    unc = [x["quote"] for x in c.claims.uncorroborated]
    assert not any("Pellan" in q for q in unc), unc  # reported by the peers in other words
    assert any("Tarsk" in q for q in unc), unc  # negative control: no peer reports the dam


def test_numbers_must_agree_for_a_count():
    from framing.comparison.docs import Doc, as_analysis
    from framing.comparison.facts import alias_map, facts

    t_doc = Doc("t", as_analysis(_a("Velmora fired 40 missiles at Pellan.", 9, id="t")))
    p_doc = Doc("p", as_analysis(_a("Velmora fired 12 missiles at Pellan.", 1)))
    amap = alias_map([t_doc, p_doc])
    t, p = facts(t_doc, amap)[0], facts(p_doc, amap)[0]
    assert not supports(t, p, 0.9)  # same wording, other count: not a corroboration
    p2 = facts(Doc("p2", as_analysis(_a("Pellan was hit by 40 Velmoran missiles.", 2))), amap)[0]
    assert supports(t, p2, 0.2)


# ----------------------------------------------------------------------------- omitted, searched in every clause of the target


OMIT_PEERS = [
    "The Kestrian parliament voted to expel Velmoran diplomats on Monday. Velmora fired missiles at Pellan.",
    "On Monday the parliament of Kestria voted to expel the diplomats of Velmora. Velmora fired missiles at Pellan.",
    "Kestrian lawmakers voted on Monday to expel Velmoran diplomats. Velmora fired missiles at Pellan.",
]


def test_a_fact_stated_in_other_words_is_not_omitted():
    target = _a("Velmora fired missiles at Pellan. Lawmakers in Kestria approved sending Velmora's envoys home.", 9, id="t")
    c = compare(target, [_a(t, i) for i, t in enumerate(OMIT_PEERS)])
    assert not any("voted" in x["quote"] for x in c.claims.omitted), [x["quote"] for x in c.claims.omitted]


def test_a_fact_the_target_leaves_out_is_omitted():
    target = _a("Velmora fired missiles at Pellan. Nothing else happened, officials in Velmora said.", 9, id="t")
    c = compare(target, [_a(t, i) for i, t in enumerate(OMIT_PEERS)])
    om = [x for x in c.claims.omitted if "voted" in x["quote"]]
    assert len(om) == 1 and om[0]["n_peers"] == 3
    assert {e["text_id"] for e in om[0]["peer_evidence"]} | {om[0]["text_id"]} == {"p0", "p1", "p2"}


# ----------------------------------------------------------------------------- contradiction wording


def test_attributed_claim_is_reported_differently_not_false():
    peers = [_a("Velmora fired missiles at Camp Greystone. No Kestrian soldiers were harmed in the attack on Camp Greystone.", i) for i in range(3)]
    own = _a("Velmora fired missiles at Camp Greystone, killing 80 Kestrian soldiers.", 9, id="t")
    said = _a("Velmora fired missiles at Camp Greystone, killing 80 Kestrian soldiers, Velmoran television said.", 9, id="t")
    c_own, c_said = compare(own, peers), compare(said, peers)
    assert [x["wording"] for x in c_own.claims.contradicted] == ["contradicted"]
    assert [x["wording"] for x in c_said.claims.contradicted] == ["reported differently"]
    assert c_said.claims.contradicted[0]["n_peers"] == 3
    assert not c_said.claims.uncorroborated  # a contradicted claim is not listed twice


# ----------------------------------------------------------------------------- denial against a confirmed count


DENY_TARGET = ("Velmora fired twelve missiles at Camp Greystone on Wednesday. "
               "No Kestrian soldiers were hurt in the overnight attack, the Kestrian ministry said.")
FILLER_PEERS = ["Velmora fired twelve missiles at Camp Greystone on Wednesday, Kestrian officials said.",
                "Twelve Velmoran missiles struck Camp Greystone on Wednesday night."]


@pytest.mark.parametrize(("peer", "flagged"), [
    ("A Kestrian officer later said 14 Kestrian soldiers had been injured in the attack.", True),
    # other wording, a week later (passages far apart): the denied people, the kind of harm and the attack decide
    ("Velmora fired twelve missiles at Camp Greystone on Wednesday. The base stayed closed to visitors for days. "
     "Fourteen Kestrian soldiers were injured, a medic at the base told reporters a week after the attack.", True),
    # the denial is of injuries; a count of the dead is another slot
    ("A Kestrian officer later said 14 Kestrian soldiers had been killed in the attack.", False),
    # a count that did not happen
    ("Velmora would have struck again had there been even one Kestrian casualty in the attack, an officer said.", False),
    # another people's injuries in another attack on the same day
    ("A Pellan officer said 14 Pellan guards had been injured in a separate attack on the Tarsk dam.", False),
])
def test_a_denial_against_a_peer_count_is_reported_differently(peer, flagged):
    target = _a(DENY_TARGET, 9, id="t", outlet="Counterpoint")
    c = compare(target, [_a(t, i) for i, t in enumerate([*FILLER_PEERS, peer])])
    contra = [x for x in c.claims.contradicted if "No Kestrian soldiers" in x["quote"]]
    if flagged:
        assert len(contra) == 1 and contra[0]["wording"] == "reported differently", c.claims.contradicted
        assert [e["text_id"] for e in contra[0]["peer_evidence"]] == ["p2"]
    else:
        assert not contra, contra


# ----------------------------------------------------------------------------- participants


def _facts_of(*texts, outlet_names=None):
    from framing.comparison.claims import outlets, refine_participants
    from framing.comparison.docs import Doc, as_analysis
    from framing.comparison.facts import alias_map, facts

    docs = [Doc(f"d{i}", as_analysis(_a(t, i, outlet=(outlet_names or {}).get(i, f"Outlet {i}")))) for i, t in enumerate(texts)]
    amap = alias_map(docs)
    fs = [facts(d, amap) for d in docs]
    refine_participants([f for x in fs for f in x], amap, docs, outlets(docs, amap))
    return fs


def test_a_capitalised_common_word_is_no_participant_and_a_joint_name_is_split():
    fs = _facts_of("Having left the treaty, Velmora imposed sanctions on Kestria.\n\nA joint Velmoran-Kestrian patrol crossed at Tarsk.",
                   "Officials said Velmora was having second thoughts.")
    assert fs[0][0].entities == {"velmora", "kestria"}  # "Having" starts the sentence and is used in lowercase elsewhere
    assert {"velmora", "kestria"} <= fs[0][1].entities and "velmoran-kestrian" not in fs[0][1].entities
    # a name that only starts sentences but is never a lowercase word stays a participant
    assert "brandt" in _facts_of("Brandt ordered the strike on Tarsk.", "Velmora said nothing.")[0][0].entities


def test_a_news_outlet_is_a_channel_not_a_participant():
    fs = _facts_of("Velmora fired missiles at Tarsk, the Pellan Herald reported.", "Velmora fired missiles at Tarsk.", outlet_names={1: "Pellan Herald"})
    assert fs[0][0].entities == {"velmora", "tarsk"}


def test_an_unnamed_source_is_not_required_of_a_corroborating_peer():
    text = "Kestrian and Tarskan government sources said Velmora had warned Pellan before the strike."
    target = _a(text, 9, id="t")
    s = text.index("Kestrian and")
    speaker = "Kestrian and Tarskan government sources"
    target["attribution"]["quotes"].append({
        "start": s, "end": s + len(text) - 1, "quote": text[:-1], "type": "indirect", "speaker": speaker, "speaker_kind": "anonymous", "actor": speaker, "cue": "said", "cue_class": "neutral", "cue_weight": 0.0, "speaker_start": s, "speaker_end": s + len(speaker),
        "cue_start": s + len(speaker) + 1, "cue_end": s + len(speaker) + 5, "content_start": s + len(speaker) + 6, "content_end": s + len(text) - 1,
        "content_fragments": [{"start": s + len(speaker) + 6, "end": s + len(text) - 1}], "rule": "rule:attribution.verb_complement"})
    # the peers tell it in other words (cosine below the wording threshold): matched by predicate class and participants
    peers = [_a("Officials in Pellan got a Velmoran warning hours ahead of the missile attack.", 0),
             _a("A warning from Velmora reached Pellan ahead of the attack.", 1), _a("Missiles hit Pellan on Tuesday.", 2)]
    assert not [x for x in compare(target, peers).claims.uncorroborated if "sources said" in x["quote"]]
    named = _a("Kestrian and Tarskan ministers said Velmora had warned Pellan before the strike.", 9, id="t")
    assert [x for x in compare(named, peers).claims.uncorroborated if "ministers said" in x["quote"]]  # named speakers are the news


def test_a_government_named_after_its_state_is_that_state_s_voice():
    """The sourcing ledger: "the government of Iran said" in the target and "Iran said" in peers are one voice (the
    report had listed 'government of Iran' as a voice only the target quotes while 19 peers quote Iran); demonyms
    and administrations are not folded."""
    iran = voice_key({"actor": "Iran"})
    assert voice_key({"speaker": "the government of Iran"}) == iran
    assert voice_key({"speaker": "Iran's government"}) == iran
    assert voice_key({"speaker": "Government of the Netherlands"}) == voice_key({"actor": "Netherlands"})
    assert voice_key({"speaker": "the Iraqi government"}) != voice_key({"actor": "Iraq"})
    assert voice_key({"speaker": "the Trump administration"}) != voice_key({"actor": "Donald Trump"})
    assert voice_key({"speaker": "a government spokesman"}) == voice_key({"speaker": "a government spokesman"})
