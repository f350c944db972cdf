"""Loaded-language analyzer: spans, voice, negation, rates, sentence scores, even-handedness."""

from __future__ import annotations

import pytest
from handmade_sentences import FACTUAL, LOADED
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framing.analyzers import Context, loaded_language
from framing.analyzers.loaded_language.model import LoadedSentenceClassifier, SentenceRow
from framing.errors import ModelError
from framing.ingest import load_text
from framing.nlp import parse
from framing.resources import Models
from framing.schema import Analysis, Span, Voice, validate
from framing.schema.sections.loaded_language import LoadedLanguage


class _Attributed:
    """Stands in for the attribution section: only the spans it marks as someone else's words."""

    def __init__(self, spans=()):
        self.spans = tuple(spans)

    def quoted_spans(self):
        return self.spans


def _run(parsed, quoted=()):
    """The analyzer on a parse, with ``quoted`` as the attribution analyzer's attributed speech."""
    return loaded_language.analyze(Context(parsed=parsed, results={"attribution": _Attributed(quoted)}))


def _analyze(text, quoted=()):
    parsed = parse(load_text(text, check_language=False))
    return parsed, _run(parsed, quoted)


def _spans(result, **filters):
    return [s for s in result.spans if all(getattr(s, k) == v for k, v in filters.items())]


# ---------------------------------------------------------------- the seed article


@pytest.fixture(scope="module")
def seed_result(seed_parsed):
    return _run(seed_parsed)


def test_seed_author_voice_phrases_are_flagged_with_alternatives(seed_result):
    by_quote = {s.quote.lower(): s for s in seed_result.spans}
    for phrase in ("cowardly killings", "lying through his teeth"):
        s = by_quote.get(phrase)
        assert s is not None, f"{phrase!r} not flagged; got {sorted(by_quote)[:40]}"
        assert s.voice == "author"
        assert s.alternative and s.alternative != phrase
        assert s.direction == "negative" and not s.negated
    assert by_quote["cowardly killings"].alternative == "killings"


def test_seed_trump_statement_words_are_quoted(seed_parsed, seed_result):
    text = seed_parsed.text
    start = text.index("Peace and stability cannot prevail")
    end = text.index("It will not be allowed to go forward.")
    inside = [s for s in seed_result.spans if start <= s.span.start < end]
    quotes = {s.quote.lower() for s in inside}
    for word in ("terror", "murder", "mayhem", "regime"):
        assert word in quotes, f"{word!r} not found inside Trump's statement; got {quotes}"
    assert inside and all(s.voice == "quoted" for s in inside)
    # the same words in the author's own sentence later are the author's
    later = text.index("victims of the violence, terror, mayhem")
    after = [s for s in seed_result.spans if later <= s.span.start < later + 60 and s.quote.lower() in ("terror", "mayhem")]
    assert after and all(s.voice == "author" for s in after)


def test_seed_jcpoa_sentence_scores_low_and_loaded_sentence_scores_high(seed_parsed, seed_result):
    text = seed_parsed.text

    def score_of(prefix):
        i = text.index(prefix)
        (s,) = [s for s in seed_result.sentences if s.span.start <= i < s.span.end]
        return s.score

    # Below the 0.5 decision threshold (not counted as loaded). The bound was 0.35 before names were masked: the
    # sentence is mostly a list of seven country names, which the unmasked model read as signs of factual
    # reporting (names are frequent in BABE's non-biased sentences); with names masked that evidence is gone by
    # design (it would also make any sentence about, say, China score differently from one about Iran), and the
    # remaining words leave it at ~0.45. The contrast with the loaded sentence below is still asserted.
    assert score_of("This treaty was negotiated with Iran in July 2015") < 0.5
    assert score_of("Trump is lying through his teeth") > 0.5
    assert score_of("Trump is lying through his teeth") - score_of("This treaty was negotiated") > 0.3


def test_seed_output_is_valid_against_the_schema(seed_parsed, seed_result):
    d = seed_result.to_dict()
    assert validate({"article": seed_parsed.article.to_dict(), "loaded_language": d}) == []
    for key in ("per_1000_words", "per_1000_words_author", "per_1000_words_quoted", "share_sentences_loaded",
                "top_devices", "spans", "sentences"):
        assert key in d
    for s in d["spans"]:
        assert {"start", "end", "quote", "category", "rule", "weight", "voice", "alternative", "direction", "negated",
                "sentence"} <= set(s)
        assert 0 < s["weight"] <= 1
        assert s["direction"] in ("negative", "positive", "neutral")
        assert s["voice"] in ("author", "quoted")
    assert len(d["sentences"]) == len(seed_parsed.sentences)
    for s in d["sentences"]:
        assert 0.0 <= s["score"] <= 1.0
        for e in s["evidence"]:
            assert seed_parsed.text[e["start"]:e["end"]] == e["quote"]
    assert d["per_1000_words_author"] > 0 and d["per_1000_words_quoted"] > 0
    assert 0 < d["share_sentences_loaded"] < 1


