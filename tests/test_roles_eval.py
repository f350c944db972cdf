"""The roles model's card figures (cross-validated on narrative-frames dev) and the evaluation runner on a small subset."""

from __future__ import annotations

import json

from framing.evaluate import roles as ev
from framing.resources import models
from tests.conftest import shared_path

# Measured with `framing train roles --data ../shared/datasets/narrative_frames/dev.jsonl` (5-fold GroupKFold by
# article, an entity not found counted as wrong); floors at the measured figures rounded down, never above.
CV_MACRO_F1_FLOOR = 0.55


def test_card_records_the_cross_validated_figures():
    card = models.load_card("roles_entity")
    cv = card["cv"]
    assert "GroupKFold by article" in cv["method"] and cv["folds"] == 5
    assert cv["macro_f1"] >= CV_MACRO_F1_FLOOR
    assert set(cv["per_role_f1"]) == {"hero", "villain", "victim"}
    assert cv["macro_f1"] > cv["baseline_context_tfidf"]["macro_f1"]
    assert cv["abstention"]["coverage"] < 1 and cv["abstention"]["macro_f1"] >= cv["macro_f1"]
    assert card["data"]["labels"] == {"villain": 524, "victim": 447, "hero": 376}  # the dev counts of the README


def test_evaluate_on_a_small_subset(tmp_path):
    src = shared_path("datasets", "narrative_frames", "dev.jsonl")
    rows = [json.loads(x) for x in src.read_text(encoding="utf-8").splitlines()[:24]]
    rows[0]["entity_roles"].append({"entity": "Zzyzx Qorp", "group": "X", "role": "hero"})  # absent: counts as wrong
    p = tmp_path / "nf.jsonl"
    p.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    res = ev.run(p, folds=2)
    assert res["task"] == "roles" and res["articles"] == 24
    assert res["rows"] == sum(len(r["entity_roles"]) for r in rows) and res["found"] < res["rows"]
    assert 0 <= res["macro_f1"] <= 1 and set(res["per_role_f1"]) == {"hero", "villain", "victim"}
    assert "macro-F1" in ev.describe(res)
