"""Charts for the reports: matplotlib Figures (object API, no pyplot state) -> inline SVG strings.

Every chart is readable in greyscale: segments carry printed labels or codes
and distinct grey levels, the target article is marked by a thick outline and
the word "TARGET", the
stance heatmap prints its value (with its sign) in every cell, and scatter
points differ by marker shape as well as shade. Text in the SVG stays text
(``svg.fonttype = none``), so it is selectable in the PDF.
Labels are outlet, actor and term names written by strangers, so every text is
drawn with mathtext off (``parse_math=False``): ``$x^$`` is printed, not parsed.

Functions return ``""`` when there is nothing to draw; callers show a
sentence instead of an empty chart.

Charts:

* :func:`outlet_bars` — one measure per outlet, target marked (loaded language per outlet);
* :func:`stance_heatmap` — actor × outlet stance in [-1, 1], diverging, values printed;
* :func:`stacked_shares` — share of voice by source kind per outlet (stacked, coded segments);
* :func:`fightin_words` — Fightin' Words plot: z-score against term frequency
  (Monroe, Colaresi & Quinn 2008, "Fightin' Words", *Political Analysis* 16(4));
* :func:`naming_chart` — the terms each outlet uses for one referent (stacked shares);
* :func:`category_bars` — counts by category in the author's and quoted voices;
* :func:`signed_bars` — one signed value per item (stance per actor);
* :func:`sentence_scores` — a score per sentence along the article, with a threshold line.
"""

from __future__ import annotations

import functools
import io
import math
import re
import types
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from markupsafe import escape

from framing.safetext import terminal_safe

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from matplotlib.typing import RcKeyType

RULES: dict[str, str] = {}  # charts draw findings made elsewhere; they emit none

FONT = "DejaVu Sans"
# No hatch patterns: SVG <pattern> fills are slow to print in WeasyPrint; charts use grey
# levels plus printed labels or codes instead, which read in greyscale just as well.
GREYS = ("#4d4d4d", "#d9d9d9", "#8c8c8c", "#ffffff", "#595959", "#bdbdbd", "#737373", "#f0f0f0", "#a6a6a6", "#e0e0e0")
# Blue-to-red through white; the printed value and sign carry the meaning in greyscale.
STANCE_COLORS = ("#b2182b", "#f4a582", "#f7f7f7", "#92c5de", "#2166ac")
TARGET_COLOR = "#d95f02"
PEER_COLOR = "#9e9e9e"

_RC: dict[RcKeyType, Any] = {
    "svg.fonttype": "none",
    "svg.hashsalt": "framing",
    "font.family": "sans-serif",
    "font.sans-serif": [FONT],
    "font.size": 8.5,
    "axes.titlesize": 9.5,
    "axes.spines.top": False,
    "axes.spines.right": False,
}

_counter = {"n": 0}
_DARK = ("#4d4d4d", "#595959", "#737373", "#8c8c8c")


def _codes(names: Sequence[str]) -> dict[str, str]:
    """Short segment labels (first letters, made unique) so stacked bars read without colour."""
    out: dict[str, str] = {}
    for name in names:
        base = "".join(w[0] for w in str(name).replace("_", " ").split() if w).upper()[:3] or "?"
        code, k = base, 2
        while code in out.values():
            code = f"{base}{k}"
            k += 1
        out[name] = code
    return out


@functools.cache
def _mpl() -> types.SimpleNamespace:
    """matplotlib, imported on the first chart drawn (it costs about half a second: the terminal view and
    ``--json`` never draw one), with the non-interactive Agg backend unless one was chosen already."""
    import matplotlib  # lazy: heavy (matplotlib), only when a chart is drawn

    matplotlib.use("Agg", force=False)
    from matplotlib import patches, rc_context  # lazy: heavy (matplotlib), only when a chart is drawn
    from matplotlib.backends.backend_svg import FigureCanvasSVG  # lazy: heavy (matplotlib)
    from matplotlib.colors import LinearSegmentedColormap  # lazy: heavy (matplotlib)
    from matplotlib.figure import Figure  # lazy: heavy (matplotlib)
    from matplotlib.text import Text  # lazy: heavy (matplotlib)
    from matplotlib.ticker import LogFormatter, ScalarFormatter  # lazy: heavy (matplotlib)

    return types.SimpleNamespace(
        rc_context=rc_context, FigureCanvasSVG=FigureCanvasSVG, Figure=Figure, Text=Text, patches=patches,
        LogFormatter=LogFormatter, ScalarFormatter=ScalarFormatter,
        stance_cmap=LinearSegmentedColormap.from_list("framing_stance", list(STANCE_COLORS)))


