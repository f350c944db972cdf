"""framing.nlp.syntax on hand-built Docs (no statistical model): each construction of SubjectRule, positive and negative."""

from __future__ import annotations

import pytest
from handbuilt_docs import docs

from framing.nlp.syntax import (
    AGENT,
    DIRECT,
    LOCAL,
    SPEAKER,
    SubjectRule,
    clause_verb,
    negated,
    np_span,
    objects,
    passive_agents,
    preceded_by_negator,
    subject,
    subjects,
    subtree_span,
    tokens_span,
)
from framing.schema import Span

D = docs()


def words(toks) -> list[str]:
    return [t.text for t in toks]


def cut(doc, span) -> str:
    return doc.text[span.start:span.end]


def tok(name: str, word: str):
    return next(t for t in D[name] if t.text == word)


@pytest.mark.parametrize(
    "name, verb, rule, expected",
    [
        # object control: Iran gives up (stance, actors); the speaker rule climbs to the main subject
        ("object_control", "give", AGENT, ["Iran"]),
        ("object_control", "give", LOCAL, ["Iran"]),
        ("object_control", "give", SPEAKER, ["They"]),
        ("object_control", "give", DIRECT, []),
        # a relative pronoun stands for its antecedent, unless the rule keeps the pronoun
        ("relative_pronoun", "said", SPEAKER, ["minister"]),
        ("relative_pronoun", "said", AGENT, ["minister"]),
        ("relative_pronoun", "said", LOCAL, ["who"]),
        # conjuncts only where asked
        ("conjuncts", "condemned", AGENT, ["Iran", "Iraq"]),
        ("conjuncts", "condemned", SPEAKER, ["Iran"]),
        # a participle on a noun: the noun speaks; an infinitive on a noun does not
        ("participle_noun", "saying", SPEAKER, ["statement"]),
        ("participle_noun", "saying", AGENT, []),
        ("infinitive_noun", "defend", SPEAKER, []),
        ("infinitive_noun", "defend", LOCAL, ["their"]),
        # a passive subject is a subject for the speaker rule, a patient for stance
        ("passive", "attacked", SPEAKER, ["base"]),
        ("passive", "attacked", AGENT, []),
        # dep chain and earlier clause: only the speaker rule follows them
        ("dep_chain", "admitted", SPEAKER, ["Ali"]),
        ("dep_chain", "admitted", AGENT, []),
        ("earlier_clause", "admitted", SPEAKER, ["Ali"]),
        ("earlier_clause", "admitted", AGENT, []),
        # a relative clause without its pronoun: the antecedent acts (stance only)
        ("relative_antecedent", "killed", AGENT, ["strike"]),
        ("relative_antecedent", "killed", SPEAKER, []),
        ("relative_antecedent", "killed", LOCAL, []),
        # a prepositional complement inherits the subject
        ("pcomp", "attacking", SPEAKER, ["They"]),
        ("pcomp", "attacking", AGENT, ["They"]),
        ("pcomp", "attacking", LOCAL, ["They"]),
        # the owner of the noun a clause hangs on (actors only)
        ("noun_owner", "establishing", LOCAL, ["US"]),
        ("noun_owner", "establishing", SPEAKER, []),
        ("noun_owner", "establishing", AGENT, []),
        # an expletive is a subject for the span model's direct rule only
        ("expletive", "are", DIRECT, ["There"]),
        ("expletive", "are", SPEAKER, []),
    ],
)
def test_subjects_by_rule(name, verb, rule, expected):
    v = tok(name, verb)
    assert words(subjects(v, rule)) == expected
    first = subject(v, rule)
    assert (first.text if first is not None else None) == (expected[0] if expected else None)


def test_levels_bound_the_climb():
    give = tok("object_control", "give")
    assert words(subjects(give, SubjectRule(levels=1))) == []
    assert words(subjects(give, SubjectRule(levels=2))) == ["They"]


def test_clause_verb_climbs_to_the_nearest_verb():
    assert clause_verb(tok("noun_owner", "its")).text == "establishing"
    assert clause_verb(tok("noun_owner", "US")) is None  # 'plans' is the root and no verb
    assert clause_verb(tok("passive", "militias")).text == "attacked"


def test_objects_and_passive_agents():
    attacked = tok("passive", "attacked")
    assert words(objects(attacked)) == ["base"]  # the passive subject is the patient
    assert words(objects(attacked, deps=("dobj",))) == []
    assert words(passive_agents(attacked)) == ["militias"]
    assert words(passive_agents(attacked, conjuncts=True)) == ["militias", "drones"]
    assert words(objects(tok("conjuncts", "condemned"))) == ["it"]
    assert passive_agents(tok("conjuncts", "condemned")) == []


def test_negation():
    assert negated(tok("negated", "attack"))
    assert not negated(tok("conjuncts", "condemned"))
    neg = {"not", "no", "never"}
    w = ["he", "is", "not", "a", "brutal", "man", "not", "only", "brutal"]
    assert preceded_by_negator(w, 4, 0, negators=neg, window=3)
    assert not preceded_by_negator(w, 4, 3, negators=neg, window=3)  # the negator is before the sentence start
    assert not preceded_by_negator(w, 5, 0, negators=neg, window=2)  # outside the window
    assert not preceded_by_negator(w, 8, 7, negators=neg, window=3)
    assert not preceded_by_negator(w, 8, 6, negators=neg, window=3)  # "not only" is no negation


def test_np_and_subtree_spans():
    doc = D["np"]
    official = tok("np", "official")
    assert cut(doc, subtree_span(official)) == "the official who spoke briefly"
    assert cut(doc, np_span(official)) == "the official"
    gov = tok("possessive", "government")
    assert cut(D["possessive"], np_span(gov)) == "the Iranian government"
    assert cut(D["possessive"], np_span(gov, drop=())) == "the Iranian government 's"
    # excluding the whole subtree leaves the token itself
    assert cut(doc, subtree_span(official, exclude=[official])) == "official"
    assert tokens_span(list(doc)) == Span(0, len(doc.text))
    assert tokens_span([]) is None
