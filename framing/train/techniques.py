"""``framing train techniques``: the technique classifier from the Propaganda Techniques Corpus (SemEval-2020 Task 11).

Reads PTC-format JSON Lines (``text`` and ``techniques``: ``{technique, start,
end}`` with offsets into ``text``), builds one :class:`SpanRow` per gold span
and cross-validates the classifier grouped by article (``GroupKFold``) beside
two baselines measured in the same folds -- the majority technique of the
training fold, and a logistic regression over the span's TF-IDF words alone --
then fits on every span and writes ``framing/models/techniques_spans.npz`` (portable, no pickle)
with its card (TC micro-F1, the SemEval-2020 TC metric, and per-technique F1). The span tagger
(:class:`SpanTagger`, the SI subtask) is cross-validated the same way (``SI_FOLDS`` folds grouped by
article, SemEval-2020 SI metric on its out-of-fold spans), fitted on every article's gold propaganda
spans and stored inside the classifier's artifact (``tagger_``). In the same folds a classifier is fitted
beside each tagger and the whole techniques analyzer runs on the held-out articles (:class:`AnalyzerRun`);
:func:`choose_threshold` turns its spans into the abstention threshold ``uncertain_below_``, stored in the
artifact and reported in the card.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import itertools
import logging
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import scipy
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from framing.analyzers.techniques.model import (
    MODEL_NAME,
    TECHNIQUE_IDS,
    TECHNIQUES,
    CueIndex,
    SpanRow,
    TechniqueClassifier,
    article_word_counts,
    span_row,
)
from framing.analyzers.techniques.tagger import SpanTagger
from framing.errors import DataError
from framing.nlp.parse import get_nlp
from framing.resources import lexicons
from framing.resources.models import load, models_dir
from framing.train.cards import artifact_entry, save_artifact, training_text_hashes, write_card
from framing.train.datasets import read_jsonl
from framing.version import __version__

log = logging.getLogger(__name__)

DEFAULT_PARAMS: dict[str, Any] = {"C": 4.0, "context_scale": 0.5, "dense_scale": 1.0, "syntax_scale": 1.0}
TAGGER_PARAMS: dict[str, Any] = {"n_bits": 18, "C": 1.0, "low": 0.15, "high": 0.45, "gap": 8}
#: folds of the tagger's cross-validation (a fit reads about 300,000 tokens; three keep training under half an hour)
SI_FOLDS = 3
#: out-of-fold precision the counted technique spans must reach (:func:`choose_threshold`): one span in four
#: overlapping a PTC span of the same technique. The analyzer's spans as a whole reach 0.18 and even those with a
#: probability of 0.9 or more only about 0.42 (PTC's annotators mark far fewer spans than any detector proposes),
#: so one half is out of reach; at 0.25 the spans set aside are right about one time in ten (see the card)
TARGET_PRECISION = 0.25


def read_ptc(path: str | Path) -> list[dict[str, Any]]:
    """The articles of a PTC-format file (``id``, ``text``, ``techniques``, ``propaganda_spans``), offsets checked."""
    out = []
    for n, r in enumerate(read_jsonl(path, required=("text", "techniques")), 1):
        text = str(r["text"])
        for s in r["techniques"]:
            if s.get("technique") not in TECHNIQUES:
                raise DataError(f"{path}: row {n}: unknown technique {s.get('technique')!r}; expected a SemEval-2020 label")
            if not (0 <= int(s["start"]) < int(s["end"]) <= len(text)):
                raise DataError(f"{path}: row {n}: span [{s['start']}, {s['end']}) is outside the text")
        out.append({"id": str(r.get("id", n)), "text": text, "techniques": list(r["techniques"]),
                    "propaganda_spans": list(r.get("propaganda_spans") or [])})
    if not out:
        raise DataError(f"{path}: no articles; expected PTC-format JSON lines with 'text' and 'techniques'")
    return out


CUES = "technique_cues"


def gold_rows(articles: Sequence[Mapping[str, Any]], cues: CueIndex | None = None, *,
              docs: Sequence[Any] | None = None) -> tuple[list[SpanRow], list[str], list[str]]:
    """One row per gold span: rows, technique labels, article ids (the CV groups). ``cues``: the technique-cue
    phrases (default: the shipped ``lexicons/technique_cues.tsv``); ``docs``: the articles' spaCy parses (default:
    parsed here with framing's pipeline, as the analyzer sees them; slow, about a second an article)."""
    cues = cues if cues is not None else CueIndex(lexicons.load(CUES))
    if docs is None:
        docs = list(get_nlp().pipe([str(a["text"]) for a in articles], batch_size=16))
    rows, y, groups = [], [], []
    for a, doc in zip(articles, docs):
        text = a["text"]
        low = text.lower()
        wc = article_word_counts(low)
        for s in a["techniques"]:
            rows.append(span_row(text, int(s["start"]), int(s["end"]), lower_text=low, cues=cues, word_counts=wc, doc=doc))
            y.append(str(s["technique"]))
            groups.append(a["id"])
    return rows, y, groups


