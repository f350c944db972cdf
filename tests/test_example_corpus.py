"""The constructed example corpus (corpora/example): files agree with each other and with the key,
and the analyzers find the devices the key lists.

The first group checks the data only (fast). The second group (``analyzers``) runs the
real pipeline over the seven articles once and checks that what the key says is in
each article is found: loaded terms (in the right voice), quotes with their speakers,
anonymous and vague sources, and the actors.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from framing.corpus import article_from_record
from framing.ingest import load_path
from framing.pipeline import analyze
from framing.resources.events import KINDS, load_actor_file
from framing.schema import actor_cards, validate

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "corpora" / "example"
KEY = json.loads((EXAMPLE / "key.json").read_text(encoding="utf-8"))
ROWS = [json.loads(line) for line in (EXAMPLE / "articles.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
BY_ID = {a["id"]: a for a in KEY["articles"]}
IDS = [a["id"] for a in KEY["articles"]]


def _file_text(entry) -> tuple[str, str]:
    raw = (EXAMPLE / entry["file"]).read_text(encoding="utf-8")
    title, _, body = raw.partition("\n")
    return title, body.strip()


def _full(entry) -> str:
    title, body = _file_text(entry)
    return f"{title}\n\n{body}"


def _occurrences(text: str, phrase: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(re.escape(phrase), text)]


def _quoted_regions(text: str) -> list[tuple[int, int]]:
    """Spans between paired quotation marks (straight or curly) within each paragraph."""
    out = []
    for para in re.finditer(r"[^\n]+", text):
        s = para.group()
        for m in re.finditer(r"\"[^\"]*\"|“[^”]*”", s):
            out.append((para.start() + m.start(), para.start() + m.end()))
    return out


def _inside(span, regions) -> bool:
    return any(a <= span[0] and span[1] <= b for a, b in regions)


# --------------------------------------------------------------------------- the data


def test_jsonl_matches_the_text_files():
    assert [r["id"] for r in ROWS] == IDS
    assert len(set(IDS)) == len(IDS)
    for row in ROWS:
        entry = BY_ID[row["id"]]
        title, body = _file_text(entry)
        assert row["title"] == title and row["text"] == body, entry["file"]
        for k in ("outlet", "outlet_normalized", "url", "date", "lean", "authors"):
            assert row[k] == entry[k], (entry["file"], k)
        assert row["text_kind"] == "full_text" and row["constructed"] is True
    # every .txt file is in the corpus
    assert sorted(p.name for p in EXAMPLE.glob("*.txt")) == sorted(a["file"] for a in KEY["articles"])


def test_same_article_text_from_file_and_record():
    for row in ROWS:
        a = load_path(EXAMPLE / BY_ID[row["id"]]["file"])
        b = article_from_record(row, where="articles.jsonl", event="example")
        assert a.text == b.text and a.title == b.title and a.body_start == b.body_start


def test_corpus_shape_and_fiction_markers():
    framings = {a["framing"] for a in KEY["articles"]}
    assert len(KEY["articles"]) >= 6
    assert {"wire-neutral", "hawkish", "dovish", "state-media", "partisan-opinion", "tabloid"} <= framings
    for row in ROWS:
        n = len(row["text"].split())
        assert 350 <= n <= 700, (row["id"], n)
        host = re.match(r"https://([^/]+)/", row["url"]).group(1)
        assert host.endswith((".example.org", ".invalid")), row["url"]
        assert re.fullmatch(r"2031-03-\d\d", row["date"])
        assert row["lean"] in ("left", "center", "right", None)
    assert KEY["constructed"] is True and "fictional" in KEY["notice"]
    readme = (EXAMPLE / "README.md").read_text(encoding="utf-8")
    assert "constructed" in readme.lower() and "05-counterpoint-partisan.txt" in readme
    targets = [a for a in KEY["articles"] if a["id"] == KEY["target"]]
    assert len(targets) == 1 and targets[0]["framing"] == "partisan-opinion"


@pytest.mark.parametrize("aid", IDS)
def test_every_keyed_phrase_occurs(aid):
    entry = BY_ID[aid]
    text = _full(entry)
    phrases = [t["phrase"] for t in entry["loaded_terms"]]
    phrases += [q["content"] for q in entry["quotes"]] + [q["verb"] for q in entry["quotes"]]
    phrases += entry["anonymous_sources"] + entry["vague_attributions"]
    phrases += [f["phrase"] for f in entry["figures"]] + [u["phrase"] for u in entry.get("uncorroborated", [])]
    phrases += [p for v in entry["naming"].values() for p in v]
    missing = [p for p in phrases if p not in text]
    assert not missing, f"{entry['file']}: not in the text: {missing}"
    for q in entry["quotes"]:  # the speaker is named (surname, or the anonymous description)
        speaker = q["speaker"]
        assert (speaker.split()[-1] if speaker[0].isupper() else speaker) in text, speaker
    assert set(entry["reports_facts"]).isdisjoint(entry["omits_facts"])
    assert set(entry["reports_facts"]) | set(entry["omits_facts"]) <= set(KEY["facts"])


@pytest.mark.parametrize("aid", IDS)
def test_keyed_voice_matches_quotation_marks(aid):
    entry = BY_ID[aid]
    text = _full(entry)
    regions = _quoted_regions(text)
    for t in entry["loaded_terms"]:
        occ = _occurrences(text, t["phrase"])
        if t["voice"] == "quoted":
            assert any(_inside(o, regions) for o in occ), (entry["file"], t["phrase"])
        else:
            assert any(not _inside(o, regions) for o in occ), (entry["file"], t["phrase"])


def test_the_targets_disputed_and_omitted_facts_hold_in_the_texts():
    texts = {a["id"]: _full(a) for a in KEY["articles"]}
    target = texts[KEY["target"]]
    peers = {k: v for k, v in texts.items() if k != KEY["target"]}
    # the inflated figure: only the target has it; two peers say no one was killed at the base
    assert "60 Kestrian soldiers" in target
    assert not any(re.search(r"\b60\b", t) for t in peers.values())
    assert sum("no one was killed" in t for t in peers.values()) >= 2
    # the omitted fact: the Pellan rocket attack and its victim, reported by most peers, absent from the target
    assert "Pellan" not in target and "Reyl" not in target
    assert sum("Pellan" in t for t in peers.values()) >= 5
    # the key agrees
    assert "pellan_attack" in BY_ID[KEY["target"]]["omits_facts"]
    assert sum("pellan_attack" in BY_ID[k]["reports_facts"] for k in peers) >= 5
    # figures that differ between outlets
    assert "Millions of Velmorans" in texts["example-vna-state"] and "Tens of thousands" in texts["example-northgate-wire"]
    assert "unanimously" in texts["example-vna-state"] and "212 to 0" in texts["example-northgate-wire"]
    assert "eleven of our boys" in texts["example-blaze-tabloid"] and "Nine soldiers" in texts["example-northgate-wire"]


def test_actors_file():
    actors = load_actor_file(EXAMPLE / "actors.toml")
    names = {a["name"] for a in actors}
    assert {"Kestria", "Velmora", "Anselm Rook", "Teodor Vashti", "Mirela Santov", "Ruth Calloway"} <= names
    corpus = "\n".join(_full(a) for a in KEY["articles"])
    outside = {"Marlow Institute", "University of Halden"}  # affiliations that are not actors of the event
    for a in actors:
        assert a["kind"] in KINDS
        assert a["affiliation"] in names | outside | {None}, a
        assert any(n in corpus for n in [a["name"], *a["aliases"]]), a["name"]
    aliases = [x.lower() for a in actors for x in [a["name"], *a["aliases"]]]
    assert len(aliases) == len(set(aliases)), "an alias names two actors"


# --------------------------------------------------------------------------- what the analyzers find


@pytest.fixture(scope="module")
def analyses():
    overrides = load_actor_file(EXAMPLE / "actors.toml")
    return {a["id"]: analyze(load_path(EXAMPLE / a["file"]), event_actors=overrides).to_dict() for a in KEY["articles"]}


def _overlaps(items, span) -> list[dict]:
    return [d for d in items if isinstance(d, dict) and d.get("start") is not None and d["start"] < span[1] and span[0] < d["end"]]


def test_analyses_are_valid(analyses):
    for aid, d in analyses.items():
        assert validate(d) == [], aid


def test_keyed_loaded_terms_are_found(analyses):
    found = total = 0
    misses = []
    for aid, entry in BY_ID.items():
        text = analyses[aid]["article"]["text"]
        spans = analyses[aid]["loaded_language"]["spans"]
        for t in entry["loaded_terms"]:
            total += 1
            hits = [h for o in _occurrences(text, t["phrase"]) for h in _overlaps(spans, o)]
            if hits:
                found += 1
            else:
                misses.append((aid, t["phrase"]))
    assert total >= 40
    assert found / total >= 0.7, f"found {found}/{total}; missed {misses}"


def test_loaded_terms_keep_their_voice(analyses):
    wrong = []
    checked = 0
    for aid, entry in BY_ID.items():
        text = analyses[aid]["article"]["text"]
        spans = analyses[aid]["loaded_language"]["spans"]
        for t in entry["loaded_terms"]:
            occ = _occurrences(text, t["phrase"])
            if len(occ) != 1:
                continue
            hits = _overlaps(spans, occ[0])
            if hits:
                checked += 1
                # "attributed" = inside indirect speech, which framing reports in the quoted voice
                expected = "quoted" if t["voice"] in ("quoted", "attributed") else "author"
                if not any(h.get("voice") == expected for h in hits):
                    wrong.append((aid, t["phrase"], t["voice"], [h.get("voice") for h in hits]))
    assert checked >= 20 and len(wrong) <= checked // 10, wrong


def test_neutral_reports_are_less_loaded_than_the_slanted_ones(analyses):
    rate = {aid: analyses[aid]["loaded_language"]["per_1000_words_author"] for aid in IDS}
    neutral = max(rate["example-cpa-wire"], rate["example-northgate-wire"])
    for aid in ("example-sentinel-hawkish", "example-vna-state", "example-counterpoint-partisan", "example-blaze-tabloid"):
        assert rate[aid] > neutral, rate


def test_keyed_quotes_are_attributed_to_their_speakers(analyses):
    found = total = 0
    misses = []
    for aid, entry in BY_ID.items():
        text = analyses[aid]["article"]["text"]
        quotes = analyses[aid]["attribution"]["quotes"]
        for q in entry["quotes"]:
            total += 1
            occ = _occurrences(text, q["content"])
            surname = q["speaker"].split()[-1].lower()
            ok = False
            for o in occ:
                for d in quotes:
                    cs, ce = d.get("content_start"), d.get("content_end")
                    if cs is None or not (cs < o[1] and o[0] < ce):
                        continue
                    speaker = " ".join(str(d.get(k) or "") for k in ("speaker", "actor")).lower()
                    if surname in speaker or (not q["speaker"][0].isupper() and d.get("speaker_kind") == "anonymous"):
                        ok = True
            found += ok
            if not ok:
                misses.append((aid, q["speaker"], q["content"][:30]))
    assert found / total >= 0.7, f"found {found}/{total}; missed {misses}"


def test_keyed_anonymous_and_vague_sources_are_flagged(analyses):
    res = {}
    for kind, key_field in (("anonymous", "anonymous_sources"), ("vague", "vague_attributions")):
        found = total = 0
        misses = []
        for aid, entry in BY_ID.items():
            text = analyses[aid]["article"]["text"]
            att = analyses[aid]["attribution"]
            items = list(att[key_field]) + [
                {"start": d.get("speaker_start"), "end": d.get("speaker_end")}
                for d in att["quotes"]
                if d.get("speaker_kind") == kind and d.get("speaker_start") is not None
            ]
            for phrase in entry[key_field]:
                total += 1
                if any(_overlaps(items, o) for o in _occurrences(text, phrase)):
                    found += 1
                else:
                    misses.append((aid, phrase))
        res[kind] = (found, total, misses)
    for kind, (found, total, misses) in res.items():
        assert found / total >= 0.7, f"{kind}: found {found}/{total}; missed {misses}"


def test_actors_found_and_stance_toward_the_general_differs(analyses):
    def actor(aid, name):
        for a in actor_cards(analyses[aid]):
            if a["name"] == name:
                return a
        return None

    for aid in IDS:
        names = {a["name"] for a in actor_cards(analyses[aid])}
        assert {"Teodor Vashti", "Kestria", "Velmora"} <= names, (aid, sorted(names))
    # state media glorifies the general; the tabloid and the hawkish paper vilify him (author's voice)
    vna = actor("example-vna-state", "Teodor Vashti")["stance_author"]
    assert vna > actor("example-blaze-tabloid", "Teodor Vashti")["stance_author"]
    assert vna > actor("example-sentinel-hawkish", "Teodor Vashti")["stance_author"]
