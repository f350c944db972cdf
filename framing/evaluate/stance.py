"""``framing evaluate stance``: the target-sentiment model on NewsMTSC-format data.

``run(path)`` scores the shipped model (:mod:`framing.analyzers.stance.model`,
loaded verified through :mod:`framing.resources.models`) on a JSONL file in the
NewsMTSC format (``sentence``, ``targets[]`` with ``start``, ``end``,
``polarity``) and, in the same run, the sentence-level VADER baseline (compound
<= -0.05 negative, >= 0.05 positive). Metrics: macro-F1 over negative /
neutral / positive, per target, and accuracy. Note: on the file the model was
trained on (``datasets/newsmtsc/dev.jsonl``) these are training scores; the
honest figure is the cross-validated one in the model card.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from framing import pipeline
from framing.analyzers.stance.model import CLASSES, MODEL, predict_proba
from framing.evaluate import gold, read_jsonl
from framing.ingest import load_path, load_text
from framing.resources import models as model_files
from framing.schema import Article
from framing.train.stance import build_examples, metrics, read_rows, vader_label


def run(path: str | Path, *, limit: int | None = None, model: Any = None) -> dict[str, Any]:
    """Figures of ``model`` (default: the shipped artifact) and of the VADER baseline on the file at ``path``."""
    rows = read_rows(path)
    if limit is not None:
        rows = rows[:limit]
    X, y, sents, _groups = build_examples(rows)
    P = predict_proba(model if model is not None else model_files.load(MODEL), X)
    pred = [CLASSES[int(i)] for i in P.argmax(axis=1)] if len(X) else []
    scores = metrics(y, pred)
    base = metrics(y, [vader_label(s) for s in sents])
    card = model_files.load_card(MODEL)
    return {
        "task": "stance",
        "data": str(path),
        "n": len(y),
        "sentences": len(rows),
        "macro_f1": scores["macro_f1"],
        "accuracy": scores["accuracy"],
        "baseline": {"name": "vader_sentence", **base},
        "model": {"artifact": card.get("artifact"), "sha256": card.get("artifact_sha256"), "cv_macro_f1": card.get("cv", {}).get("macro_f1")},
    }


def describe(result: dict[str, Any]) -> str:
    b = result["baseline"]
    lines = [
        f"stance (target-dependent sentiment) on {result['data']}: {result['n']} targets in {result['sentences']} sentences",
        f"  model         macro-F1 {result['macro_f1']:.3f}  accuracy {result['accuracy']:.3f}",
        f"  VADER (sent.) macro-F1 {b['macro_f1']:.3f}  accuracy {b['accuracy']:.3f}",
    ]
    cv = result.get("model", {}).get("cv_macro_f1")
    if cv is not None:
        lines.append(f"  model card: 5-fold CV macro-F1 {cv:.3f} on its training data")
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# The hand-made gold of real articles (tests/gold/stance.jsonl)
# ---------------------------------------------------------------------------

_TITLES = ("president", "pres.", "gen.", "general", "maj.", "sen.", "senator", "secretary", "speaker", "mr.", "ms.",
           "mrs.", "dr.", "rep.", "vice", "the", "former", "ayatollah", "supreme", "leader")


def _norm(name: str) -> str:
    words = [w for w in name.lower().replace("’", "'").replace("'s", "").split() if w]
    while len(words) > 1 and words[0] in _TITLES:
        words = words[1:]
    return " ".join(words)


def match_actor(gold_names: Sequence[str], items: Sequence[Any], mentions: Mapping[str, int]) -> Any | None:
    """The stance item (``.name``) standing for a gold actor, or None when framing did not find it.

    A framing actor matches when its normalised name (lower case, leading titles and ``the`` dropped)
    equals one of ``gold_names`` (the canonical name and its aliases), or when both are person-like names
    (two or more words) sharing the last word, or when the framing name is a single word equal to the
    last word of a gold name, or its last word is a one-word gold alias ("Suleimani" for "Qassem Suleimani"). Among several matches the one with most mentions wins (``mentions``: name -> count).
    """
    golds = {_norm(g) for g in gold_names}
    surnames = {g.split()[-1] for g in golds if len(g.split()) > 1} | {g for g in golds if len(g.split()) == 1}
    best, best_n = None, -1
    for it in items:
        n = _norm(it.name)
        ok = n in golds or (n.split()[-1] in surnames if n else False)
        if ok and mentions.get(it.name, 0) > best_n:
            best, best_n = it, mentions.get(it.name, 0)
    return best


def gold_articles(corpus: str | Path, seed: str | Path | None = None) -> dict[str, Article]:
    """Article id -> :class:`Article` built exactly as :func:`framing.evaluate.gold.corpus_texts` builds the text."""
    out: dict[str, Article] = {}
    for rec in read_jsonl(corpus):
        out[rec["id"]] = load_text(rec["text"], title=rec.get("title") or None, check_language=False)
    if seed is not None:
        out[gold.SEED_ID] = load_path(seed, check_language=False)
    return out


def run_gold(gold_path: str | Path, corpus: str | Path, seed: str | Path | None = None) -> dict[str, Any]:
    """Figures of the stance section on the hand-made gold (``kind`` opinion / news, ``labels.sign`` in -1/0/+1).

    * ``opinion_sign_accuracy``: share of opinion/analysis gold actors whose author-voice stance label has the
      gold sign (neutral where the gold says +-1 is wrong; an actor framing did not find is wrong);
    * ``news_neutral_rate``: share of straight-news gold actors (all gold 0) that framing labels neutral
      (an actor not found counts as neutral: framing says nothing about it), with ``news_missing`` reported;
    * ``rows``: one row per gold actor (article, actor, gold, predicted value and label, found name).
    """
    arts = gold_articles(corpus, seed)
    texts = {k: a.text for k, a in arts.items()}
    records = gold.load(gold_path, texts)
    by_article: dict[str, list[gold.GoldRecord]] = defaultdict(list)
    for r in records:
        by_article[r.article].append(r)
    rows = []
    for aid, recs in by_article.items():
        analysis = pipeline.analyze(arts[aid])
        items = list(getattr(analysis.sections["stance"], "items", ()))
        mentions = {a.name: len(a.mentions) for a in getattr(analysis.sections["actors"], "actors", ())}
        for r in recs:
            names = [r.labels["actor"], *r.labels.get("aliases", ())]
            it = match_actor(names, items, mentions)
            value = it.author.value if it is not None else None
            label = str(it.author.label) if it is not None else "missing"
            pred = {"negative": -1, "neutral": 0, "positive": 1}.get(label)
            rows.append({"article": aid, "kind": r.kind, "actor": r.labels["actor"], "gold": int(r.labels["sign"]),
                         "found": it.name if it is not None else None, "value": value, "label": label,
                         "correct": pred == int(r.labels["sign"])})
    op = [x for x in rows if x["kind"] == "opinion"]
    news = [x for x in rows if x["kind"] == "news"]
    op_polar = [x for x in op if x["gold"] != 0]
    return {
        "task": "stance-gold",
        "gold": str(gold_path),
        "articles": {"opinion": len({x["article"] for x in op}), "news": len({x["article"] for x in news})},
        "opinion_actors": len(op),
        "opinion_sign_accuracy": round(sum(x["correct"] for x in op) / len(op), 4) if op else None,
        "opinion_polar_accuracy": round(sum(x["correct"] for x in op_polar) / len(op_polar), 4) if op_polar else None,
        "opinion_missing": sum(x["label"] == "missing" for x in op),
        "news_actors": len(news),
        "news_neutral_rate": round(sum(x["label"] in ("neutral", "missing") for x in news) / len(news), 4) if news else None,
        "news_missing": sum(x["label"] == "missing" for x in news),
        "rows": rows,
    }


def describe_gold(result: dict[str, Any]) -> str:
    """A few lines of :func:`run_gold` figures, then the wrong rows."""
    lines = [
        f"stance on the hand-made gold {result['gold']}: {result['articles']['opinion']} opinion/analysis and "
        f"{result['articles']['news']} straight-news articles",
        f"  opinion: sign accuracy {result['opinion_sign_accuracy']:.3f} over {result['opinion_actors']} actors "
        f"(gold +-1 only: {result['opinion_polar_accuracy']:.3f}; not found: {result['opinion_missing']})",
        f"  news:    neutral rate {result['news_neutral_rate']:.3f} over {result['news_actors']} actors "
        f"(not found: {result['news_missing']})",
        "  wrong:",
    ]
    for x in result["rows"]:
        if not (x["correct"] or (x["kind"] == "news" and x["label"] == "missing")):
            v = "" if x["value"] is None else f"{x['value']:+.2f}"
            lines.append(f"    {x['kind']:7} {x['article'][:24]:24} {x['actor'][:24]:24} gold {x['gold']:+d} "
                         f"got {x['label']} {v} ({x['found']})")
    return "\n".join(lines)
