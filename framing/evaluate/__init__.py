"""Evaluation: dataset readers and metrics behind ``framing evaluate`` and ``benchmarks/``.

One module per task: :mod:`framing.evaluate.loaded` (BABE format),
:mod:`framing.evaluate.stance` (NewsMTSC format), :mod:`framing.evaluate.attribution`
(PolNeAR format). Each exposes ``run(path) -> dict`` (the ``--json`` output) and
``describe(result) -> str`` (the terminal summary).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator

from framing.errors import DataError


def read_jsonl(path: str | Path, *, required: tuple[str, ...] = ()) -> Iterator[dict[str, Any]]:
    """Rows of a JSON Lines file; a clear DataError for a missing file, bad JSON or missing keys."""
    p = Path(path)
    if not p.is_file():
        raise DataError(f"{p}: no such data file; give a JSON Lines file with --data")
    with p.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DataError(f"{p}:{n}: not valid JSON ({exc.msg}); each line must be one JSON object") from exc
            if not isinstance(row, dict):
                raise DataError(f"{p}:{n}: expected a JSON object, got {type(row).__name__}")
            missing = [k for k in required if k not in row]
            if missing:
                raise DataError(f"{p}:{n}: missing key(s) {', '.join(missing)}; expected {', '.join(required)}")
            yield row
