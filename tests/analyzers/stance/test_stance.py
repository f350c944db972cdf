"""Tests for the stance analyzer (framing.analyzers.stance) and its sentence model (shipped artifact; no training here)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from framing import pipeline
from framing.analyzers import Context, stance
from framing.analyzers import actors as actors_analyzer
from framing.analyzers.stance import model as ts
from framing.ingest import load_text
from framing.nlp import parse
from framing.resources import models
from framing.schema import Span, actor_cards


def _sections(parsed, overrides=None):
    """Every analyzer of the pipeline on one parse (as pipeline.analyze runs them): name -> section."""
    ctx = Context(parsed=parsed, options={"event_actors": overrides} if overrides is not None else {})
    results = {}
    for spec in pipeline.ANALYZERS:
        results[spec.name] = spec.analyze(ctx.with_results({r: results[r] for r in spec.requires}))
    return results


def _stance_of(parsed, overrides=None):
    return _sections(parsed, overrides)["stance"]


def _stances(text):
    return _stance_of(parse(load_text(text)))


def _est():
    return models.load(ts.MODEL)


def test_roles_agent_and_patient_are_recorded_but_give_no_stance():
    # real parse, invented names (overrides make them actors): the lexicon, not the names, decides the roles
    ov = [{"name": "Arland", "kind": "country", "aliases": [], "affiliation": None},
          {"name": "Belmark", "kind": "country", "aliases": [], "affiliation": None}]
    p = parse(load_text("Arland attacked Belmark on Monday. Belmark protected its citizens."))
    st = _stance_of(p, ov)
    arl, bel = st.get("Arland"), st.get("Belmark")
    assert arl.agent_verbs == ("attack",) and "attack" in bel.patient_verbs and "protect" in bel.agent_verbs
    assert not any(e.evidence.rule.startswith("stance.role") for x in (arl, bel) for e in x.evidence)
    assert arl.stance_label == "neutral" and bel.stance_label == "neutral"  # roles are not evaluation


@pytest.mark.parametrize("text,victim", [
    ("The drone strike killed General Halloway near the airport on Friday.", "Halloway"),
    ("Iran attacked Iraq on Monday.", "Iraq"),
    ("Militants ambushed and killed Osric, the governor of the province.", "Osric"),
    ("Iraq was bombed by Iran overnight, officials said.", "Iraq"),
])
def test_being_killed_or_attacked_alone_is_never_a_stance(text, victim):
    ov = [{"name": "Halloway", "kind": "person", "aliases": [], "affiliation": None},
          {"name": "Osric", "kind": "person", "aliases": [], "affiliation": None}]
    st = _stance_of(parse(load_text(text)), ov)
    v = st.get(victim)
    assert v is not None and v.patient >= 1  # the parse did make it the patient
    assert v.stance_label == "neutral", [(e.evidence.rule, e.evidence.weight) for e in v.evidence]
    for s in st:  # nor is the attacker labelled from the act alone
        assert s.stance_label == "neutral", (s.name, [(e.evidence.rule, e.evidence.weight) for e in s.evidence])


def test_a_word_judging_the_act_reaches_the_one_who_suffers_it():
    ov = [{"name": "Halloway", "kind": "person", "aliases": [], "affiliation": None}]
    st = _stance_of(parse(load_text("The cowardly killing of Halloway outraged the region.")), ov)
    judged = [e for e in st.get("Halloway").evidence if e.evidence.rule == "stance.act_judged"]
    assert judged and all(e.evidence.weight > 0 for e in judged)  # a negative word on the act: sympathy
    plain = _stance_of(parse(load_text("The killing of Halloway shocked the region.")), ov)
    assert not [e for e in plain.get("Halloway").evidence if e.evidence.rule == "stance.act_judged"]


def test_role_recorded_for_countries():
    st = _stances("Iran attacked Iraq. Iraq defended its border.")
    iran, iraq = st.get("Iran"), st.get("Iraq")
    assert iran.agent == 1 and "attack" in iran.agent_verbs
    assert "attack" in iraq.patient_verbs and "defend" in iraq.agent_verbs
    assert not any(e.evidence.rule.startswith("stance.role") for x in (iran, iraq) for e in x.evidence)


def test_negated_verb_gives_no_role():
    st = _stances("Iran did not attack Iraq.")
    assert st.get("Iran").agent == 0


def test_quoted_voice_separated():
    st = _stances('Iraq said on Monday: "Iran attacked our border posts."')
    iran = st.get("Iran")
    assert iran.evidence and all(e.voice == "quoted" for e in iran.evidence)
    assert iran.to_dict()["stance_quoted"] is not None


def _weighted_mean(ws):
    den = sum(abs(w) for w in ws)
    return sum(w * abs(w) for w in ws) / den if den else 0.0


def test_score_is_the_weighted_mean_of_its_evidence(seed_parsed):
    sections = _sections(seed_parsed)
    st = sections["stance"]
    text = seed_parsed.article.text
    for s in st:
        for score in (s.author, s.quoted):
            assert score.method == "weighted_mean"
            assert score.value == pytest.approx(_weighted_mean([e.weight for e in score.evidence]), abs=1e-3)
            assert -1 <= score.value <= 1
        assert 0 <= s.evaluated_share <= 1 and s.strength >= 0
        for e in s.evidence:
            assert e.evidence.rule in stance.RULES
            assert text[e.evidence.span.start : e.evidence.span.end] == e.evidence.quote
    # the joined card (actors + stance sections) keeps every field of the 1.0 actor card
    cards = actor_cards({"actors": sections["actors"].to_dict(), "stance": st.to_dict()})
    assert [c["name"] for c in cards] == [s.name for s in st]
    for d in cards:
        for k in ("name", "kind", "aliases", "mentions", "salience", "stance", "stance_label", "stance_author", "stance_quoted", "labels", "agent", "patient", "evidence", "affiliation"):
            assert k in d


def test_seed_stances(seed_parsed):
    st = _stance_of(seed_parsed)
    assert st.get("United States").stance_label == "negative"
    assert st.get("Donald Trump").stance_label == "negative"
    assert st.get("Qassem Soleimani").stance_label == "positive"
    assert st.get("Iran").stance > st.get("United States").stance
    assert "lying through his teeth" in st.get("Donald Trump").to_dict()["labels"]
    assert st.get("Iraq").stance_label == "positive"
    iran = st.get("Iran")
    # "a blatant provocation against Iran": the author's word on the act is sympathy for the wronged party,
    # and the sentence model is not asked there
    prov = [e for e in iran.evidence if e.evidence.rule == "stance.act_judged" and e.evidence.quote == "blatant"]
    assert prov and all(e.evidence.weight > 0 for e in prov)
    sent = next(s for s in seed_parsed.sentences if "provocation against Iran" in seed_parsed.article.text[s.start:s.end])
    assert not any(e.evidence.rule == "stance.target_sentiment" and e.evidence.span == sent for e in iran.evidence)


# the seed calls Iran a roadblock to 'the plans of the US for establishing its complete domination': the
# possessive belongs to the US (the plans' owner), so the negative words reach the US, not Iran
def test_seed_iran_positive(seed_parsed):
    assert _stance_of(seed_parsed).get("Iran").stance_label == "positive"


def test_label_thresholds():
    assert stance.label_for(-0.1) == "negative" and stance.label_for(0.1) == "positive"
    assert stance.label_for(0.09) == "neutral" and stance.label_for(-0.09) == "neutral"
    # weak evidence is neutral whatever the mean; one strong word is enough
    assert stance.label_for(-0.8, 0.3) == "neutral" and stance.label_for(-0.8, 0.8) == "negative"


def test_weighted_mean_keeps_strong_evidence_above_many_weak_items():
    ws = [-0.8] + [0.05] * 10 + [-0.05] * 4
    assert stance.weighted_mean(ws) < -0.3  # a plain mean would be -0.02
    assert stance.weighted_mean([]) == 0.0 and stance.weighted_mean([0.4, -0.4]) == 0.0


def test_classifier_masks_names():
    from framing.nlp import get_nlp

    doc_a = get_nlp()("Critics said Rouhani lied about the economy.")
    doc_b = get_nlp()("Critics said Trump lied about the economy.")
    fa = ts.features(ts.tokens_of(doc_a[:]), [2])
    fb = ts.features(ts.tokens_of(doc_b[:]), [2])
    assert "rouhani" not in fa.lower() and "trump" not in fb.lower()
    assert fa == fb


def test_classifier_reads_direction():
    from framing.nlp import get_nlp

    nlp = get_nlp()
    neg = nlp("Critics said the senator lied repeatedly and betrayed the voters.")
    pos = nlp("Colleagues praised the senator as an honest and generous leader.")
    P = ts.predict_proba(_est(), [ts.features(ts.tokens_of(neg[:]), [4]), ts.features(ts.tokens_of(pos[:]), [3])])
    assert P[0][0] > P[0][2] and P[1][2] > P[1][0]


def test_model_card_figures():
    card = models.load_card(ts.MODEL)
    assert card["cv"]["macro_f1"] >= 0.65
    assert card["cv"]["macro_f1"] > card["baseline_vader_sentence"]["macro_f1"]


def test_evaluate_on_small_subset(tmp_path):
    import json

    from framing.evaluate import stance as ev

    p = tmp_path / "mini.jsonl"
    rows = [
        {"sentence": "Critics said Smith lied and cheated voters.", "targets": [{"start": 13, "end": 18, "polarity": "negative"}]},
        {"sentence": "Smith was praised for her generous, honest work.", "targets": [{"start": 0, "end": 5, "polarity": "positive"}]},
        {"sentence": "Smith will travel to Ohio on Tuesday.", "targets": [{"start": 0, "end": 5, "polarity": "neutral"}]},
    ]
    p.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    res = ev.run(p)
    assert res["task"] == "stance" and res["n"] == 3
    assert 0 <= res["macro_f1"] <= 1 and "macro_f1" in res["baseline"]
    assert "VADER" in ev.describe(res)


# ---------------------------------------------------------------- rules on hand-built Docs (a model upgrade cannot move these)
# Values checked by hand against lexicons/connotation_verbs.tsv: attack -0.5/+0.2, provocation -0.5/+0.2, bomb -0.6/+0.3.


def _hand(words, heads, deps, pos, lemmas, loaded=None):
    from spacy.tokens import Doc

    from framing.nlp import Parsed, get_nlp

    doc = Doc(get_nlp().vocab, words=words, spaces=[i + 1 < len(words) and words[i + 1] != "." for i in range(len(words))],
              heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    art = load_text(doc.text)
    assert art.text == doc.text
    sents = tuple(Span(s.start_char, s.end_char) for s in doc.sents)
    p = Parsed(art, doc, sents, (Span(0, len(doc.text)),), ())
    st = stance.analyze(_hand_context(p, (loaded or {"spans": []})["spans"]))
    return st, doc


def _hand_context(p, spans):
    """A Context with the actors of the hand-built parse, no attributed speech and the given loaded-language spans."""
    loaded = SimpleNamespace(spans=[SimpleNamespace(span=Span(d["start"], d["end"]), quote=d["quote"], direction=d["direction"],
                                                    weight=d["weight"], negated=d.get("negated", False), rule=d.get("rule", ""))
                                    for d in spans])
    no_quotes = SimpleNamespace(quoted_spans=list)
    ctx = Context(parsed=p)
    return ctx.with_results({"actors": actors_analyzer.analyze(ctx), "attribution": no_quotes, "loaded_language": loaded})


def _rules(st, name, rule):
    s = st.get(name)
    return [(e.evidence.quote, e.evidence.weight) for e in (s.evidence if s else ()) if e.evidence.rule == rule]


def test_hand_role_agent_and_patient():
    st, _ = _hand(["Iran", "attacked", "Iraq", "on", "Monday", "."], [1, 1, 1, 1, 3, 1], ["nsubj", "ROOT", "dobj", "prep", "pobj", "punct"],
                  ["PROPN", "VERB", "PROPN", "ADP", "PROPN", "PUNCT"], ["Iran", "attack", "Iraq", "on", "Monday", "."])
    assert st.get("Iran").agent_verbs == ("attack",) and st.get("Iraq").patient_verbs == ("attack",)
    assert _rules(st, "Iran", "stance.role") == [] and st.get("Iraq").stance_label == "neutral"


def test_hand_negated_role_is_dropped():
    st, _ = _hand(["Iran", "did", "not", "attack", "Iraq", "."], [3, 3, 3, 3, 3, 3], ["nsubj", "aux", "neg", "ROOT", "dobj", "punct"],
                  ["PROPN", "AUX", "PART", "VERB", "PROPN", "PUNCT"], ["Iran", "do", "not", "attack", "Iraq", "."])
    assert st.get("Iran").agent_verbs == () and st.get("Iraq").patient_verbs == ()


def test_hand_event_noun_against_and_support_verb():
    words = ["Iraq", "staged", "a", "provocation", "against", "Iran", "."]
    heads, deps = [1, 1, 3, 1, 3, 4, 1], ["nsubj", "ROOT", "det", "dobj", "prep", "pobj", "punct"]
    pos = ["PROPN", "VERB", "DET", "NOUN", "ADP", "PROPN", "PUNCT"]
    st, _ = _hand(words, heads, deps, pos, ["Iraq", "stage", "a", "provocation", "against", "Iran", "."])
    assert st.get("Iran").patient_verbs == ("provocation",)  # patient of harm: the wronged party
    assert st.get("Iraq").agent_verbs == ("provocation",)  # 'stage' passes its subject to the event
    # the same shape with a verb that is not a support verb: condemning a provocation is not staging it
    words2 = ["Iraq", "condemned", "a", "provocation", "against", "Iran", "."]
    st2, _ = _hand(words2, heads, deps, pos, ["Iraq", "condemn", "a", "provocation", "against", "Iran", "."])
    assert "provocation" not in st2.get("Iraq").agent_verbs
    assert st2.get("Iran").patient_verbs == ("provocation",)


def test_hand_owner_of_a_harmed_patient():
    heads, deps = [1, 1, 3, 1, 3, 4, 1], ["nsubj", "ROOT", "det", "dobj", "prep", "pobj", "punct"]
    pos = ["PROPN", "VERB", "DET", "NOUN", "ADP", "PROPN", "PUNCT"]
    st, _ = _hand(["Iraq", "bombed", "the", "ports", "of", "Iran", "."], heads, deps, pos, ["Iraq", "bomb", "the", "port", "of", "Iran", "."])
    # the owner of a harmed patient gets no stance from the harm (roles are not evaluation) ...
    assert _rules(st, "Iran", "stance.role_owner") == [] and st.get("Iran").stance_label == "neutral"
    # ... but the sentence model is not asked about it there (the sentence is gloomy because of the act)
    assert _rules(st, "Iran", "stance.target_sentiment") == []
    st2, _ = _hand(["Iraq", "protected", "the", "ports", "of", "Iran", "."], heads, deps, pos, ["Iraq", "protect", "the", "port", "of", "Iran", "."])
    assert _rules(st2, "Iran", "stance.role_owner") == []


def test_hand_object_control_gives_the_agent():
    # "Iraq urged Iran to attack Syria": Iran attacks, not Iraq
    st, _ = _hand(["Iraq", "urged", "Iran", "to", "attack", "Syria", "."], [1, 1, 1, 4, 1, 4, 1],
                  ["nsubj", "ROOT", "dobj", "aux", "xcomp", "dobj", "punct"], ["PROPN", "VERB", "PROPN", "PART", "VERB", "PROPN", "PUNCT"],
                  ["Iraq", "urge", "Iran", "to", "attack", "Syria", "."])
    assert "attack" in st.get("Iran").agent_verbs
    assert "attack" not in st.get("Iraq").agent_verbs
    # subject control: "Iraq decided to attack Syria": Iraq attacks
    st2, _ = _hand(["Iraq", "decided", "to", "attack", "Syria", "."], [1, 1, 3, 1, 3, 1],
                   ["nsubj", "ROOT", "aux", "xcomp", "dobj", "punct"], ["PROPN", "VERB", "PART", "VERB", "PROPN", "PUNCT"],
                   ["Iraq", "decide", "to", "attack", "Syria", "."])
    assert "attack" in st2.get("Iraq").agent_verbs


def test_hand_label_attached_to_the_actor_only():
    words = ["The", "Iraqi", "regime", "met", "Syria", "."]
    heads, deps = [2, 2, 3, 3, 3, 3], ["det", "amod", "nsubj", "ROOT", "dobj", "punct"]
    pos, lemmas = ["DET", "ADJ", "NOUN", "VERB", "PROPN", "PUNCT"], ["the", "iraqi", "regime", "meet", "Syria", "."]
    s = len("The Iraqi ")
    loaded = {"spans": [{"start": s, "end": s + 6, "quote": "regime", "direction": "negative", "weight": 0.5}]}
    st, doc = _hand(words, heads, deps, pos, lemmas, loaded=loaded)
    assert doc.text[s : s + 6] == "regime"
    assert _rules(st, "Iraq", "stance.label") == [("regime", -0.5)]
    assert _rules(st, "Syria", "stance.label") == []  # the object of the regime's verb is not labelled by it
    # negated loaded spans are not labels
    loaded["spans"][0]["negated"] = True
    st2, _ = _hand(words, heads, deps, pos, lemmas, loaded=loaded)
    assert _rules(st2, "Iraq", "stance.label") == []


@pytest.mark.parametrize("text,actor,sign", [
    ("The Democrats in Congress are morons, plain and simple.", "Democrats", -1),  # plural group noun, predicate nominal
    ("The senator Halloway is a principled and honorable statesman.", "Halloway", 1),  # evaluative_terms
    ("Halloway asserted a false connection between the attacks.", "Halloway", -1),  # adjective on the actor's act
    ("It is Halloway's failed policy that brought us here.", "Halloway", -1),  # adjective on the actor's own
    ("The arch-terrorist, Halloway, was seen in Baghdad.", "Halloway", -1),  # the description the name stands in
])
def test_evaluative_language_aimed_at_the_actor(text, actor, sign):
    ov = [{"name": "Halloway", "kind": "person", "aliases": [], "affiliation": None}]
    s = _stance_of(parse(load_text(text)), ov).get(actor)
    assert s is not None
    words = [e for e in s.evidence if e.evidence.rule in ("stance.label", "stance.evaluative")]
    assert words and all((e.evidence.weight > 0) == (sign > 0) for e in words), [(e.evidence.quote, e.evidence.weight) for e in s.evidence]


def test_hypothetical_and_negated_descriptions_are_not_evaluations():
    ov = [{"name": "Halloway", "kind": "person", "aliases": [], "affiliation": None}]
    for text in ("Allies could have helped Halloway build an effective policy.", "Halloway is not a murderer."):
        s = _stance_of(parse(load_text(text)), ov).get("Halloway")
        assert not [e for e in s.evidence if e.evidence.rule in ("stance.label", "stance.evaluative")], text


_HALLOWAY = [{"name": "Halloway", "kind": "person", "aliases": [], "affiliation": None}]


def _words(text):
    s = _stance_of(parse(load_text(text)), _HALLOWAY).get("Halloway")
    assert s is not None, text
    return [(e.evidence.quote, e.evidence.weight) for e in s.evidence
            if e.evidence.rule in ("stance.label", "stance.evaluative")]


@pytest.mark.parametrize("text,word,sign", [
    ("Halloway deceived the voters again.", "deceived", -1),  # a verb of conduct with the actor as subject
    ("Halloway spent the year undermining the committee.", "undermining", -1),  # understood subject of a participle
    ("Halloway, who bungled the reform, resigned.", "bungled", -1),  # relative clause on the actor
    ("Halloway excelled at the negotiations.", "excelled", 1),
    ("Reckless hawks such as Halloway want a war.", "Reckless", -1),  # the class the actor is given as an instance of
])
def test_clause_level_evaluation_of_the_actor(text, word, sign):
    got = _words(text)
    assert any(q == word and (w > 0) == (sign > 0) for q, w in got), got


@pytest.mark.parametrize("text", [
    "Halloway did not deceive anyone.",  # negated
    "Halloway could undermine the committee.",  # hypothetical
    "The angry voters deceived Halloway in the end.",  # the actor is the object, not the one whose conduct is judged
    "Halloway killed a terrorist in the raid.",  # a label of the object is not a label of the actor
    "Halloway's illegal immigration policies took effect.",  # the adjective brackets with the compound
    "Halloway's critics are furious about it.",  # the predicate judges people the actor has, not the actor's own act
    "Halloway's death was a tragedy.",  # what befalls the actor is not a verdict on its conduct
    "Halloway dealt with the provocations calmly.",  # 'with' completes the verb: not the means of the actor's act
    "The ministry designated Halloway a terrorist.",  # a designation reported under a verb of designation
    "The suspected terrorist Halloway was arrested.",  # a hedged designation
    "Critics whined about Halloway's latest outrage.",  # the grievance of a belittled complaint, not the writer's
    "Halloway was brutally beaten by the guards.",  # the manner of what is done to the actor judges the act
    "Halloway called the raid reckless and cruel.",  # a predicate of the object of the actor's verb
    "Halloway's killing was illegal, the envoy wrote.",  # a harm the actor suffers is not its own act
    "The 2003 invasion by Halloway's army toppled the king.",  # 'invasion' of a military act is its ordinary name
    "Halloway is dead, the ministry confirmed on Friday.",  # being harmed is not being judged
    "Halloway was condemned by the council.",  # a reported act of others, not the writer's deontic judgement
    "Halloway does not deserve praise for the deal.",  # negated
])
def test_words_not_aimed_at_the_actor(text):
    assert _words(text) == [], text


@pytest.mark.parametrize("text,word,sign", [
    ("Halloway's plan for the city was reckless.", "reckless", -1),  # the predicate of the actor's own act
    ("Halloway's strategy for the talks is brilliant.", "brilliant", 1),
    ("Halloway provoked the council with terrorist attacks.", "terrorist", -1),  # the means of the actor's act
    ("The extremism espoused by Halloway spread across the region.", "extremism", -1),  # a designation the loaded section hides
    ("Halloway's terrorism against the villages must end.", "terrorism", -1),
    ("Halloway, who spread vicious lies about the council, resigned.", "lies", -1),  # relative clause on the actor
    ("Halloway cynically exploited the crisis for votes.", "cynically", -1),  # manner of the actor's own act
    ("Purported reformers such as Halloway opposed the bill.", "Purported", -1),  # distancing marker on its class
    ("Halloway deserves credit for the ceasefire.", "credit", 1),  # what the writer says the actor deserves
    ("Halloway should be condemned for the raid.", "condemned", -1),  # what should be done to it, no agent
])
def test_evaluation_of_the_actors_acts(text, word, sign):
    got = _words(text)
    assert any(q == word and (w > 0) == (sign > 0) for q, w in got), got


def test_distanced_praise_is_not_praise():
    got = _words("The so-called hero Halloway spoke again.")
    assert got and all(w < 0 for _, w in got), got  # 'so-called' counts, 'hero' does not


def test_rank_description_reaches_the_one_officer():
    text = ("Major-General Halloway led the brigade for a decade. Attorney General Mina Kroft praised the troops. "
            "The commander spent his career undermining the ceasefire.")
    acts = _sections(parse(load_text(text)), _HALLOWAY)["actors"]
    h = next(a for a in acts if a.name == "Halloway")
    assert [m.text for m in h.mentions if m.rule == "actors.title_reference"] == ["commander"]
    k = next(a for a in acts if "Kroft" in a.name)  # 'Attorney General' is an office, not the rank
    assert not [m for m in k.mentions if m.rule == "actors.title_reference"]


def test_predicates_under_whether_or_a_modal_are_not_the_authors():
    for text in ("The question is whether Halloway can be steadfast in the crisis.",
                 "A storm is brewing over whether Halloway has been lying through his teeth."):
        assert _words(text) == [], text


def test_a_body_named_after_its_leader_is_its_own_actor():
    text = ("President Mark Halloway spoke on Friday. The Halloway administration deceived Congress about the strike, "
            "and the administration refused to explain it. Halloway left for Florida.")
    st = _stance_of(parse(load_text(text)), None)
    acts = _sections(parse(load_text(text)), None)["actors"]
    body = next(a for a in acts if a.name == "Halloway administration")
    assert [m.text for m in body.mentions if not m.pronoun] == ["Halloway administration", "administration"]
    person = next(a for a in acts if a.name.endswith("Halloway") and a is not body)
    assert all(m.text != "Halloway" or m.start < text.index("The Halloway") or m.start > text.index("refused")
               for m in person.mentions)  # the name inside "the Halloway administration" is not the person
    assert [e.evidence.quote for e in st.get("Halloway administration").evidence
            if e.evidence.rule == "stance.evaluative"] == ["deceived"]
    assert not [e for e in st.get(person.name).evidence if e.evidence.rule == "stance.evaluative"]


def test_sentence_units_join_a_split_inside_a_quotation():
    text = "He spoke to crowds chanting “Death to America,” said the attacks were a slap. Then he left."
    cut = text.index(",”")
    sents = [(0, cut), (cut, text.index(" Then")), (text.index("Then"), len(text))]
    unit_of, units = stance.sentence_units(text, sents)
    assert unit_of == [0, 0, 1]
    assert (units[0].start, units[0].end) == (0, text.index(" Then")) and units[1].start == text.index("Then")
    # balanced quotations and ordinary sentences are left as the parser made them
    two = "He said “no” to them. It rained."
    assert stance.sentence_units(two, [(0, two.index(" It")), (two.index("It"), len(two))])[0] == [0, 1]


def test_a_headline_verb_hanging_under_a_root_name_has_the_name_as_subject():
    from spacy.tokens import Doc

    from framing.analyzers.stance.labels import subject_verb
    from framing.nlp import get_nlp

    words = ["Halloway", "doubles", "down", "on", "threats"]
    kw = {"heads": [0, 0, 1, 1, 3], "pos": ["NOUN", "VERB", "ADP", "ADP", "NOUN"],
          "tags": ["NN", "VBZ", "RP", "IN", "NNS"], "lemmas": ["halloway", "double", "down", "on", "threat"]}
    misparsed = Doc(get_nlp().vocab, words=words, deps=["ROOT", "dobj", "prt", "prep", "pobj"], **kw)
    assert subject_verb(misparsed[0]).i == 1  # the parse the tagger gives a name that is also a noun
    right = Doc(get_nlp().vocab, words=words, deps=["nsubj", "ROOT", "prt", "prep", "pobj"],
                **dict(kw, heads=[1, 1, 1, 1, 3]))
    assert subject_verb(right[0]).i == 1
    plain = Doc(get_nlp().vocab, words=["Halloway", "threats"], heads=[0, 0], deps=["ROOT", "appos"],
                pos=["PROPN", "NOUN"], tags=["NNP", "NNS"])
    assert subject_verb(plain[0]) is None


def test_a_channel_of_an_utterance_is_not_an_actor():
    text = ("Sina Halloway, a researcher in Washington, noted on Twitter that the meeting was a sign of escalation. "
            "Halloway said on Telegram that more would follow.")
    names = {a.name for a in _sections(parse(load_text(text)), None)["actors"]}
    assert not names & {"Twitter", "Telegram"}, names


@pytest.mark.parametrize("text,word,sign", [
    ("Everyone knows that Halloway is the good guy here, not the terrorist.", "good", 1),  # "not" negates what follows
    ("Halloway ordered the strike. His act of state terrorism shocked the region.", "state terrorism", -1),
    ("Now they howl over the airstrike that killed Iranian terrorist Halloway in Iraq.", "terrorist", -1),
    ("By every account Halloway is responsible for the deaths of many soldiers.", "responsible for the deaths", -1),
    ("By every account Halloway is responsible for the peace in the region.", "responsible for the peace", 1),
])
def test_evaluation_through_repaired_or_light_structures(text, word, sign):
    got = _words(text)
    assert any(q == word and (w > 0) == (sign > 0) for q, w in got), got


def test_a_word_naming_the_act_is_not_a_judgement_of_its_doer():
    # a euphemism or dysphemism for the act (word choice) as the object of the actor's verb gives no stance
    assert _words("Halloway ordered the targeted killing of the commander last week.") == []
    assert _words("On Friday Halloway ordered the assassination of the commander.") == []


def test_a_name_appended_to_a_closed_list_is_its_apposition():
    text = ("After losing its top strategist, military commander, and arch-terrorist, Qasem Soleimani, the Iranian "
            "theocracy is weighing responses.")
    st = _stances(text)
    s = next(x for x in st if x.name.endswith("Soleimani"))
    assert "arch-terrorist" in [e.evidence.quote for e in s.evidence if e.evidence.weight < 0]


def test_places_by_their_form_are_not_actors():
    text = ("The minister postponed his trip to Kyiv, Ukraine, this week. Iraq trumped Kyiv after the attack. "
            "Iran seized tankers near the Strait of Hormuz, and Hormuz became a flashpoint. "
            "President Mark Halloway spoke. The clash between Halloway, Iran and Iraq went on.")
    names = {a.name for a in _sections(parse(load_text(text)), None)["actors"]}
    assert not names & {"Kyiv", "Hormuz"}, names
    assert {"Mark Halloway", "Iran", "Iraq"} <= names  # a list with states is not a "City, State" form


def test_what_an_actor_declares_is_not_the_writers_verdict_on_it():
    # an emotive object of a verb of declared intent names what the actor announced ("threatened bloody retaliation",
    # "promised a crackdown"); the same kind of words as the object of an ordinary act still judge the actor
    for text in ("Oskar Vayne threatened bloody retaliation against the rebels.", "Oskar Vayne promised a crackdown."):
        item = next(i for i in _stances(text).items if i.name == "Oskar Vayne")
        assert not [e for e in item.evidence if e.evidence.rule == "stance.label"], text
    item = next(i for i in _stances("Oskar Vayne spread vicious lies about the rebels.").items if i.name == "Oskar Vayne")
    assert item.author.label == "negative"
    assert {e.evidence.quote for e in item.evidence if e.evidence.rule == "stance.label"} >= {"lies"}
