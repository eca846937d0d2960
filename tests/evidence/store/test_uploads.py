"""Resumable chunked uploads: chunk by chunk, in any order, checked, resumable, cleaned up."""

from __future__ import annotations

import hashlib
import os
import time
from datetime import timedelta
from pathlib import Path

import pytest

from liuhen.evidence.store import (
    ChunkChanged,
    ChunkConflict,
    ChunkCorrupt,
    DigestMismatch,
    LocalStore,
    UploadError,
    UploadIncomplete,
    UploadNotFound,
    Uploads,
)

CHUNK = 256 * 1024


@pytest.fixture
def uploads(store: LocalStore) -> Uploads:
    return Uploads(store.uploads_dir, store)


def chunks(data: bytes, size: int = CHUNK) -> list[tuple[int, bytes, str]]:
    return [
        (
            offset,
            data[offset : offset + size],
            hashlib.sha256(data[offset : offset + size]).hexdigest(),
        )
        for offset in range(0, len(data), size)
    ]


def test_chunks_sent_in_any_order_assemble_into_the_stored_object(
    uploads: Uploads, store: LocalStore
) -> None:
    data = os.urandom(5 * CHUNK + 1000)
    session = uploads.upload_begin(
        total_size=len(data),
        chunk_size=CHUNK,
        sha256=hashlib.sha256(data).hexdigest(),
        attributes={"filename": "DSJ_0001.MP4"},
    )
    for offset, piece, digest in reversed(chunks(data)):
        status = uploads.upload_chunk(session.upload_id, offset=offset, data=piece, sha256=digest)
    assert status.complete
    assert status.received_bytes == len(data)
    stored = uploads.upload_complete(session.upload_id)
    assert stored.sha256 == hashlib.sha256(data).hexdigest()
    assert stored.sm3 == hashlib.new("sm3", data).hexdigest()
    assert store.open(stored.sha256).read() == data
    assert store.verify(stored.sha256).ok


def test_status_names_the_missing_byte_ranges_to_resume_from(uploads: Uploads) -> None:
    data = os.urandom(6 * CHUNK - 10)
    session = uploads.upload_begin(total_size=len(data), chunk_size=CHUNK)
    for offset, piece, digest in [chunks(data)[i] for i in (0, 3)]:
        uploads.upload_chunk(session.upload_id, offset=offset, data=piece, sha256=digest)
    status = uploads.upload_status(session.upload_id)
    assert status.missing == ((CHUNK, 3 * CHUNK), (4 * CHUNK, len(data)))
    assert status.received_bytes == 2 * CHUNK
    assert not status.complete


def test_a_corrupt_chunk_is_refused_naming_its_offset_and_both_hashes(uploads: Uploads) -> None:
    data = os.urandom(2 * CHUNK)
    session = uploads.upload_begin(total_size=len(data), chunk_size=CHUNK)
    offset, piece, digest = chunks(data)[1]
    damaged = piece[:100] + bytes([piece[100] ^ 0x10]) + piece[101:]
    with pytest.raises(ChunkCorrupt) as refused:
        uploads.upload_chunk(session.upload_id, offset=offset, data=damaged, sha256=digest)
    error = refused.value
    assert (error.offset, error.expected) == (CHUNK, digest)
    assert error.actual == hashlib.sha256(damaged).hexdigest()
    assert f"偏移 {CHUNK} 处的分块已损坏" in str(error)
    assert digest in str(error)
    assert uploads.upload_status(session.upload_id).missing == ((0, 2 * CHUNK),)


def test_a_chunk_sent_twice_is_accepted_once_and_a_different_one_refused(uploads: Uploads) -> None:
    data = os.urandom(CHUNK)
    session = uploads.upload_begin(total_size=len(data), chunk_size=CHUNK)
    uploads.upload_chunk(
        session.upload_id, offset=0, data=data, sha256=hashlib.sha256(data).hexdigest()
    )
    again = uploads.upload_chunk(
        session.upload_id, offset=0, data=data, sha256=hashlib.sha256(data).hexdigest()
    )
    assert again.complete
    other = os.urandom(CHUNK)
    with pytest.raises(ChunkConflict):
        uploads.upload_chunk(
            session.upload_id, offset=0, data=other, sha256=hashlib.sha256(other).hexdigest()
        )


