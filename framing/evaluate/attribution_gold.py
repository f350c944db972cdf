"""Attribution measured on hand-made gold annotations of real articles (``tests/gold/attribution.jsonl``).

The gold file (format: :mod:`framing.evaluate.gold`) annotates whole articles of
the shared Soleimani corpus and the seed. For every article with a record of
kind ``annotated`` it lists *every* direct quote (``direct_quote``: the content
span, the speaker's canonical name and kind), every reported-speech statement
(``reported``: the cue span, the speaker), loaded phrases with their voice
(``voice``: ``author`` or ``quoted``) and regions the annotator judged
borderline (``unsure``: headlines, agentless reports, scare quotes), which are
scored neither way. The rules the annotator followed are in
``tests/gold/README.md`` (section *Attribution*).

Figures (all in [0, 1]; ``n_*`` are counts):

* **direct-quote speaker precision**: of the direct quotations framing lists
  with a confident speaker, outside ``unsure`` regions, the share whose speaker
  matches the speaker of *every* gold quote they overlap (a quote that swallows
  another speaker's words is wrong; one overlapping no gold quote is wrong);
* **direct-quote speaker recall**: of the gold quotes, the share covered (at
  least half of its characters) by a listed attribution with the right,
  confident speaker;
* **reported-speech speaker precision**: of the non-direct attributions whose
  cue overlaps a gold statement's cue, the share with the right speaker
  (confident ones only; agentless ones have no speaker and are left out);
* **speech share**: of all listed attributions outside ``unsure`` regions, the
  share that is a gold quote or statement at all (a cue overlapping a gold cue,
  or content overlapping a gold quote); the rest are not speech (actions,
  states) or misread quotations;
* **voice accuracy**: of the gold loaded phrases in the author's voice, the
  share :meth:`framing.analyzers.Context.voice` calls the author's, and the
  same for quoted phrases.

Speaker names match when, after dropping case, punctuation, titles ("Mr.",
"Sen.") and articles, one name's words are a subset of the other's ("Zarif"
matches "Mohammad Javad Zarif"; "Trump administration" does not match "Donald
Trump"). A gold label may list alternatives separated by ``;``; a gold speaker
of kind ``unnamed`` or ``group`` also matches any anonymous or vague speaker. An attribution
whose speaker framing marks unclear (``speaker_confidence`` below
:data:`CONFIDENT`) is an abstention: it is left out of precision and counts as
a miss for recall.

Known limits: one annotator, one pass (see the README); the gold speaker of a
reported statement is its cue's source, so a statement framing splits or merges
differently may be scored against the nearest cue only.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from framing.analyzers import Context
from framing.analyzers import actors as actors_analyzer
from framing.analyzers import attribution as attribution_analyzer
from framing.errors import DataError
from framing.evaluate import gold
from framing.ingest import load_path, load_text
from framing.nlp import parse
from framing.resources import Lexicons, Models
from framing.schema import Article, Span, Voice

#: speaker confidence at or above which an attribution's speaker counts as stated (below: "speaker unclear")
CONFIDENT = 0.5

_DROP = frozenset(["the", "a", "an", "of", "mr", "mrs", "ms", "dr", "sen", "senator", "rep", "gen", "general", "president", "secretary", "minister", "prime", "former", "u", "s", "us"])


def name_tokens(name: str) -> frozenset[str]:
    """Lower-case word tokens of a speaker name without titles, articles and possessive marks."""
    toks = re.findall(r"[a-z0-9]+", name.casefold().replace("\u2019s", "").replace("'s", ""))
    return frozenset(t for t in toks if t not in _DROP)


def same_speaker(gold_label: str, *names: str) -> bool:
    """True when one of ``names`` matches one of the ``;``-separated alternatives of ``gold_label``."""
    for alt in gold_label.split(";"):
        g = name_tokens(alt)
        if not g:
            continue
        for n in names:
            p = name_tokens(n or "")
            if p and (p <= g or g <= p):
                return True
    return False


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def load_articles(corpus: str | Path, seed: str | Path | None, ids: Iterable[str]) -> dict[str, Article]:
    """The :class:`Article` of each wanted id, built exactly as :func:`gold.corpus_texts` builds its text."""
    want = set(ids)
    out: dict[str, Article] = {}
    with Path(corpus).open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                if rec["id"] in want:
                    out[rec["id"]] = load_text(rec["text"], title=rec.get("title") or None, check_language=False)
    if seed is not None and gold.SEED_ID in want:
        out[gold.SEED_ID] = load_path(seed, check_language=False)
    return out


def analyze_article(article: Article, *, use_model: bool = True, lexicons: Lexicons | None = None,
                    models: Models | None = None) -> Context:
    """A context holding the actors and attribution sections of one article (the voice rule reads it)."""
    ctx = Context(parsed=parse(article), lexicons=lexicons or Lexicons(), models=models or Models(),
                  options={"use_model": use_model})
    act = actors_analyzer.SPEC.analyze(ctx)
    att = attribution_analyzer.SPEC.analyze(ctx.with_results({"actors": act}))
    return ctx.with_results({"actors": act, "attribution": att})


def _speaker_ok(g: gold.GoldRecord, q: Any) -> bool:
    """Whether ``q``'s speaker is ``g``'s: the same name, or both an unnamed source (an unnamed person, a group)."""
    if g.labels.get("speaker_kind") in ("unnamed", "group") and str(q.speaker_kind) in ("anonymous", "vague"):
        return True
    return same_speaker(g.labels["speaker"], *_names(q))


def _confident(q: Any) -> bool:
    return float(getattr(q, "speaker_confidence", 1.0)) >= CONFIDENT


def _names(q: Any) -> tuple[str, ...]:
    return (q.speaker, q.speaker_text or "", q.actor or "")


class _Tally:
    def __init__(self) -> None:
        self.c: dict[str, int] = defaultdict(int)
        self.errors: list[dict[str, Any]] = []

    def ratio(self, num: str, den: str) -> float:
        return round(self.c[num] / self.c[den], 3) if self.c[den] else 0.0


def score_article(aid: str, ctx: Context, records: Sequence[gold.GoldRecord], t: _Tally) -> None:
    """Add one article's counts (and its errors, for inspection) to ``t``."""
    text = ctx.text
    quotes = ctx.result("attribution").quotes
    gd = [r for r in records if r.kind == "direct_quote"]
    gr = [r for r in records if r.kind == "reported"]
    unsure = [r.spans["region"] for r in records if r.kind == "unsure"]

    def err(kind: str, q: Any, expected: str) -> None:
        cs = q.content_span
        t.errors.append({"article": aid, "error": kind, "speaker": q.speaker, "speaker_text": q.speaker_text,
                         "expected": expected, "cue": q.cue, "rule": q.rule, "act": q.act, "type": str(q.type), "content": text[cs.start:cs.end][:90]})

    for g in gd:
        s, e = g.spans["content"]
        t.c["gold_direct"] += 1
        hit = [q for q in quotes if sum(_overlap((c.start, c.end), (s, e)) for c in q.content) * 2 >= (e - s)]
        if any(_confident(q) and _speaker_ok(g, q) for q in hit):
            t.c["gold_direct_found"] += 1
        elif not hit:
            t.errors.append({"article": aid, "error": "missed_quote", "expected": g.labels["speaker"],
                             "content": text[s:e][:90]})
    for q in quotes:
        frags = [(c.start, c.end) for c in q.content]
        cue = (q.cue_span.start, q.cue_span.end) if q.cue_span else None
        over_d = [g for g in gd if any(_overlap(f, g.spans["content"]) for f in frags)]
        over_r = [g for g in gr if cue and _overlap(cue, g.spans["cue"])]
        in_unsure = any(_overlap(f, u) for f in frags for u in unsure) or (cue and any(_overlap(cue, u) for u in unsure))
        if not over_d and not over_r and in_unsure:
            continue
        t.c["listed"] += 1
        is_speech = bool(over_r) or bool(over_d and (q.type == "direct" or not cue or any(
            _overlap(cue, g.spans["content"]) == 0 for g in over_d)))
        t.c["listed_speech"] += is_speech
        if not is_speech:
            err("not_speech", q, "")
        if not _confident(q):
            t.c["abstained"] += 1
            continue
        if q.type == "direct":
            t.c["direct_listed"] += 1
            ok = bool(over_d) and all(_speaker_ok(g, q) for g in over_d)
            t.c["direct_correct"] += ok
            if not ok:
                err("direct_speaker", q, " | ".join(g.labels["speaker"] for g in over_d) or "(no gold quote)")
        elif over_r and q.type != "agentless":
            t.c["reported_matched"] += 1
            ok = any(_speaker_ok(g, q) for g in over_r)
            t.c["reported_correct"] += ok
            if not ok:
                err("reported_speaker", q, over_r[0].labels["speaker"])
    for r in records:
        if r.kind != "voice":
            continue
        s, e = r.spans["phrase"]
        want = r.labels.get("voice", "author")
        got = "quoted" if ctx.voice(Span(s, e)) == Voice.QUOTED else "author"
        t.c[f"voice_{want}"] += 1
        t.c[f"voice_{want}_ok"] += got == want
        if got != want:
            t.errors.append({"article": aid, "error": f"voice_{want}", "phrase": text[s:e]})


