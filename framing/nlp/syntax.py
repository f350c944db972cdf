"""Dependency-tree helpers shared by the analyzers: who does what to whom in a clause.

Every function reads a spaCy token (labels of the ClearNLP scheme that the
English pipelines use: ``nsubj``, ``nsubjpass``, ``csubj``, ``dobj``, ``agent``,
``neg``, ``relcl``, ``xcomp`` ...) and returns tokens or character spans; none of
them changes the Doc.

* :func:`subjects` / :func:`subject` — the subject(s) of a verb, explicit or
  understood, following a :class:`SubjectRule` (one implementation; the rules
  :data:`DIRECT`, :data:`SPEAKER`, :data:`AGENT` and :data:`LOCAL` reproduce the
  four ways the analyzers needed it);
* :func:`clause_verb` — the verb of the clause a token sits in;
* :func:`objects` — direct objects, datives and passive subjects (the patients);
* :func:`passive_agents` — the ``by`` phrase of a passive verb;
* :func:`governed_by` — whether a word sits under one of some verbs in its own
  clause ("*designated* X a terrorist group", "*labeled* it an invasion");
* :func:`negated` — whether a token has a ``neg`` dependent ("did *not* attack");
  :func:`preceded_by_negator` — the lexical alternative, a negator a few words
  before a term;
* :func:`subtree_span` / :func:`np_span` — character spans of a subtree, cut at
  chosen child subtrees (a noun phrase without its relative clause).

Limits: everything follows the parser's tree, so a wrong attachment gives a wrong
subject; understood subjects are followed through at most a few clauses
(:attr:`SubjectRule.levels`); there is no coreference here (pronoun resolution
is the actors analyzer's). Control follows the usual account of English
complement clauses: object control ("pressed Iran *to give up*" — Iran gives up)
before subject control ("Iran refused *to give up*").
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from framing.schema import Span

Token = Any  # spacy.tokens.Token (spaCy is imported only by framing.nlp.parse)

VERBAL = ("VERB", "AUX")
#: relative pronouns: the subject of a relative clause they open is the clause's antecedent
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})
_FINITE = ("VBD", "VBZ", "VBP")
_OBJECT_CONTROL_DEPS = ("dobj", "obj")


@dataclass(frozen=True, slots=True)
class SubjectRule:
    """How :func:`subjects` looks for the subject of a verb.

    The search looks at the verb's own children first; when it has none with a
    label in ``deps`` it climbs to the clause the verb depends on, at most
    ``levels`` clauses in all. Each field switches one construction on:

    * ``deps`` — child labels that count as a subject. ``nsubjpass`` makes the
      passive subject ("the base *was* attacked") a subject (speaker attribution,
      pronoun resolution); stance leaves it out (a passive subject is a patient).
    * ``levels`` — how many clauses are searched (the verb itself is level 1);
      1 = the verb's own children only.
    * ``resolve_at_limit`` — whether the constructions that end the search
      without climbing (object control, antecedent, owner, a participle's noun)
      still apply at the last level (stance, actors: yes; attribution: no, its
      search stops as soon as the last level has no subject of its own).
    * ``relative_pronoun`` — a relative pronoun subject ("the minister *who*
      said") is replaced by the antecedent the relative clause hangs on.
    * ``conjuncts`` — coordinated subjects are all returned ("Iran and Iraq
      condemned" gives both).
    * ``relative_antecedent`` — a relative clause with no subject and no passive
      subject ("the strike that killed him" parsed without ``that`` as nsubj)
      takes its antecedent noun as subject.
    * ``object_control`` — an open complement (``xcomp``) under a verb with a
      direct object takes that object as subject ("pressed Iran to give up").
    * ``pcomp_any_head`` — a prepositional complement ("by *attacking*") climbs to
      the preposition's head; False climbs there only when the complement hangs
      on a ``prep`` token and otherwise to its own head (attribution).
    * ``participle_noun`` — a participle modifying a noun ("a statement
      *saying* ...") takes the noun as subject (VBG/VBN only; other ``acl`` verbs,
      "their determination *to defend*", have none).
    * ``noun_owner`` — a verb hanging on a noun (``acl``, ``pcomp``, ``relcl``)
      takes the noun's possessor or ``of`` object ("the plans *of the US* for
      establishing ..."), and climbs on when that head is itself a verb.
    * ``dep_chain`` — a finite verb hung on an earlier verb with the unlabelled
      ``dep`` relation ("..., then admitted ...") shares its subject.
    * ``earlier_clause`` — a finite verb with no subject shares the subject of an
      earlier adverbial or coordinated clause hung on it ("X at first denied A,
      then admitted B" parsed with ``denied`` under ``admitted``); the verb the
      search starts from only.
    """

    deps: tuple[str, ...] = ("nsubj", "nsubjpass", "csubj")
    levels: int = 4
    resolve_at_limit: bool = True
    relative_pronoun: bool = False
    conjuncts: bool = False
    relative_antecedent: bool = False
    object_control: bool = False
    pcomp_any_head: bool = True
    participle_noun: bool = False
    noun_owner: bool = False
    dep_chain: bool = False
    earlier_clause: bool = False
    climb: tuple[str, ...] = ("xcomp", "conj", "advcl", "pcomp")


#: the verb's own subject child, expletives included ("*there* are claims"): the attribution span model's feature.
DIRECT = SubjectRule(deps=("nsubj", "nsubjpass", "csubj", "expl"), levels=1, resolve_at_limit=False, climb=())

#: the speaker of a reporting verb (attribution rules): through complements, coordination, adverbial clauses,
#: prepositional complements and participles on a noun ("a statement saying ..."), chained and earlier clauses.
SPEAKER = SubjectRule(
    levels=4, resolve_at_limit=False, relative_pronoun=True, pcomp_any_head=False, participle_noun=True,
    dep_chain=True, earlier_clause=True, climb=("xcomp", "conj", "advcl", "pcomp", "acl"),
)

#: the agents of an evaluative verb (stance): active subjects only, all conjuncts, object control, relative antecedents.
AGENT = SubjectRule(
    deps=("nsubj", "csubj"), levels=4, relative_pronoun=True, conjuncts=True, relative_antecedent=True,
    object_control=True,
)

#: the subject of the clause a pronoun sits in (actors' pronoun resolution): object control, and the owner
#: of a noun a clause hangs on.
LOCAL = SubjectRule(deps=("nsubj", "nsubjpass"), levels=6, object_control=True, noun_owner=True)


def subjects(verb: Token, rule: SubjectRule = SPEAKER) -> list[Token]:
    """The subject tokens of ``verb`` under ``rule`` (see :class:`SubjectRule`); empty when none is found.

    The first token is the main subject; more follow only with ``rule.conjuncts``
    (coordinated subjects) or object control with several objects.
    """
    cur = verb
    for level in range(rule.levels):
        own = [c for c in cur.children if c.dep_ in rule.deps]
        if own:
            return _own_subjects(cur, own, rule)
        last = level == rule.levels - 1
        if last and not rule.resolve_at_limit:
            return []
        found, nxt = _step(cur, level, rule)
        if nxt is None or last:
            return found
        cur = nxt
    return []  # pragma: no cover - the loop always returns


def subject(verb: Token, rule: SubjectRule = SPEAKER) -> Token | None:
    """The main subject of ``verb`` under ``rule`` (the first of :func:`subjects`), or None."""
    found = subjects(verb, rule)
    return found[0] if found else None


def _own_subjects(cur: Token, own: list[Token], rule: SubjectRule) -> list[Token]:
    out = []
    for s in own:
        if rule.relative_pronoun and s.lower_ in RELATIVE_PRONOUNS and cur.dep_ == "relcl":
            s = cur.head
        out.append(s)
        if rule.conjuncts:
            out.extend(c for c in s.children if c.dep_ == "conj")
    return out


def _step(cur: Token, level: int, rule: SubjectRule) -> tuple[list[Token], Token | None]:
    """One step of the search from a verb with no subject of its own: (subjects found, or the next verb to search)."""
    dep, head = cur.dep_, cur.head
    if (dep == "relcl" and rule.relative_antecedent and head.pos_ in ("NOUN", "PROPN", "PRON")
            and not any(c.dep_ == "nsubjpass" for c in cur.children)):
        return [head], None
    if dep in rule.climb and head.i != cur.i:
        if dep == "xcomp" and rule.object_control and head.pos_ in VERBAL:
            objs = [c for c in head.children if c.dep_ in _OBJECT_CONTROL_DEPS]
            if objs:
                return objs, None
        if dep == "pcomp":
            if rule.pcomp_any_head or head.dep_ == "prep":
                head = head.head
            if rule.noun_owner and head.pos_ in ("NOUN", "PROPN"):
                return _owner(head), None
        if dep == "acl" and rule.participle_noun and head.pos_ in ("NOUN", "PROPN", "PRON"):
            return ([head] if cur.tag_ in ("VBG", "VBN") else []), None
        if head.pos_ in VERBAL:
            return [], head
    if rule.noun_owner and dep in ("acl", "relcl"):
        if head.pos_ in ("NOUN", "PROPN"):
            return _owner(head), None
        if head.pos_ in VERBAL:
            return [], head
    if rule.dep_chain and dep == "dep" and cur.tag_ in _FINITE and head.i < cur.i and head.pos_ in VERBAL:
        return [], head
    if rule.earlier_clause and level == 0 and cur.tag_ in _FINITE:
        for c in cur.children:
            if c.dep_ in ("advcl", "conj") and c.i < cur.i and c.tag_ in (*_FINITE, "VBN"):
                subj = next((x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is not None:
                    return [subj], None
    return [], None


def _owner(noun: Token) -> list[Token]:
    """The possessor or ``of`` object of ``noun`` (the first in child order), as a one-token list, or empty."""
    for c in noun.children:
        if c.dep_ == "poss":
            return [c]
        if c.dep_ == "prep" and c.lower_ == "of":
            for g in c.children:
                if g.dep_ == "pobj":
                    return [g]
    return []


def clause_verb(tok: Token, *, max_steps: int = 12) -> Token | None:
    """The nearest verb above ``tok`` (its head, its head's head ...), or None when the climb reaches a root that is no verb."""
    cur = tok.head
    for _ in range(max_steps):
        if cur.pos_ in VERBAL or cur.head.i == cur.i:
            break
        cur = cur.head
    return cur if cur.pos_ in VERBAL else None


def objects(verb: Token, *, deps: Collection[str] = ("dobj", "obj", "dative", "nsubjpass"), conjuncts: bool = True) -> list[Token]:
    """The patients of ``verb``: children labelled ``deps`` (direct objects, datives, passive subjects), with their conjuncts."""
    out = []
    for c in verb.children:
        if c.dep_ in deps:
            out.append(c)
            if conjuncts:
                out.extend(x for x in c.children if x.dep_ == "conj")
    return out


def passive_agents(verb: Token, *, conjuncts: bool = False) -> list[Token]:
    """The objects of the ``by`` phrase of a passive ``verb`` ("attacked *by militias*"), with their conjuncts if asked."""
    out = []
    for c in verb.children:
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    out.append(g)
                    if conjuncts:
                        out.extend(x for x in g.children if x.dep_ == "conj")
    return out


def governed_by(tok: Token, lemmas: Collection[str], *, max_steps: int = 4) -> bool:
    """True when one of the first ``max_steps`` heads above ``tok``, up to and including its clause's verb, has a
    lemma in ``lemmas`` (lower case): "the group *designated* a terrorist organisation" for ``terrorist``. The walk
    stops at the root and at the first verb or auxiliary, so a verb of a higher clause does not count."""
    cur = tok
    for _ in range(max_steps):
        if cur.head.i == cur.i:
            break
        cur = cur.head
        if cur.lemma_.lower() in lemmas:
            return True
        if cur.pos_ in ("VERB", "AUX"):
            break
    return False


def negated(tok: Token) -> bool:
    """True when ``tok`` has a ``neg`` dependent ("did *not* attack", "*never* said")."""
    return any(c.dep_ == "neg" for c in tok.children)


def preceded_by_negator(
    words: Sequence[str], i: int, lo: int, *, negators: Collection[str], window: int,
    not_before: Collection[str] = ("only", "just", "merely"),
) -> bool:
    """True when one of the ``window`` words before ``words[i]`` (not before index ``lo``, e.g. the sentence start) is a negator.

    ``words`` are lower-cased token texts. "not" directly before a word of
    ``not_before`` ("not only", "not just") is no negation. A lexical test: it
    does not need the parse and also catches "no *regime*", "without *mercy*".
    """
    first = max(lo, i - window)
    for k in range(i - 1, first - 1, -1):
        if words[k] in negators:
            nxt = words[k + 1] if k + 1 < len(words) else ""
            if words[k] == "not" and nxt in not_before:
                continue
            return True
    return False


def subtree_span(tok: Token, *, exclude: Sequence[Token] = ()) -> Span:
    """Character span of ``tok``'s subtree, cut at ``exclude`` subtrees that lie on its left or right edge.

    An excluded subtree inside the span (not on an edge) does not cut it. When
    the cuts leave nothing, the span is ``tok`` alone.
    """
    left, right = tok.left_edge.i, tok.right_edge.i
    doc = tok.doc
    for ex in exclude:
        if ex.left_edge.i <= left <= ex.right_edge.i:
            left = ex.right_edge.i + 1
        if ex.left_edge.i <= right <= ex.right_edge.i:
            right = ex.left_edge.i - 1
    if right < left:
        left = right = tok.i
    return Span(doc[left].idx, doc[right].idx + len(doc[right].text))


def np_span(tok: Token, *, drop: Collection[str] = ("relcl", "case")) -> Span:
    """The noun phrase headed by ``tok``: its subtree without the child subtrees labelled ``drop`` on its edges.

    By default a trailing relative clause ("the official *who spoke ...*") and a
    possessive mark are cut: the speaker is "the official".
    """
    return subtree_span(tok, exclude=[c for c in tok.children if c.dep_ in drop])


def tokens_span(tokens: Sequence[Token]) -> Span | None:
    """Character span from the first to the last non-space token of ``tokens``, or None when all are spaces."""
    toks = [t for t in tokens if not t.is_space]
    if not toks:
        return None
    return Span(toks[0].idx, toks[-1].idx + len(toks[-1].text))
