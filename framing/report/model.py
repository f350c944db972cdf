"""One report model, built from an Analysis or a Comparison, rendered by every format.

:func:`build` turns an :class:`~framing.pipeline.Analysis` (single-article
report) or a :class:`~framing.compare.Comparison` (the article against other
outlets' coverage) into a :class:`Report`: a title page and an ordered list of
:class:`Section` objects, each a list of blocks (:class:`Para`,
:class:`Bullets`, :class:`Table`, :class:`Chart`, :class:`Highlighted`,
:class:`Cards`, :class:`Facts`). The HTML template, the Markdown writer and
the notebook view all walk the same model, so a number in the PDF is the
number in the JSON.

Everything is read from the JSON contracts (``Analysis.to_dict()``,
``Comparison.to_dict()``), never from analyzer internals; missing sections
(an analyzer that found nothing) produce a sentence saying so, not an error.

Every finding shown carries its offsets (``[start–end]``) so a reader can
check it against the text; peer evidence names the peer article it comes from.
"""

from __future__ import annotations

from framing.schema import actor_cards

import datetime as _dt
import json
import logging
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

from markupsafe import Markup

from framing.report import charts
from framing.report.highlight import Mark, highlight

log = logging.getLogger(__name__)

RULES: dict[str, str] = {}  # the report shows findings; it makes none of its own

STANCE_THRESHOLD_NOTE = "stance labels follow the analyzer's thresholds (see the methodology section)"
LEANS = ("left", "center", "right")


# --------------------------------------------------------------------------- blocks


@dataclass(frozen=True)
class Quote:
    """A quotation from an article, with its offsets; ``source`` names a peer article when it is not the target."""

    text: str
    start: int | None = None
    end: int | None = None
    source: str = ""
    note: str = ""  # shown after the quotation, outside the quotation marks

    def ref(self) -> str:
        where = f"{self.start}–{self.end}" if self.start is not None else ""
        if self.source:
            return f"{self.source}{', ' if where else ''}{where}"
        return where


@dataclass(frozen=True)
class Para:
    text: str
    cls: str = ""


@dataclass(frozen=True)
class Bullets:
    items: tuple[Any, ...]  # str or tuple of (str | Quote) pieces


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]  # cells: str, number, Quote or None
    caption: str = ""
    numeric: tuple[int, ...] = ()  # right-aligned column indices
    cls: str = ""


@dataclass(frozen=True)
class Chart:
    svg: str
    caption: str
    title: str = ""


@dataclass(frozen=True)
class LegendItem:
    kind: str
    code: str
    label: str
    count: int = 0
    extra: str = ""  # css modifier, e.g. "quoted"


@dataclass(frozen=True)
class Highlighted:
    html: Markup
    legend: tuple[LegendItem, ...]
    note: str = ""


@dataclass(frozen=True)
class Card:
    title: str
    subtitle: str = ""
    facts: tuple[tuple[str, str], ...] = ()
    evidence: tuple[tuple[str, Quote], ...] = ()  # (what it shows, quote)
    note: str = ""


@dataclass(frozen=True)
class Cards:
    cards: tuple[Card, ...]


@dataclass(frozen=True)
class Facts:
    pairs: tuple[tuple[str, str], ...]
    cls: str = ""  # "defs": long definitions, term above its text


Block = Para | Bullets | Table | Chart | Highlighted | Cards | Facts


@dataclass
class Section:
    id: str
    title: str
    blocks: list = field(default_factory=list)
    new_page: bool = True
    cls: str = ""

    def add(self, *blocks: Any) -> "Section":
        self.blocks.extend(b for b in blocks if b is not None)
        return self


@dataclass
class Report:
    """The model every format renders.

    ``kind`` is ``analysis`` or ``comparison``; ``title_facts`` are the
    title-page lines; ``peers_by_lean`` lists the peer outlets under each lean
    (comparison reports only); ``sections`` in reading order.
    """

    kind: str
    title: str
    subtitle: str
    title_facts: list[tuple[str, str]]
    sections: list[Section]
    peers_by_lean: dict[str, list[str]] = field(default_factory=dict)
    generated_at: str = ""
    version: str = ""
    source_text: str = ""  # the target's Article.text (for checking highlights)

    def section(self, ident: str) -> Section | None:
        return next((s for s in self.sections if s.id == ident), None)


# --------------------------------------------------------------------------- helpers


def _num(x: Any) -> float | None:
    if isinstance(x, bool) or x is None:
        return None
    try:
        v = float(x)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(v) else v


def _fmt(x: Any, digits: int = 1) -> str:
    v = _num(x)
    if v is None:
        return "–"
    if float(v).is_integer() and abs(v) >= 1 and digits <= 1:
        return f"{int(v):,}"
    return f"{v:,.{digits}f}"


def _pct(x: Any) -> str:
    v = _num(x)
    return "–" if v is None else f"{100 * v:.0f}%"


def _signed(x: Any) -> str:
    v = _num(x)
    return "–" if v is None else f"{v:+.2f}"


def _as_dict(obj: Any) -> dict:
    if isinstance(obj, Mapping):
        return dict(obj)
    if hasattr(obj, "to_dict"):
        return obj.to_dict()
    raise TypeError(f"cannot build a report from {type(obj).__name__}")


def _q(d: Mapping, text: str | None = None, source: str = "") -> Quote | None:
    s, e = d.get("start"), d.get("end")
    quote = d.get("quote")
    if quote is None and text is not None and isinstance(s, int) and isinstance(e, int):
        quote = text[s:e]
    if quote is None:
        return None
    return Quote(str(quote), s if isinstance(s, int) else None, e if isinstance(e, int) else None, source)


