"""The attribution section: who speaks in an article, how their words are introduced, what goes unsourced.

Typed form of the ``"attribution"`` key of an analysis (see
:mod:`framing.analyzers.attribution` for what each field measures):

* :class:`Quote` -- one attribution relation, a source-cue-content triple
  (Pareti 2016; Newell et al. 2018), with its type (:class:`AttributionType`),
  the speaker's kind (:class:`SpeakerKind`) and the cue's class (:class:`CueClass`);
* :class:`SourceMention` -- an anonymous source or a vague attribution;
* :class:`Claim` (with its :class:`ClaimMarker` s) -- an author-voice sentence
  asserting something checkable with no source nearby;
* :class:`Attribution` -- the section: the lists above and the per-article summary.

Every item keeps its ``quote`` (``article.text[start:end]``), so the section is
self-contained: ``Attribution.from_dict(a.to_dict()) == a`` and every evidence
span's quote is known without the article.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from framing.schema.article import Article
from framing.schema.enums import AttributionType, CueClass, SpeakerKind
from framing.schema.section import Measure
from framing.schema.spans import Evidence, Span, merge

__all__ = ["CONFIDENT", "TOPIC_RULES", "UNNAMED_KINDS", "Attribution", "Claim", "ClaimMarker", "Quote", "SourceMention", "is_voice", "name_key"]

#: speaker confidence at or above which a speaker counts (summaries and the sourcing ledger count only these)
CONFIDENT = 0.5

#: speaker kinds that do not name a source (compare's ``named_source_share``)
UNNAMED_KINDS = frozenset({"anonymous", "vague", "vague_collective", "unknown", "none", ""})

#: the measures of :meth:`Attribution.measures`: key -> (label, unit), as compare reports them
MEASURES: dict[str, tuple[str, str]] = {
    "quoted_share": ("Share of words inside direct quotes", "share (0-1)"),
    "sources_distinct": ("Distinct sources quoted or cited", "count"),
    "named_source_share": ("Share of sources that are named", "share (0-1)"),
    "anonymous_per_1000": ("Anonymous sources per 1,000 words", "per 1,000 words"),
    "vague_per_1000": ("Vague attributions per 1,000 words", "per 1,000 words"),
    "unattributed_per_1000": ("Unattributed claims per 1,000 words", "per 1,000 words"),
}


def _span(d: Mapping[str, Any], a: str = "start", b: str = "end") -> Span | None:
    s, e = d.get(a), d.get(b)
    return None if s is None or e is None else Span(int(s), int(e))


def _piece(span: Span, quote: str, part: Span) -> str:
    """The text of ``part``, a span inside ``span`` whose text is ``quote``."""
    return quote[part.start - span.start : part.end - span.start]


@dataclass(frozen=True, slots=True)
class Quote:
    """One attribution relation (a quote, a paraphrase or a reported belief).

    ``span`` covers speaker, cue and content, ``quote`` is its text; ``content``
    holds the content fragments (two when the attribution interrupts the quote).
    ``cue`` is the cue as shown (``"condemned (in a statement)"``); ``cue_class``
    is None for a cue outside the reporting-verb lexicon (found by the model).
    """

    type: AttributionType
    speaker: str
    speaker_kind: SpeakerKind
    actor: str | None
    cue: str
    cue_class: CueClass | None
    cue_weight: float
    span: Span
    quote: str
    speaker_span: Span | None
    cue_span: Span | None
    content: tuple[Span, ...]
    rule: str
    speaker_text: str = ""
    speaker_rule: str = ""
    act: str = "speech"
    speaker_confidence: float = 1.0

    @property
    def confident(self) -> bool:
        """Whether the speaker is stated or resolved with confidence (below :data:`CONFIDENT`: 'speaker unclear')."""
        return self.speaker_confidence >= CONFIDENT

    @property
    def content_span(self) -> Span:
        return Span(min(c.start for c in self.content), max(c.end for c in self.content))

    def text_of(self, part: Span) -> str:
        """The text of a span inside this attribution (its cue, speaker or a content fragment)."""
        return _piece(self.span, self.quote, part)

    def to_dict(self) -> dict[str, Any]:
        cs = self.content_span
        d: dict[str, Any] = {
            "start": self.span.start,
            "end": self.span.end,
            "quote": self.quote,
            "type": str(self.type),
            "speaker": self.speaker,
            "speaker_kind": str(self.speaker_kind),
            "actor": self.actor,
            "cue": self.cue,
            "cue_class": str(self.cue_class) if self.cue_class is not None else "",
            "cue_weight": self.cue_weight,
            "speaker_start": self.speaker_span.start if self.speaker_span else None,
            "speaker_end": self.speaker_span.end if self.speaker_span else None,
            "speaker_text": self.speaker_text,
            "cue_start": self.cue_span.start if self.cue_span else None,
            "cue_end": self.cue_span.end if self.cue_span else None,
            "content_start": cs.start,
            "content_end": cs.end,
            "content": self.text_of(cs),
            "content_fragments": [{"start": c.start, "end": c.end, "quote": self.text_of(c)} for c in self.content],
            "act": self.act,
            "rule": self.rule,
            "speaker_confidence": self.speaker_confidence,
        }
        if self.speaker_rule:
            d["speaker_rule"] = self.speaker_rule
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Quote:
        span = _span(d)
        assert span is not None
        return cls(
            type=AttributionType(d["type"]), speaker=d["speaker"], speaker_kind=SpeakerKind(d["speaker_kind"]),
            actor=d.get("actor"), cue=d["cue"], cue_class=CueClass(d["cue_class"]) if d.get("cue_class") else None,
            cue_weight=float(d["cue_weight"]), span=span, quote=d["quote"],
            speaker_span=_span(d, "speaker_start", "speaker_end"), cue_span=_span(d, "cue_start", "cue_end"),
            content=tuple(Span(int(f["start"]), int(f["end"])) for f in d["content_fragments"]),
            rule=d["rule"], speaker_text=d.get("speaker_text", ""), speaker_rule=d.get("speaker_rule", ""),
            act=d.get("act", "speech"), speaker_confidence=float(d.get("speaker_confidence", 1.0)),
        )


#: rule ids whose content is the writer's naming of what was said ('X condemned the brazen violation'), not the
#: speaker's words: outside quotation marks it stays in the author's voice
TOPIC_RULES = frozenset({"rule:attribution.verb_topic"})


def is_voice(q: Quote) -> bool:
    """Whether the content of ``q`` is another's voice (see :meth:`Attribution.quoted_spans`)."""
    if q.type == AttributionType.DIRECT:
        return True
    # a speech verb's bare noun-phrase object is the writer's naming of what was said (ctx.voice reads the same set)
    return q.type != AttributionType.AGENTLESS and q.act != "stance" and q.rule not in TOPIC_RULES