def test_every_emitted_rule_is_documented(seed_result):
    rules = {s.rule for s in seed_result.spans} | {e.rule for s in seed_result.sentences for e in s.evidence}
    assert rules and rules <= set(loaded_language.RULES), rules - set(loaded_language.RULES)


# ---------------------------------------------------------------- hand-made texts


def test_negated_label_is_reported_but_not_counted():
    _, neg = _analyze("The minister insisted that the man was not a terrorist and had broken no law.")
    _, pos = _analyze("The minister insisted that the man was a terrorist and had broken the law.")
    (n,) = _spans(neg, term="terrorist")
    (p,) = _spans(pos, term="terrorist")
    assert n.negated and not p.negated
    assert neg.counts["loaded"] == 0 and pos.counts["loaded"] == 1
    assert neg.per_1000_words == 0.0 and pos.per_1000_words > 0


def test_not_only_is_not_a_negation():
    _, r = _analyze("The plan was not only reckless but also costly for the city.")
    (s,) = _spans(r, term="reckless")
    assert not s.negated


def test_attributed_speech_without_quotation_marks_is_quoted_voice():
    text = "The senator said the protesters were thugs. The police arrested four people on Monday."
    parsed = parse(load_text(text, check_language=False))
    start = parsed.text.index("the protesters were thugs")
    quoted = [Span(start, start + len("the protesters were thugs"))]
    with_q = _run(parsed, quoted)
    without = _run(parsed)
    assert [s.voice for s in _spans(with_q, term="thug")] == ["quoted"]
    assert [s.voice for s in _spans(without, term="thug")] == ["author"]


def test_rates_are_counted_by_hand():
    # 20 words; "thugs" and "slammed" are loaded, both in the author's voice.
    text = "Local thugs smashed windows downtown last night, and the mayor slammed the police chief for a slow response today."
    _, r = _analyze(text)
    loaded = [s for s in r.spans if s.rule.startswith("lexicon:loaded_terms@")]
    assert sorted(s.quote for s in loaded) == ["slammed", "smashed", "thugs"]
    words = len(text.split())
    assert r.per_1000_words == round(1000 * 3 / words, 2)
    assert r.per_1000_words_quoted == 0.0


def test_plain_factual_text_has_no_loaded_spans():
    _, r = _analyze("The city council voted on Tuesday to approve the budget. The measure passed by seven votes to two.")
    assert [s for s in r.spans if s.rule.startswith("lexicon:loaded_terms@")] == []
    assert all(s.score < 0.5 for s in r.sentences)


@pytest.mark.parametrize("template", [
    "The {a} regime unleashed its thugs on peaceful protesters, a cowardly act condemned worldwide.",
    "Officials of {a} are lying through their teeth about the brutal crackdown.",
    "The so-called peace plan of {a} is a sham designed to strangle its neighbours.",
    "{a} heroes and martyrs gave their lives defending the homeland.",
])
def test_lexicon_audit_same_construction_either_side_scores_the_same(template):
    """Even-handedness: the same construction aimed at Washington or at Tehran scores the same."""
    _, us = _analyze(template.format(a="American"))
    _, ir = _analyze(template.format(a="Iranian"))

    def lex_profile(r):
        return sorted((s.category, s.direction, s.weight, s.term) for s in r.spans)

    assert lex_profile(us) == lex_profile(ir)
    assert us.per_1000_words == ir.per_1000_words
    assert len(us.sentences) == len(ir.sentences) == 1
    assert abs(us.sentences[0].score - ir.sentences[0].score) < 0.1


def test_empty_quoted_argument_and_tuple_spans_are_accepted():
    text = "He called them “thugs” in a speech on Monday evening."
    parsed = parse(load_text(text, check_language=False))
    r = _run(parsed, ())
    assert [s.voice for s in _spans(r, term="thug")] == ["quoted"]


_WORDS = ["the", "regime", "thugs", "not", "a", "terrorist", "so-called", "hero", "said", "“", "”", "extremely",
          "dangerous", "lying", "through", "his", "teeth", "whole", "world", "knows", ".", ",", "\n", "brutal", "crackdown"]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_WORDS), min_size=6, max_size=40))
def test_offsets_hold_on_arbitrary_text(words):
    text = " ".join(words)
    if len(text.split()) < 6:
        return
    parsed = parse(load_text(text, check_language=False))
    r = _run(parsed)
    d = r.to_dict()
    assert validate({"article": parsed.article.to_dict(), "loaded_language": d}) == []
    for s in d["spans"]:
        assert parsed.text[s["start"]:s["end"]] == s["quote"] and s["quote"].strip() == s["quote"]
    assert 0.0 <= d["share_sentences_loaded"] <= 1.0


