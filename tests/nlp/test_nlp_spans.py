"""framing.nlp.spans: trimming character spans and token ranges (positive and negative cases)."""

from __future__ import annotations

from handbuilt_docs import docs
from hypothesis import given
from hypothesis import strategies as st

from framing.nlp.spans import QUOTE_CHARS, TRIM_CHARS, trim, trim_tokens


def test_trim_keeps_quotation_marks_unless_asked():
    text = ' said: "We will respond."'
    s = trim(text, 0, len(text))
    assert text[s.start:s.end] == 'said: "We will respond."'
    s = trim(text, 6, len(text))
    assert text[s.start:s.end] == '"We will respond."'
    s = trim(text, 6, len(text), quotes=True)
    assert text[s.start:s.end] == "We will respond"
    assert trim(" , . ", 0, 5) is None
    assert trim('""', 0, 2) is not None and trim('""', 0, 2, quotes=True) is None


@given(st.text(alphabet=TRIM_CHARS + QUOTE_CHARS + "ab ", max_size=30), st.booleans())
def test_trim_never_leaves_trimmed_characters_at_the_edges(text, quotes):
    s = trim(text, 0, len(text), quotes=quotes)
    chars = TRIM_CHARS + (QUOTE_CHARS if quotes else "")
    if s is None:
        assert all(c in chars for c in text)
    else:
        assert 0 <= s.start < s.end <= len(text)
        assert text[s.start] not in chars and text[s.end - 1] not in chars
        assert all(c in chars for c in text[: s.start] + text[s.end:])


def test_trim_tokens_drops_determiners_and_possessive_marks():
    doc = docs()["possessive"]  # the Iranian government 's plan
    assert trim_tokens(doc, 0, 4) == (0, 4)  # "'s" is no punctuation: it goes only when listed in right
    assert trim_tokens(doc, 0, 4, left={"the"}, right={"'s"}) == (1, 3)
    assert trim_tokens(doc, 0, 1, left={"the"}) == (1, 1)
