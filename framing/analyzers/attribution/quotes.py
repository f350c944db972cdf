"""Direct quotations: which quoted text is speech, and whose.

:func:`quote_kind` tells speech from titles, scare quotes and short mentions;
:func:`attach_quotes` merges each quotation of speech into the attribution whose
content it overlaps, or finds its speaker in the same, the previous or the next
sentence, or continues the previous quotation (``rule:attribution.direct_quote``,
``adjacent_quote``, ``quote_continuation``, ``unattributed_quote``). Double
quotation marks and two-apostrophe quotes (''...'') are read; single quotation
marks are not (apostrophes make them unreliable).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from framing.analyzers.attribution.cues import (
    Cand,
    Cue,
    Lex,
    match_cue,
)
from framing.analyzers.spanindex import Coverage, Overlaps
from framing.nlp.spans import QUOTE_CHARS
from framing.nlp.syntax import SPEAKER, np_span, subject
from framing.schema import Span, merge, overlap

_SMALL_WORDS = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "from", "by", "as", "but", "is", "its", "it"}
_TITLE_CUES = {"book", "film", "movie", "song", "album", "titled", "entitled", "article", "essay", "column", "show",
               "series", "novel", "play", "poem", "report", "headline", "documentary", "memoir", "campaign", "slogan",
               "hashtag", "programme", "program", "operation", "dubbed", "nicknamed", "named", "called"}


def quote_kind(parsed, q: Span) -> str:
    """'speech', 'title', 'scare' or 'short' for a span inside quotation marks."""
    text = parsed.text
    inner = text[q.start:q.end]
    words = re.findall(r"[\w'’-]+", inner)
    before = text[max(0, q.start - 14):max(0, q.start - 1)].lower()
    if re.search(r"so[- ]called\s*$", before):
        return "scare"
    before_words = re.findall(r"[\w-]+", text[max(0, q.start - 30):max(0, q.start - 1)].lower())
    prev_word = before_words[-1] if before_words else ""
    content_words = [w for w in words if w.lower() not in _SMALL_WORDS]
    titleish = (
        0 < len(words) <= 10
        and content_words
        and all(w[0].isupper() or w[0].isdigit() for w in content_words)
        and not re.search(r"[.!?,;]\s*$", inner)
    )
    if titleish and (prev_word in _TITLE_CUES or len(words) >= 2):
        return "title"
    doc = parsed.doc
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    has_verb = span is not None and any(t.pos_ in ("VERB", "AUX") for t in span)
    if (len(words) >= 4 and has_verb) or len(words) >= 8:
        return "speech"
    return "short"


_DOUBLE_APOS = re.compile(r"(?<![\w'])''(?=\S)(.+?)(?<=\S)''(?!\w)", re.DOTALL)


def all_quotes(parsed) -> list[Span]:
    """``parsed.quotes`` plus quotations written with two apostrophes (''...''), a wire and archive convention."""
    quotes = list(parsed.quotes)
    text = parsed.text
    if "''" in text:
        for m in _DOUBLE_APOS.finditer(text):
            s, e = m.start(1), m.end(1)
            if "\n" in text[s:e]:
                continue
            if not any(overlap(q, Span(s, e)) for q in quotes):
                quotes.append(Span(s, e))
        quotes.sort(key=lambda q: q.start)
    return quotes


def outer(text: str, q: Span) -> Span:
    s, e = q.start, q.end
    if s > 1 and text[s - 2 : s] == "''":
        s -= 2
    elif s > 0 and text[s - 1] in QUOTE_CHARS:
        s -= 1
    if text[e : e + 2] == "''":
        e += 2
    elif e < len(text) and text[e] in QUOTE_CHARS:
        e += 1
    return Span(s, e)


def attach_quotes(parsed, cands: list[Cand], lex: Lex) -> list[Cand]:
    """Merge direct quotes into the candidates (extend content, set type) or add quote-only attributions.

    Order for a quotation with no complement link: a cue in the sentences it
    spans; the continuation of the previous quotation in the same paragraph
    ('"A," he said. "B."'); an introducing previous sentence ('He said:'); a
    short next sentence ('..." He added.'); the continuation of a quotation
    ending the previous paragraph.
    """
    text = parsed.text
    speech: list[Span] = []
    short: set[Span] = set()
    for q in all_quotes(parsed):
        kind = quote_kind(parsed, q)
        if kind == "speech":
            speech.append(outer(text, q))
        elif kind == "short" and re.search(r"[.!?,]\s*$", text[q.start:q.end]) and len(text[q.start:q.end].split()) >= 2:
            # a short full utterance ('"Donald's here, babe."'): only as the continuation of a quotation
            speech.append(outer(text, q))
            short.add(speech[-1])
    by_cue = {c.cue_tok: c for c in cands}
    prev_quote: tuple[Span, Cand] | None = None
    # candidates by their content spans (a scan of every candidate per quotation is quadratic); spans are added
    # again whenever a content changes, so the index holds a superset of the current overlaps
    index, synced = Overlaps(), 0
    order: dict[int, int] = {}  # id(candidate) -> its position in cands

    def track(c: Cand) -> None:
        if id(c) not in order:
            return  # appended during this quotation: indexed with its content at the next one
        for p in c.content:
            index.add(p, order[id(c)])

    for oq in speech:
        for c in cands[synced:]:  # candidates appended since the last quotation
            order[id(c)] = synced
            synced += 1
            track(c)
        best = None
        best_ov = 0
        for c in (cands[i] for i in sorted(set(index.keys_overlapping(oq)))):  # cands order: first best wins
            if c.type == "agentless" or c.type == "according_to":
                continue
            if c.cue_span and oq.start <= c.cue_span.start < oq.end:
                continue  # a cue inside the quote is the quoted speaker's own reporting
            ov = sum(overlap(p, oq) for p in c.content)
            if ov > best_ov:
                best, best_ov = c, ov
        rule = "rule:attribution.direct_quote"
        if oq in short and best is not None and not (best.cue and best.cue.act == "speech"):
            best = None
        if best is None and oq not in short:
            best, rule = _nearby_cue(parsed, oq, cands, lex, by_cue, where="same")
        if best is None and prev_quote is not None:
            pq, pc = prev_quote
            pi, qi = parsed.paragraph_index(pq.start), parsed.paragraph_index(oq.start)
            gap = text[pq.end:oq.start]
            if pi == qi and len(gap.split()) <= 40:
                pc.content = _merge_content(pc.content, oq, pc.cue_span, pc.source_span)
                track(pc)
                prev_quote = (oq, pc)
                continue
        if oq in short and best is None:
            continue
        if best is None:
            best, rule = _nearby_cue(parsed, oq, cands, lex, by_cue, where="previous")
        if best is None:
            best, rule = _nearby_cue(parsed, oq, cands, lex, by_cue, where="next")
        if best is None and prev_quote is not None:
            pq, pc = prev_quote
            pi, qi = parsed.paragraph_index(pq.start), parsed.paragraph_index(oq.start)
            para = parsed.paragraphs[qi] if parsed.paragraphs else None
            if qi == pi + 1 and para is not None and oq.start - para.start <= 1 and len(text[pq.end:oq.start].strip()) <= 2:
                pc.content = _merge_content(pc.content, oq, pc.cue_span, pc.source_span)
                track(pc)
                prev_quote = (oq, pc)
                continue
        if best is None:
            n_words = len(text[oq.start:oq.end].split())
            if n_words >= 8:
                best = Cand("direct", "rule:attribution.unattributed_quote", None, None, -1 - len(cands), None, None, [oq])
                cands.append(best)
                prev_quote = (oq, best)
            continue
        if rule != "rule:attribution.direct_quote":
            best.rule = rule
        merged = _merge_content(best.content, oq, best.cue_span, best.source_span)
        best.content = merged
        track(best)
        total = sum(len(p) for p in merged)
        inside = sum(overlap(p, oq) for p in merged)
        if total and inside / total >= 0.6:
            best.type = "direct"
            if best.rule in ("rule:attribution.verb_complement", "rule:attribution.inserted_cue", "rule:attribution.colon_cue",
                             "rule:attribution.verb_object", "rule:attribution.verb_topic"):
                best.rule = "rule:attribution.direct_quote"
        prev_quote = (oq, best)
    return cands


def _merge_content(content: list[Span], oq: Span, cue: Span | None, src: Span | None) -> list[Span]:
    """Union of the content fragments and the quotation, never swallowing the cue or the speaker."""
    merged = merge(list(content) + [oq])
    out: list[Span] = []
    for m in merged:
        cuts = [x for x in (cue, src) if x is not None and m.start < x.start and x.end < m.end]
        if not cuts:
            out.append(m)
            continue
        pos = m.start
        for x in sorted(cuts, key=lambda s: s.start):
            if x.start > pos:
                out.append(Span(pos, x.start))
            pos = max(pos, x.end)
        if pos < m.end:
            out.append(Span(pos, m.end))
    return out


_CLOSING_MARKS = frozenset(('"', "\u201d", "''"))


def inverted_subject(verb):
    """The speaker of an inverted attribution after a quotation ('"...," seethed Ingraham on Fox', '"...," said
    the envoy'): the verb follows a closing quotation mark, has no subject or clause of its own, and a name or a
    definite noun phrase comes right after it (the small model often parses it as the object). The head of that
    phrase (the last word of a name), or None."""
    doc = verb.doc
    if verb.i == 0 or doc[verb.i - 1].text not in _CLOSING_MARKS or any(
            c.dep_ in ("nsubj", "nsubjpass", "csubj") or (c.dep_ == "ccomp" and c.i > verb.i) for c in verb.children):
        return None  # not right after a closing quotation mark, or the verb has its own subject or clause
    j = verb.i + 1
    if j < len(doc) and doc[j].lower_ in ("the", "a", "an"):
        j += 1
    while j < len(doc) and doc[j].pos_ in ("ADJ", "PROPN", "NOUN") and not doc[j].is_punct:
        if doc[j].pos_ == "ADJ" or (j + 1 < len(doc) and doc[j + 1].pos_ in ("PROPN", "NOUN")
                                    and doc[j + 1].ent_iob_ != "B" and not doc[j + 1].is_punct):
            j += 1
            continue
        return doc[j] if doc[j].pos_ in ("PROPN", "NOUN") else None
    return None


def _nearby_cue(parsed, oq: Span, cands: list[Cand], lex: Lex, by_cue, *, where: str) -> tuple[Cand | None, str]:
    """A speaker for a quotation with no complement link: a cue in the same (``where="same"``),
    the introducing previous (``"previous"``) or a short next (``"next"``) sentence."""
    doc = parsed.doc
    text = parsed.text
    sents = parsed.sentences
    if not sents:
        return None, ""
    first = parsed.sentence_index(oq.start)
    last = parsed.sentence_index(max(oq.start, oq.end - 1))
    qpara = parsed.paragraph_index(oq.start)

    def cues_in(span: Span):
        found: list[tuple[Any, tuple[Cue, int], Any]] = []
        sp = doc.char_span(span.start, span.end, alignment_mode="expand")
        if sp is None:
            return found
        for t in sp:
            if oq.start <= t.idx < oq.end or parsed.in_quotes(Span(t.idx, t.idx + len(t.text))):
                continue  # a cue inside a quotation is the quoted speaker's own words ('"We say no war," ...')
            m = match_cue(t, lex)
            if m and t.pos_ in ("VERB", "AUX") and m[0].act == "speech":
                subj = subject(t, SPEAKER)
                if subj is not None and oq.start <= subj.idx < oq.end:
                    # the parser took a word of the quotation as the subject; a second subject outside it speaks
                    subj = next((c for c in reversed(list(t.children)) if c.dep_ in ("nsubj", "nsubjpass")
                                 and not (oq.start <= c.idx < oq.end)), None)
                if subj is None:
                    subj = inverted_subject(t)
                if subj is not None and not (oq.start <= subj.idx < oq.end):
                    found.append((t, m, subj))
        return found

    if where == "same":
        idx, rule = list(range(first, last + 1)), "rule:attribution.direct_quote"
    elif where == "previous":
        if first == 0:
            return None, ""
        s = sents[first - 1]
        # a previous sentence speaks for the quote only when it introduces it ('He said:' / 'He added,')
        if not re.search(r"[:,]\s*$", text[s.start:oq.start]):
            return None, ""
        idx, rule = [first - 1], "rule:attribution.adjacent_quote"
    else:
        if last + 1 >= len(sents):
            return None, ""
        s = sents[last + 1]
        if parsed.paragraph_index(s.start) != qpara or len(text[s.start:s.end].split()) > 8:
            return None, ""
        idx, rule = [last + 1], "rule:attribution.adjacent_quote"
    for i in idx:
        found = cues_in(sents[i])
        if not found:
            continue
        t, (cue, lastt), subj = min(found, key=lambda f: min(abs(f[0].idx - oq.start), abs(f[0].idx - oq.end)))
        if t.i in by_cue:
            return by_cue[t.i], rule
        cue_span = Span(t.idx, doc[lastt].idx + len(doc[lastt].text))
        c = Cand("direct", rule, cue, cue_span, t.i, subj, np_span(subj), [oq])
        cands.append(c)
        by_cue[t.i] = c
        return c, rule
    return None, ""



def in_quotes_share(spans: Sequence[Span], quotes: Sequence[Span] | Coverage) -> float:
    """Share of the characters of ``spans`` inside quotations (pass a :class:`Coverage` of them when asking often)."""
    total = sum(len(p) for p in spans)
    if not total:
        return 0.0
    if isinstance(quotes, Coverage):
        return sum(quotes.overlap_sum(p) for p in spans) / total
    return sum(overlap(p, q) for p in spans for q in quotes) / total


def with_marks(text: str, spans: list[Span]) -> list[Span]:
    """Content spans that are exactly the inside of a quotation, widened to include its marks (as the rules do)."""
    out = []
    for sp in spans:
        if sp.start > 0 and sp.end < len(text) and text[sp.start - 1] in QUOTE_CHARS and text[sp.end] in QUOTE_CHARS:
            sp = Span(sp.start - 1, sp.end + 1)
        out.append(sp)
    return out


_POST_SIGNATURE = re.compile(r"(?:^|\s)[\u2014\u2013]\s*(?P<name>[^\s()@\u2014\u2013][^()@\n\u2014\u2013]{0,60}?)\s*"
                             r"\(@(?P<handle>\w{1,30})\)")
_BULLET = re.compile(r"^\s*[-\u2022\u2013]\s*\S")


def embedded_posts(parsed) -> list[Cand]:
    """Social-media posts embedded in the article text, as direct quotations of their account
    (``rule:attribution.embedded_post``).

    A post is recognised by its signature line, '— Name (@handle) date', as
    embedded tweets are rendered in article text. Its words are the text before
    the signature on the same line; when that is short (under five words), or
    the lines before are bullets ('-Targeting ...'), the post runs back over up
    to four preceding short lines (300 characters or fewer) that hold no
    quotation marks (a line with quotation marks is the article's own report).
    The speaker is the name in the signature.
    """
    text = parsed.text
    doc = parsed.doc
    out: list[Cand] = []
    lines = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    for k, (ls, le) in enumerate(lines):
        m = _POST_SIGNATURE.search(text, ls, le)
        if m is None:
            continue
        start = ls
        pre = text[ls:m.start()].strip()
        back = [j for j in range(k - 1, max(-1, k - 9), -1) if text[lines[j][0]:lines[j][1]].strip()]
        if len(pre.split()) < 5 or (back and _BULLET.match(text[lines[back[0]][0]:lines[back[0]][1]])):
            for taken, j in enumerate(back):
                s, e = lines[j]
                ln = text[s:e]
                if len(ln) > 300 or any(q in ln for q in QUOTE_CHARS if q not in "'\u2018\u2019") or taken >= 4:
                    break
                start = s
        end = m.start() + (1 if text[m.start()].isspace() else 0)
        content = Span(start, end)
        while content.end > content.start and text[content.end - 1].isspace():
            content = Span(content.start, content.end - 1)
        if len(text[content.start:content.end].split()) < 3:
            continue
        name = Span(m.start("name"), m.end("name"))
        sp = doc.char_span(name.start, name.end, alignment_mode="expand")
        if sp is None:
            continue
        out.append(Cand("direct", "rule:attribution.embedded_post", None, None, -1 - len(out) - 100000, sp.root, name,
                        [content]))
    return out


# between an inserted speech clause and the quotation it introduces: a comma or colon, after an optional short
# setting of the clause ('she said in a statement, "...', 'he tweeted on Sunday: "...')
_CLAUSE_TO_QUOTE = re.compile(r"^[^\"\u201c\u201d.!?;\n]{0,40}[,:]\s*$")
_OPENERS = frozenset(("\u201c", '"', "''"))


def quoted_stretches_only(parsed, cands: list[Cand]) -> None:
    """Keep only the quoted stretches as the content of a parenthetical speech clause that introduces a
    quotation ('..., representing, he tweeted, "the 52 hostages ..."', '..., she said in a statement, "..."').

    A speech clause set off by commas and followed at once by a quotation marks that quotation as the speaker's
    words; the unquoted text on the other side of the clause is the writer's narration (the parse often hangs the
    clause on it, so the rules and the span model made the whole sentence the speaker's). Fires when a
    candidate's content mixes fragments inside quotations of speech with fragments outside them, the source and
    cue are preceded by a comma (or a closing quotation mark), and the quotation opens right after them (a comma or
    colon, after at most a short setting). The unquoted fragments are dropped and the attribution becomes direct.
    Limit: a paraphrase before the clause ('The plan failed, she said, "and badly"') is dropped as well; the
    writer chose to quote only the second part, so only that part is the speaker's own words."""
    text = parsed.text
    marked = Coverage([outer(text, q) for q in all_quotes(parsed)])  # any quotation: '"We will respond," she said'
    for c in cands:
        if c.cue_span is None or len(c.content) < 2:
            continue
        inside = [p for p in c.content if marked.overlap_sum(p) >= 0.6 * len(p)]
        outside = [p for p in c.content if marked.overlap_sum(p) == 0]
        if not inside or not outside or len(inside) + len(outside) != len(c.content):
            continue
        start = min(c.cue_span.start, c.source_span.start if c.source_span is not None else c.cue_span.start)
        end = max(c.cue_span.end, c.source_span.end if c.source_span is not None else c.cue_span.end)
        if any(p.start < end and start < p.end for p in c.content):
            continue
        before = text[max(0, start - 3):start].rstrip()
        if not before or before[-1] not in ",\u201d\"'":
            continue  # not set off: 'He said, "..."' / a clause opening the sentence
        nxt = min((p for p in inside if p.start >= end), key=lambda p: p.start, default=None)
        if nxt is None or not _CLAUSE_TO_QUOTE.match(text[end:nxt.start]) or (
                text[nxt.start] not in _OPENERS and text[nxt.start:nxt.start + 2] != "''"):
            continue
        c.content = inside
        c.type = "direct"
        if c.rule in ("rule:attribution.verb_complement", "rule:attribution.inserted_cue"):
            c.rule = "rule:attribution.direct_quote"
