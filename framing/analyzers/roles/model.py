"""Name-blind features of one entity in one parsed article, and the trained role classifier (inference only).

An *entity* is a set of mentions: token spans of the parse with their head
tokens. :func:`entity_features` turns it into a sparse ``{feature: count}``
dict that a linear model reads. Every feature describes the *position* of the
entity in the story, never its name:

* ``agent:<lemma>`` / ``patient:<lemma>`` — the entity as the doer or the one
  done to of a verb or event noun (subjects and ``by`` phrases; objects, passive
  subjects and ``of``/``on``/``against`` phrases of event nouns), found with
  :mod:`framing.nlp.syntax`; ``owner_patient:<lemma>`` — the entity owns the
  one done to ("*their* homes were destroyed");
* ``cv:agent_harm`` / ``cv:agent_help`` / ``cv:patient_harm`` /
  ``cv:patient_help`` — the same roles weighted by the connotation values of
  ``lexicons/connotation_verbs.tsv`` (after Rashkin et al. 2016): the doer of a
  harmful act, the one harmed, the doer of a helpful act, the one helped;
* ``mod:<lemma>`` — adjectives and nouns modifying a mention (masked when a name);
  ``head:<lemma>`` — the noun a possessive mention belongs to ("*its* emissions");
* ``ctx:<lemma>`` — content lemmas within :data:`WINDOW` tokens of a mention,
  proper nouns and the entity's own tokens removed;
* ``self:<lemma>`` — the common nouns and adjectives of the entity's own phrase
  ("fossil fuel *emissions*", "the *economy*", "climate *alarmists*"): what kind
  of thing it is. Proper names, capitalised words inside a sentence and any noun
  of the people/institution lexicons are never used this way — people and
  institutions ("farmers", "Republicans", "the administration") are described
  only by their coarse kind, so no party, office or group name can carry a role;
* ``kind:<...>`` — what sort of thing the entity is, read from the parse and the
  name-free lexicons: a proper name (``kind:name``, whatever the NER label: the
  tagger's person/place guess depends on how a name sounds), a pronoun, or the
  class of its common-noun head in ``lexicons/person_nouns.tsv``,
  ``actor_nouns.tsv``, ``inanimate_heads.tsv``; plural; and its salience (in the
  first sentence, mention count bucket).

No feature contains a proper noun or a token of the entity's own name: a test
swaps names and checks the features do not change. The classifier is a
scikit-learn ``Pipeline`` (DictVectorizer, TF-IDF weighting, logistic
regression) trained by :mod:`framing.train.roles` on the narrative-frames
entity roles (Frermann et al. 2023); :func:`explain` maps the largest
contributions back to the evidence spans.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from framing.nlp.syntax import AGENT, negated, objects, passive_agents, subjects

__all__ = ["ARTIFACT", "CLASSES", "MODEL", "WINDOW", "EntityMentions", "FeatureSpans", "entity_features",
           "evidence_logits", "explain", "kind_table",
           "predict_proba", "supported", "verb_entry"]

MODEL = "roles_entity"
ARTIFACT = MODEL + ".joblib"
CLASSES = ("hero", "villain", "victim")
WINDOW = 6
_NOM_PATIENT_PREPS = ("of", "on", "against", "upon", "to")
_CONTENT_POS = ("NOUN", "VERB", "ADJ", "ADV")
_NUMERIC_ENTS = ("DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY")
_LIGHT_VERBS = frozenset(("be", "have"))


@dataclass(frozen=True, slots=True)
class EntityMentions:
    """One entity in one parse: its mention token ranges ``[start_token, end_token)`` and their head token indices."""

    ranges: tuple[tuple[int, int], ...]
    heads: tuple[int, ...]


#: feature -> character spans of the text that gave it (for explanation)
FeatureSpans = dict[str, list[tuple[int, int]]]


def verb_entry(tok: Any, table: Mapping[str, Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """The connotation entry of a verb or event noun ("killings", "destruction" map to their verb), or None."""
    e = table.get(tok.lemma_.lower()) or table.get(tok.lower_)
    if e is None and tok.pos_ == "NOUN":
        low = tok.lower_
        for suf, rep in (("ings", ""), ("ing", ""), ("ations", "ate"), ("ation", "ate"), ("ion", "e"), ("ion", ""),
                         ("s", "")):
            if low.endswith(suf) and (low[: -len(suf)] + rep) in table:
                return table[low[: -len(suf)] + rep]
    return e


def _noun_arguments(tok: Any) -> tuple[list[Any], list[Any]]:
    """Agents (possessor, ``by`` phrase, compound modifier) and patients (``of``/``on``/``against`` phrases) of an event noun."""
    agents, patients = [], []
    for c in tok.children:
        if c.dep_ in ("poss", "compound"):
            agents.append(c)
        elif c.dep_ == "prep" and c.lower_ == "by":
            agents += [g for g in c.children if g.dep_ == "pobj"]
        elif c.dep_ == "prep" and c.lower_ in _NOM_PATIENT_PREPS:
            patients += [g for g in c.children if g.dep_ == "pobj"]
    return agents, patients


def _owned(t: Any) -> list[Any]:
    """Tokens owning noun ``t`` (possessor, or the object of its ``of`` phrase)."""
    out = [c for c in t.children if c.dep_ == "poss"]
    for c in t.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            out += [g for g in c.children if g.dep_ == "pobj"]
    return out


class _Frames:
    """The agent / patient structure of one parse, computed once per article for all entities."""

    def __init__(self, doc: Any, table: Mapping[str, Mapping[str, Any]]) -> None:
        self.agent_of: dict[int, list[tuple[Any, Mapping[str, Any] | None]]] = {}
        self.patient_of: dict[int, list[tuple[Any, Mapping[str, Any] | None]]] = {}
        self.owner_of: dict[int, list[tuple[Any, Mapping[str, Any] | None]]] = {}
        for tok in doc:
            if tok.pos_ == "VERB":
                if negated(tok) or tok.lemma_ in _LIGHT_VERBS:
                    continue
                entry = verb_entry(tok, table)
                agents, patients = subjects(tok, AGENT) + passive_agents(tok, conjuncts=True), objects(tok)
            elif tok.pos_ == "NOUN":
                entry = verb_entry(tok, table)
                if entry is None or negated(tok):
                    continue
                agents, patients = _noun_arguments(tok)
            else:
                continue
            for a in agents:
                self.agent_of.setdefault(a.i, []).append((tok, entry))
            for p in patients:
                self.patient_of.setdefault(p.i, []).append((tok, entry))
                for o in _owned(p):
                    self.owner_of.setdefault(o.i, []).append((tok, entry))


def _frames(doc: Any, table: Mapping[str, Mapping[str, Any]], cache: dict[int, _Frames] | None) -> _Frames:
    if cache is None:
        return _Frames(doc, table)
    fr = cache.get(id(doc))
    if fr is None:
        fr = cache[id(doc)] = _Frames(doc, table)
    return fr


def _cv(feats: defaultdict[str, float], role: str, entry: Mapping[str, Any] | None) -> None:
    if entry is None:
        return
    v = float(entry["agent" if role == "agent" else "patient"])
    if role == "agent":
        if v < 0:
            feats["cv:agent_harm"] += -v
        elif v > 0:
            feats["cv:agent_help"] += v
    else:
        a = float(entry["agent"])
        if a < 0:
            feats["cv:patient_harm"] += -a
        elif a > 0:
            feats["cv:patient_help"] += a


def _is_name(t: Any) -> bool:
    """A proper name, a token of a named entity, or a capitalised word inside a sentence (a name the tagger missed)."""
    if t.pos_ == "PROPN" or (t.text[:1].isupper() and not t.is_sent_start):
        return True
    return bool(t.ent_type_) and t.ent_type_ not in _NUMERIC_ENTS


def _kind(doc: Any, ent: EntityMentions, kinds: Mapping[str, str]) -> list[str]:
    """Coarse, name-free kind features of the entity (from its first non-pronoun head)."""
    out = []
    heads = [doc[h] for h in ent.heads]
    named = [h for h in heads if h.pos_ != "PRON"] or heads
    h = named[0]
    if h.pos_ == "PRON":
        out.append("kind:pronoun")
    elif _is_name(h):
        out.append("kind:name")  # not the NER label: whether a name reads as a person or a place depends on its sound
    else:
        out.append("kind:" + kinds.get(h.lemma_.lower(), "common"))
    if h.tag_ in ("NNS", "NNPS"):
        out.append("kind:plural")
    n = len(ent.heads)
    out.append("sal:mentions_" + ("1" if n == 1 else "2-3" if n <= 3 else "4+"))
    if any(doc[r[0]].sent.start == 0 for r in ent.ranges):
        out.append("sal:first_sentence")
    return out


def entity_features(doc: Any, ent: EntityMentions, *, table: Mapping[str, Mapping[str, Any]],
                    kinds: Mapping[str, str], cache: dict[int, Any] | None = None,
                    spans: FeatureSpans | None = None) -> dict[str, float]:
    """The name-blind feature counts of ``ent`` in ``doc`` (see the module docstring).

    ``table`` is the connotation lexicon (``Lexicon.by_term``), ``kinds`` maps a
    common-noun lemma to a kind (person / organisation / group / thing); ``cache``
    keeps the per-article verb frames between entities; ``spans`` (when given)
    receives, per feature, the character spans of its evidence.
    """
    fr = _frames(doc, table, cache)
    own = {i for s, e in ent.ranges for i in range(s, e)}
    feats: defaultdict[str, float] = defaultdict(float)

    def add(f: str, tok: Any, w: float = 1.0) -> None:
        feats[f] += w
        if spans is not None:
            spans.setdefault(f, []).append((tok.idx, tok.idx + len(tok.text)))

    for h in ent.heads:
        for role, table_ in (("agent", fr.agent_of), ("patient", fr.patient_of), ("owner_patient", fr.owner_of)):
            for v, entry in table_.get(h, ()):
                add(f"{role}:{v.lemma_.lower()}", v)
                if role != "owner_patient":
                    before = dict(feats)
                    _cv(feats, role, entry)
                    if spans is not None:
                        for k in feats:
                            if feats[k] != before.get(k, 0):
                                spans.setdefault(k, []).append((v.idx, v.idx + len(v.text)))
        tok = doc[h]
        for c in tok.children:
            if c.dep_ in ("amod", "compound", "appos", "nmod") and c.i not in own and not _is_name(c):
                add("mod:" + c.lemma_.lower(), c)
        if tok.dep_ == "poss" and tok.head.pos_ == "NOUN":
            add("head:" + tok.head.lemma_.lower(), tok.head)
        if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.pos_ == "NOUN":
            add(f"of_head:{tok.head.lower_}_{tok.head.head.lemma_.lower()}", tok.head.head)
    for s, e in ent.ranges:
        sent = doc[s].sent
        for t in doc[max(sent.start, s - WINDOW): min(sent.end, e + WINDOW)]:
            if t.i in own or t.pos_ not in _CONTENT_POS or _is_name(t) or t.is_stop:
                continue
            add("ctx:" + t.lemma_.lower(), t, 0.5)
    for s, e in ent.ranges:
        for t in doc[s:e]:  # what kind of thing it is: common nouns and adjectives of its own phrase, never names
            if t.pos_ in ("NOUN", "ADJ") and not _is_name(t) and t.lemma_.lower() not in kinds:
                feats["self:" + t.lemma_.lower()] = 1.0
    for k in _kind(doc, ent, kinds):
        feats[k] = 1.0
    return {k: (1.0 + math.log(v) if v >= 1 else v) for k, v in feats.items() if v > 0}


#: connotation feature -> the role it points to (the doer of harm, the one harmed, the doer of help)
RULE_ROLES = {"cv:agent_harm": "villain", "cv:patient_harm": "victim", "cv:agent_help": "hero"}
#: logit added per unit of connotation evidence (:func:`rule_logits`)
RULE_WEIGHT = 1.0  # chosen by 5-fold CV on narrative-frames dev among 0, 0.5, 1, 2 (macro-F1 .582 .586 .589 .587)


def rule_logits(feats: Sequence[Mapping[str, float]], weight: float | None = None) -> np.ndarray:
    """The connotation rule as logits in :data:`CLASSES` order: :data:`RULE_WEIGHT` x the (log-scaled) strength of
    the harmful acts the entity does (villain), suffers (victim) and of the helpful acts it does (hero)."""
    w = RULE_WEIGHT if weight is None else weight
    R = np.zeros((len(feats), len(CLASSES)))
    for i, f in enumerate(feats):
        for key, role in RULE_ROLES.items():
            R[i, CLASSES.index(role)] += w * float(f.get(key, 0.0))
    return R


def _model_logits(estimator: Any, feats: Sequence[Mapping[str, float]]) -> np.ndarray:
    L = np.asarray(estimator.decision_function(list(feats)))
    order = [list(estimator.classes_).index(c) for c in CLASSES]
    return L[:, order]


def predict_proba(estimator: Any, feats: Sequence[Mapping[str, float]]) -> np.ndarray:
    """Role probabilities in :data:`CLASSES` order (rows of ``feats``): softmax of the classifier's logits plus the
    connotation rule's (:func:`rule_logits`)."""
    if not len(feats):
        return np.zeros((0, len(CLASSES)))
    L = _model_logits(estimator, feats) + rule_logits(feats)
    L = L - L.max(axis=1, keepdims=True)
    E = np.exp(L)
    return E / E.sum(axis=1, keepdims=True)


