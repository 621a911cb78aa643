"""Files slarules writes (reports, imported event logs): whole or not at all, and never over
one of the run's own inputs.

One home for both promises, used by ``replay --out`` and ``import --out``: a failed or killed
run leaves the previous file (or none), never half of one; and ``--out`` naming an input under
any spelling, symbolic link or hard link is refused before any work is done.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

__all__ = ["is_special", "naming_an_input", "replace_atomically"]


def naming_an_input(out: str | Path, inputs: Sequence[str | Path]) -> str | Path | None:
    """The input that ``out`` would overwrite (by resolved path, or by identity: a hard link,
    a symbolic link, another spelling), or None. ``-`` (standard output) names no file."""
    if str(out) == "-":
        return None
    try:
        target = Path(out).resolve()
    except OSError:  # the working directory was removed: a relative out cannot be written
        return None  # (the write fails and says so), nor a relative input read
    for given in inputs:
        if str(given) == "-":
            continue
        source = Path(given)
        try:
            same = target == source.resolve()
        except OSError:
            same = False
        if not same:
            try:  # exists() raises for a name too long for the file system (ENAMETOOLONG)
                same = target.exists() and os.path.samefile(target, source)
            except (OSError, ValueError):
                same = False
        if same:
            return given
    return None


def replace_atomically(out: str | Path, write: Callable[[int], None]) -> None:
    """Let ``write`` fill a temporary file beside ``out`` (it gets the file descriptor, and
    closes it), then rename it over ``out``. Raises ``OSError`` as the system reports it.

    A FIFO or a device (``/dev/stdout``, ``/dev/full``) is written in place: there is
    nothing to replace, and renaming over it replaced the device node or the pipe with a
    regular file wherever its folder was writable (``import --out /dev/full`` as root left
    a file named ``/dev/full`` and said the import was done; ``--out pipe`` left the
    reading process waiting on a pipe that no longer had that name)."""
    target = Path(out)
    if is_special(target):
        write(os.open(target, os.O_WRONLY))
        return
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        write(fd)
        _sync(tmp)  # on disk before it is named: else a crash may leave the name, empty
        os.chmod(tmp, _new_file_mode(target))
        os.replace(tmp, target)
        tmp = None
        _sync_directory(target.parent)
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _sync(path: str) -> None:
    """Flush a closed file's data to the disk. Every writer used to sync its own file (the
    reports did; ``import --out`` and ``example`` did not, so a power loss just after the
    rename could leave an empty event log under the promised name); here it is done once
    for all of them. A full disk (ENOSPC) raises here, before the rename."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sync_directory(folder: Path) -> None:
    """Make the rename itself durable; a system that cannot open or sync a directory
    (some file systems, Windows) keeps the rename as the system keeps it."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def is_special(target: Path) -> bool:
    """Whether ``target`` exists and is neither a regular file nor a directory (a FIFO,
    ``/dev/stdout``): such a file is written in place, as there is nothing to replace."""
    try:
        mode = target.stat().st_mode
    except (OSError, ValueError):
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _new_file_mode(target: Path) -> int:
    """The mode the written file gets: the replaced file's, or what ``open`` would give a new
    file under the current umask (``mkstemp`` makes it private)."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
