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
