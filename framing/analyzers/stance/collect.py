"""The evidence an actor collects during one stance analysis (shared by the role, label and model steps)."""

from __future__ import annotations

from collections import defaultdict

from framing.analyzers import Context
from framing.schema import Evidence, Span, Voice
from framing.schema.sections.actors import Actor
from framing.schema.sections.stance import LabelSpan, StanceEvidence


class Collector:
    """Per actor (by index into ``actors``): evidence with its voice, labels, role verbs; plus the
    (actor, sentence) pairs where the actor is the patient (or the patient's owner) of a harmful act."""

    def __init__(self, ctx: Context, actors: list[Actor]) -> None:
        self.ctx = ctx
        self.text = ctx.text
        self.actors = actors
        self.evidence: list[list[StanceEvidence]] = [[] for _ in actors]
        self.labels: list[list[LabelSpan]] = [[] for _ in actors]
        self.roles: list[dict[str, list[str]]] = [{"agent": [], "patient": []} for _ in actors]
        self.harmed: set[tuple[int, int]] = set()
        self.harmed_acts: list[tuple[int, int]] = []  # (actor index, token index of a harmful act it suffers)
        # token -> actor indices (head tokens of mentions)
        self.tok_actor: dict[int, set[int]] = defaultdict(set)
        for ai, a in enumerate(actors):
            for m in a.mentions:
                self.tok_actor[m.head].add(ai)

    def voice(self, start: int, end: int) -> Voice:
        """The one author-vs-quoted rule (:meth:`framing.analyzers.Context.voice`)."""
        return self.ctx.voice(Span(start, end))

    def add(self, ai: int, s: int, e: int, rule: str, w: float, detail: str, v: Voice | None = None) -> Voice:
        """Evidence ``text[s:e]`` for actor ``ai`` with weight ``w`` clipped to [-1, 1]; returns its voice."""
        w = round(max(-1.0, min(1.0, w)), 4)
        vv = v or self.voice(s, e)
        self.evidence[ai].append(StanceEvidence(Evidence(Span(s, e), self.text[s:e], rule, w, detail), vv))
        return vv
