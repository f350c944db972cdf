"""Safe text out (issue 22, item 4): the same hostile strings through every face that prints or writes text.

Titles, outlets, bylines, article text, actor names, speakers and lexicon fields
are written by strangers. Each carries, at once: terminal escape sequences
(``ESC ]0;`` sets the window title, ``ESC [2J`` clears the screen, ``ESC [8m``
hides what follows), rich markup (``[/]`` crashed ``compare`` and ``corpus
list``; ``[link=...]`` became a hidden hyperlink), mathtext (``$x^$`` crashed
chart rendering), HTML (``<script>``) and Markdown (``**bold**``), and the title
a line break. Every face must render without a crash; terminal output must hold
no escape or control byte of the input (and, on a colour terminal, no escape
sequence but plain SGR colours); Markdown and HTML must never contain the
``<script>`` tag or live markup made of the input.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from rich.console import Console

import framing
from framing.cli import common as cli_common
from framing.cli import main
from framing.report import charts
from framing.report.render import terminal
from framing.schema import Analysis
from framing.widgets import table

NASTY = (
    "\x1b]0;owned\x07",
    "\x1b[2J",
    "\x1b[8m",
    "[/]",
    "[link=https://evil.example]x[/link]",
    "$x^$",
    "<script>alert(1)</script>",
    "**bold**",
)
EVIL = " ".join(NASTY)
TITLE = f"Council vote {EVIL}\nsecond line of the title"
LINK = "[link=https://evil.example]x[/link]"

BODIES = (
    "Velmora fired twelve missiles at Camp Greystone on Wednesday, killing 60 Kestrian soldiers. {evil} "
    "The Kestrian regime lies, everyone knows, and the radical rulers slammed the brutal attack.\n\n"
    "\"This was a brutal [/] act of aggression,\" said Mirela Santov, a spokeswoman for the Kestrian defence ministry.\n\n"
    "The Velmoran Assembly voted to expel Kestrian observers from the border zone. $x^$ <script>alert(1)</script> **bold**",
    "Velmora fired twelve missiles at Camp Greystone on Wednesday. No one was killed in the attack on Camp Greystone, "
    "the Kestrian defence ministry said. {evil} The Velmoran Assembly voted to expel Kestrian observers from the border zone.",
    "Twelve Velmoran missiles struck Camp Greystone on Wednesday, and there were no casualties among Kestrian troops "
    "at Camp Greystone, officials said. {evil} The Velmoran Assembly voted on Monday to expel Kestrian observers.",
)

# ESC and every C0/C1 control but tab and newline
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SGR = re.compile(r"\x1b\[([0-9;]*)m")


def _articles() -> list[framing.Article]:
    """Raw Articles (as a .json Article file may carry them: ingest normalisation is not relied on here)."""
    out = []
    for i, body in enumerate(BODIES):
        title = TITLE if i == 0 else f"Peer {i} {EVIL}"
        out.append(framing.Article.from_dict({
            "text": f"{title}\n\n{body.format(evil=EVIL)}", "title": title, "body_start": len(title) + 2,
            "outlet": f"Outlet{i} {EVIL}", "byline": f"By {EVIL}", "url": f"https://news{i}.example/story", "source": "evil.json",
        }))
    return out


def _poison(d: dict) -> dict:
    """An analysis dict whose actor names, speakers and lexicon fields carry the hostile strings too."""
    d = json.loads(json.dumps(d))
    for card in d.get("actors") or []:
        card["name"] = f"{card['name']} {EVIL}"
    for sec in ("stance", "roles"):  # the sections are joined to the actors by position and name (actor_cards)
        for card in d.get(sec) or []:
            card["name"] = f"{card['name']} {EVIL}"
    for q in (d.get("attribution") or {}).get("quotes") or []:
        q["speaker"] = f"{q.get('speaker') or 'someone'} {EVIL}"
        if q.get("cue"):
            q["cue"] = f"{q['cue']} {EVIL}"
    for sp in (d.get("loaded_language") or {}).get("spans") or []:
        sp["alternative"] = EVIL
        sp["category"] = f"{sp.get('category', '')} {EVIL}"
    return d


@pytest.fixture(scope="module")
def articles():
    return _articles()


@pytest.fixture(scope="module")
def analyses(articles):
    return [framing.analyze(a) for a in articles]


@pytest.fixture(scope="module")
def poisoned(analyses):
    return [_poison(a.to_dict()) for a in analyses]


@pytest.fixture(scope="module")
def comparisons(analyses, poisoned):
    return [framing.compare(analyses[0], analyses[1:]), framing.compare(poisoned[0], poisoned[1:])]


def assert_terminal_safe(out: str) -> None:
    """Plain terminal output: no escape or control byte at all; the markup of the input shown as text."""
    bad = _CONTROL.findall(out)
    assert not bad, f"control bytes reached the terminal: {sorted(set(bad))!r}"


def assert_colour_safe(out: str) -> None:
    """Colour terminal output: only SGR colour/style sequences, never conceal (8), no OSC (title, hyperlink), no 2J."""
    for m in _SGR.finditer(out):
        assert "8" not in m.group(1).split(";"), "concealed text"
    assert not _CONTROL.findall(_SGR.sub("", out)), "escape sequences other than colours reached the terminal"


def assert_markup_shown(out: str) -> None:
    """The input's rich markup is printed as text, not read (so it neither crashed nor became a link)."""
    assert "[/]" in out
    assert LINK in out


