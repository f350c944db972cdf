"""``framing evaluate loaded-gold``: loaded-language spans and sentence scores against the hand-made gold.

Reads ``tests/gold/loaded.jsonl`` (loaded phrases of completely annotated
articles, each with the voice it is written in: ``author`` or ``quoted``) and
``tests/gold/factual.jsonl`` (plainly factual sentences), analyses each
annotated article with the default pipeline (actors, attribution, loaded
language) and reports:

* ``author_recall`` -- share of the gold author-voice phrases that some flag
  overlaps (a flag = a not-negated loaded span of any rule), in [0, 1];
* ``precision`` -- share of the flags in annotated articles that overlap a gold
  phrase (of either voice), in [0, 1]; ``author_precision`` the same for the
  flags the tool puts in the author's voice against any gold phrase;
* ``voice_accuracy`` -- of the gold phrases found, the share whose overlapping
  flag carries the gold voice (the first overlapping flag decides);
* ``factual_share_high`` -- share of the gold factual sentences whose sentence
  score (the highest of the parsed sentences overlapping it) is >= 0.5: the
  lower the better; ``factual_mean_score`` their mean score;
* per rule family (``lexicon:loaded_terms``, ``lexicon:intensifiers``,
  ``model:loaded_spans``...) the number of flags and how many hit the gold.

Matching is lenient (any character overlap), as the gold marks whole phrases
("cold-blooded killer") where the tool may flag one word. Limits: one
annotator; the gold is small (about 20 articles); precision counts a flag on a
word the annotator judged not loaded as wrong even where a second reader
might accept it (the README states the rules).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from framing.analyzers import actors, attribution, loaded_language
from framing.evaluate import gold
from framing.ingest import load_path, load_text
from framing.pipeline import analyze
from framing.schema import Article

REPO = Path(__file__).resolve().parents[2]
GOLD_DIR = REPO / "tests" / "gold"


def _articles(corpus: Path, seed: Path | None, wanted: set[str]) -> dict[str, Article]:
    out: dict[str, Article] = {}
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                if rec["id"] in wanted:
                    out[rec["id"]] = load_text(rec["text"], title=rec.get("title") or None, check_language=False)
    if seed is not None and gold.SEED_ID in wanted:
        out[gold.SEED_ID] = load_path(seed, check_language=False)
    return out


def _family(rule: str) -> str:
    return rule.split("@", 1)[0]


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score_article(flags: Sequence[Mapping[str, Any]], phrases: Sequence[gold.GoldRecord]) -> dict[str, Any]:
    """Counts for one article: ``flags`` are span dicts (start, end, voice, rule), ``phrases`` gold records."""
    spans = [(p.spans["phrase"], p.labels.get("voice", "author")) for p in phrases]
    found: Counter[str] = Counter()
    voice_ok = 0
    for (s, e), voice in spans:
        hit = next((f for f in flags if _overlaps((f["start"], f["end"]), (s, e))), None)
        if hit is not None:
            found[voice] += 1
            voice_ok += hit["voice"] == voice
    good = [any(_overlaps((f["start"], f["end"]), sp) for sp, _ in spans) for f in flags]
    fam: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for f, g in zip(flags, good):
        fam[_family(f["rule"])][0] += 1
        fam[_family(f["rule"])][1] += int(g)
    author_flags = [g for f, g in zip(flags, good) if f["voice"] == "author"]
    return {"gold": Counter(v for _, v in spans), "found": found, "voice_ok": voice_ok,
            "flags": len(flags), "flags_ok": sum(good), "author_flags": len(author_flags),
            "author_flags_ok": sum(author_flags), "families": fam}


def _flags(section: Any) -> list[dict[str, Any]]:
    return [{"start": s.span.start, "end": s.span.end, "voice": str(s.voice), "rule": s.rule, "quote": s.quote}
            for s in section.spans if not s.negated]


def run(corpus: str | Path, *, seed: str | Path | None = None, gold_dir: str | Path = GOLD_DIR,
        analyzer=None, details: bool = False, options: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Evaluate the loaded-language analyzer (or ``analyzer(article) -> LoadedLanguage``) on the gold files;
    ``options`` go to the pipeline (e.g. ``{"use_span_model": False}``: the lexicons alone)."""
    corpus, gdir = Path(corpus), Path(gold_dir)
    texts = gold.corpus_texts(corpus, seed)
    recs = gold.load(gdir / "loaded.jsonl", texts)
    facts = gold.load(gdir / "factual.jsonl", texts)
    done = {r.article: r.labels.get("genre", "") for r in recs if r.kind == "article" and r.labels.get("complete")}
    phrases: dict[str, list[gold.GoldRecord]] = defaultdict(list)
    for r in recs:
        if r.kind == "loaded_phrase":
            phrases[r.article].append(r)
    fact_by: dict[str, list[gold.GoldRecord]] = defaultdict(list)
    for r in facts:
        fact_by[r.article].append(r)
    arts = _articles(corpus, Path(seed) if seed else None, set(done) | set(fact_by))
    if analyzer is None:
        specs = (actors.SPEC, attribution.SPEC, loaded_language.SPEC)

        def analyzer(a: Article) -> Any:
            return analyze(a, analyzers=specs, options=options).sections["loaded_language"]
    tot: dict[str, Any] = {"gold": Counter(), "found": Counter(), "voice_ok": 0, "flags": 0, "flags_ok": 0,
                           "author_flags": 0, "author_flags_ok": 0}
    fams: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    fact_scores: list[float] = []
    misses: list[dict[str, Any]] = []
    for aid, art in arts.items():
        sec = analyzer(art)
        if aid in done:
            flags = _flags(sec)
            c = score_article(flags, phrases[aid])
            for k in ("gold", "found"):
                tot[k].update(c[k])
            for k in ("voice_ok", "flags", "flags_ok", "author_flags", "author_flags_ok"):
                tot[k] += c[k]
            for f, (n, ok) in c["families"].items():
                fams[f][0] += n
                fams[f][1] += ok
            if details:
                spans = [p.spans["phrase"] for p in phrases[aid]]
                misses += [{"article": aid, "false_flag": f["quote"], "rule": f["rule"]} for f in flags
                           if not any(_overlaps((f["start"], f["end"]), sp) for sp in spans)]
                misses += [{"article": aid, "missed": art.text[s:e], "voice": p.labels.get("voice")}
                           for p, (s, e) in zip(phrases[aid], spans)
                           if not any(_overlaps((f["start"], f["end"]), (s, e)) for f in flags)]
        for fr in fact_by.get(aid, ()):
            s, e = fr.spans["sentence"]
            sc = [x.score for x in sec.sentences if x.span.start < e and s < x.span.end]
            fact_scores.append(max(sc) if sc else 0.0)

    def ratio(a: float, b: float) -> float:
        return round(a / b, 4) if b else 0.0

    n_found = sum(tot["found"].values())
    out: dict[str, Any] = {
        "task": "loaded-gold",
        "articles": len(done),
        "genres": dict(Counter(done.values())),
        "gold_phrases": dict(tot["gold"]),
        "author_recall": ratio(tot["found"]["author"], tot["gold"]["author"]),
        "quoted_recall": ratio(tot["found"]["quoted"], tot["gold"]["quoted"]),
        "precision": ratio(tot["flags_ok"], tot["flags"]),
        "author_precision": ratio(tot["author_flags_ok"], tot["author_flags"]),
        "flags": tot["flags"],
        "voice_accuracy": ratio(tot["voice_ok"], n_found),
        "factual_sentences": len(fact_scores),
        "factual_share_high": ratio(sum(x >= 0.5 for x in fact_scores), len(fact_scores)),
        "factual_mean_score": round(sum(fact_scores) / len(fact_scores), 4) if fact_scores else 0.0,
        "rule_families": {f: {"flags": n, "on_gold": ok} for f, (n, ok) in sorted(fams.items())},
    }
    if details:
        out["errors"] = misses
    return out


def describe(r: Mapping[str, Any]) -> str:
    """A short terminal summary of :func:`run`'s result."""
    lines = [f"loaded-language gold: {r['articles']} articles {r['genres']}, phrases {r['gold_phrases']}",
             f"  author-voice recall {r['author_recall']:.3f}   quoted recall {r['quoted_recall']:.3f}",
             f"  precision {r['precision']:.3f} of {r['flags']} flags   (author-voice flags {r['author_precision']:.3f})",
             f"  voice right on {r['voice_accuracy']:.3f} of the phrases found",
             f"  factual sentences scored >= 0.5: {r['factual_share_high']:.3f} of {r['factual_sentences']}"
             f" (mean score {r['factual_mean_score']:.3f})"]
    for f, v in r["rule_families"].items():
        lines.append(f"  {f:<32} {v['flags']:>4} flags, {v['on_gold']:>4} on gold")
    return "\n".join(lines)
