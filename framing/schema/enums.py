"""The closed vocabularies of framing's output, as ``StrEnum``s.

A ``StrEnum`` member *is* its string value, so JSON output is plain strings and
comparisons with strings keep working (``Voice.AUTHOR == "author"``).
"""

from __future__ import annotations

from enum import StrEnum


class Voice(StrEnum):
    """Whose words a span is: the author's own, or someone quoted or reported."""

    AUTHOR = "author"
    QUOTED = "quoted"


class AttributionType(StrEnum):
    DIRECT = "direct"
    INDIRECT = "indirect"
    ACCORDING_TO = "according_to"
    AGENTLESS = "agentless"


class SpeakerKind(StrEnum):
    NAMED_PERSON = "named_person"
    ORGANISATION = "organisation"
    GOVERNMENT = "government"
    ANONYMOUS = "anonymous"
    VAGUE = "vague"
    UNKNOWN = "unknown"


class CueClass(StrEnum):
    """What a reporting cue implies about the speaker or the claim."""

    NEUTRAL = "neutral"
    ENDORSING = "endorsing"
    DISTANCING = "distancing"
    LOADED = "loaded"


class StanceLabel(StrEnum):
    NEGATIVE = "negative"
    NEUTRAL = "neutral"
    POSITIVE = "positive"


class ActorKind(StrEnum):
    PERSON = "person"
    GOVERNMENT = "government"
    COUNTRY = "country"
    ORGANISATION = "organisation"
    GROUP = "group"
