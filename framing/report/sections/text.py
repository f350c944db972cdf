"""The target text with its findings highlighted: the marks and legend built from section offsets.

Layers: loaded terms (by category; author's voice solid, quoted voice striped),
quoted and reported speech (by speaker), anonymous and vague sources, and either
unattributed claims or a comparison's numbered claims. Highlights themselves are
made in one place, :func:`framing.report.highlight.highlight`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from framing.report.highlight import Mark, highlight
from framing.report.model import Highlighted, LegendItem
from framing.report.sections.common import cat_codes, speaker_key


def target_marks(
    d: Mapping,
    *,
    claims: Sequence[Mapping] = (),
    claim_kind: str = "claim",
    include_unattributed: bool = True,
) -> tuple[list[Mark], list[LegendItem]]:
    """The highlight marks and legend for an analysis dict.

    Layers: loaded terms (by category; author's voice solid, quoted voice
    striped), quoted and reported speech (by speaker, S1, S2 ...), anonymous
    (A) and vague (V) sources, and either the analysis's unattributed claims
    (U) or the given comparison ``claims`` (C1, C2 ... as numbered in the
    claims table).
    """
    marks: list[Mark] = []
    legend: list[LegendItem] = []
    ll = d.get("loaded_language") or {}
    spans = [s for s in ll.get("spans") or [] if not s.get("negated")]
    codes = cat_codes(s.get("category") or "loaded" for s in spans)
    cat_counts: dict[str, Counter] = defaultdict(Counter)
    for s in spans:
        cat = s.get("category") or "loaded"
        voice = "quoted" if s.get("voice") == "quoted" else "author"
        cat_counts[cat][voice] += 1
        alt = s.get("alternative")
        title = f"loaded ({cat.replace('_', ' ')}, {'quoted voice' if voice == 'quoted' else 'author’s voice'})"
        if alt:
            title += f"; neutral: {alt}"
        marks.append(Mark(s["start"], s["end"], "loaded-quoted" if voice == "quoted" else "loaded", codes[cat], title,
                          (("rule", str(s.get("rule", ""))),)))
    for cat in sorted(cat_counts, key=lambda c: -sum(cat_counts[c].values())):
        c = cat_counts[cat]
        legend.append(LegendItem("loaded", codes[cat], f"loaded: {cat.replace('_', ' ')}", sum(c.values()),
                                 f"{c['author']} author, {c['quoted']} quoted"))
    at = d.get("attribution") or {}
    quotes = at.get("quotes") or []
    speakers: dict[str, str] = {}
    sp_counts: Counter = Counter()
    for q in quotes:
        key = speaker_key(q)
        if key not in speakers:
            speakers[key] = f"S{len(speakers) + 1}"
        sp_counts[key] += 1
    for q in quotes:
        s, e = q.get("content_start"), q.get("content_end")
        if not (isinstance(s, int) and isinstance(e, int)) or e <= s:
            s, e = q.get("start"), q.get("end")
        if not (isinstance(s, int) and isinstance(e, int)) or e <= s:
            continue
        key = speaker_key(q)
        typ = q.get("type") or "quote"
        cue = q.get("cue") or ""
        title = f"{typ} speech of {key}" + (f", introduced by “{cue}” ({q.get('cue_class') or 'unlisted'})" if cue else "")
        marks.append(Mark(s, e, "quote" if typ == "direct" else "reported", speakers[key], title, (("speaker", key),)))
    types = Counter("quote" if (q.get("type") or "quote") == "direct" else "reported" for q in quotes)
    if types["quote"]:
        legend.append(LegendItem("quote", "S#", "direct quote (S# = speaker, below)", types["quote"]))
    if types["reported"]:
        legend.append(LegendItem("reported", "S#", "reported speech (S# = speaker, below)", types["reported"]))
    for key, code in speakers.items():
        kinds = {str(q.get("speaker_kind") or "") for q in quotes if speaker_key(q) == key} - {""}
        legend.append(LegendItem("speaker", code, f"{key}" + (f" ({', '.join(sorted(k.replace('_', ' ') for k in kinds))})" if kinds else ""),
                                 sp_counts[key]))
    for name, kind, code, label in (("anonymous_sources", "anonymous", "A", "anonymous source"),
                                    ("vague_attributions", "vague", "V", "vague attribution")):
        items = at.get(name) or []
        for it in items:
            if isinstance(it.get("start"), int) and isinstance(it.get("end"), int):
                marks.append(Mark(it["start"], it["end"], kind, code, label))
        if items:
            legend.append(LegendItem(kind, code, label, len(items)))
    if claims:
        for n, claim in enumerate(claims, 1):
            if isinstance(claim.get("start"), int) and isinstance(claim.get("end"), int):
                marks.append(Mark(claim["start"], claim["end"], claim.get("_kind", claim_kind), f"C{n}", claim.get("_title", "claim")))
        claim_kinds = Counter(claim.get("_kind", claim_kind) for claim in claims)
        for kind, cnt in claim_kinds.items():
            legend.append(LegendItem(kind, "C#", kind.replace("-", " ") + " claim (numbered as in the claims table)", cnt))
    elif include_unattributed:
        items = at.get("unattributed_claims") or []
        for it in items:
            if isinstance(it.get("start"), int) and isinstance(it.get("end"), int):
                marks.append(Mark(it["start"], it["end"], "unattributed", "U", "claim with no source in its paragraph"))
        if items:
            legend.append(LegendItem("unattributed", "U", "unattributed claim (no source in its paragraph)", len(items)))
    return marks, legend


def highlighted_block(d: Mapping, marks: list[Mark], legend: list[LegendItem], *, id_prefix: str = "m") -> Highlighted:
    art = d["article"]
    text = art["text"]
    para_class = [(0, "headline")] if art.get("title") and art.get("body_start", 0) > 0 else []
    html = highlight(text, marks, para_class=para_class, id_prefix=id_prefix)
    note = ("Each highlight is a finding; the tag after it is its legend code. Numbers in square brackets elsewhere in "
            "this report are character offsets into this text (headline included), so every finding can be checked.")
    return Highlighted(html, tuple(legend), note)

