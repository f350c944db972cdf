"""Report builder of the attribution section: who speaks, how their words are introduced, unsourced passages."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping

from framing.report.model import Facts, Para, Quote, Section, Table
from framing.report.sections.common import clip, pct, speaker_key


def section(d: Mapping) -> Section:
    sec = Section("sources", "Sources and attribution")
    at = d.get("attribution") or {}
    quotes = at.get("quotes") or []
    text = d["article"]["text"]
    summary = at.get("summary") or {}
    facts = []
    for key, label in (("quoted_share", "share of words inside quotes"), ("n_quotes", "quotes and reported statements"),
                       ("distinct_sources", "distinct sources")):
        if key in summary:
            v = summary[key]
            facts.append((label, pct(v) if key.endswith("share") else str(v)))
    if facts:
        sec.add(Facts(tuple(facts)))
    if quotes:
        by: dict[str, dict] = defaultdict(lambda: {"n": 0, "kind": Counter(), "cues": Counter(), "types": Counter()})
        for q in quotes:
            r = by[speaker_key(q)]
            r["n"] += 1
            r["kind"][q.get("speaker_kind") or "unknown"] += 1
            if q.get("cue"):
                r["cues"][f"{str(q['cue']).lower()} ({q.get('cue_class') or 'unlisted'})"] += 1
            r["types"][q.get("type") or "?"] += 1
        rows = tuple((sp, r["kind"].most_common(1)[0][0], r["n"], ", ".join(c for c, _ in r["cues"].most_common(4)) or "–",
                      ", ".join(f"{t} {n}" for t, n in r["types"].most_common()))
                     for sp, r in sorted(by.items(), key=lambda kv: -kv[1]["n"]))
        sec.add(Table(("speaker", "kind", "statements", "reporting verbs (class)", "types"), rows, "Who speaks, and how their words are introduced.", numeric=(2,)))
        kinds = Counter(q.get("speaker_kind") or "unknown" for q in quotes)
        sec.add(Facts((("statements by kind of source", ", ".join(f"{k} {v} ({v / len(quotes):.0%})" for k, v in kinds.most_common())),)))
        quote_rows = []
        for q in quotes[:40]:
            cs, ce = q.get("content_start"), q.get("content_end")
            content = Quote(clip(text[cs:ce], 180), cs, ce) if isinstance(cs, int) and isinstance(ce, int) else None
            quote_rows.append((speaker_key(q), q.get("type") or "", (q.get("cue") or "–") + (f" ({q.get('cue_class')})" if q.get("cue_class") else ""), content))
        sec.add(Table(("speaker", "type", "cue (class)", "content [offsets]"), tuple(quote_rows), "Every quote and reported statement, in order.", cls="small"))
    else:
        sec.add(Para("No quotes or reported statements were found (or the attribution analyzer did not run)."))
    for key, title, expl in (("anonymous_sources", "Anonymous sources", "sources the article does not name"),
                             ("vague_attributions", "Vague attributions", "claims put in the mouth of an unnamed collective"),
                             ("unattributed_claims", "Unattributed claims", "contestable statements in the author's voice with no source in their paragraph")):
        items = at.get(key) or []
        if items:
            item_rows = tuple((Quote(clip(it.get("quote") or text[it["start"]:it["end"]], 220), it.get("start"), it.get("end")),
                          ", ".join(str(x) for x in (it.get("reasons") or it.get("why") or [])) if isinstance(it.get("reasons") or it.get("why"), list)
                          else str(it.get("reason") or it.get("kind") or it.get("rule") or ""))
                         for it in items[:40])
            sec.add(Table(("passage [offsets]", "why"), item_rows, f"{title}: {expl} ({len(items)}).", cls="small"))
    return sec



def summary(d: Mapping) -> list[str]:
    """Summary bullets: statements and their main sources; anonymous, vague and unattributed passages."""
    at = d.get("attribution") or {}
    bullets = []
    quotes = at.get("quotes") or []
    if quotes:
        sp = Counter(speaker_key(q) for q in quotes)
        bullets.append(f"It reports {len(quotes)} statements from {len(sp)} sources; most from "
                       + ", ".join(f"{k} ({v})" for k, v in sp.most_common(3)) + ".")
    for key, what in (("anonymous_sources", "anonymous sources"), ("vague_attributions", "vague attributions"),
                      ("unattributed_claims", "contestable claims with no source in their paragraph")):
        items = at.get(key) or []
        if items:
            bullets.append(f"{len(items)} {what}, for example “{clip(items[0].get('quote', ''), 90)}”.")
    return bullets