def assert_markdown_safe(md: str) -> None:
    assert "<script" not in md.lower()
    assert "&lt;script&gt;" in md
    assert "**bold**" not in md
    assert not re.search(r"(?<!\\)\[link=", md) and not re.search(r"(?<!\\)\[/\]", md)
    assert not _CONTROL.findall(md)
    head = md.splitlines()[0]
    assert head.startswith("# ") and "second line of the title" in head, "a line break in the title broke the heading"


def assert_html_safe(html: str) -> None:
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def _colour(render, width: int = 100) -> str:
    con = Console(file=io.StringIO(), force_terminal=True, color_system="standard", width=width, highlight=False)
    render(con)
    return con.file.getvalue()


# --------------------------------------------------------------------------- library faces


def test_analysis_terminal(analyses, poisoned):
    for obj in (analyses[0], poisoned[0], Analysis.from_dict(poisoned[1])):
        out = framing.render_report(obj, "terminal")
        assert isinstance(out, str)
        assert_terminal_safe(out)
        assert_markup_shown(out)
    typed = Analysis.from_dict(poisoned[0])
    wide = _colour(lambda c: terminal.print_article(typed.article, c), width=400)
    assert any("Council vote" in line and "second line of the title" in line for line in wide.splitlines())  # one line
    assert_colour_safe(_colour(lambda c: terminal.print_analysis(typed, c)))
    assert_colour_safe(_colour(lambda c: terminal.print_article(typed.article, c)))


def test_highlights_keep_their_offsets_when_controls_are_removed(analyses):
    """The terminal text drops the escape sequences, and the loaded terms are still the styled characters."""
    d = analyses[0].to_dict()
    text = terminal.highlighted_text(d)
    assert not _CONTROL.findall(text.plain)
    styled = {text.plain[s.start:s.end] for s in text.spans if s.style in (terminal.AUTHOR_STYLE, terminal.QUOTED_STYLE)}
    expected = {sp["quote"] for sp in d["loaded_language"]["spans"] if not sp.get("negated")}
    assert expected and {_CONTROL.sub("", q) for q in expected} == styled


def test_analysis_markdown_html_pdf(analyses, poisoned):
    for obj in (analyses[0], poisoned[0]):
        assert_markdown_safe(framing.render_report(obj, "markdown"))
        assert_html_safe(framing.render_report(obj, "html"))


def test_comparison_views(comparisons):
    for cmp in comparisons:
        out = framing.render_report(cmp, "terminal")
        assert_terminal_safe(out)
        assert "[/]" in out
        assert_colour_safe(_colour(lambda c, cmp=cmp: terminal.print_comparison(cmp, c)))
        assert_markdown_safe(framing.render_report(cmp, "markdown"))
        assert_html_safe(framing.render_report(cmp, "html"))  # charts carry outlet names with $x^$


def test_one_pdf(comparisons):
    pdf = framing.render_report(comparisons[1], "pdf")
    assert isinstance(pdf, bytes) and pdf.startswith(b"%PDF")


