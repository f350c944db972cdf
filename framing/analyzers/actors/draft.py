"""An actor under construction, and the token helpers every step of the actors analyzer shares."""

from __future__ import annotations

from collections import Counter

from framing.analyzers.actors.names import DETERMINERS
from framing.nlp.spans import trim_tokens
from framing.schema.sections.actors import Mention

POSS_MARKS = {"'s", "’s", "'", "’"}
POSSESSIVE_PRONOUNS = {"his", "her", "hers", "its", "their", "theirs"}


class Draft:
    """An actor under construction: merge ``key``, ``name``, ``kind`` (an ActorKind value), surface ``forms``
    (counted), ``mentions``, affiliation votes (state name -> votes; unit draft key -> votes), ``plural``."""

    __slots__ = ("aff_units", "aff_votes", "forms", "key", "kind", "mentions", "name", "plural")

    def __init__(self, key: str, name: str, kind: str, plural: bool = False):
        self.key = key
        self.name = name
        self.kind = kind
        self.forms: Counter[str] = Counter()
        self.mentions: list[Mention] = []
        self.aff_votes: Counter[str] = Counter()
        self.aff_units: Counter[str] = Counter()
        self.plural = plural

    def absorb(self, other: Draft, *, votes: bool = True) -> None:
        """Take ``other``'s mentions and forms (and its affiliation votes when ``votes``)."""
        self.mentions.extend(other.mentions)
        self.forms.update(other.forms)
        if votes:
            self.aff_votes.update(other.aff_votes)


def trim(doc, i: int, j: int) -> tuple[int, int]:
    """Token range [i, j) without determiners, punctuation and whitespace on the left and possessive marks,
    punctuation and whitespace on the right (:func:`framing.nlp.spans.trim_tokens`)."""
    return trim_tokens(doc, i, j, left=DETERMINERS, right=POSS_MARKS)


def is_possessive(doc, head: int) -> bool:
    """Is token ``head`` a possessor ("Iran's", or a ``poss`` dependent)?"""
    t = doc[head]
    if t.dep_ == "poss":
        return True
    nxt = doc[head + 1] if head + 1 < len(doc) else None
    return bool(nxt is not None and nxt.text in POSS_MARKS)
