"""A short Hypothesis fuzz of ingest + analyze + render with hostile text (scripts/fuzz.py runs the long one).

No internal error, no span violation, an exact JSON round trip, and no escape byte in the terminal view, for
inputs mixing words, quotes, controls, ANSI escapes, zero-width and bidi characters, rich markup, TeX and HTML.
"""

from __future__ import annotations

import importlib.util
import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _fuzz():
    spec = importlib.util.spec_from_file_location("fuzz", ROOT / "scripts" / "fuzz.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.slow
def test_hostile_text_through_every_stage():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # matplotlib: glyphs missing from the font
        counts = _fuzz().run(40)
    assert counts == {"inputs": 40, "internal_errors": 0, "violations": 0}


def test_the_checker_catches_a_violation(monkeypatch):
    fuzz = _fuzz()
    monkeypatch.setattr(fuzz.Analysis, "validate", lambda self: ["$.x: [0, 99) is outside the text"])
    assert fuzz.check_one("A title", "The minister said the strike was brutal. " * 5).startswith("span violation")
