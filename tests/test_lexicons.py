"""Every shipped lexicon is valid data; the loaded-language lexicons flag what they should and nothing else."""

from __future__ import annotations

import importlib.resources
import re

import pytest

from framing.errors import LexiconError
from framing.resources import lexicons as lexicon

ALL = lexicon.names()
MINE = ("loaded_terms", "intensifiers", "hedges", "absolutes")


def _raw(name: str) -> bytes:
    return (importlib.resources.files("framing.lexicons") / f"{name}.tsv").read_bytes()


@pytest.mark.parametrize("name", ALL)
def test_every_lexicon_has_a_full_header_and_loads(name):
    lex = lexicon.load(name)
    for key in lexicon.REQUIRED_KEYS:
        assert lex.meta.get(key), f"{name}: header key {key!r} is empty"
    assert lex.meta["name"] == name
    assert re.fullmatch(r"\d+\.\d+\.\d+", lex.version), f"{name}: version {lex.version!r} is not semver"
    assert lex.meta["match"] in lexicon.MATCH_MODES
    assert len(lex) > 0


@pytest.mark.parametrize("name", ALL)
def test_no_duplicate_terms_and_no_stray_whitespace(name):
    lex = lexicon.load(name)
    sense_col = "category" if "category" in lex.columns else ("class" if "class" in lex.columns else None)
    seen = set()
    for e in lex:
        key = (e["term"].lower(), e.get(sense_col, "") if sense_col else "")
        assert key not in seen, f"{name}: duplicate {key}"
        seen.add(key)
        assert e["term"] == e["term"].strip() and "  " not in e["term"], f"{name}: whitespace in {e['term']!r}"


@pytest.mark.parametrize("name", ALL)
def test_numeric_columns_are_in_range(name):
    lex = lexicon.load(name)
    for col, (lo, hi) in lexicon.NUMERIC_COLUMNS.items():
        if col in lex.columns:
            for e in lex:
                assert lo <= e[col] <= hi, f"{name}: {e['term']} {col}={e[col]}"


@pytest.mark.parametrize("name", ALL)
def test_file_is_utf8_with_unix_line_ends(name):
    raw = _raw(name)
    raw.decode("utf-8")
    assert b"\r\n" not in raw


def test_loaded_terms_size_and_columns():
    lex = lexicon.load("loaded_terms")
    assert len(lex) >= 800
    assert lex.columns == ("term", "category", "direction", "strength", "alternative", "note")
    cats = {e["category"] for e in lex}
    assert {"pejorative_label", "glorifying_label", "dysphemism", "euphemism", "violent_metaphor", "emotive"} <= cats
    for e in lex:
        assert e["direction"] in ("negative", "positive", "neutral"), e
        assert 0 < e["strength"] <= 1, e


def test_loaded_terms_lookup_examples_from_the_issue():
    lex = lexicon.load("loaded_terms")
    for term, direction in [("regime", "negative"), ("thug", "negative"), ("martyr", "positive"), ("hero", "positive"),
                            ("terrorist", "negative"), ("freedom fighter", "positive"), ("collateral damage", "positive"),
                            ("targeted killing", "positive"), ("assassination", "negative"), ("strangle", "negative"),
                            ("unleash", "negative")]:
        e = lex.lookup(term)
        assert e is not None, term
        assert e["direction"] == direction, (term, e)
    assert lex.lookup("Regime")["alternative"] == "government"
    assert lex.lookup("said") is None


def test_loaded_terms_cover_both_sides_with_equal_care():
    """Paired labels: each side's loaded word for the other is present with the same strength."""
    lex = lexicon.load("loaded_terms")
    pairs = [("great satan", "axis of evil"), ("radical left", "radical right"), ("far-left", "far-right"),
             ("hard-left", "hard-right"), ("leftists", "right-wingers"), ("wingnut", "moonbat"),
             ("pro-life", "pro-choice"), ("anti-choice", "pro-abortion"), ("gun nut", "gun grabber"),
             ("climate denier", "alarmist"), ("rino", "dino"), ("zionist regime", "ayatollah regime")]
    for a, b in pairs:
        ea, eb = lex.lookup(a), lex.lookup(b)
        assert ea and eb, (a, b)
        assert ea["direction"] == eb["direction"], (a, b)
        assert abs(ea["strength"] - eb["strength"]) <= 0.1 + 1e-9, (a, ea["strength"], b, eb["strength"])


def test_parse_tsv_reports_file_and_line():
    bad = b"# name: x\n# version: 1.0.0\n# description: d\n# source: s\n# license: MIT\n# match: lemma\n# columns: term, category, strength, note\nterm\tcategory\tstrength\tnote\nfoo\tbar\thigh\tn\n"
    with pytest.raises(LexiconError, match=r"x.tsv:9: strength 'high'"):
        lexicon.parse_tsv(bad, "x.tsv")


def test_term_words_split_hyphens_and_keep_the_possessive_slot():
    assert lexicon.term_words("So-called") == ("so", "-", "called")
    assert lexicon.term_words("bring to {poss} knees") == ("bring", "to", "{poss}", "knees")


# ---------------------------------------------------------------- must flag / must not flag (on real parses)


def _found(nlp, name, sentence):
    doc = nlp(sentence)
    return [doc[m.start:m.end].text for m in lexicon.matcher(name)(doc)]


@pytest.mark.parametrize("name,sentence,expected", [
    ("loaded_terms", "The thugs stormed the building.", ["thugs"]),
    ("loaded_terms", "He was lying through his teeth about the deal.", ["lying through his teeth"]),
    ("loaded_terms", "A so called expert spoke.", ["so called"]),
    ("loaded_terms", "The militia's freedom-fighters were honoured.", ["freedom-fighters"]),
    ("loaded_terms", "Sanctions brought the economy to its knees.", ["to its knees"]),
    ("loaded_terms", "The strike caused collateral damage.", ["collateral damage"]),
    ("intensifiers", "It was an utterly reckless move.", ["utterly"]),
    ("absolutes", "The whole world knows who did it.", ["The whole world knows"]),
    ("hedges", "The talks might perhaps resume.", ["might", "perhaps"]),
])
def test_must_flag(nlp, name, sentence, expected):
    assert _found(nlp, name, sentence) == expected


@pytest.mark.parametrize("name,sentence", [
    ("loaded_terms", "The minister said the talks would resume on Monday."),
    ("loaded_terms", "Heroin seizures rose; the theme of the regimen was thuggery-free."),  # never inside a word
    ("loaded_terms", "The government announced a new budget for schools."),
    ("intensifiers", "The committee met on Tuesday."),
    ("absolutes", "Some members voted against the bill."),
])
def test_must_not_flag(nlp, name, sentence):
    assert _found(nlp, name, sentence) == []
