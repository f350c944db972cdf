"""A speech clause set off by commas right before a quotation ('..., he tweeted, "..."') makes only the quoted
stretch the speaker's content; the writer's narration before the clause stays in the author's voice
(framing.analyzers.attribution.quotes.quoted_stretches_only). Sentences written for these tests; the expected
contents were worked out by reading them."""

from __future__ import annotations

import pytest

from framing.analyzers import Context, attribution
from framing.nlp import parse
from framing.schema import Article


def _contents(text: str) -> list[tuple[str, str, list[str]]]:
    res = attribution.analyze(Context(parsed=parse(Article(text=text)), results={"actors": None}, options={}))
    return [(q["cue"], q["type"], [f["quote"] for f in q["content_fragments"]]) for q in res.to_dict()["quotes"]]


@pytest.mark.parametrize("text, cue, narration, quoted", [
    ("Trump offered a glimpse of his vision on Saturday, threatening to strike 52 targets in Iran, including "
     "cultural sites, representing, he tweeted, \u201cthe 52 American hostages taken by Iran many years ago.\u201d",
     "tweeted", "Trump offered a glimpse", "\u201cthe 52 American hostages taken by Iran many years ago.\u201d"),
    ('The minister defended the strike, he told reporters, "It was necessary and lawful under the constitution."',
     "told", "The minister defended the strike", '"It was necessary and lawful under the constitution."'),
    ('Trump warned Iran on Saturday, he tweeted, "We have targeted 52 Iranian sites and will hit them hard."',
     "tweeted", "Trump warned Iran", '"We have targeted 52 Iranian sites and will hit them hard."'),
])
def test_parenthetical_clause_quotes_only_the_quotation(text, cue, narration, quoted):
    found = [c for c in _contents(text) if c[0].startswith(cue)]
    assert found, _contents(text)
    _cue, typ, frags = found[0]
    assert frags == [quoted]
    assert typ == "direct"
    # the narration is no attribution's content
    assert not any(narration in f for _c, _t, fs in _contents(text) for f in fs)


def test_split_quotation_keeps_both_quoted_parts():
    text = '"We will respond," she said in a statement, "and the response will be proportionate to the attack."'
    frags = next(fs for c, _t, fs in _contents(text) if c.startswith("said"))
    assert frags == ['"We will respond,"', '"and the response will be proportionate to the attack."']


@pytest.mark.parametrize("text, parts", [
    ("The plan, he said, was wrong from the start.", ("The plan", "was wrong")),
    ("The strike was lawful, the minister said, and it saved many lives.", ("The strike was lawful",)),
])
def test_inserted_clause_without_quotation_keeps_its_paraphrase(text, parts):
    frags = [f for _c, _t, fs in _contents(text) for f in fs]
    for p in parts:
        assert any(p in f for f in frags), frags