@dataclass(frozen=True, slots=True)
class SourceMention:
    """An anonymous source ('officials') or a vague attribution ('critics', 'world over, there is ...').

    ``term`` is the source term matched (None when the kind came from the
    parse), ``cue`` the reporting cue it speaks through ("" for a stand-alone phrase).
    """

    span: Span
    quote: str
    term: str | None
    rule: str
    cue: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.span.start, "end": self.span.end, "quote": self.quote, "term": self.term,
                "rule": self.rule, "cue": self.cue}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> SourceMention:
        return cls(Span(int(d["start"]), int(d["end"])), d["quote"], d.get("term"), d["rule"], d.get("cue", ""))


@dataclass(frozen=True, slots=True)
class ClaimMarker:
    """What makes a sentence a checkable claim: a number, a casualty, a causal link or an evaluation."""

    span: Span
    quote: str
    kind: str
    rule: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.span.start, "end": self.span.end, "quote": self.quote, "kind": self.kind, "rule": self.rule}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> ClaimMarker:
        return cls(Span(int(d["start"]), int(d["end"])), d["quote"], d["kind"], d["rule"])


@dataclass(frozen=True, slots=True)
class Claim:
    """An author-voice sentence with a checkable claim and no source in its sentence or paragraph."""

    span: Span
    quote: str
    kinds: tuple[str, ...]
    markers: tuple[ClaimMarker, ...]
    rule: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.span.start, "end": self.span.end, "quote": self.quote, "kinds": list(self.kinds),
                "markers": [m.to_dict() for m in self.markers], "rule": self.rule}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Claim:
        return cls(Span(int(d["start"]), int(d["end"])), d["quote"], tuple(d["kinds"]),
                   tuple(ClaimMarker.from_dict(m) for m in d["markers"]), d["rule"])


