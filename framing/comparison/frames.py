"""Frames and techniques across outlets (rules ``compare.frames.*``, ``compare.techniques.rate``).

:func:`frames_comparison` reads the ``frames`` and ``techniques`` sections of the
target's and the peers' analyses (nothing is recomputed) and returns, in JSON form:

* ``by_outlet`` -- every article's frame profile (14 calibrated probabilities),
  its frames present and primary frame, target first;
* ``by_lean`` -- the mean profile of the peers of each lean (left / center /
  right, as the corpus records it), with the number of peers;
* ``target_only`` (``compare.frames.target_only``) -- frames present in the
  target that at most ``RARE`` (a quarter) of the peers use;
* ``target_omits`` (``compare.frames.target_omits``) -- frames at least
  ``COMMON`` (half) of the peers use that the target does not;
* ``techniques`` (``compare.techniques.rate``) -- per article, technique spans
  in the author's voice per 1,000 words, by technique, with up to two examples.

Known limits: frame probabilities come from an article-level classifier with a
cross-validated micro-F1 near 0.67; differences of a few points between outlets
are within its error. Peers without a frames section are left out of the profiles.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from framing.comparison.docs import Doc

RARE = 0.25
COMMON = 0.5

RULES: dict[str, str] = {
    "compare.frames.profile": "frame profile (calibrated probabilities of the 14 frames) per outlet and mean per lean",
    "compare.frames.target_only": "a frame the target uses that at most a quarter of the peers use",
    "compare.frames.target_omits": "a frame at least half of the peers use that the target does not",
    "compare.techniques.rate": "persuasion-technique spans in the author's voice per 1,000 words, per outlet",
}


def _profile(d: Mapping[str, Any]) -> dict[str, float] | None:
    fr = d.get("frames") or {}
    frames = fr.get("frames") or []
    return {f["frame"]: float(f["probability"]) for f in frames} if frames else None


def _present(d: Mapping[str, Any]) -> set[str]:
    return {f["frame"] for f in (d.get("frames") or {}).get("frames") or [] if f.get("present")}


def _techniques(doc: Doc) -> dict[str, Any]:
    te = doc.data.get("techniques") or {}
    words = int(te.get("words") or len(doc.text.split()))
    rates: dict[str, float] = {}
    examples: dict[str, list[str]] = {}
    for s in te.get("spans") or []:
        if s.get("voice") == "quoted":
            continue
        rates[s["technique"]] = rates.get(s["technique"], 0.0) + 1
        ex = examples.setdefault(s["technique"], [])
        if s["quote"] not in ex and len(ex) < 2:
            ex.append(s["quote"])
    per = {t: round(1000.0 * n / words, 2) if words else 0.0 for t, n in sorted(rates.items(), key=lambda kv: -kv[1])}
    return {"id": doc.id, "outlet": doc.outlet, "lean": doc.lean, "words": words, "per_1000_author": per, "examples": examples}


def frames_comparison(target: Doc, peers: Sequence[Doc]) -> dict[str, Any]:
    """The frames and techniques comparison of ``target`` with ``peers`` (see the module docstring).

    Each article's frames section is read once (profile, frames present, primary).
    """
    read = []  # (doc, profile or None, frames present, primary, has a techniques section)
    for doc in [target, *peers]:
        data = doc.data
        fr = data.get("frames")
        read.append((doc, _profile({"frames": fr}), _present({"frames": fr}), (fr or {}).get("primary"), data.get("techniques") is not None))
    by_outlet = [{"id": doc.id, "outlet": doc.outlet, "lean": doc.lean, "profile": prof, "present": sorted(present), "primary": primary}
                 for doc, prof, present, primary, _ in read if prof is not None]
    framed = [(doc, prof, present) for doc, prof, present, _, _ in read[1:] if prof is not None]
    by_lean: dict[str, Any] = {}
    for lean in sorted({doc.lean for doc, _, _ in framed if doc.lean}):
        group = [prof for doc, prof, _ in framed if doc.lean == lean]
        frames = group[0].keys()
        by_lean[lean] = {"n": len(group), "profile": {f: round(sum(g.get(f, 0.0) for g in group) / len(group), 4) for f in frames}}
    target_only, target_omits = [], []
    _, t_prof, t_present, _, _ = read[0]
    if t_prof is not None and framed:
        for f in t_prof:
            using = sum(f in present for _, _, present in framed)
            share = using / len(framed)
            row = {"frame": f, "target_probability": round(t_prof[f], 4), "peers_using": using, "peers": len(framed),
                   "share": round(share, 4)}
            if f in t_present and share <= RARE:
                target_only.append({**row, "rule": "compare.frames.target_only"})
            elif f not in t_present and share >= COMMON:
                target_omits.append({**row, "rule": "compare.frames.target_omits"})
    return {"by_outlet": by_outlet, "by_lean": by_lean, "target_only": target_only, "target_omits": target_omits,
            "techniques": [_techniques(doc) for doc, _, _, _, has in read if has]}
