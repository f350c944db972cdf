"""One parallel engine: analyze articles in chunks, in this process or on a Dask cluster.

Both faces that analyze many articles go through here, so they cannot drift:
``framing batch`` (:mod:`framing.batch`, Parquet out) and ``framing corpus
analyze`` (:meth:`framing.corpus.Store.analyze_event`, the SQLite store).

* :func:`analyze_many` — the analyses of a chunk of articles: parsed with
  ``nlp.pipe`` in batches of ``batch_size`` (:func:`framing.nlp.parse_many`),
  then :func:`framing.pipeline.analyze` for each (which finds the parse in the
  per-process cache). A failing article becomes its exception in the result
  list; the chunk goes on. Same results as ``framing.analyze`` one by one (the
  batch tests compare the digests).
* :func:`local_client` — a Dask ``LocalCluster`` of N worker processes on
  127.0.0.1 (one thread each, no dashboard), and its ``Client``. Each worker
  process runs :func:`dask_setup` (Dask's preload hook): it loads spaCy, the
  lexicons and the models once (:func:`warm_up`, in a thread, so the worker
  registers at once) and starts a watchdog that ends the process when its
  parent (the client process, where a LocalCluster's nannies live) dies, so a
  SIGKILL of the parent leaves no orphaned worker (within ~0.5 s).
* :func:`stream` — submit tasks to a Dask client with at most ``window`` in
  flight and yield the results as they complete: the client never holds every
  pending task, so memory stays bounded however long the input is.

Dask (``dask[distributed]``) is an optional dependency (``framing[dask]``);
:func:`have_dask` tells whether it is installed, and the callers fall back to
:func:`analyze_many` in process without it.

Known limits: the watchdog polls (0.5 s); a process whose parent is replaced
by a subreaper other than init is caught too (the parent pid changes). A task
that crashes its worker is retried by Dask up to ``distributed.scheduler.allowed-failures``
(3) times, then reported as failed.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from framing.errors import FramingError
from framing.nlp import get_nlp, parse_many
from framing.pipeline import ANALYZERS, analyze, analyzer_version
from framing.resources import lexicons as lexicon_files
from framing.resources import models as model_files
from framing.schema import Analysis, Article

log = logging.getLogger(__name__)

__all__ = ["analyze_many", "dask_setup", "have_dask", "local_client", "stream", "warm_up", "watch_parent"]

DEFAULT_BATCH_SIZE = 16
WATCH_INTERVAL_S = 0.5


def have_dask() -> bool:
    """Whether ``dask.distributed`` is importable (the ``framing[dask]`` extra)."""
    return importlib.util.find_spec("distributed") is not None and importlib.util.find_spec("dask") is not None


def warm_up() -> str:
    """Load what every analysis needs, once per process: the spaCy pipeline, every lexicon and model; the analyzer version."""
    get_nlp()
    lexicon_files.digests()
    for spec in ANALYZERS:
        for name in spec.models:
            with contextlib.suppress(Exception):  # a missing model is reported by the analysis itself
                model_files.load(name)
    return analyzer_version()


def analyze_many(articles: Sequence[Article], *, event_actors: Any = None,
                 batch_size: int = DEFAULT_BATCH_SIZE) -> list[Analysis | BaseException]:
    """The :class:`~framing.schema.Analysis` of each article, or the exception its analysis raised.

    Articles are parsed with ``nlp.pipe`` ``batch_size`` at a time (then each is
    analyzed while its parse is in the per-process cache, which holds 128); a
    batch whose pipe fails (one text over a cap) falls back to one parse per
    article, so one bad text fails only itself.
    """
    out: list[Analysis | BaseException] = []
    step = max(1, min(int(batch_size), 64))
    for i in range(0, len(articles), step):
        chunk = articles[i : i + step]
        with contextlib.suppress(Exception):  # the per-article analyze below reports the failing one
            parse_many(chunk, batch_size=step)
        for art in chunk:
            try:
                out.append(analyze(art, event_actors=event_actors))
            except Exception as exc:  # noqa: BLE001 - reported per article, the chunk goes on
                out.append(exc)
    return out


def analyze_json_chunk(items: Sequence[tuple[str, str, str]], event_actors: Any = None,
                       batch_size: int = DEFAULT_BATCH_SIZE) -> list[tuple[str, str, str | None, str | None]]:
    """Worker task of the corpus store: ``(sha, label, article JSON)`` in, ``(sha, label, analysis JSON, error)`` out."""
    arts: list[Article | None] = []
    errors: dict[int, str] = {}
    for i, (_, _, aj) in enumerate(items):
        try:
            arts.append(Article.from_dict(json.loads(aj)))
        except Exception as exc:  # noqa: BLE001 - a bad stored article fails only itself
            arts.append(None)
            errors[i] = describe(exc)
    good = [a for a in arts if a is not None]
    results = iter(analyze_many(good, event_actors=event_actors, batch_size=batch_size))
    out: list[tuple[str, str, str | None, str | None]] = []
    for i, (sha, label, _) in enumerate(items):
        if arts[i] is None:
            out.append((sha, label, None, errors[i]))
            continue
        res = next(results)
        if isinstance(res, BaseException):
            out.append((sha, label, None, describe(res)))
        else:
            out.append((sha, label, res.to_json(), None))
    return out


def describe(exc: BaseException) -> str:
    """One line for a failed article: the message of a FramingError, else ``Type: message``."""
    msg = str(exc) if isinstance(exc, FramingError) else f"{type(exc).__name__}: {exc}"
    return " ".join(msg.split())[:500]


# --------------------------------------------------------------------------- worker processes


def watch_parent(interval: float = WATCH_INTERVAL_S) -> threading.Thread:
    """Start a daemon thread that ends this process (``os._exit(0)``) once its parent process is gone."""
    parent = os.getppid()

    def watch() -> None:  # pragma: no cover - runs in worker processes
        while True:
            time.sleep(interval)
            if os.getppid() != parent:
                os._exit(0)

    t = threading.Thread(target=watch, name="framing-parent-watchdog", daemon=True)
    t.start()
    return t


def dask_setup(service: Any = None) -> None:  # pragma: no cover - runs in worker processes
    """Dask's preload hook of a worker (``preload=["framing.engine"]``): watch the parent, load the models once.

    In a ``LocalCluster`` the nannies live in the client's process and each worker
    process is their child, so the worker watches the client process itself.
    Not for nannies (``preload_nanny``): a nanny of a LocalCluster is the client
    process, which must not end with *its* parent.
    """
    if type(service).__name__ == "Nanny":
        return
    watch_parent()
    threading.Thread(target=_quiet_warm_up, name="framing-warm-up", daemon=True).start()


def _quiet_warm_up() -> None:  # pragma: no cover - runs in worker processes
    try:
        warm_up()
    except Exception as exc:  # noqa: BLE001 - the first analysis reports the problem
        log.warning("warm-up failed: %s", exc)


@contextlib.contextmanager
def local_client(n_workers: int = 2, *, memory_limit: str | float | None = "auto", silence: bool = True) -> Iterator[Any]:
    """A ``dask.distributed.Client`` on a new ``LocalCluster``: ``n_workers`` processes, one thread each, on 127.0.0.1.

    Workers preload this module (:func:`dask_setup`): models once per process,
    and they die with their parent. Closed (cluster and workers) on exit.
    """
    from distributed import Client, LocalCluster  # lazy: optional dependency (framing[dask])

    kw: dict[str, Any] = {
        "n_workers": max(1, int(n_workers)), "threads_per_worker": 1, "processes": True, "host": "127.0.0.1",
        "dashboard_address": None, "preload": ["framing.engine"],
    }
    if memory_limit is not None:
        kw["memory_limit"] = memory_limit
    if silence:
        kw["silence_logs"] = logging.ERROR
    cluster = LocalCluster(**kw)
    client = Client(cluster)
    try:
        yield client
    finally:
        with contextlib.suppress(Exception):
            client.close()
        with contextlib.suppress(Exception):
            cluster.close()


def stream(client: Any, fn: Callable[..., Any], tasks: Iterable[tuple[Any, ...]], *, window: int = 0,
           retries: int = 2, key: Callable[[tuple[Any, ...]], str] | None = None) -> Iterator[tuple[tuple[Any, ...], Any, BaseException | None]]:
    """Run ``fn(*task)`` for every task on ``client``, at most ``window`` in flight; yield ``(task, result, error)`` as they finish.

    ``window`` defaults to 4 tasks per worker thread. ``retries`` re-runs a task
    that raised (Dask re-runs a task whose worker died by itself). ``key`` names
    a task's Dask key (deterministic names make a retried task the same task).
    """
    from distributed import as_completed  # lazy: optional dependency (framing[dask])

    if window <= 0:
        threads = sum((client.nthreads() or {}).values()) or 1
        window = 4 * threads
    it = iter(tasks)
    futures: dict[Any, tuple[Any, ...]] = {}
    ac = as_completed()

    def submit_next() -> bool:
        task = next(it, None)
        if task is None:
            return False
        kw = {"key": key(task)} if key is not None else {"pure": False}
        fut = client.submit(fn, *task, retries=retries, **kw)
        futures[fut] = task
        ac.add(fut)
        return True

    for _ in range(window):
        if not submit_next():
            break
    for fut in ac:
        task = futures.pop(fut)
        try:
            res, err = fut.result(), None
        except Exception as exc:  # noqa: BLE001 - the caller reports the failed task
            res, err = None, exc
        fut.release()
        yield task, res, err
        submit_next()