def _clip(s: str, n: int = 220) -> str:
    s = " ".join(str(s).split())
    return s if len(s) <= n else s[: n - 1].rstrip() + "…"


def _label_name(x: Any) -> str:
    if isinstance(x, str):
        return x
    if isinstance(x, Mapping):
        return str(x.get("label") or x.get("quote") or x.get("term") or x.get("text") or "")
    return str(x)


def _article_meta(d: Mapping) -> dict:
    return dict(d.get("meta") or {})


def _when(iso: str | None) -> str:
    if not iso:
        return "–"
    try:
        return _dt.date.fromisoformat(str(iso)[:10]).strftime("%-d %B %Y")
    except ValueError:
        return str(iso)


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).strftime("%-d %B %Y, %H:%M UTC")


def _version() -> str:
    from framing import __version__

    return __version__


# --------------------------------------------------------------------------- the target text


def _speaker_key(q: Mapping) -> str:
    return str(q.get("actor") or q.get("speaker") or "unnamed speaker")


def _cat_codes(categories: Iterable[str]) -> dict[str, str]:
    """Short legend codes for loaded-term categories: first letters, made unique."""
    codes: dict[str, str] = {}
    used: set[str] = set()
    for cat in sorted(set(categories)):
        words = [w for w in str(cat).replace("-", "_").split("_") if w]
        cand = "".join(w[0] for w in words).upper() or "L"
        base, k = cand, 2
        if len(words) == 1 and cand in used:
            cand = str(cat)[:2].capitalize()
        while cand in used:
            cand = f"{base}{k}"
            k += 1
        used.add(cand)
        codes[cat] = cand
    return codes


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
    codes = _cat_codes(s.get("category") or "loaded" for s in spans)
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
        key = _speaker_key(q)
        if key not in speakers:
            speakers[key] = f"S{len(speakers) + 1}"
        sp_counts[key] += 1
    for q in quotes:
        s, e = q.get("content_start"), q.get("content_end")
        if not (isinstance(s, int) and isinstance(e, int)) or e <= s:
            s, e = q.get("start"), q.get("end")
        if not (isinstance(s, int) and isinstance(e, int)) or e <= s:
            continue
        key = _speaker_key(q)
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
        kinds = {str(q.get("speaker_kind") or "") for q in quotes if _speaker_key(q) == key} - {""}
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
        for n, c in enumerate(claims, 1):
            if isinstance(c.get("start"), int) and isinstance(c.get("end"), int):
                marks.append(Mark(c["start"], c["end"], c.get("_kind", claim_kind), f"C{n}", c.get("_title", "claim")))
        kinds = Counter(c.get("_kind", claim_kind) for c in claims)
        for kind, cnt in kinds.items():
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


# --------------------------------------------------------------------------- analysis sections


def _loaded_section(d: Mapping, *, top: int = 25) -> Section:
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
        ranked = sorted(groups.items(), key=lambda kv: (-(abs(_num(kv[1][0].get("weight")) or 0.0) * len(kv[1])), kv[0]))
        rows = []
        for (_, voice), ss in ranked[:top]:
            s = ss[0]
            rows.append((Quote(s["quote"], s["start"], s["end"]), voice, (s.get("category") or "").replace("_", " "),
                         s.get("alternative") or "–", len(ss)))
        sec.add(Table(("phrase [first offsets]", "voice", "category", "neutral alternative", "times"), tuple(rows),
                      f"The {min(top, len(ranked))} strongest of {len(ranked)} distinct loaded phrases.", numeric=(4,)))
    sents = ll.get("sentences") or []
    scores = [(_num(s.get("score")) or 0.0) for s in sents]
    if scores:
        svg = charts.sentence_scores(scores)
        if svg:
            sec.add(Chart(svg, "The sentence classifier's probability that each sentence is loaded, in reading order."))
        top_s = sorted((s for s in sents if _num(s.get("score")) is not None), key=lambda s: -float(s["score"]))[:5]
        text = d["article"]["text"]
        sec.add(Table(("sentence", "probability"),
                      tuple((Quote(_clip(text[s["start"]:s["end"]], 260), s["start"], s["end"]), _fmt(s["score"], 2)) for s in top_s),
                      "The five sentences the classifier scores as most loaded.", numeric=(1,)))
    return sec


def _actor_card(a: Mapping, text: str, *, peers: Mapping | None = None, n_evidence: int = 6) -> Card:
    labels = [n for n in dict.fromkeys(_label_name(x) for x in a.get("labels") or []) if n]
    sal = a.get("salience")
    sal_s = ""
    if isinstance(sal, Mapping):
        bits = []
        if sal.get("in_headline") or sal.get("headline"):
            bits.append("in the headline")
        if sal.get("in_first_paragraph") or sal.get("first_paragraph") or sal.get("lead"):
            bits.append("in the first paragraph")
        if _num(sal.get("score")) is not None:
            bits.append(f"salience {_fmt(sal.get('score'), 2)}")
        sal_s = ", ".join(bits)
    elif _num(sal) is not None:
        sal_s = f"salience {_fmt(sal, 2)}"
    facts = [
        ("stance", f"{_signed(a.get('stance'))} ({a.get('stance_label') or '–'})"),
        ("author's voice", _signed(a.get("stance_author"))),
        ("quoted voices", _signed(a.get("stance_quoted"))),
        ("mentions", f"{a.get('mentions', '–')}" + (f"; {sal_s}" if sal_s else "")),
        ("acts / is acted upon", f"{a.get('agent', 0)} / {a.get('patient', 0)}"),
    ]
    if labels:
        facts.append(("labels used", ", ".join(labels[:10])))
    aliases = [x for x in a.get("aliases") or [] if x and x != a.get("name")]
    if aliases:
        facts.append(("also called", ", ".join(aliases[:8])))
    if peers:
        facts.extend(peers.items())
    ev = []
    evidence = sorted(a.get("evidence") or [], key=lambda e: -abs(_num(e.get("weight")) or 0.0))
    for e in evidence[:n_evidence]:
        q = _q(e, text)
        if q:
            what = f"{_signed(e.get('weight'))}"
            det = e.get("detail") or e.get("rule") or ""
            if det:
                what += f" {_clip(det, 110)}"
            ev.append((what, Quote(_clip(q.text, 160), q.start, q.end)))
    return Card(a.get("name") or "?", (a.get("kind") or ""), tuple(facts), tuple(ev))


