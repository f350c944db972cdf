"""Invisible evasion (issue 22, item 6): format characters are removed at ingest, homoglyph words are flagged.

The issue's attack: zero-width joiners or bidi controls inside loaded words took a paragraph from 344.8 loaded
terms per 1,000 words to 0.0 with no visible change. After :func:`framing.ingest.normalize_text` removes them (the
one place, before any offset exists), the paragraph scores exactly as the clean one and every evidence span points
into the text the reader sees.
"""

from __future__ import annotations

import json
import logging
import unicodedata

import pytest

import framing
from framing.ingest import load_html, load_path, load_text, normalize_text
from framing.ingest.text import mixed_script_words

TITLE = "Crackdown"
CLEAN = (
    "The regime's thugs slaughtered innocent protesters, a brutal massacre by terrorists and extremists, "
    "the radical dictator boasted. Officials said more details would follow on Monday."
)
LOADED = ("regime", "thugs", "slaughtered", "brutal", "massacre", "terrorists", "extremists", "radical", "dictator", "boasted")
INVISIBLE = {
    "zwsp": "\u200b",
    "zwnj": "\u200c",
    "zwj": "\u200d",
    "word joiner": "\u2060",
    "bom": "\ufeff",
    "lrm": "\u200e",
    "rlm": "\u200f",
    "rlo": "\u202e",
    "lre": "\u202a",
    "pdf": "\u202c",
    "rli": "\u2067",
    "pdi": "\u2069",
    "soft hyphen": "\u00ad",
    "invisible times": "\u2062",
    "tag a": "\U000e0041",
}


def _poison(text: str, marks: str) -> str:
    """Every loaded word with invisible characters inside it (cycling through ``marks``)."""
    for i, w in enumerate(LOADED):
        text = text.replace(w, w[:2] + marks[i % len(marks)] + w[2:-1] + marks[(i + 1) % len(marks)] + w[-1], 1)
    return text


def _loaded(analysis) -> dict:
    return analysis.to_dict()["loaded_language"]


@pytest.fixture(scope="module")
def clean_analysis():
    return framing.analyze(load_text(CLEAN, title=TITLE))


@pytest.mark.parametrize("marks", ["\u200d", "\u200b\u200c", "\u202e\u202c\u2066\u2069", "".join(INVISIBLE.values())], ids=["zwj", "zw", "bidi", "all"])
def test_invisible_characters_inside_loaded_words_do_not_change_the_score(clean_analysis, marks):
    evil = _poison(CLEAN, marks)
    assert evil != CLEAN and all(w not in evil for w in LOADED)  # the raw text hides every loaded word from a plain match
    art = load_text(evil, title=TITLE)
    assert art.text == clean_analysis.article.text
    got, want = _loaded(framing.analyze(art)), _loaded(clean_analysis)
    assert want["per_1000_words"] > 300  # the clean paragraph is heavily loaded ...
    assert got == want  # ... and so is the poisoned one, term for term, span for span


def test_evidence_spans_point_into_the_text_the_reader_sees():
    art = load_text(_poison(CLEAN, "".join(INVISIBLE.values())), title=TITLE)
    assert not any(unicodedata.category(c) == "Cf" for c in art.text)
    spans = _loaded(framing.analyze(art))["spans"]
    assert {s["quote"].lower() for s in spans} >= {"regime", "thugs", "massacre", "terrorists"}
    for s in spans:
        assert art.text[s["start"] : s["end"]] == s["quote"]


def test_html_goes_through_the_same_normalisation(clean_analysis):
    evil = _poison(CLEAN, "\u200d\u202e")
    page = f"<html><head><title>{TITLE}</title></head><body><article><h1>{TITLE}</h1><p>{evil}</p><p>{evil}</p></article></body></html>"
    art = load_html(page, check_language=False)
    assert not any(unicodedata.category(c) == "Cf" for c in art.text)
    assert all(w in art.text for w in LOADED)


@pytest.mark.parametrize("name", sorted(INVISIBLE))
def test_each_format_character_is_removed_inside_a_word(name):
    assert normalize_text(f"terr{INVISIBLE[name]}orist") == "terrorist"


def test_normalisation_keeps_what_a_script_needs_and_is_idempotent():
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # "mi-khaham": the ZWNJ is part of the spelling
    devanagari = "\u0915\u094d\u200d\u0937"  # a ZWJ after a virama selects the half form
    arabic_number = "\u0600\u0661\u0662"  # ARABIC NUMBER SIGN before digits is visible and kept
    for text in (persian, devanagari, arabic_number):
        assert normalize_text(text) == text
    emoji = "\U0001f468\u200d\U0001f469"  # ZWJ between emoji (not letters) is dropped: the two emoji stay
    assert normalize_text(emoji) == "\U0001f468\U0001f469"
    mixed = "a\u0600b"  # a script sign inside a Latin word is dropped
    assert normalize_text(mixed) == "ab"
    raw = f"x\u200d\u200cy {persian} z\u2066w\ufeff {devanagari}\u200d \u202etext"
    once = normalize_text(raw)
    assert normalize_text(once) == once
    assert once == f"xy {persian} zw {devanagari} text"


def test_mixed_script_words_are_flagged(caplog):
    homoglyph = "t\u0435rrorist"  # Cyrillic ie
    greek = "\u03bffficials"  # Greek omicron
    text = f"The {homoglyph} attack was condemned by {greek}, who called the {homoglyph} a coward on Monday."
    assert mixed_script_words(text) == [homoglyph, greek, homoglyph]
    with caplog.at_level(logging.WARNING, logger="framing.ingest.text"):
        art = load_text(text, title="Attack condemned")
    assert dict(art.meta)["mixed_script_words"] == f"3: {homoglyph}, {greek}"
    assert any("mix Latin, Greek or Cyrillic" in r.getMessage() for r in caplog.records)


def test_no_mixed_script_key_without_mixed_words(caplog):
    with caplog.at_level(logging.WARNING, logger="framing.ingest.text"):
        art = load_text(CLEAN, title=TITLE, meta={"event": "x"})
        greek = load_text("\u0391\u03b8\u03ae\u03bd\u03b1 is the Greek name of Athens, said the guide on Monday.", title="Athens")
    assert dict(art.meta) == {"event": "x"}
    assert "mixed_script_words" not in dict(greek.meta)  # a whole Greek word next to English ones is not mixed
    assert not [r for r in caplog.records if "mix Latin" in r.getMessage()]


def test_json_article_files_and_metadata_are_normalised(tmp_path):
    """An Article .json with escapes and invisible characters in its text and metadata goes through the one normalisation."""
    clean = load_text("The minister said the brutal regime lied about the strike on the base. " * 3, title="A title",
                      outlet="Daily Example", check_language=False)
    exported = tmp_path / "clean.json"
    exported.write_text(json.dumps(clean.to_dict()), encoding="utf-8")
    assert load_path(exported, check_language=False).text == clean.text  # an export comes back unchanged

    d = clean.to_dict()
    d["text"] = d["text"].replace("brutal", "bru\u200btal").replace("regime", "\x1b[8mregime\x1b[0m")
    d["outlet"] = "Daily\x1b]0;owned\x07 Example\n"
    d["byline"] = "A. Writer\u202e"
    d["meta"] = {"lean": "center\x1b[2J"}
    d.pop("sha256", None)
    bad = tmp_path / "tampered.json"
    bad.write_text(json.dumps(d), encoding="utf-8")
    art = load_path(bad, check_language=False)
    assert art.text == clean.text
    assert art.outlet == "Daily Example" and art.byline == "A. Writer" and art.get("lean") == "center"
