"""Compare one article with other outlets' coverage of the same event.

:func:`compare` is a pure function: it never fetches and never parses. It takes
typed analyses (:class:`framing.schema.Analysis`, fresh from
:func:`framing.analyze` or restored from the corpus store; a dict is restored
once with ``Analysis.from_dict``) and returns a
:class:`framing.schema.comparison.Comparison`, whose ``to_dict()`` is the
comparison JSON (``framing compare --json``, described in the README).

One module per measure family, each with its own rule ids (:data:`RULES`):

* :mod:`~framing.comparison.similarity` — **same story** (``compare.same_story``):
  TF-IDF cosine of each peer to the centroid of the *other* peers, and of the
  target to the centroid of all peers, in [0, 1]; peers below ``min_similarity``
  are set aside and listed with their similarity.
* :mod:`~framing.comparison.measures` — **measures** (``compare.measure``): every
  section's ``measures(article)`` (loaded terms per 1,000 words in the author's
  voice, share of words inside direct quotes, distinct sources, share of named
  sources, anonymous and vague sources and unattributed claims per 1,000 words,
  and whatever a new section offers). For each: the target's value, the peers'
  median, quartiles and IQR, the target's percentile among peers (ties count
  half) and the same by peer lean. Only peers with at least ``MIN_WORDS`` (150)
  words that are not headline summaries enter the measures.
* :mod:`~framing.comparison.words` — **word choice** (``compare.fightin_words``):
  the log-odds ratio with an informative Dirichlet prior of Monroe, Colaresi &
  Quinn (2008), "Fightin' Words", target against the pooled peers; z > 0 marks
  the target's words, z < 0 the peers'.
* :mod:`~framing.comparison.naming` — **naming** (``compare.naming``): alternative
  names for the same referent (``lexicons/naming.tsv``) counted per outlet, with spans.
* :mod:`~framing.comparison.matrix` — **stance matrix** (``compare.stance_matrix``):
  actor x outlet, the author's-voice stance (-1..1) and the labels each outlet
  pins on each actor, actors matched across articles by name and aliases.
* :mod:`~framing.comparison.ledger` — **sourcing ledger** (``compare.sources.target_only``,
  ``compare.sources.target_omits``): who each outlet quotes, share of voice, voices
  only the target uses, voices several peers quote but the target leaves out.
* :mod:`~framing.comparison.claims` — **claims** (``compare.claim.uncorroborated``,
  ``compare.claim.contradicted``, ``compare.claim.omitted``): each sentence as a
  structured fact (:mod:`~framing.comparison.facts`: predicate classes, participants,
  numbers, casualty slot; page furniture, questions, quotes and judgements never
  judged), matched by participants and predicate class through an inverted index
  plus sparse nearest neighbours, wording one feature among several; contradiction =
  the same casualty slot with an incompatible value ("reported differently" when the
  target attributes the claim); omitted facts (:mod:`~framing.comparison.omitted`)
  searched in every sentence of the target.
* :mod:`~framing.comparison.roles` — **roles** (``compare.roles``): who each outlet
  casts as villain, hero or victim, from the roles sections.
* :mod:`~framing.comparison.frames` — **frames and techniques** (``compare.frames.*``,
  ``compare.techniques.rate``): frame profile per outlet and by lean, frames only the
  target uses or leaves out, persuasion techniques per 1,000 words per outlet.

Every span without ``text_id`` points into the target's ``article.text``; every
span with ``text_id`` into that peer's text (``Comparison.validate`` and
``Comparison.validate_peers`` check them).

Known limits
------------
Claims are read from word forms, not from a dependency parse (the comparison
never parses): predicate classes come from a word list, participants from names,
actor aliases, a demonym rule (Iranian -> Iran) and a spelling key (Soleimani /
Suleimani). Denials and confirmations are compared for casualties only.
On the hand-made claims gold (tests/gold/claims.jsonl, benchmarks/compare_gold.py)
"uncorroborated" flags are right about 84% of the time (27 of 32), so the report lists them
for checking and its summary does not state them. Headline-only peers carry
little evidence; they enter word choice and naming but not the measures.
Percentiles among few peers are coarse.

Scale: time and memory grow linearly with the number of peers (10,000 peers: about 45 CPU seconds and
1.3 GB for the whole process, see docs/scale.md); every peer's analysis and every peer sentence's fact are held
in memory while the comparison runs.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Iterable
from typing import Any

from framing.comparison import claims, ledger, matrix, measures, naming, words
from framing.comparison import frames as frames_cmp
from framing.comparison import roles as roles_cmp
from framing.comparison.docs import MIN_WORDS, Doc, as_analysis, peer_id
from framing.comparison.measures import percentile_of, summarize
from framing.comparison.naming import naming_hits
from framing.comparison.similarity import METHOD, same_story
from framing.comparison.text import split_sentences, tokens
from framing.comparison.words import TOP_TERMS, fightin_words
from framing.errors import InputError
from framing.schema.comparison import Comparison, PeerCard, SameStory, TargetCard
from framing.version import __version__

__all__ = [
    "DEFAULT_MIN_SIMILARITY",
    "MIN_WORDS",
    "RULES",
    "TOP_TERMS",
    "Comparison",
    "compare",
    "fightin_words",
    "naming_hits",
    "percentile_of",
    "same_story",
    "split_sentences",
    "summarize",
    "tokens",
]

log = logging.getLogger(__name__)

DEFAULT_MIN_SIMILARITY = 0.05

RULES: dict[str, str] = {
    "compare.same_story": "TF-IDF cosine to the peers' centroid; peers below the threshold are set aside as off-story",
    "compare.measure": "the target's value beside the peers' median, quartiles and its percentile among peers",
    "compare.fightin_words": "log-odds ratio with informative Dirichlet prior (Monroe, Colaresi & Quinn 2008), target vs pooled peers",
    "compare.naming": "alternative names for the same referent (lexicons/naming.tsv), counted per outlet",
    "compare.stance_matrix": "author's-voice stance toward each actor per outlet, actors matched by name and aliases",
    "compare.sources.target_only": "a voice the target quotes that no peer quotes",
    "compare.sources.target_omits": "a voice several peers quote that the target does not",
    "compare.claim.uncorroborated": "a checkable claim of the target no peer reports with its predicate and participants",
    "compare.claim.contradicted": "the same casualty slot reported with an incompatible value by peers (reported differently when attributed)",
    "compare.claim.omitted": "a fact several peers report in like words that no sentence of the target states",
    **roles_cmp.RULES,
    **frames_cmp.RULES,
}


def _peer_docs(target: Doc, peers: Iterable[Any]) -> list[Doc]:
    used: set[str] = set()
    docs = []
    for p in peers:
        a = as_analysis(p)
        if a.article.text == target.text:
            log.info("compare: dropping a peer identical to the target")
            continue
        docs.append(Doc(peer_id(a, used), a))
    if not docs:
        raise InputError("compare: no peers to compare with; give PEER sources or --event NAME with articles in the corpus store")
    return docs


def compare(target: Any, peers: Iterable[Any], *, min_similarity: float = DEFAULT_MIN_SIMILARITY) -> Comparison:
    """Set ``target`` against ``peers`` and return the :class:`Comparison` (see the module docstring for every measure).

    ``target`` and ``peers`` are :class:`framing.schema.Analysis` objects (a dict
    is restored with ``Analysis.from_dict``). ``min_similarity`` (0-1) is the
    same-story threshold below which a peer is set aside (unless it is the only
    peer). Pure: never fetches, never parses. Raises
    :class:`~framing.errors.InputError` when there are no peers, every peer is
    off-story, or an input is not an analysis. A peer whose text is identical to
    the target's is dropped (it would compare the article with itself).
    """
    gc_was_enabled = gc.isenabled()
    gc.disable()  # see _compare: the collector would only re-scan the peers' objects, again and again
    try:
        return _compare(target, peers, min_similarity)
    finally:
        if gc_was_enabled:
            gc.enable()


def _compare(target: Any, peers: Iterable[Any], min_similarity: float) -> Comparison:
    """:func:`compare`, run with the cyclic garbage collector paused.

    Scale: with thousands of peers, millions of small objects (the peers' analyses, one fact per sentence) are
    alive at once, and each automatic collection walks all of them again: a third of the run time at 1,000 peers.
    The comparison's own objects are freed by reference counting (a comparison of the seed with the 80 corpus
    analyses leaves a few dozen objects in cycles, from the libraries it calls, for the next collection), so
    pausing the collector changes nothing but the time; it is re-enabled on return, also on error.
    """
    t = Doc("target", as_analysis(target))
    docs = _peer_docs(t, peers)
    t_sim, p_sims = same_story(t.text, [d.text for d in docs])
    kept, set_aside, peer_cards = [], [], []
    for d, sim in zip(docs, p_sims):
        card = {**d.card(), "similarity": round(sim, 4), "in_measures": d.in_measures}
        if sim < min_similarity and len(docs) > 1:
            set_aside.append(PeerCard(**card, reason=f"similarity {sim:.3f} to the peers' centroid < {min_similarity}", rule="compare.same_story"))
        else:
            kept.append(d)
            peer_cards.append(PeerCard(**card))
    if not kept:
        raise InputError(f"compare: every peer was set aside as off-story (similarity < {min_similarity}); lower --min-similarity or choose other peers")
    log.info("compare: %d peers kept, %d set aside", len(kept), len(set_aside))
    return Comparison(
        target=TargetCard(**t.card(), similarity=round(t_sim, 4), analysis=t.analysis),
        peers=tuple(peer_cards),
        set_aside=tuple(set_aside),
        same_story=SameStory(METHOD, min_similarity, round(t_sim, 4)),
        measures=measures.rows(t, kept),
        distinctive_terms=words.distinctive_terms(t, kept),
        naming=tuple(naming.by_referent(t, kept)),
        stance_matrix=matrix.stance_matrix(t, kept),
        sources=ledger.sources(t, kept),
        claims=claims.find(t, kept),
        roles=roles_cmp.roles_by_outlet(t, kept),
        frames=frames_cmp.frames_comparison(t, kept),
        framing_version=__version__,
    )
