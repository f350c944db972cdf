"""Label evidence (``stance.label``): loaded words the parse attaches to an actor.

The loaded-language analyzer's spans (non-negated, negative or positive) are
attached to an actor when they are the noun a mention modifies ("the Iranian
*regime*", "US *imperialism*") or its adjectives, an adjective, apposition or
relative clause on a mention, a loaded predicate or verb with the actor as its
subject (or the complement of that verb), or an event noun with the actor in
its ``by`` phrase ("the *brazen violation* ... by the US"). Weight: +-
the span's weight (sign from its direction). One label per (actor, span).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from framing.analyzers.stance.collect import Collector
from framing.schema import Span
from framing.schema.sections.stance import LabelSpan


class Loaded(NamedTuple):
    """One loaded-language span as stance reads it."""

    start: int
    end: int
    quote: str
    direction: str
    weight: float
    negated: bool
    rule: str


def loaded_spans(section: Any) -> list[Loaded]:
    """The spans of the loaded-language section (attributes ``spans`` with ``.span/.quote/.direction/.weight/
    .negated/.rule``)."""
    return [Loaded(s.span.start, s.span.end, s.quote, str(s.direction), float(s.weight), bool(s.negated), s.rule)
            for s in getattr(section, "spans", ()) or ()]


class _Attacher:
    def __init__(self, col: Collector, spans: list[Loaded]) -> None:
        self.col = col
        self.doc = col.ctx.parsed.doc
        self.seen: set[tuple[int, int, int]] = set()
        self.tok_loaded: dict[int, Loaded] = {}  # token index -> loaded span
        for sp in spans:
            if sp.negated or sp.direction not in ("negative", "positive"):
                continue
            span = self.doc.char_span(sp.start, sp.end, alignment_mode="expand")
            if span is None:
                continue
            for t in span:
                self.tok_loaded.setdefault(t.i, sp)

    def attach(self, ai: int, t, how: str) -> None:
        sp = self.tok_loaded.get(t.i)
        if sp is None or (ai, sp.start, sp.end) in self.seen:
            return
        self.seen.add((ai, sp.start, sp.end))
        w = (-1.0 if sp.direction == "negative" else 1.0) * sp.weight
        v = self.col.add(ai, sp.start, sp.end, "stance.label", w, f"{how}: {sp.quote!r} ({sp.rule or 'loaded_terms'})")
        self.col.labels[ai].append(LabelSpan(sp.quote, Span(sp.start, sp.end), self.col.text[sp.start:sp.end], sp.direction,
                                             round(w, 4), v, how))

    def mention(self, ai: int, h) -> None:
        """Every attachment of the mention headed by token ``h``."""
        # the noun this mention modifies: "Iranian regime", "US imperialism", "Iran's aggression"
        if h.dep_ in ("amod", "compound", "poss", "nmod") and h.head.pos_ in ("NOUN", "PROPN"):
            self.attach(ai, h.head, "modified noun")
            for c in h.head.children:
                if c.dep_ == "amod" and c.i != h.i:
                    self.attach(ai, c, "modified noun")
        # modifiers and appositions of the mention
        for c in h.children:
            if c.dep_ in ("amod", "appos", "acl", "relcl"):
                self.attach(ai, c, "modifier" if c.dep_ == "amod" else "apposition")
                for g in c.children:
                    if g.dep_ in ("amod", "acomp", "attr"):
                        self.attach(ai, g, "apposition")
        # predicates: subject of a loaded verb, or of a copula with a loaded complement
        if h.dep_ in ("nsubj", "nsubjpass") or (h.dep_ == "conj" and h.head.dep_ in ("nsubj",)):
            v = h.head if h.dep_ != "conj" else h.head.head
            if v.pos_ in ("VERB", "AUX"):
                self.attach(ai, v, "predicate")
                for c in v.children:
                    if c.dep_ in ("acomp", "attr", "oprd", "dobj") or (c.dep_ == "prep" and c.i in self.tok_loaded):
                        self.attach(ai, c, "predicate")
                        for g in c.children:
                            if g.dep_ == "amod":
                                self.attach(ai, g, "predicate")
        # event noun whose agent is this mention: "the brazen violation ... by the US"
        if h.dep_ == "pobj" and h.head.lower_ == "by" and h.head.head.pos_ == "NOUN":
            n = h.head.head
            self.attach(ai, n, "event by the actor")
            for c in n.children:
                if c.dep_ == "amod":
                    self.attach(ai, c, "event by the actor")


def label_evidence(col: Collector, spans: list[Loaded]) -> None:
    """Add ``stance.label`` evidence and labels for every actor mention (see the module docstring)."""
    if not spans:
        return
    att = _Attacher(col, spans)
    for ai, a in enumerate(col.actors):
        for m in a.mentions:
            att.mention(ai, att.doc[m.head])
