"""Readers of labelled data for training and evaluation; each error is one line naming the file, line and fix.

* :func:`read_jsonl` -- any JSON Lines file, one object per line, with required keys;
* :func:`read_babe` / :func:`read_babe_groups` -- BABE (Spinde et al. 2021,
  "Neural Media Bias Detection Using Distant Supervision With BABE"): sentences
  with ``label`` 1 = biased by word choice, 0 = not (null labels skipped), and
  their source article (``news_link``) for grouped cross-validation.

Nothing here touches the network or knows where the data lives: callers pass the path.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from framing.errors import DataError

__all__ = ["read_babe", "read_babe_groups", "read_jsonl"]


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


def read_babe(path: str | Path) -> tuple[list[str], list[int]]:
    """Texts and 0/1 labels of a BABE-format JSONL file (rows with a null label are skipped)."""
    texts, labels = [], []
    for row in read_jsonl(path, required=("text", "label")):
        if row["label"] is None:
            continue
        if row["label"] not in (0, 1, True, False):
            raise DataError(f"{path}: label {row['label']!r} is not 0 or 1 (BABE format: 1 = biased)")
        texts.append(str(row["text"]))
        labels.append(int(row["label"]))
    if not texts:
        raise DataError(f"{path}: no labelled rows; expected JSON lines with 'text' and 'label' (0/1)")
    return texts, labels


def read_babe_groups(path: str | Path) -> list[str]:
    """The source-article group of every labelled row of a BABE file (same order as :func:`read_babe`): the
    ``news_link`` or, when missing, the whitespace-normalised text (the grouping the dataset README describes)."""
    return [str(r.get("news_link") or " ".join(str(r["text"]).split()))
            for r in read_jsonl(path, required=("text", "label")) if r["label"] is not None]