def __getattr__(name: str) -> Any:
    """``STANCE_CMAP`` (the stance colour map) is built from matplotlib on first use."""
    if name == "STANCE_CMAP":
        return _mpl().stance_cmap
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def figure(width: float, height: float, rc: Mapping[Any, Any] | None = None) -> Figure:
    """A new matplotlib Figure (object API, ``dpi`` 100, size in inches) created under the rc settings ``rc``
    (none: matplotlib's own), for report sections that draw a chart of their own; matplotlib is imported here on
    first use, so a section module need not import it at the top."""
    m = _mpl()
    with m.rc_context(dict(rc or {})):
        fig = m.Figure(figsize=(width, height), dpi=100)
    return fig


def _figure(width: float, height: float) -> Figure:
    return figure(width, height, _RC)


def _no_mathtext(fig: Figure) -> None:
    """Make every text of ``fig`` that can carry data literal: mathtext off, control characters removed.

    ``$x^$`` in an outlet name must print, not crash the mathtext parser; an escape sequence in a
    name must not reach the SVG. Mathtext stays on only for the labels matplotlib formats itself from
    numbers (log-scale ticks such as 10^2, scalar ticks, offset texts); tick labels given as strings
    (``set_yticks(ys, labels)``) are data.
    """
    m = _mpl()
    own: set[int] = set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            own.add(id(axis.offsetText))
            if isinstance(axis.get_major_formatter(), (m.LogFormatter, m.ScalarFormatter)):
                own.update(id(t) for tick in axis.get_major_ticks() + axis.get_minor_ticks() for t in (tick.label1, tick.label2))
                continue
            labels = [t.get_text() for t in axis.get_majorticklabels()]
            clean = [terminal_safe(x) for x in labels]
            if clean != labels:  # the formatter re-sets tick texts at draw time: give it the clean labels
                axis.set_ticklabels(clean)
    for text in fig.findobj(m.Text):
        if id(text) not in own:
            text.set_parse_math(False)
            raw = text.get_text()
            if terminal_safe(raw) != raw:
                text.set_text(terminal_safe(raw))


def to_svg(fig: Figure, *, title: str = "") -> str:
    """Serialise ``fig`` to an ``<svg>`` element string for inlining in HTML.

    The XML prologue and DOCTYPE are dropped, ids are made unique per chart
    (so several charts in one page never share a clip path), the fixed size
    becomes a ``viewBox`` with ``width="100%"``, and ``title`` becomes the
    SVG's ``<title>`` (read out by screen readers).
    """
    m = _mpl()
    buf = io.StringIO()
    _no_mathtext(fig)
    with m.rc_context(_RC):
        m.FigureCanvasSVG(fig)
        # tight_layout measures text extents once; bbox_inches="tight" would draw the whole figure twice
        fig.tight_layout(pad=0.3)
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    svg = buf.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, flags=re.S)  # RDF boilerplate with outside URLs
    _counter["n"] += 1
    prefix = f"c{_counter['n']}"
    ids = set(re.findall(r'id="([^"]+)"', svg))
    for ident in sorted(ids, key=len, reverse=True):
        svg = svg.replace(f'id="{ident}"', f'id="{prefix}{ident}"')
        svg = svg.replace(f"url(#{ident})", f"url(#{prefix}{ident})")
        svg = svg.replace(f'xlink:href="#{ident}"', f'xlink:href="#{prefix}{ident}"')
        svg = svg.replace(f'href="#{ident}"', f'href="#{prefix}{ident}"')
    size = re.match(r'<svg([^>]*?)width="([\d.]+)pt" height="([\d.]+)pt"', svg)
    if size:
        w, h = size.group(2), size.group(3)
        svg = svg.replace(f'width="{w}pt" height="{h}pt"', f'width="100%" style="max-width:{float(w) * 1.333:.0f}px"', 1)
    if title:
        svg = re.sub(r"(<svg[^>]*>)", lambda mm: mm.group(1) + f"<title>{escape(title)}</title>", svg, count=1)
    return svg


