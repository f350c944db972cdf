"""framing.nlp: sentence, paragraph and quote spans; line breaks; cache; integration over ../shared.

The central invariant (checked with Hypothesis on arbitrary text, and on every
article of the shared corpus): after ``load_text`` and ``parse``, the sentence
spans lie inside ``Article.text``, are ordered and disjoint, start and end on a
non-space character, never cross a line break, and together cover every
non-space character of the text.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from framing.errors import ExtractionError, FramingError
from framing.ingest import load_text
from framing.nlp import MAX_CHARS, find_quotes, parse, parse_many
from framing.schema import Article


def check_sentences(parsed) -> None:
    text = parsed.article.text
    sents = parsed.sentences
    assert sents, "no sentences"
    covered = bytearray(len(text))
    prev_end = 0
    for s in sents:
        assert 0 <= s.start < s.end <= len(text), (s, len(text))
        assert s.start >= prev_end, f"sentences overlap or are out of order at {s}"
        piece = text[s.start : s.end]
        assert not piece[0].isspace() and not piece[-1].isspace(), repr(piece)
        assert "\n" not in piece, f"a sentence crosses a line break: {piece!r}"
        covered[s.start : s.end] = b"\x01" * (s.end - s.start)
        prev_end = s.end
    missing = [i for i, ch in enumerate(text) if not ch.isspace() and not covered[i]]
    assert not missing, f"characters outside every sentence: {[text[i] for i in missing[:10]]} at {missing[:10]}"
    for p in parsed.paragraphs:
        assert 0 <= p.start < p.end <= len(text)
        assert "\n" not in text[p.start : p.end]


# --------------------------------------------------------------------------- Hypothesis

WORDS = st.sampled_from(
    ["the", "council", "voted", "Mr.", "U.S.", "Dr.", "e.g.", "3.5", "$14", "million", "2020", "Iran's", "don't", "self-defence", "café", "naïve", "Ms", "O'Neill", "co-operate", "10:30", "http://a.example/x", "#tag", "@user", "...", "?!", ";", ":", "--", "—", "…", "(", ")", "[", "]", "“", "”", '"', "'", "‘", "’", "«", "»"]
)
SEPARATORS = st.sampled_from([" ", " ", " ", "  ", "\n", "\n\n", "\n\n\n", "\t", "\u00a0", "\r\n", "\u2028", ". ", ", ", "! ", "? ", "\x0c", "\u200b"])
TOKENS = st.lists(st.one_of(WORDS, SEPARATORS, st.text(min_size=1, max_size=6)), min_size=5, max_size=80).map("".join)
TEXTS = st.one_of(TOKENS, st.text(min_size=10, max_size=400))


def _article(text: str, title: str | None):
    try:
        return load_text(text, title=title, check_language=False)
    except FramingError:
        assume(False)  # too few words (or too long): load_text refuses it, which is tested elsewhere


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(text=TEXTS, title=st.one_of(st.none(), st.text(max_size=40), WORDS))
def test_sentences_slice_and_cover_arbitrary_text(text, title):
    art = _article(text, title)
    parsed = parse(art)
    check_sentences(parsed)
    if art.title:
        # the headline is its own sentence(s): nothing from the body joins it
        assert all(s.end <= len(art.title) or s.start >= art.body_start for s in parsed.sentences)


# --------------------------------------------------------------------------- line breaks


def test_headline_dateline_caption_lines_are_not_glued():
    text = (
        "Storm closes the coast road\n\n"
        "PORT ELLIS, March 3\n\n"
        "Waves break over the sea wall near the harbour on Friday morning\n\n"
        "The coast road was closed on Friday after waves pushed gravel across both lanes. Police said it would stay closed."
    )
    art = load_text(text)
    sents = [s.slice(art.text) for s in parse(art).sentences]
    assert sents == [
        "Storm closes the coast road",
        "PORT ELLIS, March 3",
        "Waves break over the sea wall near the harbour on Friday morning",
        "The coast road was closed on Friday after waves pushed gravel across both lanes.",
        "Police said it would stay closed.",
    ]


def test_single_line_break_also_ends_a_sentence():
    art = load_text("A headline without a full stop\nThe body starts here and goes on for a while.")
    sents = [s.slice(art.text) for s in parse(art).sentences]
    assert sents == ["A headline without a full stop", "The body starts here and goes on for a while."]


def test_unpunctuated_line_is_not_split_but_punctuated_line_is():
    # an all-caps speaker label and a colon used to make the parser split mid-line
    art = load_text("CARLSON: Yesterday the committee met in the capital to discuss the budget.\n\nIt met. It voted. It went home.")
    sents = [s.slice(art.text) for s in parse(art).sentences]
    assert sents[0] == "CARLSON: Yesterday the committee met in the capital to discuss the budget."
    assert sents[1:] == ["It met.", "It voted.", "It went home."]


# --------------------------------------------------------------------------- quotes, paragraphs, cache


def test_find_quotes_curly_straight_and_unclosed():
    text = 'He said \u201cwe will build it\u201d and left. She said "not now" twice. An \u201cunclosed one.'
    spans = [text[s.start : s.end] for s in find_quotes(text)]
    assert spans == ["we will build it", "not now"]
    # an inch mark after a digit does not open a quote
    assert find_quotes('The pipe is 3" wide and 12" long.') == ()


def test_multi_paragraph_quote_is_closed_at_each_paragraph_end():
    text = "\u201cThe first paragraph of the quote.\n\n\u201cThe second paragraph,\u201d she said."
    spans = [text[s.start : s.end] for s in find_quotes(text)]
    assert spans == ["The first paragraph of the quote.", "The second paragraph,"]


def test_parse_is_cached_and_parse_many_agrees():
    a = load_text("The council met on Monday. It voted to build a bridge.", title="Council votes")
    b = load_text("The mayor spoke on Tuesday. She praised the vote.", title="Mayor speaks")
    first = parse(a)
    assert parse(a) is first
    many = parse_many([a, b])
    assert many[0] is first
    assert many[1].sentences == parse(b).sentences
    assert [s.slice(b.text) for s in many[1].sentences] == ["Mayor speaks", "The mayor spoke on Tuesday.", "She praised the vote."]


def test_paragraphs_and_indexes():
    art = load_text("Para one has words.\n\nPara two has more words. And a second sentence.", title="Head line")
    p = parse(art)
    assert [s.slice(art.text) for s in p.paragraphs] == ["Head line", "Para one has words.", "Para two has more words. And a second sentence."]
    second = art.text.index("And a second")
    assert p.sentences[p.sentence_index(second)].slice(art.text) == "And a second sentence."
    assert p.paragraph_index(second) == 2


# --------------------------------------------------------------------------- integration over ../shared


@pytest.mark.shared
def test_corpus_and_seed_parse_with_valid_sentences(corpus_rows, seed_article):
    articles = [load_text(r["text"], title=r.get("title") or None, check_language=False) for r in corpus_rows]
    assert len(articles) == len(corpus_rows) >= 1
    parsed = parse_many(articles + [seed_article])
    for p in parsed:
        check_sentences(p)
    seed = parsed[-1]
    assert seed.article.title and seed.sentences[0].slice(seed.article.text) == seed.article.title.rstrip()


def test_too_long_text_is_refused_before_the_model_runs():
    big = Article(text="word " * (MAX_CHARS // 5 + 10))
    with pytest.raises(ExtractionError, match="at most 1,000,000"):
        parse(big)
    with pytest.raises(ExtractionError, match="at most 1,000,000"):
        parse_many([big])
