"""Safe files out: output paths checked before any work, written atomically, never through a link.

A report path may come from a student's command line on a shared server, where
another user can plant files in a common folder. So:

* :func:`check_output_path` is called *before* the analysis starts (the CLI's
  ``--html``/``--pdf``, ``demo --out``) and again by :func:`write_output`: the
  folder must exist and be a folder (or, with ``make_parents``, the nearest
  existing ancestor must be one), the file name must fit ``NAME_MAX`` (bytes,
  usually 255) and the whole path ``PATH_MAX`` (usually 4096); an existing
  target must be a regular file: a symbolic link, a FIFO, a device or a socket
  there is refused (framing never writes through a link or into a special file).
* :func:`write_output` writes to a fresh temporary file in the target folder,
  created with ``O_CREAT | O_EXCL | O_NOFOLLOW`` under a random name (a file or a
  link planted under any name is never opened), flushes it to disk and renames
  it over the target atomically (``os.replace``), so readers see the old file or
  the whole new one, and a failed write leaves no temporary file behind.

Every refusal is one :class:`framing.errors.InputError` line. POSIX semantics;
on Windows ``O_NOFOLLOW`` is absent and the link checks rely on ``lstat``.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from pathlib import Path

from framing.errors import InputError

__all__ = ["check_output_folder", "check_output_path", "write_output"]

_DEFAULT_NAME_MAX = 255
_DEFAULT_PATH_MAX = 4096
_TMP_ATTEMPTS = 16
_KINDS = (
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _limit(folder: Path, name: str, default: int) -> int:
    try:
        value = os.pathconf(folder, name)
    except (AttributeError, OSError, ValueError):
        return default
    return value if value and value > 0 else default


def _kind(mode: int) -> str | None:
    """What a non-regular, non-folder file is (None for a regular file or a folder)."""
    for test, what in _KINDS:
        if test(mode):
            return what
    return None


def _lstat(p: Path) -> os.stat_result | None:
    try:
        return os.lstat(p)
    except (FileNotFoundError, NotADirectoryError):  # a file in the way is reported by the folder check
        return None
    except OSError as exc:
        raise InputError(f"{p}: cannot check the output path ({exc.strerror or exc}); give another path") from exc


def _check_folder(folder: Path, shown: Path, *, make_parents: bool) -> None:
    """``folder`` exists and is a writable folder; with ``make_parents``, its nearest existing ancestor is one."""
    probe = folder
    while True:
        try:
            st = os.stat(probe)  # follows links: a folder reached through a link is the user's choice
        except FileNotFoundError:
            if not make_parents:
                raise InputError(f"{shown}: the folder {folder} does not exist; create it first (mkdir -p {folder})") from None
            if probe.parent == probe:
                return
            probe = probe.parent
            continue
        except NotADirectoryError:
            raise InputError(f"{shown}: a part of {folder} is a file, not a folder; give a path inside a folder") from None
        except OSError as exc:
            raise InputError(f"{shown}: cannot use the folder {probe} ({exc.strerror or exc}); give another path") from exc
        if not stat.S_ISDIR(st.st_mode):
            raise InputError(f"{shown}: {probe} is a file, not a folder; give a path inside a folder")
        if not os.access(probe, os.W_OK | os.X_OK):
            raise InputError(f"{shown}: cannot write in the folder {probe} (permission denied); give another path")
        return


def _check_name(p: Path, shown: Path) -> None:
    probe = p.parent
    while not os.path.isdir(probe) and probe.parent != probe:
        probe = probe.parent
    name_max = _limit(probe, "PC_NAME_MAX", _DEFAULT_NAME_MAX)
    path_max = _limit(probe, "PC_PATH_MAX", _DEFAULT_PATH_MAX)
    for part in p.parts:
        if len(os.fsencode(part)) > name_max:
            raise InputError(f"{shown}: a file or folder name is {len(os.fsencode(part))} bytes long; at most {name_max} are allowed")
    if len(os.fsencode(str(p.absolute()))) >= path_max:
        raise InputError(f"{shown}: the path is longer than {path_max - 1} bytes; give a shorter one")


def check_output_path(path: str | os.PathLike[str], *, make_parents: bool = False, folder_ok: bool = True) -> Path:
    """Check that a report can be written at ``path``; return it as a Path. One InputError line otherwise.

    An existing folder is accepted when ``folder_ok`` (the caller names the file inside it);
    an existing regular file is replaced later; anything else existing there is refused.
    Without ``make_parents`` the parent folder must exist; with it, missing folders may be created.
    """
    shown = Path(os.fspath(path))
    p = shown.expanduser()
    if not str(p).strip() or p.name in ("", ".", ".."):
        if folder_ok and p.is_dir():
            return p
        raise InputError(f"{shown!s:.200}: not a file name; give a path such as reports/article.html")
    _check_name(p, shown)
    st = _lstat(p)
    if st is not None and folder_ok and stat.S_ISLNK(st.st_mode) and p.is_dir():
        st = os.stat(p)  # a link to a folder named as the folder: the file is made inside it
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            if not folder_ok:
                raise InputError(f"{shown}: is a folder; give a file path")
            _check_folder(p, shown, make_parents=False)
            return p
        kind = _kind(st.st_mode)
        if kind is not None:
            raise InputError(f"{shown} is {kind}; framing writes only regular files: remove it or give another path")
    _check_folder(p.parent, shown, make_parents=make_parents)
    return p


def check_output_folder(path: str | os.PathLike[str]) -> Path:
    """Check a folder that reports go into (``framing demo --out``): an existing folder, or a new one whose parent exists."""
    shown = Path(os.fspath(path))
    p = shown.expanduser()
    _check_name(p, shown)
    st = _lstat(p)
    if st is not None and stat.S_ISLNK(st.st_mode):
        try:
            st = os.stat(p)
        except OSError:
            raise InputError(f"{shown} is a broken symbolic link; give a folder") from None
    if st is None:
        _check_folder(p.parent, shown, make_parents=False)
    elif not stat.S_ISDIR(st.st_mode):
        raise InputError(f"{shown} exists and is not a folder; give a folder for the reports")
    else:
        _check_folder(p, shown, make_parents=False)
    return p


def _open_temporary(folder: Path) -> tuple[int, Path]:
    """A new file in ``folder`` under a random name, opened exclusively (never an existing file or link)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    for _ in range(_TMP_ATTEMPTS):
        tmp = folder / f".framing-{_token()}.tmp"
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                continue
            raise InputError(f"{folder}: cannot create a file in this folder ({exc.strerror or exc}); give another path") from exc
    raise InputError(f"{folder}: cannot create a temporary file (every name tried exists); clean the folder or give another path")


def _token() -> str:
    return secrets.token_hex(8)


def write_output(path: str | os.PathLike[str], data: str | bytes, *, make_parents: bool = True) -> Path:
    """Write ``data`` (text as UTF-8) to ``path`` safely and atomically; the path written.

    Checks the path (:func:`check_output_path`, folders refused), creates missing folders
    when ``make_parents``, writes a fresh exclusive temporary file beside the target and
    renames it over the target. Refuses, in one line, a link or special file at the target.
    """
    p = check_output_path(path, make_parents=make_parents, folder_ok=False)
    if make_parents:
        try:
            p.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(f"{path}: cannot create the folder {p.parent} ({exc.strerror or exc}); give another path") from exc
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = _open_temporary(p.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        st = _lstat(p)  # checked again just before the rename: a link planted meanwhile is refused, not replaced
        if st is not None and not stat.S_ISREG(st.st_mode):
            raise InputError(f"{path} is {_kind(st.st_mode) or 'a folder'}; framing writes only regular files: remove it or give another path")
        os.replace(tmp, p)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InputError(f"{path}: cannot write the file ({exc.strerror or exc}); give another path") from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return p
