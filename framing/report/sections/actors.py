"""Report builder of the actors section (with the stance section): a stance chart and a card per actor."""

from __future__ import annotations

from collections.abc import Mapping

from framing.report.model import Card, Cards, Para, Section
from framing.report.sections import stance
from framing.report.sections.common import fmt, num
from framing.schema import actor_cards


def salience(a: Mapping) -> str:
    """Where the actor stands out: in the headline, in the first paragraph, its salience score."""
    sal = a.get("salience")
    if isinstance(sal, Mapping):
        bits = []
        if sal.get("in_headline") or sal.get("headline"):
            bits.append("in the headline")
        if sal.get("in_first_paragraph") or sal.get("first_paragraph") or sal.get("lead"):
            bits.append("in the first paragraph")
        if num(sal.get("score")) is not None:
            bits.append(f"salience {fmt(sal.get('score'), 2)}")
        return ", ".join(bits)
    if num(sal) is not None:
        return f"salience {fmt(sal, 2)}"
    return ""


def card(a: Mapping, text: str, *, peers: Mapping | None = None, n_evidence: int = 6) -> Card:
    """One actor's card: stance by voice, mentions and salience, roles and labels, other names, its stance evidence."""
    sal_s = salience(a)
    facts = stance.voice_facts(a)
    facts.append(("mentions", f"{a.get('mentions', '–')}" + (f"; {sal_s}" if sal_s else "")))
    facts += stance.role_facts(a)
    aliases = [x for x in a.get("aliases") or [] if x and x != a.get("name")]
    if aliases:
        facts.append(("also called", ", ".join(aliases[:8])))
    if peers:
        facts.extend(peers.items())
    return Card(a.get("name") or "?", (a.get("kind") or ""), tuple(facts), tuple(stance.evidence(a, text, n_evidence)))


def section(d: Mapping, *, top: int = 10, peer_facts: Mapping[str, Mapping] | None = None, n_evidence: int = 6) -> Section:
    """The "Actors and stance" section of ``d`` (an analysis's JSON form), the ``top`` most mentioned actors."""
    sec = Section("actors", "Actors and stance")
    actors = sorted(actor_cards(d), key=lambda a: -(a.get("mentions") or 0))
    if not actors:
        return sec.add(Para("No actors were found (or the actors analyzer did not run)."))
    sec.add(stance.chart(actors[:top]))
    text = d["article"]["text"]
    sec.add(Para("A card per actor: the stance, the labels the article attaches, how often the actor acts or is acted upon, "
                 "and the passages that weigh most in the stance (weight, rule, quote, offsets)."))
    sec.add(Cards(tuple(card(a, text, peers=(peer_facts or {}).get(a.get("name", "")), n_evidence=n_evidence) for a in actors[:top])))
    if len(actors) > top:
        sec.add(Para(f"{len(actors) - top} more actors with fewer mentions: "
                     + ", ".join(f"{a.get('name')} ({a.get('mentions', 0)})" for a in actors[top:top + 30]) + "."))
    return sec


def summary(d: Mapping) -> list[str]:
    """Summary bullets of the actors and their stance."""
    return stance.summary(actor_cards(d))
