"""The sentence classifier of loaded language: features, the estimator, its explanations (inference only).

What it measures
    The probability, in [0, 1], that a sentence would be judged *biased by word
    choice* by the expert annotators of BABE (Spinde et al., Findings of EMNLP
    2021). 0.5 is the decision threshold used for ``share_sentences_loaded``.

Model
    :class:`LoadedSentenceClassifier` -- a logistic regression (Cox 1958; the
    workhorse of the bias-detection baselines of Recasens et al. 2013) over

    * TF-IDF word 1-2 grams and character 2-5 grams (within word boundaries),
    * dense features: counts of lexicon hits by category (``lexicons/
      loaded_terms.tsv`` categories, intensifiers, hedges, absolutes), the sum
      and maximum strength of the loaded terms, VADER intensity (Hutto &
      Gilbert 2014: |compound|, neg, pos) and TextBlob (Pattern) subjectivity
      and |polarity|.

    Names are masked (:func:`mask_regions`): people, organisations, places,
    nationalities and other proper names are replaced by one placeholder in
    the text the n-grams, VADER and TextBlob see, and every n-gram containing
    the placeholder is dropped. Without this the character n-grams learned
    names from BABE ("Trump" and its fragments) and a sentence's score moved
    when an actor's name changed; now a name contributes nothing to the score
    or the explanation, in training and at inference alike. The card reports
    the cost in cross-validated macro-F1 beside the unmasked model.

    The LR's probabilities go through a Platt recalibration
    (:meth:`LoadedSentenceClassifier.calibrate`: ``sigmoid(a * logit(p) + b)``,
    fitted by the trainer on out-of-fold scores grouped by article); before and
    after figures (expected calibration error, Brier score, cross-fitted) are in
    the model card. It mostly shrinks over-confident scores (``a`` < 1); the
    decision at 0.5 moves only by ``b``. The classifier explains itself: every feature's contribution
    ``coef * x`` to the log-odds is mapped back to character spans of the
    sentence (:meth:`LoadedSentenceClassifier.explain_matrix`).

Artifact
    ``framing/models/loaded_sentence.npz`` (portable form) with ``loaded_sentence.card.json``
    and ``.card.md``, loaded through :mod:`framing.resources.models` (which
    refuses a file whose sha256 differs from its card's) and rebuilt by
    :mod:`framing.train.loaded` (``framing train loaded``). This module holds
    no training loop, dataset reader or metric.

Tried and not shipped (5-fold CV grouped by article, seed 0, the same parsed
BABE rows; this model: 0.749 at C = 2, 0.751 at C = 4, 0.748 at C = 1)
    * spaCy's contextual token vectors (``doc.tensor`` of en_core_web_sm, 96-d,
      free once parsed), pooled over the unmasked tokens and standardised:
      mean 0.742-0.748 (block scaled 1.0-0.1), mean and max 0.736-0.737. No
      gain, and they are not even-handed: the tok2vec CNN sees four tokens on
      each side, so a name changes its neighbours' vectors after masking.
    * BASIL sentences as extra rows (lexical-bias spans outside quotes = 1,
      unannotated = 0), weight 0.1 / 0.3: 0.728 / 0.712 (94% are 0: the prior
      shifts; factual news sentences score lower, BABE worse). MBIC's expert
      rows add only 7 sentences BABE lacks.
    * Multinomial naive Bayes and an NB-weighted LR (Wang & Manning 2012) on
      word 1-2 grams: 0.70; averaged with this model: 0.742-0.749.

Tried in session 7 and not shipped (the same protocol, mean over fold assignments 0 and 1, where this
model scores 0.7506 and 0.7631, mean 0.757; ``benchmarks/loaded_sentence_views.py`` reruns them)
    * Word vectors learned here: PPMI + truncated SVD (100 or 300 dimensions, 10,921 words) on 66,000
      sentences of the other shared datasets and the corpus (BABE and MBIC left out, so no fold leaks),
      names and titles masked before counting. As extra features (mean, SIF-weighted mean, max/min
      pooled; scaled 0.1-0.3): 0.714-0.754. Alone: 0.71-0.74. A separate regression over them blended
      into this model's log-odds (weight 0.2-0.35): 0.753-0.759.
    * k-means clusters of those vectors (200 or 800) as a bag of cluster ids: 0.752-0.756.
    * A per-word prior from BABE's ``biased_words`` (target encoding fitted inside each training fold,
      training rows out-of-fold): 0.758; projected to unseen words through the vectors: 0.757.
    * Clusters and prior appended and the blended regression, all at once, over fold assignments 0, 1
      and 2: 0.758 against 0.752 (+0.006; per assignment +0.006, +0.002, +0.012).
    * Feature settings: char 2-5 grams with 150,000 features and min_df 2: 0.758. Word 1-3 grams with
      min_df 1: 0.760.
    * Every change is under the fold spread (+-0.02) and far from 0.78.

Known limits
    Trained on ~2,600 US news sentences on 23 domestic topics (BABE dev);
    foreign-policy vocabulary is covered mostly through the lexicon features.
    Masking relies on spaCy's tagger: a name it reads as a common word
    (lower-case, no entity) stays visible; a common word it reads as a proper
    noun is hidden. Character n-grams cannot tell the author's voice from a quote: the sentence
    score is about the words, and the analyzer reports the voice separately.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse
from spacy.attrs import ENT_TYPE, IDX, IS_LOWER, IS_PUNCT, IS_TITLE, LENGTH, LOWER, POS, SENT_START
from spacy.symbols import ADJ, NOUN, PROPN, X

from framing.errors import ModelError
from framing.resources import lexicons as _lexicons
from framing.resources import npscore, textblob_data
from framing.resources.estimator import ClassifierEstimator

#: Name of the model in :mod:`framing.resources.models` (``framing/models/loaded_sentence.joblib``).
MODEL_NAME = "loaded_sentence"
#: Prefix of the rule id of its evidence: ``model:loaded@<first 8 hex digits of the artifact sha256>``.
RULE_PREFIX = "loaded"
#: Decision threshold on P(loaded) (``share_sentences_loaded``).
THRESHOLD = 0.5

#: Largest slope ``a`` :meth:`LoadedSentenceClassifier.calibrate` accepts (a steeper fit means held-out scores too
#: close together to calibrate; the identity is kept).
MAX_CALIBRATION_SLOPE = 5.0

#: Loaded-term categories of ``lexicons/loaded_terms.tsv`` used as features (order matters: it is the feature order).
LOADED_CATEGORIES = (
    "pejorative_label",
    "glorifying_label",
    "dysphemism",
    "euphemism",
    "violent_metaphor",
    "emotive",
    "loaded_verb",
    "accusation",
    "distancing",
)
DEVICE_CATEGORIES = ("intensifier", "hedge", "absolute")
DENSE_NAMES = (
    tuple(f"lexicon.{c}" for c in LOADED_CATEGORIES + DEVICE_CATEGORIES)
    + ("lexicon.strength_sum", "lexicon.strength_max", "lexicon.negative", "lexicon.positive")
    + ("vader.abs_compound", "vader.neg", "vader.pos", "textblob.subjectivity", "textblob.abs_polarity")
)

_WORD_RE = re.compile(r"(?u)\b\w\w+\b")


@dataclass(frozen=True, slots=True)
class Hit:
    """A lexicon hit inside a sentence: offsets relative to the sentence text."""

    start: int
    end: int
    category: str
    strength: float
    direction: str = "neutral"


@dataclass(frozen=True, slots=True)
class SentenceRow:
    """One sentence for the classifier: its text, its lexicon hits and its masked name spans (sentence-relative
    offsets). ``masked`` comes from :func:`mask_regions` / :func:`masks_in`; the n-gram and sentiment features
    see the sentence with every masked span replaced by :data:`MASK_PLACEHOLDER` (see :func:`masked_view`)."""

    text: str
    hits: tuple[Hit, ...] = ()
    masked: tuple[tuple[int, int], ...] = ()


# --------------------------------------------------------------------------- name masking (even-handedness)

#: What the features see in place of a masked name. Not an English word; its own word and character n-grams are
#: dropped (a masked name contributes nothing), it only keeps n-grams from spanning across the name.
MASK_PLACEHOLDER = "Xxent"
_MASK_LOWER = MASK_PLACEHOLDER.lower()
#: spaCy entity labels whose tokens are masked: people, organisations, places, nationalities/religious/political
#: groups, facilities. One placeholder for all (the small model's labels flip between PERSON, ORG and NORP when a
#: name changes, so typed placeholders would not be invariant).
MASK_ENT_LABELS = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")


@functools.cache
def _brill_tags() -> dict[str, str]:
    """Word -> most frequent Penn tag of the Brill lexicon that ships in the TextBlob wheel (offline)."""
    out: dict[str, str] = {}
    path = textblob_data.brill_lexicon_path()  # found without importing textblob (NLTK: 1.5-2 s)
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2 and not line.startswith(";"):
            out[parts[0]] = parts[1]
    return out


def _looks_like_a_name(word: str) -> bool:
    """A sentence-initial title-case word the tagger called a common noun/adjective: a name when the Brill lexicon
    lists its title-case form as a proper noun, or does not know its lower-case form ("Trump", "Rouhani", "Peace")."""
    tags = _brill_tags()
    return tags.get(word, "").startswith("NNP") or word.lower() not in tags


def mask_regions(doc, text: str | None = None) -> list[tuple[int, int]]:
    """Character spans (document offsets, sorted, disjoint) of the names in a parsed doc.

    A token is masked when it is inside an entity of :data:`MASK_ENT_LABELS`,
    is a proper noun (PROPN), or is a title-case adjective or noun that does not
    start its sentence (demonyms and titles: "Iranian", "American",
    "President"), or opens its sentence but looks like a name
    (:func:`_looks_like_a_name`: the tagger often reads a sentence-initial
    "Trump" as a noun). Adjacent masked tokens on one line (only whitespace between them) form one
    span (also across a bare hyphen: "Iran-Iraq"), so "Hassan Rouhani", "the
    United States" and "Iran" all become one placeholder; a "the" right before
    a span joins it. Never masked: punctuation, the possessive "'s", lower-case
    words inside an entity ("-led" in "U.S.-led"). Known limit: a name the
    tagger reads as a common word (lower-case, not an entity) stays visible.
    """

    n = len(doc)
    if n == 0:
        return []
    strings = doc.vocab.strings
    ent_ids = {strings.add(lab) for lab in MASK_ENT_LABELS}
    the = strings.add("the")
    never = {strings.add(w) for w in ("'s", "’s", "'", "’", "s")}
    arr = doc.to_array([POS, ENT_TYPE, SENT_START, IS_TITLE, IDX, LENGTH, LOWER, IS_LOWER, IS_PUNCT]).tolist()
    if text is None:
        text = doc.text  # rebuilt from the tokens: pass the article text when you have it
    out: list[list[int]] = []
    for i, (pos, ent, sst, title, idx, ln, low, is_lower, punct) in enumerate(arr):
        if low in never or punct:
            continue
        m = (ent in ent_ids and not is_lower) or pos == PROPN or (title and pos in (ADJ, NOUN, X) and (
            sst != 1 or _looks_like_a_name(text[idx:idx + ln])))
        if not m:
            continue
        start, end = idx, idx + ln
        word = text[start:end]
        cut = max(word.rfind("-"), word.rfind("–"))
        if cut > 0 and word[cut + 1:].islower():  # "U.S.-led" is one token: mask "U.S." only
            end = start + cut
        gap = text[out[-1][1]:start] if out else "\n"
        if "\n" not in gap and gap.strip() in ("", "-", "–"):
            out[-1][1] = end
            continue
        if i > 0 and arr[i - 1][6] == the and not text[arr[i - 1][4] + arr[i - 1][5]:start].strip():
            start = arr[i - 1][4]
            if out and out[-1][1] > start:  # pragma: no cover - "the" cannot be masked and precede a new run
                start = out[-1][1]
        out.append([start, end])
    return merge_regions([(a, b) for a, b in out], title_regions(text))


@functools.cache
def _title_re() -> re.Pattern[str]:
    terms = sorted((str(e["term"]) for e in _lexicons.load("titles").entries), key=lambda t: -len(t))
    alts = "|".join(r"\s+".join(re.escape(w) for w in t.split()) for t in terms)
    return re.compile(rf"(?<![\w-])(?:{alts})s?(?![\w-])", re.IGNORECASE)


def title_regions(text: str) -> list[tuple[int, int]]:
    """Character spans of the titles of office and rank of ``lexicons/titles.tsv`` ("the president", "generals")."""
    return [m.span() for m in _title_re().finditer(text)]


def merge_regions(a: Sequence[tuple[int, int]], b: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The union of two lists of character spans, sorted, overlapping or touching spans merged."""
    out: list[list[int]] = []
    for s, e in sorted([*a, *b]):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def masks_in(regions: Sequence[tuple[int, int]], start: int, end: int) -> tuple[tuple[int, int], ...]:
    """The mask spans of ``regions`` (document offsets) inside ``[start, end)``, relative to ``start``."""

    i = max(0, bisect.bisect_left(regions, (start, start)) - 1)
    out = []
    while i < len(regions) and regions[i][0] < end:
        a, b = max(regions[i][0], start), min(regions[i][1], end)
        if a < b:
            out.append((a - start, b - start))
        i += 1
    return tuple(out)


