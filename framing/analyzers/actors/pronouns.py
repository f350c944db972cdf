"""Pronoun resolution for the actors analyzer: a reduced Lappin & Leass (1994) salience model.

Every actor mention (the outermost of nested ones) and every other noun phrase
is a discourse referent with a number/person slot (``person``, ``it``,
``they``; collective bodies take ``it|they``). Walking the text, each pronoun
picks the compatible referent of highest salience among those mentioned in
the same or the :data:`WINDOW` preceding sentences; salience per mention is
the sum of the Lappin & Leass factors (recency 100, subject 80, existential
70, direct object 50, oblique 40, head noun 80, non-adverbial 50), halved per
sentence back, summed over the referent's mentions, +35 for a subject pronoun
meeting a subject antecedent. Additions of this project: a possessive is bound
by the actor that controls its own clause (:func:`controllers`, +1000, i.e.
decisive): the owner of an intention noun the clause completes ("the plans of
the US for establishing *its* ..." -> the US, :func:`nominal_controller`), the
object of a verb of judging ("blamed Iran for expanding *its* ..."), else the
clause subject, explicit or understood (:func:`local_subject`); a clause
subject that is no actor gets +200 only, and a possessive on a nominal of harm
("ordered *his* killing") has no controller. The other arguments of the
pronoun's own verb get +50. An emphatic or
appositive reflexive refers through the nominal right before it ("Trump
*himself*", "the deal *itself*": not an actor) and is left alone after a comma
(:func:`emphatic_host`). Binding: a plain
pronoun is never its own verb's other argument, nor the object of a verb it is
the understood subject of. Pronouns inside quotation marks, pleonastic *it*
(:func:`non_referring_it`) and *it* standing for an event, an act or a claim (:func:`event_it`) are left alone.
A subject pronoun of a reported clause prefers the reporter (:func:`reporting_subject`, +200); *he*/*she* skip a
person of the other gender (``gender``, see :func:`framing.analyzers.actors.kinds.genders`). "The former" /
"the latter" take the earlier / later of the last two actors named (:func:`former_latter`). A pronoun
resolved to a non-actor noun phrase adds nothing to any actor.

Limits: a rule, not a coreference model; a misattached prepositional phrase
misleads the clause-subject preference (right association repairs it only
after an intention noun with an owner); a wrong control reading is decisive.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from framing.analyzers.actors.draft import POSSESSIVE_PRONOUNS, Draft
from framing.nlp.syntax import LOCAL, Token, clause_verb, subject
from framing.schema import Span
from framing.schema.sections.actors import Mention

WINDOW = 2  # sentences back
PERSON_PRONOUNS = {"he", "him", "his", "himself", "she", "her", "hers", "herself"}
_MALE = {"he", "him", "his", "himself"}
IT_PRONOUNS = {"it", "its", "itself"}
THEY_PRONOUNS = {"they", "them", "their", "theirs", "themselves"}
REFLEXIVES = {"itself", "themselves", "himself", "herself"}
_NOMINAL = ("NOUN", "PROPN")
_NOT_REFERENTS = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}
_ARG_DEPS = ("nsubj", "nsubjpass", "csubj", "dobj", "obj", "dative", "attr", "oprd")
_RAISING = ("seem", "appear", "rule")  # raising verbs: "it seems that ..." has no referent
_REPORT_PASSIVE = ("say", "believe", "expect", "report", "think", "know", "understand", "estimate", "decide", "feel")
_COPULAS = ("become", "remain", "look", "sound", "prove")
#: verbs whose subject is an event or a state of affairs, never a state or a body ("it happened", "it matters")
EVENT_SUBJECT_VERBS = frozenset({"happen", "occur", "unfold", "ensue", "transpire", "matter", "backfire"})
#: verbs whose object is an act, a claim or a plan ("did it", "doubt it", "ordered it", "42% supported it")
PROPOSITION_OBJECT_VERBS = frozenset({
    "do", "doubt", "admit", "deny", "reiterate", "repeat", "propose", "confirm", "authorize", "authorise",
    "approve", "order", "justify", "explain", "support", "oppose", "say", "know", "believe", "announce",
})
#: a predicate complement naming an actor ("called it a rogue state"): "it" may be an actor after all
ACTOR_COMPLEMENTS = frozenset({
    "state", "nation", "country", "regime", "government", "power", "organization", "organisation", "group",
    "enemy", "ally", "partner", "sponsor", "actor", "player", "member", "militia", "movement", "administration",
})
# Lappin & Leass (1994) salience factors
_SAL_RECENCY, _SAL_SUBJECT, _SAL_EXISTENTIAL, _SAL_OBJECT, _SAL_OBLIQUE = 100, 80, 70, 50, 40
_SAL_HEAD, _SAL_NON_ADVERBIAL, _SAL_PARALLEL = 80, 50, 35
_SAL_LOCAL_SUBJECT, _SAL_SAME_CLAUSE, _SAL_LOCAL_ACTOR = 200, 50, 1000  # additions of this project
#: nouns of intention and attempt whose owner controls the understood subject of their complement
#: ("Iran's plan to expand its ...", "the efforts of the US for establishing its ..."): :func:`nominal_controller`
INTENTION_NOUNS = frozenset({
    "plan", "plot", "scheme", "design", "effort", "attempt", "bid", "drive", "push", "campaign", "ambition",
    "strategy", "quest", "goal", "aim", "intention", "intent", "desire", "determination", "readiness", "willingness",
    "decision", "pledge", "promise", "commitment", "project", "agenda", "preparation", "policy", "move", "struggle",
})
_COMPLEMENT_PREPS = ("for", "of", "toward", "towards", "at", "to", "in")
#: nominals of harm and removal: their possessor is the one harmed ("ordering his killing"), not a controller
HARM_NOMINALS = frozenset({
    "killing", "death", "assassination", "murder", "execution", "arrest", "capture", "detention", "ouster",
    "removal", "elimination", "destruction", "defeat", "downfall", "overthrow", "imprisonment", "torture",
})


def embedded(t) -> bool:
    """Is token ``t`` inside another noun phrase ("the people of *Iran*", "*US* troops")?"""
    cur = t
    for _ in range(12):
        if cur.head.i == cur.i:
            return False
        if cur.dep_ in ("conj", "appos"):
            cur = cur.head
            continue
        if cur.dep_ in ("poss", "compound", "nmod", "amod") and cur.head.pos_ in _NOMINAL:
            return True
        return cur.dep_ == "pobj" and cur.head.dep_ == "prep" and cur.head.head.pos_ in _NOMINAL
    return False


def salience(t) -> tuple[float, str]:
    """Lappin & Leass salience of a noun phrase headed by ``t`` (before decay), and its grammatical role."""
    dep = t.dep_
    cur = t
    while dep in ("conj", "appos") and cur.head.i != cur.i:
        cur = cur.head
        dep = cur.dep_
    w = _SAL_RECENCY
    role = "other"
    if dep in ("nsubj", "nsubjpass", "csubj"):
        w += _SAL_SUBJECT + _SAL_NON_ADVERBIAL
        role = "subject"
    elif dep == "attr" and any(c.dep_ == "expl" for c in cur.head.children):
        w += _SAL_EXISTENTIAL + _SAL_NON_ADVERBIAL
    elif dep in ("dobj", "obj"):
        w += _SAL_OBJECT + _SAL_NON_ADVERBIAL
        role = "object"
    elif dep == "dative" or (dep == "pobj" and cur.head.dep_ in ("prep", "agent") and cur.head.head.pos_ in ("VERB", "AUX")):
        w += _SAL_OBLIQUE
    elif dep not in ("pobj",):
        w += _SAL_NON_ADVERBIAL
    if not embedded(t):
        w += _SAL_HEAD
    return float(w), role


def local_subject(tok):
    """The subject of the clause a pronoun sits in, or None: :func:`~framing.nlp.syntax.subject` under
    :data:`~framing.nlp.syntax.LOCAL` of the nearest verb above ``tok`` (explicit or understood: object control
    "pressurize Iran to give up its ...", subject control and coordination inherit the higher subject, a gerund
    under a noun takes the noun's possessor or "of" phrase: "the plans of the US for establishing its ...")."""
    verb = clause_verb(tok)
    return subject(verb, LOCAL) if verb is not None else None


def controllers(tok) -> list:
    """Who may be the understood subject of the clause a possessive sits in, best first: the owner of an
    intention noun the clause completes (:func:`nominal_controller`), the object of a verb of judging the clause
    is a prepositional complement of (:func:`prepositional_object_controller`), then the clause subject
    (:func:`local_subject`). The caller takes the first that is an actor. A possessive on a nominal of harm
    ("his killing", "its destruction") names the one harmed, who is seldom the one acting: no controller."""
    if tok.head.lemma_.lower() in HARM_NOMINALS:
        return []
    verb = clause_verb(tok)
    if verb is None:
        return []
    found = [nominal_controller(verb), prepositional_object_controller(verb), local_subject(tok)]
    return [t for t in found if t is not None]


def prepositional_object_controller(verb):
    """The direct object of the verb a prepositional gerund depends on, or None: "Critics blamed *Iran* for
    expanding its program", "accused *the president* of violating his pledge" (object control by verbs of
    judging and preventing, Postal 1970: the object, not the subject, does what the gerund says)."""
    top = _clause_top(verb)
    if top is None or top.dep_ != "pcomp" or top.tag_ != "VBG" or top.head.dep_ != "prep":
        return None
    prep = top.head
    if prep.lower_ not in ("for", "of", "from") or prep.head.pos_ != "VERB":
        return None
    return next((c for c in prep.head.children if c.dep_ in ("dobj", "obj") and c.i < prep.i), None)


def _clause_top(verb):
    """The top of the non-finite clause ``verb`` heads (climbing subjectless coordination and open complements)."""
    cur = verb
    for _ in range(6):
        if any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in cur.children):
            return None  # a clause with its own subject has no understood one
        if cur.dep_ not in ("conj", "xcomp") or cur.head.i == cur.i or cur.head.pos_ not in ("VERB", "AUX"):
            return cur
        cur = cur.head
    return cur