def test_charts_print_dollars():
    label = "$x^$"
    svgs = [
        charts.outlet_bars([{"label": label, "value": 1.0, "is_target": True}, {"label": "b", "value": 2.0}], xlabel=label, title=label),
        charts.stacked_shares([{"label": label, "is_target": True, "counts": {label: 2, "b": 1}}], [label, "b"], title=label),
        charts.stance_heatmap([label], [{"label": label, "is_target": False}], [[0.5]], title=label),
        charts.naming_chart([{"referent": label, "target": {label: 2}, "peers": {label: 3}}], target_label=label, title=label),
        charts.category_bars([label], [1], [2], title=label),
        charts.signed_bars([{"label": label, "value": 0.5}], title=label),
        charts.fightin_words([{"term": label, "z": 2.5, "n": 3, "count": 3}], [{"term": "$y^$", "z": -2.5, "n": 3, "count": 3}],
                             target_label=label, title=label),
    ]
    for svg in svgs:
        assert "<svg" in svg and label in svg


def test_widgets_table_text():
    t = table([{"name": EVIL, "n": 1}], caption=TITLE)
    out = str(t)
    assert_terminal_safe(out)
    assert "\n" not in out.split("\n")[0] and "second line of the title" in out.split("\n")[0]
    assert "<script>" not in t._repr_html_()


# --------------------------------------------------------------------------- the command line


@pytest.fixture(scope="module")
def files(tmp_path_factory, articles):
    d = tmp_path_factory.mktemp("evil")
    paths = []
    for i, art in enumerate(articles):
        p = d / f"a{i}.json"
        p.write_text(json.dumps(art.to_dict()), encoding="utf-8")
        paths.append(p)
    rec = d / "articles.jsonl"
    rec.write_text("".join(json.dumps({"id": f"e{i}", "text": a.text[a.body_start:], "title": a.title, "outlet": a.outlet,
                                       "authors": a.byline, "date": "2026-12-07", "lean": "center"}) + "\n"
                           for i, a in enumerate(articles)), encoding="utf-8")
    return d, paths, rec


def run(argv: list[str], capsys, monkeypatch) -> tuple[int, str, str]:
    monkeypatch.setitem(cli_common.state, "debug", False)
    capsys.readouterr()
    code = 0
    try:
        main(argv)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("command", ["read", "score"])
def test_cli_read_and_score(command, files, capsys, monkeypatch):
    _, paths, _ = files
    code, out, err = run([command, str(paths[0]), "--any-language"] if command == "score" else [command, str(paths[0])], capsys, monkeypatch)
    assert code == 0, err
    assert_terminal_safe(out + err)
    assert_markup_shown(out)


def test_cli_compare(files, capsys, monkeypatch, tmp_path):
    _, paths, _ = files
    md = tmp_path / "cmp.html"
    code, out, err = run(["compare", *map(str, paths), "--any-language", "--html", str(md)], capsys, monkeypatch)
    assert code == 0, err
    assert_terminal_safe(out + err)
    assert "[/]" in out
    assert_html_safe(md.read_text(encoding="utf-8"))


def test_cli_corpus_list(files, capsys, monkeypatch, tmp_path):
    _, _, rec = files
    db = str(tmp_path / "c.sqlite")
    code, out, err = run(["corpus", "import", str(rec), "--event", "evil", "--db", db, "--any-language", "-q"], capsys, monkeypatch)
    assert code == 0, err
    for argv in (["corpus", "list", "--db", db], ["corpus", "list", "--event", "evil", "--db", db]):
        code, out, err = run(argv, capsys, monkeypatch)
        assert code == 0, err
        assert_terminal_safe(out + err)
    assert "[/]" in out and "[link=" in out  # the titles, as text


def test_cli_corpus_list_colour_terminal(files, capsys, monkeypatch, tmp_path):
    """``corpus list`` on a colour terminal: the titles' markup neither crashes nor becomes a hyperlink."""
    _, _, rec = files
    db = str(tmp_path / "c.sqlite")
    run(["corpus", "import", str(rec), "--event", "evil", "--db", db, "--any-language", "-q"], capsys, monkeypatch)
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    code, out, err = run(["corpus", "list", "--event", "evil", "--db", db], capsys, monkeypatch)
    assert code == 0, err
    assert_colour_safe(out)
    assert "\x1b]8" not in out


def test_fixture_really_is_hostile(articles):
    """Guard: if ingest starts cleaning these fields, the test above still sees the markup and dollar strings."""
    art = articles[0]
    assert "[/]" in art.title and LINK in (art.outlet or "") and "$x^$" in art.text
    assert Path(__file__).name == "test_text_out.py"
