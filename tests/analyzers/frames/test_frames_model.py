"""Frames classifier: tokenisation with names masked, cue matching, the decision rule, fit/explain on toy data."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.sparse import csr_matrix

from framing.analyzers.frames.model import (
    FRAME_IDS,
    FrameClassifier,
    _best_part_threshold,
    as_classifier,
    body_paragraphs,
    cue_hits,
    decide,
    micro_f1,
    neighbour_labels,
    tokenize,
    union_of_parts,
)
from framing.errors import ModelError
from framing.resources import lexicons
from framing.resources.lexicons import TermMatcher


def test_tokenize_masks_capitalised_words_inside_a_sentence_only():
    toks = tokenize("Troops arrived. Then Smith said the Army would stay.\nCourts ruled.")
    masked = {t.lower for t in toks if t.masked}
    assert masked == {"smith", "army"}          # mid-sentence capitals: names
    assert not any(t.masked for t in toks if t.lower in ("troops", "then", "courts"))  # sentence openers are kept


def test_tokenize_offsets_slice_the_text():
    text = "The court's ruling - a war-powers case."
    for t in tokenize(text):
        assert text[t.start:t.end].lower() == t.lower


def test_cue_hits_find_multiword_and_hyphenated_cues():
    text = "Congress debated war powers while troops waited; the Supreme Court ruled."
    hits = cue_hits(tokenize(text), TermMatcher(lexicons.load("frame_cues")))
    found = {(text[h.start:h.end].lower(), h.frame) for h in hits}
    assert ("war powers", "Legality_Constitutionality_and_jurisprudence") in found
    assert ("troops", "Security_and_defense") in found
    assert ("supreme court", "Legality_Constitutionality_and_jurisprudence") in found  # longest match wins over "court"


def test_cue_hits_do_not_match_inside_words():
    hits = cue_hits(tokenize("The warship and the lawns."), TermMatcher(lexicons.load("frame_cues")))
    assert hits == []  # "war" in "warship", "law" in "lawns" are not cues


def test_decide_keeps_every_frame_over_threshold_and_always_the_top_one():
    p = np.array([[0.1, 0.2, 0.05], [0.6, 0.7, 0.1]])
    assert decide(p, 0.5).tolist() == [[0, 1, 0], [1, 1, 0]]


def test_micro_f1_by_hand():
    Y = np.array([[1, 1, 0], [0, 1, 0]])
    P = np.array([[1, 0, 1], [0, 1, 0]])
    assert micro_f1(Y, P) == pytest.approx(2 * 2 / (3 + 3))


def _toy():
    sec = ["Troops and missiles moved to the base after the attack.", "The military strike hit a weapons depot.",
           "Soldiers and drones guarded the border after the threat.", "An army convoy fired a missile at the base."]
    leg = ["The court ruled the law unconstitutional.", "A judge heard the lawsuit and the appeal.",
           "Lawyers argued the statute violated the constitution.", "The ruling by the court cited the law."]
    texts = (sec + leg) * 3
    Y = np.zeros((len(texts), len(FRAME_IDS)), dtype=int)
    s, lg = FRAME_IDS.index("Security_and_defense"), FRAME_IDS.index("Legality_Constitutionality_and_jurisprudence")
    for i, t in enumerate(texts):
        Y[i, s if t in sec else lg] = 1
    return texts, Y, s, lg


def test_fit_predict_and_explain_on_toy_data():
    texts, Y, s, lg = _toy()
    lex = lexicons.load("frame_cues")
    clf = FrameClassifier(C=4.0, min_df=1, calibration_folds=3).fit(texts, Y, lexicon=lex)
    p = clf.predict_proba(["The missile attack on the base", "The judge and the court"], lexicon=lex)
    assert p[0, s] > p[0, lg] and p[1, lg] > p[1, s]
    assert ((p >= 0) & (p <= 1)).all()
    text = "The judge cited the law in court."
    items = clf.explain(text, lexicon=lex, frames=[lg])[lg]
    assert items and all(it["weight"] > 0 for it in items)
    assert all(text[it["start"]:it["end"]].lower() in (it["feature"], it["feature"].split(":", 1)[-1]) for it in items)


def test_names_cannot_move_the_frames():
    texts, Y, *_ = _toy()
    lex = lexicons.load("frame_cues")
    clf = FrameClassifier(C=4.0, min_df=1, calibration_folds=3).fit(texts, Y, lexicon=lex)
    a = clf.predict_proba(["The troops of Smith attacked the base."], lexicon=lex)
    b = clf.predict_proba(["The troops of Jones attacked the base."], lexicon=lex)
    assert np.allclose(a, b)


def test_neighbour_labels_by_hand():
    docs = csr_matrix(np.array([[1.0, 0.0], [0.0, 1.0], [0.6, 0.8]]))
    Ydocs = np.array([[1, 0], [0, 1], [1, 1]])
    votes, sim = neighbour_labels(csr_matrix(np.array([[1.0, 0.0]])), docs, Ydocs, 2)
    # nearest two: doc 0 (cosine 1.0, labels 1 0) and doc 2 (0.6, labels 1 1) -> (1.6/1.6, 0.6/1.6); mean cosine 0.8
    assert votes[0] == pytest.approx([1.0, 0.375]) and sim[0] == pytest.approx(0.8)
    votes, sim = neighbour_labels(csr_matrix((1, 2)), docs, Ydocs, 2)
    assert not votes.any() and sim[0] == 0.0  # a text with no known word gets no vote


def test_the_neighbours_vote_fades_for_a_text_unlike_any_training_article():
    texts, Y, *_ = _toy()
    lex = lexicons.load("frame_cues")
    clf = FrameClassifier(C=4.0, min_df=1, calibration_folds=3).fit(texts, Y, lexicon=lex)
    assert 0 < clf.knn_sim_ <= 1
    alone = FrameClassifier(C=4.0, min_df=1, calibration_folds=3, knn_weight=0.0).fit(texts, Y, lexicon=lex)
    odd = ["Quietly, weather changed."]  # no word of the training texts: the regressions alone speak
    assert np.allclose(clf.predict_proba(odd, lexicon=lex), alone.predict_proba(odd, lexicon=lex))
    close = ["Troops and missiles moved to the base after the attack."]
    assert not np.allclose(clf.predict_proba(close, lexicon=lex), alone.predict_proba(close, lexicon=lex))


def test_as_classifier_refuses_other_objects():
    with pytest.raises(ModelError, match="framing train frames"):
        as_classifier(object())
    with pytest.raises(ModelError):
        as_classifier(FrameClassifier())  # not fitted


def test_a_sentence_opening_name_is_masked_when_the_text_uses_it_mid_sentence():
    toks = tokenize("Troops left Ardania. Ardania protested. Courts ruled.")
    masked = [(t.start, t.lower) for t in toks if t.masked]
    assert masked == [(12, "ardania"), (21, "ardania")]  # "Courts" opens a sentence and appears nowhere else


def test_body_paragraphs_skip_the_title_line_and_short_lines():
    text = "A title of eight words that is long enough\nshort line\n" + "one two three four five six seven eight\n"
    assert body_paragraphs(text) == ["one two three four five six seven eight"]


def test_union_of_parts_by_hand():
    pp = np.zeros((3, len(FRAME_IDS)))
    pp[0, [0, 1]] = (0.9, 0.6)  # article 0, part 1: frame 0 (top) and frame 1 at 0.6
    pp[1, 2] = 0.4  # article 0, part 2: frame 2 is its top frame, kept at any threshold
    pp[2, 3] = 0.8  # article 1
    U = union_of_parts(pp, np.array([0, 0, 1]), 2, 0.7)
    assert U[0].tolist()[:4] == [1, 0, 1, 0] and U[1].tolist()[:4] == [0, 0, 0, 1]
    assert union_of_parts(pp, np.array([0, 0, 1]), 2, 0.5)[0, 1] == 1


def test_part_threshold_rises_when_low_scores_of_parts_are_wrong():
    # each article has one frame; each of its parts is sure of it (0.9) and gives another frame 0.6:
    # only a threshold above 0.6 keeps the union of the parts equal to the article's labels
    n = 6
    Y = np.zeros((n, len(FRAME_IDS)), dtype=int)
    Y[np.arange(n), np.arange(n) % 3] = 1
    pp = np.zeros((2 * n, len(FRAME_IDS)))
    owner = np.repeat(np.arange(n), 2)
    pp[np.arange(2 * n), owner % 3] = 0.9
    pp[np.arange(2 * n), 5] = 0.6
    t = _best_part_threshold(pp, owner, Y)
    assert 0.6 < t <= 0.9
    assert micro_f1(Y, union_of_parts(pp, owner, n, t)) == 1.0


def test_fit_learns_a_part_threshold_in_its_grid():
    texts, Y, *_ = _toy()
    texts = [f"Title line number {i} for this story\n{t} {t}" for i, t in enumerate(texts)]
    clf = FrameClassifier(C=4.0, min_df=1, calibration_folds=3).fit(texts, Y, lexicon=lexicons.load("frame_cues"))
    assert 0.3 <= clf.part_threshold_ <= 0.95
