"""framing.batch.analyze: inputs in, one Parquet dataset out, one task per partition, on Dask or in process.

How a run goes
    1. The client lists the partitions of every input (:func:`framing.batch.inputs.partitions`:
       byte or row ranges, never the records) and writes ``<out>/_manifest.json``
       (framing and analyzer versions, lexicon and model digests, the tables and their
       columns). An output folder whose manifest names another analyzer version is refused.
    2. A partition is *finished* when its marker ``<out>/_partitions/<shard>/part-NNNNN.json``
       exists and every file it lists exists. Finished partitions are skipped, so a
       rerun does only what is missing (or was deleted).
    3. Every other partition is one task (:func:`run_partition`), at most 4 per worker
       in flight (:func:`framing.engine.stream`). The task reads its records, analyzes
       them with :func:`framing.engine.analyze_many` (``nlp.pipe`` in batches; spaCy and
       the models loaded once per worker process), and writes one file per table under
       a deterministic name (``<table>/event=E/shard=S/part-NNNNN.parquet``; written to a
       hidden temporary name, then renamed), then the marker.

Fault tolerance
    An article that fails (bad record, text over a cap, an analyzer error) is a row
    of ``errors`` with a one-line reason; the batch goes on. A task whose worker is
    killed is re-run by Dask on another worker; because it rewrites the same file
    names, a retried or re-run partition never adds duplicate rows. A partition
    that fails as a whole (e.g. the output is not writable) is reported in
    :attr:`BatchResult.failed` and left unfinished for the next run.

Known limits: one event per run (``event``; records' own event fields are not
read); a compressed JSON Lines file is one partition (no seeking into a
compressed stream); the output folder must be reachable by every worker (a
shared filesystem or an object store URL).
"""

from __future__ import annotations

import datetime as _dt
import functools
import importlib.metadata
import json
import logging
import os
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import fsspec
import pyarrow.parquet as pq

from framing import engine
from framing.batch import tables
from framing.batch.inputs import DEFAULT_PARTITION_SIZE, BadRecord, Partition, partitions, read_partition
from framing.corpus import bundled_actor_file, check_event_name
from framing.errors import InputError
from framing.nlp.parse import model_name
from framing.pipeline import analyzer_version
from framing.resources import lexicons as lexicon_files
from framing.resources import models as model_files
from framing.resources.events import load_actor_file
from framing.schema import SCHEMA_VERSION, Article
from framing.version import __version__

__all__ = ["DEFAULT_EVENT", "BatchResult", "analyze", "event_actors", "manifest", "run_partition"]

log = logging.getLogger(__name__)

DEFAULT_EVENT = "default"
MANIFEST = "_manifest.json"
MARKERS = "_partitions"
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class BatchResult:
    """What a run did: partitions computed now and skipped (finished before), articles and error rows written now,
    partitions that failed as a whole (name, reason), seconds, workers, and the seconds to the first finished partition."""

    out: str
    partitions: int
    computed: int = 0
    skipped: int = 0
    articles: int = 0
    errors: int = 0
    failed: tuple[tuple[str, str], ...] = ()
    seconds: float = 0.0
    workers: int = 0
    first_result_s: float | None = None
    words: int = 0
    details: tuple[dict[str, Any], ...] = field(default=(), repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "out": self.out, "partitions": self.partitions, "computed": self.computed, "skipped": self.skipped,
            "articles": self.articles, "errors": self.errors, "words": self.words,
            "failed": [{"partition": p, "error": e} for p, e in self.failed], "seconds": round(self.seconds, 3),
            "workers": self.workers, "first_result_s": None if self.first_result_s is None else round(self.first_result_s, 3),
        }


# --------------------------------------------------------------------------- paths and the manifest


def _fs(out: str) -> tuple[Any, str]:
    fs, root = fsspec.core.url_to_fs(str(out))
    return fs, root.rstrip("/")


def part_path(root: str, table: str, event: str, part: Partition) -> str:
    """``<root>/<table>/event=<event>/shard=<shard>/part-NNNNN.parquet``."""
    return f"{root}/{table}/event={event}/shard={part.shard}/part-{part.index:05d}.parquet"


def marker_path(root: str, part: Partition) -> str:
    return f"{root}/{MARKERS}/{part.shard}/part-{part.index:05d}.json"


