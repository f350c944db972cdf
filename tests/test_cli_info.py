"""``framing info``: versions, analyzers, lexicons, models, and the store's full integrity check."""

from __future__ import annotations

import json

from cli_run import run_cli

from framing.corpus import Store


def test_info_lists_the_parts_and_checks_a_sound_store(tmp_path, capsys):
    db = tmp_path / "c.sqlite"
    with Store(db):
        pass
    code, out, _ = run_cli(["info", "--db", str(db), "--json"], capsys)
    assert code in (0, None)
    d = json.loads(out)
    assert [a["name"] for a in d["analyzers"]] == ["actors", "attribution", "loaded_language", "stance", "roles", "frames", "techniques"]
    assert "loaded_terms" in d["lexicons"] and set(d["models"]) == {"loaded_sentence", "loaded_spans", "attribution_spans", "stance_target_sentiment", "roles_entity", "frames_article", "techniques_spans"}
    assert d["store"] == {"path": str(db), "exists": True, "articles": 0, "events": 0, "integrity_check": "ok"}


def test_info_refuses_a_damaged_store_in_one_line(tmp_path, capsys):
    db = tmp_path / "c.sqlite"
    with Store(db):
        pass
    raw = bytearray(db.read_bytes())
    raw[100:4096] = b"\xff" * (4096 - 100)  # overwrite the schema page
    db.write_bytes(bytes(raw))
    code, out, err = run_cli(["info", "--db", str(db)], capsys)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and str(db) in err