def _actors_section(d: Mapping, *, top: int = 10, peer_facts: Mapping[str, Mapping] | None = None, n_evidence: int = 6) -> Section:
    sec = Section("actors", "Actors and stance")
    actors = sorted(actor_cards(d), key=lambda a: -(a.get("mentions") or 0))
    if not actors:
        return sec.add(Para("No actors were found (or the actors analyzer did not run)."))
    rows = [{"label": a.get("name"), "value": _num(a.get("stance_author") if a.get("stance_author") is not None else a.get("stance")),
             "value2": _num(a.get("stance_quoted"))} for a in actors[:top]]
    svg = charts.signed_bars(rows)
    if svg:
        sec.add(Chart(svg, "Stance toward each actor from −1 (negative) to +1 (positive): the author's voice (thick bar) "
                           "and quoted speakers (thin white bar)."))
    text = d["article"]["text"]
    sec.add(Para("A card per actor: the stance, the labels the article attaches, how often the actor acts or is acted upon, "
                 "and the passages that weigh most in the stance (weight, rule, quote, offsets)."))
    sec.add(Cards(tuple(_actor_card(a, text, peers=(peer_facts or {}).get(a.get("name")), n_evidence=n_evidence) for a in actors[:top])))
    if len(actors) > top:
        sec.add(Para(f"{len(actors) - top} more actors with fewer mentions: "
                     + ", ".join(f"{a.get('name')} ({a.get('mentions', 0)})" for a in actors[top:top + 30]) + "."))
    return sec


def _sources_section(d: Mapping) -> Section:
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
            facts.append((label, _pct(v) if key.endswith("share") else str(v)))
    if facts:
        sec.add(Facts(tuple(facts)))
    if quotes:
        by: dict[str, dict] = defaultdict(lambda: {"n": 0, "kind": Counter(), "cues": Counter(), "types": Counter()})
        for q in quotes:
            r = by[_speaker_key(q)]
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
        rows = []
        for q in quotes[:40]:
            cs, ce = q.get("content_start"), q.get("content_end")
            content = Quote(_clip(text[cs:ce], 180), cs, ce) if isinstance(cs, int) and isinstance(ce, int) else None
            rows.append((_speaker_key(q), q.get("type") or "", (q.get("cue") or "–") + (f" ({q.get('cue_class')})" if q.get("cue_class") else ""), content))
        sec.add(Table(("speaker", "type", "cue (class)", "content [offsets]"), tuple(rows), "Every quote and reported statement, in order.", cls="small"))
    else:
        sec.add(Para("No quotes or reported statements were found (or the attribution analyzer did not run)."))
    for key, title, expl in (("anonymous_sources", "Anonymous sources", "sources the article does not name"),
                             ("vague_attributions", "Vague attributions", "claims put in the mouth of an unnamed collective"),
                             ("unattributed_claims", "Unattributed claims", "contestable statements in the author's voice with no source in their paragraph")):
        items = at.get(key) or []
        if items:
            rows = tuple((Quote(_clip(it.get("quote") or text[it["start"]:it["end"]], 220), it.get("start"), it.get("end")),
                          ", ".join(str(x) for x in (it.get("reasons") or it.get("why") or [])) if isinstance(it.get("reasons") or it.get("why"), list)
                          else str(it.get("reason") or it.get("kind") or it.get("rule") or ""))
                         for it in items[:40])
            sec.add(Table(("passage [offsets]", "why"), rows, f"{title}: {expl} ({len(items)}).", cls="small"))
    return sec


