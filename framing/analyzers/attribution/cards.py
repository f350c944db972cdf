"""Speaker cards: who each confident speaker of an article is, as far as the article itself says.

One card per distinct speaker credited with confidence (``speaker_confidence``
at or above :data:`~framing.schema.sections.attribution.CONFIDENT`; unclear
speakers get none), in order of first appearance:

* ``name``: the speaker as listed (canonical name for a person);
* ``kind``: ``person`` (a named person, or an unnamed one described by a role:
  'a spokesman', 'the envoy'), ``organisation``, ``government``, ``group`` (a
  vague or collective source: 'critics', 'those polled') or ``unknown``;
  ``named``: whether the source is identified by name;
* ``role``: the title or role the article introduces a person with ('senator',
  'strategist'), or the role noun of an unnamed source; '' when none;
* ``affiliation``: the organisation or country the article names with the
  speaker -- in a person's title or an 'of/at/for' phrase ('Gil Barndollar of
  Defense Priorities' -> Defense Priorities), or the country an organisation is
  introduced with ('the US-led military coalition' -> United States); '' when none;
* ``statements`` / ``direct``: attributions credited to the speaker, and how many are direct quotations.

Limits: read from the article's words near each mention (no outside knowledge);
a person introduced with two offices gets the first; a spokesperson is linked to
a principal only through the speaker resolution (:mod:`.speakers`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from framing.analyzers.attribution.cues import Lex
from framing.analyzers.attribution.people import People
from framing.analyzers.attribution.speakers import person_of_org
from framing.schema.sections.attribution import Quote, name_key

_KIND = {"named_person": "person", "organisation": "organisation", "government": "government", "vague": "group"}


def quote_key(q: Quote) -> tuple:
    """A key of an attribution that survives :func:`dataclasses.replace` (its spans)."""
    return (q.span, q.cue_span, q.content)


def speaker_cards(quotes: Sequence[Quote], people: People, roles: Mapping[tuple, str],
                  lex: Lex | None = None) -> list[dict[str, Any]]:
    """The cards of the confident speakers of ``quotes`` (see the module docstring). ``roles`` maps
    :func:`quote_key` of an attribution to the role noun its unnamed source was described with."""
    cards: dict[str, dict[str, Any]] = {}
    for q in quotes:
        if not q.confident or not q.speaker:
            continue
        key = name_key(q.speaker)
        kind = str(q.speaker_kind)
        card = cards.get(key)
        if card is None:
            role, affiliation = people.card(q.speaker) if kind == "named_person" else ("", "")
            if kind == "anonymous":
                role = roles.get(quote_key(q), "")
            if not affiliation and kind == "named_person" and lex is not None and (
                    split := person_of_org(q.speaker_text or "", lex)) is not None:
                affiliation = split[1]  # 'Gil Barndollar of Defense Priorities'
            if not affiliation and q.actor and name_key(q.actor) != key and kind != "anonymous":
                affiliation = q.actor  # 'the US-led military coalition': the country it is introduced with
            card = cards[key] = {
                "name": q.speaker,
                "kind": _KIND.get(kind, "person" if kind == "anonymous" and role else "unknown" if kind != "anonymous" else "group"),
                "named": kind in ("named_person", "organisation", "government"),
                "role": role, "affiliation": affiliation, "statements": 0, "direct": 0,
            }
        card["statements"] += 1
        card["direct"] += q.type == "direct"
    return list(cards.values())