@dataclass(frozen=True, slots=True)
class View:
    """A sentence as the features see it: ``text`` with masked names replaced by the placeholder (padded with
    spaces), and the map back to the sentence's own offsets (copied pieces only: ``vstarts[k]`` in the view is
    ``ostarts[k]`` in the sentence)."""

    text: str
    vstarts: tuple[int, ...]
    ostarts: tuple[int, ...]

    def orig(self, vpos: int) -> int:
        """Sentence offset of view offset ``vpos`` (a character copied from the sentence)."""

        k = bisect.bisect_right(self.vstarts, vpos) - 1
        return self.ostarts[k] + (vpos - self.vstarts[k])

    def orig_span(self, vstart: int, vend: int) -> tuple[int, int]:
        """Sentence span of a view span made of copied characters (never the placeholder)."""
        return self.orig(vstart), self.orig(vend - 1) + 1


def masked_view(row: SentenceRow, *, mask: bool = True) -> View:
    """The text the n-gram and sentiment features see (``row.text`` itself when nothing is masked)."""
    if not mask or not row.masked:
        return View(row.text, (0,), (0,))
    pieces: list[str] = []
    vstarts: list[int] = []
    ostarts: list[int] = []
    pos = vlen = 0
    for a, b in row.masked:
        if a > pos:
            vstarts.append(vlen)
            ostarts.append(pos)
            pieces.append(row.text[pos:a])
            vlen += a - pos
        ph = f" {MASK_PLACEHOLDER} "
        pieces.append(ph)
        vlen += len(ph)
        pos = max(pos, b)
    vstarts.append(vlen)
    ostarts.append(pos)
    pieces.append(row.text[pos:])
    return View("".join(pieces), tuple(vstarts), tuple(ostarts))


