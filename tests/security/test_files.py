"""Safe files out and in (issue 22, item 5).

Out: a planted ``.part`` or temporary-name link is never followed, a link or FIFO at the target is refused, bad
paths (missing folder, over-long name, a file in the way) fail in one line *before* any work. In: only regular
files are read (``/dev/zero``, a FIFO, a folder refused before any read), with a hard byte cap.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from pathlib import Path

import pytest
from cli_run import run_cli

import framing
from framing.errors import InputError
from framing.ingest import files as ingest_files
from framing.ingest import load_path, read
from framing.ingest.files import read_capped
from framing.report import output, render_report
from framing.report.output import check_output_folder, check_output_path, write_output

BODY = (
    "Officials said the new bridge over the river would open to traffic on Monday morning after two years of work. "
    "The mayor told reporters that the project had stayed within its budget and thanked the crews who built it."
)
VICTIM = "precious data that must survive\n"

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs os.mkfifo (POSIX)")


@pytest.fixture(scope="module")
def analysis():
    return framing.analyze(framing.load_text(BODY, title="Bridge opens"))


@pytest.fixture
def victim(tmp_path):
    p = tmp_path / "victim.txt"
    p.write_text(VICTIM, encoding="utf-8")
    return p


def _one_line_error(exc: pytest.ExceptionInfo) -> str:
    msg = str(exc.value)
    assert "\n" not in msg and msg.strip() == msg
    return msg


def _bounded(fn, seconds: float = 10.0, fifo: Path | None = None):
    """Run ``fn`` in a thread; fail (instead of hanging the suite) if it has not returned in ``seconds``."""
    box: dict = {}

    def target():
        try:
            box["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - handed back to the test
            box["error"] = exc

    t = threading.Thread(target=target, daemon=True)
    start = time.monotonic()
    t.start()
    t.join(seconds)
    if t.is_alive():
        if fifo is not None:  # release a reader blocked in open(): open the write end without blocking
            with contextlib.suppress(OSError):
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail(f"still running after {seconds} s (blocked on a FIFO or an endless file?)")
    return box, time.monotonic() - start


# --------------------------------------------------------------------------- files out


def test_planted_part_symlink_is_not_followed(analysis, tmp_path, victim):
    """The issue's hijack: ``report.html.part`` planted as a link to another file; its target must survive."""
    target = tmp_path / "report.html"
    planted = tmp_path / "report.html.part"
    planted.symlink_to(victim)
    p = render_report(analysis, "html", path=target)
    assert Path(p) == target and target.is_file() and not target.is_symlink()
    assert "<html" in target.read_text(encoding="utf-8").lower()
    assert victim.read_text(encoding="utf-8") == VICTIM
    assert planted.is_symlink() and os.readlink(planted) == str(victim)
    assert sorted(x.name for x in tmp_path.iterdir()) == ["report.html", "report.html.part", "victim.txt"]


def test_planted_temporary_name_symlink_is_not_followed(tmp_path, victim, monkeypatch):
    """Even a link planted under the exact temporary name is never opened (O_CREAT|O_EXCL|O_NOFOLLOW): another name is drawn."""
    names = iter(["planted", "fresh"])
    monkeypatch.setattr(output, "_token", lambda: next(names))
    planted = tmp_path / ".framing-planted.tmp"
    planted.symlink_to(victim)
    target = tmp_path / "out.md"
    assert write_output(target, "# report\n") == target
    assert target.read_text(encoding="utf-8") == "# report\n"
    assert victim.read_text(encoding="utf-8") == VICTIM
    assert planted.is_symlink()
    assert not (tmp_path / ".framing-fresh.tmp").exists()  # renamed over the target


def test_planted_dangling_temporary_name_is_not_created_through(tmp_path, monkeypatch):
    """A dangling link under the temporary name would make a plain open create its target elsewhere: not with O_EXCL."""
    names = iter(["planted", "fresh"])
    monkeypatch.setattr(output, "_token", lambda: next(names))
    elsewhere = tmp_path / "elsewhere.txt"
    (tmp_path / ".framing-planted.tmp").symlink_to(elsewhere)
    write_output(tmp_path / "out.md", "x")
    assert not elsewhere.exists()