@pytest.mark.parametrize(
    ("offset", "length", "message"),
    [(100, CHUNK, "整数倍"), (4 * CHUNK, CHUNK, "超出"), (-CHUNK, CHUNK, "超出"), (0, 10, "应为")],
)
def test_chunks_at_wrong_offsets_or_of_wrong_sizes_are_refused(
    uploads: Uploads, offset: int, length: int, message: str
) -> None:
    session = uploads.upload_begin(total_size=2 * CHUNK + 5, chunk_size=CHUNK)
    piece = b"x" * length
    with pytest.raises(UploadError, match=message):
        uploads.upload_chunk(
            session.upload_id, offset=offset, data=piece, sha256=hashlib.sha256(piece).hexdigest()
        )


def test_the_short_last_chunk_must_have_exactly_the_remaining_length(uploads: Uploads) -> None:
    session = uploads.upload_begin(total_size=CHUNK + 5, chunk_size=CHUNK)
    for piece, ok in [(b"x" * CHUNK, False), (b"x" * 5, True)]:
        call = lambda piece=piece: uploads.upload_chunk(  # noqa: E731
            session.upload_id, offset=CHUNK, data=piece, sha256=hashlib.sha256(piece).hexdigest()
        )
        if ok:
            call()
        else:
            with pytest.raises(UploadError, match="应为 5 字节"):
                call()


def test_bad_declarations_are_refused_at_the_start(uploads: Uploads) -> None:
    with pytest.raises(UploadError, match="分块大小"):
        uploads.upload_begin(total_size=10, chunk_size=1000)
    with pytest.raises(UploadError, match="非负整数"):
        uploads.upload_begin(total_size=-1, chunk_size=CHUNK)
    with pytest.raises(UploadError, match="SHA-256"):
        uploads.upload_begin(total_size=10, chunk_size=CHUNK, sha256="abc")
    with pytest.raises(UploadError, match="磁盘空间不足"):
        uploads.upload_begin(total_size=50_000 << 26, chunk_size=1 << 26)


def test_completing_with_chunks_missing_says_which(uploads: Uploads) -> None:
    data = os.urandom(3 * CHUNK)
    session = uploads.upload_begin(total_size=len(data), chunk_size=CHUNK)
    offset, piece, digest = chunks(data)[0]
    uploads.upload_chunk(session.upload_id, offset=offset, data=piece, sha256=digest)
    with pytest.raises(UploadIncomplete) as refused:
        uploads.upload_complete(session.upload_id)
    assert refused.value.missing == ((CHUNK, 3 * CHUNK),)
    assert f"{CHUNK}–{3 * CHUNK - 1}" in str(refused.value)


def test_a_file_not_matching_the_declared_sha256_is_not_stored(
    uploads: Uploads, store: LocalStore
) -> None:
    data = os.urandom(2 * CHUNK)
    session = uploads.upload_begin(total_size=len(data), chunk_size=CHUNK, sha256="a" * 64)
    for offset, piece, digest in chunks(data):
        uploads.upload_chunk(session.upload_id, offset=offset, data=piece, sha256=digest)
    with pytest.raises(DigestMismatch):
        uploads.upload_complete(session.upload_id)
    assert list(store.iter_objects()) == []
    assert uploads.upload_status(session.upload_id).complete  # the client may still abort


