"""Attribution rules: hand-built parses (rules independent of the model) and real parses, positive and negative
side by side; the seed article's must-show findings; offsets and rule ids. Hand-built parses test the rules alone
(use_model=False); real parses run the whole analysis, rules and the trained span model."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from framing.analyzers import Context, attribution
from framing.nlp import Parsed, find_quotes, paragraphs, parse, sentences
from framing.schema import Article

# --------------------------------------------------------------------------- helpers


def hand_parsed(nlp, words, heads, deps, pos, lemmas, tags=None):
    """A Parsed over a hand-built Doc (heads are absolute token indices)."""
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas, tags=tags,
              sent_starts=[True] + [False] * (len(words) - 1))
    art = Article(text=doc.text)
    return Parsed(art, doc, sentences(doc), paragraphs(art.text), find_quotes(art.text))


def run(parsed, *, actors=None, use_model: bool = True):
    """The attribution section of ``parsed`` (no actors unless given; rules alone with ``use_model=False``)."""
    return attribution.analyze(Context(parsed=parsed, results={"actors": actors}, options={"use_model": use_model}))


def real(text: str):
    return run(parse(Article(text=text)))


def quotes_of(res):
    return res.to_dict()["quotes"]


def check_offsets(res, text: str):
    d = res.to_dict()
    for key in ("quotes", "anonymous_sources", "vague_attributions", "unattributed_claims"):
        for item in d[key]:
            assert item["quote"] == text[item["start"]:item["end"]], key
            assert 0 <= item["start"] < item["end"] <= len(text)
    for q in d["quotes"]:
        for f in q["content_fragments"]:
            assert f["quote"] == text[f["start"]:f["end"]]
        if q["speaker_start"] is not None:
            assert q["speaker_text"] == text[q["speaker_start"]:q["speaker_end"]]
        assert q["type"] in attribution.TYPES
        assert q["speaker_kind"] in attribution.SPEAKER_KINDS
        assert q["cue_class"] in attribution.CUE_CLASSES + ("",)
        assert q["rule"] in attribution.RULES
    for key in ("anonymous_sources", "vague_attributions", "unattributed_claims"):
        for item in d[key]:
            assert item["rule"] in attribution.RULES
    for c in d["unattributed_claims"]:
        for m in c["markers"]:
            assert m["rule"] in attribution.RULES


# --------------------------------------------------------------------------- hand-built parses


def test_hand_built_reporting_verb_with_complement(nlp):
    #        0        1       2       3       4      5
    words = ["Trump", "said", "that", "Iran", "lied", "."]
    p = hand_parsed(nlp, words, [1, 1, 4, 4, 1, 1], ["nsubj", "ROOT", "mark", "nsubj", "ccomp", "punct"],
                    ["PROPN", "VERB", "SCONJ", "PROPN", "VERB", "PUNCT"], ["Trump", "say", "that", "Iran", "lie", "."])
    res = run(p, use_model=False)
    qs = quotes_of(res)
    assert len(qs) == 1
    q = qs[0]
    assert q["type"] == "indirect"
    assert q["speaker_text"] == "Trump"
    assert q["cue"] == "said" and q["cue_class"] == "neutral"
    assert q["content"] == "that Iran lied"
    check_offsets(res, p.text)


def test_hand_built_same_verb_without_speech_is_not_attribution(nlp):
    # 'Trump ate that cake .' -- no reporting verb, no attribution
    words = ["Trump", "ate", "that", "cake", "."]
    p = hand_parsed(nlp, words, [1, 1, 3, 1, 1], ["nsubj", "ROOT", "det", "dobj", "punct"],
                    ["PROPN", "VERB", "DET", "NOUN", "PUNCT"], ["Trump", "eat", "that", "cake", "."])
    assert quotes_of(run(p, use_model=False)) == []


def test_hand_built_said_with_plain_object_is_not_attribution(nlp):
    # 'Trump said nothing .' -- 'say' needs a clause as content
    words = ["Trump", "said", "nothing", "."]
    p = hand_parsed(nlp, words, [1, 1, 1, 1], ["nsubj", "ROOT", "dobj", "punct"],
                    ["PROPN", "VERB", "PRON", "PUNCT"], ["Trump", "say", "nothing", "."])
    assert quotes_of(run(p, use_model=False)) == []


def test_hand_built_anonymous_and_distancing(nlp):
    # 'Officials claimed the talks failed .'
    words = ["Officials", "claimed", "the", "talks", "failed", "."]
    p = hand_parsed(nlp, words, [1, 1, 3, 4, 1, 1], ["nsubj", "ROOT", "det", "nsubj", "ccomp", "punct"],
                    ["NOUN", "VERB", "DET", "NOUN", "VERB", "PUNCT"], ["official", "claim", "the", "talk", "fail", "."])
    res = run(p, use_model=False)
    q = quotes_of(res)[0]
    assert q["speaker_kind"] == "anonymous"
    assert q["cue_class"] == "distancing"
    assert [a["quote"] for a in res.to_dict()["anonymous_sources"]] == ["Officials"]


def test_hand_built_inserted_cue(nlp):
    # 'The plan , he said , is dead .'  said = parataxis of 'is'
    words = ["The", "plan", ",", "he", "said", ",", "is", "dead", "."]
    heads = [1, 6, 6, 4, 6, 6, 6, 6, 6]
    deps = ["det", "nsubj", "punct", "nsubj", "parataxis", "punct", "ROOT", "acomp", "punct"]
    pos = ["DET", "NOUN", "PUNCT", "PRON", "VERB", "PUNCT", "AUX", "ADJ", "PUNCT"]
    lemmas = ["the", "plan", ",", "he", "say", ",", "be", "dead", "."]
    res = run(hand_parsed(nlp, words, heads, deps, pos, lemmas), use_model=False)
    q = quotes_of(res)[0]
    assert q["rule"] == "rule:attribution.inserted_cue"
    assert [f["quote"] for f in q["content_fragments"]] == ["The plan", "is dead"]


# --------------------------------------------------------------------------- real parses


def test_direct_quote_with_speaker_after():
    text = '"We will respond to this attack with force," the defence minister said.'
    res = real(text)
    qs = quotes_of(res)
    assert len(qs) == 1
    assert qs[0]["type"] == "direct"
    assert "defence minister" in qs[0]["speaker_text"]
    assert qs[0]["content"].startswith('"We will respond')
    check_offsets(res, text)


def test_quote_split_by_attribution_is_one_quote():
    text = '"The plan," he said, "is dead and nobody will revive it."'
    res = real(text)
    qs = quotes_of(res)
    assert len(qs) == 1
    frags = [f["quote"] for f in qs[0]["content_fragments"]]
    assert any("The plan" in f for f in frags) and any("nobody will revive it" in f for f in frags)
    assert not any("he said" in f for f in frags)


def test_multi_sentence_quote_is_covered():
    text = 'Smith spoke after the vote. "We are ready for this. We will respond to every provocation," Smith said.'
    q = quotes_of(real(text))
    direct = [x for x in q if x["type"] == "direct"]
    assert len(direct) == 1
    assert "We are ready for this." in direct[0]["content"] and "every provocation" in direct[0]["content"]


def test_speaker_in_previous_sentence_with_colon():
    text = 'The minister addressed the crowd on Monday and said:\n"We will never give up this fight for our people and our land."'
    q = quotes_of(real(text))
    direct = [x for x in q if x["type"] == "direct"]
    assert direct and "minister" in direct[0]["speaker_text"]


def test_scare_quotes_and_titles_are_not_attributions():
    # scare quote, quoted title and 'so-called' side by side with a real quote
    assert quotes_of(real('The so-called "peace plan" was signed on Monday.')) == []
    assert quotes_of(real('The so-called peace has failed.')) == []
    assert quotes_of(real('He was reading "War and Peace" on the train to Boston.')) == []
    assert quotes_of(real('He was reading on the train, and said "war is coming to this town soon."'))


def test_according_to():
    res = real("According to officials in Baghdad, the strike killed 12 people.")
    q = quotes_of(res)
    assert q and q[0]["type"] == "according_to"
    assert q[0]["speaker_kind"] == "anonymous"
    assert "the strike killed 12 people" in q[0]["content"]
    assert "According to" not in q[0]["content"]


def test_agentless_forms():
    q = quotes_of(real("It was reported that the convoy was hit near the airport."))
    assert q and q[0]["type"] == "agentless" and q[0]["speaker"] == ""
    q = quotes_of(real("The general is believed to have died in the strike."))
    assert q and q[0]["type"] == "agentless"
    # an active sentence with a named source is not agentless
    q = quotes_of(real("The ministry reported that the convoy was hit near the airport."))
    assert q and q[0]["type"] == "indirect" and q[0]["speaker_kind"] == "government"


def test_pronoun_resolves_to_last_speaker():
    text = "Donald Trump spoke on Friday. He said that the strike was justified."
    q = quotes_of(real(text))
    said = [x for x in q if x["cue"] == "said"]
    assert said and said[0]["speaker"] == "Donald Trump"
    assert said[0]["speaker_text"] == "He"
    assert said[0]["speaker_kind"] == "named_person"


def test_reporting_noun():
    q = quotes_of(real("Iran's statement that the drone was shot down surprised no one."))
    assert q and q[0]["rule"] == "rule:attribution.noun_complement"
    assert q[0]["speaker_text"] == "Iran"


@pytest.mark.parametrize("verb,cls", [("said", "neutral"), ("claimed", "distancing"), ("confirmed", "endorsing"),
                                      ("boasted", "loaded")])
def test_cue_classes(verb, cls):
    q = quotes_of(real(f"The senator {verb} that the deal was signed."))
    assert q and q[0]["cue_class"] == cls


def test_first_person_belief_inside_speech_is_not_a_new_source():
    q = quotes_of(real('"I think we can win this state easily," Sanders said.'))
    assert len(q) == 1 and q[0]["speaker_text"] == "Sanders"
    # a third-person belief is an attribution
    q = quotes_of(real("Many voters believe that the election was rigged."))
    assert q and q[0]["speaker_kind"] == "vague"


def test_unattributed_claim_positive_and_negative():
    res = real("The attack killed 80 soldiers.\n\nThe weather was mild.")
    claims = res.to_dict()["unattributed_claims"]
    assert [c["quote"] for c in claims] == ["The attack killed 80 soldiers."]
    assert set(claims[0]["kinds"]) >= {"number", "casualty"}
    # the same claim with a source in the sentence is not unattributed
    res = real("Officials in Iraq said the attack killed 80 soldiers.")
    assert res.to_dict()["unattributed_claims"] == []


def test_vague_collectives():
    res = real("Critics say the deal is a disaster.")
    d = res.to_dict()
    assert [v["quote"] for v in d["vague_attributions"]] == ["Critics"]
    assert d["quotes"][0]["speaker_kind"] == "vague"
    # a named critic is not vague
    d = real("Senator Warren said the deal is a disaster.").to_dict()
    assert d["vague_attributions"] == []
    assert d["quotes"][0]["speaker_kind"] == "named_person"


def test_quoted_spans_are_content_of_speech():
    text = '"We will respond," the minister said. The army supports the plan.'
    res = real(text)
    spans = res.quoted_spans()
    texts = [text[s.start:s.end] for s in spans]
    assert any("We will respond" in t for t in texts)
    assert not any("the plan" in t for t in texts)  # a stance's object stays in the author's voice


def test_actor_set_is_used_when_given():
    class Actor:
        def __init__(self, name, kind):
            self.name, self.kind = name, kind

    class Actors:
        def actor_at(self, start, end):
            return Actor("United States", "country") if text[start:end] == "Washington" else None

    text = "Washington said that the strike was lawful."
    res = run(parse(Article(text=text)), actors=Actors())
    q = quotes_of(res)[0]
    assert q["actor"] == "United States" and q["speaker_kind"] == "government"


# --------------------------------------------------------------------------- seed article (must show)


@pytest.fixture(scope="module")
def seed_result(seed_parsed):
    return run(seed_parsed)


def test_seed_direct_quotes_attributed_to_trump(seed_result):
    d = seed_result.to_dict()
    direct = [q for q in d["quotes"] if q["type"] == "direct"]
    assert len(direct) == 2
    assert all("Trump" in q["speaker"] for q in direct)
    assert any("Peace and stability cannot prevail" in q["content"] and "It will not be allowed to go forward" in q["content"]
               for q in direct)
    assert any("ready to embrace peace" in q["content"] for q in direct)


def test_seed_reported_statements_with_verbs(seed_result):
    d = seed_result.to_dict()
    trump = [(q["cue"], q["content"]) for q in d["quotes"] if "Trump" in q["speaker"] and q["type"] == "indirect"]
    assert any(c == "announced" and "US forces had killed" in t for c, t in trump)
    iran = [(q["cue"], q["content"]) for q in d["quotes"] if "government of Iran" in q["speaker_text"]]
    assert any(c == "declared" and "avenge" in t for c, t in iran)
    assert any(c == "announced" and "targeted two US military bases" in t for c, t in iran)


def test_seed_vague_attributions(seed_result):
    vague = [v["quote"] for v in seed_result.to_dict()["vague_attributions"]]
    assert "The whole world" in vague
    assert "World over" in vague


def test_seed_offsets_rules_and_summary(seed_result, seed_parsed):
    check_offsets(seed_result, seed_parsed.text)
    s = seed_result.to_dict()["summary"]
    assert 0 < s["quoted_share"] < 1
    assert s["n_quotes"] == len(seed_result.quotes)
    # 'The whole world knows that ...' is the author's own assertion (a universal appeal), not a vague source's
    # statement: it stays among the vague attributions, not among the quotes
    assert not any(q["speaker_text"].startswith("The whole world") for q in seed_result.to_dict()["quotes"])
    assert abs(sum(s["quoted_words_by_actor"].values()) - 1) < 0.01
    assert {k for v in s["cue_classes_by_speaker"].values() for k in v} <= set(attribution.CUE_CLASSES)


def test_rules_documented():
    for rid, expl in attribution.RULES.items():
        assert rid.startswith(("rule:attribution.", "model:attribution.")) and expl


# --------------------------------------------------------------------------- speaker plausibility and hypothetical cues


def _confirm_doc(nlp, subject: str, subject_pos: str = "NOUN"):
    #        0      1        2            3       4       5       6
    words = ["The", subject, "confirmed", "that", "Iran", "lied", "."]
    return hand_parsed(nlp, words, [1, 2, 2, 5, 5, 2, 2], ["det", "nsubj", "ROOT", "mark", "nsubj", "ccomp", "punct"],
                       ["DET", subject_pos, "VERB", "SCONJ", "PROPN", "VERB", "PUNCT"],
                       ["the", subject.lower(), "confirm", "that", "Iran", "lie", "."])


def test_hand_built_institution_confirms_but_a_vote_does_not(nlp):
    yes = quotes_of(run(_confirm_doc(nlp, "ministry"), use_model=False))
    assert [(q["speaker_text"], q["cue"], q["content"]) for q in yes] == [("The ministry", "confirmed", "that Iran lied")]
    assert yes[0]["speaker_kind"] == "government"
    no = quotes_of(run(_confirm_doc(nlp, "vote"), use_model=False))
    assert no == []
    # an unlisted person noun keeps its attribution: the default is open
    assert len(quotes_of(run(_confirm_doc(nlp, "lawyer"), use_model=False))) == 1


def test_hand_built_loaded_cue_needs_a_speaker(nlp):
    # 'Trump blasts Iran .'  -- a loaded reporting cue with a person as subject
    p = hand_parsed(nlp, ["Trump", "blasts", "Iran", "."], [1, 1, 1, 1], ["nsubj", "ROOT", "dobj", "punct"],
                    ["PROPN", "VERB", "PROPN", "PUNCT"], ["Trump", "blast", "Iran", "."])
    qs = quotes_of(run(p, use_model=False))
    assert [(q["speaker_text"], q["cue"], q["cue_class"], q["content"]) for q in qs] == [("Trump", "blasts", "loaded", "Iran")]
    # 'The drone blasts the convoy .' -- same verb, same structure, a weapon as subject: no attribution
    p = hand_parsed(nlp, ["The", "drone", "blasts", "the", "convoy", "."], [1, 2, 2, 4, 2, 2],
                    ["det", "nsubj", "ROOT", "det", "dobj", "punct"], ["DET", "NOUN", "VERB", "DET", "NOUN", "PUNCT"],
                    ["the", "drone", "blast", "the", "convoy", "."])
    assert quotes_of(run(p, use_model=False)) == []


def test_hand_built_possessor_does_not_make_a_drone_speak(nlp):
    from spacy.tokens import Span as SpacySpan

    # "Rook 's drone blasts the convoy ." -- Rook is a PERSON, but the subject's head is the drone
    p = hand_parsed(nlp, ["Rook", "'s", "drone", "blasts", "the", "convoy", "."], [2, 0, 3, 3, 5, 3, 3],
                    ["poss", "case", "nsubj", "ROOT", "det", "dobj", "punct"],
                    ["PROPN", "PART", "NOUN", "VERB", "DET", "NOUN", "PUNCT"], ["Rook", "'s", "drone", "blast", "the", "convoy", "."])
    p.doc.ents = [SpacySpan(p.doc, 0, 1, label="PERSON")]
    assert quotes_of(run(p, use_model=False)) == []
    # 'Rook blasts the convoy .' -- the person is the subject
    p = hand_parsed(nlp, ["Rook", "blasts", "the", "convoy", "."], [1, 1, 3, 1, 1], ["nsubj", "ROOT", "det", "dobj", "punct"],
                    ["PROPN", "VERB", "DET", "NOUN", "PUNCT"], ["Rook", "blast", "the", "convoy", "."])
    p.doc.ents = [SpacySpan(p.doc, 0, 1, label="PERSON")]
    qs = quotes_of(run(p, use_model=False))
    assert len(qs) == 1 and qs[0]["speaker_kind"] == "named_person" and qs[0]["content"] == "the convoy"


def test_hand_built_unresolved_it_is_no_speaker(nlp):
    # 'It confirmed that Iran lied .' with no organisation or country before it
    p = hand_parsed(nlp, ["It", "confirmed", "that", "Iran", "lied", "."], [1, 1, 4, 4, 1, 1],
                    ["nsubj", "ROOT", "mark", "nsubj", "ccomp", "punct"], ["PRON", "VERB", "SCONJ", "PROPN", "VERB", "PUNCT"],
                    ["it", "confirm", "that", "Iran", "lie", "."], tags=["PRP", "VBD", "IN", "NNP", "VBD", "."])
    assert quotes_of(run(p, use_model=False)) == []


def test_hand_built_demanded_speech_is_not_reported(nlp):
    # 'The movement must say that Iran lied .' vs 'The movement said that Iran lied .'
    must = hand_parsed(nlp, ["The", "movement", "must", "say", "that", "Iran", "lied", "."], [1, 3, 3, 3, 6, 6, 3, 3],
                       ["det", "nsubj", "aux", "ROOT", "mark", "nsubj", "ccomp", "punct"],
                       ["DET", "NOUN", "AUX", "VERB", "SCONJ", "PROPN", "VERB", "PUNCT"],
                       ["the", "movement", "must", "say", "that", "Iran", "lie", "."],
                       tags=["DT", "NN", "MD", "VB", "IN", "NNP", "VBD", "."])
    assert quotes_of(run(must, use_model=False)) == []
    said = hand_parsed(nlp, ["The", "movement", "said", "that", "Iran", "lied", "."], [1, 2, 2, 5, 5, 2, 2],
                       ["det", "nsubj", "ROOT", "mark", "nsubj", "ccomp", "punct"],
                       ["DET", "NOUN", "VERB", "SCONJ", "PROPN", "VERB", "PUNCT"],
                       ["the", "movement", "say", "that", "Iran", "lie", "."])
    assert [q["content"] for q in quotes_of(run(said, use_model=False))] == ["that Iran lied"]


def _speakers(text):
    return [(q["speaker"], q["cue"], q["content"]) for q in quotes_of(real(text))]


def test_real_parse_plausible_and_implausible_speakers():
    assert _speakers("The ministry confirmed that nine people died in the strike.") == [
        ("ministry", "confirmed", "that nine people died in the strike")]
    assert _speakers("The vote will confirm that the accord is dead.") == []
    got = _speakers("Trump blasts Iran over nuclear deal")  # headlinese: the model tags 'blasts' as a plural noun
    assert [(s, c) for s, c, _ in got] == [("Trump", "blasts")]
    assert _speakers("The drone blasts the convoy near the border.") == []
    assert _speakers("BOOM! Rook's drone blasts evil warlord to kingdom come") == []
    assert _speakers("Drone blasts convoy near border") == []


def test_real_parse_it_speaks_only_for_an_institution():
    got = _speakers("The Foreign Ministry issued a statement on Friday. It said that the talks had failed.")
    assert got == [("Foreign Ministry", "said", "that the talks had failed")]
    assert _speakers("The storm hit the coast on Friday. It showed that the levees were weak.") == []


def test_real_parse_demanded_or_conditional_speech_is_not_reported():
    assert _speakers("The peace movement must say clearly what this was: an illegal war.") == []
    assert [c for _, c, _ in _speakers("The peace movement said clearly what this was: an illegal war.")] == ["said"]
    assert _speakers("If the assembly votes, it will confirm that the accord is dead.") == []
    # a plain future report stays an attribution
    assert [c for _, c, _ in _speakers("The assembly will confirm that the accord is dead.")] == ["confirm"]


def test_second_verb_shares_the_subject_of_the_first():
    """'X at first denied A, then admitted B': the small model often hangs 'denied' on 'admitted' as an adverbial
    clause, leaving 'admitted' without a subject; it shares the first clause's subject. A verb with its own subject
    keeps it."""
    text = ('Interior Minister Tove Aldren at first denied that any arrests were made, then admitted the police were '
            '"holding several people."')
    by_cue = {q["cue"]: q["speaker"] for q in quotes_of(real(text))}
    assert by_cue.get("denied") == "Tove Aldren"
    assert by_cue.get("admitted") == "Tove Aldren"
    text = "Tove Aldren denied that any arrests were made, and the police chief admitted that several people were held."
    by_cue = {q["cue"]: q["speaker"] for q in quotes_of(real(text))}
    assert by_cue.get("admitted") == "police chief"