def _intro(top):
    """The word that opens the non-finite clause headed by ``top``: the preposition of a prepositional gerund
    ("*for* establishing"), or the infinitive marker ("*to* establish"); None for any other clause."""
    if top.dep_ == "pcomp" and top.head.dep_ == "prep" and top.head.lower_ in _COMPLEMENT_PREPS and top.tag_ == "VBG":
        return top.head
    if top.dep_ in ("advcl", "xcomp", "acl") and top.tag_ == "VB":
        return next((c for c in top.children if c.dep_ in ("aux", "mark") and c.lower_ == "to" and c.i < top.i), None)
    return None


def _agentive_owner(noun):
    """The possessor, ``of`` object or ``by`` object of ``noun`` (its agent when it names an intention), or None."""
    for c in noun.children:
        if c.dep_ == "poss":
            return c
        if c.dep_ in ("prep", "agent") and c.lower_ in ("of", "by"):
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    return None


def nominal_controller(verb):
    """The understood subject of a non-finite clause that completes an intention noun just before it, or None.

    Nouns of intention and attempt (:data:`INTENTION_NOUNS`) control the understood subject of their complement
    through their possessor or ``of``/``by`` phrase ("the US's *plan* to establish its ..." - the US establishes;
    the classic nominal control of Chomsky 1981 and Jackendoff & Culicover 2003). The parser often hangs such a
    complement on the verb of the clause instead ("Iran is a roadblock to the plans of the US *for* establishing
    its domination", "for" under "is"), which would give the complement the clause subject. Following Kimball's
    (1973) right association, a complement whose opening word (:func:`_intro`) directly follows a noun phrase
    that contains an intention noun with an owner is read as that noun's complement, and the owner is returned.
    Only the noun phrase ending right before the opening word counts (no comma between), so an adverbial clause
    set off from its noun keeps the clause subject ("Trump criticised Iran's plans, to defend his ...").
    """
    top = _clause_top(verb)
    if top is None:
        return None
    intro = _intro(top)
    if intro is None or intro.i == 0:
        return None
    cur = intro.doc[intro.i - 1]
    if cur.pos_ not in _NOMINAL:
        return None
    for _ in range(8):  # up the noun phrase: "the plans of [the US]", "[Iran]'s latest plans"
        if cur.pos_ == "NOUN" and cur.lemma_.lower() in INTENTION_NOUNS:
            owner = _agentive_owner(cur)
            if owner is not None and owner.i < intro.i:
                return owner
        if cur.dep_ == "pobj" and cur.head.dep_ in ("prep", "agent") and cur.head.head.pos_ in _NOMINAL:
            cur = cur.head.head
        elif cur.dep_ in ("compound", "conj", "appos") and cur.head.pos_ in _NOMINAL:
            cur = cur.head
        else:
            break
    return None


