"""Benchmark ingest and parse on the seed article and the 80-article comparison corpus in ../shared.

Measures, in one run:

* extraction: each article rendered to a simple HTML page in memory (head
  metadata, navigation, the article's paragraphs, a footer), then
  ``framing.ingest.load_html`` on it — milliseconds per page — and the share of
  the article's paragraphs found again, word for word, in the extracted text
  (a fidelity check, not only a speed one); ``load_text`` on the plain text
  (milliseconds per article) for comparison;
* parse: ``framing.nlp.parse`` one article at a time and ``framing.nlp.parse_many``
  (tokens per CPU second, cache cleared before each), against the reference
  measured in the same run: a bare ``nlp.pipe`` of the plain spaCy pipeline (no
  framing component) over the same texts. Passes are interleaved and the
  fastest of ``--repeat`` kept; ratios use CPU seconds of this process (wall
  seconds are printed too). The ratio framing/bare is the figure to compare
  across machines.

Usage::

    .venv/bin/python benchmarks/ingest_parse.py [--data ../shared/corpora/soleimani-2020/articles.jsonl]
        [--seed ../shared/seed/soleimani-cgpi.txt] [--limit N] [--repeat R] [--json]

Wall-clock figures depend on the machine and on its load; compare the ratios.
"""

from __future__ import annotations

import argparse
import html
import importlib
import json
import statistics
import sys
import time
from pathlib import Path

from framing import ingest, nlp
from framing.ingest import normalize_text

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEFAULT_DATA = SHARED / "corpora" / "soleimani-2020" / "articles.jsonl"
DEFAULT_SEED = SHARED / "seed" / "soleimani-cgpi.txt"


def render_page(title: str, paragraphs: list[str], *, outlet: str = "", date: str = "", author: str = "") -> str:
    """A plain news page around the given paragraphs: metadata, navigation, the article, related links, a footer."""
    e = html.escape
    meta = "".join(
        f'<meta property="{k}" content="{e(v)}">\n' for k, v in (("og:site_name", outlet), ("article:published_time", date)) if v
    )
    if author:
        meta += f'<meta name="author" content="{e(author)}">\n'
    body = "\n".join(f"<p>{e(p)}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{e(title)}</title>\n{meta}</head><body>\n"
        '<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li></ul></nav>\n'
        f"<main><article><h1>{e(title)}</h1>\n{body}\n</article>\n"
        '<aside><h2>More stories</h2><ul><li><a href="/a">Markets close higher</a></li><li><a href="/b">Weather for the weekend</a></li></ul></aside>\n'
        "</main><footer><p>All rights reserved.</p></footer></body></html>"
    )


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in normalize_text(text).split("\n") if p.strip()]


