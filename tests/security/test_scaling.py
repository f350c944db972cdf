"""Linear-time analysis (issue 22, item 3): a page of many short paragraphs must not be quadratic.

The analysis of 12,000 short paragraphs may take at most 5x the CPU time of 3,000
(4x the input; a quadratic pass would give 16x). The spaCy parse is excluded: it
is linear and dominates, so the analysis is timed on a cached parse. Above the
hard caps of :mod:`framing.nlp.parse` an article is refused in one line.
"""

from __future__ import annotations

import gc
import importlib
import random
import time

import pytest

from framing import analyze, load_text
from framing.errors import ExtractionError
from framing.nlp import parse

parse_module = importlib.import_module("framing.nlp.parse")

# Short paragraphs with what the passes look for: speakers, cues, quotations, entities, claims, loaded words.
TEMPLATES = (
    "Senator {n} said the plan was a disaster.",
    '"We will not back down," {n} said.',
    "Critics slammed the radical move.",
    "According to {n}, 40 people died.",
    "Officials claimed it was brutal.",
    "It rained.",
    "Calm.",
    "Police arrested {n}.",
)
NAMES = ("Smith", "Jones", "Garcia", "Chen", "Okafor", "Rossi")


def page(n: int, seed: int = 7):
    rnd = random.Random(seed)
    paras = [rnd.choice(TEMPLATES).format(n=rnd.choice(NAMES)) for _ in range(n)]
    return load_text("\n\n".join(paras), "Many short paragraphs", check_language=False)


def analysis_seconds(article) -> float:
    """CPU seconds of ``analyze`` on an already parsed article, with the garbage collector paused (as ``timeit``
    does: its full collections grow with the whole heap, not with the work measured)."""
    parse(article)  # the parse is cached: the timing below is the analyzers' own
    gc.collect()
    gc.disable()
    try:
        t = time.process_time()
        analyze(article)
        return time.process_time() - t
    finally:
        gc.enable()


def test_analysis_time_grows_linearly_with_paragraphs():
    analyze(page(40, seed=1))  # load lexicons and models outside the timings
    # the lesser of two timings of each size (as timeit advises): the other test worker sharing the CPU only ever
    # adds time, and one unlucky timing had pushed a linear run over the limit
    small_page, large_page = page(3_000), page(12_000)
    small = min(analysis_seconds(small_page) for _ in range(2))
    large = min(analysis_seconds(large_page) for _ in range(2))
    ratio = large / small
    print(f"analysis CPU time: 3k paragraphs {small:.2f} s, 12k {large:.2f} s, ratio {ratio:.2f}")
    assert ratio <= 5.0, f"12k/3k paragraphs took {ratio:.1f}x the time (3k: {small:.2f} s, 12k: {large:.2f} s): a pass is not linear"


def test_too_many_paragraphs_is_one_line_error():
    text = "\n".join("a" for _ in range(parse_module.MAX_PARAGRAPHS + 1))
    art = load_text(text, check_language=False)
    with pytest.raises(ExtractionError, match=r"paragraphs; framing analyzes at most 20,000 per article") as info:
        parse(art)
    assert "\n" not in str(info.value)


def test_too_many_sentences_is_one_line_error(monkeypatch):
    monkeypatch.setattr(parse_module, "MAX_SENTENCES", 5)
    art = load_text("One. Two. Three.\n\nFour. Five. Six. Seven.", check_language=False)
    parse_module.clear_cache()
    with pytest.raises(ExtractionError, match=r"7 sentences; framing analyzes at most 5 per article") as info:
        parse(art)
    assert "\n" not in str(info.value)


def _actor_at_by_scan(actors, start, end):
    """Actors.actor_at as it was before the index: a scan of every mention (the reference)."""
    best, best_actor = None, None
    mentions = sorted(((m.start, m.end, i, act) for i, act in enumerate(actors.actors) for m in act.mentions),
                      key=lambda t: (t[0], t[1]))
    for s, e, _i, a in mentions:
        if s >= end:
            break
        ov = min(e, end) - max(s, start)
        if e <= start or ov <= 0:
            continue
        key = (ov, e, int(not any(m.pronoun for m in a.mentions if m.start == s and m.end == e)))
        if best is None or key > best:
            best, best_actor = key, a
    return best_actor


def test_indexed_actor_lookup_answers_as_the_scan():
    """Actors.actor_at (bisect) gives the full scan's answer for every span."""
    art = page(400, seed=5)
    actors = analyze(art).sections["actors"]
    n = len(art.text)
    rnd = random.Random(3)
    spans = [(a, a + rnd.randint(0, 40)) for a in (rnd.randrange(n) for _ in range(3000))]
    spans += [(m.start, m.end) for a in actors.actors for m in a.mentions]
    assert any(actors.actor_at(s, e) is not None for s, e in spans)
    assert all(actors.actor_at(s, e) is _actor_at_by_scan(actors, s, e) for s, e in spans)
