"""The built wheel works outside the repository: data files ship inside it and are found via importlib.resources.

Builds a wheel from a copy of the source tree (so the working tree gets no
``build/`` folder), installs it with ``pip install --no-deps --target``, then
runs Python in a temporary folder with only that target on ``PYTHONPATH`` (the
dependencies come from the current environment) and checks that framing is
imported from the installed copy and that every data file of the source tree
(lexicons, corpora, models, report templates) is present in it.

The build uses pip's isolated build environment (setuptools and wheel from the
package index or pip's cache): pip is the one networked tool the project
allows; the test is skipped when the build backend cannot be obtained.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
IGNORE = shutil.ignore_patterns(
    ".venv", ".git", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache", ".hypothesis", "reports", "notebooks", "tests", "benchmarks", "*.sqlite", "*.db"
)

# Data files the wheel must carry: (package, source folder, patterns) — mirrors [tool.setuptools.package-data].
DATA = (
    ("framing.lexicons", REPO / "lexicons", ("*.tsv", "*.md")),
    ("framing.corpora", REPO / "corpora", ("*.md", "**/*.txt", "**/*.md", "**/*.toml", "**/*.jsonl", "**/*.json", "**/*.html")),
    ("framing.models", REPO / "framing" / "models", ("*.npz", "*.pkl", "*.joblib", "*.json", "*.md")),
    ("framing.report", REPO / "framing" / "report", ("templates/*",)),
    ("framing.schema", REPO / "framing" / "schema", ("*.json",)),
)

CHECK = r"""
import importlib.resources as res, json, sys
import framing
from framing import cli, ingest, schema, nlp, pipeline
out = {"framing": framing.__file__, "version": framing.__version__, "files": {}}
for pkg, rels in json.loads(sys.argv[1]).items():
    root = res.files(pkg)
    out["files"][pkg] = {"root": str(root), "missing": [r for r in rels if not root.joinpath(*r.split("/")).is_file()]}
art = ingest.load_path(sys.argv[2])
out["title"] = art.title
print(json.dumps(out))
"""


def _expected_files() -> dict[str, list[str]]:
    expected: dict[str, list[str]] = {}
    for pkg, folder, patterns in DATA:
        rels = set()
        for pat in patterns:
            for p in folder.glob(pat):
                if p.is_file() and "__pycache__" not in p.parts:
                    rels.add(p.relative_to(folder).as_posix())
        expected[pkg] = sorted(rels)
    return expected


@pytest.mark.slow
def test_wheel_installs_and_finds_its_data(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(REPO, src, ignore=IGNORE)
    dist = tmp_path / "dist"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(src), "--no-deps", "-w", str(dist), "-q", "--disable-pip-version-check"],
        capture_output=True,
        text=True,
        timeout=240,
    )
    if build.returncode != 0 and ("Could not find a version" in build.stderr or "No matching distribution" in build.stderr):
        pytest.skip(f"the build backend (setuptools) could not be obtained by pip: {build.stderr.strip().splitlines()[-1]}")
    assert build.returncode == 0, build.stderr[-3000:]
    wheels = list(dist.glob("framing_analyzer-*.whl"))  # the distribution name (issue 21); the module is framing
    assert len(wheels) == 1, wheels

    target = tmp_path / "site"
    inst = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--target", str(target), str(wheels[0]), "-q", "--disable-pip-version-check"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert inst.returncode == 0, inst.stderr[-3000:]

    expected = _expected_files()
    assert expected["framing.lexicons"], "the source tree has no lexicons to ship"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    page = elsewhere / "article.html"
    page.write_bytes((REPO / "tests" / "fixtures" / "pages" / "article.html").read_bytes())
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env["PYTHONPATH"] = str(target)
    run = subprocess.run(
        [sys.executable, "-c", CHECK, json.dumps(expected), str(page)],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=env,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    out = json.loads(run.stdout.strip().splitlines()[-1])
    assert Path(out["framing"]).resolve().is_relative_to(target.resolve()), out["framing"]
    for pkg, info in out["files"].items():
        assert Path(info["root"]).resolve().is_relative_to(target.resolve()), (pkg, info["root"])
        assert info["missing"] == [], f"{pkg}: files in the source tree but not in the wheel: {info['missing']}"
    assert out["title"] == "Harbor City council approves new footbridge after long debate"

    cli = subprocess.run([sys.executable, "-m", "framing", "--version"], capture_output=True, text=True, cwd=elsewhere, env=env, timeout=60)
    assert cli.returncode == 0 and cli.stdout.strip() == f"framing {out['version']}"
