"""Shared fixtures.

Tests that read ``../shared`` use the ``shared_dir`` fixture (or the
``needs_shared`` marker helper): they skip with a clear reason when the folder is
absent, but fail when ``CI=true``, where it is always present.
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path

import pytest

from framing.ingest import load_path
from framing.nlp import get_nlp, parse

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FRAMING_SHARED", REPO.parent / "shared"))
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def shared_path(*parts: str) -> Path:
    """A path inside ../shared; skip (locally) or fail (in CI) when it is missing."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        if IN_CI:
            pytest.fail(f"{p} is missing, but CI=true: ../shared must be present in CI")
        pytest.skip(f"{p} not found: ../shared is absent on this machine (integration data)")
    return p


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return shared_path()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return shared_path("seed", "soleimani-cgpi.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_article(seed_text):
    return load_path(shared_path("seed", "soleimani-cgpi.txt"))


@pytest.fixture(scope="session")
def seed_parsed(seed_article):
    return parse(seed_article)


@cache
def corpus_records() -> dict[str, dict]:
    """The shared corpus's records by id, read once per session (skips or fails as :func:`shared_path` does)."""
    p = shared_path("corpora", "soleimani-2020", "articles.jsonl")
    rows = (json.loads(line) for line in p.read_text(encoding="utf-8").splitlines() if line.strip())
    return {r["id"]: r for r in rows}


@pytest.fixture(scope="session")
def corpus_rows():
    return list(corpus_records().values())


@pytest.fixture(scope="session")
def nlp():
    return get_nlp()
