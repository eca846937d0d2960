"""Resumable chunked uploads: a 4 GB body-camera file over a flaky link, chunk by chunk.

The HTTP layer (Django views) is a thin wrapper around `Uploads`. On disk, under `folder`:

    <id>/session.json     what the client declared (size, chunk size, optional SHA-256)
    <id>/data             the file being assembled, sparse, written at each chunk's offset
    <id>/chunks/<index>   one marker per received chunk, holding its SHA-256
    <id>/stored.json      after completion: what the store returned (a retried complete reads it)
    <id>/lock             flock: chunks share it, complete and abort take it alone

A chunk counts as received only when its bytes are fsynced *and* its marker is atomically in
place, in that order, so a server killed at any moment loses at most chunks the client never got
an answer for, and the client asks `upload_status` what is missing. Completing re-hashes the
whole file in the store's single ingest pass, checking every chunk against its marker on the way
(a disk that changed a byte since is caught, and that chunk is asked for again).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import secrets
import shutil
import time
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from liuhen.evidence.store.base import EvidenceStore, StoredObject, StoreError, SweepReport
from liuhen.evidence.store.digests import is_sha256_hex
from liuhen.evidence.store.durable import fsync_dir, make_dirs, write_all, write_file_atomic

UPLOAD_ID = re.compile(r"[0-9a-f]{32}")
MIN_CHUNK = 256 * 1024
MAX_CHUNK = 64 * 1024 * 1024
MAX_CHUNKS = 100_000


class UploadError(StoreError, ValueError):
    """A request the upload cannot accept; the message says what to do."""


class UploadNotFound(UploadError):
    def __init__(self, upload_id: str) -> None:
        super().__init__(f"上传会话不存在或已过期：{upload_id[:40]}")
        self.upload_id = upload_id


class ChunkCorrupt(UploadError):
    """The chunk's bytes do not hash to what the client said: damaged on the way."""

    def __init__(self, offset: int, expected: str, actual: str) -> None:
        super().__init__(
            f"偏移 {offset} 处的分块已损坏：声明的 SHA-256 为 {expected}，"
            f"收到内容的 SHA-256 为 {actual}；请重新发送该分块"
        )
        self.offset, self.expected, self.actual = offset, expected, actual


class ChunkConflict(UploadError):
    def __init__(self, offset: int) -> None:
        super().__init__(f"偏移 {offset} 处的分块已收到过不同的内容；同一上传的分块不能改变")
        self.offset = offset


class ChunkChanged(UploadError):
    """A received chunk no longer matches its marker at completion (the server's disk)."""

    def __init__(self, offset: int, expected: str, actual: str) -> None:
        super().__init__(
            f"偏移 {offset} 处的分块在服务器上已改变（接收时 SHA-256 为 {expected}，"
            f"现在为 {actual}）；请重新发送该分块后再完成上传"
        )
        self.offset, self.expected, self.actual = offset, expected, actual


class UploadIncomplete(UploadError):
    def __init__(self, missing: tuple[tuple[int, int], ...]) -> None:
        ranges = "、".join(f"{start}–{end - 1}" for start, end in missing[:5])
        more = f" 等 {len(missing)} 段" if len(missing) > 5 else ""
        super().__init__(f"上传尚未完整，缺少字节 {ranges}{more}")
        self.missing = missing