def span_keys(articles: Sequence[Mapping[str, Any]]) -> list[tuple[str, int, int]]:
    """``(article id, start, end)`` of every gold span, in :func:`gold_rows` order (a span listed twice has one key)."""
    return [(str(a["id"]), int(s["start"]), int(s["end"])) for a in articles for s in a["techniques"]]


def tc_scores(y: Sequence[str] | np.ndarray, pred: Sequence[str] | np.ndarray) -> dict[str, Any]:
    """TC micro-F1 (= accuracy when every gold span gets one label, the SemEval-2020 TC metric), macro-F1, per technique."""
    yt, yp = np.asarray(y), np.asarray(pred)
    per = {}
    for t in TECHNIQUE_IDS:
        tp, npred, ngold = int(((yt == t) & (yp == t)).sum()), int((yp == t).sum()), int((yt == t).sum())
        per[t] = round(2 * tp / (npred + ngold), 4) if npred + ngold else 0.0
    return {"tc_micro_f1": round(float((yt == yp).mean()), 4) if len(yt) else 0.0,
            "macro_f1": round(float(np.mean(list(per.values()))), 4), "per_technique_f1": per}


def _span_lr(train: Sequence[str], ytr: Sequence[str], test: Sequence[str]) -> np.ndarray:
    vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
    m = LogisticRegression(C=4.0, max_iter=300, tol=1e-3).fit(vec.fit_transform(train), list(ytr))
    return np.asarray(m.predict(vec.transform(test)))


def cross_validate(rows: Sequence[SpanRow], y: Sequence[str], groups: Sequence[str], *, folds: int = 3,
                   params: Mapping[str, Any] = DEFAULT_PARAMS, keys: Sequence[Any] | None = None) -> dict[str, Any]:
    """Out-of-fold TC figures of the classifier and the two baselines, grouped by article (``keys``: see
    :meth:`TechniqueClassifier.predict`, the same span listed with two techniques gets two)."""
    ya = np.asarray(y, dtype=object)
    pred = np.empty(len(ya), dtype=object)
    maj = np.empty(len(ya), dtype=object)
    lr = np.empty(len(ya), dtype=object)
    for k, (tr, te) in enumerate(GroupKFold(folds).split(rows, ya, groups)):
        log.info("techniques: fold %d/%d", k + 1, folds)
        clf = TechniqueClassifier(**params).fit([rows[i] for i in tr], ya[tr])
        pred[te] = clf.predict([rows[i] for i in te], None if keys is None else [keys[i] for i in te])
        maj[te] = Counter(ya[tr]).most_common(1)[0][0]
        lr[te] = _span_lr([rows[i].span for i in tr], ya[tr], [rows[i].span for i in te])
    return {"folds": folds, "n": len(ya), "articles": len(set(groups)), "grouped_by": "article",
            "model": tc_scores(ya, pred), "baselines": {"majority": tc_scores(ya, maj), "span_tfidf_lr": tc_scores(ya, lr)}}


def gold_propaganda(article: Mapping[str, Any]) -> list[tuple[int, int]]:
    """The article's gold propaganda spans (technique-agnostic; the technique spans when none are listed)."""
    spans = article.get("propaganda_spans") or article["techniques"]
    return [(int(s["start"]), int(s["end"])) for s in spans]


def si_counts(pred: Sequence[tuple[int, int]], gold: Sequence[tuple[int, int]]) -> tuple[float, float]:
    """The SI numerators of one article: (sum |s∩t|/|s| over pairs, sum |s∩t|/|t| over pairs)."""
    p_num = r_num = 0.0
    for s0, s1 in pred:
        for t0, t1 in gold:
            inter = max(0, min(s1, t1) - max(s0, t0))
            if inter:
                p_num += inter / (s1 - s0)
                r_num += inter / (t1 - t0)
    return p_num, r_num


