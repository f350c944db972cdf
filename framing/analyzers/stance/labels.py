"""Label evidence (``stance.label``): loaded words the parse attaches to an actor.

The loaded-language analyzer's spans (non-negated, negative or positive) are
attached to an actor when they are the noun a mention modifies ("the Iranian
*regime*", "US *imperialism*") or its adjectives, an adjective, apposition or
relative clause on a mention, a loaded predicate or verb with the actor as its
subject (or the complement of that verb), or an event noun with the actor in
its ``by`` phrase ("the *brazen violation* ... by the US"). Weight: +-
the span's weight (sign from its direction). One label per (actor, span).
Besides the section's spans, the contested designations it hides
(:data:`DESIGNATIONS`, :func:`designation_spans`) are read from ``loaded_terms``
in the same positions; the belittled grievance, the distanced description and
the object's own predicate are skipped (see :class:`_Attacher`).

``stance.act_judged``: a loaded modifier of a harmful act (a connotation verb
or event noun with agent < 0 < patient) whose patient, or the patient's owner,
is the actor: "the *cowardly* killings of the leaders of Iran", "a *blatant*
provocation against Iran". The judgement of the act reflects on the one who
suffers it with the opposite sign, at :data:`ACT_SCALE`. Being killed or
attacked without such a word gives nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from framing.analyzers.stance.collect import Collector
from framing.analyzers.stance.model import vader
from framing.nlp.syntax import governed_by, negated
from framing.schema import Span
from framing.schema.sections.stance import LabelSpan

_AUTHOR_PRONOUNS = frozenset({"i", "we"})
_NEGATORS = frozenset({"not", "never", "no", "n't"})
_RELATIVES = frozenset({"who", "that", "which"})
_DESERVE = frozenset({"deserve", "merit", "earn"})
_DEONTIC = frozenset({"should", "must", "ought"})
_MODALS = frozenset({"could", "would", "should", "might", "may", "can", "must"})
ACT_SCALE = 0.5  # a word judging an act counts half toward the one who suffers it (it is aimed at the act)


class Loaded(NamedTuple):
    """One loaded-language span as stance reads it."""

    start: int
    end: int
    quote: str
    direction: str
    weight: float
    negated: bool
    rule: str
    category: str = ""


def loaded_spans(section: Any) -> list[Loaded]:
    """The spans of the loaded-language section (attributes ``spans`` with ``.span/.quote/.direction/.weight/
    .negated/.rule``)."""
    return [Loaded(s.span.start, s.span.end, s.quote, str(s.direction), float(s.weight), bool(s.negated), s.rule,
                   str(getattr(s, "category", "") or ""))
            for s in getattr(section, "spans", ()) or ()]


#: loaded-term categories that label a being (a person or group); such a word as the object of the actor's verb
#: labels the object, not the actor ("Trump kills *a terrorist*")
BEING_LABELS = frozenset({"pejorative_label", "glorifying_label"})
#: loaded-term categories that name an act (softer or harsher words for it); as the object of the actor's verb they
#: are the writer's word for the act ("ordered the *targeted killing*"), not a judgement of the doer
ACT_NAMES = frozenset({"euphemism", "dysphemism"})
#: light nouns whose "of" complement carries the content: "his act of *terrorism*", "a campaign of *lies*"
LIGHT_NOUNS = frozenset({"act", "campaign", "policy", "pattern", "record", "history", "display", "series", "wave"})
#: adjectives of causation or repute whose valence is their "for" complement's: "responsible for the *deaths*"
FOR_ADJECTIVES = frozenset({"responsible", "accountable", "culpable", "liable", "famous", "known", "renowned",
                            "infamous", "notorious"})
CONDUCT = "conduct_verb"  # category of an evaluative-lexicon verb judging its subject's conduct ("deceive", "excel")
#: loaded-term category of words that distance the writer from a name ("so-called", "self-styled", "purported")
DISTANCING = "distancing"
#: loaded-term category of belittling speech and reaction verbs ("whined about", "howl over", "railed against"):
#: what they govern is the grievance of their subject as the writer mocks it, not the writer's own word
BELITTLING = "loaded_verb"
#: nouns of what befalls their possessor ("his *death* was a tragedy" is not a verdict on his conduct)
BEFALLS = frozenset({"death", "demise", "loss", "fate", "funeral", "burial", "arrest", "injury", "illness"})
#: states of having been harmed, which the valence lexicon scores as negative ("Soleimani is *dead*", "the *wounded*
#: soldiers"): being harmed is not being judged (the rule that keeps "killed" out of stance)
HARMED_STATES = frozenset({"dead", "killed", "slain", "wounded", "injured", "hurt", "deceased", "murdered"})
#: nouns of harm whose possessor is its patient unless an "of" names another ("Soleimani's *killing* was illegal";
#: but "Trump's killing of Soleimani")
HARMS = frozenset({"killing", "assassination", "murder", "execution", "kidnapping", "capture", "abduction", "torture"})
#: Contested designations: the ordinary name of an act or status in law and news usage that the loaded-language
#: section shows only where it does evaluative work ("the assassination ban", "terror attacks" are hidden there). Where
#: the parse aims one at an actor (the actor's own "terrorism", the means of its act, the ideology it espouses)
#: it is the writer's verdict on that actor, so stance reads it from ``loaded_terms`` (Lakoff 2004: a label
#: applied is a frame chosen).
DESIGNATIONS = frozenset({"terrorism", "terror", "assassination", "targeted killing", "war crime", "war crimes",
                          "act of war", "acts of war", "state terrorism", "extremism", "terrorist",
                          "extremist", "white supremacist"})
#: ("invasion", a designation of the loaded section, is left out: its loaded sense is migration as an "invasion"; for a
#: military act -- "the 2003 U.S. invasion" -- it is the event's ordinary name)
DESIGNATION_NOTE = " (contested designation read by stance)"
#: words that hedge or attribute a designation ("suspected terrorists", "alleged war crimes"): not the writer's verdict
DESIGNATION_HEDGES = frozenset({"suspected", "alleged", "so-called", "purported", "accused", "designated",
                                "self-described", "self-proclaimed", "presumed", "possible", "potential"})
#: verbs of official designation or assessment ("labeled a terrorist organization"): the designation is reported
#: verbs announcing the subject's own intent or demand ("vowed revenge", "threatened retaliation"): an emotive noun as
#: their object names what the actor declared, not the writer's verdict on the actor (an accusation still counts:
#: "promised lies")
DECLARING_VERBS = frozenset({"vow", "pledge", "promise", "threaten", "swear", "demand", "warn", "urge", "seek"})
#: loaded-span categories that describe a content rather than judge the one who states it
CONTENT_CATEGORIES = frozenset({"emotive", "violent_metaphor"})
DESIGNATING_VERBS = frozenset({"designate", "label", "list", "classify", "deem", "consider", "define", "describe",
                               "call", "brand"})


_STOP_DEPS = frozenset({"prep", "relcl", "acl", "advcl", "conj", "cc", "punct", "ccomp", "appos", "poss", "det"})


def negated_before(t, word=None) -> bool:
    """Is ``t`` negated by a ``neg`` dependent standing before ``word`` (default: ``t`` itself)? Negation scopes
    over what follows it: in "the *good* guy here, not the terrorist" the parser hangs "not" on "guy", but it
    negates "the terrorist", not "good"."""
    w = t if word is None else word
    return any(c.dep_ == "neg" and c.i < w.i for c in t.children)


def hypothetical(v) -> bool:
    """Is verb ``v`` (or the verb it depends on) under a modal or a condition ("could have helped him build an
    *effective* policy", "if he made a *wise* choice")? A hypothetical act is not the author describing one."""
    for x in (v, v.head):
        if any((c.dep_ == "aux" and c.lower_ in _MODALS) or (c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether"))
               for c in x.children):
            return True
    return False


def subject_verb(h):
    """The verb whose subject is the mention headed by ``h`` (or None): its head when ``h`` is a subject or a
    subject's conjunct, and, in a misparsed headline ("Trump doubles down on ..." parsed with the name as the root
    and the verb hanging under it), the finite verb right after a root name. The tagger reads a name that is also
    a common noun ("Trump", "Bush") so; the repair keeps the reading of a headline independent of the name."""
    if h.dep_ in ("nsubj", "nsubjpass"):
        return h.head
    if h.dep_ == "conj" and h.head.dep_ == "nsubj":
        return h.head.head
    doc = h.doc
    if h.dep_ == "ROOT" and h.pos_ in ("NOUN", "PROPN") and h.i + 1 < len(doc):
        nxt = doc[h.i + 1]
        if nxt.head.i == h.i and nxt.pos_ == "VERB" and nxt.tag_ in ("VBZ", "VBD", "VBP"):
            return nxt
    return None


def closed_list_apposition(h):
    """The nouns of a list a proper name is appended to after the list was closed ("A, B, and C, NAME": the
    parser's conjunct is an apposition), or None. The list closes when a coordinator precedes the name's head
    conjunct and none stands between that conjunct and the name."""
    if h.dep_ != "conj" or h.pos_ != "PROPN" or h.head.pos_ != "NOUN":
        return None
    last = h.head
    if any(c.dep_ == "cc" and last.i < c.i < h.i for c in last.children) or any(
            c.dep_ == "cc" and last.i < c.i < h.i for c in h.children):
        return None  # "the terrorist and NAME": a true coordination
    first = last
    while first.dep_ == "conj" and first.head.pos_ == "NOUN":
        first = first.head
    closed = any(c.dep_ == "cc" and c.i < last.i for c in (*first.children, *last.head.children))
    if not closed or first.i == last.i:
        return None
    out, x = [last], last
    while x.i != first.i and x.dep_ == "conj":
        x = x.head
        out.append(x)
    out += [c for c in first.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    return out


def exemplified(h):
    """The plural class noun a mention is given as an instance of ("hawks *such as* X", "critics *like* X"), or None."""
    if h.dep_ != "pobj":
        return None
    p = h.head
    if not ((p.lower_ == "as" and any(c.lower_ == "such" for c in p.children)) or p.lower_ == "like"):
        return None
    n = p.head
    return n if n.pos_ == "NOUN" and n.tag_ in ("NNS", "NNPS") else None


def modifies_compound(noun, adj) -> bool:
    """Does adjective ``adj`` stand before a noun compounded with ``noun`` ("*illegal* immigration policies",
    "*nuclear* weapons programme")? The bracketing is ambiguous and most often the adjective qualifies the compound
    ("illegal immigration"), so it is not read as a judgement of the actor's policy. Stacked adjectives ("horrific
    paramilitary actions") all qualify the head and are kept."""
    return any(c.dep_ == "compound" and adj.i < c.i < noun.i for c in noun.children)


def shared_subject_verbs(v) -> list:
    """Verbs whose understood subject is the subject of ``v``: an open clause or participle without a subject of its
    own ("spent his career *undermining* the order", "was in Iraq *fomenting* attacks", "decided *to lie*") and
    conjoined verbs ("lied and *cheated*"), followed through chains; not under a modal or condition
    (:func:`hypothetical`), not negated."""
    out, stack = [], [v]
    while stack:
        x = stack.pop()
        for c in x.children:
            if c.pos_ != "VERB" or c.dep_ not in ("xcomp", "advcl", "conj"):
                continue
            if any(g.dep_ in ("nsubj", "nsubjpass", "expl", "mark") for g in c.children):
                continue  # its own subject, or a subordinate clause ("because", "if", "when")
            if negated(c) or hypothetical(c):
                continue
            out.append(c)
            stack.append(c)
    return out


def description(t) -> list:
    """The words of a description noun phrase headed by ``t`` (an apposition or a copula's complement), without
    its prepositional phrases, clauses, conjuncts and possessors: "Iran's *blood-soaked field* marshal in the war"
    -> blood, soaked, field. Depth-first, the head excluded."""
    out, stack = [], [c for c in t.children if c.dep_ not in _STOP_DEPS]
    while stack:
        c = stack.pop()
        out.append(c)
        stack.extend(g for g in c.children if g.dep_ not in _STOP_DEPS)
    return sorted(out, key=lambda x: x.i)


def owned_predicates(h, person_nouns: frozenset[str] = frozenset(), skip: Any = frozenset()) -> list:
    """The predicate of a copula whose subject is what the mention headed by ``h`` owns or does ("Trump's plan was
    *reckless*", "his strategy is an *embarrassment*"): the complement, its conjoined adjectives and the modifiers
    of a noun complement; [] when the possessed noun is a person or an actor ("Trump's critics are *furious*" judges
    the critics), a token of ``skip`` (another actor's mention, a harmful act the actor suffers: "Soleimani's killing
    is ..."), or the copula is hypothetical or negated."""
    n = h.head
    if h.dep_ != "poss" or n.pos_ != "NOUN" or n.dep_ != "nsubj" or n.head.lemma_ != "be":
        return []
    if n.i in skip or n.lemma_.lower() in person_nouns or n.lower_ in person_nouns or n.lemma_.lower() in BEFALLS or (
            n.lemma_.lower() in HARMS and not any(c.dep_ == "prep" and c.lower_ == "of" for c in n.children)):
        return []
    v = n.head
    if hypothetical(v) or negated(v):
        return []
    out = []
    for c in v.children:
        if c.dep_ in ("acomp", "attr"):
            out.append(c)
            out += [g for g in c.children if (g.dep_ == "conj" and g.pos_ == "ADJ")
                    or (c.pos_ == "NOUN" and g.dep_ in ("amod", "compound"))]
    return out


def deontic_judgements(h) -> list:
    """Praise or blame the writer metes out to the mention headed by ``h`` without an "I": what it *deserves*
    ("X deserves *credit*", "has earned the *scorn* of ..."; the object) and what *should* be done to it, in the
    passive and with no agent ("X should be *commended*", "must be *condemned*"; the verb). Not negated; the words are
    read by their general valence. Returns (token, how) pairs."""
    v = h.head
    if h.dep_ == "nsubj" and v.lemma_.lower() in _DESERVE and not negated(v) and not any(
            c.dep_ == "mark" for c in v.children):
        return [(o, f"what the actor '{v.text}'") for o in v.children if o.dep_ == "dobj"]
    if h.dep_ == "nsubjpass" and v.pos_ == "VERB" and not negated(v) and any(
            c.dep_ == "aux" and c.lower_ in _DEONTIC for c in v.children) and not any(
            c.dep_ == "agent" for c in v.children):
        return [(v, "what should be done to the actor")]
    return []


class _Skip:
    """Membership in either of two token-index collections, without building their union."""

    def __init__(self, a, b) -> None:
        self.a, self.b = a, b

    def __contains__(self, i: object) -> bool:
        return i in self.a or i in self.b


class _Attacher:
    def __init__(self, col: Collector, spans: list[Loaded]) -> None:
        self.col = col
        self.doc = col.ctx.parsed.doc
        self.seen: set[tuple[int, int, int]] = set()
        self.tok_loaded: dict[int, Loaded] = {}  # token index -> loaded span
        self.distancing: set[int] = set()  # tokens of distancing markers ("so-called"), from the loaded spans
        self._suffered: dict[int, set[int]] | None = None  # actor -> token indices of harmful acts it suffers
        self.person_nouns: frozenset[str] = frozenset()  # nouns naming people (owned_predicates skips them)
        self.add_spans(spans)

    def add_spans(self, spans: list[Loaded]) -> None:
        """Index the (non-negated, polar) spans by token."""
        for sp in spans:
            if sp.negated or sp.direction not in ("negative", "positive"):
                continue
            span = self.doc.char_span(sp.start, sp.end, alignment_mode="expand")
            if span is None:
                continue
            for t in span:
                self.tok_loaded.setdefault(t.i, sp)
                if sp.category == DISTANCING:
                    self.distancing.add(t.i)

    def designation(self, t) -> bool:
        """Is ``t`` part of a contested designation read by stance only (hidden by the loaded-language section)?"""
        sp = self.tok_loaded.get(t.i)
        return sp is not None and sp.rule.endswith(DESIGNATION_NOTE)

    def owned_skip(self, ai: int) -> _Skip:
        """Tokens that are not an actor's own act or possession for :func:`owned_predicates`: mentions' heads and
        the harmful acts actor ``ai`` suffers (a view, built in constant time per call)."""
        if self._suffered is None:
            self._suffered = {}
            for aj, ti in self.col.harmed_acts:
                self._suffered.setdefault(aj, set()).add(ti)
        return _Skip(self.col.tok_actor, self._suffered.get(ai, set()))

    def distanced(self, t) -> bool:
        """Is ``t`` a description the writer distances himself from ("the *so-called* hero", "*self-styled*
        champion")? A distancing marker on it or right before it: the marker is the evaluation (negative), the
        description is not the writer's."""
        return any(c.i in self.distancing for c in t.children) or (t.i > 0 and t.i - 1 in self.distancing) or (
            t.i > 1 and t.i - 2 in self.distancing and self.doc[t.i - 1].pos_ in ("ADJ", "NOUN", "PROPN"))

    def belittled(self, n) -> bool:
        """Is noun ``n`` the object of a belittling speech or reaction verb (:data:`BELITTLING`: "they *howl over*
        Trump's latest outrage", "*whined about* his recklessness")? The noun then names the grievance of the verb's
        subject as the writer mocks it, not the writer's verdict on whoever owns it."""
        v = n.head if n.dep_ == "dobj" else (n.head.head if n.dep_ == "pobj" and n.head.dep_ == "prep" else None)
        return v is not None and v.pos_ == "VERB" and self.category(v) == BELITTLING

    def attach(self, ai: int, t, how: str, *, rule: str = "stance.label", scale: float = 1.0) -> None:
        sp = self.tok_loaded.get(t.i)
        if sp is None or (ai, sp.start, sp.end) in self.seen:
            return
        if negated_before(t) or (t.i > 0 and self.doc[t.i - 1].lower_ in _NEGATORS) or (
                t.i > 1 and self.doc[t.i - 2].lower_ in _NEGATORS and self.doc[t.i - 1].pos_ == "DET"):
            return  # "not the terrorist", "not a bold move"
        if sp.direction == "positive" and sp.category != DISTANCING and self.distanced(t):
            return  # "the so-called hero": the marker's own negative weight is the evaluation
        self.seen.add((ai, sp.start, sp.end))
        w = (-1.0 if sp.direction == "negative" else 1.0) * sp.weight * scale
        v = self.col.add(ai, sp.start, sp.end, rule, w, f"{how}: {sp.quote!r} ({sp.rule or 'loaded_terms'})")
        self.col.labels[ai].append(LabelSpan(sp.quote, Span(sp.start, sp.end), self.col.text[sp.start:sp.end], sp.direction,
                                             round(w, 4), v, how))

    def _described_by(self, ai: int, h, rule: str) -> None:
        """Descriptions the name stands in: a common noun compounded before it ("*terrorist* Qassem Soleimani"),
        and the noun it is an apposition of ("the *arch-terrorist*, Qasem Soleimani")."""
        for c in h.children:
            # the tagger often reads a description noun before a name as an adjective ("terrorist/ADJ Qassem ...")
            if c.dep_ in ("compound", "nmod") and c.pos_ in ("NOUN", "ADJ"):
                self.attach(ai, c, "description", rule=rule)
                for g in description(c):
                    self.attach(ai, g, "description", rule=rule)
        if h.dep_ == "appos" and h.head.pos_ == "NOUN":
            self.attach(ai, h.head, "description", rule=rule)
            for g in description(h.head):
                self.attach(ai, g, "description", rule=rule)
        listed = closed_list_apposition(h)
        if listed is not None:
            # "its top strategist, military commander, and *arch-terrorist*, Qasem Soleimani": the parser makes the
            # name one more conjunct of a list already closed by "and"; it is the list's apposition
            for n in listed:
                self.attach(ai, n, "description (list)", rule=rule)
                for g in description(n):
                    self.attach(ai, g, "description (list)", rule=rule)
        cls = exemplified(h)
        if cls is not None:
            # the actor given as an instance of a described class: "*reckless* hawks such as X", "heroes like X"
            self.attach(ai, cls, "class it exemplifies", rule=rule)
            for g in description(cls):
                self.attach(ai, g, "class it exemplifies", rule=rule)
        for n in ([cls] if cls is not None else []) + ([h.head] if h.dep_ == "appos" and h.head.pos_ == "NOUN" else []):
            self.distancing_before(ai, n)

    def distancing_before(self, ai: int, n) -> None:
        """A distancing marker right before a description noun phrase of the actor, whatever the parse made of it
        ("*purported* civil libertarians such as X", "the *self-styled* expert, X"): the writer withholds the
        description from the actor. Read by position, because the parser often takes the marker for a verb."""
        for k in (n.i - 1, n.i - 2, n.i - 3):
            if k < 0 or k < n.left_edge.i - 1:
                break
            if k in self.distancing:
                self.attach(ai, self.doc[k], "distancing marker on its description")
                break
            if self.doc[k].pos_ not in ("ADJ", "NOUN", "PROPN"):
                break

    def predicative(self, ai: int, h) -> None:
        """Descriptions of the mention only (no noun it modifies, no verb it is subject of): its adjectives and
        appositions (with their adjectives), the complement of a copula it is the subject of ("Democrats are
        *morons*", "Trump is the *good* guy"), and a praise or blame verb whose subject is the author (I, we) and
        whose object is the mention ("I *admire* ..."). Used for the general valence lexicon, whose nouns
        ("death", "war") would otherwise reach an actor as the noun it modifies."""
        self._described_by(ai, h, "stance.evaluative")
        if h.dep_ == "poss" and h.head.pos_ == "NOUN":
            # an adjective on what the actor owns or does: "Trump's *failed* policy", "his *addled* vision"
            for c in h.head.children:
                if c.dep_ == "amod" and not modifies_compound(h.head, c):
                    self.attach(ai, c, "on the actor's own", rule="stance.evaluative")
        for c in owned_predicates(h, self.person_nouns, self.owned_skip(ai)):
            self.attach(ai, c, "predicate of the actor's own", rule="stance.evaluative")
        if h.dep_ == "nsubj" and h.head.pos_ == "VERB" and not hypothetical(h.head):
            # an adjective on what the actor does: "Trump made a *bold* move", "asserted a *false* connection"
            for o in h.head.children:
                if o.dep_ == "dobj":
                    for c in o.children:
                        if c.dep_ == "amod":
                            self.attach(ai, c, "on the actor's act", rule="stance.evaluative")
        for c in h.children:
            if c.dep_ in ("amod", "appos"):
                self.attach(ai, c, "modifier" if c.dep_ == "amod" else "apposition", rule="stance.evaluative")
                for g in description(c):
                    self.attach(ai, g, "apposition", rule="stance.evaluative")
        if h.dep_ in ("nsubj",) and h.head.lemma_ == "be":
            for c in h.head.children:
                if c.dep_ in ("acomp", "attr"):
                    self.attach(ai, c, "predicate", rule="stance.evaluative")
                    for g in description(c):
                        self.attach(ai, g, "predicate", rule="stance.evaluative")
        # a verb of conduct with the actor as its (understood) subject: "Tehran *deceived* ...", "X, who *bungled*
        # ...", "spent his career *undermining* ..."
        verbs = [c for c in h.children if c.dep_ == "relcl" and c.pos_ == "VERB"
                 and any(g.dep_ == "nsubj" and g.lower_ in ("who", "that", "which") for g in c.children)]
        if h.dep_ == "nsubj" and h.head.pos_ == "VERB":
            verbs += [h.head, *shared_subject_verbs(h.head)]
        for v in verbs:
            if self.category(v) == CONDUCT and not hypothetical(v):
                self.attach(ai, v, "conduct of the actor", rule="stance.evaluative")
        if h.dep_ == "dobj" and h.head.pos_ == "VERB" and any(
                c.dep_ == "nsubj" and c.lower_ in _AUTHOR_PRONOUNS for c in h.head.children):
            self.attach(ai, h.head, "praised or blamed by the author", rule="stance.evaluative")
        for t, how in deontic_judgements(h):
            self.attach_valence(ai, t, how)

    def attach_valence(self, ai: int, t, how: str) -> None:
        """Attach token ``t`` by its general valence (VADER, |valence| >= 1; weight min(0.8, |valence| / 4))."""
        v = vader().lexicon.get(t.lower_, vader().lexicon.get(t.lemma_.lower()))
        if v is None or abs(v) < 1.0:
            return
        sp = Loaded(t.idx, t.idx + len(t.text), t.text, "negative" if v < 0 else "positive", round(min(0.8, abs(v) / 4), 3),
                    False, "vader_lexicon")
        self.tok_loaded.setdefault(t.i, sp)
        self.attach(ai, t, how, rule="stance.evaluative")

    def _predicate(self, ai: int, v, how: str, objects: bool = True) -> None:
        """A loaded verb whose subject is the actor, and its complements: an adjective or noun predicated of the actor
        ("is *reckless*", "is a *murderer*"), the loaded act it commits ("spread *lies*"; with ``objects`` only: in
        a clause whose subject is understood, the object's words are read as describing the object). A label of a
        being as the verb's object labels the object, not the actor ("kills *a terrorist*"): skipped."""
        self.attach(ai, v, how)
        deps = ("acomp", "attr", "oprd", "dobj") if objects else ("acomp", "attr")
        for c in v.children:
            if c.dep_ in deps or (objects and c.dep_ == "prep" and c.i in self.tok_loaded):
                if c.dep_ in ("dobj", "oprd") and (self.is_being_label(c) or self.category(c) in ACT_NAMES):
                    continue
                if c.dep_ == "dobj" and v.lemma_.lower() in DECLARING_VERBS and (
                        self.category(c) in CONTENT_CATEGORIES or c.i not in self.tok_loaded):
                    continue  # what the actor declared: "Khamenei vowed *vengeance*" is not the writer's verdict
                if (c.dep_ == "oprd" and any(o.dep_ == "dobj" for o in v.children)) or (
                        c.dep_ in ("dobj", "oprd") and v.lemma_.lower() in DESIGNATING_VERBS):
                    continue  # a predicate of the object: "called the attack *provocative*", "made it *worse*"
                self.attach(ai, c, how)
                for g in c.children:
                    if g.dep_ == "amod" and not (c.dep_ == "dobj" and (self.is_being_label(g)
                                                                      or self.category(g) in ACT_NAMES)):
                        self.attach(ai, g, how)
                if c.dep_ in ("attr", "acomp") and v.lemma_ == "be":
                    for g in description(c):
                        self.attach(ai, g, how)
            if objects and c.dep_ == "prep" and c.lower_ in ("with", "through") and c.i not in self.tok_loaded and any(
                    o.dep_ == "dobj" and o.i < c.i for o in v.children):
                # the means of the actor's act: "provoked Washington *with terrorist attacks*" (after the verb's
                # object: "dealt *with* provocations" is the verb's own complement, not a means)
                for n in c.children:
                    if n.dep_ == "pobj":
                        self.attach(ai, n, how + " (means)")
                        for g in n.children:
                            if g.dep_ in ("amod", "compound"):
                                self.attach(ai, g, how + " (means)")

    def _manner(self, ai: int, v, how: str) -> None:
        """A loaded manner adverb of the actor's own act ("Tehran *cynically* exploited", "X *recklessly* ordered");
        the actor is the active subject (an adverb on what is done to it judges the act: ``stance.act_judged``), and
        distancing adverbs ("supposedly") doubt a claim, not the conduct."""
        for c in v.children:
            if c.dep_ == "advmod" and c.pos_ == "ADV" and self.category(c) != DISTANCING:
                self.attach(ai, c, how + " (manner)")

    def category(self, t) -> str:
        """The category of the span token ``t`` belongs to ("" for none)."""
        sp = self.tok_loaded.get(t.i)
        return sp.category if sp is not None else ""

    def is_being_label(self, t) -> bool:
        """Is token ``t`` part of a loaded span that labels a person or group (:data:`BEING_LABELS`)?"""
        return self.category(t) in BEING_LABELS

    def mention(self, ai: int, h) -> None:
        """Every attachment of the mention headed by token ``h``."""
        # the noun this mention modifies: "Iranian regime", "US imperialism", "Iran's aggression"
        inside = self.tok_loaded.get(h.i)  # the mention is a word of a loaded idiom ("lying through *his* teeth")
        if h.dep_ in ("amod", "compound", "poss", "nmod") and h.head.pos_ in ("NOUN", "PROPN") and (
                inside is None or inside is not self.tok_loaded.get(h.head.i)) and not self.belittled(h.head):
            self.attach(ai, h.head, "modified noun")
            for c in h.head.children:
                if c.dep_ == "amod" and c.i != h.i and not modifies_compound(h.head, c):
                    self.attach(ai, c, "modified noun")
            if h.head.lemma_.lower() in LIGHT_NOUNS:
                for p in h.head.children:
                    for n in (x for x in p.children if p.dep_ == "prep" and p.lower_ == "of" and x.dep_ == "pobj"):
                        self.attach(ai, n, f"the '{h.head.text}' of the actor")
                        for g in n.children:
                            if g.dep_ in ("amod", "compound"):
                                self.attach(ai, g, f"the '{h.head.text}' of the actor")
        for c in owned_predicates(h, self.person_nouns, self.owned_skip(ai)):
            self.attach(ai, c, "predicate of the actor's own")
        # modifiers and appositions of the mention
        for c in h.children:
            if c.dep_ in ("amod", "appos", "acl", "relcl"):
                self.attach(ai, c, "modifier" if c.dep_ == "amod" else "apposition")
                for g in c.children:
                    if g.dep_ in ("amod", "acomp", "attr"):
                        self.attach(ai, g, "apposition")
                if c.dep_ == "appos":
                    for g in description(c):
                        self.attach(ai, g, "apposition")
        # predicates: subject of a loaded verb, or of a copula with a loaded complement
        v = subject_verb(h)
        verbs = [(v, "predicate")] if v is not None and v.pos_ in ("VERB", "AUX") and not hypothetical(v) else []
        # a relative clause whose subject is the relative pronoun standing for the actor: "X, who *spread lies* ..."
        verbs += [(c, "relative clause") for c in h.children if c.dep_ == "relcl" and c.pos_ in ("VERB", "AUX")
                  and not hypothetical(c) and any(g.dep_ == "nsubj" and g.lower_ in _RELATIVES for g in c.children)]
        for vb, how in verbs:
            self._predicate(ai, vb, how)
            if h.dep_ == "nsubj" or how == "relative clause":
                self._manner(ai, vb, how)
            for vv in shared_subject_verbs(vb):
                self._predicate(ai, vv, f"{how} (clause of '{vb.text}')", objects=False)
        self._described_by(ai, h, "stance.label")
        # event noun whose agent is this mention: "the brazen violation ... by the US", "the extremism espoused by X"
        if h.dep_ == "pobj" and h.head.lower_ == "by" and h.head.head.dep_ == "acl" and h.head.head.head.pos_ == "NOUN":
            n = h.head.head.head
            self.attach(ai, n, "event by the actor")
            for c in n.children:
                if c.dep_ == "amod":
                    self.attach(ai, c, "event by the actor")
        if h.dep_ == "pobj" and h.head.lower_ == "by" and h.head.head.pos_ == "NOUN":
            n = h.head.head
            self.attach(ai, n, "event by the actor")
            for c in n.children:
                if c.dep_ == "amod":
                    self.attach(ai, c, "event by the actor")


def _for_complement(t, lex: Mapping[str, float]) -> Loaded | None:
    """"responsible for the *deaths* of many": an adjective of :data:`FOR_ADJECTIVES` takes the valence of its
    "for" complement (the VADER valence of the complement's head, |valence| >= 1), spanning adjective to
    complement; None without such a complement or when negated."""
    if negated(t):
        return None
    for p in t.children:
        if p.dep_ == "prep" and p.lower_ == "for":
            for n in p.children:
                if n.dep_ in ("pobj", "pcomp"):
                    v = lex.get(n.lower_, lex.get(n.lemma_.lower()))
                    if v is not None and abs(v) >= 1.0:
                        return Loaded(t.idx, n.idx + len(n.text), t.doc[t.i:n.i + 1].text,
                                      "negative" if v < 0 else "positive", round(min(0.8, abs(v) / 4), 3), False,
                                      "vader_lexicon")
    return None


def valence_spans(doc: Any, taken: set[int], evaluative: Mapping[str, tuple[str, float]] | None = None,
                  rule: str = "evaluative_terms") -> list[Loaded]:
    """Adjectives, nouns and verbs of the general valence lexicon (VADER; Hutto & Gilbert 2014) with
    ``|valence| >= 1`` that the loaded-language section did not already mark (token indices ``taken``), not negated:
    weight ``min(0.8, |valence| / 4)``, direction from the sign. Nouns only as a copula complement or apposition
    (the description itself); parts of hyphenated compounds are skipped. Verbs reach an actor only through
    :meth:`_Attacher.predicative` (praised or blamed by the author), never as the actor's own action."""
    lex = vader().lexicon
    ev = evaluative or {}
    out = []
    for t in doc:
        if t.i in taken:
            continue
        # a hyphenated evaluative compound ("terror-master"): the three tokens as one span
        if t.i + 2 < len(doc) and doc[t.i + 1].text == "-" and not doc[t.i + 1].whitespace_ and not t.whitespace_:
            hy = f"{t.lower_}-{doc[t.i + 2].lower_}"
            if hy in ev and not negated(doc[t.i + 2]):
                d, w = ev[hy]
                e = doc[t.i + 2]
                out.append(Loaded(t.idx, e.idx + len(e.text), doc.text[t.idx:e.idx + len(e.text)], d, w, False, rule))
                continue
        if t.pos_ == "VERB" and t.lemma_.lower() in ev and not negated(t) and not hypothetical(t):
            d, w = ev[t.lemma_.lower()]  # a verb of conduct: reaches an actor only as its subject (CONDUCT)
            out.append(Loaded(t.idx, t.idx + len(t.text), t.text, d, w, False, rule, CONDUCT))
            continue
        if t.pos_ == "ADJ" and t.lower_ in FOR_ADJECTIVES:
            sp = _for_complement(t, lex)
            if sp is not None:
                out.append(sp)
            continue
        if t.pos_ in ("ADJ", "NOUN") and (t.lemma_.lower() in ev or t.lower_ in ev) and not negated(t):
            if t.i > 0 and doc[t.i - 1].text == "-":
                continue
            d, w = ev.get(t.lemma_.lower()) or ev[t.lower_]
            out.append(Loaded(t.idx, t.idx + len(t.text), t.text, d, w, False, rule))
            continue
        if t.i in taken or t.pos_ not in ("ADJ", "NOUN", "VERB"):
            continue
        if t.pos_ == "NOUN" and t.dep_ not in ("attr", "appos", "compound") and not (
                t.i + 1 < len(doc) and doc[t.i + 1].text == ","):
            continue  # a noun counts only as the description itself ("a hero", "a murderer"), not as a topic word
        if (t.i > 0 and doc[t.i - 1].text == "-") or (t.i + 1 < len(doc) and doc[t.i + 1].text == "-"):
            continue  # part of a hyphenated compound ("anti-war"): the parts' valence is not the whole's
        if any(c.dep_ == "neg" for c in t.children):
            continue
        if t.lower_ in HARMED_STATES or t.lemma_.lower() in HARMED_STATES:
            continue
        v = lex.get(t.lower_, lex.get(t.lemma_.lower()))
        if v is None or abs(v) < 1.0 or negated(t) or negated_before(t.head, t):
            continue
        out.append(Loaded(t.idx, t.idx + len(t.text), t.text, "negative" if v < 0 else "positive",
                          round(min(0.8, abs(v) / 4), 3), False, "vader_lexicon"))
    return out


def _designation_hedged(doc, first: int, last: int) -> bool:
    """Is the designation ``doc[first:last+1]`` hedged ("suspected", "alleged": on the phrase's head or right before
    it) or under a verb of official designation ("labeled a terrorist organization"; the heads up to the clause's
    verb)?"""
    head = doc[last]
    while first <= head.head.i <= last and head.head.i != head.i:
        head = head.head
    if first > 0 and doc[first - 1].lower_ in DESIGNATION_HEDGES:
        return True
    if any(c.lower_ in DESIGNATION_HEDGES for t in (head, head.head) for c in t.children):
        return True
    return governed_by(head, DESIGNATING_VERBS)


def designation_spans(doc: Any, entries: Mapping[str, tuple[str, str, float]], taken: set[int],
                      rule: str = "loaded_terms") -> list[Loaded]:
    """The contested designations (:data:`DESIGNATIONS`, weights and directions from ``entries``: term ->
    (category, direction, strength)) on tokens the loaded-language section did not report (``taken``: token indices
    of its spans, negated ones included), neither hedged nor under a verb of designation
    (:func:`_designation_hedged`) nor negated. Up to three words; a single word also by its lemma ("terrorists")."""
    out: list[Loaded] = []
    i = 0
    while i < len(doc):
        hit = None
        for n in (3, 2, 1):
            if i + n > len(doc) or any(k in taken for k in range(i, i + n)):
                continue
            key = " ".join(doc[k].lower_ for k in range(i, i + n))
            if n == 1 and key not in entries:
                key = doc[i].lemma_.lower()
            if key in DESIGNATIONS and key in entries:
                hit = (n, key)
                break
        if hit is None:
            i += 1
            continue
        n, key = hit
        last = i + n - 1
        if not (negated(doc[last]) or _designation_hedged(doc, i, last)):
            cat, d, w = entries[key]
            e = doc[last]
            out.append(Loaded(doc[i].idx, e.idx + len(e.text), doc.text[doc[i].idx:e.idx + len(e.text)], d, w, False,
                              rule + DESIGNATION_NOTE, cat))
        i += n
    return out


def label_evidence(col: Collector, spans: list[Loaded], evaluative: Mapping[str, tuple[str, float]] | None = None,
                   evaluative_rule: str = "evaluative_terms",
                   designations: Mapping[str, tuple[str, str, float]] | None = None,
                   designation_rule: str = "loaded_terms", person_nouns: frozenset[str] = frozenset()) -> None:
    """Add ``stance.label`` evidence and labels for every actor mention, and ``stance.act_judged`` evidence for
    the harmful acts an actor suffers (see the module docstring). ``designations``: the loaded-term entries of the
    contested designations (term -> (category, direction, strength)), read where the section hides them
    (:func:`designation_spans`)."""
    att = _Attacher(col, spans)
    att.person_nouns = frozenset(person_nouns)
    if designations:
        shown = {t.i for sp in spans for t in (att.doc.char_span(sp.start, sp.end, alignment_mode="expand") or ())}
        att.add_spans(designation_spans(att.doc, designations, shown, designation_rule))
    for ai, a in enumerate(col.actors):
        for m in a.mentions:
            att.mention(ai, att.doc[m.head])
    taken = set(att.tok_loaded)
    val = _Attacher(col, valence_spans(att.doc, taken, evaluative, evaluative_rule))
    val.seen = att.seen
    val.distancing, val.person_nouns = att.distancing, att.person_nouns
    for ai, a in enumerate(col.actors):
        for m in a.mentions:
            val.predicative(ai, val.doc[m.head])
    for ai, ti in col.harmed_acts:
        act = att.doc[ti]
        for c in act.children:
            if c.dep_ in ("amod", "advmod") and not att.designation(c):
                # a negative word on the act is sympathy for whoever suffers it ("the cowardly killing of X"); a
                # contested designation the loaded section hid names the act ("*terrorist* attacks on X")
                att.attach(ai, c, f"judges the '{act.text}' the actor suffers", rule="stance.act_judged",
                           scale=-ACT_SCALE)