def test_symlink_target_is_refused(analysis, tmp_path, victim):
    target = tmp_path / "report.html"
    target.symlink_to(victim)
    with pytest.raises(InputError) as exc:
        render_report(analysis, "html", path=target)
    assert "symbolic link" in _one_line_error(exc)
    assert target.is_symlink() and victim.read_text(encoding="utf-8") == VICTIM
    with pytest.raises(InputError, match="symbolic link"):
        write_output(target, "x")
    assert [x.name for x in tmp_path.iterdir() if x.name.startswith(".framing-")] == []


@needs_fifo
def test_fifo_target_is_refused_without_blocking(analysis, tmp_path):
    target = tmp_path / "report.html"
    os.mkfifo(target)
    box, _ = _bounded(lambda: render_report(analysis, "html", path=target), fifo=target)
    assert isinstance(box.get("error"), InputError), box
    assert "FIFO" in str(box["error"]) and "\n" not in str(box["error"])
    assert not target.is_file()  # still the FIFO, not replaced by a regular file


def test_device_target_is_refused():
    if not os.path.exists("/dev/null"):
        pytest.skip("no /dev/null")
    with pytest.raises(InputError, match="character device"):
        check_output_path("/dev/null")


def test_missing_parent_folder(tmp_path):
    bad = tmp_path / "nope" / "report.html"
    with pytest.raises(InputError) as exc:
        check_output_path(bad)
    assert "does not exist" in _one_line_error(exc)
    # the library's render_report creates missing folders (documented), after the same checks
    assert check_output_path(bad, make_parents=True) == bad


def test_a_file_in_the_way_of_the_folder(tmp_path):
    f = tmp_path / "plain.txt"
    f.write_text("x", encoding="utf-8")
    for make_parents in (False, True):
        with pytest.raises(InputError, match="is a file, not a folder"):
            check_output_path(f / "report.html", make_parents=make_parents)
        with pytest.raises(InputError, match="is a file, not a folder"):
            check_output_path(f / "sub" / "report.html", make_parents=make_parents)


def test_over_long_name(tmp_path):
    with pytest.raises(InputError) as exc:
        check_output_path(tmp_path / ("a" * 300 + ".html"))
    assert "bytes long" in _one_line_error(exc)
    with pytest.raises(InputError, match="bytes long"):
        write_output(tmp_path / ("é" * 200 + ".md"), "x")  # 400 bytes in UTF-8
    with pytest.raises(InputError, match="longer than"):
        check_output_path(tmp_path.joinpath(*["d" * 200] * 30, "r.html"), make_parents=True)


def test_write_is_atomic_and_leaves_nothing_behind(tmp_path, monkeypatch):
    target = tmp_path / "r.md"
    target.write_text("old", encoding="utf-8")
    write_output(target, "new")
    assert target.read_text(encoding="utf-8") == "new"

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "replace", broken_replace)
    with pytest.raises(InputError, match="cannot write") as exc:
        write_output(target, "newer")
    _one_line_error(exc)
    assert target.read_text(encoding="utf-8") == "new"
    assert sorted(x.name for x in tmp_path.iterdir()) == ["r.md"]


def test_folder_target_gets_a_named_file_and_a_link_to_a_folder_is_a_folder(analysis, tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    assert check_output_path(link) == link
    p = Path(render_report(analysis, "markdown", path=link))
    assert p.parent == link and (real / p.name).is_file()


def test_check_output_folder(tmp_path):
    assert check_output_folder(tmp_path / "new") == tmp_path / "new"
    f = tmp_path / "f"
    f.write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="not a folder"):
        check_output_folder(f)
    with pytest.raises(InputError, match="does not exist"):
        check_output_folder(tmp_path / "a" / "b")


# --------------------------------------------------------------------------- the CLI checks paths before any work




@pytest.fixture
def no_work(monkeypatch):
    """Fail loudly if a command starts reading or analysing."""

    def boom(*a, **k):
        raise AssertionError("the command started working before checking its output paths")

    monkeypatch.setattr(framing, "read", boom)
    monkeypatch.setattr(framing, "analyze", boom)


