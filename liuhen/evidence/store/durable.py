"""Making files and names survive a power cut: fsync of data, of directories, atomic replacement.

A rename is only durable once the directory holding the new name is fsynced, and a freshly made
directory only once its parent is; skipping either leaves an "acknowledged" object that vanishes
after a crash. These helpers are the only places the store touches the disk's durability.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import secrets
from pathlib import Path


def fsync_dir(path: Path) -> None:
    """Make the entries of directory `path` (creations, renames, removals) durable."""
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def make_dirs(path: Path) -> None:
    """`mkdir -p` that fsyncs each parent it adds an entry to, so the new directories persist."""
    missing: list[Path] = []
    probe = path
    while not probe.is_dir():
        missing.append(probe)
        probe = probe.parent
    for directory in reversed(missing):
        with contextlib.suppress(FileExistsError):  # another process made it first
            directory.mkdir()
        fsync_dir(directory.parent)


def write_all(fd: int, data: memoryview | bytes) -> None:
    """os.write until everything is written (it may write less than asked)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def write_file_atomic(path: Path, data: bytes, *, mode: int = 0o644) -> None:
    """Replace `path` with `data` so a reader or a crash sees the old or the new file, never half.

    The temporary file sits beside the target (same filesystem, so the rename is atomic).
    """
    make_dirs(path.parent)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        write_all(fd, data)
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        temporary.unlink(missing_ok=True)
        raise
    os.close(fd)
    try:
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


O_DIRECT = getattr(os, "O_DIRECT", 0)  # Linux; elsewhere every write is buffered
_ALIGNMENT = 4096
_HINT_EVERY = 32 * 1024 * 1024


def open_new_file(path: Path, *, mode: int = 0o600) -> int:
    """Create `path` (it must not exist) for writing, straight to the disk where the filesystem
    allows it (O_DIRECT), buffered where it does not (tmpfs on older kernels, some FUSE)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC
    if O_DIRECT:
        try:
            return os.open(path, flags | O_DIRECT, mode)
        except OSError as error:
            if error.errno != errno.EINVAL:
                raise
    return os.open(path, flags, mode)


class DurableWriter:
    """Writes a new file's chunks, then `finish` makes them durable (fsync).

    Why O_DIRECT: a buffered write copies every byte into the page cache and the final fsync then
    waits for the disk to take the whole file, after hashing is done; on a two-core server that
    copy competes with SHA-256 and SM3 for the CPU. A direct write hands the (page-aligned, see
    pump.py) buffer to the disk: no copy, and the disk works while the next chunk is hashed. A
    chunk that is not aligned (the last one, or small test chunks) switches the file to buffered
    writes for good. In buffered mode, write-back of what is written is started every 32 MiB
    (posix_fadvise), so the final fsync has little left to wait for and one ingest never holds
    gigabytes of dirty memory. Errors of write-back are reported by the final fsync (Linux keeps
    them for the next fsync of the file), so nothing is acknowledged that did not reach the disk.
    """

    def __init__(self, fd: int) -> None:
        self._fd = fd
        self._direct = bool(O_DIRECT and fcntl.fcntl(fd, fcntl.F_GETFL) & O_DIRECT)
        self._written = 0
        self._hinted = 0

    @property
    def direct(self) -> bool:
        return self._direct

    def _go_buffered(self) -> None:
        flags = fcntl.fcntl(self._fd, fcntl.F_GETFL)
        fcntl.fcntl(self._fd, fcntl.F_SETFL, flags & ~O_DIRECT)
        self._direct = False

    def write(self, chunk: memoryview) -> None:
        if self._direct and len(chunk) % _ALIGNMENT:
            self._go_buffered()
        view = memoryview(chunk)
        while view:
            try:
                written = os.write(self._fd, view)
            except OSError as error:
                # The kernel checks alignment before writing anything: retry the same bytes.
                if not (self._direct and error.errno == errno.EINVAL):
                    raise
                self._go_buffered()
                continue
            view = view[written:]
        self._written += len(chunk)
        if not self._direct and self._written - self._hinted >= _HINT_EVERY:
            if hasattr(os, "posix_fadvise"):
                length = self._written - self._hinted
                os.posix_fadvise(self._fd, self._hinted, length, os.POSIX_FADV_DONTNEED)
            self._hinted = self._written

    def finish(self) -> None:
        """Make everything written durable: data, size and the disk's own cache."""
        os.fsync(self._fd)