def run(gold_path: str | Path, corpus: str | Path, seed: str | Path | None = None, *, use_model: bool = True,
        errors: bool = False) -> dict[str, Any]:
    """Score framing's attribution on every fully annotated article of ``gold_path`` (see the module docstring)."""
    texts = gold.corpus_texts(corpus, seed)
    records = gold.load(gold_path, texts)
    by_article: dict[str, list[gold.GoldRecord]] = defaultdict(list)
    for r in records:
        by_article[r.article].append(r)
    done = sorted(a for a, rs in by_article.items() if any(r.kind == "annotated" for r in rs))
    if not done:
        raise DataError(f"{gold_path}: no fully annotated article (a record of kind 'annotated')")
    arts = load_articles(corpus, seed, done)
    lex, models = Lexicons(), Models()
    t = _Tally()
    for aid in done:
        if arts[aid].text != texts[aid]:
            raise DataError(f"article {aid}: text differs from the gold offset space")
        score_article(aid, analyze_article(arts[aid], use_model=use_model, lexicons=lex, models=models),
                      by_article[aid], t)
    c = t.c
    res: dict[str, Any] = {
        "task": "attribution-gold", "gold": str(gold_path), "n_articles": len(done),
        "system": "rules and trained span model" if use_model else "rules only",
        "direct_speaker_precision": t.ratio("direct_correct", "direct_listed"),
        "direct_speaker_recall": t.ratio("gold_direct_found", "gold_direct"),
        "reported_speaker_precision": t.ratio("reported_correct", "reported_matched"),
        "speech_share": t.ratio("listed_speech", "listed"),
        "voice_author_accuracy": t.ratio("voice_author_ok", "voice_author"),
        "voice_quoted_accuracy": t.ratio("voice_quoted_ok", "voice_quoted"),
        "counts": dict(sorted(c.items())),
    }
    if errors:
        res["errors"] = t.errors
    return res