def pronoun_slot(tok) -> str | None:
    """``person``, ``it`` or ``they`` for a pronoun that may refer to an actor; None for every other token,
    for an expletive *it* and for *it* as the subject of a copula or a raising verb ("It is a gross violation")."""
    low = tok.lower_
    if tok.pos_ != "PRON" and low not in POSSESSIVE_PRONOUNS:
        return None
    if low in PERSON_PRONOUNS:
        return "person"
    if low in IT_PRONOUNS:
        if tok.dep_ == "expl" or (low == "it" and (non_referring_it(tok) or event_it(tok))):
            return None
        return "it"
    if low in THEY_PRONOUNS:
        return "they"
    return None


def non_referring_it(tok) -> bool:
    """Is subject or object *it* pleonastic (Quirk et al. 1985, "anticipatory it")? A subject of *be* (also
    contracted, "it's"), of a raising verb ("it seems"), of another copula or a passive of reporting or belief
    with a clausal complement ("it became clear that", "it was reported that"), of "when it comes to"; an object
    before a predicate and a clause ("made it clear that")."""
    head = tok.head
    hl = head.lemma_
    later_clause = any(c.dep_ in ("ccomp", "xcomp", "csubj") and c.i > tok.i for c in head.subtree if c.head.i != tok.i)
    if tok.dep_ in ("nsubj", "nsubjpass"):
        if hl == "be" or head.lower_ in ("'s", "’s") or (hl in _RAISING and later_clause):
            return True
        if later_clause and (hl in _COPULAS or (tok.dep_ == "nsubjpass" and hl in _REPORT_PASSIVE and any(
                c.dep_ == "ccomp" and c.i > head.i for c in head.children))):
            return True
        if head.pos_ == "ADJ" and head.dep_ in ("ccomp", "oprd", "xcomp") and any(
                c.dep_ in ("ccomp", "xcomp", "advcl") and c.i > head.i for c in head.children):
            return True  # a small clause: "made it clear that ...", "makes it difficult to leave"
        return hl == "come" and any(c.dep_ == "prep" and c.lower_ == "to" for c in head.children) and any(
            c.lower_ == "when" for c in head.children)
    if tok.dep_ in ("dobj", "obj"):
        return any(c.dep_ in ("oprd", "ccomp", "xcomp") and c.i > tok.i and c.pos_ == "ADJ" for c in head.children) and \
            later_clause
    return False


