"""Object Lock in COMPLIANCE mode on the real gateway: nobody deletes an original early."""

from __future__ import annotations

import io
import os
from datetime import UTC, datetime, timedelta

import pytest
from botocore.exceptions import ClientError

from liuhen.evidence.store import S3Store

pytestmark = [pytest.mark.xdist_group("rgw")]
MiB = 1024 * 1024


@pytest.mark.parametrize("size", [100, 12 * MiB], ids=["put", "copied"])
def test_deleting_a_locked_version_before_retention_ends_is_refused(
    s3_store: S3Store, size: int
) -> None:
    stored = s3_store.ingest(io.BytesIO(os.urandom(size)))
    with pytest.raises(ClientError) as refused:
        s3_store.client.delete_object(
            Bucket=s3_store.bucket, Key=f"objects/{stored.sha256}", VersionId=stored.version_id
        )
    assert refused.value.response["Error"]["Code"] == "AccessDenied"
    assert s3_store.verify(stored.sha256).ok


def test_retention_is_compliance_mode_and_cannot_be_shortened(s3_store: S3Store) -> None:
    stored = s3_store.ingest(io.BytesIO(b"recording"))
    key = f"objects/{stored.sha256}"
    retention = s3_store.client.get_object_retention(
        Bucket=s3_store.bucket, Key=key, VersionId=stored.version_id
    )["Retention"]
    assert retention["Mode"] == "COMPLIANCE"
    with pytest.raises(ClientError):
        s3_store.client.put_object_retention(
            Bucket=s3_store.bucket,
            Key=key,
            VersionId=stored.version_id,
            Retention={
                "Mode": "COMPLIANCE",
                "RetainUntilDate": datetime.now(UTC) + timedelta(minutes=5),
            },
        )


def test_a_later_ingest_extends_the_retention_and_never_shortens_it(s3_store: S3Store) -> None:
    soon = datetime.now(UTC) + timedelta(hours=1)
    later = datetime.now(UTC) + timedelta(days=30)
    s3_store.ingest(io.BytesIO(b"case file"), retain_until=soon)
    extended = s3_store.ingest(io.BytesIO(b"case file"), retain_until=later)
    assert extended.deduplicated
    assert extended.retain_until is not None
    assert extended.retain_until >= later - timedelta(seconds=1)
    again = s3_store.ingest(io.BytesIO(b"case file"), retain_until=soon)
    assert again.retain_until == extended.retain_until


def test_a_legal_hold_is_set_read_back_and_released(s3_store: S3Store) -> None:
    stored = s3_store.ingest(io.BytesIO(b"disputed"), legal_hold=True)
    assert stored.legal_hold
    assert s3_store.stat(stored.sha256).legal_hold
    s3_store.set_legal_hold(stored.sha256, False)
    assert not s3_store.stat(stored.sha256).legal_hold


def test_extend_retention_by_name(s3_store: S3Store) -> None:
    stored = s3_store.ingest(io.BytesIO(b"appeal"))
    until = datetime.now(UTC) + timedelta(days=400)
    assert s3_store.extend_retention(stored.sha256, until) >= until - timedelta(seconds=1)
    assert s3_store.stat(stored.sha256).retain_until == s3_store.extend_retention(
        stored.sha256, until
    )
