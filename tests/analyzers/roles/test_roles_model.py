"""Tests for the roles features (framing.analyzers.roles.model) and the entity locator (…roles.locate).

Dependency rules are tested on hand-built Docs (words, heads, deps) so a parser upgrade cannot move them, and on
real parses for name-blindness.
"""

from __future__ import annotations

import numpy as np
import pytest
from spacy.tokens import Doc

from framing.analyzers.roles.locate import candidates, locate
from framing.analyzers.roles.model import (
    CLASSES,
    EntityMentions,
    entity_features,
    kind_table,
    rule_logits,
    supported,
    verb_entry,
)
from framing.nlp import get_nlp
from framing.resources import Lexicons

LX = Lexicons()
TABLE = LX["connotation_verbs"].by_term
KINDS = kind_table(LX)


def _doc(words, heads, deps, pos, lemmas, tags=None):
    return Doc(get_nlp().vocab, words=words, spaces=[i + 1 < len(words) and words[i + 1] != "." for i in range(len(words))],
               heads=heads, deps=deps, pos=pos, lemmas=lemmas, tags=tags)


def _feats(doc, i):
    return entity_features(doc, EntityMentions(((i, i + 1),), (i,)), table=TABLE, kinds=KINDS)


# "The militia killed the farmers ." — kill: agent -0.7, patient +0.3 (lexicons/connotation_verbs.tsv)
KILL = (["The", "militia", "killed", "the", "farmers", "."], [1, 2, 2, 4, 2, 2],
        ["det", "nsubj", "ROOT", "det", "dobj", "punct"], ["DET", "NOUN", "VERB", "DET", "NOUN", "PUNCT"],
        ["the", "militia", "kill", "the", "farmer", "."], ["DT", "NN", "VBD", "DT", "NNS", "."])


def test_agent_and_patient_of_a_harmful_verb():
    doc = _doc(*KILL)
    doer, done_to = _feats(doc, 1), _feats(doc, 4)
    assert "agent:kill" in doer and "patient:kill" not in doer
    assert "patient:kill" in done_to and "agent:kill" not in done_to
    # connotation strength: |agent value of kill| = 0.7 for both sides of the frame (values < 1 kept as they are)
    assert doer["cv:agent_harm"] == pytest.approx(0.7)
    assert done_to["cv:patient_harm"] == pytest.approx(0.7)
    assert "cv:agent_help" not in doer and "cv:patient_harm" not in doer


def test_rule_logits_point_doer_to_villain_and_done_to_to_victim():
    doc = _doc(*KILL)
    R = rule_logits([_feats(doc, 1), _feats(doc, 4)])
    assert CLASSES[int(R[0].argmax())] == "villain" and R[0].max() == pytest.approx(0.7)
    assert CLASSES[int(R[1].argmax())] == "victim"


def test_negated_verb_gives_no_act():
    doc = _doc(["The", "militia", "did", "not", "kill", "the", "farmers", "."], [1, 4, 4, 4, 4, 6, 4, 4],
               ["det", "nsubj", "aux", "neg", "ROOT", "det", "dobj", "punct"],
               ["DET", "NOUN", "AUX", "PART", "VERB", "DET", "NOUN", "PUNCT"],
               ["the", "militia", "do", "not", "kill", "the", "farmer", "."])
    f = _feats(doc, 1)
    assert not any(k.startswith(("agent:", "cv:")) for k in f)


def test_people_nouns_are_kinds_not_words():
    """'farmers' is in lexicons/person_nouns.tsv: it becomes a coarse kind, never the feature self:farmer."""
    f = _feats(_doc(*KILL), 4)
    assert "self:farmer" not in f
    assert f"kind:{KINDS['farmer']}" in f and "kind:plural" in f


def test_nominal_patient_and_helpful_agent():
    # "Volunteers protected the reef ." — protect has a positive agent value (helper)
    doc = _doc(["Volunteers", "protected", "the", "reef", "."], [1, 1, 3, 1, 1], ["nsubj", "ROOT", "det", "dobj", "punct"],
               ["NOUN", "VERB", "DET", "NOUN", "PUNCT"], ["volunteer", "protect", "the", "reef", "."])
    assert float(TABLE["protect"]["agent"]) > 0
    assert "cv:agent_help" in _feats(doc, 0)
    assert "cv:patient_help" in _feats(doc, 3) and "self:reef" in _feats(doc, 3)