@pytest.mark.parametrize("cmd", ["score", "compare"])
@pytest.mark.parametrize("option", ["--html", "--pdf"])
def test_cli_bad_output_paths_fail_before_work(cmd, option, tmp_path, victim, no_work, capsys):
    src = tmp_path / "a.txt"
    src.write_text("Bridge opens\n\n" + BODY, encoding="utf-8")
    link = tmp_path / "link.html"
    link.symlink_to(victim)
    for bad, why in ((tmp_path / "missing" / "r.html", "does not exist"), (tmp_path / ("x" * 300), "bytes long"), (link, "symbolic link")):
        argv = [cmd, str(src), *([str(src)] if cmd == "compare" else []), option, str(bad)]
        code, out, err = run_cli(argv, capsys)
        assert code == 2 and out == "", err
        assert err.startswith("framing: error: ") and err.count("\n") == 1 and why in err, err
    assert victim.read_text(encoding="utf-8") == VICTIM


def test_cli_demo_bad_out_fails_before_work(tmp_path, capsys):
    f = tmp_path / "file"
    f.write_text("x", encoding="utf-8")
    db = tmp_path / "c.sqlite"
    for bad, why in ((f, "not a folder"), (tmp_path / "a" / "b", "does not exist")):
        code, _out, err = run_cli(["demo", "--out", str(bad), "--db", str(db), "--quiet", "--no-pdf"], capsys)
        assert code == 2 and err.count("\n") == 1 and why in err, err
    assert not db.exists()  # the store was never opened


# --------------------------------------------------------------------------- files in


def test_dev_zero_fails_fast_in_one_line():
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    for fn in (load_path, read, read_capped):
        box, took = _bounded(lambda fn=fn: fn("/dev/zero"), seconds=10)
        err = box.get("error")
        assert isinstance(err, InputError) and "character device" in str(err) and "\n" not in str(err), box
        assert took < 2, f"{fn.__name__} took {took:.1f} s"


@needs_fifo
def test_fifo_input_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "story.txt"
    os.mkfifo(fifo)
    for fn in (load_path, read):
        box, _ = _bounded(lambda fn=fn: fn(str(fifo)), seconds=10, fifo=fifo)
        err = box.get("error")
        assert isinstance(err, InputError) and "FIFO" in str(err) and "\n" not in str(err), box


@needs_fifo
def test_fifo_swapped_in_after_the_check_does_not_block(tmp_path, monkeypatch):
    """Between stat and open the file may be replaced by a FIFO: the non-blocking open and fstat still refuse it."""
    fifo = tmp_path / "swapped.txt"
    os.mkfifo(fifo)
    regular = os.stat(__file__)
    monkeypatch.setattr(ingest_files, "_stat", lambda p: regular)
    box, _ = _bounded(lambda: read_capped(fifo), seconds=10, fifo=fifo)
    assert isinstance(box.get("error"), InputError) and "FIFO" in str(box["error"]), box


def test_folder_input_is_refused(tmp_path):
    with pytest.raises(InputError, match="is a folder") as exc:
        load_path(tmp_path)
    _one_line_error(exc)


def test_read_is_capped_whatever_the_size_says(tmp_path, monkeypatch):
    p = tmp_path / "a.txt"
    p.write_bytes(b"x" * 11)
    assert read_capped(p, cap=11) == b"x" * 11
    with pytest.raises(InputError, match="up to 10 bytes"):
        read_capped(p, cap=10)
    # a size that lies (a device says 0; a file may grow): the read itself stops at cap + 1 bytes
    real_fstat = os.fstat

    def lying_fstat(fd):
        st = real_fstat(fd)
        return os.stat_result((st.st_mode, st.st_ino, st.st_dev, st.st_nlink, st.st_uid, st.st_gid, 0, *st[7:10]))

    monkeypatch.setattr(ingest_files.os, "fstat", lying_fstat)
    with pytest.raises(InputError, match="more than 10 bytes"):
        read_capped(p, cap=10)


def test_link_to_a_regular_file_is_read(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Bridge opens\n\n" + BODY, encoding="utf-8")
    link = tmp_path / "b.txt"
    link.symlink_to(p)
    assert load_path(link).text == load_path(p).text
