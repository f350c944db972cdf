"""Report builder of a comparison: the target article against other outlets' coverage of the same event.

Sections: a summary, the target text with its findings and numbered claims
highlighted, the measures among the coverage (charts), word choice and naming,
claims checked against the peers, who gets to speak, an actor card per actor
with the peers' stance, the methodology, and an appendix of the outlets compared.
Peer evidence names the peer article it comes from.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from typing import Any

from framing.report import charts
from framing.report.model import Bullets, Chart, Para, Quote, Report, Section, Table
from framing.report.sections import actors, methodology
from framing.report.sections import frames as frames_report
from framing.report.sections import roles as roles_report
from framing.report.sections.common import (
    clip,
    fmt,
    label_name,
    now,
    num,
    pct,
    quote_at,
    signed,
    version,
    when,
)
from framing.report.sections.text import highlighted_block, target_marks
from framing.schema.comparison import Comparison

LEANS = ("left", "center", "right")


class _Peers:
    """Display labels for peers: outlet name, disambiguated by date or a number when an outlet appears twice."""

    def __init__(self, c: Mapping):
        self.info: dict[str, dict] = {}
        tgt = c.get("target") or {}
        self.info["target"] = dict(tgt, id="target")
        for p in list(c.get("peers") or []) + list(c.get("set_aside") or []):
            self.info[str(p.get("id"))] = dict(p)
        names = Counter((p.get("outlet") or "?") for k, p in self.info.items() if k != "target")
        seen: Counter = Counter()
        self.labels: dict[str, str] = {"target": tgt.get("outlet") or "target"}
        for k, p in self.info.items():
            if k == "target":
                continue
            name = p.get("outlet") or "?"
            if names[name] > 1:
                seen[name] += 1
                name = f"{name} #{seen[name]}"
            self.labels[k] = name

    def label(self, ident: Any) -> str:
        return self.labels.get(str(ident), str(ident))

    def outlet(self, ident: Any) -> str:
        """The outlet's name (not disambiguated): charts group a peer outlet's articles under it."""
        if str(ident) == "target":
            return self.labels["target"]
        return (self.info.get(str(ident)) or {}).get("outlet") or str(ident)

    def lean(self, ident: Any) -> str | None:
        return (self.info.get(str(ident)) or {}).get("lean")


def _measure_rows(m: Mapping, peers: _Peers, target_value: Any) -> list[dict]:
    """One row per peer OUTLET (mean over its articles, "(n)" when several) plus the target."""
    groups: dict[str, list[float]] = defaultdict(list)
    leans: dict[str, Any] = {}
    for v in m.get("values") or []:
        val = num(v.get("value"))
        if val is None:
            continue
        name = peers.outlet(v.get("id"))
        groups[name].append(val)
        leans.setdefault(name, v.get("lean"))
    rows = [{"label": name + (f" ({len(vals)})" if len(vals) > 1 else ""), "value": sum(vals) / len(vals), "lean": leans.get(name),
             "is_target": False} for name, vals in groups.items()]
    rows.append({"label": peers.label("target"), "value": num(target_value), "lean": peers.lean("target"), "is_target": True})
    return rows


def ratio_sentence(m: Mapping, what: str) -> str | None:
    """"This article uses 3.4 times the loaded language of the median outlet covering the event (...)"."""
    t = num(m.get("target"))
    p = m.get("peers") or {}
    med = num(p.get("median"))
    if t is None or med is None or not p.get("n"):
        return None
    percentile = num(m.get("percentile"))
    ratio = num(m.get("ratio_to_median"))
    if ratio is None and med > 0:
        ratio = t / med
    if med > 0 and ratio is not None and ratio >= 1.15:
        head = f"This article uses {ratio:.1f} times the {what} of the median outlet covering the event"
    elif med > 0 and ratio is not None and ratio <= 0.87:
        head = f"This article uses less {what} than the median outlet covering the event ({ratio:.1f} times as much)"
    elif med > 0:
        head = f"This article uses about as much {what} as the median outlet covering the event"
    elif t > 0:
        head = f"This article uses {what}; the median outlet covering the event uses none"
    else:
        head = f"Like the median outlet covering the event, this article uses no {what}"
    detail = f"{fmt(t)} against {fmt(med)} {m.get('unit') or ''}".rstrip()
    if percentile is not None:
        detail += f"; it is above {percentile:.0f}% of the {p.get('n')} peer articles"
    return f"{head}: {detail}."


MAX_CLAIMS = 20  # per kind, in the table and the highlights (the JSON has them all)


def _claims_list(c: Mapping) -> list[dict]:
    cl = c.get("claims") or {}
    out = []
    for kind, title in (("contradicted", "contradicted by peers"), ("uncorroborated", "not corroborated by any peer")):
        for x in (cl.get(kind) or [])[:MAX_CLAIMS]:
            out.append(dict(x, _kind=kind, _title=title))
    # contradicted first (the strongest finding), then in reading order
    out.sort(key=lambda x: (x["_kind"] != "contradicted", x.get("start") if isinstance(x.get("start"), int) else 0))
    return out


MIN_STANCE_EVIDENCE = 3  # a stance bullet needs at least this many author's-voice evidence items
MIN_NAMING_USES = 2  # a naming bullet needs the target to use its word at least this often, in its own voice


def _summary_words(c: Mapping) -> list[str]:
    dt = c.get("distinctive_terms") or {}
    tt = [t.get("term") for t in (dt.get("target") or [])[:6] if (num(t.get("z")) or 0) >= 1.96]
    pt = [t.get("term") for t in (dt.get("peers") or [])[:6] if (num(t.get("z")) or 0) <= -1.96]
    out = []
    if tt:
        out.append("Words it uses far more than the other coverage (|z| ≥ 1.96): " + ", ".join(f"“{t}”" for t in tt) + ".")
    if pt:
        out.append("Words the other coverage uses that it avoids (|z| ≥ 1.96): " + ", ".join(f"“{t}”" for t in pt) + ".")
    return out


def _summary_naming(c: Mapping) -> list[str]:
    """Naming bullets: the outlet's own words only (quoted uses are the speaker's), left out when used fewer than twice."""
    out: list[str] = []
    for ref in c.get("naming") or []:
        tc = (ref.get("target") or {}).get("counts") or {}
        pc = ref.get("peers_total") or {}
        if not (tc and pc) or len(out) >= 3:
            continue
        t_top, p_top = max(tc, key=lambda k: tc[k]), max(pc, key=lambda k: pc[k])
        if t_top == p_top or tc[t_top] < MIN_NAMING_USES:
            continue
        name = ref.get("referent", "").replace("_", " ")
        if not name.lower().startswith(("a ", "an ", "the ")):
            name = "the " + name
        n_out = sum(1 for o in ref.get("by_outlet") or [] if (o.get("counts") or {}).get(p_top))
        outlets = f"in {n_out} peer article{'s' if n_out != 1 else ''}" if n_out else "in the peers"
        out.append(f"For {name}, the other outlets in their own words most often write “{p_top}” ({pc[p_top]} times, {outlets}); "
                   f"this article, in its own words (not in quotes), writes “{t_top}” ({tc[t_top]} times).")
    return out


def _summary_stance(c: Mapping) -> list[str]:
    """Stance bullets: the author's voice only, with the evidence count; left out below MIN_STANCE_EVIDENCE items."""
    diffs = []
    for row in (c.get("stance_matrix") or {}).get("rows") or []:
        cell = (row.get("cells") or {}).get("target")
        med = num(row.get("peers_median"))
        if (cell and med is not None and num(cell.get("stance")) is not None and (row.get("n_peers") or 0) >= 2
                and (cell.get("n_evidence") or 0) >= MIN_STANCE_EVIDENCE):
            diffs.append((abs(float(cell["stance"]) - med), row["actor"], float(cell["stance"]), med, row.get("n_peers"), cell["n_evidence"]))
    out = []
    for _, actor, st, med, n, n_ev in sorted(diffs, reverse=True)[:3]:
        if abs(st - med) >= 0.2:
            out.append(f"In its own voice (not quotes), its stance toward {actor} is {st:+.2f} "
                       f"({'negative' if st < -0.15 else 'positive' if st > 0.15 else 'neutral'}), from {n_ev} passages; "
                       f"the median of the {n} peers that mention {actor} is {med:+.2f}.")
    return out


