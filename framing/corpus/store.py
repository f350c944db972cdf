"""The corpus store (SQLite): articles grouped by event, and their analyses cached, in one SQLite file.

What it holds
    ``events``    one row per event (a name such as ``soleimani-2020`` or ``example``);
    ``articles``  one row per article of an event: outlet, lean, URL, title, date, the
                  sha256 of ``Article.text`` (unique within an event) and the whole
                  :class:`~framing.schema.Article` as JSON;
    ``analyses``  one row per (text sha256, analysis key): the whole
                  :class:`~framing.schema.Analysis` as JSON. The analysis key is
                  :func:`framing.pipeline.analyzer_version` (code version, lexicon and
                  model digests), extended with the digest of the event's
                  ``actors.toml`` when one is used. A cached analysis is reused
                  until the text or the key changes; then it is recomputed.

Where it lives
    ``--db PATH`` / ``Store(path)``; else the environment variable ``FRAMING_DB``;
    else ``platformdirs.user_data_dir("framing")/corpus.sqlite`` (:func:`default_path`).

Guarantees
    * Every write is a transaction (``BEGIN IMMEDIATE`` ... ``COMMIT``). An import
      validates its whole input before writing anything and is idempotent
      (re-importing adds nothing); URL lists and batch analyses commit one article
      per transaction as each completes, so a killed run keeps everything finished
      and a re-run does only what is missing.
    * WAL journal, ``busy_timeout`` and foreign keys are on for every connection, so
      several processes can read and write one store at once; SQLite serialises the
      writers (the second waits up to ``busy_timeout`` ms).
    * Errors a user can cause are one-line :class:`~framing.errors.CorpusError` or
      :class:`~framing.errors.InputError` messages (``file:line`` for bad JSON Lines),
      raised before anything is written.
    * Every open runs SQLite's ``PRAGMA quick_check``: a damaged file is refused
      with one line naming the recovery step (move it aside and re-import, or
      ``sqlite3 ... .recover``), never served as a cache. A cached analysis that
      no longer decodes is recomputed and replaced.

Batch analysis (:meth:`Store.analyze_event`) runs on :mod:`framing.engine`, the
engine of ``framing batch``: a local Dask cluster of worker processes when Dask
is installed and more than one worker is asked for (workers die with their
parent), else in this process; the parent is the only writer.

Known limits: the store keeps texts, not the raw pages; duplicates are found by
exact text hash only (a re-extracted page with one changed character is a new
article); no locking of work between two concurrent ``analyze`` runs, so both may
compute the same missing analysis (the second write replaces the first with an
identical result).

The design follows sqlite-utils (library first, CLI mirrors it) and SQLite's own
advice on WAL and ``busy_timeout`` for multi-process use.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import logging
import os
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass, replace
from importlib.resources import files
from pathlib import Path
from typing import Any

import platformdirs

from framing import engine
from framing.corpus.importers import (
    ImportMixin,
    ImportResult,
    Progress,
    _with_meta,
    check_event_name,
)
from framing.errors import CorpusError
from framing.pipeline import analyze, analyzer_version
from framing.resources.events import load_actor_file
from framing.schema import Analysis, Article

log = logging.getLogger(__name__)

STORE_FORMAT = 1
APPLICATION = "framing-corpus"
BUSY_TIMEOUT_MS = 60_000
CHUNK = 8
"""Most articles per engine task in :meth:`Store.analyze_event` (fewer when there are few, to spread them)."""

RULES: dict[str, str] = {
    "corpus.cache_hit": "analysis served from the store: same text sha256 and same analysis key",
    "corpus.recomputed": "analysis computed now: no stored analysis for this text under the current analysis key",
}

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    name        TEXT PRIMARY KEY,
    description TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS articles (
    id           INTEGER PRIMARY KEY,
    event        TEXT NOT NULL REFERENCES events(name) ON DELETE CASCADE,
    record_id    TEXT,
    outlet       TEXT,
    lean         TEXT,
    url          TEXT,
    title        TEXT,
    published    TEXT,
    text_kind    TEXT,
    text_sha256  TEXT NOT NULL,
    article_json TEXT NOT NULL,
    imported_at  TEXT NOT NULL,
    UNIQUE (event, text_sha256)
);
CREATE INDEX IF NOT EXISTS articles_sha ON articles(text_sha256);
CREATE INDEX IF NOT EXISTS articles_url ON articles(event, url);
CREATE TABLE IF NOT EXISTS analyses (
    text_sha256      TEXT NOT NULL,
    analyzer_version TEXT NOT NULL,
    analysis_json    TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    PRIMARY KEY (text_sha256, analyzer_version)
);
"""


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")


