"""Training and evaluation of the loaded-language classifier, apart from inference: the shipped artifact and its
card, the verified loader, dataset readers, cards, metrics, the BABE runner, a small training run."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys

import pytest
from handmade_sentences import FACTUAL, LOADED

from framing.analyzers.loaded_language.model import LoadedSentenceClassifier, SentenceRow
from framing.errors import DataError, ModelError
from framing.evaluate import loaded, metrics
from framing.resources import models
from framing.train import cards, datasets
from framing.train import loaded as train_loaded

NAME = "loaded_sentence"
ARTIFACT = "loaded_sentence.npz"  # what the trainer writes (the portable form, through cards.save_artifact)
SHIPPED = models.artifact_path("loaded_sentence").name  # the shipped form the card names (.npz after conversion)
CARD = "loaded_sentence.card.json"
COMMAND = "framing train loaded"


# ---------------------------------------------------------------- the shipped artifact and its card


def test_artifact_digests_cover_every_model_file():
    d = models.artifact_digests()
    assert SHIPPED in d and CARD in d
    assert d[SHIPPED] == hashlib.sha256((models.models_dir() / SHIPPED).read_bytes()).hexdigest()


def test_shipped_artifact_is_small_and_matches_its_card():
    card = models.load_card(NAME)
    path = models.artifact_path(NAME)
    assert path.stat().st_size < 5 * 1024 * 1024
    assert card["artifact_sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert card["artifact_bytes"] == path.stat().st_size
    assert isinstance(models.load(NAME), LoadedSentenceClassifier)
    assert models.model_rule(NAME, "loaded") == f"model:loaded@{card['artifact_sha256'][:8]}"


def test_the_shipped_artifact_names_the_new_class_paths():
    import zlib

    path = models.artifact_path(NAME)
    if path.suffix == ".npz":  # the portable form names classes in its JSON state
        import io

        import numpy as np

        raw = np.load(io.BytesIO(path.read_bytes()))["__state__"].tobytes()
    else:
        raw = zlib.decompress(path.read_bytes())
    assert b"framing.analyzers.loaded_language.model" in raw and b"framing.classifiers" not in raw


def test_card_cross_validated_figures_meet_the_floor():
    cv = models.load_card(NAME)["cross_validation"]
    assert cv["folds"] == 5 and cv["n"] >= 2600
    model = cv["model"]["macro_f1"]
    assert model >= 0.75
    for name in ("vader", "textblob", "lexicon"):
        assert model > cv["baselines"][name]["macro_f1"], name
    assert cv["model"]["ece"] < 0.1  # the LR's probabilities are usable as probabilities


def test_card_records_the_training_data_hash(shared_dir):
    card = models.load_card(NAME)
    data = shared_dir / "datasets" / "babe" / "dev.jsonl"
    assert card["data"]["sha256"] == hashlib.sha256(data.read_bytes()).hexdigest()


def test_a_tampered_artifact_is_refused(tmp_path):
    src = models.models_dir()
    for name in (SHIPPED, CARD):
        shutil.copy(src / name, tmp_path / name)
    with open(tmp_path / SHIPPED, "ab") as fh:
        fh.write(b"\0")
    with pytest.raises(ModelError, match="differs from the card"):
        models.load_verified(models.artifact_path(NAME, tmp_path), models.load_card(NAME, tmp_path),
                             LoadedSentenceClassifier, what="the loaded-language model", command=COMMAND)


def test_missing_card_is_a_model_error(tmp_path):
    with pytest.raises(ModelError, match="framing train loaded"):
        models.load_card(NAME, tmp_path)


def test_shipped_model_masks_names_and_its_card_reports_the_unmasked_comparison():
    card = models.load_card(NAME)
    assert models.load(NAME).mask_names is True and card["parameters"]["mask_names"] is True
    masked = card["cross_validation"]["model"]["macro_f1"]
    unmasked = card["comparison_unmasked"]["cross_validation"]["model"]["macro_f1"]
    assert card["comparison_unmasked"]["cross_validation"]["mask_names"] is False
    assert card["cross_validation_grouped"]["grouped"] is True
    assert masked > 0 and unmasked > 0 and "masking" in card["masking_note"].lower()


# ---------------------------------------------------------------- metrics (one implementation each)


def test_best_threshold_by_hand():
    # scores 0.1 0.2 | 0.8 0.9 separate perfectly between 0.2 and 0.8
    t = metrics.best_threshold([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])
    assert 0.2 < t <= 0.8


def test_expected_calibration_error_by_hand():
    # all predictions 0.75, 3 of 4 positive: perfectly calibrated
    assert metrics.expected_calibration_error([0.75] * 4, [1, 1, 1, 0]) == pytest.approx(0.0)
    # all 0.9, none positive: error 0.9
    assert metrics.expected_calibration_error([0.9] * 4, [0, 0, 0, 0]) == pytest.approx(0.9)


def test_macro_f1_and_binary_prf_by_hand():
    y, pred = [1, 1, 0, 0], [1, 0, 0, 0]
    # class 1: p 1, r 0.5, f 2/3; class 0: p 2/3, r 1, f 0.8
    assert metrics.macro_f1(y, pred) == pytest.approx((2 / 3 + 0.8) / 2)
    assert metrics.binary_prf(y, pred) == {"macro_f1": round((2 / 3 + 0.8) / 2, 4), "precision": 1.0, "recall": 0.5}
    assert metrics.macro_f1([0, 1], [0, 0]) == pytest.approx(1 / 3)  # a class never predicted scores 0, not undefined


def test_prf_and_tally_from_counts():
    assert metrics.prf(3, 4, 6) == (0.75, 0.5, 0.6)
    assert metrics.prf(0, 0, 5) == (0.0, 0.0, 0.0)
    t = metrics.Tally()
    t.add(1, 2, 3)
    t.add(2, 2, 3)
    assert (t.tp, t.n_pred, t.n_gold) == (3, 4, 6) and t.prf() == (0.75, 0.5, 0.6)


def test_overlap_score_by_hand():
    assert metrics.overlap_score([(0, 10)], [(0, 10)]) == 1.0
    assert metrics.overlap_score([(0, 10)], [(5, 15)]) == 0.5
    assert metrics.overlap_score([(0, 4)], [(0, 2), (3, 10)]) == pytest.approx(3 / 9)
    assert metrics.overlap_score([(0, 4)], [(4, 8)]) == 0.0
    assert metrics.overlap_score([], [(0, 3)]) == 0.0


# ---------------------------------------------------------------- datasets and cards


@pytest.mark.parametrize(("row", "error"), [('{"text": "a", "label": 3}', "not 0 or 1"),
                                            ('{"text": "a", "label": null}', "no labelled rows")])
def test_read_babe_rejects_bad_labels(tmp_path, row, error):
    p = tmp_path / "x.jsonl"
    p.write_text(row + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=error):
        datasets.read_babe(p)


def test_read_babe_groups_follow_the_labelled_rows(tmp_path):
    p = tmp_path / "x.jsonl"
    rows = [{"text": "One  sentence.", "label": 1, "news_link": "a"}, {"text": "Skipped.", "label": None},
            {"text": "Two  words here.", "label": 0}]
    p.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert datasets.read_babe(p) == (["One  sentence.", "Two  words here."], [1, 0])
    assert datasets.read_babe_groups(p) == ["a", "Two words here."]


def test_read_jsonl_errors_are_one_line_with_the_place(tmp_path):
    p = tmp_path / "x.jsonl"
    with pytest.raises(DataError, match="no such data file"):
        list(datasets.read_jsonl(p))
    p.write_text('{"text": "a"}\n\nnot json\n', encoding="utf-8")
    with pytest.raises(DataError, match=r"x.jsonl:3: not valid JSON"):
        list(datasets.read_jsonl(p))
    p.write_text('{"text": "a"}\n', encoding="utf-8")
    with pytest.raises(DataError, match=r"x.jsonl:1: missing key\(s\) label"):
        list(datasets.read_jsonl(p, required=("text", "label")))
    p.write_text('[1, 2]\n', encoding="utf-8")
    with pytest.raises(DataError, match="expected a JSON object"):
        list(datasets.read_jsonl(p))


def test_text_hash_ignores_whitespace_and_card_round_trip(tmp_path):
    assert cards.text_hash("a  b\n c") == cards.text_hash("a b c") != cards.text_hash("a b d")
    assert cards.training_text_hashes(["a b", "a  b", "c"]) == sorted({cards.text_hash("a b"), cards.text_hash("c")})
    card = {"name": "toy", "b": 1, "a": [1, 2]}
    p = cards.write_card("toy", card, tmp_path, markdown="# toy\n")
    assert p.read_text(encoding="utf-8") == json.dumps(card, indent=2, sort_keys=True) + "\n"
    assert (tmp_path / "toy.card.md").read_text(encoding="utf-8") == "# toy\n"
    assert cards.read_card("toy", tmp_path) == card


def test_train_loaded_needs_a_data_path():
    with pytest.raises(DataError, match="--data"):
        train_loaded.train_loaded(None)


# ---------------------------------------------------------------- a small training run, written to a temporary folder

_POS, _NEG = LOADED, FACTUAL


def test_train_from_rows_writes_a_verified_artifact_and_its_card(tmp_path):
    rows = train_loaded.rows_for_texts(_POS + _NEG)
    y = [1] * 6 + [0] * 6
    card = train_loaded.train_from_rows(rows, y, data_name="toy.jsonl", data_sha256="0" * 64, out_dir=tmp_path,
                                        folds=2, compare_unmasked=False)
    models.load.cache_clear()  # the trainer clears it; the shipped model is reloaded on next use
    assert card["artifact_sha256"] == hashlib.sha256((tmp_path / ARTIFACT).read_bytes()).hexdigest()
    assert cards.read_card(NAME, tmp_path) == json.loads(json.dumps(card))
    assert (tmp_path / "loaded_sentence.card.md").read_text(encoding="utf-8") == train_loaded.card_markdown(card)
    model = models.load_verified(models.artifact_path(NAME, tmp_path), card, LoadedSentenceClassifier,
                                 what="the loaded-language model", command=COMMAND)
    assert model.get_params() == {**LoadedSentenceClassifier().get_params(), **train_loaded.DEFAULT_PARAMS}
    assert card["training_text_hashes"] == cards.training_text_hashes(_POS + _NEG)
    assert card["cross_validation"]["folds"] == 2 and card["cross_validation"]["n"] == 12
    assert set(card["baseline_thresholds"]) == {"vader", "textblob", "lexicon"}
    p = model.predict_proba([SentenceRow("The vile thugs spewed lies."), SentenceRow("The council met on Tuesday.")])
    assert p[0, 1] > p[1, 1]
    # the shipped card and artifact are untouched
    shipped = models.load_card(NAME)
    assert shipped["artifact_sha256"] == hashlib.sha256(models.artifact_path(NAME).read_bytes()).hexdigest()


# ---------------------------------------------------------------- evaluate loaded (BABE runner)


def test_evaluate_loaded_on_a_subset(shared_dir):
    res = loaded.run(shared_dir / "datasets" / "babe" / "dev.jsonl", limit=80)
    assert res["task"] == "loaded" and res["n"] == 80
    for k in ("macro_f1", "precision", "recall"):
        assert 0.0 <= res[k] <= 1.0
    assert set(res["baselines"]) == {"vader", "textblob", "lexicon"}
    assert all(b["threshold_from"] == "model card" for b in res["baselines"].values())
    assert res["training_overlap"] == 1.0 and res["in_sample"] is True  # these rows are training rows
    assert "training data" in loaded.describe(res)
    assert "macro-F1" in loaded.describe(res)


def test_evaluate_loaded_on_unseen_sentences_is_not_in_sample(tmp_path):
    rows = [(t, 1) for t in _POS[:3]] + [(t, 0) for t in _NEG[:3]]
    p = tmp_path / "mini.jsonl"
    p.write_text("".join(json.dumps({"text": t, "label": y}) + "\n" for t, y in rows), encoding="utf-8")
    res = loaded.run(p)
    assert res["n"] == 6 and res["training_overlap"] == 0.0 and res["in_sample"] is False
    assert res["macro_f1"] >= 0.8  # plainly loaded vs plainly factual sentences, written for this test


# ---------------------------------------------------------------- layers: inference never imports train or evaluate


def test_inference_does_not_import_training_or_evaluation():
    code = ("import sys, framing\n"
            "from framing.analyzers import loaded_language\n"
            "from framing.analyzers.loaded_language import model, rules\n"
            "import framing.schema.sections.loaded_language, framing.pipeline\n"
            "bad = sorted(m for m in sys.modules if m.startswith(('framing.train', 'framing.evaluate')))\n"
            "print(bad)\n"
            "sys.exit(1 if bad else 0)\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
