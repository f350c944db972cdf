"""The one model card format: ``<name>.card.json`` beside ``<name>.joblib``, and ``<name>.card.md`` for people.

A card records what the artifact is (``artifact``, ``artifact_sha256``,
``artifact_bytes``), what it was trained on (data file name and sha256, row
counts, short hashes of the training texts), its parameters, library versions
and held-out metrics. :func:`framing.resources.models.load_verified` loads an
artifact only when its sha256 is the card's. JSON cards are written with
sorted keys and two-space indentation (``sort_keys=False`` keeps a trainer's
own key order), then a newline.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from framing.resources.models import card_path, load_card

__all__ = ["artifact_entry", "markdown_path", "read_card", "text_hash", "training_text_hashes", "write_card"]


def text_hash(text: str) -> str:
    """A short hash (10 hex digits of sha256) of a text, whitespace-normalised, to tell evaluation rows seen in training."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:10]


def training_text_hashes(texts: Iterable[str]) -> list[str]:
    """The sorted, distinct :func:`text_hash` of the training texts (what a card stores)."""
    return sorted({text_hash(t) for t in texts})


def artifact_entry(path: Path) -> dict[str, Any]:
    """The card fields that identify an artifact file: name, sha256 and size in bytes."""
    data = path.read_bytes()
    return {"artifact": path.name, "artifact_sha256": hashlib.sha256(data).hexdigest(), "artifact_bytes": len(data)}


def markdown_path(name: str, folder: Path) -> Path:
    return folder / f"{name}.card.md"


def write_card(name: str, card: Mapping[str, Any], folder: Path, *, markdown: str | None = None,
               sort_keys: bool = True) -> Path:
    """Write ``<name>.card.json`` (and ``<name>.card.md`` when ``markdown`` is given) into ``folder``; the JSON path."""
    folder.mkdir(parents=True, exist_ok=True)
    p = card_path(name, folder)
    p.write_text(json.dumps(card, indent=2, sort_keys=sort_keys) + "\n", encoding="utf-8")
    if markdown is not None:
        markdown_path(name, folder).write_text(markdown, encoding="utf-8")
    return p


def read_card(name: str, folder: Path | None = None) -> dict[str, Any]:
    """The card of model ``name`` (the shipped one, or the one in ``folder``); ModelError when missing."""
    return load_card(name, folder)
