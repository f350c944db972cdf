"""Resources the analyzers read: lexicons (TSV data), trained models (verified artifacts), event files.

:class:`Lexicons` and :class:`Models` are lazy, injectable mappings: an entry is
loaded on first access and cached, and any entry can be replaced by passing
``overrides`` (tests and training inject candidate models this way, through
:class:`framing.analyzers.Context`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from framing.resources import lexicons as _lexicons
from framing.resources import models as _models

__all__ = ["Lexicons", "Models"]


class _Lazy(Mapping[str, Any]):
    def __init__(self, loader: Callable[[str], Any], known: Callable[[], list[str]],
                 overrides: Mapping[str, Any] | None = None) -> None:
        self._loader = loader
        self._known = known
        self._over = dict(overrides or {})

    def __getitem__(self, name: str) -> Any:
        if name in self._over:
            return self._over[name]
        return self._loader(name)

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(set(self._known()) | set(self._over)))

    def __len__(self) -> int:
        return len(set(self._known()) | set(self._over))

    def __repr__(self) -> str:
        return f"{type(self).__name__}(overrides={sorted(self._over)})"


class Lexicons(_Lazy):
    """``lexicons[name]`` is ``lexicons/<name>.tsv`` loaded and validated (or the injected override)."""

    def __init__(self, overrides: Mapping[str, Any] | None = None) -> None:
        super().__init__(_lexicons.load, _lexicons.names, overrides)


class Models(_Lazy):
    """``models[name]`` is the verified artifact ``framing/models/<name>.joblib`` (or the injected override)."""

    def __init__(self, overrides: Mapping[str, Any] | None = None) -> None:
        super().__init__(_models.load, lambda: list(_models.MODELS), overrides)