def event_it(tok) -> bool:
    """Does *it* stand for an event, an act or a claim rather than an actor? The subject of a verb that takes an
    event subject ("it happened", :data:`EVENT_SUBJECT_VERBS`; "it took place"), the object of a verb that takes a
    proposition or an act (:data:`PROPOSITION_OBJECT_VERBS`: "did it again", "ordered it"), or an object whose
    predicate complement is not a noun of actors ("called it an act of war", "described it as illegal", but not
    "called it a rogue state"). Selectional restrictions of the verb, as in Dagan & Itai (1990)."""
    head = tok.head
    hl = head.lemma_
    if tok.dep_ in ("nsubj", "nsubjpass"):
        return hl in EVENT_SUBJECT_VERBS or (hl == "take" and any(c.dep_ == "dobj" and c.lower_ == "place"
                                                                  for c in head.children))
    if tok.dep_ not in ("dobj", "obj"):
        return False
    if hl in PROPOSITION_OBJECT_VERBS:
        return True
    for c in head.children:
        if c.i <= tok.i:
            continue
        comp = c
        if c.dep_ == "prep" and c.lower_ == "as":
            comp = next((g for g in c.children if g.dep_ in ("pobj", "amod", "acomp")), None)
        elif c.dep_ not in ("oprd", "xcomp"):
            continue
        if comp is None:
            continue
        return comp.pos_ == "ADJ" or (comp.pos_ == "NOUN" and comp.lemma_.lower() not in ACTOR_COMPLEMENTS)
    return False


def reporting_subject(tok):
    """The subject of the verb that reports the clause a subject pronoun opens ("Pelosi said that *she* ...",
    "Iran made clear that *it* ..."), or None: inside a reported clause the reporter is the preferred antecedent of
    a compatible subject pronoun (the logophoric preference of indirect speech, Clements 1975), +200 like a clause
    subject; a person named inside the clause before the pronoun can still win on salience."""
    if tok.dep_ not in ("nsubj", "nsubjpass") or tok.head.dep_ != "ccomp" or tok.head.head.pos_ not in ("VERB", "AUX"):
        return None
    return subject(tok.head.head, LOCAL)


