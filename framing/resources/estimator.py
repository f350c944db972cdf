"""A base for framing's own model classes that behaves like a scikit-learn estimator without importing scikit-learn.

framing's model classes (the loaded-language sentence classifier and span tagger, the frame and technique
classifiers) used to derive from ``sklearn.base.BaseEstimator`` (and ``ClassifierMixin``) for ``get_params`` /
``set_params`` / ``clone``. Deriving from it imports scikit-learn (about a second, the largest single cost of a cold
``framing score``) although scoring a shipped model needs only numpy (:mod:`framing.resources.npscore`).
:class:`Estimator` gives the same parameter protocol — constructor parameters are the attributes of the same name;
``get_params(deep=True)`` includes nested estimators' parameters as ``name__param``; ``set_params`` accepts both —
so ``sklearn.base.clone`` and the trainers work unchanged; :class:`ClassifierEstimator` adds ``score`` (accuracy of
``predict``) and the classifier tags. scikit-learn's tag machinery (releases from 1.6 ask ``__sklearn_tags__``) is
answered by importing scikit-learn only when scikit-learn itself asks, i.e. when it is already imported.

Limits: no parameter validation (``_validate_params``) and no HTML repr; a subclass's ``__init__`` must store each
parameter unchanged under its own name, as scikit-learn requires too.
"""

from __future__ import annotations

import inspect
from typing import Any

import numpy as np

__all__ = ["ClassifierEstimator", "Estimator"]


class Estimator:
    """Parameter protocol of a scikit-learn estimator (``get_params``, ``set_params``, ``clone``-compatible)."""

    _estimator_type: str | None = None

    @classmethod
    def _get_param_names(cls) -> list[str]:
        """The constructor's parameter names, sorted (as scikit-learn lists them)."""
        init = cls.__init__  # the subclass's own constructor
        if init is object.__init__:
            return []
        params = [p for p in inspect.signature(init).parameters.values() if p.name != "self" and p.kind != p.VAR_KEYWORD]
        if any(p.kind == p.VAR_POSITIONAL for p in params):
            raise RuntimeError(f"{cls.__name__}: estimators list their parameters in __init__ (no *args)")
        return sorted(p.name for p in params)

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """Constructor parameters and their values; with ``deep``, nested estimators' as ``name__param`` too."""
        out: dict[str, Any] = {}
        for key in self._get_param_names():
            value = getattr(self, key)
            if deep and hasattr(value, "get_params") and not isinstance(value, type):
                out.update((f"{key}__{k}", v) for k, v in value.get_params().items())
            out[key] = value
        return out

    def set_params(self, **params: Any) -> Estimator:
        """Set parameters (``name`` or ``name__nested``); unknown names raise ValueError, as in scikit-learn."""
        valid = self.get_params(deep=True)
        nested: dict[str, dict[str, Any]] = {}
        for key, value in params.items():
            name, sep, sub = key.partition("__")
            if name not in valid:
                raise ValueError(f"Invalid parameter {name!r} for estimator {type(self).__name__}. "
                                 f"Valid parameters are: {sorted(self._get_param_names())!r}.")
            if sep:
                nested.setdefault(name, {})[sub] = value
            else:
                setattr(self, name, value)
                valid[name] = value
        for name, sub_params in nested.items():
            valid[name].set_params(**sub_params)
        return self

    def __repr__(self) -> str:
        sig = inspect.signature(type(self).__init__)
        shown = []
        for name in self._get_param_names():
            default = sig.parameters[name].default
            value = getattr(self, name, default)
            if value is not default and not (type(value) is type(default) and _same(value, default)):
                shown.append(f"{name}={value!r}")
        return f"{type(self).__name__}({', '.join(shown)})"

    def __sklearn_tags__(self) -> Any:
        """scikit-learn's tags (asked by scikit-learn >= 1.6, which is then imported already)."""
        from sklearn.base import BaseEstimator  # lazy: scikit-learn is asking, so it is imported

        return BaseEstimator.__sklearn_tags__(self)


class ClassifierEstimator(Estimator):
    """An :class:`Estimator` that is a classifier: ``score`` is the accuracy of ``predict``."""

    _estimator_type = "classifier"

    def score(self, X: Any, y: Any, sample_weight: Any = None) -> float:
        """Accuracy of ``self.predict(X)`` against ``y`` (weighted by ``sample_weight`` when given)."""
        hit = np.asarray(self.predict(X)) == np.asarray(y)  # type: ignore[attr-defined]
        w = np.ones(len(hit)) if sample_weight is None else np.asarray(sample_weight, dtype=float)
        return float(np.sum(hit * w) / np.sum(w))

    def __sklearn_tags__(self) -> Any:
        from sklearn.utils import ClassifierTags  # lazy: scikit-learn is asking, so it is imported

        tags = super().__sklearn_tags__()
        tags.estimator_type = "classifier"
        tags.classifier_tags = ClassifierTags()
        tags.target_tags.required = True
        return tags


def _same(a: Any, b: Any) -> bool:
    try:
        return bool(a == b)
    except (TypeError, ValueError):  # arrays and the like: shown
        return False
