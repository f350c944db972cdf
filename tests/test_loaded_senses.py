"""Audit of lexicons/loaded_senses.tsv: for entries of every category, a sentence where the term is loaded (it must
be flagged) and one where the same word is not (it must not be): the part-of-speech column does the separating.

Pairs were written by hand for this test; where the part-of-speech check cannot separate the two uses (a literal
verb and its metaphorical sense are both verbs) the plain case is an ``xfail`` that documents the limit.
"""

from __future__ import annotations

import pytest

from framing.analyzers.loaded_language.rules import SENSES, doc_hits
from framing.ingest import load_text
from framing.nlp import parse
from framing.resources import lexicons

# (term, a sentence where it is loaded, a sentence where the same word is plain)
PAIRS = [
    ("blast", "The senator blasted the plan on Tuesday.", "The blast shattered windows across the street."),
    ("hammer", "Critics hammered the governor over the budget.", "He bought a hammer and some nails."),
    ("torch", "Officials torched the proposal in a long statement.", "The torch was carried through the city."),
    ("rip", "Republicans ripped the administration over the briefing.", "She ripped the paper in half."),
    ("trash", "The candidate trashed the agreement at a rally.", "The trash was collected on Monday."),
    ("cave", "The mayor caved to pressure from the unions.", "The explorers found a cave near the river."),
    ("crow", "The campaign crowed about the poll numbers.", "A crow landed on the fence."),
    ("parrot", "The spokesman parroted the talking points.", "The parrot in the cage repeated a few words."),
    ("rail", "The senator railed against the new tax.", "The train left the rail near the station."),
    ("pounce", "Opponents pounced on the gaffe within minutes.", None),
    ("steamroll", "The majority steamrolled the opposition in the vote.", None),
    ("take out", "The strike took out the commander near the airport.", "She took out a loan to pay for college."),
    ("bring to justice", "The bomber was finally brought to justice.", None),
    ("weasel", "The columnist called the minister a weasel.", None),
    ("dirtbag", "He called the rival candidate a dirtbag.", None),
    ("half-wit", "Only a half-wit would sign such a deal.", None),
    ("rat", "The defector was branded a rat by his former allies.", "A rat ran across the kitchen floor."),
    ("snake", "The aide was a snake who betrayed everyone.", "A snake was found in the garden."),
    ("cheerleader", "The network has become a cheerleader for the war.", "The cheerleader led the crowd at the game."),
    ("cheerleading", "The coverage amounted to cheerleading for the strike.", None),
    ("hack", "Critics called the columnist a party hack.", "The hack exposed millions of passwords."),
    ("bellicose", "The minister gave a bellicose speech on Friday.", None),
    ("breathless", "The breathless coverage of the strike continued all week.", None),
    ("perverse", "The sanctions had a perverse effect on ordinary people.", None),
    ("treachery", "The rebels accused the general of treachery.", None),
    ("specter", "The crisis raised the specter of another war.", None),
    ("circus", "The hearing turned into a circus.", "The circus came to town in June."),
    ("happily", "The group has happily returned to smuggling.", None),
    ("shocking", "It was a shocking decision by the court.", None),
    ("explosive", "The report contained explosive allegations.", None),
    ("outrage", "The outrage over the remarks grew on Monday.", None),
    ("killer", "He was a cold killer of civilians.", "The killer whale swam past the boat."),
    # session 5 additions (general vocabulary; plain uses where the part of speech or context separates them)
    ("scream", "Opponents screamed that the bill would ruin the economy.", "The scream of the siren woke the street."),
    ("deride", "Critics derided the plan as a gimmick.", None),
    ("hurl", "The candidate hurled insults at his rival during the debate.", None),
    ("reek of", "The deal reeks of favoritism, the editorial said.", None),
    ("insinuate", "The spokesman insinuated that the reporters were paid.", None),
    ("glorify", "The film glorifies the militia and its leader.", None),
    ("harass", "Activists say the police harassed the organizers for weeks.", None),
    ("cry foul", "The losing side cried foul after the count.", None),
    ("mire", "The project has been mired in delays since spring.", "The truck was stuck in the mire by the river."),
    ("roil", "The dispute roiled the coalition for a month.", None),
    ("upend", "The ruling upended decades of practice.", None),
    ("devastate", "The new tariffs devastate small exporters, the column argues.", "The devastation after the storm was vast."),
    ("ratchet up", "The ministry ratcheted up its rhetoric on Friday.", None),
    ("wanton", "The report describes wanton destruction of farms.", None),
    ("notorious", "The notorious smuggler was arrested on Monday.", None),
    ("strident", "The strident calls for a boycott grew louder.", None),
    ("indiscriminate", "Residents described indiscriminate shelling of the town.", None),
    ("fawning", "The network's fawning coverage of the visit drew complaints.", None),
    ("thankfully", "Thankfully, the council rejected the proposal.", None),
    ("falsely", "The ad falsely portrays the senator as absent.", None),
    ("quagmire", "Critics warned that the mission would become a quagmire.", None),
    ("amateur hour", "The launch of the website was amateur hour.", None),
    ("stir the pot", "The governor likes to stir the pot before elections.", "Stir the sauce in the pot for two minutes."),
    ("true believer", "Only the true believers still defend the policy.", None),
    ("ugly", "The campaign took an ugly turn last week.", None),
    ("hypocritical", "The senator called the decision hypocritical.", None),
    ("concoct", "The group concocted a story about the missing funds.", None),
    ("sucker", "He said voters were suckers for the slogan.", "The octopus has a sucker on each arm."),
    ("misleading", "The ad makes misleading claims about the tax.", None),
]

