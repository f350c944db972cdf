"""The frames classifier: inference only (features, calibrated probabilities, evidence as spans).

Fourteen one-vs-rest logistic regressions over one feature space:

* **word unigrams** (TF-IDF, sublinear term frequency, l2-normalised) of the
  text with **names masked**: a capitalised word that does not open its
  sentence is not a feature (even-handedness: the model cannot learn an actor's
  or outlet's name, so swapping names cannot change a frame);
* **frame cues**: for each frame, ``log1p`` of the cues of
  ``lexicons/frame_cues.tsv`` per 100 words (one feature per frame, scaled by
  ``cue_scale``).

Each frame's decision value is Platt-scaled (a one-dimensional logistic fit on
out-of-fold decision values at training time) and blended (weight
``knn_weight``, 0.5) with the **neighbours' vote**: the similarity-weighted
share of the ``knn_k`` (10) training articles closest to the text (cosine of
the same name-masked word vectors) that carry the frame. The vote brings in
label co-occurrence and topic (articles on the same story tend to share their
frame set), which one-vs-rest regressions miss. The vote's weight fades with
the mean similarity of the neighbours below that of a typical training article
(``knn_sim_``), so a headline or short paragraph, whose nearest articles are
only faintly alike, is scored mostly by the regressions. In 5-fold cross-validation it
moved micro-F1 from 0.670 to 0.691. ``predict_proba`` gives
probabilities in [0, 1]. The label set of a text is every frame with
probability >= ``threshold_`` (chosen at training by out-of-fold micro-F1),
and always at least the most probable frame.

Alternatives measured and not adopted (5-fold CV on the same 297 articles; the
split alone moves micro-F1 between 0.683 and 0.695 over fold seeds 0-3, see the
card's ``fold_seed_spread``): one threshold per frame chosen on the inner
out-of-fold probabilities (0.685, or 0.690 shrunk half-way to the shared one:
the 14 extra parameters overfit about 240 articles); word bigrams, character
2-5-grams, stemming, stop-word removal, ``min_df`` 3 or 5, ``C`` 8 or 32, a
class-balanced loss, other neighbour counts or weights, a second-stage
regression over the 14 probabilities (label co-occurrence, 0.656), the mean and
max of spaCy's contextual token vectors (``doc.tensor``, 96-d, 0.678-0.690), the
maximum over paragraphs of the same regressions (0.689): none moved the figure
beyond that spread. Unmasking names gave 0.695 (within the spread, and names
stay masked for even-handedness). A later round (means over fold seeds 0-3 or
0-2, the same folds for both sides; all but the first scored at the one
threshold best on all out-of-fold probabilities, optimistic for both sides
alike) found no gain either: a 100-d LSA space fitted per fold on the training
articles plus about 1,900 unlabeled news articles of other local corpora
(appended to the features: 0.691 against 0.689; as the neighbours' space:
+0.002), classifier chains, label-powerset decoding (-0.02 to -0.03), one ``C``
per frame, bagging over 10 bootstrap resamples, naive-Bayes-weighted features,
self-training on the unlabeled articles (-0.007), the maximum or top-3 mean of
sentence scores blended in (+0.002). Even knowing each article's number of
frames, taking that many of the most probable gives 0.723 (fold seed 0): the
ranking of frames, not the threshold, limits the figure.

A linear model explains itself: the contribution of a feature to a frame's
log-odds is ``coef * x``; :func:`FrameClassifier.explain` maps the top positive
contributions back to the character spans of the words and cues that carry
them, and ranks sentences by the sum of contributions inside them.

Tokenisation is a regular expression (letters and digits; a hyphen is a token
of its own), so the classifier needs no parse: it is cheap at inference and
trains without spaCy. Frame names follow the SemEval-2023 Task 3 labels
(Piskorski et al. 2023) of the Media Frames Corpus codebook (Boydstun et al. 2014).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix, hstack

from framing.errors import ModelError
from framing.resources.estimator import Estimator
from framing.resources.lexicons import Lexicon, TermMatcher

MODEL_NAME = "frames_article"
RULE_PREFIX = "frames"
CUES = "frame_cues"

#: The 14 generic frames, SemEval-2023 label -> display name (codebook order).
FRAMES: dict[str, str] = {
    "Economic": "Economic",
    "Capacity_and_resources": "Capacity and resources",
    "Morality": "Morality",
    "Fairness_and_equality": "Fairness and equality",
    "Legality_Constitutionality_and_jurisprudence": "Legality, constitutionality and jurisprudence",
    "Policy_prescription_and_evaluation": "Policy prescription and evaluation",
    "Crime_and_punishment": "Crime and punishment",
    "Security_and_defense": "Security and defense",
    "Health_and_safety": "Health and safety",
    "Quality_of_life": "Quality of life",
    "Cultural_identity": "Cultural identity",
    "Public_opinion": "Public opinion",
    "Political": "Political",
    "External_regulation_and_reputation": "External regulation and reputation",
}
FRAME_IDS: tuple[str, ...] = tuple(FRAMES)
#: lexicon frame key (lower case) -> SemEval label
CUE_FRAME: dict[str, str] = {k.lower(): k for k in FRAMES}

#: A part (headline or paragraph) shorter than this (whitespace words) gets no frame.
MIN_PART_WORDS = 8

_TOKEN = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?|-")
_SENT_OPENERS = frozenset(".!?\"'“‘:;(")


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    lower: str
    masked: bool


def tokenize(text: str, *, mask_names: bool = True) -> list[Token]:
    """Tokens with offsets; ``masked`` marks a name: a capitalised word not opening its sentence, and a
    capitalised sentence opener that the text also capitalises mid-sentence ("Iran is ..." after "... of Iran")."""
    out: list[Token] = []
    for m in _TOKEN.finditer(text):
        w = m.group()
        masked = False
        if mask_names and w[:1].isupper():
            j = m.start() - 1
            while j >= 0 and text[j] in " \t":
                j -= 1
            masked = not (j < 0 or text[j] == "\n" or text[j] in _SENT_OPENERS)
        out.append(Token(m.start(), m.end(), w.lower(), masked))
    if mask_names:  # a sentence-initial word is a name too when the text capitalises it mid-sentence elsewhere
        names = {t.lower for t in out if t.masked}
        out = [Token(t.start, t.end, t.lower, True) if not t.masked and t.lower in names and text[t.start].isupper()
               else t for t in out]
    return out


def _ngram_terms(tokens: Sequence[Token]) -> list[str]:
    return [t.lower for t in tokens if not t.masked and t.lower != "-" and not t.lower.isdigit()]


@dataclass(frozen=True, slots=True)
class CueHit:
    start: int
    end: int
    frame: str
    term: str


def cue_hits(tokens: Sequence[Token], matcher: TermMatcher) -> list[CueHit]:
    """Frame cues of ``lexicons/frame_cues.tsv`` in the tokens (lower-case whole-token match, names included)."""
    lower = [t.lower for t in tokens]
    out = []
    for m in matcher.match_lists(lower, lower):
        frame = CUE_FRAME.get(str(m.entry["frame"]).lower())
        if frame is not None:
            out.append(CueHit(tokens[m.start].start, tokens[m.end - 1].end, frame, str(m.entry["term"])))
    return out


def _cue_vector(hits: Sequence[CueHit], n_words: int) -> np.ndarray:
    v = np.zeros(len(FRAME_IDS))
    idx = {f: i for i, f in enumerate(FRAME_IDS)}
    for h in hits:
        v[idx[h.frame]] += 1
    return np.log1p(100.0 * v / max(n_words, 20))


def _identity(x: Any) -> Any:
    return x


class FrameClassifier(Estimator):
    """One-vs-rest logistic regressions over masked word unigrams and frame-cue rates, Platt-calibrated.

    Parameters: ``C`` (inverse regularisation of each regression), ``cue_scale``
    (weight of the 14 cue features), ``min_df`` (minimum document frequency of a
    word), ``mask_names``, ``calibration_folds`` (out-of-fold decision values for
    the Platt scaling and the threshold). Learned: ``vocabulary_``, ``coef_``
    (14 x features), ``intercept_``, ``platt_`` (14 x 2), ``threshold_`` (article decision) and ``part_threshold_``
    (the decision for a headline or paragraph, see :func:`_best_part_threshold`).
    """

    def __init__(self, *, C: float = 16.0, cue_scale: float = 1.0, min_df: int = 2, mask_names: bool = True,
                 calibration_folds: int = 4, seed: int = 0, knn_k: int = 10, knn_weight: float = 0.5) -> None:
        self.C = C
        self.knn_k = knn_k
        self.knn_weight = knn_weight
        self.cue_scale = cue_scale
        self.min_df = min_df
        self.mask_names = mask_names
        self.calibration_folds = calibration_folds
        self.seed = seed

    # -- features ---------------------------------------------------------------------------------------------
    def _prepare(self, texts: Sequence[str], lexicon: Lexicon) -> tuple[list[list[str]], np.ndarray]:
        matcher = TermMatcher(lexicon)
        terms, cues = [], []
        for t in texts:
            toks = tokenize(t, mask_names=self.mask_names)
            terms.append(_ngram_terms(toks))
            cues.append(_cue_vector(cue_hits(toks, matcher), sum(1 for k in toks if k.lower != "-")))
        return terms, np.array(cues).reshape(len(texts), len(FRAME_IDS))

    def _new_vectorizer(self) -> Any:
        from sklearn.feature_extraction.text import TfidfVectorizer  # lazy: heavy (scikit-learn), fitting only

        return TfidfVectorizer(analyzer=_identity, min_df=self.min_df, sublinear_tf=True)

    def _stack(self, vec: Any, terms: list[list[str]], cues: np.ndarray, fit: bool = False) -> csr_matrix:
        words = vec.fit_transform(terms) if fit else vec.transform(terms)
        return hstack([words, csr_matrix(self.cue_scale * cues)]).tocsr()

    @staticmethod
    def _fit_raw(X: csr_matrix, Y: np.ndarray, C: float) -> tuple[np.ndarray, np.ndarray]:
        coef = np.zeros((Y.shape[1], X.shape[1]))
        icpt = np.zeros(Y.shape[1])
        for j in range(Y.shape[1]):
            if Y[:, j].min() == Y[:, j].max():  # a frame absent (or always present) in this fold
                icpt[j] = 8.0 if Y[0, j] else -8.0
                continue
            from sklearn.linear_model import LogisticRegression  # lazy: heavy (scikit-learn), fitting only

            m = LogisticRegression(C=C, solver="liblinear").fit(X, Y[:, j])
            coef[j], icpt[j] = m.coef_[0], m.intercept_[0]
        return coef, icpt

    def fit(self, texts: Sequence[str], Y: Any, *, lexicon: Lexicon) -> FrameClassifier:
        """Fit on ``texts`` and the 0/1 matrix ``Y`` (n x 14, columns in :data:`FRAME_IDS` order)."""
        from sklearn.linear_model import LogisticRegression  # lazy: heavy (scikit-learn), fitting only
        from sklearn.model_selection import KFold  # lazy: heavy (scikit-learn), fitting only

        Y = np.asarray(Y, dtype=int)
        terms, cues = self._prepare(texts, lexicon)
        oof = np.zeros(Y.shape)
        oof_knn = np.zeros(Y.shape)
        oof_sim = np.zeros(Y.shape[0])
        part_raw, part_knn, part_sim, part_of = [], [], [], []
        for tr, te in KFold(self.calibration_folds, shuffle=True, random_state=self.seed).split(terms):
            vec = self._new_vectorizer()
            Xtr = self._stack(vec, [terms[i] for i in tr], cues[tr], fit=True)
            coef, icpt = self._fit_raw(Xtr, Y[tr], self.C)
            Xte = self._stack(vec, [terms[i] for i in te], cues[te])
            oof[te] = Xte @ coef.T + icpt
            n_words = len(vec.vocabulary_)
            oof_knn[te], oof_sim[te] = neighbour_labels(Xte[:, :n_words], Xtr[:, :n_words], Y[tr], self.knn_k)
            parts = [(i, p) for i in te for p in body_paragraphs(texts[i])]
            if parts:
                pt, pc = self._prepare([p for _, p in parts], lexicon)
                Xp = self._stack(vec, pt, pc)
                part_raw.append(Xp @ coef.T + icpt)
                pk, ps = neighbour_labels(Xp[:, :n_words], Xtr[:, :n_words], Y[tr], self.knn_k)
                part_knn.append(pk)
                part_sim.append(ps)
                part_of += [i for i, _ in parts]
        self.platt_ = np.zeros((Y.shape[1], 2))
        for j in range(Y.shape[1]):
            if Y[:, j].min() == Y[:, j].max():
                self.platt_[j] = (1.0, 0.0)
                continue
            p = LogisticRegression(C=1e4).fit(oof[:, [j]], Y[:, j])
            self.platt_[j] = (p.coef_[0, 0], p.intercept_[0])
        self.knn_sim_ = float(np.median(oof_sim)) if len(oof_sim) else 1.0
        prob = self._blend(self._calibrate(oof), oof_knn, oof_sim)
        self.threshold_ = _best_threshold(prob, Y)
        self.oof_proba_ = prob
        if part_of:
            part_prob = self._blend(self._calibrate(np.vstack(part_raw)), np.vstack(part_knn), np.concatenate(part_sim))
            self.part_threshold_ = _best_part_threshold(part_prob, np.asarray(part_of), Y)
        else:
            self.part_threshold_ = self.threshold_
        vec = self._new_vectorizer()
        X = self._stack(vec, terms, cues, fit=True)
        self.coef_, self.intercept_ = self._fit_raw(X, Y, self.C)
        self.vocabulary_ = {str(k): int(v) for k, v in vec.vocabulary_.items()}
        self.idf_ = vec.idf_.copy()
        docs = csr_matrix(X[:, :len(self.vocabulary_)])  # the training articles' word vectors, for the neighbours
        self.docs_data_, self.docs_indices_, self.docs_indptr_ = docs.data.copy(), docs.indices.copy(), docs.indptr.copy()
        self.docs_labels_ = Y.astype(np.int8)
        self.lexicon_sha256_ = lexicon.sha256
        return self

    def _blend(self, platt: np.ndarray, knn: np.ndarray, sim: np.ndarray) -> np.ndarray:
        """``(1 - w) * platt + w * knn`` per row, ``w = knn_weight * min(1, sim / knn_sim_)``: the vote counts fully
        for a text as close to its neighbours as a typical training article is to its own, and fades for a text
        (a headline, a short paragraph) whose nearest articles are only faintly similar."""
        w = self.knn_weight * np.minimum(1.0, np.asarray(sim) / max(self.knn_sim_, 1e-9))[:, None]
        return (1.0 - w) * platt + w * knn

    def _docs(self) -> csr_matrix:
        return csr_matrix((self.docs_data_, self.docs_indices_, self.docs_indptr_),
                          shape=(len(self.docs_indptr_) - 1, len(self.vocabulary_)))

    def _calibrate(self, z: np.ndarray) -> np.ndarray:
        a, b = self.platt_[:, 0], self.platt_[:, 1]
        return 1.0 / (1.0 + np.exp(-(z * a + b)))

    def _transform(self, terms: list[list[str]], cues: np.ndarray) -> csr_matrix:
        """TF-IDF exactly as the fitted vectorizer computes it (1 + log tf, times idf, l2), plus the cue columns."""
        vocab = self.vocabulary_
        rows, cols, vals = [], [], []
        for i, words in enumerate(terms):
            counts: dict[int, int] = {}
            for w in words:
                c = vocab.get(w)
                if c is not None:
                    counts[c] = counts.get(c, 0) + 1
            if not counts:
                continue
            idx = np.fromiter(counts, dtype=int)
            v = (1.0 + np.log(np.fromiter(counts.values(), dtype=float))) * self.idf_[idx]
            v /= np.linalg.norm(v)
            rows += [i] * len(idx)
            cols += idx.tolist()
            vals += v.tolist()
        words_m = csr_matrix((vals, (rows, cols)), shape=(len(terms), len(vocab)))
        return hstack([words_m, csr_matrix(self.cue_scale * cues)]).tocsr()

    def features(self, texts: Sequence[str], lexicon: Lexicon) -> csr_matrix:
        terms, cues = self._prepare(texts, lexicon)
        return self._transform(terms, cues)

    def decision_function(self, texts: Sequence[str], *, lexicon: Lexicon) -> np.ndarray:
        """The regressions' log-odds (before calibration and before the neighbours' vote), n x 14."""
        return np.asarray(self.features(texts, lexicon) @ self.coef_.T + self.intercept_)

    def predict_proba(self, texts: Sequence[str], *, lexicon: Lexicon) -> np.ndarray:
        """Probabilities, n x 14 (columns in :data:`FRAME_IDS` order): the Platt-calibrated regressions blended
        with the frames of the ``knn_k`` most similar training articles (weight ``knn_weight``)."""
        X = self.features(texts, lexicon)
        platt = self._calibrate(np.asarray(X @ self.coef_.T + self.intercept_))
        if not self.knn_weight or not hasattr(self, "docs_labels_"):
            return platt
        knn, sim = neighbour_labels(X[:, :len(self.vocabulary_)], self._docs(), self.docs_labels_, self.knn_k)
        return self._blend(platt, knn, sim)

    def predict(self, texts: Sequence[str], *, lexicon: Lexicon) -> np.ndarray:
        return decide(self.predict_proba(texts, lexicon=lexicon), self.threshold_)

    def explain(self, text: str, *, lexicon: Lexicon, frames: Sequence[int], top: int = 6) -> dict[int, list[dict[str, Any]]]:
        """For each frame index, the top positive contributions ``coef * x`` mapped to character spans of ``text``.

        Each item: ``{"start", "end", "weight", "kind" ("word" | "cue"), "feature"}``; a word feature points at
        its first occurrence (further occurrences share the same contribution); a cue feature at every cue hit of
        that frame (its contribution split evenly among them), the strongest first. Cues of other frames
        are left out of a frame's evidence (their rates may carry weight, but they do not show the frame)."""
        toks = tokenize(text, mask_names=self.mask_names)
        hits = cue_hits(toks, TermMatcher(lexicon))
        X = self._transform([_ngram_terms(toks)], _cue_vector(hits, sum(1 for k in toks if k.lower != "-"))[None, :])
        row = X.getrow(0)
        first: dict[str, Token] = {}
        for t in toks:
            if not t.masked and t.lower not in first:
                first[t.lower] = t
        inv = {v: k for k, v in self.vocabulary_.items()}
        n_words = len(self.vocabulary_)
        out: dict[int, list[dict[str, Any]]] = {}
        for j in frames:
            items: list[dict[str, Any]] = []
            for col, x in zip(row.indices, row.data):
                w = float(self.coef_[j, col] * x)
                if w <= 0:
                    continue
                if col < n_words:
                    tok = first.get(inv[col])
                    if tok is not None:
                        items.append({"start": tok.start, "end": tok.end, "weight": w, "kind": "word", "feature": inv[col]})
                else:
                    frame = FRAME_IDS[col - n_words]
                    if frame != FRAME_IDS[j]:  # another frame's cue rate: a real contribution, but no evidence *of* j
                        continue
                    mine = [h for h in hits if h.frame == frame]
                    for h in mine[:top]:
                        items.append({"start": h.start, "end": h.end, "weight": w / len(mine), "kind": "cue",
                                      "feature": f"{CUES}:{h.term}"})
            items.sort(key=lambda it: -it["weight"])
            out[j] = items[:top]
        return out