@dataclass(frozen=True)
class UploadSession:
    upload_id: str
    total_size: int
    chunk_size: int
    sha256: str | None
    created_at: datetime
    attributes: dict[str, str] = field(default_factory=dict)
    """Free text the caller keeps with the upload (file name, content type, case)."""

    @property
    def chunk_count(self) -> int:
        return -(-self.total_size // self.chunk_size)

    def chunk_length(self, index: int) -> int:
        return min(self.chunk_size, self.total_size - index * self.chunk_size)


@dataclass(frozen=True)
class UploadStatus:
    upload_id: str
    total_size: int
    chunk_size: int
    received_bytes: int
    missing: tuple[tuple[int, int], ...]
    """Byte ranges [start, end) still to send, in order."""
    stored: StoredObject | None = None
    """Set once the upload is complete and stored."""

    @property
    def complete(self) -> bool:
        return not self.missing


class Uploads:
    """Resumable uploads assembled in `folder`, stored into `store` when complete.

    With a LocalStore pass `store.uploads_dir`: completing is then a rename, not a copy.
    """

    def __init__(self, folder: Path, store: EvidenceStore) -> None:
        self.folder = Path(folder)
        self.store = store
        make_dirs(self.folder)

    # --- the protocol ------------------------------------------------------------------------
    def upload_begin(
        self,
        *,
        total_size: int,
        chunk_size: int,
        sha256: str | None = None,
        attributes: Mapping[str, str] | None = None,
    ) -> UploadSession:
        """Open a session for a file of `total_size` bytes sent in chunks of `chunk_size`."""
        if not isinstance(total_size, int) or total_size < 0:
            raise UploadError(f"文件大小应为非负整数，收到 {total_size!r}")
        if not isinstance(chunk_size, int) or not MIN_CHUNK <= chunk_size <= MAX_CHUNK:
            raise UploadError(
                f"分块大小应在 {MIN_CHUNK} 到 {MAX_CHUNK} 字节之间，收到 {chunk_size!r}"
            )
        if -(-total_size // chunk_size) > MAX_CHUNKS:
            raise UploadError(f"分块过多（超过 {MAX_CHUNKS} 块）；请使用更大的分块")
        if sha256 is not None and not is_sha256_hex(sha256.lower()):
            raise UploadError(f"声明的 SHA-256 应为 64 位十六进制，收到 {sha256[:80]!r}")
        free = shutil.disk_usage(self.folder).free
        if total_size > free:
            raise UploadError(f"服务器磁盘空间不足：需要 {total_size} 字节，仅余 {free} 字节")
        session = UploadSession(
            upload_id=secrets.token_hex(16),
            total_size=total_size,
            chunk_size=chunk_size,
            sha256=sha256.lower() if sha256 else None,
            created_at=datetime.now(UTC),
            attributes=dict(attributes or {}),
        )
        directory = self.folder / session.upload_id
        make_dirs(directory / "chunks")
        fd = os.open(directory / "data", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.truncate(fd, total_size)  # sparse: space is used as chunks arrive
            os.fsync(fd)
        finally:
            os.close(fd)
        (directory / "lock").touch()
        # Written last: a session without it is a crash during begin, and `sweep` removes it.
        payload = {**asdict(session), "created_at": session.created_at.isoformat()}
        write_file_atomic(directory / "session.json", json.dumps(payload).encode())
        return session

    def upload_chunk(
        self, upload_id: str, *, offset: int, data: bytes, sha256: str
    ) -> UploadStatus:
        """Accept one chunk: check its hash, write it durably at `offset`, record it."""
        with self._locked(upload_id, exclusive=False) as (directory, session):
            if (directory / "stored.json").exists():
                return self._status(directory, session)
            index = self._chunk_index(session, offset, len(data))
            actual = hashlib.sha256(data).hexdigest()
            if not is_sha256_hex(sha256.lower()) or actual != sha256.lower():
                raise ChunkCorrupt(offset, sha256, actual)
            marker = directory / "chunks" / str(index)
            if marker.exists():
                if marker.read_text().strip() != actual:
                    raise ChunkConflict(offset)
                return self._status(directory, session)  # a retry of a chunk we already have
            fd = os.open(directory / "data", os.O_WRONLY)
            try:
                os.lseek(fd, offset, os.SEEK_SET)
                write_all(fd, data)
                os.fdatasync(fd)
            finally:
                os.close(fd)
            write_file_atomic(marker, actual.encode())
            return self._status(directory, session)

    def upload_status(self, upload_id: str) -> UploadStatus:
        """Which byte ranges are still missing, so an interrupted client resumes there."""
        with self._locked(upload_id, exclusive=False) as (directory, session):
            return self._status(directory, session)

    def upload_complete(
        self, upload_id: str, *, retain_until: datetime | None = None, legal_hold: bool = False
    ) -> StoredObject:
        """Store the assembled file (checked chunk by chunk and against the declared SHA-256).

        Idempotent: a client that lost the answer and asks again gets the same object.
        """
        with self._locked(upload_id, exclusive=True) as (directory, session):
            recorded = _read_stored(directory)
            if recorded is not None:
                return recorded
            missing = self._missing(directory, session)
            if missing:
                raise UploadIncomplete(missing)
            verifier = ChunkVerifier(session, self._markers(directory))
            # The store consumes a second name of the data; `data` itself goes only after
            # stored.json is durable, so a crash in between is retried, never lost.
            assembling = directory / "assembling"
            assembling.unlink(missing_ok=True)
            os.link(directory / "data", assembling)
            try:
                stored = self.store.ingest_file(
                    assembling,
                    move=True,
                    retain_until=retain_until,
                    legal_hold=legal_hold,
                    expected_sha256=session.sha256,
                    observe=[verifier.feed],
                )
            except ChunkChanged as changed:
                (directory / "chunks" / str(changed.offset // session.chunk_size)).unlink()
                raise
            finally:
                assembling.unlink(missing_ok=True)
            write_file_atomic(directory / "stored.json", _stored_json(stored))
            (directory / "data").unlink()
            shutil.rmtree(directory / "chunks")
            fsync_dir(directory)
            return stored

    def upload_data_path(self, upload_id: str) -> Path:
        """The assembled file, to read media facts (which need random access) before
        `upload_complete` consumes it. Read-only use; valid until the upload completes."""
        with self._locked(upload_id, exclusive=False) as (directory, _session):
            return directory / "data"

    def upload_abort(self, upload_id: str) -> None:
        """Drop a session and everything it received."""
        with self._locked(upload_id, exclusive=True) as (directory, _session):
            shutil.rmtree(directory)

    def sweep(self, *, older_than: timedelta) -> SweepReport:
        """Remove sessions with no activity for `older_than` (abandoned or long finished)."""
        report = SweepReport()
        cutoff = time.time() - older_than.total_seconds()
        for directory in sorted(self.folder.iterdir()):
            if not (directory.is_dir() and UPLOAD_ID.fullmatch(directory.name)):
                continue
            if _last_activity(directory) > cutoff:
                continue
            with contextlib.ExitStack() as stack:
                lock = directory / "lock"
                if lock.exists():
                    fd = os.open(lock, os.O_RDONLY)
                    stack.callback(os.close, fd)
                    try:
                        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    except BlockingIOError:
                        report.kept_in_use += 1
                        continue
                data = directory / "data"
                report.removed_bytes += data.stat().st_blocks * 512 if data.exists() else 0
                shutil.rmtree(directory, ignore_errors=True)
                report.removed.append(str(directory))
        return report

    # --- inside ------------------------------------------------------------------------------
    @contextlib.contextmanager
    def _locked(self, upload_id: str, *, exclusive: bool) -> Iterator[tuple[Path, UploadSession]]:
        if not isinstance(upload_id, str) or not UPLOAD_ID.fullmatch(upload_id):
            raise UploadNotFound(str(upload_id))
        directory = self.folder / upload_id
        try:
            fd = os.open(directory / "lock", os.O_RDONLY)
        except FileNotFoundError:
            raise UploadNotFound(upload_id) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
            session = _read_session(directory)
            if session is None:
                raise UploadNotFound(upload_id)
            yield directory, session
        finally:
            os.close(fd)

    def _chunk_index(self, session: UploadSession, offset: int, length: int) -> int:
        if not isinstance(offset, int) or offset < 0 or offset >= max(session.total_size, 1):
            raise UploadError(f"偏移 {offset!r} 超出文件范围（0–{session.total_size - 1}）")
        if offset % session.chunk_size:
            raise UploadError(f"偏移 {offset} 不是分块大小 {session.chunk_size} 的整数倍")
        index = offset // session.chunk_size
        if length != session.chunk_length(index):
            raise UploadError(
                f"偏移 {offset} 处的分块应为 {session.chunk_length(index)} 字节，收到 {length} 字节"
            )
        return index

    def _markers(self, directory: Path) -> dict[int, str]:
        markers = {}
        for entry in (directory / "chunks").iterdir():
            if entry.name.isdigit():
                digest = entry.read_text().strip()
                if is_sha256_hex(digest):
                    markers[int(entry.name)] = digest
        return markers

    def _missing(self, directory: Path, session: UploadSession) -> tuple[tuple[int, int], ...]:
        received = self._markers(directory)
        ranges: list[tuple[int, int]] = []
        for index in range(session.chunk_count):
            if index in received:
                continue
            start = index * session.chunk_size
            end = start + session.chunk_length(index)
            if ranges and ranges[-1][1] == start:
                ranges[-1] = (ranges[-1][0], end)
            else:
                ranges.append((start, end))
        return tuple(ranges)

    def _status(self, directory: Path, session: UploadSession) -> UploadStatus:
        stored = _read_stored(directory)
        missing = () if stored else self._missing(directory, session)
        return UploadStatus(
            upload_id=session.upload_id,
            total_size=session.total_size,
            chunk_size=session.chunk_size,
            received_bytes=session.total_size - sum(end - start for start, end in missing),
            missing=missing,
            stored=stored,
        )


class ChunkVerifier:
    """A pipeline consumer re-hashing the assembled file chunk by chunk against the markers.

    The store's chunks and the upload's chunks have different sizes, so it cuts its own.
    """

    def __init__(self, session: UploadSession, markers: dict[int, str]) -> None:
        self._session = session
        self._markers = markers
        self._index = 0
        self._filled = 0
        self._hash = hashlib.sha256()

    def feed(self, view: memoryview) -> None:
        while view:
            want = self._session.chunk_length(self._index) - self._filled
            taken = view[:want]
            self._hash.update(taken)
            self._filled += len(taken)
            view = view[len(taken) :]
            if self._filled == self._session.chunk_length(self._index):
                self._close_chunk()

    def _close_chunk(self) -> None:
        actual = self._hash.hexdigest()
        expected = self._markers.get(self._index, "")
        if actual != expected:
            raise ChunkChanged(self._index * self._session.chunk_size, expected, actual)
        self._index += 1
        self._filled = 0
        self._hash = hashlib.sha256()


def _read_session(directory: Path) -> UploadSession | None:
    try:
        raw = json.loads((directory / "session.json").read_bytes())
    except (FileNotFoundError, ValueError):
        return None
    raw["created_at"] = datetime.fromisoformat(raw["created_at"])
    return UploadSession(**raw)


def _stored_json(stored: StoredObject) -> bytes:
    payload = asdict(stored)
    if stored.retain_until is not None:
        payload["retain_until"] = stored.retain_until.isoformat()
    return json.dumps(payload).encode()


def _read_stored(directory: Path) -> StoredObject | None:
    try:
        raw = json.loads((directory / "stored.json").read_bytes())
    except FileNotFoundError:
        return None
    if raw.get("retain_until"):
        raw["retain_until"] = datetime.fromisoformat(raw["retain_until"])
    return StoredObject(**raw)


def _last_activity(directory: Path) -> float:
    latest = directory.stat().st_mtime
    for name in ("session.json", "chunks", "data", "stored.json"):
        with contextlib.suppress(FileNotFoundError):
            latest = max(latest, (directory / name).stat().st_mtime)
    return latest
