"""Formatting helpers shared by the report builders: numbers, dates, quotations with offsets."""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Iterable, Mapping
from typing import Any

from framing.report.model import Quote
from framing.version import __version__


def num(x: Any) -> float | None:
    if isinstance(x, bool) or x is None:
        return None
    try:
        v = float(x)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(v) else v


def fmt(x: Any, digits: int = 1) -> str:
    v = num(x)
    if v is None:
        return "–"
    if float(v).is_integer() and abs(v) >= 1 and digits <= 1:
        return f"{int(v):,}"
    return f"{v:,.{digits}f}"


def pct(x: Any) -> str:
    v = num(x)
    return "–" if v is None else f"{100 * v:.0f}%"


def signed(x: Any) -> str:
    v = num(x)
    return "–" if v is None else f"{v:+.2f}"




def quote_at(d: Mapping, text: str | None = None, source: str = "") -> Quote | None:
    s, e = d.get("start"), d.get("end")
    quote = d.get("quote")
    if quote is None and text is not None and isinstance(s, int) and isinstance(e, int):
        quote = text[s:e]
    if quote is None:
        return None
    return Quote(str(quote), s if isinstance(s, int) else None, e if isinstance(e, int) else None, source)


def clip(s: str, n: int = 220) -> str:
    s = " ".join(str(s).split())
    return s if len(s) <= n else s[: n - 1].rstrip() + "…"


def label_name(x: Any) -> str:
    if isinstance(x, str):
        return x
    if isinstance(x, Mapping):
        return str(x.get("label") or x.get("quote") or x.get("term") or x.get("text") or "")
    return str(x)




def when(iso: str | None) -> str:
    if not iso:
        return "–"
    try:
        return _dt.date.fromisoformat(str(iso)[:10]).strftime("%-d %B %Y")
    except ValueError:
        return str(iso)


def now() -> str:
    return _dt.datetime.now(_dt.UTC).strftime("%-d %B %Y, %H:%M UTC")


def version() -> str:
    return __version__




def speaker_key(q: Mapping) -> str:
    return str(q.get("actor") or q.get("speaker") or "unnamed speaker")


def cat_codes(categories: Iterable[str]) -> dict[str, str]:
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
