"""Terminal views (rich) of an Article and an Analysis.

``print_analysis`` shows, in order: the article header; the text with loaded
language highlighted (bold red = the author's voice, yellow = inside a quote or
attributed speech; quoted passages in italics); the top loaded phrases with
their neutral alternatives; the per-article figures; the actor table; the
sources table. Everything is read from ``Analysis.to_dict()`` (the JSON
contract), so the terminal shows exactly what ``--json`` prints.
"""

from __future__ import annotations

from framing.schema import actor_cards

from collections import Counter, defaultdict
from typing import Any, Mapping

from rich.console import Console
from rich.table import Table
from rich.text import Text

AUTHOR_STYLE = "bold red"
QUOTED_STYLE = "bold yellow"
QUOTE_STYLE = "italic"


def _console() -> Console:
    return Console(highlight=False)


def print_article(article, console: Console | None = None, *, paragraphs: int = 4) -> None:
    """Title, outlet, date, byline, word count and the opening paragraphs."""
    c = console or _console()
    c.print(Text(article.title or "(untitled)", style="bold"))
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
            c.print(Text(f"{label}: {value}"))
    paras_total = len([p for p in article.body.split("\n") if p.strip()])
    c.print(Text(f"words: {article.word_count}, paragraphs: {paras_total}, extracted with {article.extractor or 'plain text'}"))
    if paragraphs:
        c.print()
        paras = [p for p in article.body.split("\n") if p.strip()]
        for p in paras[:paragraphs]:
            c.print(Text(p))
            c.print()
        if len(paras) > paragraphs:
            c.print(Text(f"[... {len(paras) - paragraphs} more paragraphs]", style="dim"))


def highlighted_text(d: Mapping[str, Any]) -> Text:
    """The article text with loaded spans and quotes styled from their offsets."""
    text = d["article"]["text"]
    out = Text(text)
    for q in (d.get("attribution") or {}).get("quotes", []):
        s, e = q.get("content_start"), q.get("content_end")
        if isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text):
            out.stylize(QUOTE_STYLE, s, e)
    for sp in (d.get("loaded_language") or {}).get("spans", []):
        if sp.get("negated"):
            continue
        out.stylize(QUOTED_STYLE if sp.get("voice") == "quoted" else AUTHOR_STYLE, sp["start"], sp["end"])
    return out


def _stance_bar(value: float, width: int = 10) -> Text:
    """A bar from -1 (left, '-') to +1 (right, '+'), centre '|'; readable without colour."""
    half = width // 2
    n = int(round(abs(value) * half))
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
        t.add_row(s["quote"], s.get("voice", ""), s.get("category", ""), s.get("alternative") or "-", str(counts[key]))
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
        t.add_row(name, f"{value:.2f}" if isinstance(value, float) else str(value))
    devices = ll.get("top_devices") or []
    if devices:
        names = [x if isinstance(x, str) else (x.get("category") or x.get("name") or str(x)) for x in devices[:5]]
        t.add_row("top devices", ", ".join(names))
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
            a.get("name", ""),
            a.get("kind", ""),
            str(a.get("mentions", "")),
            _stance_bar(float(a.get("stance") or 0.0)),
            a.get("stance_label", ""),
            ", ".join(dict.fromkeys(n for n in names if n))[:60] or "-",
            f"{a.get('agent', 0)} / {a.get('patient', 0)}",
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
            speaker,
            kind,
            str(row["n"]),
            ", ".join(v for v, _ in row["verbs"].most_common(4)) or "-",
            ", ".join(f"{k} {v}" for k, v in row["types"].most_common() if k),
        )
    return t


def print_analysis(analysis, console: Console | None = None, *, show_text: bool = True) -> None:
    """The `framing score` terminal view."""
    c = console or _console()
    d = analysis.to_dict() if hasattr(analysis, "to_dict") else analysis
    print_article(analysis.article if hasattr(analysis, "article") else _ArticleView(d["article"]), c, paragraphs=0)
    c.print()
    if show_text:
        c.print(Text("Legend: ", style="bold") + Text("loaded (author's voice)", style=AUTHOR_STYLE) + Text("  ")
                + Text("loaded (quoted voice)", style=QUOTED_STYLE) + Text("  ") + Text("quoted speech", style=QUOTE_STYLE))
        c.print(highlighted_text(d))
        c.print()
    for table in (loaded_table(d), figures_table(d), actors_table(d), sources_table(d)):
        if table is not None:
            c.print(table)
            c.print()


class _ArticleView:
    """Attribute access over an article dict (for analyses restored from JSON)."""

    def __init__(self, d: Mapping[str, Any]):
        self._d = d

    def __getattr__(self, name: str) -> Any:
        if name == "body":
            return self._d["text"][self._d.get("body_start", 0):]
        return self._d.get(name)