def _short(s: str, n: int = 28) -> str:
    s = str(s)
    return s if len(s) <= n else s[: n - 1] + "…"


def outlet_bars(
    rows: Sequence[Mapping],
    *,
    xlabel: str,
    title: str = "",
    median: float | None = None,
    q1: float | None = None,
    q3: float | None = None,
) -> str:
    """Horizontal bars, one per outlet, sorted by value; the target outlined and labelled.

    ``rows``: dicts with ``label``, ``value`` (float or None, skipped),
    ``is_target`` (bool) and optionally ``lean``. The peers' median and
    interquartile range are drawn as a line and a band when given.
    """
    rows = [r for r in rows if r.get("value") is not None and not (isinstance(r["value"], float) and math.isnan(r["value"]))]
    if not rows:
        return ""
    rows = sorted(rows, key=lambda r: (r["value"], r.get("is_target", False)))
    n = len(rows)
    fig = _figure(6.6, max(1.6, 0.17 * n + 0.9))
    ax = fig.add_subplot()
    ys = range(n)
    vals = [float(r["value"]) for r in rows]
    colors = [TARGET_COLOR if r.get("is_target") else PEER_COLOR for r in rows]
    widths = [1.4 if r.get("is_target") else 0.4 for r in rows]
    ax.barh(list(ys), vals, color=colors, edgecolor="#000000", linewidth=widths, height=0.72)
    if q1 is not None and q3 is not None:
        ax.axvspan(q1, q3, color="#000000", alpha=0.07, lw=0, label="peers' interquartile range")
    if median is not None:
        ax.axvline(median, color="#000000", lw=1.0, ls="--", label=f"peers' median ({median:.1f})")
    labels = []
    for r in rows:
        lab = _short(r.get("label") or "?", 30)
        if r.get("lean"):
            lab += f" ({r['lean'][0].upper()})"
        if r.get("is_target"):
            lab = "TARGET: " + lab
        labels.append(lab)
    ax.set_yticks(list(ys), labels, fontsize=6.5 if n > 25 else 7.5)
    for tick, r in zip(ax.get_yticklabels(), rows):
        if r.get("is_target"):
            tick.set_fontweight("bold")
    vmax = max(vals) if vals else 1.0
    for y, v, r in zip(ys, vals, rows):
        if r.get("is_target") or n <= 25:
            ax.text(v + vmax * 0.01, y, f"{v:.1f}", va="center", fontsize=6.5, fontweight="bold" if r.get("is_target") else "normal")
    ax.set_xlim(0, vmax * 1.12 if vmax > 0 else 1)
    ax.set_ylim(-0.6, n - 0.4)
    ax.set_xlabel(xlabel)
    if title:
        ax.set_title(title, loc="left")
    if median is not None or q1 is not None:
        ax.legend(loc="lower right", fontsize=7, frameon=False)
    return to_svg(fig, title=title or xlabel)