class WordNgrams:
    """Word n-gram analyzer (scikit-learn's default token pattern, lower-cased) that drops every n-gram
    containing the mask placeholder. Module-level so the fitted vectorizer pickles by reference."""

    def __init__(self, lo: int, hi: int) -> None:
        self.lo, self.hi = lo, hi

    def __call__(self, text: str) -> list[str]:
        toks = _WORD_RE.findall(text.lower())
        out = []
        for n in range(self.lo, self.hi + 1):
            for i in range(len(toks) - n + 1):
                g = toks[i : i + n]
                if _MASK_LOWER not in g:
                    out.append(" ".join(g))
        return out


# --------------------------------------------------------------------------- external scorers


@functools.cache
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer  # lazy: heavy optional dependency

    return SentimentIntensityAnalyzer()


def vader_scores(text: str) -> dict[str, float]:
    """VADER polarity scores (neg, neu, pos in [0, 1]; compound in [-1, 1])."""
    return _vader().polarity_scores(text)


_TB_TOKENS = re.compile(r"\w+(?:[-']\w+)*|[^\w\s]")


def _textblob_sentiment():
    return textblob_data.sentiment()  # TextBlob's own scorer, built without importing textblob (NLTK)


def textblob_scores(text: str) -> tuple[float, float]:
    """TextBlob (Pattern) polarity in [-1, 1] and subjectivity in [0, 1]; offline (its lexicon ships in the wheel).

    TextBlob's own scorer (the Pattern sentiment lexicon, with its modifiers
    and negation) applied to a pre-tokenised sentence: four times faster than
    ``TextBlob(text).sentiment``, whose regular-expression tokenizer dominates
    the cost; the two agree on 99.6% of news sentences (they differ on rare
    tokenisations such as emoticons).
    """
    s = _textblob_sentiment()(_TB_TOKENS.findall(text.lower()))
    return float(s[0]), float(s[1])


