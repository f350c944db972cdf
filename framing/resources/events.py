"""Event files: ``corpora/<event>/actors.toml``, the actors of one news event named once for every article.

Format: ``[[actor]]`` tables with ``name`` (required), ``kind`` (one of
:class:`~framing.schema.ActorKind`: person, government, country, organisation,
group; default organisation), ``aliases`` (a list of strings) and
``affiliation`` (an optional string). The actors analyzer lets these win over
its automatic merge (every mention whose text matches an alias belongs to that
actor). Problems raise :class:`~framing.errors.InputError` naming the file, the
actor and what to write instead.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from framing.errors import InputError
from framing.schema import ActorKind

__all__ = ["KINDS", "coerce_overrides", "load_actor_file", "parse_overrides"]

KINDS: tuple[str, ...] = tuple(str(k) for k in ActorKind)


def load_actor_file(path: str | Path) -> list[dict[str, Any]]:
    """Read an actors.toml file into override dicts (``name``, ``kind``, ``aliases``, ``affiliation``)."""
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{p}: no such actors file; pass a corpora/<event>/actors.toml path") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{p}: not valid TOML ({exc}); fix the file") from None
    return parse_overrides(data, where=str(p))


def parse_overrides(data: Mapping[str, Any] | Iterable[Mapping[str, Any]], where: str = "actors") -> list[dict[str, Any]]:
    """Validate override data (a parsed actors.toml dict, or a list of actor dicts); ``where`` names it in errors."""
    rows = data.get("actor", data.get("actors", [])) if isinstance(data, Mapping) else list(data)
    out = []
    for i, r in enumerate(rows, 1):
        if not isinstance(r, Mapping) or not isinstance(r.get("name"), str) or not r["name"].strip():
            raise InputError(f"{where}: actor #{i} has no name; every [[actor]] needs name = \"...\"")
        kind = r.get("kind", "organisation")
        if kind not in KINDS:
            raise InputError(f"{where}: actor {r['name']!r} has kind {kind!r}; use one of {', '.join(KINDS)}")
        aliases = r.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise InputError(f"{where}: actor {r['name']!r}: aliases must be a list of strings")
        aff = r.get("affiliation")
        if aff is not None and not isinstance(aff, str):
            raise InputError(f"{where}: actor {r['name']!r}: affiliation must be a string")
        out.append({"name": r["name"].strip(), "kind": kind, "aliases": [a.strip() for a in aliases if a.strip()],
                    "affiliation": aff or None})
    return out


def coerce_overrides(overrides: Any) -> list[dict[str, Any]]:
    """Override dicts from None (none), a path to an actors.toml, a parsed dict or a list of actor dicts."""
    if overrides is None:
        return []
    if isinstance(overrides, (str, Path)):
        return load_actor_file(overrides)
    return parse_overrides(overrides)