def stance_heatmap(
    actors: Sequence[str],
    columns: Sequence[Mapping],
    values: Sequence[Sequence[float | None]],
    *,
    title: str = "",
    target_row: int | None = None,
) -> str:
    """Actor × outlet stance matrix in [-1, 1].

    ``columns``: dicts with ``label`` and ``is_target``; ``values[i][j]`` is the
    stance of actor ``i`` in column ``j`` (None = actor not in that article,
    drawn as an empty mid-grey cell). Every filled cell prints its value
    with a sign, so the chart reads in greyscale. The target is boxed: the
    column flagged ``is_target``, or row ``target_row`` when the caller puts
    outlets on the rows (many outlets read better as rows on a portrait page).
    """
    if not actors or not columns:
        return ""
    n_a, n_c = len(actors), len(columns)
    data = np.full((n_a, n_c), np.nan)
    for i, row in enumerate(values):
        for j, v in enumerate(row):
            if v is not None:
                data[i, j] = float(v)
    cell_w = 0.36 if n_c > 20 else 0.5
    fig = _figure(min(7.2, 1.8 + cell_w * n_c), 1.3 + (0.22 if n_a > 16 else 0.32) * n_a)
    ax = fig.add_subplot()
    ax.set_facecolor("#d4d4d4")  # cells of actors an outlet does not mention
    masked = np.ma.masked_invalid(data)
    # pcolormesh, not imshow: vector cells (imshow embeds a raster image)
    im = ax.pcolormesh(np.arange(n_c + 1) - 0.5, np.arange(n_a + 1) - 0.5, masked, cmap=_mpl().stance_cmap, vmin=-1, vmax=1,
                       edgecolors="#ffffff", linewidth=0.6)
    ax.set_xlim(-0.5, n_c - 0.5)
    ax.set_ylim(n_a - 0.5, -0.5)
    fs = 5.5 if n_c > 20 else 6.5
    for i in range(n_a):
        for j in range(n_c):
            v = data[i, j]
            if np.isnan(v):
                continue  # not mentioned: the grey background shows through (no text: each SVG text costs PDF time)
            else:
                ax.text(j, i, f"{v:+.1f}".replace("+0.0", "0").replace("-0.0", "0"), ha="center", va="center", fontsize=fs,
                        color="#ffffff" if abs(v) > 0.6 else "#000000")
    ax.set_yticks(range(n_a), [_short(a, 26) for a in actors], fontsize=6.5 if n_a > 16 else 7)
    if target_row is not None:
        ax.get_yticklabels()[target_row].set_fontweight("bold")
        ax.add_patch(_mpl().patches.Rectangle((-0.5, target_row - 0.5), n_c, 1, fill=False, lw=1.6, ec="#000000"))
    xl = [("TARGET" if c.get("is_target") else _short(c.get("label") or "?", 18)) for c in columns]
    ax.set_xticks(range(n_c), xl, rotation=60, ha="right", rotation_mode="anchor", fontsize=fs + 0.5)
    for tick, c in zip(ax.get_xticklabels(), columns):
        if c.get("is_target"):
            tick.set_fontweight("bold")
    for j, c in enumerate(columns):
        if c.get("is_target"):
            ax.add_patch(_mpl().patches.Rectangle((j - 0.5, -0.5), 1, n_a, fill=False, lw=1.6, ec="#000000"))
    ax.spines[:].set_visible(False)
    ax.tick_params(length=0)
    del im  # no colour bar (matplotlib draws it as a raster image); the printed values carry the scale
    if title:
        ax.set_title(title, loc="left")
    return to_svg(fig, title=title or "stance by actor and outlet")