def dense_features(row: SentenceRow, *, mask: bool = True, view: View | None = None) -> np.ndarray:
    """The dense feature vector of a sentence, in the order of :data:`DENSE_NAMES`.

    VADER and TextBlob read the masked view (:func:`masked_view`) when ``mask``;
    the lexicon hits are the analyzer's (the lexicons name no actor)."""
    counts = dict.fromkeys(LOADED_CATEGORIES + DEVICE_CATEGORIES, 0.0)
    s_sum = s_max = neg = pos = 0.0
    for h in row.hits:
        if h.category in counts:
            counts[h.category] += 1.0
        if h.category in LOADED_CATEGORIES:
            s_sum += h.strength
            s_max = max(s_max, h.strength)
            neg += h.direction == "negative"
            pos += h.direction == "positive"
    vtext = (view if view is not None else masked_view(row, mask=mask)).text
    v = vader_scores(vtext)
    pol, subj = textblob_scores(vtext)
    vals = [counts[c] for c in LOADED_CATEGORIES + DEVICE_CATEGORIES]
    vals += [s_sum, s_max, neg, pos, abs(v["compound"]), v["neg"], v["pos"], subj, abs(pol)]
    return np.asarray(vals, dtype=float)


# --------------------------------------------------------------------------- the estimator


