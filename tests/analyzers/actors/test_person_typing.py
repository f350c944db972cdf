"""A bare surname the entity recogniser typed as an organisation becomes a person when the article refers back to
it as one (framing.analyzers.actors.referents.personal_names). Hand-built parses fix the recogniser's output, so
the tests do not depend on what the model makes of a name; each is run with two different surnames (the rule reads
form and syntax, never the name)."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from framing.analyzers import Context
from framing.analyzers import actors as actors_analyzer
from framing.ingest import load_text
from framing.nlp import Parsed, get_nlp
from framing.schema import Span


def _actors(words, heads, deps, pos, ents):
    doc = Doc(get_nlp().vocab, words=words, spaces=[i + 1 < len(words) and words[i + 1] != "." for i in range(len(words))],
              heads=heads, deps=deps, pos=pos, ents=ents)
    art = load_text(doc.text)
    p = Parsed(art, doc, tuple(Span(s.start_char, s.end_char) for s in doc.sents), (Span(0, len(doc.text)),), ())
    return actors_analyzer.analyze(Context(parsed=p, options={}))


@pytest.mark.parametrize("name", ["Smith", "Abdollahian"])
def test_org_surname_with_personal_pronoun_is_a_person(name):
    # "<Name> spoke today. He left early." with the recogniser's ORG on the name
    aset = _actors([name, "spoke", "today", ".", "He", "left", "early", "."], [1, 1, 1, 1, 5, 5, 5, 5],
                   ["nsubj", "ROOT", "npadvmod", "punct", "nsubj", "ROOT", "advmod", "punct"],
                   ["PROPN", "VERB", "NOUN", "PUNCT", "PRON", "VERB", "ADV", "PUNCT"], ["B-ORG"] + ["O"] * 7)
    a = aset.get(name)
    assert a is not None and a.kind == "person"
    assert any(m.pronoun and m.text == "He" for m in a.mentions)


@pytest.mark.parametrize("name", ["Smith", "Abdollahian"])
def test_org_name_stays_an_organisation_without_personal_pronoun(name):
    # "<Name> spoke today. It left early.": nothing says person
    aset = _actors([name, "spoke", "today", ".", "It", "left", "early", "."], [1, 1, 1, 1, 5, 5, 5, 5],
                   ["nsubj", "ROOT", "npadvmod", "punct", "nsubj", "ROOT", "advmod", "punct"],
                   ["PROPN", "VERB", "NOUN", "PUNCT", "PRON", "VERB", "ADV", "PUNCT"], ["B-ORG"] + ["O"] * 7)
    assert aset.get(name).kind == "organisation"


def test_name_after_an_article_stays_an_organisation():
    # "The Pentagon spoke today. He left early.": a personal name takes no article
    aset = _actors(["The", "Pentagon", "spoke", "today", ".", "He", "left", "early", "."], [1, 2, 2, 2, 2, 6, 6, 6, 6],
                   ["det", "nsubj", "ROOT", "npadvmod", "punct", "nsubj", "ROOT", "advmod", "punct"],
                   ["DET", "PROPN", "VERB", "NOUN", "PUNCT", "PRON", "VERB", "ADV", "PUNCT"], ["O", "B-ORG"] + ["O"] * 7)
    assert aset.get("Pentagon").kind == "organisation"


def test_person_named_in_between_takes_the_pronoun():
    # "Smith spoke. Jones said he left.": Jones (a person) stands between; Smith stays as typed
    aset = _actors(["Smith", "spoke", ".", "Jones", "said", "he", "left", "."], [1, 1, 1, 4, 4, 6, 4, 4],
                   ["nsubj", "ROOT", "punct", "nsubj", "ROOT", "nsubj", "ccomp", "punct"],
                   ["PROPN", "VERB", "PUNCT", "PROPN", "VERB", "PRON", "VERB", "PUNCT"],
                   ["B-ORG", "O", "O", "B-PERSON", "O", "O", "O", "O"])
    assert aset.get("Smith").kind == "organisation"


def test_corpus_surname_typed_org_is_a_person_with_its_pronouns():
    # a real opinion piece naming the president by surname only; the recogniser types "Trump" ORG there
    import json

    from framing.nlp import parse
    from tests.conftest import shared_path

    with shared_path("corpora", "soleimani-2020", "articles.jsonl").open(encoding="utf-8") as fh:
        rec = next(r for r in map(json.loads, fh) if r["id"] == "abp-5gXkZKNW3Vx3OO35")
    art = load_text(rec["text"], title=rec["title"] or "", check_language=False)
    aset = actors_analyzer.analyze(Context(parsed=parse(art), options={}))
    trump = aset.get("Trump")
    assert trump is not None and trump.kind == "person"
    at = art.text.index("he, not Tehran, governs")
    assert any(m.pronoun and m.start == at for m in trump.mentions)


@pytest.mark.parametrize(("first", "last"), [("Morgan", "Ortagus"), ("Mary", "Smith")])
def test_org_name_after_a_lower_case_title_is_a_person(first, last):
    # "spokeswoman <First Last> spoke today" with the recogniser's ORG on the name
    aset = _actors(["The", "spokeswoman", first, last, "spoke", "today", "."], [1, 4, 3, 1, 4, 4, 4],
                   ["det", "nsubj", "compound", "appos", "ROOT", "npadvmod", "punct"],
                   ["DET", "NOUN", "PROPN", "PROPN", "VERB", "NOUN", "PUNCT"], ["O", "O", "B-ORG", "I-ORG", "O", "O", "O"])
    assert aset.get(f"{first} {last}").kind == "person"


def test_acronym_after_a_title_stays_an_organisation():
    aset = _actors(["The", "director", "CIA", "spoke", "today", "."], [1, 3, 1, 3, 3, 3],
                   ["det", "nsubj", "appos", "ROOT", "npadvmod", "punct"],
                   ["DET", "NOUN", "PROPN", "VERB", "NOUN", "PUNCT"], ["O", "O", "B-ORG", "O", "O", "O"])
    assert aset.get("CIA").kind == "organisation"


@pytest.mark.parametrize("first", ["Hezbollah", "Badr"])
@pytest.mark.parametrize("head, kind", [("Brigades", "organisation"), ("Organization", "organisation"),
                                        ("Mansour", "person")])
def test_person_tagged_name_headed_by_a_body_noun_is_an_organisation(first, head, kind):
    # "<First> <Head> fired rockets at the base." with the recogniser's PERSON on the name: a body noun as the
    # name's head makes it an organisation (framing.analyzers.actors.kinds.body_names); other names stay persons
    aset = _actors([first, head, "fired", "rockets", "at", "the", "base", "."], [1, 2, 2, 2, 2, 6, 4, 2],
                   ["compound", "nsubj", "ROOT", "dobj", "prep", "det", "pobj", "punct"],
                   ["PROPN", "PROPN", "VERB", "NOUN", "ADP", "DET", "NOUN", "PUNCT"],
                   ["B-PERSON", "I-PERSON"] + ["O"] * 6)
    assert aset.get(f"{first} {head}").kind == kind


def test_titled_name_headed_by_a_body_noun_stays_a_person():
    # "Gen. Hezbollah Brigades ..." is absurd English but shows the veto: a title before the name says person
    aset = _actors(["Gen.", "Badr", "Brigades", "fired", "rockets", "at", "the", "base", "."],
                   [2, 2, 3, 3, 3, 3, 7, 5, 3],
                   ["compound", "compound", "nsubj", "ROOT", "dobj", "prep", "det", "pobj", "punct"],
                   ["PROPN", "PROPN", "PROPN", "VERB", "NOUN", "ADP", "DET", "NOUN", "PUNCT"],
                   ["O", "B-PERSON", "I-PERSON"] + ["O"] * 6)
    assert aset.get("Badr Brigades").kind == "person"