def default_path() -> Path:
    """The store used when no path is given: ``$FRAMING_DB`` or the user data directory."""
    env = os.environ.get("FRAMING_DB")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("framing")) / "corpus.sqlite"



def bundled_actor_file(event: str) -> Path | None:
    """``corpora/<event>/actors.toml`` shipped with framing, if there is one for this event."""
    try:
        p = files("framing.corpora").joinpath(event, "actors.toml")
        return Path(str(p)) if p.is_file() else None
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError):  # pragma: no cover
        return None


# --------------------------------------------------------------------------- results



@dataclass(frozen=True)
class AnalyzeResult:
    """What a batch analysis did: analyses computed now, served from the cache, failures (article id, reason)."""

    event: str
    total: int
    computed: int = 0
    cached: int = 0
    failed: tuple[tuple[str, str], ...] = ()
    seconds: float = 0.0
    workers: int = 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "event": self.event,
            "total": self.total,
            "computed": self.computed,
            "cached": self.cached,
            "failed": [{"article": a, "error": e} for a, e in self.failed],
            "seconds": round(self.seconds, 3),
            "workers": self.workers,
        }


@dataclass(frozen=True)
class StoredArticle:
    """A row of the ``articles`` table (without the article JSON)."""

    id: int
    event: str
    record_id: str | None
    outlet: str | None
    lean: str | None
    url: str | None
    title: str | None
    published: str | None
    text_kind: str | None
    text_sha256: str
    words: int
    analyzed: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


# --------------------------------------------------------------------------- the store


def _restore(cached: dict[str, Any], article: Article) -> Analysis:
    """A cached analysis as a typed :class:`~framing.schema.Analysis`, carrying the store's ``article``.

    ``Analysis.from_dict`` restores the sections and provenance; the article is
    the store's own (its ``meta`` adds ``event`` and ``store_id``, which the
    cached JSON, computed from the imported article, does not hold).
    """
    return replace(Analysis.from_dict(cached), article=article)


def damaged(path: Path, detail: str) -> str:
    """The one-line report of a store that fails SQLite's integrity check, with the recovery step."""
    detail = " ".join(detail.split())[:200]
    return (
        f"{path}: the corpus store is damaged (SQLite: {detail}); it was not used. Move it aside "
        f"(mv {path} {path}.damaged) and import the articles again, or salvage what is readable with: "
        f"sqlite3 {path}.damaged .recover | sqlite3 {path}"
    )


