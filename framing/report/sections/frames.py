"""Report builder of the frames section: the profile chart, the paragraphs by primary frame, the evidence.

* :func:`section` -- the frames page of a single-article report: the 14-frame
  profile (bar chart of calibrated probabilities, frames present in solid), a
  strip of the body's paragraphs coloured by their primary frame, the text
  with each paragraph tagged by its frame code, and the evidence table (cues and
  sentences) of every frame present;
* :func:`summary` -- the bullets for the report summary;
* :func:`heatmap` -- a frame x outlet (or lean) heatmap of mean probabilities,
  for the comparison report (rows from :mod:`framing.comparison.frames`).

Builders read the analysis's JSON form (``Analysis.to_dict()``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from framing.report import charts
from framing.report.highlight import Mark, highlight
from framing.report.model import Chart, Highlighted, LegendItem, Para, Quote, Section, Table
from framing.report.sections.common import clip

#: frame id -> (short code shown in the text, colour of the strip and chart)
FRAME_STYLE: dict[str, tuple[str, str]] = {
    "Economic": ("ECO", "#1b9e77"),
    "Capacity_and_resources": ("CAP", "#66a61e"),
    "Morality": ("MOR", "#7570b3"),
    "Fairness_and_equality": ("FAI", "#e7298a"),
    "Legality_Constitutionality_and_jurisprudence": ("LEG", "#d95f02"),
    "Policy_prescription_and_evaluation": ("POL", "#e6ab02"),
    "Crime_and_punishment": ("CRI", "#a6761d"),
    "Security_and_defense": ("SEC", "#b2182b"),
    "Health_and_safety": ("HEA", "#2166ac"),
    "Quality_of_life": ("QOL", "#4daf4a"),
    "Cultural_identity": ("CUL", "#984ea3"),
    "Public_opinion": ("OPI", "#ff7f00"),
    "Political": ("PLT", "#377eb8"),
    "External_regulation_and_reputation": ("EXT", "#666666"),
}


def _label(frame: str) -> str:
    return frame.replace("_", " ")


def profile_chart(frames: Sequence[Mapping], *, title: str = "") -> str:
    """Horizontal bars of the 14 frame probabilities (present: solid in the frame's colour; absent: outlined)."""
    if not frames:
        return ""
    fig = charts.figure(6.2, 0.26 * len(frames) + 0.8)
    ax = fig.add_subplot()
    ys = list(range(len(frames)))
    for y, f in zip(ys, frames):
        colour = FRAME_STYLE.get(f["frame"], ("", "#999999"))[1]
        ax.barh(y, f["probability"], color=colour if f.get("present") else "#ffffff", edgecolor=colour, lw=1.0, height=0.7)
        ax.text(f["probability"] + 0.01, y, f"{f['probability']:.2f}", va="center", fontsize=6.5)
    ax.set_yticks(ys, [str(f.get("label") or _label(f["frame"]))[:44] for f in frames], fontsize=7)
    ax.invert_yaxis()
    ax.set_xlim(0, 1.1)
    ax.set_xlabel("probability (calibrated)")
    return charts.to_svg(fig, title=title or "frame profile")


def paragraph_strip(paragraphs: Sequence[Mapping], *, title: str = "") -> str:
    """One cell per body paragraph, in reading order, coloured by its primary frame (grey: too short to frame)."""
    if not paragraphs:
        return ""
    fig = charts.figure(6.2, 1.3, {"svg.fonttype": "none"})
    ax = fig.add_subplot()
    used: dict[str, str] = {}
    for i, p in enumerate(paragraphs):
        code, colour = FRAME_STYLE.get(p.get("primary") or "", ("", "#dddddd"))
        ax.bar(i, 1, width=1.0, color=colour, edgecolor="#ffffff", lw=0.5)
        if code:
            used[code] = colour
    ax.set_yticks([])
    ax.set_xlabel("paragraph (reading order)")
    ax.set_xlim(-0.5, len(paragraphs) - 0.5)
    for k, (code, colour) in enumerate(used.items()):
        ax.text(k / max(1, len(used)), 1.08, code, color=colour, fontsize=7, transform=ax.transAxes, fontweight="bold")
    return charts.to_svg(fig, title=title or "paragraphs by primary frame")


def heatmap(rows: Sequence[str], columns: Sequence[str], values: Sequence[Sequence[float]], *, title: str = "") -> str:
    """A frame (rows) x outlet or lean (columns) heatmap of probabilities in [0, 1], values printed in the cells."""
    if not rows or not columns:
        return ""
    fig = charts.figure(max(4.0, 0.9 * len(columns) + 3.2), 0.3 * len(rows) + 1.2)
    ax = fig.add_subplot()
    ax.imshow(values, cmap="Greys", vmin=0.0, vmax=1.0, aspect="auto")
    for i, row in enumerate(values):
        for j, v in enumerate(row):
            ax.text(j, i, f"{v:.2f}", ha="center", va="center", fontsize=6, color="#ffffff" if v > 0.6 else "#000000")
    ax.set_yticks(range(len(rows)), [_label(r)[:52] for r in rows], fontsize=6.5)
    ax.set_xticks(range(len(columns)), [str(c)[:18] for c in columns], fontsize=6.5, rotation=30, ha="right")
    return charts.to_svg(fig, title=title or "frame profile by outlet")


def _text_block(d: Mapping, paragraphs: Sequence[Mapping]) -> Highlighted:
    text = d["article"]["text"]
    marks: list[Mark] = []
    counts: dict[str, int] = {}
    for p in paragraphs:
        frame = p.get("primary") or ""
        if not frame:
            continue
        code = FRAME_STYLE.get(frame, ("?", ""))[0]
        counts[frame] = counts.get(frame, 0) + 1
        marks.append(Mark(p["start"], p["end"], "frame", code, f"primary frame: {_label(frame)} ({p.get('probability', 0):.2f})",
                          (("frame", frame),)))
    legend = tuple(LegendItem("frame", FRAME_STYLE.get(f, ("?", ""))[0], _label(f), n)
                   for f, n in sorted(counts.items(), key=lambda kv: -kv[1]))
    return Highlighted(highlight(text, marks, id_prefix="f"), legend,
                       "Each paragraph of the body is tagged with the code of its primary frame (paragraphs under 8 words are left untagged).")


def section(d: Mapping, *, top_sentences: int = 2) -> Section:
    fr = d.get("frames") or {}
    sec = Section("frames", "Issue frames")
    frames = fr.get("frames") or []
    if not frames:
        sec.add(Para("The frames analyzer did not run on this article."))
        return sec
    present = [f for f in frames if f.get("present")]
    head = fr.get("headline") or {}
    sec.add(Para(f"Primary frame: {_label(fr.get('primary', ''))}. Frames present: "
                 + ", ".join(f"{f['label']} ({f['probability']:.2f})" for f in present) + "."
                 + (f" The headline alone reads as {_label(head['primary'])}." if head.get("primary") else "")))
    svg = profile_chart(frames)
    if svg:
        sec.add(Chart(svg, "The 14 generic frames of the Media Frames Corpus codebook: calibrated probability that the article "
                           "uses each (solid: present, at or above the model's threshold)."))
    paragraphs = fr.get("paragraphs") or []
    svg = paragraph_strip(paragraphs)
    if svg:
        sec.add(Chart(svg, "The body's paragraphs in reading order, coloured by their primary frame."))
    if paragraphs:
        sec.add(_text_block(d, paragraphs))
    rows: list[tuple[str, str, Quote | str]] = []
    for f in present:
        cues = ", ".join(dict.fromkeys(e["quote"].lower() for e in f.get("evidence") or [])) or "–"
        for s in (f.get("sentences") or [])[:top_sentences]:
            rows.append((f["label"], cues, Quote(clip(s["quote"], 220), s["start"], s["end"])))
        if not f.get("sentences"):
            rows.append((f["label"], cues, "–"))
    if rows:
        sec.add(Table(("frame", "words and cues that carry it", "sentence [offsets]"), tuple(rows),
                      "Why each frame: the words with the largest contributions to the classifier's score, and the sentences that hold most of them."))
    return sec


def summary(d: Mapping) -> list[str]:
    fr = d.get("frames") or {}
    present = [f for f in fr.get("frames") or [] if f.get("present")]
    if not present:
        return []
    head = fr.get("headline") or {}
    out = f"Issue frames: mostly {_label(fr.get('primary', ''))}; also " + ", ".join(f["label"] for f in present[1:4]) if len(present) > 1 \
        else f"Issue frame: {_label(fr.get('primary', ''))}"
    if head.get("primary"):
        out += f" (headline: {_label(head['primary'])})"
    return [out + "."]


def comparison_section(fc: Mapping) -> Section:
    """The comparison's frames page from :func:`framing.comparison.frames.frames_comparison`'s JSON: a frame x outlet
    heatmap, a frame x lean heatmap, the frames only the target uses and those it leaves out, technique rates per outlet."""
    sec = Section("frames-comparison", "Issue frames and persuasion techniques across outlets")
    outlets = fc.get("by_outlet") or []
    if not outlets:
        sec.add(Para("No article in this comparison has a frames section."))
        return sec
    frames = list(outlets[0]["profile"])
    cols = [("target: " if o["id"] == "target" else "") + str(o.get("outlet") or o["id"]) for o in outlets]
    svg = heatmap(frames, cols, [[o["profile"].get(f, 0.0) for o in outlets] for f in frames])
    if svg:
        sec.add(Chart(svg, "Probability that each article uses each frame (darker: more likely), one column per outlet."))
    leans = fc.get("by_lean") or {}
    if leans:
        names = list(leans)
        svg = heatmap(frames, [f"{n} ({leans[n]['n']})" for n in names], [[leans[n]["profile"].get(f, 0.0) for n in names] for f in frames])
        if svg:
            sec.add(Chart(svg, "Mean frame probability of the peers of each lean (number of peers in brackets)."))
    rows = [(_label(r["frame"]), "only the target", fmt_share(r)) for r in fc.get("target_only") or []]
    rows += [(_label(r["frame"]), "left out by the target", fmt_share(r)) for r in fc.get("target_omits") or []]
    if rows:
        sec.add(Table(("frame", "", "peers using it"), tuple(rows),
                      "Frames the target uses that at most a quarter of the peers use, and frames half or more of the peers use that the target does not."))
    trows = []
    for t in fc.get("techniques") or []:
        per = t.get("per_1000_author") or {}
        top = ", ".join(f"{k.split(',')[0].replace('_', ' ')} {v:.1f}" for k, v in list(per.items())[:3])
        ex = "; ".join(q for qs in list((t.get("examples") or {}).values())[:2] for q in qs[:1])
        trows.append((str(t.get("outlet") or t["id"]), f"{sum(per.values()):.1f}", top or "–", ex or "–"))
    if trows:
        sec.add(Table(("outlet", "techniques per 1,000 words (author)", "most frequent", "examples"), tuple(trows),
                      "Persuasion-technique spans in each outlet's own voice.", numeric=(1,)))
    return sec


def fmt_share(r: Mapping) -> str:
    return f"{r['peers_using']} of {r['peers']}"
