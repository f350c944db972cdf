"""Worker processes die with their parent (issue 21's orphan-worker test; issue 20's engine).

``framing corpus analyze --workers 2`` runs on the batch engine (a local Dask cluster: its scheduler and nannies
live in the command's process, each nanny starts a worker process). Killing the command with SIGKILL, which no
handler can catch, must leave none of its child processes running: each worker watches its parent and exits when
it is gone (Dask's worker process ends when its nanny's pipe closes; framing.engine.watch_parent is a second
guard that polls the parent pid). The store stays sound.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

psutil = pytest.importorskip("psutil", reason="psutil comes with framing[dask] (dask.distributed)")
pytest.importorskip("distributed", reason="framing[dask] is not installed (pip install 'framing[dask]')")

from framing.corpus import Store  # noqa: E402

REPO = Path(__file__).resolve().parents[2]


def _alive(p: psutil.Process) -> bool:
    try:
        return p.is_running() and p.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def test_sigkill_of_corpus_analyze_leaves_no_worker(tmp_path):
    db = tmp_path / "corpus.sqlite"
    with Store(db) as st:
        st.import_path(REPO / "corpora" / "example", "example")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    cmd = [sys.executable, "-m", "framing", "corpus", "analyze", "--event", "example", "--workers", "2", "--db", str(db), "--quiet"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    kids: list[psutil.Process] = []
    try:
        parent = psutil.Process(proc.pid)
        deadline = time.time() + 180
        while time.time() < deadline and proc.poll() is None:
            kids = [k for k in parent.children(recursive=True) if _alive(k)]
            if sum("resource_tracker" not in " ".join(k.cmdline()) for k in kids) >= 2:  # the two worker processes
                break
            time.sleep(0.2)
        assert proc.poll() is None and len(kids) >= 2, f"the cluster did not start in time ({len(kids)} children)"
        time.sleep(1.0)  # let the workers get going
        kids = [k for k in parent.children(recursive=True) if _alive(k)]
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        deadline = time.time() + 30
        while time.time() < deadline and any(_alive(k) for k in kids):
            time.sleep(0.2)
        left = [k.pid for k in kids if _alive(k)]
        assert not left, f"worker processes left running after SIGKILL of their parent: {left}"
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        for k in kids:  # never leave one of the command's processes behind, even on failure
            if _alive(k):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(k.pid, signal.SIGKILL)
    with Store(db) as st:
        assert st.integrity_check() == "ok"
