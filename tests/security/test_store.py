"""Store integrity (issue 22, item 8): a damaged store is refused in one line with the recovery step, never
served as a cache; ``--skip-bad`` also skips malformed JSON lines (counted)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_run import run_cli

from framing.corpus import Store
from framing.errors import CorpusError, InputError

REPO = Path(__file__).resolve().parents[2]
JSONL = REPO / "corpora" / "example" / "articles.jsonl"




def damage(path: Path) -> None:
    """Overwrite every page after the first two with garbage (the header and schema page stay readable)."""
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big") or 65536
    assert len(data) > 3 * page, "the store is too small to damage a data page"
    for i in range(2 * page, len(data)):
        data[i] = 0xA5
    path.write_bytes(bytes(data))


def test_damaged_store_is_refused_in_one_line_with_the_recovery_step(tmp_path, capsys):
    db = tmp_path / "c.sqlite"
    with Store(db) as st:
        assert st.import_jsonl(JSONL, "example").added == 7
    damage(db)
    with pytest.raises(CorpusError) as info:
        Store(db)
    msg = str(info.value)
    assert "\n" not in msg and "damaged" in msg and f"mv {db} {db}.damaged" in msg and ".recover" in msg
    code, out, err = run_cli(["corpus", "analyze", "--event", "example", "--db", str(db), "-q"], capsys)
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1 and "damaged" in err
    code, out, err = run_cli(["corpus", "list", "--event", "example", "--db", str(db)], capsys)
    assert code == 2 and "damaged" in err


def test_undecodable_cached_analysis_is_not_served(tmp_path):
    with Store(tmp_path / "c.sqlite") as st:
        st._put_analysis("ab" * 32, "key", '{"schema_version": "2.0", "truncat')
        assert st.cached_analysis("ab" * 32, "key") is None


def _jsonl_with_bad_lines(tmp_path: Path) -> Path:
    good = JSONL.read_text(encoding="utf-8").splitlines()[:2]
    p = tmp_path / "mixed.jsonl"
    p.write_text("\n".join([good[0], "{not json", good[1], "[1, 2]", ""]) + "\n", encoding="utf-8")
    return p


def test_skip_bad_skips_malformed_json_lines_with_a_count(tmp_path, capsys):
    src = _jsonl_with_bad_lines(tmp_path)
    with Store(tmp_path / "c.sqlite") as st:
        with pytest.raises(InputError, match=r"mixed.jsonl:2: not valid JSON"):
            st.import_jsonl(src, "example")
        assert st.count("articles") == 0  # nothing written when not skipping
        res = st.import_jsonl(src, "example", skip_bad=True)
    assert res.added == 2 and [w for w, _ in res.failed] == [f"{src}:2", f"{src}:4"]
    assert "expected a JSON object, got list" in res.failed[1][1]
    code, out, _ = run_cli(["corpus", "import", str(src), "--event", "other", "--db", str(tmp_path / "d.sqlite"), "--skip-bad", "--json"], capsys)
    assert code == 3 and json.loads(out)["added"] == 2 and len(json.loads(out)["failed"]) == 2  # skipped: not a full success


def test_skip_bad_with_no_valid_line_is_one_line_error(tmp_path):
    p = tmp_path / "bad.jsonl"
    p.write_text("{x\n[]\n", encoding="utf-8")
    with Store(tmp_path / "c.sqlite") as st, pytest.raises(InputError, match="none of its 2 lines is a JSON object"):
        st.import_jsonl(p, "example", skip_bad=True)
