"""Ingest into the local folder: content-addressed, durable, stored once."""

from __future__ import annotations

import hashlib
import io
import os
import stat
from pathlib import Path

import pytest

from liuhen.evidence.store import DigestMismatch, InvalidObjectName, LocalStore, ObjectNotFound

MiB = 1024 * 1024


def test_ingest_names_the_object_by_its_sha256_and_computes_sm3_in_the_same_pass(
    store: LocalStore,
) -> None:
    data = os.urandom(3 * MiB + 17)  # many 256 KiB chunks and a short last one
    stored = store.ingest(io.BytesIO(data))
    assert stored.sha256 == hashlib.sha256(data).hexdigest()
    assert stored.sm3 == hashlib.new("sm3", data).hexdigest()
    assert stored.size == len(data)
    assert not stored.deduplicated
    with store.open(stored.sha256) as stream:
        assert stream.read() == data


def test_the_object_sits_read_only_under_objects_ab_cd_sha256(store: LocalStore) -> None:
    stored = store.ingest(io.BytesIO(b"evidence"))
    path = store.root / "objects" / stored.sha256[:2] / stored.sha256[2:4] / stored.sha256
    assert Path(stored.location) == path
    assert stat.S_IMODE(path.stat().st_mode) == 0o444
    assert list((store.root / "tmp").iterdir()) == []  # no temporary file left behind


def test_identical_content_is_stored_once(store: LocalStore) -> None:
    first = store.ingest(io.BytesIO(b"same bytes"))
    second = store.ingest(io.BytesIO(b"same bytes"))
    assert second.deduplicated
    assert (second.sha256, second.sm3, second.size) == (first.sha256, first.sm3, first.size)
    assert list(store.iter_objects()) == [first.sha256]
    assert list((store.root / "tmp").iterdir()) == []


def test_a_damaged_stored_copy_is_replaced_by_a_new_ingest_and_flagged(store: LocalStore) -> None:
    stored = store.ingest(io.BytesIO(b"original recording"))
    path = store.object_path(stored.sha256)
    path.chmod(0o644)
    path.write_bytes(b"Original recording")
    again = store.ingest(io.BytesIO(b"original recording"))
    assert again.repaired
    assert not again.deduplicated
    assert path.read_bytes() == b"original recording"
    assert store.verify(stored.sha256).ok


def test_sha256_only_mode_records_no_sm3(tmp_path: Path) -> None:
    store = LocalStore(tmp_path, with_sm3=False)
    stored = store.ingest(io.BytesIO(b"abc"))
    assert stored.sm3 is None
    assert store.verify(stored.sha256).ok


def test_a_later_sm3_ingest_completes_the_facts(tmp_path: Path) -> None:
    LocalStore(tmp_path, with_sm3=False).ingest(io.BytesIO(b"abc"))
    stored = LocalStore(tmp_path, with_sm3=True).ingest(io.BytesIO(b"abc"))
    assert stored.deduplicated
    assert LocalStore(tmp_path).stat(stored.sha256).sm3 == stored.sm3


def test_the_empty_file_is_an_object_too(store: LocalStore) -> None:
    stored = store.ingest(io.BytesIO(b""))
    assert stored.sha256 == hashlib.sha256(b"").hexdigest()
    assert store.verify(stored.sha256).ok


def test_content_not_matching_the_declared_sha256_is_not_stored(store: LocalStore) -> None:
    with pytest.raises(DigestMismatch) as refused:
        store.ingest(io.BytesIO(b"tampered"), expected_sha256="0" * 64)
    assert refused.value.actual == hashlib.sha256(b"tampered").hexdigest()
    assert list(store.iter_objects()) == []
    assert list((store.root / "tmp").iterdir()) == []


def test_an_observer_raising_aborts_the_ingest(store: LocalStore) -> None:
    def refuse(_chunk: memoryview) -> None:
        raise ValueError("no")

    with pytest.raises(ValueError, match="no"):
        store.ingest(io.BytesIO(b"x" * 1000), observe=[refuse])
    assert list(store.iter_objects()) == []
    assert list((store.root / "tmp").iterdir()) == []


def test_a_source_failing_midway_leaves_nothing(store: LocalStore) -> None:
    class Dropped(io.RawIOBase):
        sent = 0

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
            if self.sent >= MiB:
                raise ConnectionResetError("connection reset by peer")
            buffer[: len(buffer)] = b"\0" * len(buffer)
            self.sent += len(buffer)
            return len(buffer)

    with pytest.raises(ConnectionResetError):
        store.ingest(Dropped())
    assert list(store.iter_objects()) == []
    assert list((store.root / "tmp").iterdir()) == []


def test_moving_a_file_in_renames_it_without_a_copy(store: LocalStore) -> None:
    source = store.uploads_dir / "assembled"
    source.write_bytes(b"body camera file")
    inode = source.stat().st_ino
    stored = store.ingest_file(source, move=True)
    assert not source.exists()
    assert store.object_path(stored.sha256).stat().st_ino == inode


def test_a_file_from_elsewhere_is_copied_and_kept_unless_moved(
    store: LocalStore, tmp_path: Path
) -> None:
    source = tmp_path / "photo.jpg"
    source.write_bytes(b"photo")
    stored = store.ingest_file(source)
    assert source.exists()
    assert store.open(stored.sha256).read() == b"photo"


def test_a_move_refused_for_a_wrong_hash_leaves_the_file(store: LocalStore) -> None:
    source = store.uploads_dir / "assembled"
    source.write_bytes(b"body camera file")
    with pytest.raises(DigestMismatch):
        store.ingest_file(source, move=True, expected_sha256="f" * 64)
    assert source.read_bytes() == b"body camera file"
    assert list(store.iter_objects()) == []


def test_names_that_are_not_sha256_are_refused_before_touching_the_disk(
    store: LocalStore,
) -> None:
    with pytest.raises(InvalidObjectName):
        store.open("../../etc/passwd")
    with pytest.raises(ObjectNotFound, match="不存在"):
        store.open("0" * 64)