def _around_count(x: Mapping, width: int = 140) -> str:
    """The claim's quote clipped to ``width`` characters around its casualty count (the part the verdict is about)."""
    q = x.get("quote") or ""
    count = str(((x.get("casualty") or {}).get("count")) or "")
    at = q.find(count) if count else -1
    if len(q) <= width or at < 0 or at < width - 20:
        return clip(q, width)
    start = max(0, at - width // 2)
    return "…" + clip(q[start:], width - 1)


def _summary_claims(c: Mapping, claims: list[dict]) -> list[str]:
    """Claims bullets capped by what the gold supports: contradictions (precision 1.0 on the claims gold) and only
    high-confidence uncorroborated claims; omitted facts as possible (precision about 0.9 on the gold), never as findings."""
    cl = c.get("claims") or {}
    contra = cl.get("contradicted") or []
    high = [x for x in cl.get("uncorroborated") or [] if x.get("confidence", "high") == "high"]
    no = len(cl.get("omitted") or [])
    out = []
    if contra:
        diff = sum(1 for x in contra if x.get("wording") == "reported differently")
        s = f"Claims: {len(contra)} of its checkable statements {'is' if len(contra) == 1 else 'are'} reported differently by other outlets"
        if diff:
            s += f" ({diff} of them {'is' if diff == 1 else 'are'} attributed by the article to a source, not stated as its own)"
        out.append(s + ".")
        first = next((x for x in claims if x["_kind"] == "contradicted"), None)
        if first:
            n = claims.index(first) + 1
            out.append(f"For example (C{n}): “{_around_count(first)}” — {first.get('reason') or first['_title']}.")
    if high:
        out.append(f"{len(high)} checkable statement{'s' if len(high) != 1 else ''} with names no other outlet mentions in any related "
                   "sentence (listed in the claims table with the closest peer wording, for the reader to check).")
    weak = len(cl.get("uncorroborated") or []) - len(high)
    if weak > 0:
        out.append(f"{weak} more checkable statement{'s' if weak != 1 else ''} found no match in the other coverage; the match is not "
                   "reliable enough to call them uncorroborated (on the hand-checked sample about 8 in 10 such flags were right, 27 of 32), "
                   "so they are only listed in the claims table, with the closest peer sentences.")
    if no:
        out.append(f"Possibly left out: {no} fact{'s' if no != 1 else ''} several other outlets report in like words "
                   "(see the claims table; about 9 in 10 such flags were right on the hand-checked sample, 15 of 16).")
    return out


def _summary_comparison(c: Mapping, d: Mapping, peers: _Peers, claims: list[dict]) -> Section:
    sec = Section("summary", "Summary")
    meas = c.get("measures") or {}
    n_peers = len(c.get("peers") or [])
    art = d["article"]
    outlet = (c.get("target") or {}).get("outlet") or art.get("outlet") or "this outlet"
    intro = (f"This report compares “{art.get('title') or '(untitled)'}” ({outlet}) with {n_peers} other articles on the same "
             f"event from {len({p.get('outlet') for p in c.get('peers') or []})} outlets")
    if c.get("set_aside"):
        intro += f"; {len(c['set_aside'])} more were set aside as being about a different story"
    sec.add(Para(intro + "."))
    bullets: list[str] = []
    m = meas.get("loaded_per_1000_author")
    if m:
        s = ratio_sentence(m, "loaded language")
        if s:
            bullets.append(s)
    for key, what in (("quoted_share", "Share of its words inside quotes"), ("sources_distinct", "Distinct sources it quotes or cites"),
                      ("anonymous_per_1000", "Anonymous sources per 1,000 words"), ("vague_per_1000", "Vague attributions per 1,000 words"),
                      ("unattributed_per_1000", "Unattributed claims per 1,000 words")):
        m = meas.get(key)
        if not m or num(m.get("target")) is None:
            continue
        p = m.get("peers") or {}
        t, med = num(m.get("target")), num(p.get("median"))
        if med is None or (t == 0 and med == 0 and not num(p.get("q3"))):
            continue  # nothing to say: neither the target nor the typical peer has any
        show = pct if "share" in key else (lambda v: fmt(v, 1))
        percentile = num(m.get("percentile"))
        where = "" if percentile is None else (" — higher than most" if percentile >= 75 else " — lower than most" if percentile <= 25 else " — within the usual range")
        bullets.append(f"{what}: {show(t)}, against a peer median of {show(med)} (middle half {show(p.get('q1'))}–{show(p.get('q3'))}){where}.")
    bullets += _summary_words(c) + _summary_naming(c) + _summary_stance(c) + _summary_claims(c, claims)
    src = c.get("sources") or {}
    if src.get("target_only"):
        bullets.append("Voices only this article quotes: " + ", ".join(v.get("voice", "?") for v in src["target_only"][:5]) + ".")
    if src.get("target_omits"):
        bullets.append("Voices several others quote that it leaves out: "
                       + ", ".join(f"{v.get('voice', '?')} ({v.get('n_peers', '?')} peers)" for v in src["target_omits"][:5]) + ".")
    if not bullets:
        bullets.append("The analyzers found no measurable difference between this article and the other coverage.")
    sec.add(Bullets(tuple(bullets)))
    sec.add(Para("These are measurements, not verdicts. Each points at the words behind it: the highlighted text, the tables "
                 "and the appendix give the passages and offsets, so a reader can check every one.", cls="note"))
    return sec


def _charts_section(c: Mapping, peers: _Peers) -> Section:
    sec = Section("charts", "The article among the coverage")
    meas = c.get("measures") or {}
    m = meas.get("loaded_per_1000_author")
    if m:
        p = m.get("peers") or {}
        svg = charts.outlet_bars(_measure_rows(m, peers, m.get("target")), xlabel="loaded terms per 1,000 words (author's voice)",
                                 median=num(p.get("median")), q1=num(p.get("q1")), q3=num(p.get("q3")))
        if svg:
            sec.add(Chart(svg, "Loaded language in the author's voice, per outlet (the mean over its articles when it has several, their "
                               "number in brackets). The target is orange, outlined and labelled TARGET; the dashed line is the peers' "
                               "median, the grey band their middle half (both over articles). L/C/R: the outlet's lean.",
                          "Loaded language per outlet"))
    rows = []
    for key in ("quoted_share", "sources_distinct", "named_source_share", "anonymous_per_1000", "vague_per_1000", "unattributed_per_1000"):
        mm = meas.get(key)
        if not mm:
            continue
        p = mm.get("peers") or {}
        f = pct if "share" in key else (lambda v: fmt(v, 1))
        bl = mm.get("by_lean") or {}
        rows.append((mm.get("label") or key, f(mm.get("target")), f(p.get("median")), f"{f(p.get('q1'))}–{f(p.get('q3'))}",
                     fmt(mm.get("percentile"), 0), *(f((bl.get(lean) or {}).get("median")) for lean in LEANS)))
    if m:
        p = m.get("peers") or {}
        bl = m.get("by_lean") or {}
        rows.insert(0, (m.get("label") or "loaded", fmt(m.get("target")), fmt(p.get("median")), f"{fmt(p.get('q1'))}–{fmt(p.get('q3'))}",
                        fmt(m.get("percentile"), 0), *(fmt((bl.get(lean) or {}).get("median")) for lean in LEANS)))
    if rows:
        sec.add(Table(("measure", "target", "peers' median", "middle half", "percentile", "left median", "center median", "right median"),
                      tuple(rows), "Where the target stands on each measure; percentile = share of peers below the target.",
                      numeric=(1, 2, 3, 4, 5, 6, 7), cls="small"))
    sm = c.get("stance_matrix") or {}
    cols = sm.get("columns") or []
    srows = (sm.get("rows") or [])[:10]
    if cols and srows:
        # one column per outlet: the mean of its articles' stances (the target keeps its own column)
        outlets: dict[str, list[str]] = {}
        for col in cols:
            cid = str(col.get("id"))
            key = "\x00target" if cid == "target" else peers.outlet(cid)
            outlets.setdefault(key, []).append(cid)
        names = [k for k in outlets if any(i in (r.get("cells") or {}) for r in srows for i in outlets[k]) or k == "\x00target"]
        vals = []
        for r in srows:
            cells = r.get("cells") or {}
            row = []
            for k in names:
                v = [x for x in (num((cells.get(i) or {}).get("stance")) for i in outlets[k] if i in cells) if x is not None]
                row.append(sum(v) / len(v) if v else None)
            vals.append(row)
        colspec: list[dict[str, Any]] = [{"label": "TARGET" if k == "\x00target" else k + (f" ({len(outlets[k])})" if len(outlets[k]) > 1 else ""),
                    "is_target": k == "\x00target"} for k in names]
        actor_names = [r.get("actor", "?") for r in srows]
        if len(colspec) > 14:  # many outlets: outlets as rows, actors as columns
            svg = charts.stance_heatmap([cs["label"] for cs in colspec], [{"label": a} for a in actor_names],
                                        [list(col) for col in zip(*vals)],
                                        target_row=next((i for i, cs in enumerate(colspec) if cs["is_target"]), None))
            where = "in each outlet (rows; the mean over an outlet's articles when it has several, their number in brackets) toward each actor (columns)"
        else:
            svg = charts.stance_heatmap(actor_names, colspec, vals)
            where = ("toward each actor (rows) by outlet (columns; the mean over an outlet's articles when it has several, their "
                     "number in brackets)")
        if svg:
            sec.add(Chart(svg, f"Stance {where}, author's voice, from −1 to +1. The value is printed in each cell "
                               "(shading: red negative, blue positive, white neutral); an empty grey cell means the outlet does not mention "
                               "the actor. The target is boxed.", "Actor × outlet stance"))
    src = c.get("sources") or {}
    bo = src.get("by_outlet") or []
    if bo:
        kinds: Counter[str] = Counter()
        for r in bo:
            kinds.update({k: v for k, v in (r.get("by_kind") or {}).items() if v})
        order = [k for k, _ in kinds.most_common()]
        agg: dict[str, dict] = {}
        for r in bo:
            tgt_row = r.get("id") == "target"
            key = "\x00target" if tgt_row else peers.outlet(r.get("id"))
            a = agg.setdefault(key, {"label": peers.label("target") if tgt_row else key, "is_target": tgt_row, "counts": Counter(), "n": 0})
            a["counts"].update({k: v for k, v in (r.get("by_kind") or {}).items() if v})
            a["n"] += 1
        rows2 = [dict(a, label=a["label"] + (f" ({a['n']})" if a["n"] > 1 else ""), counts=dict(a["counts"]))
                 for a in agg.values() if sum(a["counts"].values()) or a["is_target"]]
        svg = charts.stacked_shares(rows2, order, xlabel="share of quoted voices by kind of source")
        if svg:
            sec.add(Chart(svg, "Share of voice by kind of source, per outlet (all its articles together; outlets quoting no one are left out, "
                          "except the target). Letters in the bars are the kinds in the legend.",
                          "Share of voice by source kind"))
    return sec


def _words_section(c: Mapping, d: Mapping, peers: _Peers) -> Section:
    sec = Section("word-choice", "Word choice")
    dt = c.get("distinctive_terms") or {}
    tt, pt = dt.get("target") or [], dt.get("peers") or []
    svg = charts.fightin_words(tt, pt, target_label="the target")
    if svg:
        sec.add(Chart(svg, "Fightin' Words: each word's z-score (how strongly it distinguishes the target from the other coverage) "
                           "against how often it is used. Upward triangles: the target's words; downward: the peers'. Beyond the "
                           "dashed lines (|z| > 1.96) a difference is unlikely to be chance.", "Distinctive terms"))
    if not tt and not pt:
        sec.add(Para("No word sets the target apart from the other coverage beyond chance (no term reaches |z| ≥ 1.96 "
                     "after bylines, captions and other page furniture are removed)."))
    text = d["article"]["text"]
    for side, items, cap in (("target", tt, "Words the target uses more (|z| ≥ 1.96)"), ("peers", pt, "Words the peers use more (|z| ≥ 1.96)")):
        if not items:
            continue
        rows = []
        for t in items[:15]:
            ex = (t.get("examples") or [None])[0]
            q = None
            if ex:
                src = "" if side == "target" else peers.label(ex.get("text_id"))
                q = quote_at(ex, text if side == "target" else None, src)
            rows.append((t.get("term"), fmt(t.get("z"), 2), t.get("count_target", "–"), t.get("count_peers", "–"), q))
        sec.add(Table(("term", "z", "in target", "in peers", "example [source, offsets]"), tuple(rows), cap + ".", numeric=(1, 2, 3), cls="small"))
    naming = [ref for ref in c.get("naming") or [] if ((ref.get("target") or {}).get("counts") or ref.get("peers_total"))]
    if naming:
        sec.add(Para("Naming choices: what each article calls the same thing", cls="h3"))
        svg = charts.naming_chart([{"referent": ref.get("referent", "?").replace("_", " "), "target": (ref.get("target") or {}).get("counts") or {},
                                    "peers": ref.get("peers_total") or {}} for ref in naming], target_label="target")
        if svg:
            sec.add(Chart(svg, "For each referent, the names the target uses (upper bar) and the names all peers use together "
                               "(lower bar), as shares of the names used.", "Naming choices"))
        naming_rows = []
        for ref in naming:
            tc = (ref.get("target") or {}).get("counts") or {}
            ex = next(iter((ref.get("target") or {}).get("examples") or []), None)
            per_term: dict[str, list[str]] = defaultdict(list)
            for o in ref.get("by_outlet") or []:
                for term, n in (o.get("counts") or {}).items():
                    if n:
                        per_term[term].append(peers.outlet(o.get("id")))
            pc = ref.get("peers_total") or {}
            outl = []
            for term in sorted(per_term, key=lambda t: -(pc.get(t) or len(per_term[t]))):
                who = per_term[term]
                item = f"{term} {pc.get(term, len(who))} in {len(who)} article{'s' if len(who) != 1 else ''}"
                if len(who) <= 3:
                    item += " (" + ", ".join(dict.fromkeys(who)) + ")"
                outl.append(item)
            naming_rows.append((ref.get("referent", "?").replace("_", " ") + (f" ({ref['description']})" if ref.get("description") else ""),
                         ", ".join(f"{k} {v}" for k, v in tc.items()) or "–",
                         quote_at(ex, text) if ex else "–",
                         "; ".join(outl) or "–"))
        sec.add(Table(("referent", "target", "target example [offsets]", "peers"), tuple(naming_rows),
                      "Names used for each referent: the target's counts, and each name's count over all peers with the number of "
                      "peer articles using it (the outlets named when three or fewer).", cls="small"))
    return sec


def _claims_section(c: Mapping, d: Mapping, peers: _Peers, claims: list[dict]) -> Section:
    sec = Section("claims", "Claims checked against the other coverage")
    text = d["article"]["text"]
    if not claims and not (c.get("claims") or {}).get("omitted"):
        return sec.add(Para("No checkable claim in the target differs from the other coverage (or the claims check found none)."))
    sec.add(Para("Sentences in the target that state checkable facts (numbers, casualties, who did what), matched against the other "
                 "articles by what happened (the kind of act: attack, deaths, injuries, vote, threat ...) and who took part, with "
                 "wording as one clue among several. “Reported differently”: the target attributes the claim to a source and other "
                 "outlets report otherwise; it is not a verdict that the claim is false. “Not found elsewhere”: no other article "
                 "reports this act with these participants; where another article reports the same act with other details, the "
                 "check abstains and lists nothing. Captions, credits, bylines and update lines are never checked. "
                 "C-numbers match the tags in the highlighted text."))
    rows = []
    for n, x in enumerate(claims, 1):
        ev = x.get("peer_evidence") or []
        evq = []
        for e in ev[:2]:
            q = quote_at(e, None, peers.label(e.get("text_id")))
            if q:
                evq.append(Quote(clip(q.text, 160), q.start, q.end, q.source, f"{e.get('relation', 'related')}, similarity {fmt(e.get('similarity'), 2)}"))
        if x["_kind"] == "contradicted":
            status = x.get("wording") or "contradicted"
        elif x.get("confidence", "high") == "high":
            status = "not found elsewhere"
        else:
            status = "no match found: check the closest peer sentences"
        rows.append((f"C{n}", status, Quote(clip(x.get("quote") or text[x["start"]:x["end"]], 240), x.get("start"), x.get("end")),
                     x.get("reason") or "–", tuple(evq) if evq else "no similar peer sentence"))
    if rows:
        sec.add(Table(("#", "status", "target sentence [offsets]", "why", "closest peer evidence"), tuple(rows), cls="claims small"))
    more = {k: len((c.get("claims") or {}).get(k) or []) - MAX_CLAIMS for k in ("contradicted", "uncorroborated")}
    more = {k: v for k, v in more.items() if v > 0}
    if more:
        sec.add(Para("Not shown: " + " and ".join(f"{v} more {k} claims" for k, v in more.items())
                     + " (all are in the comparison JSON: framing compare ... --json).", cls="note"))
    om = (c.get("claims") or {}).get("omitted") or []
    if om:
        omitted_rows = []
        for x in om[:20]:
            q = quote_at(x, None, peers.label(x.get("text_id")))
            ct = x.get("closest_target")
            ctq = (Quote(clip(ct.get("quote", ""), 120), ct.get("start"), ct.get("end"), "", f"similarity {fmt(ct.get('similarity'), 2)}")
                   if ct else "no sentence of the target is about it")
            omitted_rows.append((Quote(clip(q.text, 220), q.start, q.end, q.source) if q else "–", f"{x.get('n_peers', '?')} ({pct(x.get('share_peers'))})", ctq))
        sec.add(Table(("fact reported by peers [source, offsets]", "peers reporting it", "closest sentence in the target"), tuple(omitted_rows),
                      "Possibly left out: facts that several other articles report in like words and that no sentence of the target "
                      "states (quotes included). Check the closest target sentence before relying on one: on the hand-checked sample "
                      "about 1 in 10 such flags was wrong (1 of 16).", cls="small"))
    return sec


def _voices_section(c: Mapping, peers: _Peers) -> Section | None:
    src = c.get("sources") or {}
    bo = src.get("by_outlet") or []
    tgt = next((r for r in bo if r.get("id") == "target"), None)
    sec = Section("voices", "Who gets to speak", new_page=False)
    if tgt and tgt.get("voices"):
        rows = tuple((v.get("voice"), v.get("kind"), v.get("quotes"), v.get("words"), pct(v.get("share")), ", ".join(v.get("cues") or []) or "–")
                     for v in tgt["voices"])
        sec.add(Table(("voice", "kind", "statements", "words", "share of quoted words", "reporting verbs"), rows, "The target's sources.",
                      numeric=(2, 3, 4), cls="small"))
    if src.get("target_only"):
        sec.add(Table(("voice", "kind", "statements"), tuple((v.get("voice"), v.get("kind"), v.get("quotes")) for v in src["target_only"]),
                      "Voices only the target quotes.", numeric=(2,), cls="small"))
    if src.get("target_omits"):
        sec.add(Table(("voice", "kind", "quoted by peers", "for example in"),
                      tuple((v.get("voice"), v.get("kind"), v.get("n_peers"), ", ".join(peers.label(p) for p in (v.get("peers") or [])[:4]))
                            for v in src["target_omits"][:20]), "Voices several peers quote and the target leaves out.", numeric=(2,), cls="small"))
    return sec if sec.blocks else None


def _actor_cards_comparison(c: Mapping, d: Mapping, peers: _Peers) -> Section:
    sm = c.get("stance_matrix") or {}
    extra: dict[str, dict] = {}
    for row in sm.get("rows") or []:
        cells = row.get("cells") or {}
        pl: Counter[str] = Counter()
        for k, cell in cells.items():
            if k != "target":
                pl.update(label_name(x) for x in cell.get("labels") or [])
        facts = {"peers' median stance": f"{signed(row.get('peers_median'))} over {row.get('n_peers', 0)} peers"}
        if pl:
            facts["labels peers use"] = ", ".join(f"{k} ({v})" for k, v in pl.most_common(6) if k)
        extra[row.get("actor")] = facts
    sec = actors.section(d, top=8, peer_facts=extra, n_evidence=4)
    sec.title = "A framing card per actor"
    return sec


SHORT_MEASURE = {
    "loaded_per_1000_author": "loaded/1,000",
    "quoted_share": "quoted",
    "sources_distinct": "sources",
    "named_source_share": "named",
    "anonymous_per_1000": "anonymous/1,000",
    "vague_per_1000": "vague/1,000",
    "unattributed_per_1000": "unattributed/1,000",
}


APPENDIX_MEASURES = ("loaded_per_1000_author", "quoted_share", "sources_distinct", "anonymous_per_1000", "unattributed_per_1000")


def _appendix(c: Mapping, peers: _Peers) -> Section:
    sec = Section("appendix", "Appendix: the outlets compared")
    meas = c.get("measures") or {}
    by_id: dict[str, dict] = defaultdict(dict)
    for key, m in meas.items():
        for v in m.get("values") or []:
            by_id[str(v.get("id"))][key] = v.get("value")
    sm = c.get("stance_matrix") or {}
    stance_by: dict[str, list] = defaultdict(list)
    for row in sm.get("rows") or []:
        for k, cell in (row.get("cells") or {}).items():
            if num(cell.get("stance")) is not None:
                stance_by[str(k)].append(f"{row.get('actor')} {signed(cell.get('stance'))}")
    voices_by = {str(r.get("id")): r for r in (c.get("sources") or {}).get("by_outlet") or []}
    naming_by: dict[str, list] = defaultdict(list)
    for ref in c.get("naming") or []:
        for o in ref.get("by_outlet") or []:
            cnt = o.get("counts") or {}
            if cnt:
                naming_by[str(o.get("id"))].append(", ".join(f"{k} {v}" for k, v in cnt.items()))
    rows = []
    for p in c.get("peers") or []:
        pid = str(p.get("id"))
        ms = by_id.get(pid) or {}
        head = (f"{peers.label(pid)}\n{p.get('lean') or '–'} · {when(p.get('published'))}\n"
                f"{p.get('word_count', '–')} words · similarity {fmt(p.get('similarity'), 2)}")
        what = clip(p.get("title") or "–", 110) + "\n" + (p.get("url") or "–")
        if not p.get("in_measures", True):
            what += "\n(" + (p.get("text_kind") or "short text").replace("_", " ") + ": too short for the measures)"
        meas_s = "\n".join(f"{SHORT_MEASURE.get(k, k)} {(pct(v) if 'share' in k else fmt(v))}" for k, v in ms.items()
                            if v is not None and k in APPENDIX_MEASURES) or "–"
        st = stance_by.get(pid) or []
        stance_s = "\n".join(st[:4]) + (" …" if len(st) > 4 else "") if st else "–"
        vr = voices_by.get(pid) or {}
        vs = vr.get("voices") or []
        voices_s = ", ".join(f"{v.get('voice')} ({v.get('quotes')})" for v in vs[:3]) + (" …" if len(vs) > 3 else "") if vs else "–"
        names_s = "; ".join(naming_by.get(pid) or []) or "–"
        rows.append((head, what, meas_s, stance_s, voices_s, names_s))
    sec.add(Para("One row per peer article: the outlet, its lean and date, the words and its similarity to the other coverage; its "
                 "title and address; its measures; its stance toward the actors; whom it quotes; and the names it uses."))
    sec.add(Table(("outlet", "title and address", "measures", "stance (author's voice)", "quotes (statements)", "names used"),
                  tuple(rows), cls="appendix-table tiny"))
    if c.get("set_aside"):
        sec.add(Table(("set aside", "similarity", "reason"), tuple((peers.label(p.get("id")), fmt(p.get("similarity"), 2), p.get("reason") or "–")
                                                                   for p in c["set_aside"]),
                      "Articles set aside as being about a different story.", numeric=(1,), cls="small"))
    return sec


def build(comparison: Comparison) -> Report:
    """The comparison report model (target against peers)."""
    c = comparison.to_dict()
    tgt = c.get("target") or {}
    d = tgt.get("analysis")
    if not d:
        raise ValueError("the comparison carries no target analysis (target.analysis)")
    art = d["article"]
    prov = d.get("provenance") or {}
    peers = _Peers(c)
    by_lean: dict[str, list[str]] = {lean: [] for lean in LEANS}
    by_lean["unknown"] = []
    for p in c.get("peers") or []:
        lean = p.get("lean") if p.get("lean") in LEANS else "unknown"
        if p.get("outlet") and p["outlet"] not in by_lean[lean]:
            by_lean[lean].append(p["outlet"])
    by_lean = {k: sorted(v) for k, v in by_lean.items() if v}
    facts = [("outlet", tgt.get("outlet") or art.get("outlet") or "–"), ("published", when(tgt.get("published") or art.get("published"))),
             ("source", tgt.get("url") or art.get("url") or art.get("source") or "–"), ("words", f"{tgt.get('word_count') or art.get('word_count', 0):,}"),
             ("compared with", f"{len(c.get('peers') or [])} articles from {sum(len(v) for v in by_lean.values())} outlets"
              + (f" ({len(c['set_aside'])} set aside)" if c.get("set_aside") else "")),
             ("date of analysis", now()),
             ("tool", f"framing {c.get('framing_version') or version()}" + (f", analyzer {prov['analyzer_version']}" if prov.get("analyzer_version") else ""))]
    claims = _claims_list(c)
    marks, legend = target_marks(d, claims=claims)
    text_sec = Section("text", "The target text, with its findings highlighted", cls="text-section")
    text_sec.add(highlighted_block(d, marks, legend))
    sections = [
        _summary_comparison(c, d, peers, claims),
        text_sec,
        _charts_section(c, peers),
        _words_section(c, d, peers),
        _claims_section(c, d, peers, claims),
    ]
    v = _voices_section(c, peers)
    if v:
        sections.append(v)
    if c.get("frames"):
        sections.append(frames_report.comparison_section(c["frames"]))
    if c.get("roles"):
        sections.append(roles_report.comparison_section(c["roles"]))
    sections += [_actor_cards_comparison(c, d, peers), methodology.section("comparison", prov), _appendix(c, peers)]
    return Report("comparison", art.get("title") or "(untitled article)", "How this article tells the story, compared with other outlets",
                  facts, sections, peers_by_lean=by_lean, generated_at=now(), version=version(), source_text=art["text"])
