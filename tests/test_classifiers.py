"""The sentence loaded-language classifier: artifact integrity, card figures, estimator contract, explanations."""

from __future__ import annotations

import hashlib
import shutil

import numpy as np
import pytest

from framing import classifiers
from framing.classifiers import Hit, LoadedSentenceClassifier, SentenceRow
from framing.errors import DataError, ModelError


def test_artifact_digests_cover_every_model_file():
    d = classifiers.artifact_digests()
    assert classifiers.LOADED_ARTIFACT in d and classifiers.LOADED_CARD in d
    models = classifiers._models_dir()
    assert d[classifiers.LOADED_ARTIFACT] == hashlib.sha256((models / classifiers.LOADED_ARTIFACT).read_bytes()).hexdigest()


def test_shipped_artifact_is_small_and_matches_its_card():
    card = classifiers.loaded_card()
    path = classifiers._models_dir() / classifiers.LOADED_ARTIFACT
    assert path.stat().st_size < 5 * 1024 * 1024
    assert card["artifact_sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert isinstance(classifiers.load_loaded(), LoadedSentenceClassifier)


def test_card_cross_validated_figures_meet_the_floor():
    cv = classifiers.loaded_card()["cross_validation"]
    assert cv["folds"] == 5 and cv["n"] >= 2600
    model = cv["model"]["macro_f1"]
    assert model >= 0.75
    for name in ("vader", "textblob", "lexicon"):
        assert model > cv["baselines"][name]["macro_f1"], name
    assert cv["model"]["ece"] < 0.1  # the LR's probabilities are usable as probabilities


def test_card_records_the_training_data_hash(shared_dir):
    card = classifiers.loaded_card()
    data = shared_dir / "datasets" / "babe" / "dev.jsonl"
    assert card["data"]["sha256"] == hashlib.sha256(data.read_bytes()).hexdigest()


def test_a_tampered_artifact_is_refused(tmp_path, monkeypatch):
    src = classifiers._models_dir()
    for name in (classifiers.LOADED_ARTIFACT, classifiers.LOADED_CARD):
        shutil.copy(src / name, tmp_path / name)
    with open(tmp_path / classifiers.LOADED_ARTIFACT, "ab") as fh:
        fh.write(b"\0")
    monkeypatch.setattr(classifiers, "_models_dir", lambda: tmp_path)
    classifiers.load_loaded.cache_clear()
    try:
        with pytest.raises(ModelError, match="differs from the card"):
            classifiers.load_loaded()
    finally:
        classifiers.load_loaded.cache_clear()


def test_missing_card_is_a_model_error(tmp_path, monkeypatch):
    monkeypatch.setattr(classifiers, "_models_dir", lambda: tmp_path)
    classifiers.load_loaded.cache_clear()
    try:
        with pytest.raises(ModelError, match="framing train loaded"):
            classifiers.load_loaded()
    finally:
        classifiers.load_loaded.cache_clear()


# ---------------------------------------------------------------- estimator contract on a small hand-made set

_POS = ["The corrupt thugs spewed vile lies again.", "A shameful, disgusting stunt by radical zealots.",
        "Their bizarre rant was utterly ridiculous.", "The vicious mob unleashed chaos on the town.",
        "Crazed fanatics pushed their sinister agenda.", "The brazen liars slammed the heroic volunteers."]
_NEG = ["The council met on Tuesday to discuss the budget.", "The report was published in March.",
        "Officials said the bridge will reopen next week.", "The company hired 40 new workers this year.",
        "The committee voted to approve the measure.", "Rainfall in the region was close to average."]


def _rows(texts):
    return [SentenceRow(t) for t in texts]


def test_fit_returns_self_and_probabilities_are_probabilities():
    clf = LoadedSentenceClassifier(word_min_df=1, char_min_df=1)
    assert clf.fit(_rows(_POS + _NEG), [1] * 6 + [0] * 6) is clf
    assert hasattr(clf, "lr_") and not hasattr(LoadedSentenceClassifier(), "lr_")
    p = clf.predict_proba(_rows(["The vile thugs spewed lies.", "The council met on Tuesday."]))
    assert p.shape == (2, 2) and np.allclose(p.sum(axis=1), 1)
    assert p[0, 1] > p[1, 1]


def test_explanations_point_at_the_words_that_carry_them():
    clf = LoadedSentenceClassifier(word_min_df=1, char_min_df=1).fit(_rows(_POS + _NEG), [1] * 6 + [0] * 6)
    text = "The vile thugs spewed lies."
    row = SentenceRow(text, (Hit(4, 8, "emotive", 0.9, "negative"), Hit(9, 14, "pejorative_label", 0.8, "negative")))
    (p,), (items,) = clf.explain_matrix([row], top=50)
    assert items, "no evidence"
    for it in items:
        assert 0 <= it["start"] < it["end"] <= len(text)
        if it["kind"] == "word":
            assert text[it["start"]:it["end"]].lower() == it["feature"]
    top_pos = [text[it["start"]:it["end"]] for it in items if it["weight"] > 0 and it["kind"] in ("word", "char")]
    assert any(w.strip(".") in ("vile", "thugs", "spewed", "lies") for w in top_pos), top_pos


def test_best_threshold_by_hand():
    # scores 0.1 0.2 | 0.8 0.9 separate perfectly between 0.2 and 0.8
    t = classifiers.best_threshold([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])
    assert 0.2 < t <= 0.8


def test_expected_calibration_error_by_hand():
    # all predictions 0.75, 3 of 4 positive: perfectly calibrated
    assert classifiers.expected_calibration_error([0.75] * 4, [1, 1, 1, 0]) == pytest.approx(0.0)
    # all 0.9, none positive: error 0.9
    assert classifiers.expected_calibration_error([0.9] * 4, [0, 0, 0, 0]) == pytest.approx(0.9)


def test_read_babe_rejects_bad_labels(tmp_path):
    p = tmp_path / "x.jsonl"
    p.write_text('{"text": "a", "label": 3}\n', encoding="utf-8")
    with pytest.raises(DataError, match="not 0 or 1"):
        classifiers.read_babe(p)
    p.write_text('{"text": "a", "label": null}\n', encoding="utf-8")
    with pytest.raises(DataError, match="no labelled rows"):
        classifiers.read_babe(p)


# ---------------------------------------------------------------- evaluate loaded (small subset)


def test_evaluate_loaded_on_a_subset(shared_dir):
    from framing.evaluate import loaded

    res = loaded.run(shared_dir / "datasets" / "babe" / "dev.jsonl", limit=80)
    assert res["task"] == "loaded" and res["n"] == 80
    for k in ("macro_f1", "precision", "recall"):
        assert 0.0 <= res[k] <= 1.0
    assert set(res["baselines"]) == {"vader", "textblob", "lexicon"}
    assert all(b["threshold_from"] == "model card" for b in res["baselines"].values())
    assert res["training_overlap"] == 1.0 and res["in_sample"] is True  # these rows are training rows
    assert "training data" in loaded.describe(res)
    assert "macro-F1" in loaded.describe(res)


def test_cached_character_transform_equals_scikit_learns():
    model = classifiers.load_loaded()
    texts = ["The vile thugs spewed lies.", "A  b", "I", "", "Don't re-open the so-called  deal!!", "x" * 30]
    a = model.char_vec_.transform(texts)
    b = model._char_transform(texts)
    assert a.shape == b.shape
    assert abs(a - b).max() < 1e-12


def test_char_wb_list_matches_scikit_learn_analyzer():
    from sklearn.feature_extraction.text import TfidfVectorizer

    analyzer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5)).build_analyzer()
    for word in ("a", "ab", "abc", "thugs", "so-called"):
        assert classifiers._char_wb_list(word, 2, 5) == analyzer(word)


