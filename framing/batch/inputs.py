"""Batch inputs: JSON Lines, Parquet and folders of article files, local or at any fsspec URL, cut into partitions.

An input is a path or an fsspec URL (``file://``, ``s3://`` ... when the
filesystem package is installed) of

* a ``.jsonl`` file (``.jsonl.gz`` etc. too, by fsspec's compression from the
  suffix) in the shared corpus format, one record per line (mapped by
  :func:`framing.corpus.article_from_record`, exactly as ``corpus import`` does);
* a ``.parquet`` file with the same columns (``id``, ``title``, ``text``,
  ``outlet``, ``outlet_normalized``, ``lean``, ``url``, ``date`` ...);
* a folder: its ``.txt``/``.md``/``.html``/``.htm`` files (one article each,
  :func:`framing.ingest.load_path`; README/KEY files skipped) form one shard, and
  every ``.jsonl``/``.parquet`` file in it is a shard of its own.

Each input file is a *shard*, named ``<stem>-<8 hex of its URL>`` so two files
with the same name in different folders differ. A shard is cut into partitions
of ``partition_size`` records: :class:`Partition` holds only where to read
(byte range of a JSON Lines file, row range of a Parquet file, the file list of
a folder), never the records, so the client's memory does not grow with the
input. The client reads a JSON Lines file once to find the partition
boundaries (streaming; lines are counted, not kept).

Article ids: the record's ``id``, else ``<shard>:<line>`` (JSON Lines) or
``<shard>:<row>`` (Parquet); a file's stem for article files. A line that is
not a JSON object, a record without text, or a file that cannot be read is a
:class:`BadRecord` (it becomes a row of the ``errors`` table).
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any

import fsspec

from framing.corpus import ARTICLE_SUFFIXES, article_from_record
from framing.errors import FramingError, InputError
from framing.ingest import load_path
from framing.schema import Article

__all__ = ["BadRecord", "Partition", "partitions", "read_partition"]

DEFAULT_PARTITION_SIZE = 50
_SKIP_NAMES = ("README.MD", "KEY.MD")
_SAFE = re.compile(r"[^A-Za-z0-9_.-]+")


@dataclass(frozen=True)
class Partition:
    """Where to read one partition of a shard (and nothing else).

    ``kind``: ``jsonl`` (``start``/``stop`` are byte offsets, ``first`` the line
    number of the first line), ``parquet`` (``start``/``stop`` row numbers) or
    ``files`` (``files`` the URLs of the article files).
    """

    url: str
    kind: str
    shard: str
    index: int
    start: int = 0
    stop: int = 0
    first: int = 1
    files: tuple[str, ...] = field(default=())

    @property
    def name(self) -> str:
        """Deterministic partition name: ``<shard>/part-<index>`` (the output files are named after it)."""
        return f"{self.shard}/part-{self.index:05d}"


@dataclass(frozen=True)
class BadRecord:
    """An input record that is not an article: its id (``shard:line``) and the one-line reason."""

    id: str
    reason: str


def shard_name(url: str) -> str:
    """``<stem>-<first 8 hex of sha256(url)>``, safe as a folder name."""
    stem = PurePosixPath(url.rstrip("/")).name
    for suffix in (".gz", ".bz2", ".xz", ".zst", ".jsonl", ".parquet"):
        stem = stem.removesuffix(suffix)
    stem = _SAFE.sub("_", stem)[:60] or "input"
    return f"{stem}-{hashlib.sha256(url.encode()).hexdigest()[:8]}"


def _url(fs: Any, path: str) -> str:
    return fs.unstrip_protocol(path) if hasattr(fs, "unstrip_protocol") else path


def _kind(path: str) -> str | None:
    name = path.lower()
    for suf in (".gz", ".bz2", ".xz", ".zst"):
        name = name.removesuffix(suf)
    if name.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    if name.endswith(".parquet"):
        return "parquet"
    if name.endswith(tuple(ARTICLE_SUFFIXES)):
        return "file"
    return None


def partitions(inputs: Sequence[str], partition_size: int = DEFAULT_PARTITION_SIZE) -> Iterator[Partition]:
    """Every partition of every input, in input order (a generator: one shard is scanned at a time)."""
    size = max(1, int(partition_size))
    for inp in inputs:
        try:
            fs, path = fsspec.core.url_to_fs(str(inp))
        except (ImportError, ValueError) as exc:
            raise InputError(f"{inp}: cannot open this URL ({exc}); install the fsspec filesystem package for its protocol") from None
        if not fs.exists(path):
            raise InputError(f"{inp}: no such file or folder; check the path or URL")
        if fs.isdir(path):
            found = sorted(fs.find(path))
            files = [p for p in found if _kind(p) == "file" and PurePosixPath(p).name.upper() not in _SKIP_NAMES
                     and not PurePosixPath(p).name.startswith(".")]
            if files:
                shard = shard_name(_url(fs, path))
                for i in range(0, len(files), size):
                    yield Partition(_url(fs, path), "files", shard, i // size, files=tuple(_url(fs, f) for f in files[i : i + size]))
            for p in found:
                if _kind(p) in ("jsonl", "parquet"):
                    yield from _file_partitions(fs, p, size)
            if not files and not any(_kind(p) in ("jsonl", "parquet") for p in found):
                raise InputError(f"{inp}: the folder holds no .jsonl, .parquet, .txt, .md or .html files")
            continue
        if _kind(path) not in ("jsonl", "parquet", "file"):
            raise InputError(f"{inp}: not a .jsonl, .parquet or article file (.txt .md .html .htm), nor a folder")
        yield from _file_partitions(fs, path, size)


def _file_partitions(fs: Any, path: str, size: int) -> Iterator[Partition]:
    url = _url(fs, path)
    shard, kind = shard_name(url), _kind(path)
    if kind == "file":
        yield Partition(url, "files", shard, 0, files=(url,))
    elif kind == "parquet":
        import pyarrow.parquet as pq  # lazy: optional dependency (framing[dask])

        with fs.open(path, "rb") as fh:
            n = pq.ParquetFile(fh).metadata.num_rows
        for i, start in enumerate(range(0, n, size)):
            yield Partition(url, "parquet", shard, i, start, min(n, start + size))
    else:
        yield from _jsonl_partitions(fs, path, url, shard, size)


def _jsonl_partitions(fs: Any, path: str, url: str, shard: str, size: int) -> Iterator[Partition]:
    """Partitions of ``size`` non-blank lines: byte ranges found in one streaming pass (lines are not kept)."""
    compressed = _kind(path) == "jsonl" and not path.lower().endswith((".jsonl", ".ndjson"))
    if compressed:  # no byte seeking into a compressed stream: one partition per file
        yield Partition(url, "jsonl", shard, 0, 0, -1, 1)
        return
    index, count, pos, start, first = 0, 0, 0, 0, 1
    with fs.open(path, "rb") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                if count == 0:
                    start, first = pos, n
                count += 1
            pos += len(line)
            if count == size:
                yield Partition(url, "jsonl", shard, index, start, pos, first)
                index, count = index + 1, 0
    if count:
        yield Partition(url, "jsonl", shard, index, start, pos, first)


# --------------------------------------------------------------------------- reading (in the worker)


def read_partition(part: Partition, event: str, *, check_language: bool = False) -> Iterator[Article | BadRecord]:
    """The articles (and bad records) of one partition, in order. Each article's ``meta`` holds ``event`` and ``record_id``."""
    if part.kind == "files":
        yield from _read_files(part, event, check_language)
    elif part.kind == "parquet":
        yield from _read_parquet(part, event, check_language)
    else:
        yield from _read_jsonl(part, event, check_language)