def test_a_chunk_changed_on_disk_after_receipt_is_caught_and_asked_for_again(
    uploads: Uploads, store: LocalStore
) -> None:
    data = os.urandom(3 * CHUNK)
    session = uploads.upload_begin(total_size=len(data), chunk_size=CHUNK)
    for offset, piece, digest in chunks(data):
        uploads.upload_chunk(session.upload_id, offset=offset, data=piece, sha256=digest)
    with open(store.uploads_dir / session.upload_id / "data", "r+b") as assembled:
        assembled.seek(CHUNK + 7)
        assembled.write(b"\xff")
    with pytest.raises(ChunkChanged) as caught:
        uploads.upload_complete(session.upload_id)
    assert caught.value.offset == CHUNK
    assert list(store.iter_objects()) == []
    assert uploads.upload_status(session.upload_id).missing == ((CHUNK, 2 * CHUNK),)
    offset, piece, digest = chunks(data)[1]
    uploads.upload_chunk(session.upload_id, offset=offset, data=piece, sha256=digest)
    assert uploads.upload_complete(session.upload_id).sha256 == hashlib.sha256(data).hexdigest()


def test_completing_again_returns_the_same_object(uploads: Uploads) -> None:
    data = os.urandom(CHUNK)
    session = uploads.upload_begin(total_size=len(data), chunk_size=CHUNK)
    uploads.upload_chunk(
        session.upload_id, offset=0, data=data, sha256=hashlib.sha256(data).hexdigest()
    )
    first = uploads.upload_complete(session.upload_id)
    assert uploads.upload_complete(session.upload_id) == first
    assert uploads.upload_status(session.upload_id).stored == first


def test_an_empty_file_completes_without_chunks(uploads: Uploads) -> None:
    session = uploads.upload_begin(total_size=0, chunk_size=CHUNK)
    assert uploads.upload_status(session.upload_id).complete
    assert uploads.upload_complete(session.upload_id).size == 0


def test_an_aborted_or_unknown_upload_is_not_found(uploads: Uploads) -> None:
    session = uploads.upload_begin(total_size=10, chunk_size=CHUNK)
    uploads.upload_abort(session.upload_id)
    with pytest.raises(UploadNotFound):
        uploads.upload_status(session.upload_id)
    with pytest.raises(UploadNotFound):
        uploads.upload_status("../" + "0" * 29)


def test_abandoned_uploads_are_swept_and_active_ones_kept(uploads: Uploads) -> None:
    old = uploads.upload_begin(total_size=CHUNK, chunk_size=CHUNK)
    fresh = uploads.upload_begin(total_size=CHUNK, chunk_size=CHUNK)
    past = time.time() - 7200
    for path in (uploads.folder / old.upload_id).rglob("*"):
        os.utime(path, (past, past))
    os.utime(uploads.folder / old.upload_id, (past, past))
    report = uploads.sweep(older_than=timedelta(hours=1))
    assert report.removed == [str(uploads.folder / old.upload_id)]
    assert not (uploads.folder / old.upload_id).exists()
    assert uploads.upload_status(fresh.upload_id).missing == ((0, CHUNK),)


def test_uploads_into_a_store_elsewhere_stream_the_file(tmp_path: Path, store: LocalStore) -> None:
    uploads = Uploads(tmp_path / "spool", store)  # another folder: a copy, not a rename
    data = os.urandom(CHUNK + 3)
    session = uploads.upload_begin(total_size=len(data), chunk_size=CHUNK)
    for offset, piece, digest in chunks(data):
        uploads.upload_chunk(session.upload_id, offset=offset, data=piece, sha256=digest)
    stored = uploads.upload_complete(session.upload_id)
    assert store.open(stored.sha256).read() == data
    assert not (tmp_path / "spool" / session.upload_id / "data").exists()


def test_media_facts_can_be_read_from_the_assembled_file_before_completion(
    uploads: Uploads, tmp_path: Path
) -> None:
    from liuhen.evidence.store import media_facts
    from tests.evidence.store.media_files import write_wav

    data = write_wav(tmp_path / "a.wav", seconds=1).read_bytes()
    session = uploads.upload_begin(total_size=len(data), chunk_size=CHUNK)
    for offset, piece, digest in chunks(data):
        uploads.upload_chunk(session.upload_id, offset=offset, data=piece, sha256=digest)
    facts = media_facts(uploads.upload_data_path(session.upload_id))
    assert facts.readable
    assert facts.duration_seconds == pytest.approx(1.0, abs=0.01)
