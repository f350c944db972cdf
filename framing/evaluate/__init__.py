"""Evaluation: public metrics and one runner per task, behind ``framing evaluate`` and ``benchmarks/``.

* :mod:`framing.evaluate.metrics` -- macro-F1, precision/recall/F1 from labels
  or counts, best threshold, expected calibration error, span overlap: one
  implementation each;
* runners, each exposing ``run(path) -> dict`` (the ``--json`` output) and
  ``describe(result) -> str`` (the terminal summary): :mod:`framing.evaluate.loaded`
  (BABE format), :mod:`framing.evaluate.stance` (NewsMTSC format),
  :mod:`framing.evaluate.attribution` (PolNeAR format).

Dataset readers live in :mod:`framing.train.datasets` (``read_jsonl`` is
re-exported here for the runners). Never imported by inference.
"""

from __future__ import annotations

from framing.train.datasets import read_jsonl

__all__ = ["read_jsonl"]
