"""Speaker cards (issue 15, 'speakers as people'): kind, role and affiliation of each confident speaker, read
from the article's own words. Expected values decided by reading the constructed sentences."""

from __future__ import annotations

from framing.evaluate.attribution_gold import analyze_article
from framing.ingest import load_text

BODY = ("Analysts weighed the consequences on Monday.\n\n"
        "\"The risk of escalation is real,\" said Gil Barndollar of Defense Priorities, a think tank.\n\n"
        "\u201cNo doubt worries over Iran have investors on edge,\u201d said LPL Financial senior market strategist "
        "Ryan Detrick.\n\n"
        "Sen. Tim Kaine, a Virginia Democrat, said the resolution would pass. A spokesman for the ministry said the "
        "talks were over.\n\n"
        "\"Service members were treated for concussion,\" the US-led military coalition fighting ISIS said in a "
        "statement. Critics said the strike was reckless.\n\n"
        "\u201cWe will not wait for anyone,\u201d she said.")


def cards() -> dict[str, dict]:
    ctx = analyze_article(load_text(BODY, title="A constructed report on speakers", check_language=False))
    return {c["name"]: c for c in ctx.result("attribution").summary["speakers"]}


def test_person_of_an_organisation_is_a_person_with_that_affiliation():
    c = cards()
    assert "Gil Barndollar" in c and "Gil Barndollar of Defense Priorities" not in c
    assert c["Gil Barndollar"]["kind"] == "person" and c["Gil Barndollar"]["affiliation"] == "Defense Priorities"


def test_title_gives_role_and_affiliation_party_is_not_an_office():
    c = cards()
    assert c["Ryan Detrick"]["role"] == "strategist" and c["Ryan Detrick"]["affiliation"] == "LPL Financial"
    assert c["Tim Kaine"]["role"] == "senator" and c["Tim Kaine"]["affiliation"] == "Democrat"


def test_unnamed_and_collective_sources_and_organisations():
    c = cards()
    spokes = next(v for k, v in c.items() if "spokesman" in k)
    assert spokes["kind"] == "person" and not spokes["named"] and spokes["role"] == "spokesman"
    assert c["Critics"]["kind"] == "group" and not c["Critics"]["named"]
    coalition = next(v for k, v in c.items() if "coalition" in k)
    assert coalition["kind"] == "organisation" and coalition["affiliation"] == "United States"


def test_unclear_speaker_gets_no_card():
    # 'she said' with no woman named anywhere: speaker unclear, no card under any name
    c = cards()
    assert all(v["statements"] >= 1 for v in c.values())
    assert not any(v["kind"] == "person" and v["name"].lower() == "she" for v in c.values())
    assert sum(v["statements"] for v in c.values()) == 6