#: feature prefixes that say what kind of thing the entity is or how prominent, not what it does or undergoes
PRIOR_PREFIXES = ("kind:", "sal:", "self:")
#: feature prefixes from the parse that place the entity in an act (doer, one done to, owner, modifier)
STRUCTURAL_PREFIXES = ("agent:", "patient:", "owner_patient:", "of_head:", "head:", "mod:", "cv:")


def _transform(estimator: Any, feats: Sequence[Mapping[str, float]]) -> Any:
    X = estimator.named_steps["vec"].transform(list(feats))
    tfidf = estimator.named_steps.get("tfidf")
    return tfidf.transform(X) if tfidf is not None else X


def evidence_logits(estimator: Any, feats: Sequence[Mapping[str, float]]) -> np.ndarray:
    """Per entity and class (:data:`CLASSES` order), the summed contributions of the structural features
    (:data:`STRUCTURAL_PREFIXES`) plus the connotation rule: the role that what the entity does and undergoes points
    to, without the priors (what kind of thing it is, how often it is named) and without the context words."""
    vec, clf = estimator.named_steps["vec"], estimator.named_steps["clf"]
    mask = np.array([n.startswith(STRUCTURAL_PREFIXES) for n in vec.feature_names_], dtype=float)
    L = _transform(estimator, feats) @ (clf.coef_ * mask).T
    order = [list(clf.classes_).index(c) for c in CLASSES]
    return np.asarray(L)[:, order] + rule_logits(feats)


