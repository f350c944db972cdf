"""Sourcing ledger (rules ``compare.sources.target_only``, ``compare.sources.target_omits``): who each outlet lets speak.

Per outlet: the voices it quotes (an actor, else the speaker text), with their
quotes, words quoted, share of the outlet's quoted words (0-1) and reporting
verbs. Then the named voices only the target quotes, and the named voices that
several peers quote (at least 2, and at least 10% of the peers that enter the
measures) but the target does not. Two voices are the same when their keys
match, or when both are people with the same surname (longer than 2 letters); a government named after its
state ("the government of Iran") is the state's voice.

Known limits: surname matching can join two people of one family; an unnamed
voice ("officials") is never listed as omitted, since it cannot be matched.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from framing.comparison.docs import Doc
from framing.comparison.text import norm_name
from framing.schema.comparison import Sources
from framing.schema.sections.attribution import UNNAMED_KINDS

_PERSON = frozenset({"person", "named_person"})


#: "government of X", "X's government", "X government" speak for X: the key is X's, as when a peer writes "X said"
_GOVERNMENT_OF = (re.compile(r"^government of (?:the )?(.+)$"), re.compile(r"^(.+?)(?:'s|’s)? government$"))


def voice_key(q: Mapping[str, Any]) -> str:
    """The matching key of a quote's speaker: its actor's name, else the speaker text (normalised); a government
    named after its state ("the government of Iran", "Iran's government") keys as the state. Demonyms are not
    mapped ("the Iraqi government" stays its own key)."""
    actor = q.get("actor")
    if isinstance(actor, Mapping):
        actor = actor.get("name")
    key = norm_name(str(actor or q.get("speaker") or ""))
    for rx in _GOVERNMENT_OF:
        m = rx.match(key)
        if m:
            return m.group(1)
    return key


def voices(doc: Doc) -> list[dict[str, Any]]:
    """The voices ``doc`` quotes, most words first."""
    agg: dict[str, dict[str, Any]] = {}
    total_words = 0
    quotes = doc.quote_fields() if isinstance(doc, Doc) else (doc.section("attribution") or {}).get("quotes") or []
    for q in quotes:
        key = voice_key(q)
        if not key or float(q.get("speaker_confidence", 1.0)) < 0.5:
            continue  # no speaker, or "speaker unclear": the ledger counts confident attributions only
        actor = q.get("actor")
        if isinstance(actor, Mapping):
            actor = actor.get("name")
        s, e = q.get("content_start"), q.get("content_end")
        words = len(doc.text[s:e].split()) if isinstance(s, int) and isinstance(e, int) else 0
        total_words += words
        v = agg.setdefault(key, {"voice": actor or q.get("speaker"), "key": key, "kind": q.get("speaker_kind") or "", "quotes": 0, "words": 0, "cues": []})
        v["quotes"] += 1
        v["words"] += words
        cue = q.get("cue")
        if cue and cue not in v["cues"]:
            v["cues"].append(cue)
    for v in agg.values():
        v["share"] = v["words"] / total_words if total_words else 0.0
    return sorted(agg.values(), key=lambda v: (-v["words"], -v["quotes"], v["key"]))


def same_voice(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Same key, or two people with the same last word of their names (longer than 2 letters)."""
    if a["key"] == b["key"]:
        return True
    la, lb = a["key"].split()[-1], b["key"].split()[-1]
    return a["kind"] in _PERSON and b["kind"] in _PERSON and la == lb and len(la) > 2


def _surname(v: Mapping[str, Any]) -> str | None:
    """A person's last name when :func:`same_voice` may match it (longer than 2 letters), else None."""
    last = v["key"].split()[-1]
    return last if v["kind"] in _PERSON and len(last) > 2 else None


def _named(v: Mapping[str, Any]) -> bool:
    return (v["kind"] or "") not in UNNAMED_KINDS


def _omits(target_voices: list[dict[str, Any]], peers: Sequence[Doc], by_doc: Mapping[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Named voices quoted by enough peers and not by the target, most peers first."""
    clusters: list[dict[str, Any]] = []
    by_key: dict[str, int] = {}  # a representative's key -> its first cluster
    by_surname: dict[str, int] = {}  # a person representative's last name (> 2 letters) -> its first cluster
    for p in peers:
        for v in by_doc[p.id]:
            if not _named(v):
                continue
            found = [i for i in (by_key.get(v["key"]), by_surname.get(_surname(v) or "")) if i is not None]
            if found:  # the first cluster whose representative is the same voice (same_voice), found through the two indexes
                c = clusters[min(found)]
            else:
                c = {"rep": v, "peers": []}
                clusters.append(c)
                by_key.setdefault(v["key"], len(clusters) - 1)
                if (sur := _surname(v)) is not None:
                    by_surname.setdefault(sur, len(clusters) - 1)
            if p.id not in c["peers"]:
                c["peers"].append(p.id)
    n_full = sum(1 for p in peers if p.in_measures) or len(peers)
    need = max(2, math.ceil(0.1 * n_full))
    omits = [
        {"voice": c["rep"]["voice"], "kind": c["rep"]["kind"], "n_peers": len(c["peers"]), "peers": c["peers"], "rule": "compare.sources.target_omits"}
        for c in clusters
        if len(c["peers"]) >= need and not any(same_voice(c["rep"], v) for v in target_voices)
    ]
    omits.sort(key=lambda c: (-c["n_peers"], str(c["voice"])))
    return omits


def sources(target: Doc, peers: Sequence[Doc]) -> Sources:
    """The ledger: every outlet's voices, the target's own voices, the voices the target leaves out."""
    docs = [target, *peers]
    by_doc = {d.id: voices(d) for d in docs}
    by_outlet = []
    for d in docs:
        vs = by_doc[d.id]
        by_outlet.append({
            "id": d.id, "outlet": d.outlet, "lean": d.lean,
            "n_quotes": sum(v["quotes"] for v in vs), "words_quoted": sum(v["words"] for v in vs),
            "by_kind": dict(Counter(v["kind"] or "unknown" for v in vs)),
            "voices": [{k: v[k] for k in ("voice", "kind", "quotes", "words", "share", "cues")} for v in vs],
        })
    peer_keys = {w["key"] for p in peers for w in by_doc[p.id]}  # what same_voice compares, as sets
    peer_surnames = {s for p in peers for w in by_doc[p.id] if (s := _surname(w))}
    target_only = [
        {"voice": v["voice"], "kind": v["kind"], "quotes": v["quotes"], "rule": "compare.sources.target_only"}
        for v in by_doc[target.id]
        if _named(v) and v["key"] not in peer_keys and (_surname(v) or "") not in peer_surnames
    ]
    return Sources(tuple(by_outlet), tuple(target_only), tuple(_omits(by_doc[target.id], peers, by_doc)))
