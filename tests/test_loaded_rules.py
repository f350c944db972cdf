"""Loaded-language rules that cut false alarms: negation scope from the parse, intensifiers only in their
intensifying sense (and shown only on evaluative words), absolutes shown only as claims, mild terms not shown.

Each rule is tested on hand-built Docs (words, heads, deps, POS), so a model upgrade cannot silently change the
test, and on real parses, positive and negative cases side by side."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from framing.analyzers.loaded_language import rules
from framing.ingest import load_text
from framing.nlp import parse


def _doc(words, heads, deps, pos):
    nlp = spacy.blank("en")
    return Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, sent_starts=[True] + [False] * (len(words) - 1))


def _hits(text):
    p = parse(load_text(text, check_language=False))
    return [(p.text[h.start:h.end], h) for h in rules.doc_hits(p)]


# ---------------------------------------------------------------- negation scope (hand-built parses)


def test_not_on_the_copula_negates_the_predicate_noun():
    # He is not a terrorist .
    d = _doc(["He", "is", "not", "a", "terrorist", "."], [1, 1, 1, 4, 1, 1],
             ["nsubj", "ROOT", "neg", "det", "attr", "punct"], ["PRON", "AUX", "PART", "DET", "NOUN", "PUNCT"])
    assert rules.negated_in_parse(d, 4, 0, len(d))


def test_no_in_another_clause_does_not_negate():
    # There is no doubt the rogue president lied .   ("no" belongs to "doubt"; "rogue" is in the clause of "lied")
    words = ["There", "is", "no", "doubt", "the", "rogue", "president", "lied", "."]
    heads = [1, 1, 3, 1, 6, 6, 7, 3, 1]
    deps = ["expl", "ROOT", "det", "attr", "det", "amod", "nsubj", "acl", "punct"]
    pos = ["PRON", "VERB", "DET", "NOUN", "DET", "ADJ", "NOUN", "VERB", "PUNCT"]
    d = _doc(words, heads, deps, pos)
    assert not rules.negated_in_parse(d, 5, 0, len(d))


def test_not_only_is_no_negation_and_no_before_the_noun_is():
    # The plan was not only reckless .
    d = _doc(["The", "plan", "was", "not", "only", "reckless", "."], [1, 2, 2, 5, 5, 2, 2],
             ["det", "nsubj", "ROOT", "neg", "advmod", "acomp", "punct"], ["DET", "NOUN", "AUX", "PART", "ADV", "ADJ", "PUNCT"])
    assert not rules.negated_in_parse(d, 5, 0, len(d))
    # They found no regime .
    d2 = _doc(["They", "found", "no", "regime", "."], [1, 1, 3, 1, 1], ["nsubj", "ROOT", "det", "dobj", "punct"],
              ["PRON", "VERB", "DET", "NOUN", "PUNCT"])
    assert rules.negated_in_parse(d2, 3, 0, len(d2))


def test_negation_of_a_main_verb_does_not_reach_into_its_complement_clause():
    # He did not say the regime was brutal .
    words = ["He", "did", "not", "say", "the", "regime", "was", "brutal", "."]
    heads = [3, 3, 3, 3, 5, 6, 3, 6, 3]
    deps = ["nsubj", "aux", "neg", "ROOT", "det", "nsubj", "ccomp", "acomp", "punct"]
    pos = ["PRON", "AUX", "PART", "VERB", "DET", "NOUN", "AUX", "ADJ", "PUNCT"]
    d = _doc(words, heads, deps, pos)
    assert not rules.negated_in_parse(d, 5, 0, len(d))
    assert not rules.negated_in_parse(d, 7, 0, len(d))


# ---------------------------------------------------------------- device senses (hand-built parses)


def test_a_participle_is_not_an_intensifier_but_an_adverb_on_an_adjective_is():
    # The engineers completed the bridge .
    d = _doc(["The", "engineers", "completed", "the", "bridge", "."], [1, 2, 2, 4, 2, 2],
             ["det", "nsubj", "ROOT", "det", "dobj", "punct"], ["DET", "NOUN", "VERB", "DET", "NOUN", "PUNCT"])
    assert not rules.device_sense_ok(d, 2, 3, "intensifiers")
    # It was completely wrong .
    d2 = _doc(["It", "was", "completely", "wrong", "."], [1, 1, 3, 1, 1], ["nsubj", "ROOT", "advmod", "acomp", "punct"],
              ["PRON", "AUX", "ADV", "ADJ", "PUNCT"])
    assert rules.device_sense_ok(d2, 2, 3, "intensifiers")


# ---------------------------------------------------------------- on real parses


def test_real_parse_completed_is_no_intensifier_and_very_shown_only_on_an_evaluative_word():
    hits = _hits("The engineers completed the bridge in a very short time, and the result was very ugly.")
    ints = [(q, h.reported) for q, h in hits if h.lexicon == "intensifiers"]
    assert not any(q.lower().startswith("complete") for q, _ in ints)
    assert ints == [("very", False), ("very", True)]  # "very short" is emphasis; "very ugly" intensifies a verdict


def test_real_parse_every_in_a_count_is_not_shown_but_a_consensus_claim_is():
    hits = _hits("Every soldier was accounted for, and the whole world knows the minister is corrupt.")
    shown = {q.lower() for q, h in hits if h.lexicon == "absolutes" and h.reported}
    hidden = {q.lower() for q, h in hits if h.lexicon == "absolutes" and not h.reported}
    assert shown == {"the whole world knows"}
    assert hidden == {"every"}


def test_real_parse_negation_and_its_scope():
    (t,) = [h for q, h in _hits("The minister insisted that the man was not a terrorist.") if h.term == "terrorist"]
    assert t.negated
    (r,) = [h for q, h in _hits("There is no doubt that the rogue officials lied to the court.") if h.term == "rogue"]
    assert not r.negated


def test_mild_terms_feed_the_classifier_but_are_not_shown():
    hits = _hits("The crisis deepened as the talks stalled.")
    (c,) = [h for q, h in hits if h.term == "crisis"]
    assert c.strength < rules.MIN_REPORTED_STRENGTH and not c.reported


# ---------------------------------------------------------------- titles masked from the sentence classifier


def test_titles_of_office_are_found_as_whole_words_with_plurals():
    from framing.analyzers.loaded_language.model import title_regions

    text = "The generals met the Prime Minister; generally, the president-elect spoke to officials."
    found = [text[a:b] for a, b in title_regions(text)]
    assert found == ["generals", "Prime Minister", "officials"]  # not "generally", not the hyphenated compound


def test_mask_regions_hide_titles_as_well_as_names():
    from framing.analyzers.loaded_language.model import mask_regions

    p = parse(load_text("He is the president of the country, Pompeo said.", check_language=False))
    masked = [p.text[a:b] for a, b in mask_regions(p.doc, p.text)]
    assert any("president" in m for m in masked) and any("Pompeo" in m for m in masked)


# ---------------------------------------------------------------- contested designations, literal senses, names


def _shown(text, *terms):
    return [h.reported and not h.negated for q, h in _hits(text) if h.term in terms]


def test_contested_designation_shown_only_where_it_does_evaluative_work():
    # applied as a verdict: a predicate, an "act of", an evaluative modifier, the label of a person
    assert _shown("Critics said the raid was an assassination.", "assassination") == [True]
    assert _shown("The minister called the bombing an act of terrorism.", "terrorism") == [True]
    assert _shown("The cowardly assassination shocked the region.", "assassination") == [True]
    assert _shown("The terrorist leader escaped from the camp.", "terrorist") == [True]
    assert _shown("The ministry called the bombing a terrorist act.", "terrorist") == [True]
    assert _shown("Nine people died in a cowardly terrorist attack on the market.", "terrorist") == [True]
    # naming a category, hedged, or designated by an authority: not shown (a classifier feature only)
    assert _shown("The senator asked whether the strike violated the assassination ban.", "assassination") == [False]
    assert _shown("Police arrested two suspected terrorists near the border.", "terrorist") == [False]
    assert _shown("The State Department has labeled the militia a terrorist organization.", "terrorist") == [False]
    assert _shown("Officials reported terror attacks in three cities.", "terror") == [False]


def test_a_bare_plural_label_naming_the_participants_of_an_event_is_not_shown():
    # naming who took part: a category, not a verdict
    assert _shown("Police separated white supremacists and counter-protesters at the park.", "white supremacist") == [False]
    assert _shown("The raid killed two terrorists near the border.", "terrorist") == [False]
    # applied to someone, singular, or with an evaluative modifier: a verdict, shown
    assert _shown("The men who attacked the park were white supremacists.", "white supremacist") == [True]
    assert _shown("The raid killed a terrorist near the border.", "terrorist") == [True]
    assert _shown("The raid killed two vicious terrorists near the border.", "terrorist") == [True]
    # another loaded word earlier in the sentence makes it a verdict, not a list of participants
    assert _shown("It was a brutal massacre by terrorists near the border.", "terrorist") == [True]


def test_literal_senses_of_figurative_entries_are_not_shown():
    assert _shown("The senator said the president cannot go to war against Iran without a vote.", "war against") == [False]
    assert _shown("The mayor declared a war on potholes.", "war on") == [True]
    assert _shown("The debate covered taxes and criminal justice reform.", "criminal") == [False]
    assert _shown("The army said the strike was meant to neutralize future attacks.", "neutralize", "neutralized") == [False]
    assert _shown("Special forces neutralized the gunman.", "neutralize", "neutralized") == [True]


def test_terms_inside_names_and_quoted_titles_are_not_word_choices():
    assert not any(h.reported for q, h in _hits("The Communist Workers Party held a rally in the capital on Sunday.")
                   if h.term == "communist")
    hits = _hits('She is the author of the novel "Lies My Father Told Me About Everything" and two other books.')
    assert not any(h.reported for q, h in hits if h.term in ("lie", "lies"))
    # the same word in running text is shown
    assert any(h.reported for q, h in _hits("The spokesman repeated the lies about the vote.") if h.term in ("lie", "lies"))


def test_intensifier_shown_only_on_a_loaded_or_strongly_valenced_word():
    hits = _hits("The plan was extremely difficult to finish, and the outcome was truly horrible for everyone.")
    ints = [(q, h.reported) for q, h in hits if h.lexicon == "intensifiers"]
    assert ints == [("extremely", False), ("truly", True)]  # VADER: difficult -1.5, horrible -2.5


def test_the_subject_of_a_negated_verb_keeps_its_label():
    (t,) = [h for q, h in _hits("The thugs did not leave the square before midnight.") if h.term in ("thug", "thugs")]
    assert not t.negated  # the author still calls them thugs
    (t,) = [h for q, h in _hits("The officer insisted that the protesters were not thugs.") if h.term in ("thug", "thugs")]
    assert t.negated


def test_an_ing_form_misread_as_a_noun_still_matches_its_verb():
    # in a title-case headline the tagger reads "Slamming" as a proper noun and leaves it unlemmatised
    p = parse(load_text("Critics Slamming Governor Over Budget Cuts Grow Louder\n\nThe story follows here today.",
                        check_language=False))
    (tok,) = [t for t in p.doc if t.text == "Slamming"]
    assert tok.lemma_ == "Slamming"  # the misreading this rule repairs
    assert [h.term for h in rules.doc_hits(p) if h.start == tok.idx] == ["slam"]
    assert rules._verb_stems("slamming") == ["slamm", "slam", "slamme"]