# plain uses the part-of-speech check cannot separate (documented limits, not hidden)
KNOWN_LIMITS = {"rip", "take out"}


def _loaded_terms(text: str) -> set[str]:
    """Lemmas of the tokens inside a loaded-term hit (either loaded lexicon; some forms, e.g. "blasted", were already
    in loaded_terms), plus the hit terms themselves."""
    p = parse(load_text(text, check_language=False))
    out = set()
    for h in doc_hits(p):
        if h.lexicon in (SENSES, "loaded_terms"):
            out.add(h.term)
            out.update(t.lemma_.lower() for t in p.doc if h.start <= t.idx < h.end)
    return out


def _first(term: str) -> str:
    return term.replace("-", " ").split()[0]


@pytest.mark.parametrize(("term", "loaded", "plain"), [p for p in PAIRS if p[1]], ids=[p[0] for p in PAIRS if p[1]])
def test_loaded_use_is_flagged(term, loaded, plain):
    assert _first(term) in _loaded_terms(loaded), f"{term!r} not flagged in {loaded!r}"


@pytest.mark.parametrize(("term", "plain"), [(p[0], p[2]) for p in PAIRS if p[2] and p[0] not in KNOWN_LIMITS],
                         ids=[p[0] for p in PAIRS if p[2] and p[0] not in KNOWN_LIMITS])
def test_plain_use_is_not_flagged(term, plain):
    assert _first(term) not in _loaded_terms(plain), f"{term!r} flagged in a plain use: {plain!r}"


@pytest.mark.xfail(reason="literal and metaphorical senses share the part of speech; only context could separate them",
                   strict=True)
@pytest.mark.parametrize("term", sorted(KNOWN_LIMITS))
def test_known_limit_plain_use_is_still_flagged(term):
    plain = next(p[2] for p in PAIRS if p[0] == term)
    assert _first(term) not in _loaded_terms(plain)


def test_every_entry_has_a_category_direction_strength_alternative_and_pos():
    lex = lexicons.load(SENSES)
    assert len(lex.entries) >= 80
    assert lex.columns == ("term", "category", "direction", "strength", "alternative", "pos", "note")
    for e in lex.entries:
        assert e["category"] in {"pejorative_label", "glorifying_label", "dysphemism", "euphemism", "violent_metaphor",
                                 "emotive", "loaded_verb", "accusation", "distancing"}, e
        assert e["direction"] in ("negative", "positive", "neutral"), e
        assert 0 < e["strength"] <= 1, e
        assert e["alternative"].strip(), e
        assert e["pos"] in ("VERB", "NOUN", "ADJ", "ADV", "PRED", "any"), e


def test_no_entry_repeats_one_of_loaded_terms():
    old = {e["term"].lower() for e in lexicons.load("loaded_terms").entries}
    dup = [e["term"] for e in lexicons.load(SENSES).entries if e["term"].lower() in old]
    assert not dup, dup


def test_the_issue_examples_are_covered():
    """Terms the issue lists as missed are now flagged (in sentences written for this test, not from the gold)."""
    for text, term in [("The bill steamrolls the opposition.", "steamroll"),
                       ("Police said the drone took out the convoy.", "take out"),
                       ("The op-ed praised the raid that brought justice to the victims.", "bring justice"),
                       ("His cheerleading for the war drew criticism.", "cheerleading"),
                       ("Her bellicose tone alarmed diplomats.", "bellicose"),
                       ("The pundit called him a weasel and a half-wit.", "weasel")]:
        assert _first(term) in _loaded_terms(text), (term, text)
