"""The embedded default backend: evidence in a folder on the server's own disk.

Layout under the root (one filesystem, so renames are atomic):

    objects/ab/cd/<sha256>        the content, read-only (0444), under its final name only once
                                  complete and fsynced
    facts/ab/cd/<sha256>.json     what ingest established: sha256, sm3, size (written first)
    tmp/<pid>-<random>.part       an ingest in progress, held under an flock by its process
    uploads/                      resumable upload sessions (see uploads.py)

An object appears under its final name by `link(2)` from its fsynced temporary file, which fails
rather than replace an existing name: a second ingest of the same content never overwrites a
verified original, it verifies the stored copy and drops its own. A plain folder cannot refuse
its owner a deletion, so retention is not enforced here; tampering is detected instead (the name
is the hash, and the ledger records it).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import secrets
import time
from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, BinaryIO

from liuhen.evidence.store.base import (
    DigestMismatch,
    EvidenceStore,
    ObjectNotFound,
    Problem,
    StoredObject,
    SweepReport,
    Verification,
    check_name,
)
from liuhen.evidence.store.digests import Digests, is_sha256_hex, new_sha256, new_sm3, require_sm3
from liuhen.evidence.store.durable import (
    DurableWriter,
    fsync_dir,
    make_dirs,
    open_new_file,
    write_file_atomic,
)
from liuhen.evidence.store.hashing import digest_problems, hash_stream
from liuhen.evidence.store.pump import DEFAULT_CHUNK_SIZE, Consumer, Readable, pump

TEMP_SUFFIX = ".part"
_NO_HARD_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV}


class LocalStore(EvidenceStore):
    """Content-addressed evidence in the folder `root` (created if missing)."""

    def __init__(
        self,
        root: Path,
        *,
        with_sm3: bool = True,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
    ) -> None:
        if with_sm3:
            require_sm3()
        self.root = Path(root)
        self.with_sm3 = with_sm3
        self.chunk_size = chunk_size
        self._objects = self.root / "objects"
        self._facts = self.root / "facts"
        self._tmp = self.root / "tmp"
        for folder in (self._objects, self._facts, self._tmp, self.uploads_dir):
            make_dirs(folder)

    def __repr__(self) -> str:
        return f"LocalStore({str(self.root)!r}, with_sm3={self.with_sm3})"

    @property
    def uploads_dir(self) -> Path:
        """Where resumable uploads should assemble, so completing one is a rename, not a copy."""
        return self.root / "uploads"

    def object_path(self, sha256: str) -> Path:
        name = check_name(sha256)
        return self._objects / name[:2] / name[2:4] / name

    def _facts_path(self, sha256: str) -> Path:
        return self._facts / sha256[:2] / sha256[2:4] / f"{sha256}.json"

    # --- ingest ------------------------------------------------------------------------------
    def ingest(
        self,
        source: Readable,
        *,
        retain_until: datetime | None = None,
        legal_hold: bool = False,
        expected_sha256: str | None = None,
        observe: Sequence[Consumer] = (),
    ) -> StoredObject:
        temporary, fd = self._new_temporary()
        try:
            writer = DurableWriter(fd)
            digests = self._hash(source, extra=[writer.write, *observe])
            writer.finish()
            _check_expected(digests, expected_sha256)
            return self._commit(temporary, digests)
        finally:
            temporary.unlink(missing_ok=True)  # already gone after a successful commit
            os.close(fd)  # releases the flock only now, after the name is gone

    def ingest_file(
        self,
        path: Path,
        *,
        move: bool = False,
        retain_until: datetime | None = None,
        legal_hold: bool = False,
        expected_sha256: str | None = None,
        observe: Sequence[Consumer] = (),
    ) -> StoredObject:
        path = Path(path)
        if move and path.stat().st_dev == self._tmp.stat().st_dev:
            with path.open("rb") as stream:
                digests = self._hash(stream, extra=list(observe))
                os.fsync(stream.fileno())  # whoever wrote it may not have
            _check_expected(digests, expected_sha256)
            return self._commit(path, digests)
        with path.open("rb") as stream:
            stored = self.ingest(stream, expected_sha256=expected_sha256, observe=observe)
        if move:
            path.unlink()
        return stored

    def _new_temporary(self) -> tuple[Path, int]:
        path = self._tmp / f"{os.getpid()}-{secrets.token_hex(8)}{TEMP_SUFFIX}"
        fd = open_new_file(path)
        # The lock tells `sweep` this file is alive however slowly it grows; a killed process
        # loses it, so its leftover becomes sweepable.
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return path, fd

    def _hash(self, source: Readable, *, extra: list[Consumer]) -> Digests:
        sha256 = new_sha256()
        sm3 = new_sm3() if self.with_sm3 else None
        # SM3 first: it is the slowest consumer, so it should start first.
        consumers: list[Consumer] = [sm3.update] if sm3 else []
        consumers += [sha256.update, *extra]
        size = pump(source, consumers, chunk_size=self.chunk_size)
        return Digests(sha256.hexdigest(), sm3.hexdigest() if sm3 else None, size)

    def _commit(self, complete: Path, digests: Digests) -> StoredObject:
        """Put the fsynced file `complete` under its final name, or verify the copy there."""
        final = self.object_path(digests.sha256)
        make_dirs(final.parent)
        facts_corrected = self._record_facts(digests)
        os.chmod(complete, 0o444)
        try:
            os.link(complete, final)
        except FileExistsError:
            return self._deduplicate(complete, final, digests, facts_corrected)
        except OSError as error:
            if error.errno not in _NO_HARD_LINKS:
                raise
            if final.exists():  # a filesystem without hard links: check, then rename
                return self._deduplicate(complete, final, digests, facts_corrected)
            os.rename(complete, final)
        fsync_dir(final.parent)
        complete.unlink(missing_ok=True)
        return self._stored(digests, repaired=facts_corrected)

    def _deduplicate(
        self, complete: Path, final: Path, digests: Digests, facts_corrected: bool
    ) -> StoredObject:
        try:
            with final.open("rb") as stream:
                existing = hash_stream(
                    stream, with_sm3=digests.sm3 is not None, chunk_size=self.chunk_size
                )
            intact = not digest_problems(
                existing,
                sha256=digests.sha256,
                sm3=digests.sm3,
                size=digests.size,
                against="新内容",
            )
        except OSError:
            intact = False
        if intact:
            complete.unlink()
            return self._stored(digests, deduplicated=True, repaired=facts_corrected)
        # The stored copy is damaged and we hold a verified one: put it in its place.
        os.replace(complete, final)
        fsync_dir(final.parent)
        return self._stored(digests, repaired=True)

    def _record_facts(self, digests: Digests) -> bool:
        """Write the facts file unless it already says the same; True if it said something wrong."""
        recorded = self._read_facts(digests.sha256)
        wanted = {"sha256": digests.sha256, "sm3": digests.sm3, "size": digests.size}
        if isinstance(recorded, dict):
            if digests.sm3 is None and recorded.get("sm3"):
                wanted["sm3"] = recorded["sm3"]  # SHA-256-only mode keeps an SM3 known before
            if recorded == wanted:
                return False
        wrong = isinstance(recorded, str) or (
            isinstance(recorded, dict)
            and any(recorded.get(key) not in (None, value) for key, value in wanted.items())
        )
        payload = json.dumps(wanted, sort_keys=True).encode()
        write_file_atomic(self._facts_path(digests.sha256), payload)
        return wrong

    def _read_facts(self, sha256: str) -> dict[str, Any] | str | None:
        """The facts as a dict, None if there are none, or a string saying why they are unusable."""
        try:
            raw = self._facts_path(sha256).read_bytes()
        except FileNotFoundError:
            return None
        except OSError as error:
            return f"无法读取存储记录：{error}"
        try:
            facts = json.loads(raw)
        except ValueError:
            return "存储记录不是有效的 JSON"
        if not isinstance(facts, dict):
            return "存储记录格式错误"
        return facts

    def _stored(
        self, digests: Digests, *, deduplicated: bool = False, repaired: bool = False
    ) -> StoredObject:
        return StoredObject(
            sha256=digests.sha256,
            sm3=digests.sm3,
            size=digests.size,
            location=str(self.object_path(digests.sha256)),
            deduplicated=deduplicated,
            repaired=repaired,
        )

    # --- reading -----------------------------------------------------------------------------
    def open(self, sha256: str) -> BinaryIO:
        try:
            return self.object_path(sha256).open("rb")
        except FileNotFoundError:
            raise ObjectNotFound(sha256) from None

    def exists(self, sha256: str) -> bool:
        return self.object_path(sha256).is_file()

    def stat(self, sha256: str) -> StoredObject:
        path = self.object_path(sha256)
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            raise ObjectNotFound(sha256) from None
        facts = self._read_facts(sha256)
        sm3 = facts.get("sm3") if isinstance(facts, dict) else None
        return StoredObject(sha256, sm3 if isinstance(sm3, str) else None, size, str(path))

    def iter_objects(self) -> Iterator[str]:
        for first in _sorted_dirs(self._objects):
            for second in _sorted_dirs(first):
                prefix = first.name + second.name
                for entry in sorted(os.listdir(second)):
                    if is_sha256_hex(entry) and entry.startswith(prefix):
                        yield entry

    # --- verification ------------------------------------------------------------------------
    def verify(
        self, sha256: str, *, expected_sm3: str | None = None, expected_size: int | None = None
    ) -> Verification:
        path = self.object_path(sha256)
        if not path.is_file():
            return Verification(sha256, (Problem("missing", "对象文件不存在"),))
        problems: list[Problem] = []
        facts = self._read_facts(sha256)
        recorded: dict[str, Any] = {}
        if facts is None:
            problems.append(Problem("facts-missing", "缺少存储记录（SM3、大小）"))
        elif isinstance(facts, str):
            problems.append(Problem("facts-unreadable", facts))
        else:
            recorded = facts
            if recorded.get("sha256") != sha256:
                problems.append(
                    Problem("facts-mismatch", f"存储记录的 SHA-256 为 {recorded.get('sha256')}")
                )
        recorded_sm3 = recorded.get("sm3") if isinstance(recorded.get("sm3"), str) else None
        with_sm3 = self.with_sm3 or bool(expected_sm3 or recorded_sm3)
        try:
            with path.open("rb") as stream:
                actual = hash_stream(stream, with_sm3=with_sm3, chunk_size=self.chunk_size)
        except OSError as error:
            problems.append(Problem("unreadable", f"读取失败：{error}"))
            return Verification(sha256, tuple(problems))
        problems += digest_problems(actual, sha256=sha256, against="名称")
        problems += digest_problems(
            actual,
            sm3=recorded_sm3,
            size=_int_or_none(recorded.get("size")),
            against="存储记录",
        )
        problems += digest_problems(
            actual,
            sm3=expected_sm3,
            size=expected_size,
            against="台账记录",
            code_prefix="expected-",
        )
        return Verification(sha256, tuple(problems), actual.size)

    # --- leftovers ---------------------------------------------------------------------------
    def sweep(self, *, older_than: timedelta) -> SweepReport:
        report = SweepReport()
        cutoff = time.time() - older_than.total_seconds()
        for entry in sorted(self._tmp.iterdir()):
            _remove_if_abandoned(entry, cutoff, report)
        for facts_dir in (d for first in _sorted_dirs(self._facts) for d in _sorted_dirs(first)):
            for entry in sorted(facts_dir.iterdir()):
                if entry.name.endswith(".tmp"):  # a crashed write_file_atomic
                    _remove_if_abandoned(entry, cutoff, report)
                elif entry.suffix == ".json" and not self.exists(entry.stem):
                    # Facts are written before the object's link: a crash in between leaves these.
                    _remove_if_abandoned(entry, cutoff, report)
        return report


def _check_expected(digests: Digests, expected_sha256: str | None) -> None:
    if expected_sha256 is not None and digests.sha256 != expected_sha256.lower():
        raise DigestMismatch(expected_sha256, digests.sha256)


def _sorted_dirs(parent: Path) -> list[Path]:
    return sorted(p for p in parent.iterdir() if p.is_dir() and len(p.name) == 2)


def _int_or_none(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _remove_if_abandoned(path: Path, cutoff: float, report: SweepReport) -> None:
    """Remove `path` if older than `cutoff` and no live process holds its flock."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except FileNotFoundError:
        return
    try:
        status = os.fstat(fd)
        if status.st_mtime > cutoff:
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            report.kept_in_use += 1
            return
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            report.removed.append(str(path))
            report.removed_bytes += status.st_size
    finally:
        os.close(fd)
