"""Reference and typing rules of session 7 (framing.analyzers.actors.pronouns and .kinds), on real parses of
sentences written for these tests (expected values worked out by reading them):

* "the former" / "the latter" name the earlier / later of the last two actors named;
* a pleonastic or event "it" reaches no actor ("it's important that", "when it comes to", "it happened",
  "called it an act of war", "Trump ordered it");
* a subject pronoun of a reported clause prefers the reporter; "she" never reaches a man the article names
  "Mr." or calls "he" (and "he" a woman); given names are not read, so swapping names changes nothing;
* a name the recogniser typed a person becomes an organisation when the article describes it as a collective
  body ("<Name>, an Iraqi militia", "<Name> fighters", "members of <Name>") and never as a person; two different
  names per pattern, so the rule reads syntax, not the name.
"""

from __future__ import annotations

import pytest

import framing
from framing.schema import Article

_PRE = "The story so far.\n\n"


def _actors(body: str):
    """name -> (kind, [(mention text, offset in body, rule)]) for ``body`` after a neutral title paragraph."""
    a = framing.analyze(Article(text=_PRE + body, title="The story so far.", body_start=len(_PRE)))
    return {x.name: (str(x.kind.value), [(m.text, m.start - len(_PRE), m.rule) for m in x.mentions])
            for x in a.section("actors").actors}


def _referent(acts, offset: int) -> str | None:
    return next((name for name, (_k, ms) in acts.items() for _t, o, _r in ms if o == offset), None)


@pytest.mark.parametrize("body, phrase, expected", [
    ("Pompeo met Zarif in Geneva. The latter refused to discuss the missile program.", "The latter", "Zarif"),
    ("Biden and Sanders spoke on Sunday. The former criticised the strike.", "The former", "Biden"),
    ("Biden and Sanders spoke on Sunday. The former criticised the strike, while the latter called for a vote.",
     "the latter", "Sanders"),
])
def test_former_and_latter(body, phrase, expected):
    acts = _actors(body)
    assert _referent(acts, body.index(phrase)) == expected, acts


def test_former_as_a_modifier_is_not_an_anaphor():
    body = "Pompeo met Zarif in Geneva. The former minister refused to comment."
    acts = _actors(body)
    assert _referent(acts, body.index("The former")) is None


@pytest.mark.parametrize("body, phrase", [
    ("The United States killed Soleimani. Iran called it an act of war.", "it an act"),
    ("The Pentagon carried out the strike. It happened near the airport.", "It happened"),
    ("The Pentagon planned the strike, and officials said Trump ordered it.", "it."),
    ("Iran knows that it cannot win when it comes to military might.", "it comes"),
    ("Iran has a large army. It\u2019s important that Iran understands the risk.", "It\u2019s"),
    ("Iran vowed revenge. It is unclear whether Iran will strike soon.", "It is"),
    ("Iran made it clear that Iran would retaliate.", "it clear"),
])
def test_pleonastic_and_event_it_reach_no_actor(body, phrase):
    acts = _actors(body)
    assert _referent(acts, body.index(phrase)) is None, acts


@pytest.mark.parametrize("body, phrase, expected", [
    ("Iran vowed revenge. It is unclear whether it will strike soon.", "it will", "Iran"),
    ("The Pentagon said it carried out the strike.", "it carried", "Pentagon"),
    ("Iran called the United States a rogue state, and Iran made it clear that it would retaliate.", "it would",
     "Iran"),
])
def test_referring_it_still_resolves(body, phrase, expected):
    acts = _actors(body)
    assert _referent(acts, body.index(phrase)) == expected, acts


@pytest.mark.parametrize("body, phrase, expected", [
    ("Trump said the attack was justified. Elizabeth Warren disagreed. She said that he had acted alone.",
     "he had", "Trump"),
    ("Trump said the attack was justified. Elizabeth Warren disagreed. She said that he had acted alone.",
     "She said", "Elizabeth Warren"),
    ("Donald Trump defended the deal, and he praised the strike. \u201cIt was working,\u201d she added.", "she added",
     None),
    ("Mr. Lopez spoke first. Then Ms. Okafor said the plan was wrong, and she left.", "she left", "Okafor"),
    ("Mr. Lopez spoke first. Then Ms. Okafor said the plan was wrong, and he left.", "he left", "Lopez"),
])
def test_gender_agreement(body, phrase, expected):
    acts = _actors(body)
    assert _referent(acts, body.index(phrase)) == expected, acts


@pytest.mark.parametrize("name", ["Kataib Hezbollah", "Harakat Nujaba"])
@pytest.mark.parametrize("template", [
    "The United States blamed {n}, an Iraqi militia, for the rocket attack. {n} denied any role.",
    "Officials said {n} fighters joined the protest near the embassy.",
    "Later, members of {n} issued a statement about the embassy.",
])
def test_body_described_name_is_an_organisation(name, template):
    body = template.format(n=name)
    acts = _actors(body)
    found = [k for n, (k, _ms) in acts.items() if name.split()[-1] in n]
    assert found and all(k == "organisation" for k in found), acts


@pytest.mark.parametrize("body, name", [
    ("The militia leader Gen. Abu Mahdi spoke. Gen. Abu Mahdi, the commander of the militia, denied any role.",
     "Abu Mahdi"),
    ("Officials said Trump administration officials joined the meeting. Donald Trump spoke later.", "Trump"),
])
def test_person_evidence_or_led_body_keeps_a_person(body, name):
    acts = _actors(body)
    kinds = {k for n, (k, _ms) in acts.items() if name in n}
    assert "organisation" not in kinds, acts


@pytest.mark.parametrize("body, phrase", [
    ("Pompeo met Zarif. Later, lawyers drew a line between sanctions and blockades, arguing that the latter are "
     "acts of war.", "the latter"),
    ("Biden and Sanders condemned the fight between hooligans and police cadets, in which many of the former "
     "threw bottles.", "the former"),
])
def test_former_latter_after_a_pair_of_things_reaches_no_actor(body, phrase):
    acts = _actors(body)
    assert _referent(acts, body.index(phrase)) is None, acts


@pytest.mark.parametrize("body, name", [
    ("A second demonstrator, Lena Marsh, spoke next, saying she was afraid.", "Lena Marsh"),
    ("Tom Okafor, a former member of the steelworkers union, said he had changed parties.", "Tom Okafor"),
    ("Voters turned to a rebel, Ohio Gov. Maria Lund, instead of the senator.", "Maria Lund"),
])
def test_member_nouns_in_apposition_keep_a_person(body, name):
    acts = _actors(body)
    assert acts.get(name, ("person",))[0] == "person", acts