def test_textblob_scores_subjective_versus_factual():
    pol, subj = classifiers.textblob_scores("This is a truly horrible, ugly idea!")
    assert pol < 0 and subj > 0.8
    assert classifiers.textblob_scores("The council met on Tuesday.") == (0.0, 0.0)


def test_evaluate_loaded_on_unseen_sentences_is_not_in_sample(tmp_path):
    import json

    from framing.evaluate import loaded

    rows = [(t, 1) for t in _POS[:3]] + [(t, 0) for t in _NEG[:3]]
    p = tmp_path / "mini.jsonl"
    p.write_text("".join(json.dumps({"text": t, "label": y}) + "\n" for t, y in rows), encoding="utf-8")
    res = loaded.run(p)
    assert res["n"] == 6 and res["training_overlap"] == 0.0 and res["in_sample"] is False
    assert res["macro_f1"] >= 0.8  # plainly loaded vs plainly factual sentences, written for this test


# ---------------------------------------------------------------- name masking


def _nlp_doc(text):
    from framing.nlp import get_nlp

    return get_nlp()(text)


def test_mask_regions_cover_names_and_demonyms_but_not_possessives_or_suffixes():
    text = "The Iranian regime and the United States traded threats, Hassan Rouhani's aide said of the U.S.-led strike."
    got = [text[a:b] for a, b in classifiers.mask_regions(_nlp_doc(text))]
    assert "The Iranian" in got and "the United States" in got and "Hassan Rouhani" in got
    assert "the U.S." in got  # "-led" stays visible
    assert not any(w in " ".join(got) for w in ("regime", "threats", "aide", "strike", "'s"))