def _summary_analysis(d: Mapping) -> Section:
    sec = Section("summary", "Summary")
    ll = d.get("loaded_language") or {}
    at = d.get("attribution") or {}
    art = d["article"]
    words = art.get("word_count") or len(art["text"].split())
    bullets: list[str] = []
    pa, pq = _num(ll.get("per_1000_words_author")), _num(ll.get("per_1000_words_quoted"))
    if pa is not None:
        bullets.append(f"In its own voice the article uses {pa:.1f} loaded terms per 1,000 words"
                       + (f"; inside quotes, {pq:.1f}." if pq is not None else "."))
    share = _num(ll.get("share_sentences_loaded"))
    sents = ll.get("sentences") or []
    if share is None and sents:
        share = sum(1 for s in sents if (_num(s.get("score")) or 0) >= 0.5) / len(sents)
    if share is not None:
        bullets.append(f"{share * 100:.0f}% of its sentences score 0.5 or more on the loaded-language classifier.")
    spans = [s for s in ll.get("spans") or [] if not s.get("negated") and s.get("voice") != "quoted"]
    if spans:
        strongest = sorted(spans, key=lambda s: -abs(_num(s.get("weight")) or 0))
        ex = list(dict.fromkeys(f"“{s['quote']}”" + (f" (neutral: {s['alternative']})" if s.get("alternative") else "") for s in strongest))[:3]
        bullets.append("Strongest loaded phrases in the author's voice: " + "; ".join(ex) + ".")
    actors = sorted(actor_cards(d), key=lambda a: -(a.get("mentions") or 0))[:8]
    neg = [a for a in actors if (_num(a.get("stance")) or 0) <= -0.2]
    pos = [a for a in actors if (_num(a.get("stance")) or 0) >= 0.2]
    if neg:
        bullets.append("It treats " + ", ".join(f"{a['name']} ({_signed(a.get('stance'))})" for a in neg) + " negatively.")
    if pos:
        bullets.append("It treats " + ", ".join(f"{a['name']} ({_signed(a.get('stance'))})" for a in pos) + " positively.")
    quotes = at.get("quotes") or []
    if quotes:
        sp = Counter(_speaker_key(q) for q in quotes)
        bullets.append(f"It reports {len(quotes)} statements from {len(sp)} sources; most from "
                       + ", ".join(f"{k} ({v})" for k, v in sp.most_common(3)) + ".")
    for key, what in (("anonymous_sources", "anonymous sources"), ("vague_attributions", "vague attributions"),
                      ("unattributed_claims", "contestable claims with no source in their paragraph")):
        items = at.get(key) or []
        if items:
            bullets.append(f"{len(items)} {what}, for example “{_clip(items[0].get('quote', ''), 90)}”.")
    if not bullets:
        bullets.append("The analyzers found nothing to report in this text.")
    sec.add(Para(f"“{art.get('title') or '(untitled)'}” — {words:,} words."))
    sec.add(Bullets(tuple(bullets)))
    sec.add(Para("These are measurements, not verdicts: each one points at the words behind it, highlighted in the next "
                 "section. To see how this article compares with other outlets' coverage of the same event, run "
                 "`framing compare` (see the README).", cls="note"))
    return sec


# --------------------------------------------------------------------------- methodology


MEASURES_TEXT: tuple[tuple[str, str], ...] = (
    ("Loaded terms per 1,000 words",
     "Phrases from the project's lexicons (labels, dysphemisms and euphemisms, emotive metaphors, intensifiers, "
     "absolutes) matched on lemmas, skipping negated uses, counted per 1,000 words of the body. A term inside "
     "quotation marks or attributed speech counts for the quoted voice, not the author's."),
    ("Sentence score",
     "A logistic-regression classifier over word and character n-grams plus lexicon, VADER and TextBlob features, "
     "trained on the BABE corpus of sentences labelled biased or not by experts; the score is its calibrated "
     "probability that a sentence is loaded."),
    ("Stance toward an actor (−1 to +1)",
     "Combines the labels the text attaches to the actor (adjectives, appositions, predicates), the actor's role as "
     "agent or patient of verbs with a connotation (connotation frames after Rashkin et al. 2016), and a target-"
     "dependent sentiment classifier trained on NewsMTSC. Author's voice and quoted voices are scored separately."),
    ("Sources and attribution",
     "Direct quotes, reported speech ('X said that'), 'according to' and agentless forms; each speaker is resolved "
     "to an actor and classed as named person, organisation, government, anonymous or vague collective; the "
     "reporting verb is classed neutral, endorsing, distancing or loaded. A trained model (fitted on the PolNeAR "
     "attribution corpus) confirms or drops each candidate and adds cues outside the verb list, shown as "
     "'unlisted' (often positions and actions: 'voted', 'criticized')."),
    ("Unattributed claims",
     "Sentences in the author's voice asserting numbers, casualties, causes or judgements with no source in the "
     "sentence or its paragraph."),
    ("Distinctive terms (comparison)",
     "Fightin' Words (Monroe, Colaresi & Quinn 2008): the log-odds ratio of each word between the target and the "
     "pooled peers, with an informative Dirichlet prior, divided by its standard error; |z| above 1.96 is unlikely "
     "to be chance word variation."),
    ("Where the target stands (comparison)",
     "For each measure: the target's value, the peers' median and interquartile range, and the target's percentile "
     "(the share of peers below it, ties counting half). Peers are the other articles about the same event whose "
     "TF-IDF similarity to the coverage as a whole passes a threshold; summaries too short to measure are left out "
     "of the measures."),
    ("Claims (comparison)",
     "Target sentences with checkable content (numbers, casualties, events) are aligned with the most similar peer "
     "sentences over content words, numbers and entities: uncorroborated when no peer reports the same fact, "
     "contradicted when a peer reports an incompatible one (e.g. no casualties), omitted when several peers report a "
     "fact the target lacks."),
)

FAILURE_MODES: tuple[str, ...] = (
    "Lexicons flag words, not intentions: a loaded word used ironically, or in a headline the outlet quotes, is still counted.",
    "Attribution is rule-based on one parse: long quotes that run over paragraphs, or speakers named far from their words, can be "
    "missed or given to the wrong speaker; pronouns resolve to the last compatible speaker.",
    "Stance is a sum of small signals; an actor mentioned once or twice gets an unreliable value — read the evidence, not only the number.",
    "Sarcasm, rhetorical questions and negation beyond the clause defeat every measure here.",
    "Claims are matched by word overlap: a peer stating the same fact in very different words can leave a claim 'uncorroborated'; "
    "peers may also all repeat one wrong report.",
    "The comparison is only as broad as its corpus: outlets, dates and leans that are missing cannot be compared with.",
    "Models were trained on US and UK English news; other varieties and opinion genres are measured less reliably.",
)