def supported(estimator: Any, feats: Sequence[Mapping[str, float]], P: np.ndarray, min_confidence: float) -> np.ndarray:
    """Whether each entity's most probable role is shown rather than abstained on: its probability is at least
    ``min_confidence``, the parse places the entity in some act (:data:`STRUCTURAL_PREFIXES`), and that structural
    evidence alone points to the same role (:func:`evidence_logits`)."""
    if not len(feats):
        return np.zeros(0, dtype=bool)
    E = evidence_logits(estimator, feats)
    structural = np.array([any(f.startswith(STRUCTURAL_PREFIXES) for f in x) for x in feats], dtype=bool)
    return (P.max(axis=1) >= min_confidence) & structural & (E.argmax(axis=1) == P.argmax(axis=1))


def explain(estimator: Any, feats: Mapping[str, float], cls: str, *, top: int = 5) -> list[tuple[str, float]]:
    """The features that most raised class ``cls`` for this entity: (feature, coef x value) pairs, largest first."""
    vec = estimator.named_steps["vec"]
    clf = estimator.named_steps["clf"]
    X = _transform(estimator, [feats]).tocoo()
    k = list(clf.classes_).index(cls)
    names = vec.feature_names_
    contrib = [(names[j], float(clf.coef_[k, j] * v)) for j, v in zip(X.col, X.data)]
    return sorted((c for c in contrib if c[1] > 0), key=lambda c: -c[1])[:top]


def kind_table(lexicons: Mapping[str, Iterable[Mapping[str, Any]]]) -> dict[str, str]:
    """lemma -> kind from the ``person_nouns``, ``actor_nouns`` and ``inanimate_heads`` lexicons (first wins)."""
    out: dict[str, str] = {}
    for name, prefix in (("person_nouns", "person_noun"), ("actor_nouns", "actor_noun"), ("inanimate_heads", "inanimate")):
        for e in lexicons[name]:
            out.setdefault(str(e["term"]).lower(), f"{prefix}_{e['kind']}")
    return out
