"""Report builder of the techniques section: counts by technique and voice, the text with technique marks and legend.

* :func:`marks` -- highlight marks and legend items for the technique spans
  (kind ``technique`` in the author's voice, ``technique-quoted`` inside quotes;
  code ``T1``, ``T2`` ... per technique, in order of frequency), and for the
  section's ``uncertain`` spans (kind ``technique-uncertain``, code ``?``: shown,
  not counted);
* :func:`section` -- counts per technique (author / quoted, per 1,000 words),
  the highlighted text with its own legend, and the spans table;
* :func:`summary` -- the bullets for the report summary.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from framing.report.highlight import Mark, highlight
from framing.report.model import Highlighted, LegendItem, Para, Quote, Section, Table
from framing.report.sections.common import fmt


def marks(d: Mapping) -> tuple[list[Mark], list[LegendItem]]:
    """Technique spans as highlight marks, with one legend item per technique (count, by voice)."""
    te = d.get("techniques") or {}
    spans = te.get("spans") or []
    order = [t for t, _ in Counter(s["technique"] for s in spans).most_common()]
    codes = {t: f"T{i + 1}" for i, t in enumerate(order)}
    out: list[Mark] = []
    by_voice: dict[str, Counter] = {t: Counter() for t in order}
    labels: dict[str, str] = {}
    for s in spans:
        quoted = s.get("voice") == "quoted"
        by_voice[s["technique"]]["quoted" if quoted else "author"] += 1
        labels[s["technique"]] = s.get("label") or s["technique"]
        out.append(Mark(s["start"], s["end"], "technique-quoted" if quoted else "technique", codes[s["technique"]],
                        f"{labels[s['technique']]} ({'quoted voice' if quoted else 'author’s voice'}; p = {s.get('probability', 0):.2f})",
                        (("rule", str(s.get("rule", ""))), ("technique", s["technique"]))))
    legend = [LegendItem("technique", codes[t], labels[t], sum(by_voice[t].values()),
                         f"{by_voice[t]['author']} author, {by_voice[t]['quoted']} quoted") for t in order]
    unsure = te.get("uncertain") or []  # under the model's threshold: shown with a dashed mark and "?", never counted
    for s in unsure:
        label = s.get("label") or s["technique"]
        out.append(Mark(s["start"], s["end"], "technique-uncertain", "?",
                        f"uncertain: {label} (p = {s.get('probability', 0):.2f}, under {te.get('uncertain_below', 0):.2f}; not counted)",
                        (("rule", str(s.get("rule", ""))), ("technique", s["technique"]))))
    if unsure:
        legend.append(LegendItem("technique-uncertain", "?", "uncertain technique (under the model's threshold; not counted)",
                                 len(unsure)))
    return out, legend


def section(d: Mapping, *, top: int = 30) -> Section:
    te = d.get("techniques") or {}
    sec = Section("techniques", "Persuasion techniques")
    spans = te.get("spans") or []
    if not spans and not te.get("uncertain"):
        sec.add(Para("No persuasion-technique spans were found (or the techniques analyzer did not run)."))
        return sec
    words = te.get("words") or 0
    rows = []
    for tech, c in sorted((te.get("counts") or {}).items(), key=lambda kv: -(kv[1].get("author", 0) + kv[1].get("quoted", 0))):
        n = c.get("author", 0) + c.get("quoted", 0)
        label = next((s.get("label") for s in spans if s["technique"] == tech), tech)
        ex = list(dict.fromkeys(s["quote"] for s in spans if s["technique"] == tech and s.get("voice") != "quoted"))[:3]
        rows.append((label, c.get("author", 0), c.get("quoted", 0), fmt(1000 * n / words, 1) if words else "–", "; ".join(ex) or "–"))
    if rows:
        sec.add(Table(("technique", "author", "quoted", "per 1,000 words", "examples (author's voice)"), tuple(rows),
                      "Technique spans by voice (after SemEval-2020 Task 11). Loaded language and name calling are the "
                      "loaded-language analyzer's spans, labelled by the technique classifier. Uncertain spans (marked "
                      "“?” in the text) are not counted.", numeric=(1, 2, 3)))
    mk, legend = marks(d)
    html = highlight(d["article"]["text"], mk, id_prefix="t")
    sec.add(Highlighted(html, tuple(legend), "Each highlight is a technique span; the tag after it is its code in this legend. "
                                             "Striped: inside quotes (someone else's words). Dashed grey with “?”: "
                                             "uncertain (under the model's threshold), not counted."))
    ranked = sorted(spans, key=lambda s: -float(s.get("probability") or 0))[:top]
    if not ranked:
        return sec
    sec.add(Table(("span [offsets]", "technique", "voice", "probability", "rule"),
                  tuple((Quote(s["quote"], s["start"], s["end"]), s.get("label") or s["technique"], s.get("voice", ""),
                         fmt(s.get("probability"), 2), s.get("rule", "")) for s in ranked),
                  f"The {len(ranked)} spans the classifier is surest of.", numeric=(3,)))
    return sec


def summary(d: Mapping) -> list[str]:
    te = d.get("techniques") or {}
    counts = te.get("counts") or {}
    if not counts:
        return []
    spans = te.get("spans") or []
    labels = {s["technique"]: s.get("label") or s["technique"] for s in spans}
    top = sorted(counts.items(), key=lambda kv: -kv[1].get("author", 0))[:3]
    items = [f"{labels.get(t, t)} ({c.get('author', 0)})" for t, c in top if c.get("author", 0)]
    rate = te.get("per_1000_words_author")
    if not items:
        return [f"Persuasion techniques appear only inside quotes ({sum(c.get('quoted', 0) for c in counts.values())} spans)."]
    return [f"Persuasion techniques in the author's voice: {rate:.1f} per 1,000 words; most often " + ", ".join(items) + "."]