DISPUTE_TEXT = (
    "Every finding in this report points at characters of the text (the numbers in square brackets are offsets into "
    "the article text, headline included). To dispute one, find it in the highlighted text or the tables, check the "
    "rule or lexicon entry that produced it (`framing score SOURCE --json` lists the rule id of every span), and "
    "re-run the analysis after correcting the lexicon entry or the actor alias file. Open an issue with the offsets, "
    "the quote and what you expected; lexicon entries and models are versioned, and the tool version and analyzer "
    "hash on the title page identify exactly what produced this report."
)


def _model_cards() -> list[dict]:
    """Model cards shipped in framing.models (``*.card.json``), best effort."""
    out = []
    try:
        from importlib.resources import files

        for p in sorted(files("framing.models").iterdir(), key=lambda p: p.name):
            if p.name.endswith(".card.json"):
                try:
                    card = json.loads(p.read_text(encoding="utf-8"))
                    card.setdefault("_file", p.name)
                    out.append(card)
                except (OSError, ValueError) as exc:
                    log.warning("model card %s unreadable: %s", p.name, exc)
    except (ModuleNotFoundError, OSError) as exc:  # pragma: no cover
        log.warning("no model cards: %s", exc)
    return out


def _flat_metrics(card: Mapping, prefix: str = "", depth: int = 0) -> list[tuple[str, float]]:
    out = []
    for k, v in card.items():
        if isinstance(v, Mapping) and depth < 2:
            out.extend(_flat_metrics(v, f"{prefix}{k}.", depth + 1))
        elif isinstance(v, (int, float)) and not isinstance(v, bool) and 0 <= v <= 1:
            if any(w in k.lower() for w in ("f1", "accuracy", "precision", "recall")) and "std" not in k.lower():
                out.append((f"{prefix}{k}", float(v)))
    return out


