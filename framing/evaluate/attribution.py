"""Attribution extraction measured on PolNeAR (Newell, Margolin & Ruths 2018, LREC).

Each gold attribution is a triple of span sets, *source*, *cue* and
*content* (a role may be discontinuous: a list of fragments). For each role the
predictions of :func:`framing.analyzers.attribution.analyze` (``speaker_*``, ``cue_*``,
``content_fragments``) are matched one-to-one to the gold spans of the same
article, greedily by score, and scored with precision, recall and F1:

* **exact**: the same characters after trimming whitespace, edge punctuation
  and quotation marks from every fragment;
* **overlap** (the headline figure): the shared characters are at least half of
  the longer of the two spans, ``|g ∩ p| / max(|g|, |p|) >= 0.5``. Requiring
  half of the *longer* span keeps a prediction covering the whole paragraph
  from matching a short gold content, and a tiny prediction from matching a
  long one. This is stricter than the partial match usual for PARC-style
  attribution work, where any shared token counts (Pareti et al. 2013;
  PolNeAR's README names "exact and partial span match" without a threshold);
* **any** (reported beside, keys ``*_any``): at least one shared character,
  still one-to-one; the lenient partial match, for comparison with that work.

**Speaker accuracy**: of the gold attributions with an explicit source whose
content was matched (overlap) by a prediction, the share whose predicted
speaker span matches the gold source at >= 50% overlap.

Range: every figure is in [0, 1]. ``n`` is the number of articles.

Known limits: one annotator per article (the first listed); attributions with
no source in the gold (implicit sources) count only for cue and content.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from framing.analyzers import Context
from framing.analyzers.attribution import MODEL, analyze
from framing.errors import DataError, ModelError
from framing.evaluate import read_jsonl
from framing.evaluate.metrics import Tally, overlap_score
from framing.nlp import Parsed, parse_many
from framing.nlp.spans import trim
from framing.resources.models import load_card
from framing.schema import Article

log = logging.getLogger(__name__)

ROLES = ("source", "cue", "content")
_TRIM = " \n\t,;:.\"\u201c\u201d\u00ab\u00bb\u2018\u2019'()[]—–-"

Frag = tuple[int, int]
#: exact; >= 50% of the longer span (headline); any shared character (the lenient partial match of PARC-style work)
MODES = ("exact", "overlap", "any")
_THRESHOLD = {"exact": 1.0, "overlap": 0.5, "any": 1e-9}


def _norm(text: str, frags: Iterable[Frag]) -> tuple[Frag, ...]:
    """Fragments trimmed of edge whitespace, punctuation and quotation marks, sorted, empty ones dropped."""
    out = []
    for s, e in frags:
        sp = trim(text, s, e, chars=_TRIM)
        if sp is not None:
            out.append((sp.start, sp.end))
    return tuple(sorted(out))


def _match(gold: Sequence[Sequence[Frag]], pred: Sequence[Sequence[Frag]], *, exact: bool, threshold: float = 0.5) -> list[tuple[int, int]]:
    """Greedy one-to-one matching of gold to predicted span sets; returns (gold index, pred index) pairs."""
    pairs = []
    for gi, g in enumerate(gold):
        if not g:
            continue
        for pi, p in enumerate(pred):
            if not p:
                continue
            if exact:
                if tuple(g) == tuple(p):
                    pairs.append((1.0, gi, pi))
            else:
                if g[-1][1] <= p[0][0] or p[-1][1] <= g[0][0]:
                    continue
                sc = overlap_score(g, p)
                if sc >= threshold:
                    pairs.append((sc, gi, pi))
    pairs.sort(key=lambda x: -x[0])
    used_g, used_p, out = set(), set(), []
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gi, pi))
    return out


def gold_roles(row: dict[str, Any]) -> list[dict[str, tuple[Frag, ...]]]:
    """The gold attributions of a PolNeAR row as {role: normalised fragments}."""
    text = row["text"]
    out = []
    for a in row.get("attributions") or []:
        out.append({r: _norm(text, ((f["start"], f["end"]) for f in (a.get(r) or []))) for r in ROLES})
    return out


def predicted_roles(text: str, attribution_dict: dict[str, Any]) -> list[dict[str, tuple[Frag, ...]]]:
    """The predicted attributions (``Attribution.to_dict()``) as {role: normalised fragments}."""
    out = []
    for q in attribution_dict.get("quotes", []):
        src = [(q["speaker_start"], q["speaker_end"])] if q.get("speaker_start") is not None else []
        cue = [(q["cue_start"], q["cue_end"])] if q.get("cue_start") is not None else []
        content = [(f["start"], f["end"]) for f in q.get("content_fragments") or []] or [(q["content_start"], q["content_end"])]
        out.append({"source": _norm(text, src), "cue": _norm(text, cue), "content": _norm(text, content)})
    return out


class _Tally:
    """Counts over articles: a :class:`~framing.evaluate.metrics.Tally` per role and matching mode, and the
    speaker and cue agreement on matched contents; :meth:`result` gives the figures of :func:`run`."""

    def __init__(self) -> None:
        self.c = {f"{r}_{m}": Tally() for r in ROLES for m in MODES}
        self.speaker = [0, 0]
        self.cue_on_match = [0, 0]

    def add(self, gold: list[dict], pred: list[dict]) -> None:
        for r in ROLES:
            g = [x[r] for x in gold]
            p = [x[r] for x in pred]
            ng, npred = sum(1 for x in g if x), sum(1 for x in p if x)
            for m in MODES:
                tp = len(_match(g, p, exact=(m == "exact"), threshold=_THRESHOLD[m]))
                self.c[f"{r}_{m}"].add(tp, npred, ng)
        pairs = _match([x["content"] for x in gold], [x["content"] for x in pred], exact=False)
        for gi, pi in pairs:
            if gold[gi]["source"]:
                self.speaker[1] += 1
                if overlap_score(gold[gi]["source"], pred[pi]["source"]) >= 0.5:
                    self.speaker[0] += 1
            if gold[gi]["cue"]:
                self.cue_on_match[1] += 1
                if overlap_score(gold[gi]["cue"], pred[pi]["cue"]) > 0:
                    self.cue_on_match[0] += 1

    def result(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for r in ROLES:
            for m in MODES:
                p, rc, f = self.c[f"{r}_{m}"].prf()
                out[f"{r}_precision_{m}"] = p
                out[f"{r}_recall_{m}"] = rc
                out[f"{r}_f1_{m}"] = f
            out[f"n_gold_{r}"] = self.c[f"{r}_overlap"].n_gold
            out[f"n_pred_{r}"] = self.c[f"{r}_overlap"].n_pred
        out["speaker_accuracy"] = round(self.speaker[0] / self.speaker[1], 4) if self.speaker[1] else 0.0
        out["n_speaker_pairs"] = self.speaker[1]
        out["cue_accuracy_on_matched"] = round(self.cue_on_match[0] / self.cue_on_match[1], 4) if self.cue_on_match[1] else 0.0
        return out


def _training_hashes() -> frozenset:
    """Text digests (first 16 hex digits of sha256) of the articles the shipped span model was fitted on."""
    try:
        return frozenset(load_card(MODEL).get("training_text_sha256") or ())
    except (ModelError, ValueError):  # no card (or an unreadable one): nothing is known to be seen
        return frozenset()


def analyze_parsed(parsed: Parsed, *, use_model: bool = True, attributions: str = "all") -> dict[str, Any]:
    """The attribution section (as JSON) of one parsed dataset article: no actors (the dataset has none), the
    shipped span model unless ``use_model`` is false; ``attributions="all"`` (PolNeAR's broad notion: actions,
    stances and beliefs count) unless ``"statements"`` (framing's default listing) is asked for."""
    ctx = Context(parsed=parsed, results={"actors": None},  # type: ignore[dict-item]  # the dataset has no actors
                  options={"use_model": use_model, "attributions": attributions})
    return analyze(ctx).to_dict()


def run(path: str | Path, *, limit: int | None = None, split: str | None = None, batch_size: int = 32,
        use_model: bool = True, attributions: str = "all") -> dict[str, Any]:
    """Evaluate :func:`framing.analyzers.attribution.analyze` on a PolNeAR-format JSON Lines file.

    ``limit`` evaluates the first ``limit`` articles (tests); ``split`` keeps
    rows whose ``official_split`` equals it (e.g. ``"dev"``); ``use_model=False``
    scores the rules alone. ``attributions="all"`` (default) scores PolNeAR's
    broad notion of attribution, which counts actions, stances and beliefs
    without a proposition ('attacked', 'voted for'); ``"statements"`` scores
    framing's default listing, which drops those (see
    :mod:`framing.analyzers.attribution.speech`).

    Articles the shipped span model was fitted on (recognised by their text's
    digest, listed in its card) are scored apart, under ``in_training``: the
    headline figures cover only the articles it has not seen, unless every
    article was seen (then ``warning`` says so).
    """
    rows = []
    for row in read_jsonl(path, required=("id", "text", "attributions")):
        if split and row.get("official_split") != split:
            continue
        rows.append(row)
        if limit is not None and len(rows) >= limit:
            break
    if not rows:
        raise DataError(f"{path}: no articles" + (f" with official_split {split!r}" if split else "")
                        + "; check the file or the --split value (PolNeAR uses train and dev)")
    seen_hashes = _training_hashes() if use_model else frozenset()
    unseen, seen = _Tally(), _Tally()
    n_seen = 0
    t0 = time.perf_counter()
    for i in range(0, len(rows), batch_size):
        chunk = rows[i : i + batch_size]
        # the dataset's own text is the offset space: no normalisation, no title
        arts = [Article(text=r["text"], source="polnear:" + str(r["id"])) for r in chunk]
        for row, parsed in zip(chunk, parse_many(arts, batch_size=batch_size)):
            pred = predicted_roles(row["text"], analyze_parsed(parsed, use_model=use_model, attributions=attributions))
            in_training = hashlib.sha256(row["text"].encode("utf-8")).hexdigest()[:16] in seen_hashes
            n_seen += in_training
            (seen if in_training else unseen).add(gold_roles(row), pred)
    res: dict[str, Any] = {"task": "attribution", "dataset": str(path), "n": len(rows) - n_seen if n_seen < len(rows) else len(rows)}
    if split:
        res["split"] = split
    res["system"] = ("rules and trained span model" if use_model else "rules only") + (
        "" if attributions == "all" else ", statements only")
    res["attributions"] = attributions
    res["n_in_training"] = n_seen
    if n_seen and n_seen == len(rows):
        res.update(seen.result())
        res["warning"] = "every article was in the span model's training data: these figures are in-sample"
    else:
        res.update(unseen.result())
        if n_seen:
            res["in_training"] = {"n": n_seen, "note": "in-sample figures, not comparable", **seen.result()}
    res["overlap_rule"] = ("|gold ∩ pred| / max(|gold|, |pred|) >= 0.5, one-to-one greedy matching; "
                           "*_any: at least one shared character, one-to-one")
    res["seconds"] = round(time.perf_counter() - t0, 1)
    return res


def describe(result: dict[str, Any]) -> str:
    """A terminal summary of :func:`run`'s result."""
    lines = [f"Attribution on {result.get('dataset', '?')} ({result['n']} articles"
             + (f", split {result['split']}" if result.get("split") else "")
             + (f"; {result['n_in_training']} more were in the span model's training data and are left out"
                if result.get("n_in_training") and "in_training" in result else "") + ")"
             + (f" [{result['system']}]" if result.get("system") else ""),
             f"{'role':<9}{'P(50%)':>8}{'R(50%)':>8}{'F1(50%)':>9}{'P(ex)':>8}{'R(ex)':>8}{'F1(ex)':>8}{'gold':>7}{'pred':>7}"]
    for r in ROLES:
        lines.append(
            f"{r:<9}{result[f'{r}_precision_overlap']:>8.3f}{result[f'{r}_recall_overlap']:>8.3f}{result[f'{r}_f1_overlap']:>9.3f}"
            f"{result[f'{r}_precision_exact']:>8.3f}{result[f'{r}_recall_exact']:>8.3f}{result[f'{r}_f1_exact']:>8.3f}"
            f"{result[f'n_gold_{r}']:>7}{result[f'n_pred_{r}']:>7}"
        )
    if "content_f1_any" in result:
        lines.append("any-overlap F1 (lenient partial match): " + ", ".join(
            f"{r} {result[f'{r}_f1_any']:.3f}" for r in ROLES))
    lines.append(f"speaker accuracy on matched contents: {result['speaker_accuracy']:.3f} ({result['n_speaker_pairs']} pairs)")
    lines.append(f"overlap rule: {result.get('overlap_rule', '')}")
    if result.get("warning"):
        lines.append("warning: " + result["warning"])
    return "\n".join(lines)


#: keys the ``--json`` contract promises (tested)
CONTRACT_KEYS = ("task", "n", "content_f1_overlap", "source_f1_overlap", "cue_f1_overlap",
                 "content_f1_exact", "source_f1_exact", "cue_f1_exact", "speaker_accuracy")