@dataclass(frozen=True, slots=True)
class Attribution:
    """The attribution analysis of one article (see :mod:`framing.analyzers.attribution`)."""

    quotes: tuple[Quote, ...]
    anonymous_sources: tuple[SourceMention, ...] = ()
    vague_attributions: tuple[SourceMention, ...] = ()
    unattributed_claims: tuple[Claim, ...] = ()
    summary: Mapping[str, Any] = field(default_factory=dict)

    def quoted_spans(self) -> tuple[Span, ...]:
        """Content spans of direct, indirect and according-to attributions: the quoted voice.

        Agentless attributions ("it is believed that ...") stay in the author's
        voice: no one else is named as holding the claim. So does the object of
        a stance verb ("X supports the wall"): the words are the writer's.
        Direct quotations always count.
        """
        return tuple(sorted({c for q in self.quotes if is_voice(q) for c in q.content}, key=lambda s: (s.start, s.end)))

    def direct_quote_spans(self) -> list[Span]:
        """The content span (first to last fragment) of every direct quotation."""
        return [q.content_span for q in self.quotes if q.type == AttributionType.DIRECT and len(q.content_span)]

    def to_dict(self) -> dict[str, Any]:
        return {
            "quotes": [q.to_dict() for q in self.quotes],
            "anonymous_sources": [x.to_dict() for x in self.anonymous_sources],
            "vague_attributions": [x.to_dict() for x in self.vague_attributions],
            "unattributed_claims": [x.to_dict() for x in self.unattributed_claims],
            "summary": dict(self.summary),
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Attribution:
        return cls(
            quotes=tuple(Quote.from_dict(q) for q in d.get("quotes") or ()),
            anonymous_sources=tuple(SourceMention.from_dict(x) for x in d.get("anonymous_sources") or ()),
            vague_attributions=tuple(SourceMention.from_dict(x) for x in d.get("vague_attributions") or ()),
            unattributed_claims=tuple(Claim.from_dict(x) for x in d.get("unattributed_claims") or ()),
            summary=dict(d.get("summary") or {}),
        )

    def evidence(self) -> Iterator[Evidence]:
        """Every highlighted span: each attribution's source, cue and content fragments (under the rule that
        found it; the source under its speaker rule when there is one), anonymous and vague sources, and
        unattributed claims with their markers. ``weight`` is the cue's weight on cue spans, else 0."""
        for q in self.quotes:
            if q.speaker_span is not None and len(q.speaker_span):
                yield Evidence(q.speaker_span, q.text_of(q.speaker_span), q.speaker_rule or q.rule, 0.0, "source")
            if q.cue_span is not None and len(q.cue_span):
                yield Evidence(q.cue_span, q.text_of(q.cue_span), q.rule, q.cue_weight, f"cue: {q.cue}")
            for c in q.content:
                yield Evidence(c, q.text_of(c), q.rule, 0.0, f"content ({q.type})")
        for label, items in (("anonymous source", self.anonymous_sources), ("vague attribution", self.vague_attributions)):
            for s in items:
                yield Evidence(s.span, s.quote, s.rule, 0.0, label + (f": {s.term}" if s.term else ""))
        for claim in self.unattributed_claims:
            yield Evidence(claim.span, claim.quote, claim.rule, 0.0, "unattributed claim: " + ", ".join(claim.kinds))
            for m in claim.markers:
                yield Evidence(m.span, m.quote, m.rule, 0.0, m.kind)

    def measures(self, article: Article) -> Mapping[str, Measure]:
        """What compare reads: the share of words inside direct quotes, distinct sources, the named share of
        them, and anonymous sources, vague attributions and unattributed claims per 1,000 words (the article's
        body word count). ``named_source_share`` is None when no source is quoted."""
        words = max(article.word_count, 1)
        kinds: dict[str, str] = {}
        for q in self.quotes:
            key = name_key(q.actor or q.speaker or "") if q.confident else ""  # only confident speakers count
            if key:
                kinds.setdefault(key, str(q.speaker_kind or ""))
        values: dict[str, float | None] = {
            "quoted_share": min(1.0, _words_in(self.direct_quote_spans(), article.text) / words),
            "sources_distinct": float(len(kinds)),
            "named_source_share": (sum(1 for k in kinds.values() if k not in UNNAMED_KINDS) / len(kinds)) if kinds else None,
            "anonymous_per_1000": 1000.0 * len(self.anonymous_sources) / words,
            "vague_per_1000": 1000.0 * len(self.vague_attributions) / words,
            "unattributed_per_1000": 1000.0 * len(self.unattributed_claims) / words,
        }
        return {k: Measure(values[k], label, unit) for k, (label, unit) in MEASURES.items()}


def _words_in(spans: Sequence[Span], text: str) -> int:
    """Whitespace-separated words inside the union of ``spans``."""
    return sum(len(text[s.start : s.end].split()) for s in merge(spans))


def name_key(name: str) -> str:
    """A speaker's or actor's name as compare keys it: no dots, curly apostrophes straightened, no article or possessive."""
    n = name.replace(".", "").replace("\u2019", "'").strip().lower()
    n = re.sub(r"^(the|a|an)\s+", "", n)
    n = re.sub(r"'s$", "", n)
    return " ".join(n.split())
