"""Symmetry: swapping actor names in a text swaps the stances (a property of the instrument).

Each text is analysed as written and with the names of two sides exchanged
(United States / US / American / Washington / Trump <-> Iran / Iranian / Tehran /
Rouhani, and invented pairs). The stance of side A in the original must equal
the stance of side B in the swapped text within 0.1. The texts are written for
this test, except the seed article (read from ../shared).
"""

from __future__ import annotations

import re

import pytest

from framing import pipeline
from framing.ingest import load_text

US_IRAN = [("United States", "Islamic Republic"), ("Washington", "Tehran"), ("American", "Iranian"), ("Trump", "Rouhani"), ("US", "Iran")]
INVENTED = [("Arvenia", "Belmark"), ("Arvenian", "Belmarkian"), ("Halloway", "Osric")]

OVERRIDES = [
    {"name": "United States", "kind": "country", "aliases": ["US", "United States", "American", "Washington"], "affiliation": None},
    {"name": "Iran", "kind": "country", "aliases": ["Iran", "Islamic Republic", "Iranian", "Tehran"], "affiliation": None},
    {"name": "Donald Trump", "kind": "person", "aliases": ["Trump", "President Trump", "Donald Trump"], "affiliation": "United States"},
    {"name": "Hassan Rouhani", "kind": "person", "aliases": ["Rouhani", "President Rouhani", "Hassan Rouhani"], "affiliation": "Iran"},
    {"name": "Arvenia", "kind": "country", "aliases": ["Arvenian"], "affiliation": None},
    {"name": "Belmark", "kind": "country", "aliases": ["Belmarkian"], "affiliation": None},
    {"name": "Halloway", "kind": "person", "aliases": [], "affiliation": "Arvenia"},
    {"name": "Osric", "kind": "person", "aliases": [], "affiliation": "Belmark"},
]
PAIRS_OF_ACTORS = [("United States", "Iran"), ("Donald Trump", "Hassan Rouhani"), ("Arvenia", "Belmark"), ("Halloway", "Osric")]

TEXTS = [
    "The US attacked Iran on Friday. Iran defended its border and protected civilians.",
    "Trump lied about the strike, critics said. Rouhani praised the negotiators and offered talks.",
    "Washington threatened Tehran with new sanctions. Tehran welcomed the mediation offer from Oman.",
    "American forces killed dozens in a raid. Iranian doctors helped the wounded and rebuilt the clinic.",
    "Arvenia invaded Belmark at dawn. Belmark resisted and rescued hundreds of families.",
    "Halloway ordered the bombing of the port. Osric visited the survivors and promised aid.",
    "The Arvenian government violated the ceasefire twice. The Belmarkian government honoured the agreement.",
    "Iran is an honest partner that cooperated with the inspectors. The US is a reckless liar that obstructed the inquiry.",
    "Rouhani is a cruel and dishonest leader, the editorial said. Trump is a wise and generous statesman.",
    "Halloway kidnapped two journalists and tortured them. Osric rescued the hostages and comforted their families.",
]


def _swap(text: str, pairs) -> str:
    mapping = {}
    for a, b in pairs:
        mapping[a], mapping[b] = b, a
    keys = sorted(mapping, key=len, reverse=True)
    rx = re.compile(r"(?<![\w-])(" + "|".join(re.escape(k) for k in keys) + r")(?![\w-])")
    return rx.sub(lambda m: mapping[m.group(1)], text)


def _stance_map(text: str, title: str = "") -> dict[str, float]:
    art = load_text(text, title=title) if title else load_text(text)
    st = pipeline.analyze(art, event_actors=OVERRIDES).sections["stance"]
    return {s.name: s.stance for s in st}


def _check(orig: dict, swapped: dict) -> list[str]:
    problems = []
    for a, b in PAIRS_OF_ACTORS:
        for x, y in ((a, b), (b, a)):
            if x in orig or y in swapped:
                sx, sy = orig.get(x), swapped.get(y)
                if sx is None or sy is None or abs(sx - sy) > 0.1:
                    problems.append(f"{x} {sx} vs swapped {y} {sy}")
    return problems


def test_swap_helper():
    assert _swap("US and Iran; American, Iranian; Trump/Rouhani", US_IRAN) == "Iran and US; Iranian, American; Rouhani/Trump"


@pytest.mark.parametrize("i", range(len(TEXTS)))
def test_constructed_texts_swap(i):
    text = TEXTS[i]
    orig = _stance_map(text)
    swapped = _stance_map(_swap(text, US_IRAN + INVENTED))
    assert not _check(orig, swapped), _check(orig, swapped)
    # and the texts do take sides: the two actors of a pair differ in stance somewhere
    assert any(abs(orig.get(a, 0) - orig.get(b, 0)) > 0.1 for a, b in PAIRS_OF_ACTORS)


def test_seed_swaps(seed_article):
    body = seed_article.text[seed_article.body_start :]
    title = seed_article.title
    orig = _stance_map(body, title=title)
    sw = _stance_map(_swap(body, US_IRAN), title=_swap(title, US_IRAN))
    problems = [p for p in _check(orig, sw) if p.startswith(("United States", "Iran"))]
    assert not problems, problems
