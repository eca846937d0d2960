"""The S3 backend against a real Ceph RADOS Gateway: ingest, read back, store once, verify."""

from __future__ import annotations

import hashlib
import io
import os
from datetime import UTC, datetime, timedelta

import pytest

from liuhen.evidence.store import DigestMismatch, LocalStore, S3Store, StoreMisconfigured, Uploads
from tests.evidence.store.conftest import s3_config
from tests.evidence.store.rgw import S3Server

pytestmark = [pytest.mark.xdist_group("rgw")]
MiB = 1024 * 1024


def leftovers(store: S3Store) -> tuple[list[object], list[object]]:
    """Staging versions and unfinished multipart uploads still in the bucket."""
    versions = store.client.list_object_versions(Bucket=store.bucket, Prefix="staging/")
    uploads = store.client.list_multipart_uploads(Bucket=store.bucket)
    return versions.get("Versions", []), uploads.get("Uploads", [])


@pytest.mark.parametrize(
    "size", [0, 1000, 5 * MiB, 12 * MiB + 3], ids=["empty", "small", "one-part", "multipart"]
)
def test_ingested_content_reads_back_under_its_sha256_and_locked(
    s3_store: S3Store, size: int
) -> None:
    data = os.urandom(size)
    until = datetime.now(UTC) + timedelta(hours=2)
    stored = s3_store.ingest(io.BytesIO(data), retain_until=until)
    assert stored.sha256 == hashlib.sha256(data).hexdigest()
    assert stored.sm3 == hashlib.new("sm3", data).hexdigest()
    assert stored.location == f"s3://{s3_store.bucket}/objects/{stored.sha256}"
    assert stored.version_id
    assert stored.retain_until is not None
    assert until <= stored.retain_until < until + timedelta(seconds=2)
    with s3_store.open(stored.sha256) as stream:
        assert stream.read() == data
    head = s3_store.client.head_object(Bucket=s3_store.bucket, Key=f"objects/{stored.sha256}")
    assert head["Metadata"] == {"sha256": stored.sha256, "sm3": stored.sm3, "size": str(size)}
    assert leftovers(s3_store) == ([], [])


def test_identical_content_is_stored_once(s3_store: S3Store) -> None:
    data = os.urandom(11 * MiB)
    first = s3_store.ingest(io.BytesIO(data))
    second = s3_store.ingest(io.BytesIO(data))
    assert second.deduplicated
    assert second.version_id == first.version_id
    versions = s3_store.client.list_object_versions(Bucket=s3_store.bucket, Prefix="objects/")
    assert [v["VersionId"] for v in versions["Versions"]] == [first.version_id]
    assert list(s3_store.iter_objects()) == [first.sha256]
    assert leftovers(s3_store) == ([], [])


def test_an_intact_object_verifies(s3_store: S3Store) -> None:
    stored = s3_store.ingest(io.BytesIO(b"x" * 3000))
    verification = s3_store.verify(stored.sha256, expected_sm3=stored.sm3, expected_size=3000)
    assert verification.ok
    assert verification.bytes_read == 3000
    assert [p.code for p in s3_store.verify(stored.sha256, expected_size=1).problems] == [
        "expected-size-mismatch"
    ]


def test_content_not_matching_the_declared_sha256_leaves_nothing(s3_store: S3Store) -> None:
    with pytest.raises(DigestMismatch):
        s3_store.ingest(io.BytesIO(os.urandom(12 * MiB)), expected_sha256="0" * 64)
    assert list(s3_store.iter_objects()) == []
    assert leftovers(s3_store) == ([], [])


def test_objects_larger_than_a_single_copy_allows_are_copied_in_parts(s3_store: S3Store) -> None:
    s3_store.copy_limit, s3_store.copy_part_size = 6 * MiB, 5 * MiB  # S3's 5 GiB, scaled down
    data = os.urandom(13 * MiB)
    stored = s3_store.ingest(io.BytesIO(data))
    assert s3_store.verify(stored.sha256).ok
    assert s3_store.stat(stored.sha256).retain_until is not None


def test_a_completed_resumable_upload_goes_to_s3(s3_store: S3Store, tmp_path: object) -> None:
    uploads = Uploads(tmp_path / "spool", s3_store)  # type: ignore[operator]
    data = os.urandom(3 * 256 * 1024 + 10)
    session = uploads.upload_begin(total_size=len(data), chunk_size=256 * 1024)
    for offset in range(0, len(data), 256 * 1024):
        piece = data[offset : offset + 256 * 1024]
        uploads.upload_chunk(
            session.upload_id, offset=offset, data=piece, sha256=hashlib.sha256(piece).hexdigest()
        )
    stored = uploads.upload_complete(session.upload_id)
    assert s3_store.open(stored.sha256).read() == data
    assert s3_store.verify(stored.sha256).ok


def test_a_retention_is_required_aware_and_in_the_future(s3_server: S3Server) -> None:
    store = S3Store(s3_config(s3_server, retention_days=None))
    store.ensure_bucket()
    with pytest.raises(StoreMisconfigured, match="LIUHEN_S3_RETENTION_DAYS"):
        store.ingest(io.BytesIO(b"x"))
    with pytest.raises(ValueError, match="带时区"):
        store.ingest(io.BytesIO(b"x"), retain_until=datetime(2030, 1, 1))  # noqa: DTZ001
    with pytest.raises(ValueError, match="已经过去"):
        store.ingest(io.BytesIO(b"x"), retain_until=datetime.now(UTC) - timedelta(days=1))


def test_both_backends_name_the_same_content_the_same(s3_store: S3Store, store: LocalStore) -> None:
    data = os.urandom(7 * MiB)
    assert s3_store.ingest(io.BytesIO(data)).sha256 == store.ingest(io.BytesIO(data)).sha256
