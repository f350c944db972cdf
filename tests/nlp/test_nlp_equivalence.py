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
from framing.nlp.syntax import AGENT, DIRECT, LOCAL, SPEAKER


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


def test_agent_subjects_are_stance_subjects(all_docs):
    old = private("stance", "_subjects")
    n = 0
    for doc in all_docs:
        for t in doc:
            got, want = ids(syntax.subjects(t, AGENT)), ids(old(t))
            assert got == want, (t.text, t.sent.text)
            n += len(want) > 1
    assert n > 10  # conjuncts and object control with several objects occur


def test_local_subject_is_actors_local_subject(all_docs):
    old = private("actors", "_local_subject")
    n = 0
    for doc in all_docs:
        for t in doc:
            verb = syntax.clause_verb(t)
            got = syntax.subject(verb, LOCAL) if verb is not None else None
            assert idx(got) == idx(old(t)), (t.text, t.sent.text)
            n += got is not None
    assert n > 500


def test_passive_agents_objects_negation_are_the_private_copies(all_docs):
    agent = private("attribution", "_agent")
    agents = private("stance", "_passive_agents")
    objs = private("stance", "_objects")
    neg = private("stance", "_negated")
    for doc in all_docs:
        for t in doc:
            found = syntax.passive_agents(t)
            assert idx(found[0] if found else None) == idx(agent(t))
            assert ids(syntax.passive_agents(t, conjuncts=True)) == ids(agents(t))
            assert ids(syntax.objects(t)) == ids(objs(t))
            assert syntax.negated(t) == neg(t)


def test_trim_tokens_is_actors_trim(all_docs):
    old = private("actors", "_trim")
    from framing import actors

    for doc in all_docs:
        for i in range(len(doc)):
            for j in range(i, min(len(doc), i + 6) + 1):
                got = spans.trim_tokens(doc, i, j, left=actors._DETERMINERS, right=actors._POSS_MARKS)
                assert got == old(doc, i, j)


def test_preceded_by_negator_is_loaded_language_negation(all_docs):
    old = private("loaded_language", "_negated")
    from framing import loaded_language as ll

    n = 0
    for doc in all_docs:
        lower = ll._token_lists(doc)[0]
        for sent in doc.sents:
            for i in range(sent.start, sent.end):
                got = syntax.preceded_by_negator(lower, i, sent.start, negators=ll.NEGATORS, window=ll.NEGATION_WINDOW)
                assert got == old(lower, i, sent.start)
                n += got
    assert n > 50
