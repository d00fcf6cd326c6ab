"""Writing an output folder all at once: never half-written, never old and new mixed.

Every file of a run is written into a staging folder beside the target, flushed to disk,
and then the staging folder and the target are exchanged in one atomic step
(`renameat2(RENAME_EXCHANGE)` on Linux; elsewhere two renames, with the previous folder
kept as `<name>.previous` until the new one is in place). A process killed at any moment
leaves either the previous complete folder or the new complete folder.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import shutil
import tempfile
from pathlib import Path

from planner.messages import render

MARKER = "plan.json"


class OutputError(Exception):
    """The output folder cannot be used (exit status 2); a catalogue key and the path."""

    def __init__(self, key: str, path: object, problem: str = "") -> None:
        super().__init__(f"{path}: {key} {problem}".strip())
        self.key = key
        self.path = str(path)
        self.problem = problem

    def render(self, lang: str = "zh") -> str:
        return f"{self.path}: {render(self.key, lang, problem=self.problem)}"


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2); False if the system cannot."""
    if not hasattr(os, "uname") or os.uname().sysname != "Linux":
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    rename_exchange = 2
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    result = fn(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return bool(result == 0)


def check_target(target: Path) -> None:
    """Refuse to replace a folder that is not a planner output folder."""
    if target.exists() and not target.is_dir():
        raise OutputError("out.not_folder", target)
    if target.is_dir() and any(target.iterdir()) and not (target / MARKER).exists():
        raise OutputError("out.foreign_folder", target)


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove_stale_staging(target: Path) -> None:
    """Remove staging folders left by runs that were killed before they finished."""
    for entry in target.parent.glob(f".{target.name}.new-*"):
        parts = entry.name[len(f".{target.name}.new-") :].split("-", 1)
        if parts and parts[0].isdigit() and not _alive(int(parts[0])):
            shutil.rmtree(entry, ignore_errors=True)


def write_folder(target: Path, files: dict[str, bytes], keep: tuple[str, ...] = ()) -> None:
    """Replace `target` with a folder holding exactly `files` (relative path → bytes).

    Files named in `keep` are carried over from the previous folder if not in `files`.
    """
    target = target.resolve()
    check_target(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_staging(target)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-{os.getpid()}-", dir=target.parent))
    try:
        for rel in keep:
            old = target / rel
            if rel not in files and old.is_file():
                files = {**files, rel: old.read_bytes()}
        for rel, data in sorted(files.items()):
            path = staging / rel
            if not path.resolve().is_relative_to(staging.resolve()):
                raise OutputError("out.outside", rel)
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        for folder in {p.parent for p in staging.rglob("*")} | {staging}:
            _fsync_dir(folder)
        os.chmod(staging, 0o755)
        if target.exists():
            if _exchange(staging, target):
                _fsync_dir(target.parent)
                shutil.rmtree(staging, ignore_errors=True)
                return
            previous = target.with_name(target.name + ".previous")
            shutil.rmtree(previous, ignore_errors=True)
            os.rename(target, previous)
            os.rename(staging, target)
            _fsync_dir(target.parent)
            shutil.rmtree(previous, ignore_errors=True)
        else:
            os.rename(staging, target)
            _fsync_dir(target.parent)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def write_file(path: Path, data: bytes) -> None:
    """Write one file atomically (temporary file in the same folder, then rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
