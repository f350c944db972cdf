"""framing.resources.estimator: the scikit-learn parameter protocol without importing scikit-learn."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from framing.resources.estimator import ClassifierEstimator, Estimator

REPO = Path(__file__).resolve().parents[2]


class Inner(Estimator):
    def __init__(self, alpha: float = 1.0) -> None:
        self.alpha = alpha


class Toy(ClassifierEstimator):
    def __init__(self, C: float = 1.0, inner: Inner | None = None, names: tuple[str, ...] = ("a",)) -> None:
        self.C = C
        self.inner = inner
        self.names = names

    def predict(self, X):
        return (np.asarray(X)[:, 0] > self.C).astype(int)


def test_params_and_set_params():
    t = Toy(C=2.0, inner=Inner(alpha=0.5))
    assert t.get_params(deep=False) == {"C": 2.0, "inner": t.inner, "names": ("a",)}
    assert t.get_params()["inner__alpha"] == 0.5
    t.set_params(C=3.0, inner__alpha=0.1)
    assert (t.C, t.inner.alpha) == (3.0, 0.1)
    with pytest.raises(ValueError, match="Invalid parameter 'D'"):
        t.set_params(D=1)
    assert repr(Toy(C=2.0)) == "Toy(C=2.0)"


def test_score_is_accuracy():
    X = np.array([[0.0], [2.0], [3.0], [0.5]])
    assert Toy(C=1.0).score(X, [0, 1, 0, 0]) == 0.75


def test_scikit_learn_clone_and_tags_work():
    from sklearn.base import clone, is_classifier

    t = Toy(C=5.0, inner=Inner(alpha=2.0))
    c = clone(t)
    assert c is not t and c.C == 5.0 and c.inner is not t.inner and c.inner.alpha == 2.0
    assert is_classifier(t) and not is_classifier(Inner())


def test_importing_it_imports_no_scikit_learn():
    code = "import sys, framing.resources.estimator, framing.resources.npscore, framing.resources.modelio\n" \
           "print([m for m in sys.modules if m.split('.')[0] == 'sklearn'])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"}).stdout
    assert out.strip() == "[]"
