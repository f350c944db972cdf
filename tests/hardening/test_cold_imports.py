"""What a cold ``framing score FILE`` imports (issue 21, cold start): scikit-learn and matplotlib cost about a second
and half a second and scoring needs neither (models are scored with numpy, charts are not drawn in the terminal).

The test reads ``python -X importtime`` of a real ``score`` run and finds, for the first import of each heavy
package, the framing module that imported it. Only the modules in :data:`KNOWN` may still do so; they are the
analyzers' model classes and the frames report section (changes listed in the cold-start report, after which
this set is empty). framing's loader, CLI and charts must never be among them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
HEAVY = ("sklearn", "matplotlib")
#: framing modules that may still import a heavy package at their top (none since the session-5 merge)
KNOWN: frozenset[str] = frozenset()


def importers(importtime: str) -> dict[str, str]:
    """heavy package -> the framing module that first imported it, from ``-X importtime`` output (children are
    listed before their parent, one level deeper)."""
    rows = []
    for line in importtime.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        name_part = line.split("|")[2]
        rows.append((len(name_part) - len(name_part.lstrip()), name_part.strip()))
    out: dict[str, str] = {}
    for i, (depth, name) in enumerate(rows):
        top = name.split(".")[0]
        if top in HEAVY and top not in out:
            want = depth
            for d, parent in rows[i + 1:]:  # the parent is the first later row that is shallower
                if d < want:
                    if parent.startswith("framing"):
                        out[top] = parent
                        break
                    want = d
            else:
                out[top] = "(not from framing)"
    return out


def test_importers_parser():
    sample = "\n".join([
        "import time: self [us] | cumulative | imported package",
        "import time:        10 |         10 |       sklearn.base",
        "import time:        10 |         20 |     sklearn",
        "import time:        10 |         30 |   framing.analyzers.x.model",
        "import time:        10 |         40 | framing.analyzers",
    ])
    assert importers(sample) == {"sklearn": "framing.analyzers.x.model"}


def test_score_imports_heavy_packages_only_from_known_modules(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("Council approves budget\n\nThe city council voted on Tuesday to approve a new budget that raises "
                     "spending on schools. Critics said taxes would rise too quickly.\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "100"}
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "framing", "score", str(story)], cwd=REPO,
                          env=env, capture_output=True, text=True, timeout=600, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    found = importers(proc.stderr)
    assert set(found.values()) <= KNOWN, found
    for mod in found.values():
        assert not mod.startswith(("framing.resources", "framing.cli", "framing.report.charts", "framing.ingest"))


@pytest.mark.parametrize("module", ["framing.resources.models", "framing.resources.npscore",
                                    "framing.cli", "framing.ingest.language"])
def test_these_modules_import_neither(module):
    code = f"import sys, {module}\nprint(sorted({{m.split('.')[0] for m in sys.modules}} & {set(HEAVY)!r}))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO,
                         env={**os.environ, "PYTHONPATH": str(REPO)}).stdout
    assert out.strip() == "[]"