def manifest(event: str, *, keep_json: bool, partition_size: int, inputs: Sequence[str]) -> dict[str, Any]:
    """The ``_manifest.json`` of a run: versions, digests, tables and their columns."""
    try:
        spacy_model = {"package": model_name(), "version": importlib.metadata.version(model_name().replace("_", "-"))}
    except Exception:  # noqa: BLE001 - the manifest still names the package
        spacy_model = {"package": "unknown", "version": ""}
    return {
        "format": "framing-batch/1",
        "framing_version": __version__,
        "analyzer_version": analyzer_version(),
        "schema_version": SCHEMA_VERSION,
        "spacy_pipeline": spacy_model,
        "lexicons": lexicon_files.digests(),
        "models": model_files.artifact_digests(),
        "event": event,
        "partition_size": partition_size,
        "inputs": [str(i) for i in inputs],
        "partitioning": ["event", "shard"],
        "tables": {t: [{"name": f.name, "type": str(f.type)} for f in tables.schema(t)] for t in tables.table_names(keep_json=keep_json)},
        "created_at": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
    }


def _check_manifest(fs: Any, root: str, new: dict[str, Any]) -> None:
    path = f"{root}/{MANIFEST}"
    if fs.exists(path):
        with fs.open(path, "r", encoding="utf-8") as fh:
            try:
                old = json.load(fh)
            except ValueError:
                old = {}
        if old.get("analyzer_version") not in (None, new["analyzer_version"]):
            raise InputError(
                f"{root}: holds results of another analyzer version ({old.get('analyzer_version')}, this one is "
                f"{new['analyzer_version']}); choose a new --out folder so the two are not mixed"
            )
    with fs.open(path, "w", encoding="utf-8") as fh:
        json.dump(new, fh, indent=1, sort_keys=True)


def finished(fs: Any, root: str, part: Partition) -> bool:
    """Whether ``part`` has its marker and every file the marker lists."""
    mp = marker_path(root, part)
    if not fs.exists(mp):
        return False
    try:
        with fs.open(mp, "r", encoding="utf-8") as fh:
            files = json.load(fh).get("files") or []
    except (ValueError, OSError):
        return False
    return bool(files) and all(fs.exists(f"{root}/{f}") for f in files)


# --------------------------------------------------------------------------- the task


@functools.cache
def event_actors(event: str) -> Any:
    """The bundled ``corpora/<event>/actors.toml`` of ``event`` (loaded once per process), or None."""
    f = bundled_actor_file(event)
    return load_actor_file(f) if f is not None else None


def _write(fs: Any, path: str, table: Any) -> None:
    folder, name = path.rsplit("/", 1)
    fs.makedirs(folder, exist_ok=True)
    tmp = f"{folder}/.{name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp"  # hidden: dataset readers skip it
    with fs.open(tmp, "wb") as fh:
        pq.write_table(table, fh, compression="zstd")
    fs.mv(tmp, path)


def run_partition(part: Partition, out: str, event: str, options: dict[str, Any]) -> dict[str, Any]:
    """Analyze one partition and write its files and marker; a summary (counts, seconds, process id) back.

    Runs on a Dask worker (or in process). Deterministic: the same partition
    always writes the same file names, so a retry replaces, never adds.
    """
    t0 = time.perf_counter()
    fs, root = _fs(out)
    keep_json = bool(options.get("keep_json"))
    items = list(read_partition(part, event, check_language=bool(options.get("check_language"))))
    arts = [x for x in items if isinstance(x, Article)]
    results = engine.analyze_many(arts, event_actors=event_actors(event), batch_size=int(options.get("batch_size") or 16))
    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in tables.table_names(keep_json=keep_json)}
    done = iter(results)
    words = 0
    for x in items:
        if isinstance(x, BadRecord):
            rows["errors"].append({"id": x.id, "stage": "read", "reason": " ".join(x.reason.split())[:500]})
            continue
        res = next(done)
        if isinstance(res, BaseException):
            rows["errors"].append({"id": x.get("record_id") or x.sha256[:16], "stage": "analyze", "reason": engine.describe(res)})
            continue
        words += x.word_count
        for t, rs in tables.rows_of(res, keep_json=keep_json).items():
            rows[t].extend(rs)
    files = []
    for t, rs in rows.items():
        path = part_path(root, t, event, part)
        _write(fs, path, tables.to_table(t, rs))
        files.append(path[len(root) + 1 :])
    summary = {"partition": part.name, "articles": len(rows["articles"]), "errors": len(rows["errors"]), "words": words,
               "files": files, "seconds": round(time.perf_counter() - t0, 3), "pid": os.getpid()}
    mp = marker_path(root, part)
    fs.makedirs(mp.rsplit("/", 1)[0], exist_ok=True)
    with fs.open(mp, "w", encoding="utf-8") as fh:
        json.dump(summary, fh)
    return summary