def emphatic_host(tok) -> tuple[bool, Token | None]:
    """(is ``tok`` an emphatic or appositive reflexive, the token it refers through or None). The host is the
    nominal right before it ("Trump *himself* said", "the deal *itself*", "he *himself*"); after a comma
    ("..., *itself* an act of retaliation") it describes the noun phrase before, which this rule does not delimit:
    no host, left unresolved. A reflexive after a verb or preposition is an argument, bound in its clause
    (Principle A of binding theory) and resolved as usual: "Biden described *himself*"."""
    if tok.lower_ not in REFLEXIVES or tok.i == 0:
        return False, None
    prev = tok.doc[tok.i - 1]
    if prev.pos_ in (*_NOMINAL, "PRON") or (prev.text[:1].isupper() and prev.dep_ in ("nsubj", "nsubjpass")):
        return True, prev  # a capitalised subject counts whatever its tag ("Trump" tagged VERB)
    if prev.text == "," and tok.dep_ not in ("dobj", "obj", "dative", "pobj", "nsubj"):
        return True, None
    return False, None


def bound_arguments(tok) -> set[int]:
    """Token indices a plain pronoun argument cannot refer to: its own verb's other arguments, and for a subject
    the objects of verbs it is the understood subject of ("It built a coalition to attack Iran": It != Iran)."""
    low = tok.lower_
    if low in POSSESSIVE_PRONOUNS or low in REFLEXIVES or tok.dep_ not in _ARG_DEPS:
        return set()
    coargs = {c.i for c in tok.head.children if c.dep_ in _ARG_DEPS and c.i != tok.i}
    if tok.dep_ in ("nsubj", "nsubjpass"):
        stack = [c for c in tok.head.children if c.dep_ in ("xcomp", "advcl", "conj") and c.pos_ == "VERB"]
        while stack:
            w = stack.pop()
            if any(c.dep_ in ("nsubj", "nsubjpass") for c in w.children):
                continue
            coargs.update(c.i for c in w.children if c.dep_ in ("dobj", "obj"))
            stack.extend(c for c in w.children if c.dep_ in ("xcomp", "advcl", "conj") and c.pos_ == "VERB")
    return coargs


def _candidates(doc, drafts: dict[str, Draft]) -> list[tuple[int, int, object, str]]:
    """Discourse referents in text order: (char offset, head token, referent, slots). Actor drafts (outer
    mentions only: "Iran" in "the government of Iran" is not a referent) and every other noun."""
    spans = sorted(((m.start, m.end, m.head, d) for d in drafts.values() for m in d.mentions), key=lambda x: (x[0], -x[1]))
    covered: set[int] = set()
    cands: list[tuple[int, int, object, str]] = []
    outer_end = -1
    for s, e, h, d in spans:
        sp = doc.char_span(s, e, alignment_mode="expand")
        if sp is not None:
            covered.update(range(sp.start, sp.end))
        if e <= outer_end:
            continue
        outer_end = max(outer_end, e)
        if d.kind == "person":
            slots = "person"
        elif d.plural or d.kind == "group":
            slots = "they"
        elif d.kind in ("government", "organisation"):
            slots = "it|they"  # collective bodies: "the parliament ... its/their"
        else:
            slots = "it"
        cands.append((s, h, d, slots))
    # every other noun phrase competes too, so a pronoun about a convoy or a plan is not forced onto an actor
    for t in doc:
        if t.pos_ not in _NOMINAL or t.i in covered or t.dep_ == "compound" or t.ent_type_ in _NOT_REFERENTS or t.is_stop:
            continue
        plural = t.tag_ in ("NNS", "NNPS")
        cands.append((t.idx, t.i, ("np", t.lemma_.lower(), plural), "they" if plural else "it"))
    cands.sort(key=lambda x: x[0])
    return cands