def neighbour_labels(Xq: csr_matrix, Xdocs: csr_matrix, Ydocs: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """For each query row, the similarity-weighted share of its ``k`` nearest documents (cosine of l2-normalised
    TF-IDF rows) that carry each label -- values in [0, 1], n_queries x n_labels, 0 where a query has no word --
    and the mean cosine of those ``k`` neighbours (n_queries)."""
    S = np.asarray((Xq @ Xdocs.T).todense())
    out = np.zeros((S.shape[0], Ydocs.shape[1]))
    sim = np.zeros(S.shape[0])
    k = min(k, S.shape[1])
    if k == 0:
        return out, sim
    idx = np.argpartition(-S, k - 1, axis=1)[:, :k]
    for i in range(S.shape[0]):
        w = np.maximum(S[i, idx[i]], 0.0)
        sim[i] = float(w.mean())
        if w.sum() > 0:
            out[i] = w @ Ydocs[idx[i]] / w.sum()
    return out, sim


def decide(prob: np.ndarray, threshold: float) -> np.ndarray:
    """Labels: every frame with probability >= ``threshold``, and always the most probable one."""
    pred = (prob >= threshold).astype(int)
    if len(prob):
        pred[np.arange(len(prob)), prob.argmax(1)] = 1
    return pred


def body_paragraphs(text: str) -> list[str]:
    """The lines after the first (the headline) with at least :data:`MIN_PART_WORDS` words: the paragraphs of a
    SemEval-format article (title line, blank line, one paragraph per line), as training sees them."""
    return [ln for ln in text.split("\n")[1:] if len(ln.split()) >= MIN_PART_WORDS]


def union_of_parts(part_prob: np.ndarray, part_of: np.ndarray, n: int, threshold: float) -> np.ndarray:
    """n x 14: for each article, the frames present in at least one of its parts (rows of ``part_prob``, article
    index ``part_of``) at ``threshold`` (each part keeps its most probable frame)."""
    out = np.zeros((n, part_prob.shape[1]), dtype=int)
    np.maximum.at(out, part_of, decide(part_prob, threshold))
    return out


def _best_part_threshold(part_prob: np.ndarray, part_of: np.ndarray, Y: np.ndarray) -> float:
    """The threshold of a paragraph's frames: the one at which the union of an article's paragraph frames best
    matches the article's own labels (micro-F1, out of fold; grid 0.30-0.95 by 0.025). A paragraph's frames
    should be among its article's; at the article threshold short texts get more frames than whole articles."""
    grid = [round(t, 3) for t in np.arange(0.30, 0.951, 0.025)]
    scores = [(micro_f1(Y, union_of_parts(part_prob, part_of, len(Y), t)), -t, t) for t in grid]
    return float(max(scores)[2])


def micro_f1(Y: np.ndarray, P: np.ndarray) -> float:
    tp = float((Y * P).sum())
    denom = float(Y.sum() + P.sum())
    return 2 * tp / denom if denom else 0.0


def _best_threshold(prob: np.ndarray, Y: np.ndarray) -> float:
    grid = [round(t, 2) for t in np.arange(0.15, 0.71, 0.025)]
    scores = [(micro_f1(Y, decide(prob, t)), -abs(t - 0.5), t) for t in grid]
    return float(max(scores)[2])


def as_classifier(obj: Any) -> FrameClassifier:
    """``obj`` when it is a fitted :class:`FrameClassifier`; ModelError otherwise."""
    if not isinstance(obj, FrameClassifier) or not hasattr(obj, "coef_"):
        raise ModelError(f"the frames model is not a fitted FrameClassifier (got {type(obj).__name__}); "
                         "rebuild it with `framing train frames`")
    return obj


def sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


__all__ = ["CUES", "FRAMES", "FRAME_IDS", "MIN_PART_WORDS", "MODEL_NAME", "RULE_PREFIX", "FrameClassifier", "Mapping",
           "as_classifier", "body_paragraphs", "cue_hits", "decide", "micro_f1", "tokenize", "union_of_parts"]
