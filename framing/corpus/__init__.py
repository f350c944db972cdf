"""The corpus: articles grouped by event, and their analyses cached, in one SQLite file.

* :mod:`~framing.corpus.store` — :class:`Store` (events, articles, cached analyses,
  batch analysis over worker processes), :func:`default_path`, :func:`bundled_actor_file`;
* :mod:`~framing.corpus.importers` — JSON Lines records (:func:`article_from_record`),
  folders of files, URL lists (:func:`read_url_list`), :func:`check_event_name`.

Analyses are computed with :func:`framing.pipeline.analyze` and restored from the
cache as typed :class:`~framing.schema.Analysis` objects (``Analysis.from_dict``).
"""

from framing.corpus.importers import (
    ARTICLE_SUFFIXES,
    LEANS,
    ImportResult,
    Progress,
    article_from_record,
    check_event_name,
    read_jsonl_records,
    read_url_list,
)
from framing.corpus.store import (
    APPLICATION,
    BUSY_TIMEOUT_MS,
    RULES,
    STORE_FORMAT,
    AnalyzeResult,
    Store,
    StoredArticle,
    bundled_actor_file,
    default_path,
)

__all__ = [
    "APPLICATION",
    "ARTICLE_SUFFIXES",
    "BUSY_TIMEOUT_MS",
    "LEANS",
    "RULES",
    "STORE_FORMAT",
    "AnalyzeResult",
    "ImportResult",
    "Progress",
    "Store",
    "StoredArticle",
    "article_from_record",
    "bundled_actor_file",
    "check_event_name",
    "default_path",
    "read_jsonl_records",
    "read_url_list",
]