class _Discourse:
    """The referents seen so far and their mentions: (sentence, weight, role, offset, head)."""

    def __init__(self, parsed, cands, gender: Mapping[str, str] | None = None) -> None:
        self.parsed = parsed
        self.gender = dict(gender or {})
        self.cands = cands
        self.named_at = {h: ref for _o, h, ref, _s in cands}  # every candidate's head token, before or after
        self.history: dict[object, list[tuple[int, float, str, int, int]]] = defaultdict(list)
        self.slots_of: dict[object, str] = {}
        self.ref_at: dict[int, object] = {}  # token index -> referent (mention heads and resolved pronouns)
        self.recent: dict[object, int] = {}  # referent -> sentence of its latest mention
        self._next = 0

    def advance(self, offset: int, doc) -> None:
        """Take in every candidate starting before ``offset``."""
        while self._next < len(self.cands) and self.cands[self._next][0] < offset:
            off, h, ref, slots = self.cands[self._next]
            w, role = salience(doc[h])
            si = self.parsed.sentence_index(off)
            self.history[ref].append((si, w, role, off, h))
            self.recent[ref] = si
            self.slots_of[ref] = slots
            self.ref_at.setdefault(h, ref)
            self._next += 1

    def choose(self, tok, slot: str, si: int) -> object | None:
        """The referent of pronoun ``tok`` (slot ``slot``, sentence ``si``), or None."""
        low = tok.lower_
        possessive = low in POSSESSIVE_PRONOUNS
        pg = "m" if low in _MALE else "f"
        _w, p_role = salience(tok)
        coargs = bound_arguments(tok)
        excluded = {self.named_at[i] for i in coargs if i in self.named_at}
        reflexive_subj = {c.i for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")} if low in REFLEXIVES else set()
        local_ref, local_bonus = self._controller(tok) if possessive else (None, 0.0)
        if local_ref is None and (speaker := reporting_subject(tok)) is not None:
            local_ref, local_bonus = self.ref_at.get(speaker.i), _SAL_LOCAL_SUBJECT
        clause = clause_verb(tok, max_steps=len(tok.doc))  # the verb of the pronoun's clause, however far up
        if clause is None:
            clause = tok.sent.root  # a verbless sentence: its root
        clause_refs = {self.ref_at.get(c.i) for c in clause.children if c.i != tok.i} - {None}
        best, best_key = None, None
        for ref, rsi in self.recent.items():
            if rsi < si - WINDOW or slot not in self.slots_of[ref].split("|"):
                continue
            if ref.__class__ is tuple and slot == "person":
                continue
            if slot == "person" and isinstance(ref, Draft) and self.gender.get(ref.key, pg) != pg:
                continue  # "she" is not a man the article names "Mr." or calls "he"
            score, last_role, last_off, heads = self._score(ref, si)
            if score <= 0 or heads & coargs or ref in excluded:
                continue
            if possessive and tok.head.i in heads:
                continue  # "its allies" is not its own antecedent
            if reflexive_subj and heads & reflexive_subj:
                score += 1000.0
            if p_role == "subject" and last_role == "subject":
                score += _SAL_PARALLEL
            if ref is local_ref:
                score += local_bonus
            elif ref in clause_refs:
                score += _SAL_SAME_CLAUSE
            key = (score, last_off)
            if best_key is None or key > best_key:
                best, best_key = ref, key
        return best

    def _controller(self, tok) -> tuple[object | None, float]:
        """The referent controlling a possessive's clause (:func:`controllers`) and its bonus: the first controller
        that is an actor binds the possessive (+:data:`_SAL_LOCAL_ACTOR`, decisive); when none is, the clause
        subject, whatever it is, only gets the salience bonus +:data:`_SAL_LOCAL_SUBJECT`."""
        cands = controllers(tok)
        for t in cands:
            if isinstance(self.ref_at.get(t.i), Draft):
                return self.ref_at[t.i], _SAL_LOCAL_ACTOR
        local = local_subject(tok)
        return (self.ref_at.get(local.i), _SAL_LOCAL_SUBJECT) if local is not None else (None, 0.0)

    def _score(self, ref: object, si: int) -> tuple[float, str, int, set[int]]:
        """Decayed salience of ``ref`` at sentence ``si``, the role at its latest mention, that mention's offset,
        and its mention heads in sentence ``si``."""
        score, last_role, last_off = 0.0, "", -1
        heads: set[int] = set()
        for msi, w, role, off, mh in reversed(self.history[ref]):
            if msi < si - WINDOW:
                break
            score += w * (0.5 ** (si - msi))
            if off > last_off:
                last_off, last_role = off, role
            if msi == si:
                heads.add(mh)
        return score, last_role, last_off, heads

    def record(self, ref: object, tok, si: int) -> None:
        w, role = salience(tok)
        if isinstance(ref, Draft) and tok.lower_ in PERSON_PRONOUNS:
            self.gender.setdefault(ref.key, "m" if tok.lower_ in _MALE else "f")  # the cluster's gender
        self.history[ref].append((si, w, role, tok.idx, tok.i))
        self.recent[ref] = si
        self.ref_at[tok.i] = ref


_ORDINAL_ANAPHORS = ("former", "latter")


def former_latter(tok) -> bool:
    """Is ``tok`` the head of "the former" / "the latter" used as a noun phrase (not "the former president")?"""
    if tok.lower_ not in _ORDINAL_ANAPHORS or tok.i == 0 or tok.doc[tok.i - 1].lower_ != "the" or tok.dep_ == "amod":
        return False
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return nxt is None or nxt.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM") or nxt.tag_ == "POS"


def _pair_referent(parsed, drafts: dict[str, Draft], tok) -> Draft | None:
    """The actor "the former" / "the latter" at ``tok`` refers to: of the last two different actors named (not by
    pronoun) in the same sentence before it or in the previous one, the earlier for *former*, the later for
    *latter* (Quirk et al. 1985, 6.53: the two must be the last pair the text set up). None when fewer than two
    actors are named there, or when two things not actors are coordinated after the first of the pair ("between
    assassinations and targeted killings, ... the latter"): they are the likelier pair."""
    si = parsed.sentence_index(tok.idx)
    lo = parsed.sentences[si - 1].start if si > 0 else parsed.sentences[si].start
    named = sorted((m.start, m.end, d) for d in drafts.values() for m in d.mentions
                   if not m.pronoun and lo <= m.start < tok.idx and not parsed.in_quotes(m.span))
    pair: list[Draft] = []
    first_at = -1
    for s, _e, d in reversed(named):
        if d not in pair:
            pair.append(d)
            first_at = s
        if len(pair) == 2:
            break
    if len(pair) < 2:
        return None
    # a pair of things coordinated after the actors' pair began ("between assassinations and targeted killings")
    covered = [(s, e) for s, e, _d in named]
    doc = tok.doc
    for x in doc[doc.char_span(lo, tok.idx, alignment_mode="expand").start:tok.i] if tok.idx > lo else []:
        if (x.dep_ == "conj" and x.pos_ in _NOMINAL and x.head.pos_ in _NOMINAL and x.head.idx > first_at
                and not any(s <= y.idx < e for y in (x, x.head) for s, e in covered)):
            return None
    return pair[0] if tok.lower_ == "latter" else pair[1]


def resolve_pronouns(parsed, drafts: dict[str, Draft], gender: Mapping[str, str] | None = None) -> None:
    """Add an ``actors.pronoun`` mention to the draft each resolvable pronoun refers to (see the module docstring).
    ``gender`` (draft key -> 'm'/'f', :func:`~framing.analyzers.actors.kinds.genders`) keeps he and she apart."""
    doc = parsed.doc
    disc = _Discourse(parsed, _candidates(doc, drafts), gender)
    for tok in doc:
        disc.advance(tok.idx, doc)
        if former_latter(tok) and not parsed.in_quotes(Span(tok.idx, tok.idx + len(tok.text))):
            ref = _pair_referent(parsed, drafts, tok)
            if ref is not None:
                det = doc[tok.i - 1]
                possessive = tok.i + 1 < len(doc) and doc[tok.i + 1].tag_ == "POS"
                ref.mentions.append(Mention(det.idx, tok.idx + len(tok.text), doc.text[det.idx:tok.idx + len(tok.text)],
                                            tok.i, "actors.former_latter", True, possessive))
                disc.record(ref, tok, parsed.sentence_index(tok.idx))
            continue
        slot = pronoun_slot(tok)
        if slot is None or parsed.in_quotes(Span(tok.idx, tok.idx + len(tok.text))):
            continue
        si = parsed.sentence_index(tok.idx)
        emphatic, host = emphatic_host(tok)
        if emphatic:  # "Trump himself", "the deal itself": the nominal it stands next to, actor or not
            best = disc.ref_at.get(host.i) if host is not None else None
        else:
            best = disc.choose(tok, slot, si)
        if best is None:
            continue
        disc.record(best, tok, si)
        if isinstance(best, Draft):  # a pronoun referring to a thing (a noun phrase tuple) adds no mention
            possessive = tok.lower_ in POSSESSIVE_PRONOUNS
            best.mentions.append(Mention(tok.idx, tok.idx + len(tok.text), tok.text, tok.i, "actors.pronoun", True, possessive))
