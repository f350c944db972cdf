"""The analysis JSON of the seed, the 80 shared-corpus records and the example corpus is pinned by digest.

``tests/golden/analysis_digests.json`` holds one sha256 per article (see
scripts/analysis_digests.py for what is hashed: the 1.0-shaped JSON without
volatile provenance). A change to any analyzer that changes any analysis fails
here; when the change is intended, record the new digests with
``python scripts/analysis_digests.py --write`` and say in the commit which
analyses changed and why (reviewed like code).
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _script():
    spec = importlib.util.spec_from_file_location("analysis_digests", ROOT / "scripts" / "analysis_digests.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.shared
@pytest.mark.slow
def test_every_analysis_matches_its_pinned_digest(shared_dir):
    mod = _script()
    want = json.loads(mod.GOLDEN.read_text(encoding="utf-8"))
    got = mod.compute()
    assert len(want) == 88 and set(got) == set(want)
    differ = sorted(k for k in want if want[k] != got[k])
    assert not differ, f"{len(differ)} analyses changed: {differ[:10]}"


def test_digest_ignores_only_volatile_fields():
    mod = _script()
    d = {"schema_version": "2.0", "article": {"text": "x", "source": "/a/b"}, "actors": [], "stance": [],
         "provenance": {"analyzed_at": "t1", "analyzer_version": "v1", "framing_version": "0.1", "lexicons": {"a": "1"}}}
    e = json.loads(json.dumps(d))
    e["provenance"].update(analyzed_at="t2", analyzer_version="v2")
    e["article"]["source"] = "/c/d"
    assert mod.digest(d) == mod.digest(e)
    e["provenance"]["lexicons"] = {"a": "2"}
    assert mod.digest(d) != mod.digest(e)
