"""Tampering and damage on S3 are detected: bit rot below S3, overwrites, hidden deletes,
unlocked originals, leftovers of crashed ingests, and buckets that cannot keep originals."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from liuhen.evidence.store import S3Store, StoreMisconfigured
from tests.evidence.store.conftest import s3_config
from tests.evidence.store.rgw import S3Server

pytestmark = [pytest.mark.xdist_group("rgw")]


def rados(conf: Path, *arguments: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        ["rados", "-p", "default.rgw.buckets.data", *arguments],
        env={**os.environ, "CEPH_CONF": str(conf)},
        capture_output=True,
        check=True,
        timeout=60,
    )


def test_a_byte_flipped_inside_ceph_is_detected(
    s3_server: S3Server, s3_store: S3Store, tmp_path: Path
) -> None:
    if s3_server.ceph_conf is None:
        pytest.fail(
            "this test damages an object in RADOS, below S3: it needs the gateway started by "
            "scripts/start-rgw.sh (or LIUHEN_RGW_DIR naming its folder)"
        )
    stored = s3_store.ingest(io.BytesIO(os.urandom(3000)))
    # Given the object's bytes flipped in the RADOS object holding them (not through S3)
    names = rados(s3_server.ceph_conf, "ls").stdout.decode().split()
    (oid,) = [n for n in names if n.endswith(f"{stored.version_id}_objects/{stored.sha256}")]
    copy = tmp_path / "raw"
    rados(s3_server.ceph_conf, "get", oid, str(copy))
    raw = bytearray(copy.read_bytes())
    raw[1234] ^= 0x01
    copy.write_bytes(bytes(raw))
    rados(s3_server.ceph_conf, "put", oid, str(copy))
    # Then verification names the damage
    problems = {p.code for p in s3_store.verify(stored.sha256).problems}
    assert problems == {"sha256-mismatch", "sm3-mismatch"}


def test_an_overwrite_of_the_key_is_detected_and_the_original_survives(s3_store: S3Store) -> None:
    stored = s3_store.ingest(io.BytesIO(b"original"))
    key = f"objects/{stored.sha256}"
    s3_store.client.put_object(Bucket=s3_store.bucket, Key=key, Body=b"forgery")
    codes = {p.code for p in s3_store.verify(stored.sha256).problems}
    assert {"sha256-mismatch", "metadata-mismatch", "not-locked"} <= codes
    with s3_store.open(stored.sha256, version_id=stored.version_id) as original:
        assert original.read() == b"original"
    repaired = s3_store.ingest(io.BytesIO(b"original"))
    assert repaired.repaired
    assert s3_store.verify(stored.sha256).ok


def test_a_delete_marker_hides_nothing_from_verification(s3_store: S3Store) -> None:
    stored = s3_store.ingest(io.BytesIO(b"hidden away"))
    s3_store.client.delete_object(Bucket=s3_store.bucket, Key=f"objects/{stored.sha256}")
    assert stored.sha256 in list(s3_store.iter_objects())
    assert s3_store.exists(stored.sha256)
    assert [p.code for p in s3_store.verify(stored.sha256).problems] == ["hidden"]
    assert s3_store.open(stored.sha256).read() == b"hidden away"


def test_an_unlocked_original_is_reported_and_locked_by_the_next_ingest(s3_store: S3Store) -> None:
    # Given a crash between the server-side copy and the lock
    stored = s3_store.ingest(io.BytesIO(b"first"))
    data = b"copied but never locked"
    digest = hashlib.sha256(data).hexdigest()
    s3_store.client.put_object(
        Bucket=s3_store.bucket,
        Key=f"objects/{digest}",
        Body=data,
        Metadata={
            "sha256": digest,
            "size": str(len(data)),
            "sm3": hashlib.new("sm3", data).hexdigest(),
        },
    )
    assert [p.code for p in s3_store.verify(digest).problems] == ["not-locked"]
    again = s3_store.ingest(io.BytesIO(data))
    assert again.deduplicated
    assert again.retain_until is not None
    assert s3_store.verify(digest).ok
    assert s3_store.verify(stored.sha256).ok


def test_sweep_removes_staging_leftovers_older_than_asked(s3_store: S3Store) -> None:
    client, bucket = s3_store.client, s3_store.bucket
    client.put_object(Bucket=bucket, Key="staging/crashed", Body=b"partial")
    upload = client.create_multipart_upload(Bucket=bucket, Key="staging/dropped")
    client.upload_part(
        Bucket=bucket, Key="staging/dropped", UploadId=upload["UploadId"], PartNumber=1, Body=b"x"
    )
    assert s3_store.sweep(older_than=timedelta(hours=1)).removed == []
    report = s3_store.sweep(older_than=timedelta(0))
    assert len(report.removed) == 2
    assert report.removed_bytes == len(b"partial")
    assert client.list_object_versions(Bucket=bucket, Prefix="staging/").get("Versions", []) == []
    assert client.list_multipart_uploads(Bucket=bucket).get("Uploads", []) == []


def test_a_bucket_without_object_lock_is_refused(s3_server: S3Server) -> None:
    store = S3Store(s3_config(s3_server))
    store.client.create_bucket(Bucket=store.bucket)
    with pytest.raises(StoreMisconfigured, match="未启用对象锁定"):
        store.check()


def test_a_default_retention_rule_needs_a_separate_staging_bucket(s3_server: S3Server) -> None:
    store = S3Store(s3_config(s3_server))
    store.ensure_bucket()
    store.client.put_object_lock_configuration(
        Bucket=store.bucket,
        ObjectLockConfiguration={
            "ObjectLockEnabled": "Enabled",
            "Rule": {"DefaultRetention": {"Mode": "COMPLIANCE", "Days": 1}},
        },
    )
    with pytest.raises(StoreMisconfigured, match="LIUHEN_S3_STAGING_BUCKET"):
        store.check()
    separate = S3Store(
        s3_config(s3_server, bucket=store.bucket, staging_bucket=f"{store.bucket}-up")
    )
    separate.ensure_bucket()
    stored = separate.ingest(
        io.BytesIO(os.urandom(12 * 1024 * 1024)),
        retain_until=datetime.now(UTC) + timedelta(hours=1),
    )
    assert separate.verify(stored.sha256).ok
    assert (
        separate.client.list_object_versions(Bucket=f"{store.bucket}-up").get("Versions", []) == []
    )
