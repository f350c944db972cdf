"""Techniques analyzer: candidates (loaded-language spans reused, lexicon cues), voice, repetition, the SI and TC metrics."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pytest

from framing.analyzers import Context, techniques
from framing.analyzers.techniques.model import (
    DENSE_NAMES,
    TECHNIQUE_IDS,
    CueIndex,
    TechniqueClassifier,
    as_classifier,
    span_row,
)
from framing.errors import ModelError
from framing.evaluate.techniques import si_prf
from framing.ingest import load_text
from framing.nlp import parse
from framing.resources import Models
from framing.schema import Span, Voice
from framing.train.techniques import si_counts, tc_scores


@dataclass(frozen=True)
class _Loaded:  # stands in for a loaded-language span
    span: Span
    category: str
    rule: str = "lexicon:loaded_terms@1.0.0"
    negated: bool = False


@dataclass(frozen=True)
class _LoadedSection:
    spans: tuple


def _toy_model() -> TechniqueClassifier:
    rows, y = [], []
    for text, tech in (("thugs", "Name_Calling,Labeling"), ("crooks", "Name_Calling,Labeling"), ("brutal", "Loaded_Language"),
                       ("horrific", "Loaded_Language"), ("our nation", "Flag-Waving"), ("so-called", "Doubt")) * 3:
        full = f"They said {text} again."
        rows.append(span_row(full, 10, 10 + len(text)))
        y.append(tech)
    return TechniqueClassifier(C=4.0).fit(rows, y)


MODEL = _toy_model()


def _run(text: str, loaded=(), quoted_attr=()):
    parsed = parse(load_text(text, check_language=False))
    ctx = Context(parsed=parsed, models=Models({"techniques_spans": MODEL}),
                  results={"loaded_language": _LoadedSection(tuple(loaded))})
    return parsed, techniques.analyze(ctx)


def _find(text: str, phrase: str, n: int = 0) -> Span:
    i = -1
    for _ in range(n + 1):
        i = text.index(phrase, i + 1)
    return Span(i, i + len(phrase))


def test_flag_waving_cue_in_the_authors_voice_and_inside_quotes():
    text = "We must defend our nation now. The mayor said: \"Protect our homeland from them.\""
    _, te = _run(text)
    fw = [s for s in te.spans if s.technique == "Flag-Waving"]
    assert {(s.quote.lower(), s.voice) for s in fw} >= {("our nation", Voice.AUTHOR), ("our homeland", Voice.QUOTED)}
    assert all(text[s.span.start:s.span.end] == s.quote for s in te.spans)


def test_no_flag_waving_in_plain_reporting():
    _, te = _run("The council met on Tuesday to discuss the budget for the new school.")
    assert not [s for s in te.spans if s.technique == "Flag-Waving"]


def test_loaded_language_spans_are_reused_not_rematched():
    text = "The thugs torched a brutal path. Officials counted the damage."
    loaded = [_Loaded(_find(text, "thugs"), "pejorative_label"), _Loaded(_find(text, "brutal"), "emotive"),
              _Loaded(_find(text, "damage"), "emotive", negated=True)]
    _, te = _run(text, loaded)
    got = {(s.quote, s.technique, s.source) for s in te.spans}
    assert ("thugs", "Name_Calling,Labeling", "loaded_language") in got
    assert ("brutal", "Loaded_Language", "loaded_language") in got
    assert not any(s.quote == "damage" for s in te.spans)  # negated loaded terms are not techniques


def test_distancing_term_is_doubt():
    text = "The so-called experts met again."
    _, te = _run(text, [_Loaded(_find(text, "so-called"), "distancing")])
    assert [s.technique for s in te.spans if s.quote == "so-called"] == ["Doubt"]


def test_a_loaded_term_used_three_times_adds_repetition_for_later_uses():
    text = "The thugs came. The thugs left. The thugs returned. Thugs, said one."
    loaded = [_Loaded(_find(text, "thugs", k), "pejorative_label") for k in range(3)]
    _, te = _run(text, loaded)
    reps = [s for s in te.spans if s.technique == "Repetition"]
    assert [s.span for s in reps] == [_find(text, "thugs", 1), _find(text, "thugs", 2)]


@pytest.mark.parametrize(("text", "word"), [
    ("The Communist Party of China met in Beijing on Monday.", "Communist"),
    ("Members of the Socialist Workers Party marched in London.", "Socialist"),
    ("Leaders of the National Front spoke in Paris on Sunday.", "National"),
])
def test_a_label_word_inside_an_organisations_name_is_not_name_calling(text, word):
    # the party's own name describes it; any side's party is treated alike
    _, te = _run(text, [_Loaded(_find(text, word), "pejorative_label")])
    assert not [s for s in te.spans if s.quote == word]


@pytest.mark.parametrize(("text", "word"), [
    ("These communists in the capital want to take everything.", "communists"),
    ("He called them Fascist thugs at the rally.", "Fascist"),
])
def test_a_label_outside_a_name_stays_a_candidate(text, word):
    _, te = _run(text, [_Loaded(_find(text, word), "pejorative_label")])
    got = {s.technique for s in te.spans if s.quote == word and s.source == "loaded_language"}
    assert got in ({"Name_Calling,Labeling"}, {"Loaded_Language"})


def test_counts_and_rates_follow_the_spans():
    text = "We must defend our nation and our flag."
    _, te = _run(text)
    n_author = sum(s.voice == Voice.AUTHOR for s in te.spans)
    assert te.per_1000_words_author == pytest.approx(round(1000 * n_author / len(text.split()), 2))
    assert sum(c["author"] + c["quoted"] for c in te.counts.values()) == len(te.spans)


def test_round_trip():
    _, te = _run("We must defend our nation.")
    assert type(te).from_dict(te.to_dict()) == te


def test_span_row_counts_repeats():
    text = "Lies, lies and more lies."
    assert span_row(text, 0, 4).dense[1] == 1.0  # "lies" occurs three times
    assert span_row(text, 15, 19).dense[1] == 0.0  # "more" once


def test_span_row_counts_uses_before_and_after_the_span():
    text = "Lies, lies and more lies."
    names = list(DENSE_NAMES)
    first, last = span_row(text, 0, 4).dense, span_row(text, 20, 24).dense
    assert first[names.index("seen_before")] == 0.0 and last[names.index("seen_before")] == 1.0
    assert first[names.index("log_after")] == pytest.approx(math.log1p(2))  # two later uses of "lies"
    assert last[names.index("log_before")] == pytest.approx(math.log1p(2))
    assert first[names.index("in_title")] == 1.0  # the first line is the title


def test_cue_index_counts_whole_words_per_technique():
    cues = CueIndex([{"term": "our nation", "technique": "Flag-Waving"}, {"term": "wake up", "technique": "Slogans"},
                     {"term": "nation", "technique": "Not_A_Technique"}])
    v = cues.counts("For our nation, and OUR NATION again: wake up! (Our nationhood is not a cue.)")
    assert v[TECHNIQUE_IDS.index("Flag-Waving")] == 2 and v[TECHNIQUE_IDS.index("Slogans")] == 1 and v.sum() == 3
    text = "Title\nWe love our nation and its flag."
    row = span_row(text, text.index("love"), text.index(" and"), cues=cues)
    names = list(DENSE_NAMES)
    assert row.dense[names.index("cue_span:Flag-Waving")] == 1.0
    assert row.dense[names.index("cue_line:Flag-Waving")] == 0.5  # the line's cues count half
    assert row.dense[names.index("in_title")] == 0.0


def test_a_span_listed_twice_gets_two_different_techniques():
    text = "They said thugs again."
    rows = [span_row(text, 10, 15)] * 2 + [span_row(text, 10, 15)]
    plain = MODEL.predict(rows)
    assert len(set(plain)) == 1  # the same row: the same label three times
    keyed = MODEL.predict(rows, keys=[("a", 10, 15), ("a", 10, 15), ("b", 10, 15)])
    assert keyed[0] == plain[0] and keyed[1] != keyed[0]  # the second listing gets the runner-up
    assert keyed[2] == plain[2]  # another article's span is not affected


def test_si_metric_by_hand():
    # predicted [0,10) vs gold [5,15): |∩| = 5 -> precision 5/10, recall 5/10
    assert si_counts([(0, 10)], [(5, 15)]) == (0.5, 0.5)
    r = si_prf([([(0, 10)], [(5, 15)]), ([(20, 30)], [])])
    assert r["precision"] == pytest.approx(0.25) and r["recall"] == pytest.approx(0.5)
    assert r["f1"] == pytest.approx(round(2 * 0.25 * 0.5 / 0.75, 4))


def test_tc_scores_by_hand():
    r = tc_scores(["Doubt", "Slogans", "Doubt"], ["Doubt", "Doubt", "Doubt"])
    assert r["tc_micro_f1"] == pytest.approx(0.6667, abs=1e-4)
    assert r["per_technique_f1"]["Doubt"] == pytest.approx(0.8)  # 2 tp, 3 predicted, 2 gold
    assert r["per_technique_f1"]["Slogans"] == 0.0


def test_as_classifier_refuses_other_objects():
    with pytest.raises(ModelError, match="framing train techniques"):
        as_classifier(object())


def test_seed_techniques_include_name_calling_and_flag_waving_in_the_authors_voice(seed_article):
    import framing

    te = framing.analyze(seed_article).sections["techniques"]
    author = {(s.technique, s.quote.lower()) for s in te.spans if s.voice == Voice.AUTHOR}
    shown = author | {(s.technique, s.quote.lower()) for s in te.uncertain if s.voice == Voice.AUTHOR}
    assert all(s.uncertain and s.probability < te.uncertain_below for s in te.uncertain)
    # read by hand: the author labels the groups the US is said to sponsor "terrorist groups" (name calling) and
    # calls outside pressure "imperialist interference" (a loaded label; the classifier has called it name calling
    # and, since it reads the span's syntax -- the head is the act "interference" -- loaded language), and appeals
    # to defending sovereignty
    assert ("Name_Calling,Labeling", "terrorist groups") in author
    assert {t for t, q in author if q == "imperialist interference"} & {"Name_Calling,Labeling", "Loaded_Language"}
    # flag-waving is found and shown, but since abstention not counted: the classifier gives the cue "defend their
    # sovereignty" (the Iraqi people's determination to "defend their sovereignty") a probability of about 0.01, under
    # the model's threshold, so it is listed as uncertain (the threshold was not lowered for the seed)
    assert {q for t, q in shown if t == "Flag-Waving"} >= {"defend their sovereignty"}
    # read by hand: "The Communist Ghadar Party" is the author's own party named, not a label for anyone
    assert not [s for s in te.spans if s.quote == "Communist"]
    quoted = {s.quote.lower() for s in te.spans if s.voice == Voice.QUOTED}
    assert "regime" in quoted  # "the Iranian regime" is in the quoted statement, not the author's voice