def _record(rec: dict[str, Any], where: str, rid: str, event: str, check_language: bool) -> Article | BadRecord:
    try:
        art = article_from_record(rec, where=where, event=event, check_language=check_language)
    except FramingError as exc:
        return BadRecord(str(rec.get("id") or rid), str(exc))
    if art.get("record_id") is None:
        art = replace(art, meta=tuple(sorted({**dict(art.meta), "record_id": rid}.items())))
    return art


def _read_jsonl(part: Partition, event: str, check_language: bool) -> Iterator[Article | BadRecord]:
    fs, path = fsspec.core.url_to_fs(part.url)
    if part.stop < 0:  # a compressed file: read whole, decompressed by fsspec from its suffix
        with fs.open(path, "rb", compression="infer") as raw:
            data = raw.read()
    else:
        with fs.open(path, "rb") as fh:
            fh.seek(part.start)
            data = fh.read(part.stop - part.start)
    for n, raw_line in enumerate(io.BytesIO(data), part.first):
        if not raw_line.strip():
            continue
        rid, where = f"{part.shard}:{n}", f"{part.url}:{n}"
        try:
            rec = json.loads(raw_line.decode("utf-8-sig"))
        except UnicodeDecodeError as exc:
            yield BadRecord(rid, f"{where}: not valid UTF-8 (byte {exc.start})")
            continue
        except (ValueError, RecursionError) as exc:
            msg = exc.msg if isinstance(exc, json.JSONDecodeError) else type(exc).__name__
            yield BadRecord(rid, f"{where}: not valid JSON ({msg}); each line must be one JSON object")
            continue
        if not isinstance(rec, dict):
            yield BadRecord(rid, f"{where}: expected a JSON object, got {type(rec).__name__}")
            continue
        yield _record(rec, where, rid, event, check_language)


def _read_parquet(part: Partition, event: str, check_language: bool) -> Iterator[Article | BadRecord]:
    import pyarrow.parquet as pq  # lazy: optional dependency (framing[dask])

    fs, path = fsspec.core.url_to_fs(part.url)
    with fs.open(path, "rb") as fh:
        pf = pq.ParquetFile(fh)
        row = 0
        for g in range(pf.metadata.num_row_groups):
            n = pf.metadata.row_group(g).num_rows
            if row + n > part.start and row < part.stop:
                recs = pf.read_row_group(g).to_pylist()
                for j, rec in enumerate(recs, row):
                    if part.start <= j < part.stop:
                        yield _record(rec, f"{part.url}:row {j}", f"{part.shard}:{j}", event, check_language)
            row += n
            if row >= part.stop:
                break


def _read_files(part: Partition, event: str, check_language: bool) -> Iterator[Article | BadRecord]:
    """Article files through :func:`framing.ingest.load_path` (as ``corpus import`` reads them); a remote file is
    first copied to a temporary local file of the same suffix."""
    for url in part.files:
        fs, path = fsspec.core.url_to_fs(url)
        stem = PurePosixPath(path).stem
        try:
            if "file" in _protocols(fs):
                art = load_path(path, check_language=check_language)
            else:
                with tempfile.TemporaryDirectory() as tmp:
                    local = Path(tmp) / PurePosixPath(path).name
                    fs.get(path, str(local))
                    art = replace(load_path(local, check_language=check_language), source=url)
        except (FramingError, OSError) as exc:
            yield BadRecord(stem, f"{url}: {exc}")
            continue
        yield replace(art, meta=tuple(sorted({**dict(art.meta), "event": event, "record_id": stem}.items())))


def _protocols(fs: Any) -> tuple[str, ...]:
    p = fs.protocol
    return (p,) if isinstance(p, str) else tuple(p)
