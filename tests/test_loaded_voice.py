"""Voice of loaded spans beyond quotation marks: words ascribed to someone else by a verb of speech, judgement or
perception ("condemned it as a reckless move"), a headline "Title: words" line, and transcript turns; the author's
own characterisations stay in the author's voice. Sentences written for these tests; real parses."""

from __future__ import annotations

from framing.analyzers import actors, attribution, loaded_language
from framing.analyzers.loaded_language import rules
from framing.ingest import load_text
from framing.nlp import parse
from framing.pipeline import analyze
from framing.schema import Voice


def _ascribed(text: str) -> list[str]:
    p = parse(load_text(text, check_language=False))
    return [p.text[a:b] for a, b in rules.ascribed_regions(p)]


def _voice(text: str, word: str) -> Voice:
    sec = analyze(load_text(text, check_language=False),
                  analyzers=(actors.SPEC, attribution.SPEC, loaded_language.SPEC)).sections["loaded_language"]
    (span,) = [s for s in sec.spans if word in s.quote.lower()]
    return span.voice


def test_the_as_complement_of_a_verb_of_judgement_is_the_subject_s_view():
    assert _ascribed("Several senators condemned the decision as a reckless gamble.") == ["a reckless gamble"]
    assert [r[:15] for r in _ascribed("The general was seen as a national hero in his village.")] == ["a national hero"]
    assert "a traitor" in _ascribed("The tabloids branded the whistleblower a traitor.")


def test_the_author_s_own_view_and_factive_verbs_stay_in_the_author_s_voice():
    assert _ascribed("I see the decision as a reckless gamble.") == []
    assert _ascribed("The decision can be seen as a reckless gamble.") == []
    # a factive verb presents the view as a fact: the author's words
    assert _ascribed("The scheme was widely recognized as a disgraceful fraud.") == []
    # an object predicate only after a verb of naming: "find X crazy" is not naming
    assert _ascribed("Voters find the mayor's rhetoric crazy.") == []


def test_a_headline_with_a_titled_speaker_before_the_colon_is_the_speaker_s_words():
    text = "Foreign Minister: The Strike Was A Cowardly Act\n\nThe minister spoke to reporters on Friday."
    assert _ascribed(text) == ["The Strike Was A Cowardly Act"]
    # a bare name before the colon may be the columnist's own byline; a label is not a speaker
    assert _ascribed("Jane Doe: The Cowardly War We Chose\n\nThe column continues here.") == []
    assert _ascribed("Analysis: A Cowardly Retreat\n\nThe story continues here.") == []


def test_transcript_turns_need_several_upper_case_speakers():
    text = ("HOST: Welcome back to the program.\n\nSMITH: The plan is a disgraceful mess.\n\n"
            "HOST: Why do you say that?\n\nSMITH: Because it was rushed.")
    assert "The plan is a disgraceful mess." in _ascribed(text)
    assert _ascribed("WATCH: The mayor's disgraceful speech.\n\nThe story continues here.") == []


def test_voice_of_a_loaded_span_follows_the_ascription():
    assert _voice("Several senators condemned the decision as a reckless gamble.", "reckless") == Voice.QUOTED
    assert _voice("The decision was a reckless gamble.", "reckless") == Voice.AUTHOR
