"""Trained model artifacts: one card format, one verified loader.

Every artifact ``framing/models/<name>.<format>`` ships with ``<name>.card.json``
(training data and its sha256, parameters, library versions, held-out metrics,
``artifact`` (the file name) and ``artifact_sha256``). :func:`load_verified`
refuses any file whose sha256 is not the card's: pickle and joblib files can run
code when loaded, so only artifacts this repository built are trusted. The file
format follows the suffix (:mod:`framing.resources.modelio`): ``.npz`` is the
portable form (no pickle; any scikit-learn that keeps the estimators' fitted
attributes), ``.pkl`` plain pickle, ``.joblib`` what ``joblib.dump`` writes.
The bytes are read once and hashed and decoded from memory. Nothing here
touches the network.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.resources
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from framing.errors import ModelError
from framing.resources.modelio import FORMATS, load_bytes

#: name -> (what it is, the command that rebuilds it)
MODELS: dict[str, tuple[str, str]] = {
    "loaded_sentence": ("the loaded-language model", "framing train loaded"),
    "loaded_spans": ("the learned loaded-word detector", "framing train loaded-spans"),
    "attribution_spans": ("the attribution span model", "framing train attribution"),
    "stance_target_sentiment": ("the stance model", "framing train stance"),
    "roles_entity": ("the roles model", "framing train roles"),
    "frames_article": ("the issue-frames model", "framing train frames"),
    "techniques_spans": ("the persuasion-technique model", "framing train techniques"),
}


def models_dir() -> Path:
    """The folder of the shipped artifacts (inside the installed package)."""
    return Path(str(importlib.resources.files("framing.models")))


def artifact_digests() -> dict[str, str]:
    """sha256 of every artifact file in ``framing/models/`` (``*.npz``, ``*.pkl``, ``*.joblib``, ``*.json``), by file name.

    Called for every analysis (provenance, cache keys): a file is hashed again only when its size or
    modification time changed (``framing train`` rewrites artifacts in place).
    """
    out = {}
    for p in sorted(models_dir().iterdir()):
        if p.is_file() and (p.suffix in FORMATS or p.name.endswith(".json")):
            st = p.stat()
            out[p.name] = _file_sha256(str(p), st.st_mtime_ns, st.st_size)
    return out


@functools.lru_cache(maxsize=64)
def _file_sha256(path: str, mtime_ns: int, size: int) -> str:
    """sha256 of a file, cached by (path, mtime, size)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def card_path(name: str, folder: Path | None = None) -> Path:
    return (folder or models_dir()) / f"{name}.card.json"


def artifact_path(name: str, folder: Path | None = None) -> Path:
    """The artifact file the card in ``folder`` names (``card["artifact"]``); ``<name>.joblib`` when there is no card
    yet (where trainers that call ``joblib.dump`` write)."""
    base = folder or models_dir()
    p = card_path(name, base)
    if p.is_file():
        try:
            artifact = json.loads(p.read_text(encoding="utf-8")).get("artifact")
        except (OSError, ValueError):
            artifact = None
        if isinstance(artifact, str) and artifact and Path(artifact).name == artifact:
            return base / artifact
    return base / f"{name}.joblib"


def load_card(name: str, folder: Path | None = None) -> dict[str, Any]:
    """The model card of artifact ``name`` (ModelError when it is missing)."""
    p = card_path(name, folder)
    if not p.is_file():
        what, command = MODELS.get(name, (name, "framing train"))
        raise ModelError(f"{p}: no model card for {what}; rebuild it with `{command}`")
    return json.loads(p.read_text(encoding="utf-8"))


def load_verified(p: Path, card: Mapping[str, Any], cls: type | None = None, *, what: str, command: str) -> Any:
    """The model in the artifact ``p`` after checking its sha256 against ``card`` and (when given) that it is a
    ``cls``; :class:`ModelError` otherwise. The format follows ``p``'s suffix (``.npz``, ``.pkl``, ``.joblib``)."""
    if not p.is_file():
        raise ModelError(f"{p}: {what} is missing; rebuild it with `{command}`")
    if p.suffix not in FORMATS:
        raise ModelError(f"{p}: unknown artifact format {p.suffix!r} (expected {', '.join(FORMATS)}); rebuild it with `{command}`")
    data = p.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != card.get("artifact_sha256"):
        raise ModelError(f"{p}: sha256 {digest[:12]} differs from the card's {str(card.get('artifact_sha256'))[:12]}; "
                         f"only artifacts built by `{command}` in this repo are loaded: rebuild it")
    try:
        model = load_bytes(data, p.suffix)
    except (ModelError, ImportError, AttributeError, ValueError, KeyError, TypeError, EOFError) as exc:
        raise ModelError(f"{p}: cannot load {what} with the installed libraries ({type(exc).__name__}: {exc}); "
                         f"rebuild it with `{command}`") from exc
    if cls is not None and not isinstance(model, cls):
        raise ModelError(f"{p}: the file is not a {cls.__name__} object; rebuild it with `{command}`")
    return model


@functools.cache
def load(name: str) -> Any:
    """The shipped artifact ``name`` (see :data:`MODELS`), verified against its card; cached for the process."""
    what, command = MODELS.get(name, (name, "framing train"))
    card = load_card(name)
    return load_verified(artifact_path(name), card, what=what, command=command)


def model_rule(name: str, prefix: str) -> str:
    """Rule id of a model's evidence, e.g. ``model:loaded@3f2a9c1d`` (first 8 hex digits of the artifact)."""
    try:
        return f"model:{prefix}@{load_card(name)['artifact_sha256'][:8]}"
    except (ModelError, KeyError):
        return f"model:{prefix}@untrained"