def stacked_shares(
    rows: Sequence[Mapping],
    kinds: Sequence[str],
    *,
    xlabel: str = "share of quoted voices",
    title: str = "",
) -> str:
    """Horizontal 100% stacked bars: ``rows`` dicts with ``label``, ``is_target``, ``counts`` {kind: n}.

    Each kind has its own grey and a printed code, listed in the legend; rows with no
    counts are shown as "none quoted".
    """
    if not rows or not kinds:
        return ""
    n = len(rows)
    fig = _figure(6.6, max(1.8, 0.17 * n + 1.2))
    ax = fig.add_subplot()
    lefts = [0.0] * n
    codes = _codes(kinds)
    for k_i, kind in enumerate(kinds):
        widths = []
        for r in rows:
            total = sum((r.get("counts") or {}).values())
            widths.append(((r.get("counts") or {}).get(kind, 0) / total) if total else 0.0)
        grey = GREYS[k_i % len(GREYS)]
        ax.barh(range(n), widths, left=lefts, color=grey, edgecolor="#222222", linewidth=0.4, height=0.72,
                label=f"{codes[kind]} = {kind}")
        for y, (left, w) in enumerate(zip(lefts, widths)):
            if w >= 0.07:
                ax.text(left + w / 2, y, codes[kind], ha="center", va="center", fontsize=5.5,
                        color="#ffffff" if grey in _DARK else "#000000")
        lefts = [a + b for a, b in zip(lefts, widths)]
    labels = []
    for r, left in zip(rows, lefts):
        lab = _short(r.get("label") or "?", 30)
        if r.get("is_target"):
            lab = "TARGET: " + lab
        if left == 0:
            lab += " (none quoted)"
        labels.append(lab)
    ax.set_yticks(range(n), labels, fontsize=6.5 if n > 25 else 7.5)
    for tick, r in zip(ax.get_yticklabels(), rows):
        if r.get("is_target"):
            tick.set_fontweight("bold")
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1], ["0%", "25%", "50%", "75%", "100%"])
    ax.set_xlabel(xlabel)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.5 / max(1.8, 0.17 * n + 1.2) - 0.12), ncol=min(len(kinds), 5),
              fontsize=7, frameon=False)
    if title:
        ax.set_title(title, loc="left")
    return to_svg(fig, title=title or xlabel)


def fightin_words(
    target_terms: Sequence[Mapping],
    peer_terms: Sequence[Mapping],
    *,
    target_label: str = "target",
    label_n: int = 12,
    title: str = "",
) -> str:
    """Fightin' Words plot: z-score of the log-odds ratio (y) against the term's total count (x, log scale).

    Terms the target over-uses (z > 0) are drawn as upward triangles, terms the
    peers use more (z < 0) as downward triangles; the ``label_n`` strongest of
    each side are labelled; dashed lines at |z| = 1.96.
    """
    pts = [(t, 1) for t in target_terms] + [(t, -1) for t in peer_terms]
    pts = [(t, s) for t, s in pts if t.get("z") is not None]
    if not pts:
        return ""
    fig = _figure(6.6, 4.2)
    ax = fig.add_subplot()

    def freq(t: Mapping) -> float:
        return max(1.0, float(t.get("count_target", 0) or 0) + float(t.get("count_peers", 0) or 0))

    for side, marker, color, name in ((1, "^", TARGET_COLOR, f"used more by {target_label}"), (-1, "v", "#4d4d4d", "used more by the peers")):
        sel = [t for t, s in pts if s == side]
        if sel:
            ax.scatter([freq(t) for t in sel], [float(t["z"]) for t in sel], marker=marker, s=18, c=color,
                       edgecolors="#000000", linewidths=0.3, label=name, zorder=3)
    ax.set_xscale("log")
    ax.axhline(1.96, color="#555555", lw=0.6, ls="--")
    ax.axhline(-1.96, color="#555555", lw=0.6, ls="--")
    ax.axhline(0, color="#000000", lw=0.5)
    xs = [freq(t) for t, _ in pts]
    zs = [float(t["z"]) for t, _ in pts]
    lx0, lx1 = math.log10(min(xs)) - 0.1, math.log10(max(xs)) + 0.6
    ax.set_xlim(10 ** lx0, 10 ** lx1)
    zmax = max(2.3, max(abs(z) for z in zs) * 1.12)
    ax.set_ylim(-zmax, zmax)
    # Terms sharing a point get one label; labels move down (or up) until they overlap no other label.
    char_w = (lx1 - lx0) * 0.0105  # decades per character at 6.5 pt on this figure width
    line_h = 2 * zmax * 0.05
    placed: list[tuple[float, float, float, float]] = []  # x0, x1 (decades), y0, y1
    for side in (1, -1):
        groups: dict[tuple[float, float], list[str]] = {}
        ranked = sorted((t for t, s_ in pts if s_ == side), key=lambda t: -abs(float(t["z"])))[:label_n]
        for t in ranked:
            groups.setdefault((freq(t), round(float(t["z"]), 2)), []).append(str(t.get("term", "?")))
        for (x, y), terms in sorted(groups.items(), key=lambda kv: -abs(kv[0][1])):
            label = ", ".join(terms[:3]) + (f" +{len(terms) - 3}" if len(terms) > 3 else "")
            lx = math.log10(x) + 0.03
            w = len(label) * char_w
            ly = y
            for _ in range(40):
                if not any(lx < b[1] and b[0] < lx + w and ly - line_h / 2 < b[3] and b[2] < ly + line_h / 2 for b in placed):
                    break
                ly -= side * line_h
            placed.append((lx, lx + w, ly - line_h / 2, ly + line_h / 2))
            ax.annotate(label, (x, y), xytext=(10 ** lx, ly), textcoords="data", fontsize=6.5, va="center",
                        arrowprops={"arrowstyle": "-", "lw": 0.3, "color": "#777777"} if abs(ly - y) > line_h * 0.6 else None)
    ax.set_xlabel("times used in all articles (log scale)")
    ax.set_ylabel("z-score of log-odds ratio")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2, fontsize=7, frameon=False)
    if title:
        ax.set_title(title, loc="left")
    return to_svg(fig, title=title or "distinctive terms")


