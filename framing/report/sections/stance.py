"""Report builder parts of the stance section: the stance chart, an actor card's stance facts and evidence, summary bullets.

The stance section is shown inside the actor cards (:mod:`.actors`); this module
holds what those cards and the summary take from it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from framing.report import charts
from framing.report.model import Chart, Quote
from framing.report.sections.common import clip, label_name, num, quote_at, signed


def chart(actors: Sequence[Mapping]) -> Chart | None:
    """Signed bars of each actor's stance, author's voice and quoted voices."""
    rows = [{"label": a.get("name"), "value": num(a.get("stance_author") if a.get("stance_author") is not None else a.get("stance")),
             "value2": num(a.get("stance_quoted"))} for a in actors]
    svg = charts.signed_bars(rows)
    if not svg:
        return None
    return Chart(svg, "Stance toward each actor from −1 (negative) to +1 (positive): the author's voice (thick bar) "
                      "and quoted speakers (thin white bar).")


def voice_facts(a: Mapping) -> list[tuple[str, str]]:
    """The card's stance lines: overall (with its label), the author's voice, quoted voices."""
    facts = [
        ("stance", f"{signed(a.get('stance'))} ({a.get('stance_label') or '–'})"),
        ("author's voice", signed(a.get("stance_author"))),
        ("quoted voices", signed(a.get("stance_quoted"))),
    ]
    share, strength = num(a.get("stance_evaluated_share")), num(a.get("stance_strength"))
    if share is not None and strength is not None:
        facts.append(("mentions evaluated", f"{share:.0%} (evidence strength {strength:.2f})"))
    return facts


def role_facts(a: Mapping) -> list[tuple[str, str]]:
    """How often the actor acts or is acted upon (a narrative role: it does not move the stance), and the labels
    the text attaches to it."""
    facts = [("acts / is acted upon (not counted in the stance)", f"{a.get('agent', 0)} / {a.get('patient', 0)}")]
    labels = [n for n in dict.fromkeys(label_name(x) for x in a.get("labels") or []) if n]
    if labels:
        facts.append(("labels used", ", ".join(labels[:10])))
    return facts


def evidence(a: Mapping, text: str, n_evidence: int) -> list[tuple[str, Any]]:
    """The passages that weigh most in the actor's stance: (weight and rule, quotation with offsets)."""
    ev = []
    ranked = sorted(a.get("evidence") or [], key=lambda e: -abs(num(e.get("weight")) or 0.0))
    for e in ranked[:n_evidence]:
        q = quote_at(e, text)
        if q:
            what = f"{signed(e.get('weight'))}"
            det = e.get("detail") or e.get("rule") or ""
            if det:
                what += f" {clip(det, 110)}"
            ev.append((what, Quote(clip(q.text, 160), q.start, q.end)))
    return ev


def summary(actors: Sequence[Mapping]) -> list[str]:
    """Summary bullets: the most mentioned actors the article treats negatively or positively (|stance| >= 0.2)."""
    bullets = []
    top = sorted(actors, key=lambda a: -(a.get("mentions") or 0))[:8]
    neg = [a for a in top if (num(a.get("stance")) or 0) <= -0.2]
    pos = [a for a in top if (num(a.get("stance")) or 0) >= 0.2]
    if neg:
        bullets.append("It treats " + ", ".join(f"{a['name']} ({signed(a.get('stance'))})" for a in neg) + " negatively.")
    if pos:
        bullets.append("It treats " + ", ".join(f"{a['name']} ({signed(a.get('stance'))})" for a in pos) + " positively.")
    return bullets
