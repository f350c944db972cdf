"""Importers: articles into the corpus store from JSON Lines, folders of files, and URL lists.

* :func:`article_from_record` maps one record of the shared corpus JSON Lines
  format to an :class:`~framing.schema.Article`;
* :func:`read_jsonl_records` and :func:`read_url_list` read and check input files
  (one-line :class:`~framing.errors.InputError` naming ``file:line``);
* :func:`check_event_name` checks an event name;
* :class:`ImportMixin` holds the ``import_*`` and ``add_urls`` methods of
  :class:`framing.corpus.store.Store`: every import validates its whole input
  before writing and is idempotent; URL lists commit one article per
  transaction as each download completes. Only ``add_urls`` touches the
  network, through :func:`framing.ingest.fetch_article`.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from framing.errors import ExtractionError, FramingError, InputError
from framing.ingest import fetch_article, load_path, load_text
from framing.ingest.files import MAX_JSON_DEPTH, json_depth_ok
from framing.ingest.polite import DEFAULT_DELAY, HostPacer
from framing.schema import Article

log = logging.getLogger(__name__)

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
_EVENT_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
LEANS = ("left", "center", "right")

Progress = Callable[[int, int, str], None]
"""A progress callback: ``(done, total, label)``; the CLI draws a bar with it."""


def check_event_name(event: str) -> str:
    """Return ``event`` if it is a usable event name (letters, digits, ``.``, ``_``, ``-``), else raise InputError."""
    if not isinstance(event, str) or not _EVENT_RE.match(event):
        raise InputError(
            f"event name {event!r} is not usable; use letters, digits, '.', '_' or '-' (e.g. soleimani-2020), at most 100 characters"
        )
    return event



@dataclass(frozen=True)
class ImportResult:
    """What an import did: articles added, already present (skipped), and failures (source, one-line reason)."""

    event: str
    added: int = 0
    existing: int = 0
    failed: tuple[tuple[str, str], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "event": self.event,
            "added": self.added,
            "existing": self.existing,
            "failed": [{"source": s, "error": e} for s, e in self.failed],
        }



def _with_meta(article: Article, **extra: str) -> Article:
    meta = dict(article.meta)
    meta.update({k: str(v) for k, v in extra.items() if v is not None})
    return replace(article, meta=tuple(sorted(meta.items())))



# --------------------------------------------------------------------------- record mapping


def _as_str(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, (list, tuple)):
        parts = [str(x).strip() for x in v if str(x).strip()]
        return ", ".join(parts) or None
    s = str(v).strip()
    return s or None


def _norm_lean(v: Any) -> str | None:
    s = _as_str(v)
    return s.lower() if s else None


_RECORD_META = ("id", "outlet", "outlet_country", "text_kind", "date_kind", "lean_scope", "lean_source", "source_topic", "framing")


def article_from_record(rec: Mapping[str, Any], *, where: str, event: str, check_language: bool = True) -> Article:
    """Map one JSON Lines record (the shared corpus format) to an Article.

    ``title`` -> title; ``text`` -> body; ``outlet_normalized`` (else ``outlet``) -> outlet;
    ``url``; ``date`` -> published; ``authors`` -> byline; ``id``, ``lean``, ``text_kind``,
    the raw ``outlet`` and a few descriptive fields go into ``Article.meta``.
    """
    text = rec.get("text")
    if not isinstance(text, str):
        raise InputError(f"{where}: the record has no 'text' string; each line needs at least \"text\" (and usually \"title\")")
    title = rec.get("title")
    if title is not None and not isinstance(title, str):
        raise InputError(f"{where}: 'title' must be a string, got {type(title).__name__}")
    meta = {"event": event}
    for k in _RECORD_META:
        s = _as_str(rec.get(k))
        if s is not None:
            meta["record_" + k if k in ("id", "outlet") else k] = s
    lean = _norm_lean(rec.get("lean"))
    if lean:
        meta["lean"] = lean
    try:
        return load_text(
            text,
            title=title or None,
            url=_as_str(rec.get("url")),
            outlet=_as_str(rec.get("outlet_normalized")) or _as_str(rec.get("outlet")),
            published=_as_str(rec.get("date") or rec.get("published")),
            byline=_as_str(rec.get("authors") or rec.get("byline")),
            source=where,
            extractor="jsonl-record",
            meta=meta,
            check_language=check_language,
        )
    except ExtractionError as exc:
        raise InputError(f"{where}: {exc}") from None


def read_jsonl_records(path: Path, *, bad: list[tuple[str, str]] | None = None) -> Iterator[tuple[int, dict]]:
    """Yield ``(line number, record)`` for every non-blank line; InputError naming ``file:line`` otherwise.

    With a ``bad`` list, a line that is not a JSON object is appended to it as
    ``("file:line", reason)`` and skipped instead.
    """
    try:
        fh = path.open("r", encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file; check the path") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read the file ({exc.strerror}); check its permissions") from None
    with fh:
        try:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    if not json_depth_ok(line):
                        raise RecursionError
                    rec = json.loads(line.strip())
                except RecursionError:
                    problem = f"JSON nested more than {MAX_JSON_DEPTH} levels deep; each line must be one flat JSON object"
                except json.JSONDecodeError as exc:
                    problem = f"not valid JSON ({exc.msg} at column {exc.colno}); each line must be one JSON object"
                else:
                    if isinstance(rec, dict):
                        yield n, rec
                        continue
                    problem = f"expected a JSON object, got {type(rec).__name__}"
                if bad is None:
                    raise InputError(f"{path}:{n}: {problem}")
                bad.append((f"{path}:{n}", f"{path}:{n}: {problem}"))
                log.warning("skipped %s:%d: %s", path, n, problem)
        except UnicodeDecodeError as exc:
            raise InputError(f"{path}: not valid UTF-8 (byte {exc.start}); re-save it as UTF-8") from None



def read_url_list(path: str | os.PathLike) -> list[str | dict[str, Any]]:
    """URLs from a file: a ``.jsonl`` manifest (records with ``url`` and metadata) or plain text, one URL per line
    (blank lines and ``#`` comments ignored)."""
    p = Path(path)
    if p.suffix.lower() in (".jsonl", ".ndjson"):
        out: list[str | dict[str, Any]] = []
        for n, rec in read_jsonl_records(p):
            if not _as_str(rec.get("url")):
                raise InputError(f"{p}:{n}: the record has no 'url'; a manifest line needs at least \"url\"")
            out.append(rec)
        return out
    try:
        lines = p.read_text(encoding="utf-8-sig").splitlines()
    except FileNotFoundError:
        raise InputError(f"{p}: no such file; check the path") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{p}: cannot read the URL list ({exc}); give a UTF-8 text file with one URL per line") from None
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


class ImportMixin:
    """The importing methods of :class:`framing.corpus.store.Store` (kept here, beside the record readers).

    They write through the store's ``add_articles`` / ``add_article`` (one
    transaction each) and, for URL lists, read the URLs already stored with
    ``_con`` and create the event with ``_write`` / ``_ensure_event``.
    """

    if TYPE_CHECKING:  # provided by Store
        _con: sqlite3.Connection

        def add_articles(self, articles: Iterable[Article], event: str, *, description: str = "") -> ImportResult: ...

        def add_article(self, article: Article, event: str) -> bool: ...

        def _write(self) -> Any: ...

        def _ensure_event(self, con: sqlite3.Connection, event: str, description: str = "") -> None: ...

    def import_jsonl(
        self,
        path: str | os.PathLike,
        event: str,
        *,
        skip_bad: bool = False,
        check_language: bool = True,
        progress: Progress | None = None,
    ) -> ImportResult:
        """Import a JSON Lines file in the shared corpus format (see :func:`article_from_record`).

        The whole file is read and checked first; a malformed line raises InputError
        naming ``file:line`` and nothing is written (``skip_bad=True`` skips bad
        records instead and lists them in ``failed``). Then one transaction adds
        every article; re-importing the same file adds nothing.
        """
        check_event_name(event)
        p = Path(path)
        if p.is_dir():
            raise InputError(f"{p} is a folder; use import_dir for folders of .txt/.html files")
        failed: list[tuple[str, str]] = []  # with skip_bad: malformed lines, then records that are not articles
        records = list(read_jsonl_records(p, bad=failed if skip_bad else None))
        if not records and failed:
            raise InputError(f"{p}: none of its {len(failed)} lines is a JSON object; each line must be one JSON object with \"title\" and \"text\"")
        if not records:
            raise InputError(f"{p}: no records (the file is empty); each line must be one JSON object with \"title\" and \"text\"")
        arts: list[Article] = []
        for i, (n, rec) in enumerate(records, 1):
            where = f"{p}:{n}"
            try:
                arts.append(article_from_record(rec, where=where, event=event, check_language=check_language))
            except FramingError as exc:
                if not skip_bad:
                    raise
                failed.append((where, str(exc)))
                log.warning("skipped %s", exc)
            if progress:
                progress(i, len(records), "reading")
        res = self.add_articles(arts, event)
        return replace(res, failed=tuple(failed))

    def import_files(
        self,
        paths: Sequence[str | os.PathLike],
        event: str,
        *,
        outlet: str | None = None,
        lean: str | None = None,
        skip_bad: bool = False,
        check_language: bool = True,
        progress: Progress | None = None,
    ) -> ImportResult:
        """Import article files (.txt/.md: first line is the headline; .html/.htm) with :func:`framing.ingest.load_path`.

        All files are read first; then one transaction adds them (all or nothing).
        ``outlet`` / ``lean`` apply to every file.
        """
        check_event_name(event)
        lean = _norm_lean(lean)
        arts: list[Article] = []
        failed: list[tuple[str, str]] = []
        for i, f in enumerate(paths, 1):
            try:
                art = load_path(f, check_language=check_language)
            except FramingError as exc:
                if not skip_bad:
                    raise
                failed.append((str(f), str(exc)))
                log.warning("skipped %s", exc)
                continue
            finally:
                if progress:
                    progress(i, len(paths), "reading")
            extra = {"record_id": Path(f).stem}
            if lean:
                extra["lean"] = lean
            art = _with_meta(art, **extra)
            if outlet:
                art = replace(art, outlet=outlet)
            arts.append(art)
        res = self.add_articles(arts, event)
        return replace(res, failed=tuple(failed))

    def import_dir(self, path: str | os.PathLike, event: str, **kw: Any) -> ImportResult:
        """Import every .txt/.md/.html/.htm file under a folder (recursively, in name order); see :meth:`import_files`."""
        p = Path(path)
        if not p.is_dir():
            raise InputError(f"{p}: not a folder; give a folder of .txt/.md/.html files or a .jsonl file")
        files = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in ARTICLE_SUFFIXES and not f.name.startswith("."))
        files = [f for f in files if f.name.upper() not in ("README.MD", "KEY.MD")]
        if not files:
            raise InputError(f"{p}: no .txt, .md, .html or .htm files in this folder")
        return self.import_files(files, event, **kw)

    def import_path(self, path: str | os.PathLike, event: str, **kw: Any) -> ImportResult:
        """Dispatch on the path: a .jsonl file, a folder, or a single article file."""
        p = Path(path)
        if not p.exists():
            raise InputError(f"{p}: no such file or folder; check the path")
        if p.is_dir():
            return self.import_dir(p, event, **kw)
        if p.suffix.lower() in (".jsonl", ".ndjson"):
            kw.pop("outlet", None)
            kw.pop("lean", None)
            return self.import_jsonl(p, event, **kw)
        return self.import_files([p], event, **kw)

    def add_urls(
        self,
        urls: Sequence[str | Mapping[str, Any]],
        event: str,
        *,
        outlet: str | None = None,
        lean: str | None = None,
        workers: int = 4,
        timeout: float = 15.0,
        check_language: bool = True,
        progress: Progress | None = None,
        allow_private_redirects: bool = False,
        delay: float = DEFAULT_DELAY,
    ) -> ImportResult:
        """Fetch URLs (``framing.ingest.fetch_article``) with ``workers`` threads and add each article as it arrives;
        requests to one host start ``delay`` seconds apart (:class:`framing.ingest.polite.HostPacer`).

        ``urls`` holds strings or manifest records (dicts with ``url`` and optionally
        ``outlet_normalized``/``outlet``, ``lean``, ``date``, ``id``, ``text_kind``;
        record values win over ``outlet``/``lean``). URLs already in the event are
        not fetched again. A URL that fails is logged, listed in ``failed`` with a
        one-line reason, and skipped. Each article is committed in its own
        transaction, so an interrupted run keeps what it fetched; re-run it to fetch
        the rest.
        """
        check_event_name(event)
        items: list[dict[str, Any]] = []
        for u in urls:
            d = {"url": u} if isinstance(u, str) else dict(u)
            url = _as_str(d.get("url"))
            if not url:
                raise InputError(f"a URL list entry has no url: {json.dumps(d)[:80]}")
            if not re.match(r"^https?://", url, re.I):
                raise InputError(f"{url!r} is not an http(s) URL; give addresses starting with http:// or https://")
            d["url"] = url
            items.append(d)
        with self._write() as con:
            self._ensure_event(con, event)
        have = {r[0] for r in self._con.execute("SELECT url FROM articles WHERE event=? AND url IS NOT NULL", (event,))}
        todo = [d for d in items if d["url"] not in have]
        existing = len(items) - len(todo)
        added = 0
        failed: list[tuple[str, str]] = []
        done = existing
        if progress:
            progress(done, len(items), "fetching")

        pacer = HostPacer(delay)

        def fetch(d: dict[str, Any]) -> Article:
            pacer.wait(d["url"])
            return fetch_article(d["url"], timeout=timeout, check_language=check_language,
                                 allow_private_redirects=allow_private_redirects)

        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            futs = {pool.submit(fetch, d): d for d in todo}
            pending = set(futs)
            try:
                while pending:
                    ready, pending = wait(pending, return_when=FIRST_COMPLETED)
                    for fut in ready:
                        d = futs[fut]
                        done += 1
                        try:
                            art = fut.result()
                        except FramingError as exc:
                            failed.append((d["url"], str(exc)))
                            log.warning("skipped %s: %s", d["url"], exc)
                        except Exception as exc:  # noqa: BLE001 - a bug or an unexpected library error: report, keep going
                            failed.append((d["url"], f"{type(exc).__name__}: {exc}"))
                            log.warning("skipped %s: %s: %s", d["url"], type(exc).__name__, exc)
                        else:
                            meta: dict[str, str] = {}
                            rid = _as_str(d.get("id"))
                            if rid:
                                meta["record_id"] = rid
                            rl = _norm_lean(d.get("lean")) or _norm_lean(lean)
                            if rl:
                                meta["lean"] = rl
                            tk = _as_str(d.get("text_kind"))
                            if tk:
                                meta["text_kind"] = tk
                            art = _with_meta(art, **meta)
                            out = _as_str(d.get("outlet_normalized")) or _as_str(d.get("outlet")) or outlet
                            if out:
                                art = replace(art, outlet=out)
                            if not art.published and _as_str(d.get("date")):
                                art = replace(art, published=_as_str(d.get("date")))
                            if self.add_article(art, event):
                                added += 1
                            else:
                                existing += 1
                        if progress:
                            progress(done, len(items), "fetching")
            except BaseException:
                for f in pending:
                    f.cancel()
                raise
        return ImportResult(event, added=added, existing=existing, failed=tuple(failed))
