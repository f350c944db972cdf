"""Fuzz ingest + analyze + render with arbitrary hostile text (Hypothesis), and count what breaks.

    python scripts/fuzz.py --n 2000

Each input is a title and a body drawn from an alphabet of letters, punctuation, straight and curly quotes,
newlines, C0/C1 controls, ANSI escape sequences, zero-width and bidi characters, emoji, rich markup (``[/]``,
``[link=...]``), TeX (``$x^$``) and HTML (``<script>``). For each: ``framing.load_text`` (a one-line
FramingError is an accepted outcome), ``framing.analyze``, ``Analysis.validate()`` (span violations), a JSON
round trip to an equal typed analysis, and the terminal and Markdown reports (no escape byte may reach the
terminal text). Prints the counts; exits 1 when any internal error or violation was seen.
"""

from __future__ import annotations

import argparse
import json
import sys
import traceback
import warnings

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import framing
from framing.errors import FramingError
from framing.schema import Analysis

WORDS = ["the", "minister", "said", "killed", "terrorist", "regime", "brutal", "Soleimani", "Iran", "US", "strike",
         "\u201cWe will respond,\u201d", '"lies"', "according to officials", "he", "she", "they", "claimed", "hero",
         "t\u200berrorist", "reg\u2067ime", "t\u0435rrorist", "[/]", "[link=https://evil.example]x[/link]", "$x^$",
         "<script>alert(1)</script>", "**bold**", "\x1b]0;owned\x07", "\x1b[2J", "\x1b[8m", "\x9b31m", "\x00", "\x7f",
         "\u202e", "\ufeff", "\U0001f4a5", "--", "\u2014", ".", ",", ";", ":", "!", "?", "\n", "\n\n", "'", "(", ")"]

token = st.sampled_from(WORDS) | st.text(min_size=1, max_size=12)
body_st = st.lists(token, min_size=1, max_size=120).map(" ".join)
title_st = st.lists(token, min_size=0, max_size=10).map(" ".join)


def check_one(title: str, body: str) -> str | None:
    """None when the input is handled well, else a one-line description of what went wrong."""
    try:
        article = framing.load_text(body, title=title or None, check_language=False)
    except FramingError:
        return None  # refused with a one-line error: the right outcome for unusable text
    analysis = framing.analyze(article)
    problems = analysis.validate()
    if problems:
        return f"span violation: {problems[0]}"
    back = Analysis.from_dict(json.loads(analysis.to_json()))
    if back.to_dict() != analysis.to_dict():
        return "JSON round trip changed the analysis"
    term = str(framing.render_report(analysis, "terminal"))
    if "\x1b" in term or "\x9b" in term:
        return "an escape sequence reached the terminal view"
    framing.render_report(analysis, "markdown")
    return None


def run(n: int, *, seed: int = 0) -> dict[str, int]:
    counts = {"inputs": 0, "internal_errors": 0, "violations": 0}
    failures: list[str] = []

    @settings(max_examples=n, deadline=None, database=None, derandomize=seed == 0,
              suppress_health_check=list(HealthCheck))
    @given(title_st, body_st)
    def one(title: str, body: str) -> None:
        counts["inputs"] += 1
        try:
            bad = check_one(title, body)
        except Exception:  # noqa: BLE001 - counting internal errors is the point of the fuzzer
            counts["internal_errors"] += 1
            failures.append(traceback.format_exc(limit=3))
            return
        if bad:
            counts["violations"] += 1
            failures.append(bad)

    one()
    for f in failures[:5]:
        print(f, file=sys.stderr)
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000, help="number of inputs (default 2000)")
    args = ap.parse_args(argv)
    warnings.filterwarnings("ignore", category=UserWarning)  # matplotlib: glyphs missing from the font
    counts = run(args.n)
    print(json.dumps(counts))
    return 1 if counts["internal_errors"] or counts["violations"] else 0


if __name__ == "__main__":
    sys.exit(main())