class Store(ImportMixin):
    """One corpus store file. Open with ``Store(path)`` (``None`` = :func:`default_path`).

    Use as a context manager or call :meth:`close`. Each Store holds one SQLite
    connection; open one Store per thread or process.
    """

    def __init__(self, path: str | os.PathLike | None = None, *, create: bool = True,
                 lock_timeout: float = BUSY_TIMEOUT_MS / 1000):
        self.path = Path(path).expanduser() if path is not None else default_path()
        if not (isinstance(lock_timeout, int | float) and 0 <= lock_timeout <= 86_400):
            raise CorpusError(f"lock timeout must be a number of seconds in [0, 86400], got {lock_timeout!r}")
        self.lock_timeout = float(lock_timeout)
        self._version: str | None = None
        self._overrides_cache: dict[str, tuple[Any, str]] = {}
        p = self.path
        if p.is_dir():
            raise CorpusError(f"{p} is a folder; give the path of a store file (e.g. {p / 'corpus.sqlite'})")
        if not p.exists():
            if not create:
                raise CorpusError(f"{p}: no corpus store there; import articles first (framing corpus import FILE --event NAME)")
            try:
                p.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise CorpusError(f"{p.parent}: cannot create the folder for the store ({exc.strerror}); choose another --db path") from None
        elif not os.access(p, os.R_OK):
            raise CorpusError(f"{p}: cannot read the store file (permission denied); check its permissions or choose another --db path")
        else:
            with p.open("rb") as fh:
                head = fh.read(16)
            if head and head != b"SQLite format 3\x00":
                raise CorpusError(f"{p} is not a framing corpus store (not an SQLite database); choose another --db path")
        try:
            self._con = sqlite3.connect(str(p), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise CorpusError(f"{p}: cannot open the store ({exc}); check the path and its permissions") from None
        self._con.row_factory = sqlite3.Row
        try:
            self._setup()
        except sqlite3.DatabaseError as exc:
            self._con.close()
            msg = str(exc)
            if "malformed" in msg:
                raise CorpusError(damaged(p, msg)) from None
            if "not a database" in msg:
                raise CorpusError(f"{p} is not a framing corpus store ({msg}); choose another --db path") from None
            if "readonly" in msg or "read-only" in msg or "unable to open" in msg:
                raise CorpusError(f"{p}: the store cannot be written ({msg}); check the file and folder permissions") from None
            raise CorpusError(f"{p}: cannot use the store ({msg})") from None

    # -- connection setup --------------------------------------------------

    def _setup(self) -> None:
        con = self._con
        con.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        con.execute("PRAGMA foreign_keys = ON")
        for attempt in range(50):
            try:
                mode = con.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                break
            except sqlite3.OperationalError as exc:  # another process is switching the mode right now
                if "locked" not in str(exc) or attempt == 49:
                    raise
                time.sleep(0.1)
        if str(mode).lower() != "wal":  # pragma: no cover - e.g. some network filesystems
            log.warning("%s: WAL journal not available (journal_mode=%s); concurrent use will be slower", self.path, mode)
        con.execute("PRAGMA synchronous = NORMAL")
        problems = [r[0] for r in con.execute("PRAGMA quick_check(3)")]  # a damaged store is never served as a cache
        if problems != ["ok"]:
            raise CorpusError(damaged(self.path, "; ".join(str(x) for x in problems)))
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if tables and "meta" not in tables:
            raise CorpusError(
                f"{self.path} is an SQLite database but not a framing corpus store (tables: {', '.join(sorted(tables)[:5])}); "
                "choose another --db path"
            )
        if "meta" in tables:
            row = con.execute("SELECT value FROM meta WHERE key='application'").fetchone()
            if row is None or row[0] != APPLICATION:
                raise CorpusError(f"{self.path} is an SQLite database but not a framing corpus store; choose another --db path")
            fmt = con.execute("SELECT value FROM meta WHERE key='store_format'").fetchone()
            if fmt is not None and int(fmt[0]) > STORE_FORMAT:
                raise CorpusError(
                    f"{self.path} was written by a newer framing (store format {fmt[0]}, this one reads {STORE_FORMAT}); upgrade framing"
                )
            return
        with self._write():
            for stmt in _SCHEMA.split(";"):
                if stmt.strip():
                    con.execute(stmt)
            con.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('application', ?)", (APPLICATION,))
            con.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('store_format', ?)", (str(STORE_FORMAT),))
            con.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('created_at', ?)", (_now(),))

    class _Tx:
        """``BEGIN IMMEDIATE`` that waits for another writer at most ``lock_timeout`` seconds, saying so once on the
        log (a waiting command does not look hung), then a one-line CorpusError (exit code 2) instead of SQLite's
        "database is locked"."""

        def __init__(self, con: sqlite3.Connection, path: Path | None = None, lock_timeout: float = BUSY_TIMEOUT_MS / 1000):
            self.con, self.path, self.lock_timeout = con, path, lock_timeout

        def __enter__(self):
            first = min(0.5, self.lock_timeout)
            try:
                self.con.execute(f"PRAGMA busy_timeout = {int(first * 1000)}")
                try:
                    self.con.execute("BEGIN IMMEDIATE")
                except sqlite3.OperationalError as exc:
                    if "locked" not in str(exc) and "busy" not in str(exc):
                        raise
                    rest = self.lock_timeout - first
                    log.warning("%s is being written by another framing process; waiting up to %.0f s for it "
                                "(--lock-timeout SECONDS to change)", self.path, rest)
                    self.con.execute(f"PRAGMA busy_timeout = {int(rest * 1000)}")
                    try:
                        self.con.execute("BEGIN IMMEDIATE")
                    except sqlite3.OperationalError as exc2:
                        if "locked" not in str(exc2) and "busy" not in str(exc2):
                            raise
                        raise CorpusError(
                            f"{self.path}: another process kept the store locked for {self.lock_timeout:g} s; wait for "
                            "it to finish (or stop it), or pass a longer --lock-timeout") from None
            finally:
                self.con.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            return self.con

        def __exit__(self, et, ev, tb):
            if et is None:
                self.con.execute("COMMIT")
            else:
                self.con.execute("ROLLBACK")
            return False

    def _write(self) -> Store._Tx:
        """A write transaction: ``BEGIN IMMEDIATE`` (waits for other writers), COMMIT or ROLLBACK."""
        return Store._Tx(self._con, self.path, self.lock_timeout)

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    # -- events ------------------------------------------------------------

    def _ensure_event(self, con: sqlite3.Connection, event: str, description: str = "") -> None:
        con.execute(
            "INSERT OR IGNORE INTO events(name, description, created_at) VALUES (?, ?, ?)", (event, description, _now())
        )

    def has_event(self, event: str) -> bool:
        return self._con.execute("SELECT 1 FROM events WHERE name=?", (event,)).fetchone() is not None

    def require_event(self, event: str) -> None:
        """Raise CorpusError (naming the known events and the import command) unless the store holds ``event``."""
        self._require_event(event)

    def _require_event(self, event: str) -> None:
        check_event_name(event)
        if not self.has_event(event):
            names = [r[0] for r in self._con.execute("SELECT name FROM events ORDER BY name")]
            known = f"known events: {', '.join(names)}" if names else "the store is empty"
            raise CorpusError(
                f"no event {event!r} in the store {self.path} ({known}); import articles with: framing corpus import FILE --event {event}"
            )

    def events(self) -> list[dict[str, Any]]:
        """Every event: name, description, number of articles, of outlets, and of articles analyzed under the current key."""
        out = []
        for r in self._con.execute(
            "SELECT e.name, e.description, e.created_at, COUNT(a.id) AS n, COUNT(DISTINCT a.outlet) AS outlets "
            "FROM events e LEFT JOIN articles a ON a.event = e.name GROUP BY e.name ORDER BY e.name"
        ):
            key = self.analysis_key(r["name"])
            done = self._con.execute(
                "SELECT COUNT(*) FROM articles a JOIN analyses x ON x.text_sha256 = a.text_sha256 AND x.analyzer_version = ? "
                "WHERE a.event = ?",
                (key, r["name"]),
            ).fetchone()[0]
            out.append(
                {
                    "name": r["name"],
                    "description": r["description"],
                    "created_at": r["created_at"],
                    "articles": r["n"],
                    "outlets": r["outlets"],
                    "analyzed": done,
                }
            )
        return out

    # -- adding articles ---------------------------------------------------

    def _insert(self, con: sqlite3.Connection, event: str, article: Article) -> bool:
        """Insert one article (inside the caller's transaction); False when the event already holds this text."""
        cur = con.execute(
            "INSERT OR IGNORE INTO articles(event, record_id, outlet, lean, url, title, published, text_kind, text_sha256, "
            "article_json, imported_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                event,
                article.get("record_id"),
                article.outlet,
                article.get("lean"),
                article.url,
                article.title or None,
                article.published,
                article.get("text_kind"),
                article.sha256,
                json.dumps(article.to_dict(), ensure_ascii=False),
                _now(),
            ),
        )
        return cur.rowcount == 1

    def add_articles(self, articles: Iterable[Article], event: str, *, description: str = "") -> ImportResult:
        """Add Articles to ``event`` in ONE transaction (all or nothing); texts already in the event are skipped."""
        check_event_name(event)
        arts = list(articles)
        added = 0
        with self._write() as con:
            self._ensure_event(con, event, description)
            for art in arts:
                art = _with_meta(art, event=event)
                added += self._insert(con, event, art)
        return ImportResult(event, added=added, existing=len(arts) - added)

    def add_article(self, article: Article, event: str) -> bool:
        """Add one Article (its own transaction); False when the event already holds this text."""
        return self.add_articles([article], event).added == 1

    # -- reading -----------------------------------------------------------

    def _rows(self, event: str) -> list[sqlite3.Row]:
        self._require_event(event)
        return self._con.execute("SELECT * FROM articles WHERE event=? ORDER BY id", (event,)).fetchall()

    @staticmethod
    def _article(row: sqlite3.Row) -> Article:
        art = Article.from_dict(json.loads(row["article_json"]))
        return _with_meta(art, event=row["event"], store_id=str(row["id"]))

    def articles(self, event: str) -> list[Article]:
        """The event's articles, in import order (``meta`` carries ``event``, ``store_id``, ``lean``, ``record_id``...)."""
        return [self._article(r) for r in self._rows(event)]

    def list_articles(self, event: str) -> list[StoredArticle]:
        """The event's articles as table rows, with whether each is analyzed under the current key."""
        key = self.analysis_key(event)
        done = {
            r[0]
            for r in self._con.execute(
                "SELECT a.text_sha256 FROM articles a JOIN analyses x ON x.text_sha256=a.text_sha256 AND x.analyzer_version=? "
                "WHERE a.event=?",
                (key, event),
            )
        }
        out = []
        for r in self._rows(event):
            words = int(json.loads(r["article_json"]).get("word_count") or 0)
            out.append(
                StoredArticle(
                    r["id"], r["event"], r["record_id"], r["outlet"], r["lean"], r["url"], r["title"], r["published"],
                    r["text_kind"], r["text_sha256"], words, r["text_sha256"] in done,
                )
            )
        return out

    def count(self, table: str = "articles", event: str | None = None) -> int:
        """Row count of ``articles`` or ``analyses`` (optionally only for one event's texts)."""
        if table not in ("articles", "analyses", "events"):
            raise ValueError(table)
        if event is None:
            return self._con.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        if table == "articles":
            return self._con.execute("SELECT COUNT(*) FROM articles WHERE event=?", (event,)).fetchone()[0]
        return self._con.execute(
            "SELECT COUNT(*) FROM analyses WHERE text_sha256 IN (SELECT text_sha256 FROM articles WHERE event=?)", (event,)
        ).fetchone()[0]

    # -- analyses ----------------------------------------------------------

    def analyzer_version(self) -> str:
        """:func:`framing.pipeline.analyzer_version`, computed once per Store."""
        if self._version is None:
            self._version = analyzer_version()
        return self._version

    def event_actors(self, event: str | None) -> tuple[Any, str]:
        """(overrides for :func:`framing.pipeline.analyze`, their digest) from the bundled ``corpora/<event>/actors.toml``."""
        if not event:
            return None, ""
        if event not in self._overrides_cache:
            f = bundled_actor_file(event)
            if f is None:
                self._overrides_cache[event] = (None, "")
            else:
                digest = hashlib.sha256(f.read_bytes()).hexdigest()[:12]
                self._overrides_cache[event] = (load_actor_file(f), digest)
        return self._overrides_cache[event]

    def analysis_key(self, event: str | None = None) -> str:
        """The cache key of analyses: analyzer version, plus the actors-file digest when the event has one."""
        _, digest = self.event_actors(event)
        v = self.analyzer_version()
        return f"{v}+actors:{digest}" if digest else v

    def cached_analysis(self, text_sha256: str, key: str) -> dict[str, Any] | None:
        row = self._con.execute(
            "SELECT analysis_json FROM analyses WHERE text_sha256=? AND analyzer_version=?", (text_sha256, key)
        ).fetchone()
        if not row:
            return None
        try:
            return json.loads(row[0])
        except (ValueError, TypeError):  # a damaged row is recomputed and replaced, never served
            log.warning("%s: the cached analysis of %s does not decode; recomputing it", self.path, text_sha256[:12])
            return None

    def _put_analysis(self, text_sha256: str, key: str, analysis_json: str) -> None:
        with self._write() as con:
            con.execute(
                "INSERT OR REPLACE INTO analyses(text_sha256, analyzer_version, analysis_json, created_at) VALUES (?,?,?,?)",
                (text_sha256, key, analysis_json, _now()),
            )

    def get_or_analyze(self, article: Article, *, event: str | None = None, event_actors: Any = None) -> Analysis:
        """The Analysis of ``article``: from the cache when its text and the analysis key match, else computed and stored.

        ``event`` picks the bundled actors file (``corpora/<event>/actors.toml``);
        ``event_actors`` overrides it (then the cache key carries their digest).
        """
        if event_actors is not None:
            digest = hashlib.sha256(json.dumps(event_actors, sort_keys=True, default=str).encode()).hexdigest()[:12]
            overrides, key = event_actors, f"{self.analyzer_version()}+actors:{digest}"
        else:
            overrides, _ = self.event_actors(event)
            key = self.analysis_key(event)
        cached = self.cached_analysis(article.sha256, key)
        if cached is not None:
            log.debug("cache hit %s (%s)", article.sha256[:12], key)
            return _restore(cached, article)
        analysis = analyze(article, event_actors=overrides)
        self._put_analysis(article.sha256, key, analysis.to_json())
        return analysis

    def analyses(self, event: str, *, compute_missing: bool = True) -> list[Analysis]:
        """The Analysis of every article of ``event`` (import order). Cached ones are restored with
        ``Analysis.from_dict`` (typed sections, as fresh ones); missing ones are computed here and stored,
        unless ``compute_missing=False`` (then they are left out). Each Analysis carries the
        store's Article (with ``meta`` event/lean/record_id)."""
        key = self.analysis_key(event)
        out = []
        for row in self._rows(event):
            art = self._article(row)
            cached = self.cached_analysis(row["text_sha256"], key)
            if cached is not None:
                out.append(_restore(cached, art))
            elif compute_missing:
                out.append(self.get_or_analyze(art, event=event))
        return out

    def missing(self, event: str) -> list[sqlite3.Row]:
        """Articles of ``event`` without an analysis under the current key (one row per distinct text)."""
        key = self.analysis_key(event)
        self._require_event(event)
        return self._con.execute(
            "SELECT a.* FROM articles a LEFT JOIN analyses x ON x.text_sha256=a.text_sha256 AND x.analyzer_version=? "
            "WHERE a.event=? AND x.text_sha256 IS NULL GROUP BY a.text_sha256 ORDER BY a.id",
            (key, event),
        ).fetchall()

    def analyze_event(self, event: str, *, workers: int = 2, force: bool = False, progress: Progress | None = None) -> AnalyzeResult:
        """Analyze every article of ``event`` that has no analysis under the current key.

        The work goes through :mod:`framing.engine`, the same code as ``framing batch``:
        ``workers`` > 1 starts a local Dask cluster of that many worker processes
        (models loaded once per worker; the workers die with this process), in
        chunks of up to :data:`CHUNK` articles parsed with ``nlp.pipe``; without
        Dask installed, or with one worker, the chunks run in this process. This
        process writes each result in its own transaction as it arrives, so killing
        the run loses only the analyses in flight, and re-running computes only
        what is missing. ``force`` recomputes all.
        """
        t0 = time.perf_counter()
        total = self.count("articles", event) if self.has_event(event) else 0
        key = self.analysis_key(event)
        overrides, _ = self.event_actors(event)
        if force:
            self._require_event(event)
            rows = self._con.execute("SELECT * FROM articles WHERE event=? GROUP BY text_sha256 ORDER BY id", (event,)).fetchall()
        else:
            rows = self.missing(event)
        todo = [(r["text_sha256"], r["record_id"] or str(r["id"]), r["article_json"]) for r in rows]
        cached = total - len(todo) if not force else 0
        computed = 0
        failed: list[tuple[str, str]] = []
        if progress:
            progress(0, len(todo), "analyzing")
        n_workers = max(1, min(int(workers), len(todo))) if todo else 1
        if n_workers > 1 and not engine.have_dask():
            log.info("Dask is not installed (pip install 'framing[dask]'): analyzing in this process")
            n_workers = 1

        def record(sha: str, label: str, result: str | None, error: str | None) -> None:
            nonlocal computed
            if error is not None:
                failed.append((label, error))
                log.warning("analysis of %s failed: %s", label, error)
            elif result is not None:
                self._put_analysis(sha, key, result)  # one transaction per article
                computed += 1
            if progress:
                progress(computed + len(failed), len(todo), "analyzing")

        size = max(1, min(CHUNK, -(-len(todo) // (4 * n_workers)))) if todo else 1
        chunks = [todo[i : i + size] for i in range(0, len(todo), size)]
        if n_workers == 1:
            for chunk in chunks:
                for sha, label, res, err in engine.analyze_json_chunk(chunk, overrides):
                    record(sha, label, res, err)
        else:
            with engine.local_client(n_workers) as client:
                for (chunk, _), res, exc in engine.stream(client, engine.analyze_json_chunk, [(c, overrides) for c in chunks]):
                    if exc is not None:  # the whole task failed (e.g. its worker died three times)
                        for sha, label, _ in chunk:
                            record(sha, label, None, engine.describe(exc))
                        continue
                    for sha, label, js, err in res:
                        record(sha, label, js, err)
        return AnalyzeResult(event, total, computed, cached, tuple(failed), time.perf_counter() - t0, n_workers)

    def integrity_check(self) -> str:
        """SQLite's ``PRAGMA integrity_check`` ("ok" when the file is sound; the full check, slower than the
        ``quick_check`` every open runs)."""
        return self._con.execute("PRAGMA integrity_check").fetchone()[0]