# ---------------------------------------------------------------- even-handed sentence scores: names are masked

_SWAP = {"Trump": "Rouhani", "Rouhani": "Trump", "United States": "Iran", "Iran": "United States",
         "Americans": "Iranians", "Iranians": "Americans", "American": "Iranian", "Iranian": "American",
         "Washington": "Tehran", "Tehran": "Washington"}
_INVENTED = {"Trump": "Mirela Vostrikova", "Rouhani": "Tomas Quillfeather", "United States": "Veloria",
             "Iran": "Dastrenia", "Americans": "Velorians", "Iranians": "Dastrenians", "American": "Velorian",
             "Iranian": "Dastrenian", "Washington": "Korvask", "Tehran": "Almerith"}


def _swap(text, mapping):
    import re

    pat = re.compile(r"\b(" + "|".join(re.escape(k) for k in sorted(mapping, key=len, reverse=True)) + r")\b")
    return pat.sub(lambda m: mapping[m.group(1)], text)


_SWAP_SENTENCES = [
    "Trump is lying through his teeth about the cowardly killings in Washington.",
    "The Iranian regime unleashed its thugs on peaceful protesters in Tehran.",
    "American officials said the United States would strike back hard if Iran attacked again.",
    "Rouhani hailed the fallen commanders as martyrs and heroes of the nation.",
    "This treaty was negotiated with Iran in July 2015 by the United States and five other powers.",
    "Iranians and Americans alike mourned the victims, Trump and Rouhani said in separate statements.",
]


def _scores(text):
    _, r = _analyze(text)
    return [s.score for s in r.sentences]


@pytest.mark.parametrize("mapping", [_SWAP, _INVENTED], ids=["swap", "invented"])
def test_swapping_actor_names_does_not_move_sentence_scores(mapping):
    """The instrument takes no side: the same sentence about other actors gets the same score (names are masked)."""
    for text in _SWAP_SENTENCES:
        swapped = _swap(text, mapping)
        assert swapped != text
        a, b = _scores(text), _scores(swapped)
        assert len(a) == len(b) == 1, (text, swapped)
        assert abs(a[0] - b[0]) <= 0.02, (text, swapped, a, b)


def test_swapping_actor_names_in_the_seed_does_not_move_sentence_scores(seed_parsed):
    text = seed_parsed.text
    swapped = _swap(text, _SWAP)
    assert swapped.count("Rouhani") > text.count("Rouhani")
    a = _scores(text)
    b = _scores(swapped)
    assert len(a) == len(b) > 20
    diffs = sorted(abs(x - y) for x, y in zip(a, b))
    assert diffs[-1] <= 0.02, diffs[-5:]


def test_masked_names_carry_no_evidence():
    parsed, r = _analyze("Trump is lying through his teeth, Rouhani said in Tehran.")
    text = parsed.text
    names = [(text.index(w), text.index(w) + len(w)) for w in ("Trump", "Rouhani", "Tehran")]
    (s,) = r.sentences
    assert s.evidence
    for ev in s.evidence:
        assert text[ev.span.start:ev.span.end] == ev.quote
        if ev.detail.startswith(("word", "char")):
            assert all(ev.span.end <= a or ev.span.start >= b for a, b in names), ev


# ---------------------------------------------------------------- the contract: Context in, typed section out


def test_voice_comes_from_the_context_rule():
    text = "The senator said the protesters were thugs, and he called the bill a “disgrace” on Monday."
    parsed = parse(load_text(text, check_language=False))
    start = parsed.text.index("the protesters were thugs")
    quoted = [Span(start, start + len("the protesters were thugs"))]
    ctx = Context(parsed=parsed, results={"attribution": _Attributed(quoted)})
    r = loaded_language.analyze(ctx)
    assert r.spans
    for s in r.spans:
        assert s.voice is ctx.voice(s.span)
        assert isinstance(s.voice, Voice)
    assert {s.term: s.voice for s in r.spans}.get("thug") == Voice.QUOTED
    for sent in r.sentences:
        quoted_chars = ctx.quoted_regions.covered(sent.span.start, sent.span.end)
        assert (sent.voice == Voice.QUOTED) == (quoted_chars * 2 > len(sent.span))


def _real_analyses(seed_article):
    import framing

    texts = [seed_article] + [framing.load_path(p) for p in sorted(_example_dir().glob("*.txt"))[:2]]
    return [framing.analyze(a) for a in texts]