def test_verb_entry_maps_event_nouns():
    assert "murders" not in TABLE and "murderings" not in TABLE
    doc = _doc(["the", "murderings", "."], [1, 1, 1], ["det", "ROOT", "punct"], ["DET", "NOUN", "PUNCT"],
               ["the", "murderings", "."])
    assert verb_entry(doc[1], TABLE)["term"] == "murder"
    assert verb_entry(doc[0], TABLE) is None


@pytest.mark.parametrize(("a", "b"), [("Smith", "Okonkwo"), ("Acme Corp", "Wexley Group"), ("Velmora", "Ostrania")])
def test_features_are_name_blind(a, b):
    """Swapping the names in a real parse leaves each entity's features unchanged (names never enter a feature)."""
    tpl = "{x} attacked {y} on Monday, and {y} said {x} had destroyed the village. Critics blamed {x}."
    nlp = get_nlp()
    out = []
    for x, y in ((a, b), (b, a)):
        doc = nlp(tpl.format(x=x, y=y))
        ex, ey = locate(doc, x), locate(doc, y)
        assert ex is not None and ey is not None
        out.append((entity_features(doc, ex, table=TABLE, kinds=KINDS), entity_features(doc, ey, table=TABLE, kinds=KINDS)))
    assert out[0][0] == out[1][0] and out[0][1] == out[1][1]
    for f in out[0][0]:
        assert not any(w.lower() in f for w in (a + " " + b).lower().split())


def test_candidates_and_locate():
    assert candidates("the Trump administration's") == ["the Trump administration's", "Trump administration", "administration"]
    nlp = get_nlp()
    doc = nlp("California sued the agency. Officials in Callifornia disagreed.")
    m = locate(doc, "california")
    assert m is not None and len(m.heads) == 1 and doc[m.heads[0]].text == "California"  # case-insensitive, whole words
    k = locate(doc, "Kalifornia")  # a misspelling: no stem match, found by close spelling (both spellings)
    assert k is not None and {doc[h].text for h in k.heads} <= {"California", "Callifornia"}
    assert locate(doc, "Oregon") is None
    assert locate(nlp("Climate alarmists met."), "climate alarmism") is not None  # stem: alarmism -> alarmists


class _Fixed:
    """A stand-in estimator: a DictVectorizer with fixed coefficients (hero, victim, villain order as sklearn sorts)."""

    def __init__(self, coef):
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import Pipeline

        names = sorted(coef)
        vec = DictVectorizer().fit([dict.fromkeys(names, 1.0)])
        clf = LogisticRegression()
        clf.classes_ = np.array(["hero", "victim", "villain"])
        clf.coef_ = np.array([[coef[n][k] for n in vec.feature_names_] for k in range(3)])
        clf.intercept_ = np.zeros(3)
        self.named_steps = {"vec": vec, "clf": clf}
        self.pipe = Pipeline([("vec", vec), ("clf", clf)])
        self.classes_ = clf.classes_

    def decision_function(self, X):
        return self.pipe.decision_function(X)


def test_abstains_when_only_priors_speak():
    """An entity whose role comes from what kind of thing it is (kind:place) and not from any act gets no role;
    one whose acts point to the same role does."""
    est = _Fixed({"kind:place": [0.0, 3.0, 0.0], "patient:flood": [0.0, 1.0, 0.0], "agent:pollute": [0.0, 0.0, 2.0]})
    from framing.analyzers.roles.model import predict_proba

    feats = [{"kind:place": 1.0}, {"kind:place": 1.0, "patient:flood": 1.0}, {"kind:place": 1.0, "agent:pollute": 1.0}]
    P = predict_proba(est, feats)
    assert [CLASSES[int(p.argmax())] for p in P] == ["victim", "victim", "victim"]
    shown = supported(est, feats, P, 0.5)
    # 1: no act -> abstain; 2: the act agrees -> shown; 3: the act points to villain, the prior wins -> abstain
    assert shown.tolist() == [False, True, False]
