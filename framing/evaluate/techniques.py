"""``framing evaluate techniques``: persuasion techniques on PTC-format data (SemEval-2020 Task 11).

Two figures, the task's two subtasks:

* ``tc_micro_f1`` -- technique classification given the gold spans (TC): the
  shipped classifier labels every gold span; micro-F1 over spans (each gold
  span gets exactly one label, so it equals accuracy; a span that PTC lists
  twice with two techniques gets the classifier's two most probable ones), with
  ``per_technique_f1`` and ``macro_f1``, beside the baselines of the model card's cross-validation
  and the majority technique of its training data.
* ``si_f1`` -- span identification (SI): the full analyzer (parse, loaded
  language, techniques) runs on each article and its spans, technique-agnostic,
  are scored against the gold propaganda spans with the SemEval-2020 SI
  metric: precision = sum over predicted s and gold t of |s ∩ t| / |s|, over the
  number of predicted spans; recall = the same with |t|, over the number of
  gold spans (partial credit for overlap; Da San Martino et al. 2019, 2020).
  Parsing is slow, so ``si_limit`` articles (first in file order) are scored.

When the articles were in the model's training data (``training_overlap`` >
0.5), ``in_sample`` is true: the TC figure is not an estimate of accuracy, and
the card's cross-validated figure is given beside it. The span tagger is
stored in the same artifact and trained on the same articles, so the SI figure
is then in-sample too; the card's cross-validated SI figure of the tagger alone
(``model_card_si_cv``) is given beside it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from framing.analyzers.techniques.model import MODEL_NAME, RULE_PREFIX, as_classifier
from framing.resources.models import load, load_card, model_rule
from framing.train.cards import text_hash
from framing.train.techniques import gold_rows, read_ptc, si_score, span_keys, tc_scores

Frag = tuple[int, int]


#: SemEval-2020 SI precision, recall and F1 over ``(predicted, gold)`` span lists of several articles
si_prf = si_score


def _merged(spans: Sequence[Frag]) -> list[Frag]:
    out: list[list[int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


def _si(articles: Sequence[dict[str, Any]]) -> dict[str, Any]:
    from framing.pipeline import ANALYZERS, analyze  # lazy: heavy (spaCy pipeline)
    from framing.schema import Article  # lazy: with the pipeline

    names = {"actors", "attribution", "loaded_language", "techniques"}
    specs = [s for s in ANALYZERS if s.name in names]
    pairs = []
    for a in articles:
        analysis = analyze(Article(text=a["text"]), analyzers=specs)
        section: Any = analysis.sections["techniques"]
        pred = _merged([(s.span.start, s.span.end) for s in section.spans])
        gold = [(int(g["start"]), int(g["end"])) for g in a["propaganda_spans"]] or \
            _merged([(int(g["start"]), int(g["end"])) for g in a["techniques"]])
        pairs.append((pred, gold))
    return {**si_prf(pairs), "articles": len(pairs)}


def run(path: str | Path, *, limit: int | None = None, si_limit: int | None = 20) -> dict[str, Any]:
    """Evaluate on ``path``: TC on every gold span (of the first ``limit`` articles), SI on the first ``si_limit``
    articles (0: skip SI, None: all)."""
    p = Path(path)
    articles = read_ptc(p)[:limit]
    rows, y, _ = gold_rows(articles)
    clf = as_classifier(load(MODEL_NAME))
    card = load_card(MODEL_NAME)
    result: dict[str, Any] = {"task": "techniques", "n": len(y), "articles": len(articles), **tc_scores(y, list(clf.predict(rows, span_keys(articles))))}
    counts = card.get("data", {}).get("label_counts") or {}
    majority = max(counts, key=lambda k: counts[k]) if counts else "Loaded_Language"
    result["baselines"] = {"majority": {**tc_scores(y, [majority] * len(y)), "technique": majority, "from": "model card"}}
    cv = card.get("cross_validation") or {}
    if cv:
        result["model_card_cv"] = {"tc_micro_f1": cv["model"]["tc_micro_f1"], "folds": cv["folds"],
                                   "baselines": {k: v["tc_micro_f1"] for k, v in cv["baselines"].items()}}
    tagger_cv = (card.get("span_tagger") or {}).get("cross_validation") or {}
    if tagger_cv:
        result["model_card_si_cv"] = {**tagger_cv["tagger"], "folds": tagger_cv["folds"], "spans_of": "the span tagger alone"}
    si_articles = articles if si_limit is None else articles[:si_limit]
    result["si"] = _si(si_articles) if si_articles else None
    result["si_f1"] = result["si"]["f1"] if result["si"] else None
    digest = hashlib.sha256(p.read_bytes()).hexdigest()
    seen = set(card.get("training_text_hashes", ()))
    overlap = sum(text_hash(a["text"]) in seen for a in articles) / len(articles) if seen and articles else None
    result["data_sha256"] = digest
    result["training_overlap"] = None if overlap is None else round(overlap, 4)
    result["in_sample"] = bool(digest == card.get("data", {}).get("sha256") or (overlap is not None and overlap > 0.5))
    result["model"] = model_rule(MODEL_NAME, RULE_PREFIX)
    return result


def describe(result: dict[str, Any]) -> str:
    """A short terminal summary of :func:`run`'s result."""
    lines = [f"techniques on {result['n']} gold spans of {result['articles']} articles, model {result['model']}",
             f"  TC micro-F1 {result['tc_micro_f1']:.3f}  macro-F1 {result['macro_f1']:.3f}"]
    for name, b in result["baselines"].items():
        lines.append(f"  baseline {name}: TC micro-F1 {b['tc_micro_f1']:.3f}")
    if result.get("si"):
        si = result["si"]
        lines.append(f"  SI F1 {si['f1']:.3f} (precision {si['precision']:.3f}, recall {si['recall']:.3f}, {si['articles']} articles)")
    if result.get("in_sample"):
        lines.append(f"  note: these articles were in the training data; the card's cross-validated TC micro-F1 is "
                     f"{(result.get('model_card_cv') or {}).get('tc_micro_f1', float('nan')):.3f}")
        if result.get("model_card_si_cv"):
            lines.append(f"  the span tagger saw them too; its cross-validated SI F1 is {result['model_card_si_cv']['f1']:.3f}")
    return "\n".join(lines)