def _example_dir():
    from pathlib import Path

    return Path(__file__).resolve().parents[3] / "corpora" / "example"


@pytest.fixture(scope="module")
def real_analyses(seed_article):
    return _real_analyses(seed_article)


def test_section_round_trips_to_an_equal_object_on_real_analyses(real_analyses):
    import json

    assert len(real_analyses) == 3
    for a in real_analyses:
        sec = a.sections["loaded_language"]
        assert isinstance(sec, LoadedLanguage)
        d = json.loads(json.dumps(sec.to_dict()))
        back = LoadedLanguage.from_dict(d)
        assert back == sec
        assert back.to_dict() == d
        assert all(isinstance(s.voice, Voice) for s in back.spans + back.sentences)
        whole = Analysis.from_dict(json.loads(json.dumps(a.to_dict())))
        assert whole.sections["loaded_language"] == sec


def test_evidence_is_every_span_and_every_sentence_evidence_and_slices_the_text(real_analyses):
    for a in real_analyses:
        sec = a.sections["loaded_language"]
        text = a.article.text
        ev = list(sec.evidence())
        assert len(ev) == len(sec.spans) + sum(len(s.evidence) for s in sec.sentences)
        assert {(e.span, e.rule) for e in ev[:len(sec.spans)]} == {(s.span, s.rule) for s in sec.spans}
        for e in ev:
            assert text[e.span.start:e.span.end] == e.quote
            assert loaded_language.SPEC.explain(e.rule), e.rule


def test_measures_are_what_compare_reads(real_analyses):
    for a in real_analyses:
        sec = a.sections["loaded_language"]
        m = sec.measures(a.article)
        assert set(m) == {"loaded_per_1000_author"}
        assert m["loaded_per_1000_author"].value == sec.to_dict()["per_1000_words_author"]
        assert m["loaded_per_1000_author"].label == "Loaded terms per 1,000 words (author's voice)"
        assert m["loaded_per_1000_author"].unit == "per 1,000 words"


_POS, _NEG = LOADED[:4], FACTUAL[:4]


def test_an_injected_candidate_model_scores_the_sentences():
    clf = LoadedSentenceClassifier(word_min_df=1, char_min_df=1).fit([SentenceRow(t) for t in _POS + _NEG], [1] * 4 + [0] * 4)
    parsed = parse(load_text("The vicious thugs spewed lies. The council met on Tuesday.", check_language=False))
    shipped = _run(parsed)
    ctx = Context(parsed=parsed, models=Models({"loaded_sentence": clf}), results={"attribution": _Attributed()})
    injected = loaded_language.analyze(ctx)
    assert [s.span for s in injected.sentences] == [s.span for s in shipped.sentences]
    assert injected.spans == shipped.spans  # the lexicon part does not depend on the model
    assert [s.score for s in injected.sentences] != [s.score for s in shipped.sentences]
    assert injected.sentences[0].score > injected.sentences[1].score


def test_a_model_of_the_wrong_type_is_a_model_error():
    parsed = parse(load_text("The vicious thugs spewed lies on Tuesday.", check_language=False))
    ctx = Context(parsed=parsed, models=Models({"loaded_sentence": object()}), results={"attribution": _Attributed()})
    with pytest.raises(ModelError, match="LoadedSentenceClassifier"):
        loaded_language.analyze(ctx)


def test_spec_declares_what_the_analyzer_reads():
    spec = loaded_language.SPEC
    assert spec.name == "loaded_language" and spec.section is LoadedLanguage
    assert spec.requires == ("attribution",) and spec.models == ("loaded_sentence", "loaded_spans")
    assert set(spec.lexicons) == {"loaded_terms", "loaded_senses", "intensifiers", "absolutes", "hedges",
                                  "person_nouns", "actor_nouns",  # is a designation's noun a person?
                                  "reporting_verbs", "titles"}  # voice: words ascribed without quotation marks


def test_sentence_support_says_whether_span_evidence_agrees_with_the_classifier(seed_result):
    """A sentence is reported biased only when the classifier (>= 0.5) and some shown span agree; a sentence the
    classifier alone calls biased says so ("classifier_only"); the share counts the agreeing ones only."""
    spans = [s for s in seed_result.spans if not s.negated]
    for sent in seed_result.sentences:
        inside = any(sent.span.start <= s.span.start and s.span.end <= sent.span.end for s in spans)
        if sent.score < 0.5:
            assert sent.support == ""
        else:
            assert sent.support == ("spans" if inside else "classifier_only")
    agreed = sum(s.support == "spans" for s in seed_result.sentences)
    assert seed_result.share_sentences_loaded == round(agreed / len(seed_result.sentences), 4)
    assert seed_result.counts["classifier_only"] == sum(s.support == "classifier_only" for s in seed_result.sentences)
