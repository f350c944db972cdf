"""framing.nlp.parse and framing.nlp.quotes: paragraph_index by bisect equals the linear scan; in_quotes; the public splitters."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from framing.nlp import Parsed, find_quotes, in_quotes, paragraphs
from framing.schema import Span


def linear_paragraph_index(paras, offset: int) -> int:
    """The scan Parsed.paragraph_index used before the bisect (issue 14), kept here as the reference."""
    for i, p in enumerate(paras):
        if p.start <= offset < p.end or offset < p.start:
            return i
    return max(0, len(paras) - 1)


@given(st.text(alphabet="ab \n", max_size=60))
def test_paragraph_index_bisect_equals_the_linear_scan(text):
    paras = paragraphs(text)
    parsed = Parsed(article=None, doc=None, sentences=(), paragraphs=paras, quotes=())  # type: ignore[arg-type]
    for offset in range(-1, len(text) + 2):
        assert parsed.paragraph_index(offset) == linear_paragraph_index(paras, offset)


def test_paragraph_index_on_the_seed(seed_parsed):
    for offset in range(0, len(seed_parsed.text) + 1, 7):
        assert seed_parsed.paragraph_index(offset) == linear_paragraph_index(seed_parsed.paragraphs, offset)


def test_in_quotes_positive_and_negative():
    text = 'He said "we will respond" and left. \u201cNever,\u201d she said.'
    quotes = find_quotes(text)
    we = text.index("we will")
    assert in_quotes(Span(we, we + 7), quotes)
    assert not in_quotes(Span(we - 1, we + 7), quotes)  # the opening mark is not inside
    assert not in_quotes(Span(0, 2), quotes)
    never = text.index("Never")
    assert in_quotes(Span(never, never + 5), quotes)
    assert not in_quotes(Span(we, never + 5), quotes)  # spans two quotes without lying in one
    parsed = Parsed(article=None, doc=None, sentences=(), paragraphs=(), quotes=quotes)  # type: ignore[arg-type]
    assert parsed.in_quotes(Span(we, we + 7)) and not parsed.in_quotes(Span(0, 2))