def naming_chart(referents: Sequence[Mapping], *, target_label: str = "target", title: str = "") -> str:
    """Naming choices for several referents in one chart.

    ``referents``: dicts with ``referent`` (name), ``target`` {term: n} and
    ``peers`` {term: n}. For each referent two 100% stacked bars, the target's
    and the pooled peers', with every segment labelled by its term and count
    (alternating greys, so no legend is needed and greyscale reads).
    """
    refs = [r for r in referents if sum((r.get("target") or {}).values()) + sum((r.get("peers") or {}).values()) > 0]
    if not refs:
        return ""
    n = len(refs)
    fig = _figure(6.8, 0.62 * n + 0.7)
    ax = fig.add_subplot()
    yt, yl = [], []
    for i, r in enumerate(refs):
        terms = sorted(set(r.get("target") or {}) | set(r.get("peers") or {}),
                       key=lambda t: -((r.get("peers") or {}).get(t, 0) + (r.get("target") or {}).get(t, 0)))
        shade = {t: k for k, t in enumerate(terms)}
        for row, (who, counts) in enumerate(((target_label, r.get("target") or {}), ("all peers", r.get("peers") or {}))):
            y = i * 2.6 + row
            yt.append(y)
            yl.append(f"{_short(r.get('referent', '?'), 26)} — {who}" if row == 0 else who)
            total = sum(counts.values())
            left = 0.0
            if not total:
                ax.text(0.01, y, "not named", va="center", fontsize=6.5, color="#555555")
                continue
            for t in terms:
                v = counts.get(t, 0)
                if not v:
                    continue
                w = v / total
                k = shade[t]
                ax.barh(y, w, left=left, height=0.8, color=GREYS[k % len(GREYS)], edgecolor="#222222", linewidth=0.4)
                if w >= 0.09:
                    dark = GREYS[k % len(GREYS)] in _DARK
                    ax.text(left + w / 2, y, f"{_short(t, max(4, int(w * 60)))} {v}", ha="center", va="center", fontsize=6,
                            color="#ffffff" if dark else "#000000",
                            bbox=None if dark else {"boxstyle": "square,pad=0.1", "fc": "#ffffff", "ec": "none", "alpha": 0.85})
                left += w
    ax.set_yticks(yt, yl, fontsize=7)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1], ["0%", "25%", "50%", "75%", "100%"])
    ax.set_xlabel("share of the names used for the referent (segments too narrow to label: see the table)")
    if title:
        ax.set_title(title, loc="left")
    return to_svg(fig, title=title or "naming choices")


