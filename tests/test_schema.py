"""framing.schema: spans, evidence, scores, articles; to_dict/from_dict round trips; validate() on offsets and quotes."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.schema import Article, Evidence, Score, Span, article_problems, recompute, validate

TEXT = "Council approves bridge\n\nThe council voted on Monday. Critics called it \u201ca waste\u201d of money."


def _article() -> Article:
    return Article(
        text=TEXT,
        title="Council approves bridge",
        body_start=25,
        url="https://news.example/bridge",
        outlet="The Example",
        published="2023-04-18",
        byline="A. Reporter",
        source_sha256="0" * 64,
        extractor="plain-text",
        source="text",
        meta=(("event", "bridge"), ("lean", "center")),
    )


def _ev(start: int, end: int, **kw) -> Evidence:
    return Evidence(Span(start, end), TEXT[start:end], kw.pop("rule", "rule:test.example"), kw.pop("weight", 0.5), **kw)


# --------------------------------------------------------------------------- Span


def test_span_basics():
    s = Span(3, 8)
    assert len(s) == 5 and s.slice("abcdefghij") == "defgh"
    assert s.overlaps(Span(7, 10)) and not s.overlaps(Span(8, 10))  # half-open: touching is not overlapping
    assert s.contains(Span(3, 8)) and s.contains(Span(4, 5)) and not s.contains(Span(2, 5))
    assert Span(4, 4).slice("abc def") == ""


@pytest.mark.parametrize("start,end", [(-1, 3), (5, 4), (1.0, 2), ("1", 2), (None, 2)])
def test_span_rejects_bad_ranges(start, end):
    with pytest.raises(ValueError):
        Span(start, end)


# --------------------------------------------------------------------------- round trips


def test_evidence_and_score_round_trip():
    ev = _ev(72, 81, weight=-0.75, detail="scare quote")
    assert ev.quote == "\u201ca waste\u201d"
    assert Evidence.from_dict(json.loads(json.dumps(ev.to_dict()))) == ev
    sc = Score(-0.25, "sum", (ev, _ev(25, 36, weight=0.5)), label="negative")
    back = Score.from_dict(json.loads(json.dumps(sc.to_dict())))
    assert back == sc
    assert recompute(back.method, [e.weight for e in back.evidence]) == pytest.approx(back.value)


@pytest.mark.parametrize(
    "method,weights,value",
    [("sum", [0.5, -0.25], 0.25), ("mean", [0.5, -0.25], 0.125), ("mean", [], 0.0), ("clipped_sum", [0.8, 0.9], 1.0), ("clipped_sum", [-2.0], -1.0), ("tanh_sum", [0.5, 0.5], math.tanh(1.0))],
)
def test_recompute(method, weights, value):
    assert recompute(method, weights) == pytest.approx(value)


def test_recompute_refuses_model_scores():
    with pytest.raises(ValueError, match="cannot be recomputed"):
        recompute("model", [0.1])


def test_article_round_trip_through_json():
    art = _article()
    d = json.loads(json.dumps(art.to_dict()))
    assert d["sha256"] == art.sha256 and d["word_count"] == len(art.body.split()) == 12
    assert d["meta"] == {"event": "bridge", "lean": "center"}
    assert Article.from_dict(d) == art
    assert art.body.startswith("The council voted") and art.get("lean") == "center" and art.get("nope", "x") == "x"


@pytest.mark.parametrize(
    "change,message",
    [
        ({"text": None}, "needs a 'text' string"),
        ({"body_start": 999}, "outside the text"),
        ({"body_start": "25"}, "'body_start' must be an integer"),
        ({"body_start": True}, "'body_start' must be an integer"),
        ({"title": "Another headline"}, "does not begin with the title"),
        ({"url": 42}, "'url' must be a string or null"),
        ({"extractor": ["x"]}, "'extractor' must be a string"),
        ({"meta": "event=bridge"}, "'meta' must be an object"),
    ],
)
def test_article_from_dict_rejects_bad_fields(change, message):
    d = _article().to_dict()
    d.update(change)
    with pytest.raises(ValueError, match=message):
        Article.from_dict(d)


def test_article_from_dict_accepts_nulls_for_defaults():
    d = _article().to_dict()
    d.update(language=None, extractor_version=None, meta=None)
    art = Article.from_dict(d)
    assert art.language == "en" and art.extractor_version == "" and art.meta == ()


def test_article_problems():
    assert article_problems(_article()) == []
    assert article_problems(Article(text="short", body_start=9)) == ["body_start 9 is outside the text (length 5)"]


@settings(max_examples=60, deadline=None)
@given(
    title=st.text(max_size=30).filter(lambda t: "\n" not in t),
    body=st.text(max_size=200),
    meta=st.dictionaries(st.text(max_size=8), st.text(max_size=8), max_size=4),
)
def test_article_round_trip_property(title, body, meta):
    text = f"{title}\n\n{body}" if title and body else (title or body)
    art = Article(text=text, title=title, body_start=len(title) + 2 if title and body else 0, meta=tuple(sorted(meta.items())))
    assert Article.from_dict(json.loads(json.dumps(art.to_dict()))) == art


# --------------------------------------------------------------------------- validate


def _analysis(**sections) -> dict:
    return {"schema_version": "1.0", "article": _article().to_dict(), **sections, "provenance": {"start": -5, "end": 10**6}}


def test_validate_accepts_consistent_offsets():
    good = _analysis(
        loaded_language={"spans": [_ev(72, 81).to_dict()], "score": Score(0.5, "sum", (_ev(72, 81),)).to_dict()},
        attribution={"quotes": [{"speaker_start": 54, "speaker_end": 61, "content_start": 73, "content_end": 80, "cue_start": 62, "cue_end": 68}]},
    )
    assert validate(good) == []


def test_validate_catches_bad_offsets_and_quote_mismatches():
    n = len(TEXT)
    bad = _analysis(
        loaded_language={
            "spans": [
                {"start": 10, "end": n + 1, "quote": "x"},  # past the end
                {"start": 30, "end": 20},  # reversed
                {"start": -1, "end": 3},  # negative
                {"start": 1.5, "end": 3},  # not an integer
                {"start": True, "end": 3},  # a bool is not an offset
                {"start": 25, "end": 28, "quote": "Thx"},  # quote != text slice
            ]
        },
        attribution={"quotes": [{"speaker_start": 0, "speaker_end": n + 5}]},
    )
    problems = validate(bad)
    assert any(f"[10, {n + 1}) is outside the text (length {n})" in p for p in problems)
    assert any("[30, 20) is outside the text" in p for p in problems)
    assert any("[-1, 3) is outside the text" in p for p in problems)
    assert any("are not integers (1.5, 3)" in p for p in problems)
    assert any("are not integers (True, 3)" in p for p in problems)
    assert any("quote 'Thx' != text[25:28]" in p for p in problems)
    assert any("$.attribution.quotes[0]" in p and "outside the text" in p for p in problems)
    assert len(problems) == 7


def test_validate_skips_peer_evidence_and_provenance():
    peer = _analysis(compare={"evidence": [{"text_id": "peer-3", "start": 5000, "end": 5010, "quote": "elsewhere"}, {"text_id": "target", "start": 0, "end": 7, "quote": "Council"}]})
    assert validate(peer) == []
    peer["compare"]["evidence"][1]["quote"] = "Counsel"
    assert len(validate(peer)) == 1


def test_validate_without_article_text():
    assert validate({"article": {}}) == ["analysis has no article text"]
    assert validate({}) == ["analysis has no article text"]