# --------------------------------------------------------------------------- the run


def analyze(inputs: Sequence[str] | str, out: str, client: Any = None, *, workers: int = 2, event: str | None = None,
            partition_size: int = DEFAULT_PARTITION_SIZE, batch_size: int = engine.DEFAULT_BATCH_SIZE, keep_json: bool = False,
            check_language: bool = False, progress: Progress | None = None) -> BatchResult:
    """Analyze every article of ``inputs`` into the Parquet dataset ``out`` (see the module docstring).

    ``client``: a ``dask.distributed.Client`` to run on; without one, a local
    cluster of ``workers`` processes is started for the run (and closed), or,
    with ``workers=0`` or without Dask installed, everything runs in this
    process. ``event`` names the event of every article (default
    ``"default"``; its bundled ``actors.toml`` is used when there is one).
    ``keep_json`` also writes the ``analyses`` table (the whole JSON).
    """
    t0 = time.perf_counter()
    inputs = [inputs] if isinstance(inputs, (str, os.PathLike)) else list(inputs)
    if not inputs:
        raise InputError("framing batch needs at least one INPUT (a .jsonl or .parquet file, a folder, or a URL of one)")
    event = check_event_name(event or DEFAULT_EVENT)
    fs, root = _fs(out)
    try:
        fs.makedirs(root, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{out}: cannot create the output folder ({exc}); choose another --out") from None
    parts = list(partitions([str(i) for i in inputs], partition_size))
    _check_manifest(fs, root, manifest(event, keep_json=keep_json, partition_size=partition_size, inputs=[str(i) for i in inputs]))
    todo = [p for p in parts if not finished(fs, root, p)]
    options = {"keep_json": keep_json, "check_language": check_language, "batch_size": batch_size}
    tasks = [(p, str(out), event, options) for p in todo]
    state: dict[str, Any] = {"computed": 0, "articles": 0, "errors": 0, "words": 0, "first": None}
    failed: list[tuple[str, str]] = []
    details: list[dict[str, Any]] = []

    def record(task: tuple[Any, ...], res: Any, err: BaseException | None) -> None:
        if err is not None:
            failed.append((task[0].name, engine.describe(err)))
            log.warning("partition %s failed: %s", task[0].name, engine.describe(err))
        else:
            state["computed"] += 1
            for k in ("articles", "errors", "words"):
                state[k] += res[k]
            details.append(res)
            if state["first"] is None:
                state["first"] = time.perf_counter() - t0
        if progress:
            progress(state["computed"] + len(failed), len(tasks), "partitions")

    salt = uuid.uuid4().hex[:8]  # one per run: a retried task keeps its key, two runs do not share keys

    def key(task: tuple[Any, ...]) -> str:
        return f"framing-batch-{task[0].shard}-{task[0].index:05d}-{salt}"

    n_workers = 0
    if progress:
        progress(0, len(tasks), "partitions")
    if tasks and client is None and workers > 0 and engine.have_dask():
        with engine.local_client(workers) as c:
            n_workers = workers
            for task, res, err in engine.stream(c, run_partition, tasks, key=key):
                record(task, res, err)
    elif tasks and client is not None:
        n_workers = len(client.nthreads() or {})
        try:  # a cluster started without `--preload framing.engine`: load the models on each worker now, once
            client.run(engine.warm_up)
        except Exception as exc:  # noqa: BLE001 - the tasks report a worker that cannot analyze
            log.warning("loading the models on the workers failed: %s", engine.describe(exc))
        for task, res, err in engine.stream(client, run_partition, tasks, key=key):
            record(task, res, err)
    else:
        for task in tasks:
            try:
                res, err = run_partition(*task), None
            except Exception as exc:  # noqa: BLE001 - reported per partition; the run goes on
                res, err = None, exc
            record(task, res, err)
    return BatchResult(str(out), len(parts), state["computed"], len(parts) - len(todo), state["articles"], state["errors"],
                       tuple(failed), time.perf_counter() - t0, n_workers, state["first"], state["words"], tuple(details))