def _benchmark_results() -> list[tuple[str, str, str]]:
    """Figures from ``benchmarks/results/*.json`` when framing runs from a source checkout (best effort).

    Each benchmark script writes one JSON file there; rows are (benchmark, what it measures,
    headline figures). An installed wheel has no such folder: the report then shows the commands.
    """
    from pathlib import Path

    folder = Path(__file__).resolve().parents[2] / "benchmarks" / "results"
    rows = []
    if not folder.is_dir():
        return rows
    for p in sorted(folder.glob("*.json")):
        try:
            d = json.loads(p.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not isinstance(d, Mapping):
            continue
        figs = []
        secs = d.get("seconds")
        if isinstance(secs, Mapping) and _num(secs.get("total")) is not None:
            figs.append(f"total {float(secs['total']):.1f} s")
        for k, v in d.items():
            if isinstance(v, (int, float)) and not isinstance(v, bool) and any(w in k for w in ("ratio", "overhead", "f1", "accuracy", "speedup", "over_bare")):
                figs.append(f"{k.replace('_', ' ')} {v:.3g}")
        if figs:
            rows.append((str(d.get("benchmark") or p.stem), _clip(str(d.get("what") or ""), 90), "; ".join(figs[:5])))
    return rows


BENCH_COMMANDS = (
    ("loaded language (BABE)", "framing evaluate loaded --data ../shared/datasets/babe/dev.jsonl"),
    ("stance (NewsMTSC)", "framing evaluate stance --data ../shared/datasets/newsmtsc/dev.jsonl"),
    ("attribution (PolNeAR)", "framing evaluate attribution --data ../shared/datasets/polnear/dev.jsonl"),
    ("report speed", "python benchmarks/report.py"),
    ("analyzer speed", "python benchmarks/<name>.py (see benchmarks/README.md)"),
)


def _methodology_section(kind: str, provenance: Mapping) -> Section:
    sec = Section("methodology", "Methodology and limitations")
    items = MEASURES_TEXT if kind == "comparison" else tuple(m for m in MEASURES_TEXT if "(comparison)" not in m[0])
    sec.add(Para("What each measure means", cls="h3"))
    sec.add(Facts(items, cls="defs"))
    sec.add(Para("How well the parts work", cls="h3"))
    cards = _model_cards()
    rows = []
    for card in cards:
        mets = _flat_metrics(card)
        keep = [(k, v) for k, v in mets if "macro" in k.lower() or "f1" in k.lower() or "accuracy" in k.lower()][:6]
        if keep:
            rows.append((str(card.get("name") or card.get("task") or card.get("_file")),
                         str(card.get("data") if isinstance(card.get("data"), str) else (card.get("data") or {}).get("path", card.get("training_data", "–"))) if card.get("data") or card.get("training_data") else "–",
                         "; ".join(f"{k} {v:.3f}" for k, v in keep)))
    if rows:
        sec.add(Table(("model", "data", "cross-validated figures (from its model card)"), tuple(rows), cls="small"))
    else:
        sec.add(Para("No model cards were found in this installation; the figures below can be measured with the commands shown."))
    bench = _benchmark_results()
    if bench:
        sec.add(Table(("benchmark", "what", "figures"), tuple(bench), "Benchmark figures from benchmarks/results/ in this checkout.", cls="small"))
    sec.add(Table(("figure", "reproduce with"), BENCH_COMMANDS, "Accuracy against labelled data sets and speed are "
                  "measured by these commands; their outputs are the benchmark figures cited in the README.", cls="small"))
    sec.add(Para("Known failure modes", cls="h3"))
    sec.add(Bullets(FAILURE_MODES))
    sec.add(Para("How to dispute a finding", cls="h3"))
    sec.add(Para(DISPUTE_TEXT))
    prov = []
    for k in ("framing_version", "analyzer_version", "analyzed_at"):
        if provenance.get(k):
            prov.append((k.replace("_", " "), str(provenance[k])))
    sp = provenance.get("spacy_pipeline")
    if isinstance(sp, Mapping):
        prov.append(("spaCy pipeline", f"{sp.get('name', '')} {sp.get('version', '')}".strip()))
    lex = provenance.get("lexicons")
    if isinstance(lex, Mapping) and lex:
        prov.append(("lexicons", ", ".join(f"{k} {str(v)[:8]}" for k, v in sorted(lex.items()))))
    if prov:
        sec.add(Para("Provenance", cls="h3"))
        sec.add(Facts(tuple(prov)))
    return sec


# --------------------------------------------------------------------------- from an analysis


def from_analysis(analysis: Any) -> Report:
    """The single-article report model."""
    d = _as_dict(analysis)
    art = d["article"]
    prov = d.get("provenance") or {}
    facts = [("outlet", art.get("outlet") or "–"), ("published", _when(art.get("published"))),
             ("byline", art.get("byline") or "–"), ("source", art.get("url") or art.get("source") or "–"),
             ("words", f"{art.get('word_count', 0):,}"),
             ("analysed", _when(prov.get("analyzed_at")) if prov.get("analyzed_at") else _now()),
             ("tool", f"framing {d.get('framing_version') or _version()}" + (f", analyzer {prov['analyzer_version']}" if prov.get("analyzer_version") else ""))]
    marks, legend = target_marks(d)
    text_sec = Section("text", "The text, with its findings highlighted", cls="text-section")
    text_sec.add(highlighted_block(d, marks, legend))
    sections = [
        _summary_analysis(d),
        text_sec,
        _loaded_section(d),
        _actors_section(d),
        _sources_section(d),
        _methodology_section("analysis", prov),
    ]
    return Report("analysis", art.get("title") or "(untitled article)", "How this article tells its story",
                  facts, sections, generated_at=_now(), version=_version(), source_text=art["text"])


# --------------------------------------------------------------------------- from a comparison


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
        val = _num(v.get("value"))
        if val is None:
            continue
        name = peers.outlet(v.get("id"))
        groups[name].append(val)
        leans.setdefault(name, v.get("lean"))
    rows = [{"label": name + (f" ({len(vals)})" if len(vals) > 1 else ""), "value": sum(vals) / len(vals), "lean": leans.get(name),
             "is_target": False} for name, vals in groups.items()]
    rows.append({"label": peers.label("target"), "value": _num(target_value), "lean": peers.lean("target"), "is_target": True})
    return rows


def _ratio_sentence(m: Mapping, what: str) -> str | None:
    """"This article uses 3.4 times the loaded language of the median outlet covering the event (...)"."""
    t = _num(m.get("target"))
    p = m.get("peers") or {}
    med = _num(p.get("median"))
    if t is None or med is None or not p.get("n"):
        return None
    pct = _num(m.get("percentile"))
    ratio = _num(m.get("ratio_to_median"))
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
    detail = f"{_fmt(t)} against {_fmt(med)} {m.get('unit') or ''}".rstrip()
    if pct is not None:
        detail += f"; it is above {pct:.0f}% of the {p.get('n')} peer articles"
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
        s = _ratio_sentence(m, "loaded language")
        if s:
            bullets.append(s)
    for key, what in (("quoted_share", "Share of its words inside quotes"), ("sources_distinct", "Distinct sources it quotes or cites"),
                      ("anonymous_per_1000", "Anonymous sources per 1,000 words"), ("vague_per_1000", "Vague attributions per 1,000 words"),
                      ("unattributed_per_1000", "Unattributed claims per 1,000 words")):
        m = meas.get(key)
        if not m or _num(m.get("target")) is None:
            continue
        p = m.get("peers") or {}
        t, med = _num(m.get("target")), _num(p.get("median"))
        if med is None or (t == 0 and med == 0 and not _num(p.get("q3"))):
            continue  # nothing to say: neither the target nor the typical peer has any
        fmt = _pct if "share" in key else (lambda v: _fmt(v, 1))
        pct = _num(m.get("percentile"))
        where = "" if pct is None else (" — higher than most" if pct >= 75 else " — lower than most" if pct <= 25 else " — within the usual range")
        bullets.append(f"{what}: {fmt(t)}, against a peer median of {fmt(med)} (middle half {fmt(p.get('q1'))}–{fmt(p.get('q3'))}){where}.")
    dt = c.get("distinctive_terms") or {}
    tt = [t.get("term") for t in (dt.get("target") or [])[:6] if (_num(t.get("z")) or 0) > 1.96]
    pt = [t.get("term") for t in (dt.get("peers") or [])[:6] if (_num(t.get("z")) or 0) < -1.96]
    if tt:
        bullets.append("Words it uses far more than the other coverage: " + ", ".join(f"“{t}”" for t in tt) + ".")
    if pt:
        bullets.append("Words the other coverage uses that it avoids: " + ", ".join(f"“{t}”" for t in pt) + ".")
    naming_bullets = 0
    for ref in c.get("naming") or []:
        tc = (ref.get("target") or {}).get("counts") or {}
        pc = ref.get("peers_total") or {}
        if tc and pc and naming_bullets < 3:
            t_top = max(tc, key=tc.get)
            p_top = max(pc, key=pc.get)
            if t_top != p_top:
                naming_bullets += 1
                name = ref.get("referent", "").replace("_", " ")
                if not name.lower().startswith(("a ", "an ", "the ")):
                    name = "the " + name
                n_out = sum(1 for o in ref.get("by_outlet") or [] if (o.get("counts") or {}).get(p_top))
                outlets = f"in {n_out} peer article{'s' if n_out != 1 else ''}" if n_out else "in the peers"
                bullets.append(f"For {name}, the other coverage most often writes “{p_top}” ({pc[p_top]} times, {outlets}); "
                               f"this article writes “{t_top}” ({tc[t_top]}).")
    sm = c.get("stance_matrix") or {}
    diffs = []
    for row in sm.get("rows") or []:
        cell = (row.get("cells") or {}).get("target")
        med = _num(row.get("peers_median"))
        if cell and med is not None and _num(cell.get("stance")) is not None and (row.get("n_peers") or 0) >= 2:
            diffs.append((abs(float(cell["stance"]) - med), row["actor"], float(cell["stance"]), med, row.get("n_peers")))
    for _, actor, s, med, n in sorted(diffs, reverse=True)[:3]:
        if abs(s - med) >= 0.2:
            bullets.append(f"Its stance toward {actor} is {s:+.2f} ({'negative' if s < -0.15 else 'positive' if s > 0.15 else 'neutral'}); "
                           f"the median of the {n} peers that mention {actor} is {med:+.2f}.")
    cl = c.get("claims") or {}
    nc, nu, no = len(cl.get("contradicted") or []), len(cl.get("uncorroborated") or []), len(cl.get("omitted") or [])
    if nc or nu or no:
        s = (f"Claims: {nc} of its checkable statements {'is' if nc == 1 else 'are'} contradicted by other outlets and {nu} "
             f"{'is' if nu == 1 else 'are'} reported by no other outlet")
        if no:
            s += f"; it leaves out {no} facts that several other outlets report"
        bullets.append(s + ".")
        first = next((x for x in claims if x["_kind"] == "contradicted"), None) or (claims[0] if claims else None)
        if first:
            n = claims.index(first) + 1
            bullets.append(f"For example (C{n}): “{_clip(first.get('quote', ''), 140)}” — {first.get('reason') or first['_title']}.")
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
                                 median=_num(p.get("median")), q1=_num(p.get("q1")), q3=_num(p.get("q3")))
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
        f = _pct if "share" in key else (lambda v: _fmt(v, 1))
        bl = mm.get("by_lean") or {}
        rows.append((mm.get("label") or key, f(mm.get("target")), f(p.get("median")), f"{f(p.get('q1'))}–{f(p.get('q3'))}",
                     _fmt(mm.get("percentile"), 0), *(f((bl.get(lean) or {}).get("median")) for lean in LEANS)))
    if m:
        p = m.get("peers") or {}
        bl = m.get("by_lean") or {}
        rows.insert(0, (m.get("label") or "loaded", _fmt(m.get("target")), _fmt(p.get("median")), f"{_fmt(p.get('q1'))}–{_fmt(p.get('q3'))}",
                        _fmt(m.get("percentile"), 0), *(_fmt((bl.get(lean) or {}).get("median")) for lean in LEANS)))
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
                v = [_num((cells.get(i) or {}).get("stance")) for i in outlets[k] if i in cells]
                v = [x for x in v if x is not None]
                row.append(sum(v) / len(v) if v else None)
            vals.append(row)
        colspec = [{"label": "TARGET" if k == "\x00target" else k + (f" ({len(outlets[k])})" if len(outlets[k]) > 1 else ""),
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
        kinds = Counter()
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
    text = d["article"]["text"]
    for side, items, cap in (("target", tt, "Words the target uses more"), ("peers", pt, "Words the peers use more")):
        if not items:
            continue
        rows = []
        for t in items[:15]:
            ex = (t.get("examples") or [None])[0]
            q = None
            if ex:
                src = "" if side == "target" else peers.label(ex.get("text_id"))
                q = _q(ex, text if side == "target" else None, src)
            rows.append((t.get("term"), _fmt(t.get("z"), 2), t.get("count_target", "–"), t.get("count_peers", "–"), q))
        sec.add(Table(("term", "z", "in target", "in peers", "example [source, offsets]"), tuple(rows), cap + ".", numeric=(1, 2, 3), cls="small"))
    naming = [ref for ref in c.get("naming") or [] if ((ref.get("target") or {}).get("counts") or ref.get("peers_total"))]
    if naming:
        sec.add(Para("Naming choices: what each article calls the same thing", cls="h3"))
        svg = charts.naming_chart([{"referent": ref.get("referent", "?").replace("_", " "), "target": (ref.get("target") or {}).get("counts") or {},
                                    "peers": ref.get("peers_total") or {}} for ref in naming], target_label="target")
        if svg:
            sec.add(Chart(svg, "For each referent, the names the target uses (upper bar) and the names all peers use together "
                               "(lower bar), as shares of the names used.", "Naming choices"))
        rows = []
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
            rows.append((ref.get("referent", "?").replace("_", " ") + (f" ({ref['description']})" if ref.get("description") else ""),
                         ", ".join(f"{k} {v}" for k, v in tc.items()) or "–",
                         _q(ex, text) if ex else "–",
                         "; ".join(outl) or "–"))
        sec.add(Table(("referent", "target", "target example [offsets]", "peers"), tuple(rows),
                      "Names used for each referent: the target's counts, and each name's count over all peers with the number of "
                      "peer articles using it (the outlets named when three or fewer).", cls="small"))
    return sec


def _claims_section(c: Mapping, d: Mapping, peers: _Peers, claims: list[dict]) -> Section:
    sec = Section("claims", "Claims checked against the other coverage")
    text = d["article"]["text"]
    if not claims and not (c.get("claims") or {}).get("omitted"):
        return sec.add(Para("No checkable claim in the target differs from the other coverage (or the claims check found none)."))
    sec.add(Para("Sentences in the target that state checkable facts (numbers, casualties, events), matched against the closest "
                 "sentences in the other articles. C-numbers match the tags in the highlighted text."))
    rows = []
    for n, x in enumerate(claims, 1):
        ev = x.get("peer_evidence") or []
        evq = []
        for e in ev[:2]:
            q = _q(e, None, peers.label(e.get("text_id")))
            if q:
                evq.append(Quote(_clip(q.text, 160), q.start, q.end, q.source, f"{e.get('relation', 'related')}, similarity {_fmt(e.get('similarity'), 2)}"))
        rows.append((f"C{n}", x["_kind"], Quote(_clip(x.get("quote") or text[x["start"]:x["end"]], 240), x.get("start"), x.get("end")),
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
        rows = []
        for x in om[:20]:
            q = _q(x, None, peers.label(x.get("text_id")))
            ct = x.get("closest_target")
            ctq = Quote(_clip(ct.get("quote", ""), 120), ct.get("start"), ct.get("end"), "", f"similarity {_fmt(ct.get('similarity'), 2)}") if ct else "–"
            rows.append((Quote(_clip(q.text, 220), q.start, q.end, q.source) if q else "–", f"{x.get('n_peers', '?')} ({_pct(x.get('share_peers'))})", ctq))
        sec.add(Table(("fact reported by peers [source, offsets]", "peers reporting it", "closest sentence in the target"), tuple(rows),
                      "Facts that several other articles report and the target leaves out.", cls="small"))
    return sec


def _voices_section(c: Mapping, peers: _Peers) -> Section | None:
    src = c.get("sources") or {}
    bo = src.get("by_outlet") or []
    tgt = next((r for r in bo if r.get("id") == "target"), None)
    sec = Section("voices", "Who gets to speak", new_page=False)
    if tgt and tgt.get("voices"):
        rows = tuple((v.get("voice"), v.get("kind"), v.get("quotes"), v.get("words"), _pct(v.get("share")), ", ".join(v.get("cues") or []) or "–")
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
        pl = Counter()
        for k, cell in cells.items():
            if k != "target":
                pl.update(_label_name(x) for x in cell.get("labels") or [])
        facts = {"peers' median stance": f"{_signed(row.get('peers_median'))} over {row.get('n_peers', 0)} peers"}
        if pl:
            facts["labels peers use"] = ", ".join(f"{k} ({v})" for k, v in pl.most_common(6) if k)
        extra[row.get("actor")] = facts
    sec = _actors_section(d, top=8, peer_facts=extra, n_evidence=4)
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
            if _num(cell.get("stance")) is not None:
                stance_by[str(k)].append(f"{row.get('actor')} {_signed(cell.get('stance'))}")
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
        head = (f"{peers.label(pid)}\n{p.get('lean') or '–'} · {_when(p.get('published'))}\n"
                f"{p.get('word_count', '–')} words · similarity {_fmt(p.get('similarity'), 2)}")
        what = _clip(p.get("title") or "–", 110) + "\n" + (p.get("url") or "–")
        if not p.get("in_measures", True):
            what += "\n(" + (p.get("text_kind") or "short text").replace("_", " ") + ": too short for the measures)"
        meas_s = "\n".join(f"{SHORT_MEASURE.get(k, k)} {(_pct(v) if 'share' in k else _fmt(v))}" for k, v in ms.items()
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
        sec.add(Table(("set aside", "similarity", "reason"), tuple((peers.label(p.get("id")), _fmt(p.get("similarity"), 2), p.get("reason") or "–")
                                                                   for p in c["set_aside"]),
                      "Articles set aside as being about a different story.", numeric=(1,), cls="small"))
    return sec


def from_comparison(comparison: Any) -> Report:
    """The comparison report model (target against peers)."""
    c = _as_dict(comparison)
    tgt = c.get("target") or {}
    d = tgt.get("analysis") or getattr(comparison, "target_analysis", None)
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
    facts = [("outlet", tgt.get("outlet") or art.get("outlet") or "–"), ("published", _when(tgt.get("published") or art.get("published"))),
             ("source", tgt.get("url") or art.get("url") or art.get("source") or "–"), ("words", f"{tgt.get('word_count') or art.get('word_count', 0):,}"),
             ("compared with", f"{len(c.get('peers') or [])} articles from {sum(len(v) for v in by_lean.values())} outlets"
              + (f" ({len(c['set_aside'])} set aside)" if c.get("set_aside") else "")),
             ("date of analysis", _now()),
             ("tool", f"framing {c.get('framing_version') or _version()}" + (f", analyzer {prov['analyzer_version']}" if prov.get("analyzer_version") else ""))]
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
    sections += [_actor_cards_comparison(c, d, peers), _methodology_section("comparison", prov), _appendix(c, peers)]
    return Report("comparison", art.get("title") or "(untitled article)", "How this article tells the story, compared with other outlets",
                  facts, sections, peers_by_lean=by_lean, generated_at=_now(), version=_version(), source_text=art["text"])


def build(obj: Any) -> Report:
    """A :class:`Report` from an Analysis, a Comparison, or their dict forms."""
    d = obj if isinstance(obj, Mapping) else None
    kind = getattr(obj, "kind", None)
    if d is not None:
        kind = d.get("kind") or ("comparison" if "target" in d and "peers" in d else "analysis")
    elif type(obj).__name__ == "Comparison" or hasattr(obj, "target_analysis"):
        kind = "comparison"
    else:
        kind = "analysis"
    return from_comparison(obj) if kind == "comparison" else from_analysis(obj)
