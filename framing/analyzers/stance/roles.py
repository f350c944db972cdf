"""Roles recorded beside stance: actors as agents and patients of connotation verbs (no stance weight).

A verb (or event noun) of ``lexicons/connotation_verbs.tsv`` records its agent
and its patient (after Rashkin et al. 2016; Sap et al. 2017). Being the agent
or patient of "kill", "attack", "defend" is a narrative role (the ``roles``
section), not the author's evaluation: it adds **no** stance evidence. It is
recorded (``agent_verbs``/``patient_verbs``) and it marks the (actor, sentence)
pairs where the actor suffers a harmful act, so the sentence classifier is not
asked about a victim in the sentence that reports the harm, and the label step
can read an evaluative word on the act itself ("the *cowardly* killing of X"). Agents: subjects (inherited through coordinated,
controlled and participial verbs; object control makes the object the agent),
``by`` phrases of passives, possessors, ``by`` phrases and compound modifiers
of event nouns, and the subject of a support verb whose object is the event
noun (``lexicons/support_verbs.tsv``). Patients: objects, passive subjects and
``of``/``on``/``against``/``upon`` phrases of event nouns. A negated verb gives
no role. The owner of a harmed patient (agent < 0 < patient) counts as harmed too.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from framing.analyzers.stance.collect import Collector
from framing.nlp.syntax import AGENT, negated, objects, passive_agents, subjects
from framing.resources.lexicons import Lexicon

_NOM_PATIENT_PREPS = ("of", "on", "against", "upon")


def verb_entry(tok, verbs: Lexicon) -> Mapping[str, Any] | None:
    """The connotation entry of a verb or event noun (nominalisations "killings", "violation" map to their verb)."""
    table = verbs.by_term
    e = table.get(tok.lemma_.lower()) or table.get(tok.lower_)
    if e is None and tok.pos_ == "NOUN":
        for suf, rep in (("ings", ""), ("ing", ""), ("ations", "ate"), ("ation", "ate"), ("s", "")):
            if tok.lower_.endswith(suf) and (tok.lower_[: -len(suf)] + rep) in table:
                return table[tok.lower_[: -len(suf)] + rep]
    return e


def owners(t, tok_actor, depth: int = 2) -> list[int]:
    """Actors owning noun ``t``: its possessor, a modifying demonym or name ("Iranian economy",
    "US bases"), or an ``of`` phrase ("the leaders of the armed forces of Iran"), followed down
    at most ``depth`` ``of`` links; the nearest owner wins."""
    cur = t
    for _ in range(depth):
        found: list[int] = []
        nxt = None
        for c in cur.children:
            if c.dep_ in ("poss", "amod", "compound", "nmod") and c.i in tok_actor:
                found.extend(tok_actor[c.i])
            elif c.dep_ == "prep" and c.lower_ == "of":
                for g in c.children:
                    if g.dep_ == "pobj":
                        if g.i in tok_actor:
                            found.extend(tok_actor[g.i])
                            found.extend(ai for x in g.children if x.dep_ == "conj" and x.i in tok_actor for ai in tok_actor[x.i])
                        elif g.pos_ in ("NOUN", "PROPN"):
                            nxt = g
        if found:
            return sorted(set(found))
        if nxt is None:
            return []
        cur = nxt
    return []


def support_verb(n, support: frozenset[str]):
    """The support verb whose object is event noun ``n`` ("staged *provocations*", "launched a round of
    *provocations*"), or None; a negated support verb gives none."""
    cur = n
    if cur.dep_ == "pobj" and cur.head.lower_ == "of" and cur.head.head.pos_ == "NOUN":
        cur = cur.head.head  # "a round of provocations", "a campaign of attacks"
    if (cur.dep_ in ("dobj", "obj", "nsubjpass") and cur.head.pos_ == "VERB" and cur.head.lemma_.lower() in support
            and not negated(cur.head)):
        return cur.head
    return None


def _agents(v) -> list:
    """Agent tokens of verb ``v``: its subjects under :data:`~framing.nlp.syntax.AGENT` (active subjects with their
    conjuncts, inherited through coordinated, controlled, adverbial and prepositional clauses, object control,
    relative antecedents), then the objects of its ``by`` phrase with their conjuncts."""
    return subjects(v, AGENT) + passive_agents(v, conjuncts=True)


def _noun_arguments(tok, tok_actor, support: frozenset[str]) -> tuple[list, list]:
    """Agents and patients of an event noun."""
    agents, patients = [], []
    for c in tok.children:
        if c.dep_ == "poss":
            agents.append(c)
        elif c.dep_ == "prep" and c.lower_ == "by":
            agents += [g for g in c.children if g.dep_ == "pobj"]
            # PP-attachment repair: a proper name takes no "of" complement, so "the assassination by the US of
            # the general" has the general as the event's patient even when the parse hangs "of" on "US"
            for g in c.children:
                if g.dep_ == "pobj" and g.pos_ == "PROPN":
                    patients += [x for p in g.children if p.dep_ == "prep" and p.lower_ in _NOM_PATIENT_PREPS
                                 for x in p.children if x.dep_ == "pobj"]
        elif c.dep_ == "prep" and c.lower_ in _NOM_PATIENT_PREPS:
            patients += [g for g in c.children if g.dep_ == "pobj"]
        elif c.dep_ == "compound" and c.i in tok_actor:
            agents.append(c)  # "US sanctions", "Iranian aggression"
    if not agents:
        sv = support_verb(tok, support)
        if sv is not None:  # "the US staged provocations", "launched a round of provocations"
            agents = _agents(sv)
    return agents, patients


def role_evidence(col: Collector, verbs: Lexicon, support: frozenset[str]) -> None:
    """Record the roles, the harmed (actor, sentence) pairs and the harmful acts each actor suffers (no evidence)."""
    parsed = col.ctx.parsed
    tok_actor = col.tok_actor
    for tok in parsed.doc:
        # a title-case headline word the tagger took for a name ("U.S. *Strike* On X") is read as the event noun
        headline_noun = tok.pos_ == "PROPN" and tok.text[:1].isupper() and tok.lower_ in verbs.by_term
        if tok.pos_ not in ("VERB", "NOUN") and not headline_noun:
            continue
        entry = verb_entry(tok, verbs)
        if entry is None or negated(tok):
            continue
        if tok.pos_ == "VERB":
            agents, patients = _agents(tok), objects(tok)
        else:
            agents, patients = _noun_arguments(tok, tok_actor, support)
        lemma = tok.lemma_.lower()
        harmful = float(entry["agent"]) < 0 < float(entry["patient"])
        si = parsed.sentence_index(tok.idx)
        for role, toks in (("agent", agents), ("patient", patients)):
            for t in toks:
                for ai in tok_actor.get(t.i, ()):
                    col.roles[ai][role].append(lemma)
                    if role == "patient" and harmful:
                        col.harmed.add((ai, si))
                if role == "patient" and harmful and t.i not in tok_actor:
                    # the patient belongs to an actor: "strangulating the Iranian economy", "the killing of the leaders of Iran"
                    for ai in owners(t, tok_actor):
                        col.harmed.add((ai, si))
                        col.harmed_acts.append((ai, tok.i))
                    continue
                if role == "patient" and harmful:
                    for ai in tok_actor.get(t.i, ()):
                        col.harmed_acts.append((ai, tok.i))
