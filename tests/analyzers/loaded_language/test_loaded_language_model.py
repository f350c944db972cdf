"""The sentence loaded-language classifier (inference): estimator contract, features, explanations, name masking."""

from __future__ import annotations

import numpy as np
import pytest
from handmade_sentences import FACTUAL, LOADED
from sklearn.base import clone, is_classifier

from framing.analyzers.loaded_language import model as lm
from framing.analyzers.loaded_language.model import Hit, LoadedSentenceClassifier, SentenceRow
from framing.resources import models

# ---------------------------------------------------------------- estimator contract on a small hand-made set

_POS, _NEG = LOADED, FACTUAL


def _rows(texts):
    return [SentenceRow(t) for t in texts]


def test_scikit_learn_estimator_contract():
    params = {"C": 1.5, "dense_scale": 0.5, "word_ngrams": (1, 1), "char_ngrams": (3, 4), "word_min_df": 1,
              "char_min_df": 1, "char_max_features": 500, "mask_names": False, "random_state": 3}
    clf = LoadedSentenceClassifier(**params)
    assert is_classifier(clf)  # scikit-learn's protocol, without deriving from its classes (framing.resources.estimator)
    assert clf.get_params(deep=True) == clf.get_params(deep=False) == params
    assert set(LoadedSentenceClassifier().get_params()) == set(params)
    assert clf.set_params(C=0.25) is clf and clf.C == 0.25
    with pytest.raises(ValueError):
        clf.set_params(no_such_parameter=1)
    fitted = clf.fit(_rows(_POS + _NEG), [1] * 6 + [0] * 6)
    twin = clone(fitted)
    assert type(twin) is LoadedSentenceClassifier and twin is not fitted
    assert twin.get_params() == fitted.get_params()
    assert not hasattr(twin, "lr_")  # clone copies parameters, never learned state
    probe = _rows(["The vile thugs spewed lies.", "The council met on Tuesday."])
    np.testing.assert_array_equal(twin.fit(_rows(_POS + _NEG), [1] * 6 + [0] * 6).predict_proba(probe),
                                  fitted.predict_proba(probe))
    assert 0.0 <= fitted.score(probe, [1, 0]) <= 1.0


def test_the_shipped_model_clones_with_its_parameters():
    shipped = models.load("loaded_sentence")
    twin = clone(shipped)
    assert twin.get_params() == shipped.get_params() and not hasattr(twin, "lr_")


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
    (_p,), (items,) = clf.explain_matrix([row], top=50)
    assert items, "no evidence"
    for it in items:
        assert 0 <= it["start"] < it["end"] <= len(text)
        if it["kind"] == "word":
            assert text[it["start"]:it["end"]].lower() == it["feature"]
    top_pos = [text[it["start"]:it["end"]] for it in items if it["weight"] > 0 and it["kind"] in ("word", "char")]
    assert any(w.strip(".") in ("vile", "thugs", "spewed", "lies") for w in top_pos), top_pos


def test_cached_character_transform_equals_scikit_learns():
    model = models.load("loaded_sentence")
    texts = ["The vile thugs spewed lies.", "A  b", "I", "", "Don't re-open the so-called  deal!!", "x" * 30]
    a = model.char_vec_.transform(texts)
    b = model._char_transform(texts)
    assert a.shape == b.shape
    assert abs(a - b).max() < 1e-12


def test_char_wb_list_matches_scikit_learn_analyzer():
    from sklearn.feature_extraction.text import TfidfVectorizer

    analyzer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5)).build_analyzer()
    for word in ("a", "ab", "abc", "thugs", "so-called"):
        assert lm._char_wb_list(word, 2, 5) == analyzer(word)


def test_textblob_scores_subjective_versus_factual():
    pol, subj = lm.textblob_scores("This is a truly horrible, ugly idea!")
    assert pol < 0 and subj > 0.8
    assert lm.textblob_scores("The council met on Tuesday.") == (0.0, 0.0)


# ---------------------------------------------------------------- name masking


def _nlp_doc(text):
    from framing.nlp import get_nlp

    return get_nlp()(text)


def test_mask_regions_cover_names_and_demonyms_but_not_possessives_or_suffixes():
    text = "The Iranian regime and the United States traded threats, Hassan Rouhani's aide said of the U.S.-led strike."
    got = [text[a:b] for a, b in lm.mask_regions(_nlp_doc(text))]
    assert "The Iranian" in got and "the United States" in got and "Hassan Rouhani" in got
    assert "the U.S." in got  # "-led" stays visible
    assert not any(w in " ".join(got) for w in ("regime", "threats", "aide", "strike", "'s"))


def test_mask_regions_leave_a_sentence_without_names_alone():
    assert lm.mask_regions(_nlp_doc("The council met last week to discuss the budget.")) == []


def test_masked_view_maps_every_copied_word_back():
    import re

    text = "Iran's regime and Trump clashed in Washington again."
    row = SentenceRow(text, (), ((0, 4), (18, 23), (35, 45)))
    v = lm.masked_view(row)
    assert "Iran" not in v.text and "Trump" not in v.text and "Washington" not in v.text
    assert v.text.count(lm.MASK_PLACEHOLDER) == 3
    words = [m for m in re.finditer(r"\S+", v.text) if m.group() != lm.MASK_PLACEHOLDER]
    assert [m.group() for m in words] == ["'s", "regime", "and", "clashed", "in", "again."]
    for m in words:
        a, b = v.orig_span(m.start(), m.end())
        assert text[a:b] == m.group()
    assert lm.masked_view(row, mask=False).text == text


def test_word_ngrams_drop_the_placeholder_without_joining_its_neighbours():
    grams = lm.WordNgrams(1, 2)(f"the {lm.MASK_PLACEHOLDER} regime lied")
    assert grams == ["the", "regime", "lied", "regime lied"]


def test_a_masked_model_scores_name_swaps_identically_and_an_unmasked_one_need_not():
    # the same neutral sentences, labelled 1 when about one name and 0 when about the other: only the name differs
    templates = ["{} met officials on Tuesday.", "Officials said {} would travel next week.",
                 "The statement from {} was published in March.", "{} spoke to reporters after the meeting."]
    texts = [t.format("Trump") for t in templates] + [t.format("Rouhani") for t in templates]
    y = [1] * 4 + [0] * 4

    def rows(texts):
        return [SentenceRow(t, (), tuple(lm.mask_regions(_nlp_doc(t)))) for t in texts]

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