def si_score(pairs: Sequence[tuple[Sequence[tuple[int, int]], Sequence[tuple[int, int]]]]) -> dict[str, float]:
    """SemEval-2020 SI precision, recall and F1 over ``(predicted, gold)`` span lists of several articles: precision
    = sum over predicted s and gold t of |s & t| / |s|, over the number of predicted spans; recall the same with |t|,
    over the number of gold spans (partial credit for overlap; Da San Martino et al. 2019, 2020)."""
    pn = rn = 0.0
    npred = ngold = 0
    for pred, gold in pairs:
        p_num, r_num = si_counts(pred, gold)
        pn, rn = pn + p_num, rn + r_num
        npred, ngold = npred + len(pred), ngold + len(gold)
    p = pn / npred if npred else 0.0
    r = rn / ngold if ngold else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "predicted": npred, "gold": ngold}


def cross_validate_tagger(articles: Sequence[Mapping[str, Any]], *, folds: int = SI_FOLDS,
                          params: Mapping[str, Any] = TAGGER_PARAMS, analyzer: AnalyzerRun | None = None,
                          rows: Sequence[Sequence[SpanRow]] = (), labels: Sequence[Sequence[str]] = ()) -> dict[str, Any]:
    """Out-of-fold SI figures of the span tagger, grouped by article (each article scored by a tagger that did not
    see it). With ``analyzer`` (the articles' parses and prerequisite sections, :func:`analyzer_inputs`) and the
    gold ``rows``/``labels`` of each article, a classifier is fitted on the same training folds and the whole
    techniques analyzer runs on every held-out article: ``scored`` holds each of its spans as (probability, right),
    right when the span overlaps a gold span of the same technique (the data of :func:`choose_threshold`)."""
    texts = [str(a["text"]) for a in articles]
    gold = [gold_propaganda(a) for a in articles]
    groups = [str(a["id"]) for a in articles]
    pairs: list[Any] = [None] * len(articles)
    scored: list[tuple[float, bool]] = []
    for k, (tr, te) in enumerate(GroupKFold(folds).split(texts, groups=groups)):
        log.info("techniques: tagger fold %d/%d", k + 1, folds)
        tagger = SpanTagger(**params).fit([texts[i] for i in tr], [gold[i] for i in tr])
        for i in te:
            pairs[i] = ([(a, b) for a, b, _ in tagger.spans(texts[i])], gold[i])
        if analyzer is not None:
            clf = TechniqueClassifier(**DEFAULT_PARAMS).fit([r for i in tr for r in rows[i]], [t for i in tr for t in labels[i]])
            clf.tagger_ = tagger
            for i in te:
                scored += analyzer.scored(i, clf, articles[i]["techniques"])
    out: dict[str, Any] = {"folds": folds, "articles": len(articles), "grouped_by": "article", "tagger": si_score(pairs)}
    if analyzer is not None:
        out["scored"] = scored
    return out


class AnalyzerRun:
    """The parses of some articles and the sections the techniques analyzer reads (loaded language), computed
    once, so the analyzer can run on them with other classifiers (:meth:`scored`)."""

    def __init__(self, texts: Sequence[str]) -> None:
        from framing.analyzers import Context  # lazy: the analyzers, for the out-of-fold abstention figures only
        from framing.nlp import parse_many  # lazy: heavy (spaCy)
        from framing.pipeline import ANALYZERS  # lazy: heavy (every analyzer)
        from framing.resources import Lexicons, Models  # lazy: with the analyzers
        from framing.schema import Article  # lazy: with the analyzers

        self.lexicons = Lexicons()
        self.parsed = parse_many([Article(text=t) for t in texts])
        needed: set[str] = set()
        todo = ["techniques"]
        while todo:  # the techniques analyzer's requirements and theirs
            name = todo.pop()
            spec = next(s for s in ANALYZERS if s.name == name)
            for r in spec.requires:
                if r not in needed:
                    needed.add(r)
                    todo.append(r)
        self.requires = tuple(next(s for s in ANALYZERS if s.name == "techniques").requires)
        self.results: list[dict[str, Any]] = []
        for p in self.parsed:
            ctx = Context(parsed=p, lexicons=self.lexicons, models=Models())
            res: dict[str, Any] = {}
            for spec in ANALYZERS:
                if spec.name in needed:
                    res[spec.name] = spec.analyze(ctx.with_results({r: res[r] for r in spec.requires}))
            self.results.append(res)
        self._context, self._models = Context, Models

    @property
    def docs(self) -> list[Any]:
        return [p.doc for p in self.parsed]

    def section(self, i: int, clf: TechniqueClassifier) -> Any:
        """The techniques section of article ``i`` with classifier ``clf`` (and the tagger it carries)."""
        from framing.analyzers import techniques  # lazy: the analyzer, for the out-of-fold abstention figures only

        ctx = self._context(parsed=self.parsed[i], lexicons=self.lexicons, models=self._models({MODEL_NAME: clf}),
                            results={r: self.results[i][r] for r in self.requires})
        return techniques.analyze(ctx)

    def scored(self, i: int, clf: TechniqueClassifier, gold: Sequence[Mapping[str, Any]]) -> list[tuple[float, bool]]:
        """The techniques analyzer's spans of article ``i`` with classifier ``clf`` (counted, then uncertain), each as
        (probability, right)."""
        section = self.section(i, clf)
        g = [(int(t["start"]), int(t["end"]), str(t["technique"])) for t in gold]
        return [(s.probability, any(a < s.span.end and s.span.start < b and t == s.technique for a, b, t in g))
                for s in (*section.spans, *section.uncertain)]