def describe(result: Mapping[str, Any]) -> str:
    """A terminal summary of :func:`run`'s result."""
    c = result["counts"]
    return "\n".join([
        f"Attribution on hand-made gold ({result['n_articles']} articles) [{result['system']}]",
        f"direct quotes: speaker precision {result['direct_speaker_precision']:.3f} "
        f"({c.get('direct_correct', 0)}/{c.get('direct_listed', 0)}), recall {result['direct_speaker_recall']:.3f} "
        f"({c.get('gold_direct_found', 0)}/{c.get('gold_direct', 0)})",
        f"reported speech: speaker precision {result['reported_speaker_precision']:.3f} "
        f"({c.get('reported_correct', 0)}/{c.get('reported_matched', 0)})",
        f"listed attributions that are speech: {result['speech_share']:.3f} "
        f"({c.get('listed_speech', 0)}/{c.get('listed', 0)}); abstained: {c.get('abstained', 0)}",
        f"voice: author phrases marked author {result['voice_author_accuracy']:.3f} "
        f"({c.get('voice_author_ok', 0)}/{c.get('voice_author', 0)}), quoted phrases marked quoted "
        f"{result['voice_quoted_accuracy']:.3f} ({c.get('voice_quoted_ok', 0)}/{c.get('voice_quoted', 0)})",
    ])
