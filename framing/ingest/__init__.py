"""Ingest: turn a URL, an HTML page, a file, stdin or plain text into one clean Article.

Modules, in the order text flows:

* :mod:`~framing.ingest.fetch` — :func:`fetch_article`: download a page and extract
  its article. The **only** module of framing that touches the network (naming
  follows scikit-learn: ``fetch_*`` is online, ``load_*`` never is).
* :mod:`~framing.ingest.html` — :func:`load_html`: decode HTML and extract the
  article and its metadata with trafilatura.
* :mod:`~framing.ingest.text` — :func:`load_text`, :func:`normalize_text` (the one
  normalisation: nothing downstream re-normalises, so offsets stay valid),
  :func:`split_title`, :func:`unwrap_lines`.
* :mod:`~framing.ingest.language` — English-only check (py3langid).
* :mod:`~framing.ingest.files` — :func:`load_path`, :func:`load_stdin` and
  :func:`read`, which dispatches a ``http(s)://`` URL to ``fetch_article``, ``-`` to
  stdin and anything else to a file (so ``read``, not a ``load_*``, is the entry that
  may fetch).

Every failure is a :class:`~framing.errors.FramingError` subclass whose message
is one line: what happened, the offending value, what to do.
"""

from framing.ingest.fetch import (
    DEFAULT_MAX_BYTES,
    DEFAULT_TIMEOUT,
    MAX_REDIRECTS,
    USER_AGENT,
    fetch_article,
)
from framing.ingest.files import MAX_FILE_BYTES, load_path, load_stdin, read
from framing.ingest.html import decode_html, load_html, looks_like_html
from framing.ingest.language import check_language, detect_language, language_name
from framing.ingest.text import (
    MAX_TEXT_CHARS,
    MAX_TITLE_CHARS,
    MIN_WORDS,
    load_text,
    normalize_text,
    split_title,
    unwrap_lines,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_TIMEOUT",
    "MAX_FILE_BYTES",
    "MAX_REDIRECTS",
    "MAX_TEXT_CHARS",
    "MAX_TITLE_CHARS",
    "MIN_WORDS",
    "USER_AGENT",
    "check_language",
    "decode_html",
    "detect_language",
    "fetch_article",
    "language_name",
    "load_html",
    "load_path",
    "load_stdin",
    "load_text",
    "looks_like_html",
    "normalize_text",
    "read",
    "split_title",
    "unwrap_lines",
]
