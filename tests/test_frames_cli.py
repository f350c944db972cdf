"""``framing train|evaluate frames|techniques`` on small hand-made files (shape of the JSON, metrics, errors)."""

from __future__ import annotations

import json

import pytest
from cli_run import run_cli

from framing.errors import DataError
from framing.train import frames as train_frames

SEC = "Troops and missiles moved to the base after the drone attack; the military warned of war and retaliation."
LEG = "The court ruled the law unconstitutional; the judge heard the lawsuit and lawyers said they would appeal."


def _frames_file(tmp_path, n=6):
    p = tmp_path / "frames.jsonl"
    rows = []
    for i in range(n):
        rows.append({"id": f"s{i}", "text": f"Story {i}\n\n{SEC} Day {i}.", "frames": ["Security_and_defense"]})
        rows.append({"id": f"l{i}", "text": f"Case {i}\n\n{LEG} Day {i}.", "frames": ["Legality_Constitutionality_and_jurisprudence", "Political"]})
    p.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return p


def test_evaluate_frames_json_keys_and_baseline(tmp_path, capsys):
    code, out, err = run_cli(["evaluate", "frames", "--data", str(_frames_file(tmp_path)), "--json"], capsys)
    assert code == 0, err
    d = json.loads(out)
    assert {"micro_f1", "macro_f1", "per_frame_f1", "n", "baselines"} <= set(d)
    assert d["n"] == 12 and len(d["per_frame_f1"]) == 14
    # the card's most frequent three (Crime, Political, Morality) hit only "Political" in half of these articles:
    # tp = 6, predicted 36, gold 18 -> 2 * 6 / 54
    assert d["baselines"]["most_frequent_three"]["micro_f1"] == pytest.approx(round(12 / 54, 4))
    assert d["in_sample"] is False


def test_train_frames_writes_a_card_with_cv_and_baselines(tmp_path):
    card = train_frames.train(_frames_file(tmp_path), out_dir=tmp_path / "models", folds=3)
    assert (tmp_path / "models" / "frames_article.npz").is_file()
    cv = card["cross_validation"]
    assert cv["folds"] == 3 and cv["n"] == 12
    assert cv["model"]["micro_f1"] >= cv["baselines"]["most_frequent_three"]["micro_f1"]
    assert set(cv["model"]["per_frame_f1"]) == set(card["data"]["label_counts"])
    sp = cv["fold_seed_spread"]
    assert sp["seeds"] == [0, 1, 2, 3] and sp["micro_f1"][0] == cv["model"]["micro_f1"]
    assert sp["min"] <= sp["mean"] <= sp["max"] and len(sp["tfidf_lr_micro_f1"]) == 4


def test_read_frames_rejects_unknown_labels(tmp_path):
    p = tmp_path / "bad.jsonl"
    p.write_text(json.dumps({"text": "x", "frames": ["Weather"]}) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match="unknown frame"):
        train_frames.read_frames(p)


def test_evaluate_techniques_json_keys(tmp_path, capsys):
    text = "Flag day\n\nWe must defend our nation. The brutal thugs and the so-called experts lied, lied and lied."
    spans = [("our nation", "Flag-Waving"), ("brutal", "Loaded_Language"), ("thugs", "Name_Calling,Labeling"),
             ("so-called", "Doubt")]
    techs = [{"technique": t, "start": text.index(s), "end": text.index(s) + len(s)} for s, t in spans]
    p = tmp_path / "ptc.jsonl"
    p.write_text(json.dumps({"id": "1", "text": text, "techniques": techs,
                             "propaganda_spans": [{"start": x["start"], "end": x["end"]} for x in techs]}) + "\n", encoding="utf-8")
    code, out, err = run_cli(["evaluate", "techniques", "--data", str(p), "--si-limit", "1", "--json"], capsys)
    assert code == 0, err
    d = json.loads(out)
    assert {"tc_micro_f1", "si_f1", "per_technique_f1", "n", "baselines"} <= set(d)
    assert d["n"] == 4 and d["si"]["articles"] == 1
    assert 0.0 <= d["si_f1"] <= 1.0 and 0.0 <= d["tc_micro_f1"] <= 1.0
    assert d["baselines"]["majority"]["tc_micro_f1"] == 0.25  # Loaded_Language, the card's majority: 1 of 4
