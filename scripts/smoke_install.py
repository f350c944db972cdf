"""Smoke test of an installed framing (run by scripts/check_install.sh with the venv's python, outside the repo).

Serves a small news page on 127.0.0.1, then checks with the installed ``framing`` command: ``score URL --json``
(the HTML path: trafilatura, lxml_html_clean), ``score FILE`` on a text file, ``info --json`` (versions, models),
and that every evidence span of the analysis slices the article text. Prints one line per check and a closing
``N passed, N failed`` line; exit code 1 when any check failed.
"""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

PARAS = [
    "The city council voted on Tuesday to approve a new budget that raises spending on schools and roads.",
    "Council members said the plan would help families, while critics argued that taxes would rise too quickly.",
    "The mayor praised the vote and said the city would hire more teachers next year.",
    "Opponents said they would continue to fight the plan in the courts and at the ballot box.",
    "Residents at the meeting were divided, with some cheering and others shouting at the members as they left.",
]
TITLE = "Council approves budget after heated debate"


def spans_ok(analysis: dict) -> bool:
    """Every ``start``/``end`` pair (also ``X_start``/``X_end``) lies in the text, and ``quote`` is its slice;
    at least one span found."""
    text = analysis["article"]["text"]
    found = 0

    def walk(o):
        nonlocal found
        if isinstance(o, dict):
            for key in [k for k in o if k == "start" or k.endswith("_start")]:
                prefix = key[: -len("start")]
                start, end = o.get(key), o.get(prefix + "end")
                if isinstance(start, int) and isinstance(end, int):
                    found += 1
                    if not 0 <= start <= end <= len(text):
                        raise AssertionError(f"[{start}, {end}) is outside the text")
                    if prefix == "" and isinstance(o.get("quote"), str) and text[start:end] != o["quote"]:
                        raise AssertionError(f"[{start}, {end}) does not slice {o['quote']!r}")
            for v in o.values():
                walk(v)
        elif isinstance(o, list):
            for v in o:
                walk(v)

    walk(analysis)
    return found > 0


def main() -> int:
    framing = shutil.which("framing", path=str(Path(sys.executable).parent)) or "framing"
    tmp = Path(tempfile.mkdtemp(prefix="framing-smoke-"))
    (tmp / "page.html").write_text(
        f"<html><head><title>{TITLE}</title></head><body><nav>Home</nav><article><h1>{TITLE}</h1>"
        + "".join(f"<p>{p}</p>" for p in PARAS) + "</article><footer>(c) 2026</footer></body></html>", encoding="utf-8")
    (tmp / "story.txt").write_text(TITLE + "\n\n" + "\n\n".join(PARAS) + "\n", encoding="utf-8")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args, **kwargs) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(tmp))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/page.html"
    results: list[tuple[str, bool, str]] = []

    def check(name: str, argv: list[str], test) -> None:
        proc = subprocess.run([framing, *argv], capture_output=True, text=True, cwd=tmp, timeout=600, check=False)
        try:
            ok, why = bool(test(proc)), ""
        except Exception as exc:  # noqa: BLE001 - a failed check is reported, the others still run
            ok, why = False, f"{type(exc).__name__}: {exc}"
        if not ok and not why:
            why = f"exit {proc.returncode}: {proc.stderr.strip()[-300:]}"
        results.append((name, ok, why))
        print(f"{'ok  ' if ok else 'FAIL'} {name} {why}", flush=True)

    check("score URL --json", ["score", url, "--json"],
          lambda p: p.returncode == 0 and json.loads(p.stdout)["article"]["title"] in TITLE and spans_ok(json.loads(p.stdout)))
    check("score FILE", ["score", "story.txt"], lambda p: p.returncode == 0 and TITLE in p.stdout)
    check("score FILE URL --jsonl (a batch)", ["score", "story.txt", url, "--jsonl", "-q"],
          lambda p: p.returncode == 0 and len(p.stdout.splitlines()) == 2)
    check("info --json", ["info", "--json"],
          lambda p: p.returncode == 0 and all(json.loads(p.stdout)["models"].values()))
    check("score of a malformed URL is one line, exit 2", ["score", "http://[::1"],
          lambda p: p.returncode == 2 and len(p.stderr.strip().splitlines()) == 1)
    check("-V", ["-V"], lambda p: p.returncode == 0 and p.stdout.startswith("framing "))
    server.shutdown()
    shutil.rmtree(tmp, ignore_errors=True)
    failed = sum(not ok for _, ok, _ in results)
    print(f"smoke: {len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
