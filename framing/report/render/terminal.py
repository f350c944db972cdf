"""Terminal views (rich) of an Article, an Analysis and a Comparison.

``print_analysis`` shows, in order: the article header; the text with loaded
language highlighted (bold red = the author's voice, yellow = inside a quote or
attributed speech; quoted passages in italics); the top loaded phrases with
their neutral alternatives; the per-article figures; the actor table; the
sources table; then a findings table for every other section (a new analyzer's,
from its ``evidence()``). Everything is read from ``Analysis.to_dict()`` (the
JSON contract) and the sections' evidence, so the terminal shows exactly what
``--json`` prints. ``print_comparison`` is the terminal view of a comparison
(``framing compare``).

Every string that comes from an article, a store or a JSON file (titles, outlets,
bylines, the text, actor names, quotes, table cells) was written by a stranger:
it goes through :mod:`framing.safetext` (no escape sequences or control
characters reach the terminal; one-line fields are folded to one line) and is
printed as a rich ``Text``, never as a markup string, so ``[/]`` cannot crash
the view and ``[link=...]`` cannot become a hidden hyperlink.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from itertools import pairwise
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from framing.analyzers import AnalyzerSpec
from framing.report.sections import generic
from framing.report.sections.analysis import COVERED
from framing.safetext import terminal_safe
from framing.schema import Analysis, Article, actor_cards
from framing.schema.comparison import Comparison

AUTHOR_STYLE = "bold red"
QUOTED_STYLE = "bold yellow"
QUOTE_STYLE = "italic"


def _console() -> Console:
    return Console(highlight=False)


_BREAKS = re.compile(r"\s*[\n\u2028\u2029]\s*")


def plain(value: Any, style: str = "") -> Text:
    """``value`` as one line of terminal-safe text, never read as rich markup (for fields and table cells).

    Escape sequences and controls are removed and line breaks (with the spaces around them)
    become one space; other spacing is kept.
    """
    return Text(_BREAKS.sub(" ", terminal_safe("" if value is None else str(value))), style=style)


def _safe_pieces(text: str, offsets: set[int]) -> tuple[str, dict[int, int]]:
    """``text`` made terminal-safe piece by piece between ``offsets``, and where each offset lands in the result.

    Each piece is sanitised on its own, so the styles placed at the mapped offsets cover
    exactly the characters they covered before (identity when nothing is removed).
    """
    clean = terminal_safe(text)
    if clean == text:
        return text, {i: i for i in offsets}
    cuts = sorted({0, len(text)} | {i for i in offsets if 0 < i < len(text)})
    parts, where, pos = [], {0: 0}, 0
    for s, e in pairwise(cuts):
        piece = terminal_safe(text[s:e])
        parts.append(piece)
        pos += len(piece)
        where[e] = pos
    return "".join(parts), {i: where[min(max(i, 0), len(text))] for i in offsets}


def print_article(article: Article, console: Console | None = None, *, paragraphs: int = 4) -> None:
    """Title, outlet, date, byline, word count and the opening paragraphs."""
    c = console or _console()
    c.print(plain(article.title or "(untitled)", "bold"))
    rows = (
        ("outlet", article.outlet),
        ("published", article.published),
        ("byline", article.byline),
        ("url", article.url),
        ("source", None if article.url and article.source in (article.url, "") else article.source),
        ("language", article.language if article.language != "en" else None),
    )
    for label, value in rows:
        if value:
            c.print(Text(f"{label}: ") + plain(value))
    paras_total = len([p for p in article.body.split("\n") if p.strip()])
    c.print(Text(f"words: {article.word_count}, paragraphs: {paras_total}, extracted with ") + plain(article.extractor or "plain text"))
    if paragraphs:
        c.print()
        paras = [p for p in article.body.split("\n") if p.strip()]
        for p in paras[:paragraphs]:
            c.print(Text(terminal_safe(p)))
            c.print()
        if len(paras) > paragraphs:
            c.print(Text(f"[... {len(paras) - paragraphs} more paragraphs]", style="dim"))


def highlighted_text(d: Mapping[str, Any]) -> Text:
    """The article text (terminal-safe) with loaded spans and quotes styled from their offsets."""
    text = d["article"]["text"]
    quotes = []
    for q in (d.get("attribution") or {}).get("quotes", []):
        s, e = q.get("content_start"), q.get("content_end")
        if isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text):
            quotes.append((s, e))
    spans = [(QUOTED_STYLE if sp.get("voice") == "quoted" else AUTHOR_STYLE, sp["start"], sp["end"])
             for sp in (d.get("loaded_language") or {}).get("spans", []) if not sp.get("negated")]
    clean, at = _safe_pieces(text, {i for q in quotes for i in q} | {i for _, s, e in spans for i in (s, e)})
    out = Text(clean)
    for s, e in quotes:
        out.stylize(QUOTE_STYLE, at[s], at[e])
    for style, s, e in spans:
        out.stylize(style, at[s], at[e])
    return out


def _stance_bar(value: float, width: int = 10) -> Text:
    """A bar from -1 (left, '-') to +1 (right, '+'), centre '|'; readable without colour."""
    half = width // 2
    n = round(abs(value) * half)
    left = " " * (half - n) + ("-" * n if value < 0 else "")
    left = left.rjust(half)
    right = ("+" * n if value > 0 else "").ljust(half)
    t = Text()
    t.append(left, style="red")
    t.append("|")
    t.append(right, style="green")
    t.append(f" {value:+.2f}")
    return t


def loaded_table(d: Mapping[str, Any], *, top: int = 15) -> Table | None:
    ll = d.get("loaded_language") or {}
    spans = [s for s in ll.get("spans", []) if not s.get("negated")]
    if not spans:
        return None
    counts: Counter = Counter()
    info: dict[tuple, dict] = {}
    for s in spans:
        key = (s["quote"].lower(), s.get("voice", "author"))
        counts[key] += 1
        info.setdefault(key, s)
    t = Table(title="Top loaded phrases", title_justify="left")
    for col in ("phrase", "voice", "category", "neutral alternative", "n"):
        t.add_column(col)
    ranked = sorted(counts, key=lambda k: (-(info[k].get("weight", 0) * counts[k]), k))
    for key in ranked[:top]:
        s = info[key]
        t.add_row(plain(s["quote"]), plain(s.get("voice", "")), plain(s.get("category", "")), plain(s.get("alternative") or "-"),
                  str(counts[key]))
    return t


def figures_table(d: Mapping[str, Any]) -> Table:
    ll = d.get("loaded_language") or {}
    at = (d.get("attribution") or {}).get("summary", {}) or {}
    t = Table(title="Per-article figures", title_justify="left", show_header=False)
    t.add_column("measure")
    t.add_column("value", justify="right")
    rows = [
        ("words", d["article"].get("word_count")),
        ("loaded terms per 1,000 words", ll.get("per_1000_words")),
        ("  in the author's voice", ll.get("per_1000_words_author")),
        ("  in quotes / attributed speech", ll.get("per_1000_words_quoted")),
        ("share of sentences scoring >= 0.5", ll.get("share_sentences_loaded")),
        ("share of words inside quotes", at.get("quoted_share")),
        ("quotes and reported statements", at.get("n_quotes", len((d.get("attribution") or {}).get("quotes", [])))),
        ("anonymous sources", len((d.get("attribution") or {}).get("anonymous_sources", []))),
        ("vague attributions", len((d.get("attribution") or {}).get("vague_attributions", []))),
        ("unattributed claims", len((d.get("attribution") or {}).get("unattributed_claims", []))),
    ]
    for name, value in rows:
        if value is None:
            continue
        t.add_row(name, plain(f"{value:.2f}" if isinstance(value, float) else value))
    devices = ll.get("top_devices") or []
    if devices:
        names = [x if isinstance(x, str) else (x.get("category") or x.get("name") or str(x)) for x in devices[:5]]
        t.add_row("top devices", plain(", ".join(names)))
    return t


def actors_table(d: Mapping[str, Any], *, top: int = 12) -> Table | None:
    actors = actor_cards(d)
    if not actors:
        return None
    t = Table(title="Actors (stance in the author's voice and overall)", title_justify="left")
    for col in ("actor", "kind", "mentions", "stance", "label", "top labels", "acts / acted upon"):
        t.add_column(col)
    ranked = sorted(actors, key=lambda a: -(a.get("mentions") or 0))
    for a in ranked[:top]:
        labels = a.get("labels") or []
        names = [(x if isinstance(x, str) else x.get("quote") or x.get("label") or x.get("term", "")) for x in labels]
        t.add_row(
            plain(a.get("name", "")),
            plain(a.get("kind", "")),
            plain(a.get("mentions", "")),
            _stance_bar(float(a.get("stance") or 0.0)),
            plain(a.get("stance_label", "")),
            plain(", ".join(dict.fromkeys(str(n) for n in names if n))[:60] or "-"),
            plain(f"{a.get('agent', 0)} / {a.get('patient', 0)}"),
        )
    return t


def sources_table(d: Mapping[str, Any], *, top: int = 15) -> Table | None:
    quotes = (d.get("attribution") or {}).get("quotes") or []
    if not quotes:
        return None
    by_speaker: dict[tuple, dict] = defaultdict(lambda: {"n": 0, "verbs": Counter(), "types": Counter()})
    for q in quotes:
        key = (q.get("actor") or q.get("speaker") or "(unattributed)", q.get("speaker_kind") or "unknown")
        row = by_speaker[key]
        row["n"] += 1
        if q.get("cue"):
            row["verbs"][f"{q['cue'].lower()} ({q.get('cue_class') or 'unlisted'})"] += 1
        row["types"][q.get("type", "")] += 1
    t = Table(title="Sources", title_justify="left")
    for col in ("speaker", "kind", "count", "verbs used", "types"):
        t.add_column(col)
    for (speaker, kind), row in sorted(by_speaker.items(), key=lambda kv: -kv[1]["n"])[:top]:
        t.add_row(
            plain(speaker),
            plain(kind),
            str(row["n"]),
            plain(", ".join(v for v, _ in row["verbs"].most_common(4)) or "-"),
            plain(", ".join(f"{k} {v}" for k, v in row["types"].most_common() if k)),
        )
    return t


def frames_table(d: Mapping[str, Any], *, top: int = 6) -> Table | None:
    """The frame profile: the most probable frames with their probability, whether present, and their first cues."""
    fr = d.get("frames") or {}
    frames = fr.get("frames") or []
    if not frames:
        return None
    head = fr.get("headline") or {}
    t = Table(title=plain(f"Issue frames (primary: {fr.get('primary', '-').replace('_', ' ')}; headline: "
                          f"{(head.get('primary') or '-').replace('_', ' ')})", "table.title"), title_justify="left")
    for col in ("frame", "probability", "present", "cues"):
        t.add_column(col)
    for f in frames[:top]:
        cues = ", ".join(dict.fromkeys(e["quote"].lower() for e in f.get("evidence") or []))
        t.add_row(plain(f["label"]), f"{f['probability']:.2f}", "yes" if f.get("present") else "-", plain(cues[:80] or "-"))
    return t


def techniques_table(d: Mapping[str, Any]) -> Table | None:
    """Persuasion techniques: count by voice and per 1,000 words, with up to two examples each."""
    te = d.get("techniques") or {}
    spans = te.get("spans") or []
    if not spans:
        return None
    words = te.get("words") or 0
    t = Table(title=plain(f"Persuasion techniques ({te.get('per_1000_words_author', 0):.1f} per 1,000 words in the author's voice)",
                          "table.title"), title_justify="left")
    for col in ("technique", "author", "quoted", "per 1,000 words", "examples"):
        t.add_column(col)
    for tech, c in sorted((te.get("counts") or {}).items(), key=lambda kv: -(kv[1].get("author", 0) + kv[1].get("quoted", 0))):
        ex = list(dict.fromkeys(s["quote"] for s in spans if s["technique"] == tech))[:2]
        n = c.get("author", 0) + c.get("quoted", 0)
        label = next((s["label"] for s in spans if s["technique"] == tech), tech)
        t.add_row(plain(label), str(c.get("author", 0)), str(c.get("quoted", 0)), f"{1000 * n / words:.1f}" if words else "-",
                  plain("; ".join(ex)[:80]))
    return t


def findings_table(name: str, section: Any, *, analyzers: Sequence[AnalyzerSpec] | None = None) -> Table | None:
    """The generic findings table of a section with no view of its own (rule, quote with offsets, weight, detail)."""
    rows = generic.findings(name, section, specs=analyzers)
    if not rows:
        return None
    t = Table(title=plain(f"{generic.title(name)}: findings", "table.title"), title_justify="left")
    for col in ("passage", "offsets", "rule", "weight", "detail"):
        t.add_column(col)
    for f in rows[: generic.MAX_ROWS]:
        t.add_row(plain(f.quote.text[:120]), plain(f"{f.quote.start}-{f.quote.end}"), plain(f.rule + (f" ({f.meaning})" if f.meaning else "")),
                  f"{f.weight:+.2f}", plain(f.detail or "-"))
    return t


def print_analysis(analysis: Analysis, console: Console | None = None, *, show_text: bool = True,
                   analyzers: Sequence[AnalyzerSpec] | None = None) -> None:
    """The `framing score` terminal view."""
    c = console or _console()
    d = analysis.to_dict()
    print_article(analysis.article, c, paragraphs=0)
    c.print()
    if show_text:
        c.print(Text("Legend: ", style="bold") + Text("loaded (author's voice)", style=AUTHOR_STYLE) + Text("  ")
                + Text("loaded (quoted voice)", style=QUOTED_STYLE) + Text("  ") + Text("quoted speech", style=QUOTE_STYLE))
        c.print(highlighted_text(d))
        c.print()
    tables = [loaded_table(d), figures_table(d), actors_table(d), sources_table(d), frames_table(d), techniques_table(d)]
    own_view = COVERED | {"frames", "techniques"}  # frames and techniques have their own tables above
    tables += [findings_table(name, sec, analyzers=analyzers) for name, sec in generic.other_sections(analysis.sections, own_view)]
    for table in tables:
        if table is not None:
            c.print(table)
            c.print()


# --------------------------------------------------------------------------- comparison


def _f(v, pct: bool = False) -> str:
    if v is None:
        return "–"
    if pct:
        return f"{100 * v:.0f}%"
    return f"{v:.2f}" if isinstance(v, float) else str(v)


def _terms(rows: Sequence[Mapping[str, Any]]) -> str:
    return ", ".join(f"{r['term']} ({r['z']:.1f})" for r in rows[:15])


def print_comparison(comparison: Comparison, console: Console | None = None) -> None:
    """The `framing compare` terminal view: where the target stands, distinctive words, naming, stance, voices, claims."""
    con = console or Console()
    bold = "bold"
    d = comparison.to_dict()
    t = d["target"]
    leans: dict[str, int] = {}
    for p in d["peers"]:
        leans[p["lean"] or "unknown"] = leans.get(p["lean"] or "unknown", 0) + 1
    con.rule(plain(t["title"] or "(untitled)", bold))
    con.print(plain(
        f"{t['outlet'] or 'unknown outlet'} · {t['word_count']} words · compared with {len(d['peers'])} peers "
        f"({', '.join(f'{n} {k}' for k, n in sorted(leans.items()))}); similarity to their centroid {t['similarity']:.2f}"
    ))
    if d["set_aside"]:
        con.print(plain("set aside as off-story: " + "; ".join(f"{p['outlet']} ({p['similarity']:.2f})" for p in d["set_aside"][:8])))

    tab = Table(title="Where the target stands", show_lines=False)
    for col in ("measure", "target", "peers' median", "IQR", "percentile", "by lean (median)"):
        tab.add_column(col)
    for key, m in d["measures"].items():
        pct = key.endswith("share")
        pe = m["peers"]
        iqr = f"{_f(pe['q1'], pct)}–{_f(pe['q3'], pct)}" if pe["n"] else "–"
        lean = ", ".join(f"{k} {_f(v['median'], pct)}" for k, v in m["by_lean"].items())
        tab.add_row(*map(plain, (m["label"], _f(m["target"], pct), _f(pe["median"], pct), iqr, _f(m["percentile"]), lean)))
    con.print(tab)

    dt = d["distinctive_terms"]
    con.print(Text.assemble(("Words the target uses more", bold), " (Fightin' Words z): ", plain(_terms(dt["target"]))))
    con.print(Text.assemble(("Words the peers use more", bold), ": ", plain(_terms(dt["peers"]))))

    if d["naming"]:
        tab = Table(title="Naming choices")
        tab.add_column("referent")
        tab.add_column("target")
        tab.add_column("peers (all mentions)")
        for n in d["naming"]:
            if not n["target"]["counts"]:
                continue
            tab.add_row(plain(n["referent"]), plain(", ".join(f"{k} {v}" for k, v in n["target"]["counts"].items())),
                        plain(", ".join(f"{k} {v}" for k, v in list(n["peers_total"].items())[:6])))
        con.print(tab)

    rows = [r for r in d["stance_matrix"]["rows"] if "target" in r["cells"]][:12]
    if rows:
        tab = Table(title="Stance toward actors (author's voice, -1..1)")
        for col in ("actor", "target", "labels in target", "peers' median", "peers"):
            tab.add_column(col)
        for r in rows:
            cell = r["cells"]["target"]
            tab.add_row(*map(plain, (r["actor"], _f(cell["stance"]), ", ".join(map(str, cell["labels"][:4])), _f(r["peers_median"]), r["n_peers"])))
        con.print(tab)

    src = d["sources"]
    if src["target_only"]:
        con.print(Text.assemble(("Voices only the target quotes", bold), ": ", plain(", ".join(str(v["voice"]) for v in src["target_only"][:10]))))
    if src["target_omits"]:
        con.print(Text.assemble(("Voices the peers quote and the target does not", bold), ": ",
                                plain(", ".join(f"{v['voice']} ({v['n_peers']})" for v in src["target_omits"][:10]))))

    cl = d["claims"]
    for kind, title in (("contradicted", "Claims peers contradict"), ("uncorroborated", "Claims no peer corroborates"), ("omitted", "Facts peers report that the target leaves out")):
        items = cl[kind]
        if not items:
            continue
        con.print(Text.assemble((title, bold), f" ({len(items)})"))
        for x in items[:5]:
            where = f"[{x['start']}:{x['end']}]" if kind != "omitted" else f"{x['outlet']} and {x['n_peers'] - 1} more"
            con.print(Text.assemble("  • ", plain(x["quote"][:160]), "  ", plain(where, "dim")))
            for e in x["peer_evidence"][:2]:
                con.print(Text.assemble("      ", plain(f"{e['relation']}: {e['outlet']}: {e['quote'][:120]}", "dim")))