def test_mask_regions_leave_a_sentence_without_names_alone():
    assert classifiers.mask_regions(_nlp_doc("The council met last week to discuss the budget.")) == []


def test_masked_view_maps_every_copied_word_back():
    import re

    text = "Iran's regime and Trump clashed in Washington again."
    row = SentenceRow(text, (), ((0, 4), (18, 23), (35, 45)))
    v = classifiers.masked_view(row)
    assert "Iran" not in v.text and "Trump" not in v.text and "Washington" not in v.text
    assert v.text.count(classifiers.MASK_PLACEHOLDER) == 3
    words = [m for m in re.finditer(r"\S+", v.text) if m.group() != classifiers.MASK_PLACEHOLDER]
    assert [m.group() for m in words] == ["'s", "regime", "and", "clashed", "in", "again."]
    for m in words:
        a, b = v.orig_span(m.start(), m.end())
        assert text[a:b] == m.group()
    assert classifiers.masked_view(row, mask=False).text == text


def test_word_ngrams_drop_the_placeholder_without_joining_its_neighbours():
    grams = classifiers.WordNgrams(1, 2)(f"the {classifiers.MASK_PLACEHOLDER} regime lied")
    assert grams == ["the", "regime", "lied", "regime lied"]


def test_a_masked_model_scores_name_swaps_identically_and_an_unmasked_one_need_not():
    # the same neutral sentences, labelled 1 when about one name and 0 when about the other: only the name differs
    templates = ["{} met officials on Tuesday.", "Officials said {} would travel next week.",
                 "The statement from {} was published in March.", "{} spoke to reporters after the meeting."]
    texts = [t.format("Trump") for t in templates] + [t.format("Rouhani") for t in templates]
    y = [1] * 4 + [0] * 4

    def rows(texts):
        return [SentenceRow(t, (), tuple(classifiers.mask_regions(_nlp_doc(t)))) for t in texts]

    probe = ["Trump answered questions from the committee.", "Rouhani answered questions from the committee."]
    masked = LoadedSentenceClassifier(word_min_df=1, char_min_df=1).fit(rows(texts), y)
    p = masked.predict_proba(rows(probe))[:, 1]
    assert p[0] == pytest.approx(p[1], abs=1e-12)
    plain = LoadedSentenceClassifier(word_min_df=1, char_min_df=1, mask_names=False).fit(rows(texts), y)
    q = plain.predict_proba(rows(probe))[:, 1]
    assert q[0] - q[1] > 0.2  # the unmasked model learned the names: the reason for masking
    (_, ), (items, ) = masked.explain_matrix(rows(probe[:1]), top=50)
    assert all(it["start"] >= 5 for it in items if it["kind"] in ("word", "char"))  # "Trump" carries nothing
    (_, ), (items, ) = plain.explain_matrix(rows(probe[:1]), top=50)
    assert any(it["end"] <= 5 and it["weight"] > 0 for it in items if it["kind"] in ("word", "char"))


def test_shipped_model_masks_names_and_its_card_reports_the_unmasked_comparison():
    card = classifiers.loaded_card()
    assert classifiers.load_loaded().mask_names is True and card["parameters"]["mask_names"] is True
    masked = card["cross_validation"]["model"]["macro_f1"]
    unmasked = card["comparison_unmasked"]["cross_validation"]["model"]["macro_f1"]
    assert card["comparison_unmasked"]["cross_validation"]["mask_names"] is False
    assert card["cross_validation_grouped"]["grouped"] is True
    assert 0 < masked and 0 < unmasked and "masking" in card["masking_note"].lower()