def _ms(seconds: list[float]) -> dict:
    return {
        "mean_ms": round(1000 * statistics.fmean(seconds), 2),
        "median_ms": round(1000 * statistics.median(seconds), 2),
        "max_ms": round(1000 * max(seconds), 2),
    }


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--seed", type=Path, default=DEFAULT_SEED)
    ap.add_argument("--limit", type=int, default=0, help="use only the first N corpus records (0 = all)")
    ap.add_argument("--repeat", type=int, default=1, help="repeat each timed parse pass R times and keep the fastest")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    for p in (args.data, args.seed):
        if not p.exists():
            sys.exit(f"{p} not found: this benchmark needs ../shared (pass --data / --seed)")



    rows = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines() if line.strip()]
    if args.limit:
        rows = rows[: args.limit]
    seed_text = args.seed.read_text(encoding="utf-8")
    seed_title, seed_body = ingest.split_title(seed_text)
    docs = [
        {"title": r.get("title") or "", "text": r["text"], "outlet": r.get("outlet") or "", "date": r.get("date") or "", "author": ", ".join(r.get("authors") or [])}
        for r in rows
    ] + [{"title": seed_title or "", "text": seed_body, "outlet": "", "date": "", "author": ""}]

    # -- extraction: load_html on rendered pages, load_text on the plain text
    pages = [render_page(d["title"], _paragraphs(d["text"]), outlet=d["outlet"], date=d["date"], author=d["author"]) for d in docs]
    ingest.load_html(pages[0], check_language=False)  # warm-up: imports trafilatura, lxml
    html_times, text_times, found, total, title_ok, failures = [], [], 0, 0, 0, []
    articles = []
    for d, page in zip(docs, pages):
        t = time.perf_counter()
        try:
            art = ingest.load_html(page, check_language=False)
        except Exception as exc:  # report, do not stop: the figure is the share that works
            failures.append(f"{d['title'][:60]}: {exc}")
            continue
        html_times.append(time.perf_counter() - t)
        extracted = set(art.body.split("\n\n"))
        # a first paragraph that repeats the headline is dropped by design (it is already Article.title)
        paras = [p for p in _paragraphs(d["text"]) if p != " ".join(d["title"].split())]
        found += sum(p in extracted for p in paras)
        total += len(paras)
        title_ok += art.title == " ".join(d["title"].split())
        t = time.perf_counter()
        articles.append(ingest.load_text(d["text"], title=d["title"] or None, check_language=False))
        text_times.append(time.perf_counter() - t)

    out: dict = {
        "data": str(args.data),
        "seed": str(args.seed),
        "articles": len(docs),
        "extraction": {
            "load_html": _ms(html_times),
            "load_text": _ms(text_times),
            "paragraphs_recovered": round(found / total, 4) if total else None,
            "titles_recovered": f"{title_ok}/{len(html_times)}",
            "failures": failures,
        },
    }

    # -- parse: framing vs the bare spaCy pipeline, same texts, same process
    texts = [a.text for a in articles]
    nlp_framing = nlp.get_nlp()
    bare = importlib.import_module(nlp.model_name()).load()
    bare.max_length = nlp_framing.max_length
    list(bare.pipe(texts[:2]))
    nlp.parse(articles[0])  # warm-up both

    # Passes are interleaved (bare, parse, parse_many, then again) and the fastest of each kept, so a change
    # in machine load hits all three alike. CPU seconds of this process (time.process_time) are the basis of
    # the ratios: on a shared machine they move far less than wall-clock seconds.
    passes = {
        "bare_nlp_pipe": lambda: sum(len(doc) for doc in bare.pipe(texts, batch_size=16)),
        "framing_parse": lambda: sum(len(nlp.parse(a).doc) for a in articles),
        "framing_parse_many": lambda: sum(len(p.doc) for p in nlp.parse_many(articles)),
    }
    timing: dict[str, dict[str, float]] = {name: {"cpu": float("inf"), "wall": float("inf")} for name in passes}
    tokens = 0
    for _ in range(max(1, args.repeat)):
        for name, fn in passes.items():
            nlp.clear_cache()
            c, w = time.process_time(), time.perf_counter()
            tokens = fn()
            c, w = time.process_time() - c, time.perf_counter() - w
            timing[name]["cpu"] = min(timing[name]["cpu"], c)
            timing[name]["wall"] = min(timing[name]["wall"], w)
    chars = sum(len(t) for t in texts)
    ref = timing["bare_nlp_pipe"]
    out["parse"] = {"tokens": tokens, "characters": chars, "repeat": max(1, args.repeat), "pipeline": nlp.pipeline_meta()}
    for name, t in timing.items():
        out["parse"][name] = {
            "cpu_seconds": round(t["cpu"], 3),
            "wall_seconds": round(t["wall"], 3),
            "tokens_per_cpu_s": round(tokens / t["cpu"]),
            "ratio_to_bare_cpu": round(t["cpu"] / ref["cpu"], 3),
            "ratio_to_bare_wall": round(t["wall"] / ref["wall"], 3),
        }

    if args.json:
        print(json.dumps(out, indent=2))
    else:
        ex, pa = out["extraction"], out["parse"]
        print(f"ingest + parse on {len(docs)} articles ({len(rows)} corpus records + the seed), {tokens:,} tokens, {chars:,} characters")
        print()
        print(f"{'extraction':<28}{'mean ms':>10}{'median ms':>11}{'max ms':>10}")
        for name in ("load_html", "load_text"):
            m = ex[name]
            print(f"{name:<28}{m['mean_ms']:>10.2f}{m['median_ms']:>11.2f}{m['max_ms']:>10.2f}")
        print(f"paragraphs recovered by load_html: {ex['paragraphs_recovered']:.1%}; titles: {ex['titles_recovered']}; failures: {len(ex['failures'])}")
        for f in ex["failures"]:
            print(f"  failed: {f}")
        print()
        print(f"{'parse':<28}{'CPU s':>9}{'tokens/CPU s':>14}{'x bare CPU':>12}{'wall s':>9}{'x bare wall':>13}")
        for name, label in (("bare_nlp_pipe", "bare nlp.pipe (reference)"), ("framing_parse", "framing.nlp.parse"), ("framing_parse_many", "framing.nlp.parse_many")):
            m = pa[name]
            print(f"{label:<28}{m['cpu_seconds']:>9.2f}{m['tokens_per_cpu_s']:>14,}{m['ratio_to_bare_cpu']:>12.3f}{m['wall_seconds']:>9.2f}{m['ratio_to_bare_wall']:>13.3f}")
        print(f"(fastest of {pa['repeat']} interleaved passes; x bare = seconds / bare seconds, lower is faster)")
    return out


if __name__ == "__main__":
    main()
