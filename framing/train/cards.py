"""The one model card format: ``<name>.card.json`` beside the artifact, and ``<name>.card.md`` for people.

Trainers write the artifact with :func:`save_artifact` (the portable ``.npz``
form of :mod:`framing.resources.modelio` by default) and put
:func:`artifact_entry` of the returned path into the card.

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
import io
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from framing.errors import ModelError
from framing.resources.modelio import FORMATS, dumps_portable, load_bytes, loads_portable
from framing.resources.models import card_path, load_card

__all__ = ["artifact_entry", "markdown_path", "read_card", "save_artifact", "text_hash", "training_text_hashes",
           "write_card"]


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


def save_artifact(model: Any, name: str, folder: Path, *, fmt: str = ".npz", check: bool = True) -> Path:
    """Write ``model`` as ``<name><fmt>`` into ``folder`` and return the path (give it to :func:`artifact_entry`).

    ``fmt`` is ``.npz`` (portable: arrays + JSON, no pickle, loads under other scikit-learn and numpy releases),
    ``.pkl`` (plain pickle: fast, bound to these library versions) or ``.joblib``. With ``check`` the written bytes
    are loaded back and must give an object of the same class: the class of the default reader's object or, for
    ``.npz``, of the scikit-learn rebuild (a freshly fitted Pipeline is not the numpy scorer it loads as). A model
    the portable form cannot hold fails here, at training time, not at the user's. Artifacts of the same name in other formats are removed, so the folder
    holds one per model.
    """
    if fmt not in FORMATS:
        raise ModelError(f"unknown artifact format {fmt!r}; expected one of {', '.join(FORMATS)}")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}{fmt}"
    if fmt == ".npz":
        data = dumps_portable(model)
    elif fmt == ".pkl":
        import pickle  # lazy: only this format

        data = pickle.dumps(model, protocol=5)
    else:
        import joblib  # lazy: heavy (only this format)

        buf = io.BytesIO()
        joblib.dump(model, buf, compress=3)
        data = buf.getvalue()
    # the portable reader swaps scikit-learn objects for numpy scorers by default: a model given as scikit-learn
    # objects (freshly fitted) is compared with the scikit-learn rebuild, one given as scorers with the default
    if check and type(model) not in _loaded_types(data, fmt):
        raise ModelError(f"{name}{fmt}: the written artifact does not load back as a {type(model).__name__}")
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(data)
    tmp.replace(path)
    for other in FORMATS:
        if other != fmt and (folder / f"{name}{other}").is_file():
            (folder / f"{name}{other}").unlink()
    return path


def _loaded_types(data: bytes, fmt: str) -> set[type]:
    """The classes ``data`` loads back as: the default reader's and, for ``.npz``, the scikit-learn rebuild's."""
    types = {type(load_bytes(data, fmt))}
    if fmt == ".npz":
        types.add(type(loads_portable(data, numpy_scoring=False)))
    return types


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
