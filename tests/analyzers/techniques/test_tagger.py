"""The span tagger (SI): tokens, labels, hysteresis decoding, learning on a toy corpus, its use by the analyzer."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from framing.analyzers import Context, techniques
from framing.analyzers.techniques.model import TechniqueClassifier, span_row
from framing.analyzers.techniques.tagger import SpanTagger, _lines, tokens
from framing.ingest import load_text
from framing.nlp import parse
from framing.resources import Models
from framing.resources.models import load_card


def test_tokens_are_words_and_punctuation_with_offsets():
    text = "We won't stop!\nNever."
    toks = tokens(text)
    assert [t[2] for t in toks] == ["We", "won't", "stop", "!", "Never", "."]
    assert all(text[a:b] == w for a, b, w in toks)


def test_labels_mark_tokens_that_overlap_a_gold_span():
    text = "a b cde f"
    toks = tokens(text)  # a [0,1) b [2,3) cde [4,7) f [8,9)
    assert SpanTagger.labels(toks, [(3, 5)]).tolist() == [0, 0, 1, 0]  # [3,5) touches only "cde"
    assert SpanTagger.labels(toks, [(0, 3), (8, 9)]).tolist() == [1, 1, 0, 1]


def test_hysteresis_needs_a_seed_bridges_small_gaps_and_stops_at_lines():
    text = "a b c d e\nf g h"
    toks = tokens(text)
    lines = [0, 0, 0, 0, 0, 1, 1, 1]
    tagger = SpanTagger(low=0.2, high=0.5, gap=1)
    p = np.array([0.3, 0.1, 0.6, 0.3, 0.0, 0.3, 0.3, 0.3])
    # a (0.3) + gap b + c (0.6 seed) + d (0.3) form one run; f g h have no seed; single letters are one character,
    # so the run a..d is kept and nothing else
    assert tagger.decode(toks, lines, p) == [(0, 7, 0.6)]
    p2 = np.array([0.6, 0.1, 0.1, 0.6, 0.0, 0.6, 0.0, 0.0])
    # the gap of two tokens (b, c) is wider than 1: a alone is a 1-character run (dropped), d alone too, f too
    assert tagger.decode(toks, lines, p2) == []
    assert SpanTagger(low=0.2, high=0.5, gap=2).decode(toks, lines, p2) == [(0, 7, 0.6)]
    # the newline ends a run even when the next token is above the low threshold
    p3 = np.array([0.0, 0.0, 0.0, 0.6, 0.6, 0.6, 0.6, 0.0])
    assert SpanTagger(low=0.2, high=0.5, gap=3).decode(toks, lines, p3) == [(6, 9, 0.6), (10, 13, 0.6)]


def test_sentence_breaks_replace_newlines_as_line_ids():
    text = "One two. Three\nfour."
    toks = tokens(text)  # One two . Three four .
    assert _lines(text, toks) == [0, 0, 0, 0, 1, 1]
    assert _lines(text, toks, [0, 9, 15]) == [1, 1, 1, 2, 3, 3]


def _toy_corpus():
    texts, gold = [], []
    fillers = ["The council met on Monday.", "Rain is expected later.", "The report was published.", "Prices rose slightly."]
    for k in range(30):
        phrase = "Make our glorious nation great again"
        text = f"{fillers[k % 4]} They shouted: {phrase}! {fillers[(k + 1) % 4]}"
        a = text.index(phrase)
        texts.append(text)
        gold.append([(a, a + len(phrase))])
    return texts, gold


def test_a_tagger_learns_spans_from_a_toy_corpus():
    texts, gold = _toy_corpus()
    tagger = SpanTagger(n_bits=12, C=10.0).fit(texts, gold)
    text = "Prices rose slightly. He wrote: Make our glorious nation great again! Rain is expected later."
    found = tagger.spans(text)
    a = text.index("Make")
    b = text.index("again") + len("again")
    assert found, "the trained phrase is tagged"
    assert all(s < b and a < e for s, e, _ in found), found  # nothing outside the phrase
    assert not tagger.spans("The council met on Monday. Rain is expected later.")


@dataclass(frozen=True)
class _Empty:
    spans: tuple = ()


class _FixedTagger:
    def __init__(self, spans):
        self._spans = spans

    def spans(self, text, breaks=None):
        return list(self._spans)


def _classifier() -> TechniqueClassifier:
    rows, y = [], []
    for text, tech in (("brutal", "Loaded_Language"), ("horrific", "Loaded_Language"), ("thugs", "Name_Calling,Labeling"),
                       ("we do not know whether it is true", "Doubt"), ("nobody can say if it happened", "Doubt")) * 3:
        full = f"They said {text} again."
        rows.append(span_row(full, 10, 10 + len(text)))
        y.append(tech)
    return TechniqueClassifier(C=4.0).fit(rows, y)


def test_the_analyzer_labels_tagged_spans_and_leaves_loaded_language_to_its_analyzer():
    text = "They said we do not know whether it is true again. They said horrific again."
    doubt = (text.index("we do"), text.index(" again"), 0.7)
    loaded = (text.index("horrific"), text.index("horrific") + len("horrific"), 0.7)
    clf = _classifier()
    clf.tagger_ = _FixedTagger([doubt, loaded])
    parsed = parse(load_text(text, check_language=False))
    ctx = Context(parsed=parsed, models=Models({"techniques_spans": clf}), results={"loaded_language": _Empty()})
    te = techniques.analyze(ctx)
    tagged = [(s.quote, s.technique) for s in te.spans if s.source == "tagger"]
    assert tagged == [("we do not know whether it is true", "Doubt")]  # "horrific" would be loaded language: dropped
    assert all(s.rule.startswith("model:techniques@") for s in te.spans if s.source == "tagger")


def test_the_shipped_card_reports_the_taggers_cross_validated_si():
    si = load_card("techniques_spans")["span_tagger"]["cross_validation"]
    assert si["grouped_by"] == "article" and si["folds"] >= 3
    assert si["tagger"]["f1"] >= 0.33  # measured 0.330 (3 folds, 259 PTC articles); main had no tagger (SI 0.142)