def category_bars(categories: Sequence[str], author: Sequence[int], quoted: Sequence[int], *, title: str = "") -> str:
    """Grouped horizontal bars: count per category in the author's voice (solid) and in quotes (white, outlined)."""
    if not categories or not (sum(author) + sum(quoted)):
        return ""
    n = len(categories)
    fig = _figure(6.2, max(1.6, 0.32 * n + 0.8))
    ax = fig.add_subplot()
    ys = list(range(n))
    h = 0.38
    ax.barh([y - h / 2 for y in ys], author, height=h, color="#4d4d4d", edgecolor="#000000", lw=0.4, label="author's voice")
    ax.barh([y + h / 2 for y in ys], quoted, height=h, color="#ffffff", edgecolor="#000000", lw=0.8,
            label="inside quotes")
    for y, a, q in zip(ys, author, quoted):
        if a:
            ax.text(a + 0.1, y - h / 2, str(a), va="center", fontsize=6.5)
        if q:
            ax.text(q + 0.1, y + h / 2, str(q), va="center", fontsize=6.5)
    ax.set_yticks(ys, [_short(c, 30) for c in categories])
    ax.invert_yaxis()
    ax.set_xlabel("loaded terms found")
    ax.legend(loc="lower right", fontsize=7, frameon=False)
    if title:
        ax.set_title(title, loc="left")
    return to_svg(fig, title=title or "loaded terms by category")


def signed_bars(rows: Sequence[Mapping], *, xlabel: str = "stance (−1 negative … +1 positive)", title: str = "") -> str:
    """One horizontal bar per item in [-1, 1]: ``rows`` dicts with ``label``, ``value`` and optional ``value2``.

    ``value`` (solid) is the author's voice, ``value2`` (white, thinner) the
    quoted voices; the value is printed beside each bar with its sign.
    """
    rows = [r for r in rows if r.get("value") is not None]
    if not rows:
        return ""
    n = len(rows)
    fig = _figure(6.2, max(1.6, 0.36 * n + 0.8))
    ax = fig.add_subplot()
    ys = list(range(n))
    vals = [float(r["value"]) for r in rows]
    ax.barh(ys, vals, height=0.5, color=["#4d4d4d" if v < 0 else "#bdbdbd" for v in vals], edgecolor="#000000", lw=0.4,
            label="author's voice")
    has2 = any(r.get("value2") is not None for r in rows)
    if has2:
        v2 = [float(r["value2"]) if r.get("value2") is not None else 0.0 for r in rows]
        ax.barh([y + 0.34 for y in ys], v2, height=0.18, color="#ffffff", edgecolor="#000000", lw=0.8,
                label="quoted voices")
    for y, v in zip(ys, vals):
        ax.text(v + (0.03 if v >= 0 else -0.03), y, f"{v:+.2f}", va="center", ha="left" if v >= 0 else "right", fontsize=6.5)
    ax.axvline(0, color="#000000", lw=0.6)
    ax.set_xlim(-1.15, 1.15)
    ax.set_yticks(ys, [_short(r.get("label") or "?", 28) for r in rows])
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    if has2:
        ax.legend(loc="lower right", fontsize=7, frameon=False)
    if title:
        ax.set_title(title, loc="left")
    return to_svg(fig, title=title or xlabel)


def sentence_scores(scores: Sequence[float], *, threshold: float = 0.5, title: str = "") -> str:
    """Loaded-language probability per sentence in reading order, with the decision threshold dashed."""
    if not scores:
        return ""
    fig = _figure(6.6, 1.9)
    ax = fig.add_subplot()
    xs = list(range(1, len(scores) + 1))
    above = [s >= threshold for s in scores]
    ax.bar(xs, scores, color=["#4d4d4d" if a else "#d0d0d0" for a in above], edgecolor="#000000", lw=0.3, width=0.8)
    ax.axhline(threshold, color="#000000", ls="--", lw=0.7)
    ax.text(len(scores) + 0.5, threshold, f" {threshold:.1f}", va="center", fontsize=6.5)
    ax.set_ylim(0, 1)
    ax.set_xlim(0.4, len(scores) + 0.6)
    ax.set_xlabel("sentence number (dark: at or above the threshold)")
    ax.set_ylabel("probability loaded")
    if title:
        ax.set_title(title, loc="left")
    return to_svg(fig, title=title or "sentence scores")
