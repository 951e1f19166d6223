"""Writing output files atomically, alone or as a set.

A file is written to a temporary sibling (``.NAME.XXXXXXXX.tmp``), flushed to
disk and renamed over the target, so a reader never sees a partial file. A set
of files is all rendered by the caller, then every temporary file is written,
and only then renamed one after the other: a failure before the first rename
leaves every previous file untouched. The renames are each atomic but not
together; a reader that looks during the few microseconds between the first and
the last can see a new and an old file side by side, and a process killed in
that window leaves such a mix until the next run (``docs/threat-model.md``).
Files get the mode a plain ``open`` would give them (``0o666`` less the umask),
not the ``0o600`` of :func:`tempfile.mkstemp`.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path
from typing import Iterator, Mapping

try:
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX
    fcntl = None  # type: ignore[assignment]  # the module is absent, not replaced: callers check for None


def _umask() -> int:
    """The process umask, read without changing it where the system allows."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _prefix(path: Path) -> str:
    return f".{path.name}."


def stale_temporaries(folder: Path, names: tuple[str, ...]) -> list[Path]:
    """Temporary files a killed writer of ``names`` left in ``folder``."""
    prefixes = tuple(f".{name}." for name in names)
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    return [Path(e.path) for e in entries
            if e.name.startswith(prefixes) and e.name.endswith(".tmp") and e.is_file(follow_symlinks=False)]


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[bool]:
    """An exclusive advisory lock on ``folder`` itself (no lock file left
    behind), so that two writers of the same set take turns; yields whether the
    lock is held (not where the system or the folder's permissions forbid it)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        yield False
        return
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield fcntl is not None
    finally:
        os.close(fd)


def _write_temporary(path: Path, data: bytes, mode: int) -> Path:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=_prefix(path), suffix=".tmp")
    try:
        if hasattr(os, "fchmod"):  # POSIX; elsewhere the mode bits mean little
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return Path(tmp)


def atomic_write_all(files: Mapping[Path, bytes], parents: bool = True) -> None:
    """Write every file of ``files`` as one set: all temporary files first, then
    the renames. Stale temporary files of these names (from a killed run) are
    removed first, under a lock on each folder so that a concurrent writer's
    temporary files are never taken for stale ones. ``parents`` creates missing
    folders; without it a missing folder is a :class:`FileNotFoundError`."""
    folders = sorted({path.parent for path in files})
    for folder in folders:
        if parents:
            folder.mkdir(parents=True, exist_ok=True)
    for path in files:
        if path.is_dir() and not path.is_symlink():  # a rename onto it would fail half-way through the set
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    mode = 0o666 & ~_umask()
    with contextlib.ExitStack() as stack:
        for folder in folders:
            if not stack.enter_context(_locked(folder)):
                continue
            names = tuple(path.name for path in files if path.parent == folder)
            for stale in stale_temporaries(folder, names):
                with contextlib.suppress(OSError):
                    stale.unlink()
        written: dict[Path, Path] = {}
        try:
            for path, data in files.items():
                written[path] = _write_temporary(path, data, mode)
            for path, tmp in list(written.items()):
                os.replace(tmp, path)
                del written[path]
        finally:
            for tmp in written.values():
                with contextlib.suppress(OSError):
                    tmp.unlink()


def atomic_write(path: Path, data: bytes, parents: bool = True) -> None:
    """Write one file via a temporary file in the same folder and a rename, so
    a reader never sees a partial file."""
    atomic_write_all({path: data}, parents=parents)