def choose_threshold(scored: Sequence[tuple[float, bool]], target: float = TARGET_PRECISION) -> dict[str, Any]:
    """The abstention threshold: the lowest probability t (in steps of 0.05) from which the spans with probability
    >= t are right at least ``target`` of the time, with the precision and number of spans kept and set aside
    (0.0, abstaining from nothing, when every span is; 1.0 when no t reaches the target)."""
    p = np.asarray([x for x, _ in scored], dtype=float)
    ok = np.asarray([y for _, y in scored], dtype=bool)
    chosen = 1.0
    for t in np.round(np.arange(0.0, 1.0001, 0.05), 2):
        keep = p >= t
        if keep.any() and ok[keep].mean() >= target:
            chosen = float(t)
            break
    keep = p >= chosen

    def prec(m: np.ndarray) -> float | None:
        return round(float(ok[m].mean()), 4) if m.any() else None

    return {"uncertain_below": chosen, "target_precision": target, "spans": len(p),
            "precision_all": prec(np.ones(len(p), dtype=bool)), "kept": int(keep.sum()), "precision_kept": prec(keep),
            "uncertain": int((~keep).sum()), "precision_uncertain": prec(~keep),
            "right_means": "overlaps a gold span of the same technique"}


def train(data_path: str | Path | None, *, out_dir: str | Path | None = None, folds: int = 3) -> dict[str, Any]:
    """Cross-validate, fit on every gold span, write the artifact and its card; return the card."""
    if data_path is None:
        raise DataError("no training data given; pass --data PATH/TO/ptc/dev.jsonl")
    path = Path(data_path)
    articles = read_ptc(path)
    run = AnalyzerRun([str(a["text"]) for a in articles])
    rows, y, groups = gold_rows(articles, docs=run.docs)
    cv = cross_validate(rows, y, groups, folds=folds, keys=span_keys(articles))
    starts = np.cumsum([0] + [len(a["techniques"]) for a in articles])
    si_cv = cross_validate_tagger(articles, analyzer=run, rows=[rows[a:b] for a, b in itertools.pairwise(starts)],
                                  labels=[y[a:b] for a, b in itertools.pairwise(starts)])
    abstention = choose_threshold(si_cv.pop("scored"))
    clf = TechniqueClassifier(**DEFAULT_PARAMS).fit(rows, y)
    clf.tagger_ = SpanTagger(**TAGGER_PARAMS).fit([str(a["text"]) for a in articles], [gold_propaganda(a) for a in articles])
    clf.uncertain_below_ = abstention["uncertain_below"]
    out = Path(out_dir) if out_dir else models_dir()
    out.mkdir(parents=True, exist_ok=True)
    art = save_artifact(clf, MODEL_NAME, out)
    card = {
        "name": MODEL_NAME,
        "task": "persuasion technique of a given span (SemEval-2020 Task 11, TC)",
        **artifact_entry(art),
        "trained_at": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        "framing_version": __version__,
        "data": {"path": path.name, "sha256": hashlib.sha256(path.read_bytes()).hexdigest(), "articles": len(articles),
                 "spans": len(y), "label_counts": dict(Counter(y).most_common()),
                 "source": "Propaganda Techniques Corpus, SemEval-2020 Task 11 training part (dev split), shared/datasets/ptc/dev.jsonl"},
        "parameters": clf.get_params(),
        "lexicons": {CUES: lexicons.load(CUES).sha256},
        "libraries": {"scikit-learn": sklearn.__version__, "numpy": np.__version__, "scipy": scipy.__version__},
        "cross_validation": cv,
        "abstention": {**abstention, "chosen_by": f"{SI_FOLDS}-fold grouped cross-validation of the whole techniques "
                       "analyzer (loaded-language candidates, cue lexicon, tagger) on the training articles"},
        "span_tagger": {"parameters": dict(TAGGER_PARAMS), "cross_validation": si_cv,
                        "published_si_f1": "0.49-0.51 (best SemEval-2020 SI systems, official test set)"},
        "training_text_hashes": training_text_hashes(a["text"] for a in articles),
        "limits": "news and opinion articles of 48 outlets (PTC); techniques with under 100 spans are rarely predicted.",
    }
    write_card(MODEL_NAME, card, out, markdown=card_markdown(card))
    load.cache_clear()
    return card


