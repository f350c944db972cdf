"""validate(): every offset invariant of a serialised analysis."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any


def walk(obj: Any, path: str = "$") -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Yield (path, dict) for every dict inside ``obj`` (depth first)."""
    if isinstance(obj, Mapping):
        yield path, obj
        for k, v in obj.items():
            yield from walk(v, f"{path}.{k}")
    elif isinstance(obj, (list, tuple)):
        for i, v in enumerate(obj):
            yield from walk(v, f"{path}[{i}]")


_OFFSET_PAIRS = (("start", "end"), ("speaker_start", "speaker_end"), ("content_start", "content_end"), ("cue_start", "cue_end"))


def validate(analysis: Mapping[str, Any]) -> list[str]:
    """Check every offset invariant of a serialised analysis; return the problems (empty = valid).

    For every dict anywhere inside ``analysis`` (except the article itself and
    peer material, which points into other texts): each ``start``/``end`` pair
    (and ``speaker_*``, ``content_*``, ``cue_*``) must be integers with
    ``0 <= start <= end <= len(text)``; where a ``quote`` sits beside
    ``start``/``end`` it must equal the text slice.
    """
    problems: list[str] = []
    art = analysis.get("article")
    if not isinstance(art, Mapping) or not isinstance(art.get("text"), str):
        return ["analysis has no article text"]
    text = art["text"]
    n = len(text)
    for key, section in analysis.items():
        if key in ("article", "provenance"):
            continue
        for path, d in walk(section, f"$.{key}"):
            if d.get("text_id") not in (None, "target"):
                continue  # points into another article (peer evidence)
            offsets_ok = True
            for a, b in _OFFSET_PAIRS:
                if a in d and b in d and d[a] is not None and d[b] is not None:
                    s, e = d[a], d[b]
                    if not isinstance(s, int) or not isinstance(e, int) or isinstance(s, bool) or isinstance(e, bool):
                        problems.append(f"{path}: {a}/{b} are not integers ({s!r}, {e!r})")
                        offsets_ok = offsets_ok and a != "start"
                    elif not (0 <= s <= e <= n):
                        problems.append(f"{path}: [{s}, {e}) is outside the text (length {n})")
                        offsets_ok = offsets_ok and a != "start"
            if (offsets_ok and "quote" in d and isinstance(d.get("start"), int) and isinstance(d.get("end"), int)
                    and isinstance(d["quote"], str) and d["quote"] != text[d["start"] : d["end"]]):
                problems.append(f"{path}: quote {d['quote'][:40]!r} != text[{d['start']}:{d['end']}]")
    return problems