class LoadedSentenceClassifier(ClassifierEstimator):
    """Logistic regression over word and character n-grams plus lexicon / VADER / TextBlob features.

    scikit-learn estimator contract, for real: ``__init__`` only stores its
    (keyword) parameters, so ``get_params(deep=True)``, ``set_params`` and
    :func:`sklearn.base.clone` come from :class:`framing.resources.estimator.Estimator` (which
    mirrors scikit-learn's ``BaseEstimator`` without importing it);
    ``fit`` returns ``self``; learned state ends in ``_``. Inputs are
    :class:`SentenceRow` objects (text plus lexicon hits), labels 0/1;
    ``score`` (from :class:`framing.resources.estimator.ClassifierEstimator`) is accuracy at 0.5.
    """

    def __init__(self, *, C: float = 4.0, dense_scale: float = 1.0, word_ngrams: tuple[int, int] = (1, 2),
                 char_ngrams: tuple[int, int] = (2, 5), word_min_df: int = 2, char_min_df: int = 3,
                 char_max_features: int = 60000, mask_names: bool = True, random_state: int = 0) -> None:
        self.C = C
        self.mask_names = mask_names
        self.dense_scale = dense_scale
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.word_min_df = word_min_df
        self.char_min_df = char_min_df
        self.char_max_features = char_max_features
        self.random_state = random_state

    # -- features
    def _views(self, rows: Sequence[SentenceRow]) -> list[View]:
        mask = getattr(self, "mask_names", False)
        return [masked_view(r, mask=mask) for r in rows]

    def _dense(self, rows: Sequence[SentenceRow], dense: np.ndarray | None = None,
               views: Sequence[View] | None = None) -> np.ndarray:
        if dense is None:
            views = views if views is not None else self._views(rows)
            dense = (np.vstack([dense_features(r, view=v) for r, v in zip(rows, views)]) if rows
                     else np.zeros((0, len(DENSE_NAMES))))
        return dense

    def _matrix(self, rows: Sequence[SentenceRow], dense: np.ndarray | None = None, views: Sequence[View] | None = None):

        views = views if views is not None else self._views(rows)
        texts = [v.text for v in views]
        d = (self._dense(rows, dense, views) - self.dense_mean_) / self.dense_std_ * self.dense_scale
        return sparse.hstack([self.word_vec_.transform(texts), self._char_transform(texts), sparse.csr_matrix(d)]).tocsr()

    def _word_char_counts(self, word: str) -> tuple[tuple[int, int], ...]:
        """(column, count) of the in-vocabulary ``char_wb`` n-grams of one lower-case word (cached per model)."""
        cache = self.__dict__.setdefault("_char_counts_cache", {})
        hit = cache.get(word)
        if hit is None:
            vocab = self.char_vec_.vocabulary_
            counts: dict[int, int] = {}
            for g in _char_wb_list(word, *self.char_ngrams):
                col = vocab.get(g)
                if col is not None:
                    counts[col] = counts.get(col, 0) + 1
            hit = tuple(counts.items())
            if len(cache) < 200_000:
                cache[word] = hit
        return hit

    def __getstate__(self) -> dict:
        """Pickle without the per-process word caches (they are rebuilt on use)."""
        state = dict(self.__dict__)
        state.pop("_char_counts_cache", None)
        state.pop("_char_split_cache", None)
        return state

    def _word_char_split(self, word: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """:meth:`_word_char_counts` as (columns, counts), cached in a dict the hot loops read directly."""
        cache = self.__dict__.setdefault("_char_split_cache", {})
        hit = cache.get(word)
        if hit is None:
            pairs = self._word_char_counts(word)
            hit = (tuple(c for c, _ in pairs), tuple(n for _, n in pairs))
            if len(cache) < 200_000:
                cache[word] = hit
        return hit

    def _char_transform(self, texts: Sequence[str]):
        """Same result as ``self.char_vec_.transform(texts)`` (a test checks it), but with per-word caching.

        scikit-learn's ``char_wb`` analyzer works word by word, so the n-gram
        counts of a sentence are the sums of its words' counts; repeated words
        (most of them, across an article) are analysed once.
        """

        idf = self.char_vec_.idf_
        cache = self.__dict__.setdefault("_char_split_cache", {})
        get = cache.get
        cols: list[int] = []
        vals: list[int] = []
        word_rows: list[int] = []
        lens: list[int] = []
        for r, t in enumerate(texts):
            for w in t.lower().split():
                if w == _MASK_LOWER:
                    continue
                hit = get(w)
                if hit is None:
                    hit = self._word_char_split(w)
                cols.extend(hit[0])
                vals.extend(hit[1])
                word_rows.append(r)
                lens.append(len(hit[0]))
        rows = np.repeat(np.asarray(word_rows, dtype=np.int64), np.asarray(lens, dtype=np.int64))
        # COO -> CSR sums the counts of an n-gram over the words of a sentence
        X = sparse.coo_matrix((np.asarray(vals, dtype=float), (rows, np.asarray(cols, dtype=np.int64))),
                              shape=(len(texts), len(idf))).tocsr()
        X.sum_duplicates()
        X.sort_indices()
        X.data = (np.log(X.data) + 1.0) * idf[X.indices]
        return npscore.normalize_rows(X, "l2")

    def fit(self, rows: Sequence[SentenceRow], y: Sequence[int], *, dense: np.ndarray | None = None,
            sample_weight: Sequence[float] | None = None) -> LoadedSentenceClassifier:
        """Fit the vectorizers on ``rows`` and the logistic regression on their features; ``sample_weight`` (one
        non-negative weight per row, e.g. lower for rows of an auxiliary dataset) goes to the regression only."""
        from sklearn.feature_extraction.text import TfidfVectorizer  # lazy: heavy (scikit-learn), fitting only
        from sklearn.linear_model import LogisticRegression  # lazy: heavy (scikit-learn), fitting only

        views = self._views(rows)
        texts = [v.text for v in views]
        self.word_vec_ = TfidfVectorizer(analyzer=WordNgrams(*self.word_ngrams), min_df=self.word_min_df, sublinear_tf=True)
        self.char_vec_ = TfidfVectorizer(analyzer="char_wb", ngram_range=self.char_ngrams, min_df=self.char_min_df,
                                         max_features=self.char_max_features, sublinear_tf=True, lowercase=True)
        Xw = self.word_vec_.fit_transform(texts)
        # char_wb works word by word: dropping the placeholder word drops exactly its n-grams
        Xc = self.char_vec_.fit_transform([t.replace(f" {MASK_PLACEHOLDER} ", " ") for t in texts])
        for vec in (self.word_vec_, self.char_vec_):  # not needed after fit; large in the pickle
            if hasattr(vec, "stop_words_"):
                vec.stop_words_ = None
        D = self._dense(rows, dense, views)
        self.dense_mean_ = D.mean(axis=0)
        self.dense_std_ = D.std(axis=0) + 1e-9
        Dz = (D - self.dense_mean_) / self.dense_std_ * self.dense_scale
        X = sparse.hstack([Xw, Xc, sparse.csr_matrix(Dz)]).tocsr()
        self.lr_ = LogisticRegression(C=self.C, max_iter=3000, solver="liblinear", random_state=self.random_state)
        self.calib_a_, self.calib_b_ = 1.0, 0.0  # the regression's own probabilities until calibrate()
        self.lr_.fit(X, np.asarray(y, dtype=int),
                     sample_weight=None if sample_weight is None else np.asarray(sample_weight, dtype=float))
        self.word_names_ = self.word_vec_.get_feature_names_out()
        self.char_names_ = self.char_vec_.get_feature_names_out()
        self.n_word_ = len(self.word_names_)
        self.n_char_ = len(self.char_names_)
        return self

    def predict_proba(self, rows: Sequence[SentenceRow], *, dense: np.ndarray | None = None) -> np.ndarray:
        """Probabilities (n, 2): column 1 is P(loaded)."""
        if not rows:
            return np.zeros((0, 2))
        return self._calibrated(self.lr_.predict_proba(self._matrix(rows, dense)))

    def calibrate(self, scores: Sequence[float], y: Sequence[int]) -> LoadedSentenceClassifier:
        """Fit the logistic recalibration (Platt 1999) of P(loaded) on held-out scores and labels.

        ``scores`` are this model's *uncalibrated* probabilities for sentences it
        did not see (out-of-fold predictions), ``y`` their labels. Fits
        ``P' = 1 / (1 + exp(-(a * z + b)))`` with ``z`` the logit of the score,
        by Newton's method on the cross-entropy against Platt's smoothed targets
        (``(N+ + 1) / (N+ + 2)`` for a positive, ``1 / (N- + 2)`` for a negative,
        which keeps ``a`` finite on separable scores), and stores ``calib_a_`` and
        ``calib_b_``. Until called (or with an artifact trained before it
        existed) ``a = 1, b = 0``: the regression's own probabilities; they are
        also kept when the fit would invert the scores or stretch them more than
        :data:`MAX_CALIBRATION_SLOPE` times (held-out scores with no usable
        signal, as on a few toy rows). The
        explanation scales every contribution by ``a`` so they still add up to
        the calibrated log-odds (minus ``b``).
        """
        z = _logit(np.asarray(scores, dtype=float))
        lab = np.asarray(y, dtype=int)
        n_pos, n_neg = int(lab.sum()), int(len(lab) - lab.sum())
        t = np.where(lab == 1, (n_pos + 1.0) / (n_pos + 2.0), 1.0 / (n_neg + 2.0))
        a, b = 1.0, 0.0
        for _ in range(100):
            p = 1.0 / (1.0 + np.exp(-np.clip(a * z + b, -35.0, 35.0)))
            g = np.array([np.sum((p - t) * z), np.sum(p - t)])
            w = p * (1.0 - p) + 1e-12
            H = np.array([[np.sum(w * z * z), np.sum(w * z)], [np.sum(w * z), np.sum(w)]]) + 1e-9 * np.eye(2)
            step = np.linalg.solve(H, g)
            a, b = a - float(step[0]), b - float(step[1])
            if np.abs(step).max() < 1e-10:
                break
        if not (0.0 < a <= MAX_CALIBRATION_SLOPE) or not np.isfinite(b):
            a, b = 1.0, 0.0  # held-out scores without usable signal (tiny data): keep the regression's own
        self.calib_a_, self.calib_b_ = a, b
        return self

    def _calibrated(self, proba: np.ndarray) -> np.ndarray:
        """``proba`` (n, 2) through the recalibration of :meth:`calibrate` (identity when it was never fitted)."""
        a, b = float(getattr(self, "calib_a_", 1.0)), float(getattr(self, "calib_b_", 0.0))
        if a == 1.0 and b == 0.0:
            return proba
        p1 = 1.0 / (1.0 + np.exp(-np.clip(a * _logit(proba[:, 1]) + b, -35.0, 35.0)))
        return np.column_stack([1.0 - p1, p1])

    def predict(self, rows: Sequence[SentenceRow]) -> np.ndarray:
        return (self.predict_proba(rows)[:, 1] >= 0.5).astype(int)

    # -- explanation
    def _word_char_cols(self, word: str) -> tuple[int, ...]:
        """Matrix columns of the in-vocabulary character n-grams of one lower-case word (cached per model)."""
        cache = self.__dict__.setdefault("_char_cols_cache", {})
        cols = cache.get(word)
        if cols is None:
            cols = tuple(self.n_word_ + col for col, _ in self._word_char_counts(word))
            if len(cache) < 200_000:
                cache[word] = cols
        return cols

    def _char_contributions(self, rows: Sequence[SentenceRow], X, coef: np.ndarray, views: Sequence[View]):
        """Per word of every sentence: the sum of its character n-grams' contributions (``coef * x``), each
        n-gram's contribution shared evenly by the words of the sentence that contain it. Sparse algebra over
        a word x n-gram incidence matrix, so the cost does not grow with Python loops over n-grams."""

        n_word, n_char = self.n_word_, self.n_char_
        places: list[tuple[list[int], list[int]]] = []
        indptr = [0]
        indices: list[int] = []
        sent_of_word: list[int] = []
        split_get = self.__dict__.setdefault("_char_split_cache", {}).get
        for r, view in enumerate(views):
            starts, ends = [], []
            for m in re.finditer(r"\S+", view.text.lower()):
                if m.group() == _MASK_LOWER:
                    continue
                a, b = view.orig_span(m.start(), m.end())
                starts.append(a)
                ends.append(b)
                hit = split_get(m.group())
                indices.extend(hit[0] if hit is not None else self._word_char_split(m.group())[0])
                indptr.append(len(indices))
                sent_of_word.append(r)
            places.append((starts, ends))
        n_words = len(sent_of_word)
        if n_words == 0:
            return places, [[] for _ in rows]
        Wb = sparse.csr_matrix((np.ones(len(indices)), np.asarray(indices, dtype=np.int64), np.asarray(indptr)),
                               shape=(n_words, n_char))
        sw = np.asarray(sent_of_word)
        A = sparse.csr_matrix((np.ones(n_words), (sw, np.arange(n_words))), shape=(len(rows), n_words))
        S = (A @ Wb).tocsr()  # per sentence and n-gram: how many of its words contain the n-gram
        Cc = X[:, n_word : n_word + n_char].multiply(coef[n_word : n_word + n_char]).tocsr()
        R = Cc.multiply(S.power(-1)).tocsr()
        per_word = np.asarray(Wb.multiply(R[sw]).sum(axis=1)).ravel()
        out: list[list[float]] = []
        k = 0
        for starts, _ in places:
            out.append(per_word[k : k + len(starts)].tolist())
            k += len(starts)
        return places, out

    def explain_matrix(self, rows: Sequence[SentenceRow], *, top: int = 8) -> tuple[np.ndarray, list[list[dict[str, Any]]]]:
        """Scores and, per sentence, the contributions (``coef * x`` to the log-odds) mapped to sentence-relative spans.

        Each contribution is ``{"start", "end", "feature", "kind", "weight"}`` with
        ``kind`` in ``word`` (a word n-gram; one entry per occurrence, weight split
        evenly), ``char`` (character n-grams summed per word), ``lexicon`` (the
        lexicon features -- category counts, strength sum and maximum, direction
        counts -- shared evenly by the hits they count, summed per hit),
        ``sentence`` (VADER and TextBlob features summed, and lexicon
        categories absent from the sentence, spanning the whole sentence). The ``top`` largest by absolute
        weight are kept, largest first.
        """
        views = self._views(rows)
        X = self._matrix(rows, views=views)
        proba = self._calibrated(self.lr_.predict_proba(X))[:, 1]
        coef = self.lr_.coef_[0] * float(getattr(self, "calib_a_", 1.0))  # contributions to the calibrated log-odds
        word_vocab = self.word_vec_.vocabulary_
        n_word, n_char = self.n_word_, self.n_char_
        lo_w, hi_w = self.word_ngrams
        word_places, word_char = self._char_contributions(rows, X, coef, views)
        out = []
        for r, row in enumerate(rows):
            lo_ptr, hi_ptr = X.indptr[r], X.indptr[r + 1]
            cols = X.indices[lo_ptr:hi_ptr]
            vals = coef[cols] * X.data[lo_ptr:hi_ptr]
            c_of = dict(zip(cols.tolist(), vals.tolist()))
            contrib: dict[tuple[int, int, str, str], float] = {}
            text = row.text
            view = views[r]
            # word n-grams: walk the view's tokens (the vectorizer's token pattern) and look their n-grams up; the
            # placeholder is in no n-gram of the vocabulary, so masked names contribute nothing
            if len(view.vstarts) == 1:
                toks = [(m.start(), m.end(), m.group()) for m in _WORD_RE.finditer(text.lower())]
            else:
                toks = [(*(view.orig_span(m.start(), m.end()) if m.group() != _MASK_LOWER else (-1, -1)), m.group())
                        for m in _WORD_RE.finditer(view.text.lower())]
            occ: dict[int, list[tuple[int, int, str]]] = {}
            for n in range(lo_w, hi_w + 1):
                for i in range(len(toks) - n + 1):
                    gram = " ".join(t[2] for t in toks[i : i + n])
                    col = word_vocab.get(gram)
                    if col is not None and col in c_of:
                        occ.setdefault(col, []).append((toks[i][0], toks[i + n - 1][1], gram))
            for col, places in occ.items():
                c = c_of[col] / len(places)
                for s0, e0, gram in places:
                    contrib[(s0, e0, gram, "word")] = contrib.get((s0, e0, gram, "word"), 0.0) + c
            # character n-grams (computed for all sentences at once, see _char_contributions)
            for s0, e0, w in zip(*word_places[r], word_char[r]):
                if w:
                    contrib[(s0, e0, "characters", "char")] = w
            # dense features
            for k, name in enumerate(DENSE_NAMES):
                c = c_of.get(n_word + n_char + k, 0.0)
                if not c:
                    continue
                if name.startswith("lexicon."):
                    cat = name.split(".", 1)[1]
                    if cat in LOADED_CATEGORIES or cat in DEVICE_CATEGORIES:
                        spans = [(h.start, h.end) for h in row.hits if h.category == cat]
                    else:
                        spans = [(h.start, h.end) for h in row.hits if h.category in LOADED_CATEGORIES]
                    for s0, e0 in spans:  # all lexicon features of one hit are summed into one item
                        key = (s0, e0, "lexicon", "lexicon")
                        contrib[key] = contrib.get(key, 0.0) + c / len(spans)
                    if not spans:  # a category absent from the sentence (its count is below the training mean)
                        key = (0, len(text), "lexicon (absent)", "sentence")
                        contrib[key] = contrib.get(key, 0.0) + c
                else:
                    key = (0, len(text), "sentiment (VADER, TextBlob)", "sentence")
                    contrib[key] = contrib.get(key, 0.0) + c
            items: list[dict[str, Any]] = [{"start": s, "end": e, "feature": f, "kind": k, "weight": w}
                                           for (s, e, f, k), w in contrib.items() if abs(w) > 1e-6]
            items.sort(key=lambda d: -abs(d["weight"]))
            out.append(items[:top])
        return proba, out


def _logit(p: np.ndarray) -> np.ndarray:
    """log(p / (1 - p)), with p clipped to [1e-9, 1 - 1e-9]."""
    p = np.clip(p, 1e-9, 1.0 - 1e-9)
    return np.log(p / (1.0 - p))


def _char_wb_list(word: str, lo: int, hi: int) -> list[str]:
    """``char_wb`` n-grams of one word exactly as scikit-learn lists them (a short word counts once, whole)."""
    w = f" {word} "
    n_w = len(w)
    out = []
    for n in range(lo, hi + 1):
        offset = 0
        out.append(w[offset : offset + n])
        while offset + n < n_w:
            offset += 1
            out.append(w[offset : offset + n])
        if offset == 0:
            break
    return out


def as_classifier(obj: Any) -> LoadedSentenceClassifier:
    """``obj`` when it is a :class:`LoadedSentenceClassifier` (e.g. ``ctx.models["loaded_sentence"]``), else ModelError."""
    if not isinstance(obj, LoadedSentenceClassifier):
        raise ModelError(f"models[{MODEL_NAME!r}] is a {type(obj).__name__}, expected a LoadedSentenceClassifier; "
                         "rebuild it with `framing train loaded`")
    return obj
