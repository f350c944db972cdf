"""Report builder of the loaded_language section: a chart by category, the strongest phrases, the sentence scores."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping

from framing.report import charts
from framing.report.model import Chart, Para, Quote, Section, Table
from framing.report.sections.common import clip, fmt, num


def section(d: Mapping, *, top: int = 25) -> Section:
    ll = d.get("loaded_language") or {}
    sec = Section("loaded-language", "Loaded language")
    spans = [s for s in ll.get("spans") or [] if not s.get("negated")]
    if not spans:
        sec.add(Para("No loaded terms were found (or the loaded-language analyzer did not run)."))
    else:
        cats = Counter(s.get("category") or "loaded" for s in spans)
        order = [c for c, _ in cats.most_common()]
        author = [sum(1 for s in spans if (s.get("category") or "loaded") == c and s.get("voice") != "quoted") for c in order]
        quoted = [sum(1 for s in spans if (s.get("category") or "loaded") == c and s.get("voice") == "quoted") for c in order]
        svg = charts.category_bars([c.replace("_", " ") for c in order], author, quoted)
        if svg:
            sec.add(Chart(svg, "Loaded terms by category, in the author's voice (solid) and inside quotes (white bars)."))
        groups: dict[tuple, list] = defaultdict(list)
        for s in spans:
            groups[(s["quote"].lower(), s.get("voice") or "author")].append(s)
        ranked = sorted(groups.items(), key=lambda kv: (-(abs(num(kv[1][0].get("weight")) or 0.0) * len(kv[1])), kv[0]))
        rows = []
        for (_, voice), ss in ranked[:top]:
            s = ss[0]
            rows.append((Quote(s["quote"], s["start"], s["end"]), voice, (s.get("category") or "").replace("_", " "),
                         s.get("alternative") or "–", len(ss)))
        sec.add(Table(("phrase [first offsets]", "voice", "category", "neutral alternative", "times"), tuple(rows),
                      f"The {min(top, len(ranked))} strongest of {len(ranked)} distinct loaded phrases.", numeric=(4,)))
    sents = ll.get("sentences") or []
    scores = [(num(s.get("score")) or 0.0) for s in sents]
    if scores:
        svg = charts.sentence_scores(scores)
        if svg:
            sec.add(Chart(svg, "The sentence classifier's probability that each sentence is loaded, in reading order."))
        top_s = sorted((s for s in sents if num(s.get("score")) is not None), key=lambda s: -float(s["score"]))[:5]
        text = d["article"]["text"]
        sec.add(Table(("sentence", "probability"),
                      tuple((Quote(clip(text[s["start"]:s["end"]], 260), s["start"], s["end"]), fmt(s["score"], 2)) for s in top_s),
                      "The five sentences the classifier scores as most loaded.", numeric=(1,)))
    return sec



def summary(d: Mapping) -> list[str]:
    """Summary bullets: loaded terms per 1,000 words by voice, the share of loaded sentences, the strongest phrases."""
    ll = d.get("loaded_language") or {}
    bullets: list[str] = []
    pa, pq = num(ll.get("per_1000_words_author")), num(ll.get("per_1000_words_quoted"))
    if pa is not None:
        bullets.append(f"In its own voice the article uses {pa:.1f} loaded terms per 1,000 words"
                       + (f"; inside quotes, {pq:.1f}." if pq is not None else "."))
    share = num(ll.get("share_sentences_loaded"))
    sents = ll.get("sentences") or []
    if share is None and sents:
        share = sum(1 for s in sents if (num(s.get("score")) or 0) >= 0.5) / len(sents)
    if share is not None:
        bullets.append(f"{share * 100:.0f}% of its sentences score 0.5 or more on the loaded-language classifier.")
    spans = [s for s in ll.get("spans") or [] if not s.get("negated") and s.get("voice") != "quoted"]
    if spans:
        strongest = sorted(spans, key=lambda s: -abs(num(s.get("weight")) or 0))
        ex = list(dict.fromkeys(f"“{s['quote']}”" + (f" (neutral: {s['alternative']})" if s.get("alternative") else "") for s in strongest))[:3]
        bullets.append("Strongest loaded phrases in the author's voice: " + "; ".join(ex) + ".")
    return bullets
