"""Hypothesis fuzz of the CLI (issue 21, item 3): whatever the source argument, article text or metadata,
``framing score`` exits 0 or 2, prints at most one ``framing:`` line (an error: exactly one, the last), never a
traceback, and with ``--json`` every span in the output lies in the text and slices it to its quote.

No network: host lookups are replaced by a resolver that finds nothing, so a URL-shaped input ends in a one-line
FetchError after validation.
"""

from __future__ import annotations

import json
import socket
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framing.ingest import fetch
from tests.cli_run import run_cli
from tests.hardening.conftest import BODY

HOSTILE = (string.ascii_letters + string.digits + " \t\n.,;:!?'\"()[]{}<>/\\$^_%&#@*+=~`|-"
           "\u200b\u200e\u202e\u00ad\ufeff\x00\x07\x1b\x9b\u2028\u00e9\u0416\u03a9\ud800\udfff\U0001f600")
text_st = st.text(alphabet=HOSTILE, max_size=80)
FUZZ = settings(max_examples=30, deadline=None, database=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    def nothing(host, port, timeout):
        raise socket.gaierror(socket.EAI_NONAME, "fuzz: no lookups")

    monkeypatch.setattr(fetch, "resolve_host", nothing)


def check_stderr(code: int, err: str) -> None:
    assert code in (0, 2), (code, err)
    assert "Traceback" not in err and "internal error" not in err, err
    lines = [ln for ln in err.splitlines() if ln.startswith("framing:")]
    if code == 2:
        assert len(lines) == 1 and lines[0].startswith("framing: error: "), err
        assert err.rstrip("\n").splitlines()[-1] == lines[0], err
    else:
        assert not lines, err


def spans_in(analysis: dict) -> int:
    text = analysis["article"]["text"]
    n = 0

    def walk(o):
        nonlocal n
        if isinstance(o, dict):
            for key in [k for k in o if k == "start" or k.endswith("_start")]:
                prefix = key[: -len("start")]
                s, e = o.get(key), o.get(prefix + "end")
                if isinstance(s, int) and isinstance(e, int):
                    n += 1
                    assert 0 <= s <= e <= len(text), (key, s, e, len(text))
                    if prefix == "" and isinstance(o.get("quote"), str):
                        assert text[s:e] == o["quote"]
            for v in o.values():
                walk(v)
        elif isinstance(o, list):
            for v in o:
                walk(v)

    walk(analysis)
    return n


url_st = st.builds(
    lambda scheme, host, port, path: f"{scheme}{host}{port}{path}",
    st.sampled_from(["http://", "https://", "HTTP://", "ftp://", "http:/", "", "file://", "javascript:"]),
    st.one_of(text_st, st.sampled_from(["[::1", "[1.2.3.4]", "[fe80::1%25zz]", "exa mple.org", "example.org",
                                        "0x7f.1", "[::ffff:127.0.0.1]", "xn--", "a" * 300])),
    st.sampled_from(["", ":80", ":99999", ":-1", ":abc", ":"]),
    st.one_of(st.just("/"), text_st.map(lambda t: "/" + t)),
)


@FUZZ
@given(source=st.one_of(url_st, text_st))
def test_any_source_argument(source, capsys):
    if not source.strip() or source.strip() == "-" or source.startswith("-"):
        source = "./" + source  # not stdin and not an option
    code, _out, err = run_cli(["score", source], capsys)
    check_stderr(code, err)


@settings(max_examples=12, deadline=None, database=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(title=text_st, extra=text_st, outlet=st.one_of(st.none(), text_st), byline=st.one_of(st.none(), text_st),
       url=st.one_of(st.none(), url_st), as_text=st.booleans())
def test_any_article_text_and_metadata(title, extra, outlet, byline, url, as_text, tmp_path_factory, capsys):
    folder = tmp_path_factory.mktemp("fuzz")
    body = BODY.replace("budget", extra or "budget", 1)
    if as_text:
        p = folder / "story.txt"
        p.write_text(title + "\n\n" + body, encoding="utf-8", errors="surrogatepass")
    else:
        p = folder / "story.json"
        p.write_text(json.dumps({"title": title, "text": f"{title}\n\n{body}", "outlet": outlet, "byline": byline,
                                 "url": url}), encoding="utf-8")
    code, out, err = run_cli(["score", str(p), "--json"], capsys)
    check_stderr(code, err)
    if code == 0:
        assert spans_in(json.loads(out)) > 0