def card_markdown(card: Mapping[str, Any]) -> str:
    cv = card["cross_validation"]
    m, b = cv["model"], cv["baselines"]
    lines = [f"# Model card: {card['name']}", "", f"Task: {card['task']}.",
             f"Artifact: `{card['artifact']}` (sha256 `{card['artifact_sha256'][:16]}...`, {card['artifact_bytes']:,} bytes).",
             f"Trained: {card['trained_at']} on `{card['data']['path']}` ({card['data']['articles']} articles, {card['data']['spans']} spans).",
             "", "Model: multinomial logistic regression over span word 1-2 grams, span char_wb 2-4 grams, context words, "
             "syntax tags of the parse (parts of speech, the root's tag and dependency, entity labels) "
             "and dense features (repetition count, before and after the span, repeated words, length, capitals, punctuation, "
             "quotes, title) and technique-cue counts of `lexicons/technique_cues.tsv` in the span and its line.", "",
             f"## {cv['folds']}-fold cross-validation grouped by article (n = {cv['n']} spans, {cv['articles']} articles)", "",
             "| system | TC micro-F1 | macro-F1 |", "|---|---|---|",
             f"| this model | {m['tc_micro_f1']:.3f} | {m['macro_f1']:.3f} |",
             f"| baseline: majority technique | {b['majority']['tc_micro_f1']:.3f} | {b['majority']['macro_f1']:.3f} |",
             f"| baseline: span TF-IDF LR | {b['span_tfidf_lr']['tc_micro_f1']:.3f} | {b['span_tfidf_lr']['macro_f1']:.3f} |",
             "", "| technique | spans | F1 |", "|---|---|---|"]
    for t, v in m["per_technique_f1"].items():
        lines.append(f"| {TECHNIQUES[t]} | {card['data']['label_counts'].get(t, 0)} | {v:.3f} |")
    si = card.get("span_tagger")
    if si:
        t = si["cross_validation"]["tagger"]
        lines += ["", f"## Span tagger (SI): {si['cross_validation']['folds']}-fold cross-validation grouped by article", "",
                  "Token-in-span logistic regression over hashed window features (`tagger.py`), hysteresis decoding "
                  f"(low {si['parameters']['low']}, high {si['parameters']['high']}, gap {si['parameters']['gap']}; chosen "
                  "on out-of-fold probabilities).", "",
                  "| SI precision | SI recall | SI F1 | predicted spans | gold spans |", "|---|---|---|---|---|",
                  f"| {t['precision']:.3f} | {t['recall']:.3f} | {t['f1']:.3f} | {t['predicted']} | {t['gold']} |", "",
                  "Published reference (official test set): best SemEval-2020 SI systems 0.49-0.51 F1."]
    ab = card.get("abstention")
    if ab:
        def pct(v: Any) -> str:
            return "–" if v is None else f"{v:.3f}"

        lines += ["", "## Abstention (uncertain spans)", "",
                  f"Threshold `uncertain_below` = **{ab['uncertain_below']:.2f}**: a technique span whose classifier probability "
                  "is under it is shown in the report as uncertain and left out of the counts, rates, comparison and summaries. "
                  f"Chosen by {ab['chosen_by']}: the lowest probability (steps of 0.05) from which the analyzer's out-of-fold "
                  f"spans are right (overlap a gold span of the same technique) at least {ab['target_precision']:.0%} of the time.", "",
                  "| spans | precision, all | kept | precision, kept | uncertain | precision, uncertain |", "|---|---|---|---|---|---|",
                  f"| {ab['spans']} | {pct(ab['precision_all'])} | {ab['kept']} | {pct(ab['precision_kept'])} | {ab['uncertain']} | "
                  f"{pct(ab['precision_uncertain'])} |"]
    lines += ["", "Published reference (official test set, not this split): best SemEval-2020 TC systems 0.62 micro-F1.", "",
              f"Limits: {card['limits']}", "", "Rebuild: `framing train techniques --data ../shared/datasets/ptc/dev.jsonl --folds 3` (parses the articles and runs the analyzers the techniques analyzer reads, for the out-of-fold abstention threshold; about 20 minutes on two busy shared cores).", ""]
    return "\n".join(lines)
