"""Tests for the actors analyzer (framing.analyzers.actors): mention finding, merging, pronouns, overrides, lookups."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing.analyzers import Context
from framing.analyzers import actors as actors_analyzer
from framing.errors import InputError
from framing.ingest import load_text
from framing.nlp import parse
from framing.resources import events

REPO = Path(__file__).resolve().parents[3]


def find(parsed, overrides=None):
    """The actors section of a parse, as the pipeline computes it."""
    return actors_analyzer.analyze(Context(parsed=parsed, options={"event_actors": overrides} if overrides is not None else {}))


def _find(text, title="", overrides=None):
    art = load_text(text, title=title) if title else load_text(text)
    return find(parse(art), overrides=overrides)


def _forms(a):
    return {m.text for m in a.named_mentions}


def _names(aset):
    return {a.name for a in aset}


# ---------------------------------------------------------------- merging on small texts


def test_state_variants_merge_into_one_actor():
    aset = _find("The US said on Monday that America would act. American officials met. The United States sent envoys.")
    us = aset.get("United States")
    assert us is not None
    forms = {m.text for m in us.named_mentions}
    assert {"US", "America", "American", "United States"} <= forms
    assert sum(1 for a in aset if a.kind == "country") == 1


def test_pronoun_us_is_not_the_united_states():
    aset = _find("Let us hope the talks succeed, she told us.")
    assert aset.get("United States") is None


def test_capital_counts_only_when_it_acts():
    acting = _find("Washington warned Tehran on Friday. Tehran's answer came quickly.")
    assert acting.get("United States") is not None
    assert acting.get("Iran") is not None
    place = _find("Thousands protested in Washington on Friday.")
    assert place.get("United States") is None


def test_person_titles_stripped_and_surnames_merge():
    aset = _find("President Donald Trump spoke on Friday. Trump said the strike was justified. Later President Trump left.")
    persons = [a for a in aset if a.kind == "person"]
    assert len(persons) == 1
    assert persons[0].name == "Donald Trump"
    assert persons[0].salience.mentions == 3


def test_different_first_names_do_not_merge():
    aset = _find("Hillary Clinton met reporters. Bill Clinton stayed home.")
    assert len([a for a in aset if a.kind == "person"]) == 2


def test_units_with_a_state_are_affiliated_and_synonyms_merge():
    aset = _find("US forces struck the base. Later US troops withdrew. The Iraqi Parliament voted to expel them.")
    forces = [a for a in aset if a.affiliation == "United States" and a.kind == "government"]
    assert len(forces) == 1 and forces[0].salience.mentions == 2
    parl = aset.get("Iraqi Parliament")
    assert parl is not None and parl.affiliation == "Iraq"


def test_unmodified_singular_government_is_not_an_actor_but_protesters_are():
    aset = _find("The government said nothing. Protesters gathered outside the embassy.")
    assert aset.get("government") is None
    assert aset.get("protesters") is not None


def test_person_affiliation_from_noun_phrase():
    aset = _find("US President Donald Trump met General Qassem Soleimani of Iran.")
    assert aset.get("Donald Trump").affiliation == "United States"
    assert aset.get("Qassem Soleimani").affiliation == "Iran"


def test_possessive_splits_entity():
    aset = _find("He led Iran's Quds Force for two decades.")
    assert aset.get("Quds Force") is not None
    assert aset.get("Quds Force").affiliation == "Iran"


def test_acronym_merges_with_long_name():
    aset = _find("The Islamic Revolution Guard Corps fired missiles. The IRGC later said the strike was over.")
    org = aset.get("Islamic Revolution Guard Corps")
    assert org is not None and "IRGC" in org.aliases


# ---------------------------------------------------------------- pronouns


def test_pronouns_resolve_by_kind():
    aset = _find("Donald Trump spoke to Iran. He said its leaders must stop. Protesters said they would stay.")
    trump = aset.get("Donald Trump")
    iran = aset.get("Iran")
    prot = aset.get("protesters")
    assert any(m.pronoun and m.text == "He" for m in trump.mentions)
    assert any(m.pronoun and m.text == "its" and m.possessive for m in iran.mentions)
    assert any(m.pronoun and m.text == "they" for m in prot.mentions)
    assert not any(m.pronoun for m in prot.mentions if m.text in ("He", "its"))


def test_expletive_it_and_quoted_pronouns_are_left_alone():
    aset = _find('Iran fired missiles. It is a dangerous moment. Iran said: "It will continue."')
    iran = aset.get("Iran")
    assert not any(m.pronoun for m in iran.mentions)


def test_pronoun_too_far_is_unresolved():
    text = "Donald Trump left. The weather was cold. Snow fell. Roads closed. He returned."
    trump = _find(text).get("Donald Trump")
    assert not any(m.pronoun for m in trump.mentions)


# ---------------------------------------------------------------- lookups


def test_actor_at_prefers_the_head_of_a_title_chain():
    text = "US President Donald Trump announced new sanctions."
    aset = _find(text)
    assert aset.actor_at(0, len("US President Donald Trump")).name == "Donald Trump"
    assert aset.actor_at(0, 2).name == "United States"
    assert aset.actor_at(30, 40) is None


def test_resolve_names():
    aset = _find("President Donald Trump spoke. The United States and Iran traded threats.")
    assert aset.resolve("Trump").name == "Donald Trump"
    assert aset.resolve("President Trump's").name == "Donald Trump"
    assert aset.resolve("the US").name == "United States"
    assert aset.resolve("Tehran").name == "Iran"
    assert aset.resolve("Angela Merkel") is None
    assert aset.resolve("") is None


# ---------------------------------------------------------------- overrides


def test_overrides_from_event_file():
    ov = events.load_actor_file(REPO / "corpora" / "soleimani-2020" / "actors.toml")
    aset = _find("Qassem Suleimani was killed. Soleimani led the Quds Force. The IRGC vowed revenge.", overrides=ov)
    sol = aset.get("Qassem Soleimani")
    assert sol is not None and sol.salience.mentions == 2 and sol.affiliation == "Iran"
    irgc = aset.get("Islamic Revolutionary Guard Corps")
    assert irgc is not None and irgc.kind == "organisation"


def test_example_actors_file_loads():
    p = REPO / "corpora" / "example" / "actors.toml"
    if not p.exists():
        pytest.skip("corpora/example/actors.toml not written yet")
    ov = events.load_actor_file(p)
    assert ov and all(o["kind"] in events.KINDS for o in ov)


def test_bad_actor_files(tmp_path):
    p = tmp_path / "a.toml"
    p.write_text('[[actor]]\nkind = "person"\n', encoding="utf-8")
    with pytest.raises(InputError, match="no name"):
        events.load_actor_file(p)
    p.write_text('[[actor]]\nname = "X"\nkind = "alien"\n', encoding="utf-8")
    with pytest.raises(InputError, match="kind"):
        events.load_actor_file(p)
    p.write_text("[[actor]\n", encoding="utf-8")
    with pytest.raises(InputError, match="TOML"):
        events.load_actor_file(p)
    with pytest.raises(InputError, match="no such"):
        events.load_actor_file(tmp_path / "missing.toml")


# ---------------------------------------------------------------- invariants on the seed and corpus


def test_seed_actors(seed_parsed):
    aset = find(seed_parsed)
    names = [a.name for a in aset]
    for n in ("United States", "Iran", "Iraq", "Qassem Soleimani", "Donald Trump", "Iraqi Parliament"):
        assert n in names, n
    us = aset.get("United States")
    assert us.salience.in_headline and us.salience.in_first_paragraph
    assert aset.get("Donald Trump").affiliation == "United States"
    assert aset.get("US forces").affiliation == "United States"
    text = seed_parsed.article.text
    for a in aset:
        assert a.kind in events.KINDS
        for m in a.mentions:
            assert text[m.start : m.end] == m.text
            assert m.rule in actors_analyzer.SPEC.rules


def test_corpus_variants_merge(corpus_rows):
    from framing.nlp import parse_many

    rows = [r for r in corpus_rows if r["text_kind"] == "full_text"]
    assert len(rows) >= 40
    parsed = parse_many([load_text(r["text"], title=r["title"]) for r in rows])
    seen_sol = seen_trump = seen_us = 0
    for r, p in zip(rows, parsed):
        aset = find(p)
        sol = [a for a in aset if any(("oleiman" in x or "uleiman" in x) for x in (a.name, *a.aliases))]
        assert len(sol) <= 1, (r["id"], [(a.name, a.aliases) for a in sol])
        trump = [a for a in aset if a.kind == "person" and any("Trump" in f for f in _forms(a))]
        assert len(trump) <= 1, (r["id"], [a.name for a in trump])
        us = [a for a in aset if _forms(a) & {"US", "U.S.", "United States"}]
        assert len(us) <= 1, (r["id"], [a.name for a in us])
        if sol and len(_forms(sol[0])) > 1:
            seen_sol += 1
        if trump and {"Trump"} < _forms(trump[0]) | {"Trump"} and "Trump" in _forms(trump[0]):
            seen_trump += 1
        if us and len(_forms(us[0]) & {"US", "U.S.", "United States", "America", "American"}) > 1:
            seen_us += 1
    # the merges actually happened, in many articles
    assert seen_sol >= 10 and seen_trump >= 10 and seen_us >= 10


# ---------------------------------------------------------------- pronoun rules on hand-built Docs and real parses


def _hand_find(words, heads, deps, pos, lemmas):
    from spacy.tokens import Doc

    from framing.nlp import Parsed, get_nlp
    from framing.schema import Span

    doc = Doc(get_nlp().vocab, words=words, spaces=[i + 1 < len(words) and words[i + 1] != "." for i in range(len(words))],
              heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    art = load_text(doc.text)
    p = Parsed(art, doc, tuple(Span(s.start_char, s.end_char) for s in doc.sents), (Span(0, len(doc.text)),), ())
    return find(p)


def _pronoun_owner(aset, word):
    return [a.name for a in aset for m in a.mentions if m.pronoun and m.text == word]


def test_hand_possessive_prefers_the_understood_subject():
    # "Iraq pressed Iran to drop its claim": the one who drops (Iran) owns the claim
    aset = _hand_find(["Iraq", "pressed", "Iran", "to", "drop", "its", "claim", "."], [1, 1, 1, 4, 1, 6, 4, 1],
                      ["nsubj", "ROOT", "dobj", "aux", "xcomp", "poss", "dobj", "punct"],
                      ["PROPN", "VERB", "PROPN", "PART", "VERB", "PRON", "NOUN", "PUNCT"], ["Iraq", "press", "Iran", "to", "drop", "its", "claim", "."])
    assert _pronoun_owner(aset, "its") == ["Iran"]
    # "Iraq dropped its claim against Iran": the subject owns it
    aset2 = _hand_find(["Iraq", "dropped", "its", "claim", "against", "Iran", "."], [1, 1, 3, 1, 3, 4, 1],
                       ["nsubj", "ROOT", "poss", "dobj", "prep", "pobj", "punct"],
                       ["PROPN", "VERB", "PRON", "NOUN", "ADP", "PROPN", "PUNCT"], ["Iraq", "drop", "its", "claim", "against", "Iran", "."])
    assert _pronoun_owner(aset2, "its") == ["Iraq"]


def test_hand_pronoun_is_not_its_verbs_object():
    # "Iraq warned Iran that it would attack Syria" -> 'it' may be either; but in
    # "It attacked Iran" after "Iran left Syria." the subject 'It' cannot be Iran (its own verb's object)
    aset = _hand_find(["Iran", "left", "Syria", ".", "It", "attacked", "Iran", "again", "."], [1, 1, 1, 1, 5, 5, 5, 5, 5],
                      ["nsubj", "ROOT", "dobj", "punct", "nsubj", "ROOT", "dobj", "advmod", "punct"],
                      ["PROPN", "VERB", "PROPN", "PUNCT", "PRON", "VERB", "PROPN", "ADV", "PUNCT"],
                      ["Iran", "leave", "Syria", ".", "it", "attack", "Iran", "again", "."])
    assert _pronoun_owner(aset, "It") == ["Syria"]


def test_pronoun_about_a_thing_is_not_forced_onto_an_actor():
    aset = _find("Soldiers fired at the convoy of Iraq on Friday as it left the airport. Iran condemned the attack.")
    assert _pronoun_owner(aset, "it") == []


def test_pronoun_real_parse_subject_owns_the_possessive():
    aset = _find("The United States pointed fingers at Iran, without any basis for its allegations, officials said.")
    assert _pronoun_owner(aset, "its") == ["United States"]


def test_article_without_title_has_no_headline_actor():
    body = "Iran criticised the United States on Monday. Officials in Iraq said little about the dispute."
    aset = find(parse(load_text(body)))
    assert aset.get("Iran") is not None and not any(a.salience.in_headline for a in aset)
    aset2 = find(parse(load_text(body, title="Iran answers")))
    assert aset2.get("Iran").salience.in_headline and not aset2.get("Iraq").salience.in_headline
