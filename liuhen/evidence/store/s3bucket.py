"""The S3 calls the store needs, each with S3's and Ceph RGW's error codes turned into answers.

Kept apart from `s3.py` so the store reads as the ingest protocol, and so versions, delete
markers and Object Lock quirks are handled in one place. Everything here addresses a *version*:
an Object Lock bucket always versions, and a key's latest version is not necessarily the original
(an overwrite adds a version, a delete adds a marker that hides it).
"""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from typing import Any, BinaryIO

from botocore.exceptions import ClientError

from liuhen.evidence.store.base import ObjectNotFound, StoreMisconfigured, SweepReport
from liuhen.evidence.store.s3config import BodyReader, S3Config

OBJECTS = "objects/"
STAGING = "staging/"
COMPLIANCE = "COMPLIANCE"
NOT_FOUND = {"404", "NoSuchKey", "NoSuchVersion", "NotFound"}
NO_LOCK = {"ObjectLockConfigurationNotFoundError", "NoSuchObjectLockConfiguration", "404"}


def error_code(error: ClientError) -> str:
    return str(error.response.get("Error", {}).get("Code", ""))


def version_argument(version: str | None) -> dict[str, str]:
    """botocore refuses VersionId=None; an Object Lock bucket always versions, but be exact."""
    return {"VersionId": version} if version else {}


class Bucket:
    """One bucket through one client: heads, versions, reads, retention and legal hold."""

    def __init__(self, client: Any, name: str) -> None:
        self.client = client
        self.name = name

    def head(self, key: str, version: str | None = None) -> dict[str, Any] | None:
        try:
            head: dict[str, Any] = self.client.head_object(
                Bucket=self.name, Key=key, **version_argument(version)
            )
        except ClientError as error:
            if error_code(error) in NOT_FOUND:
                return None
            raise
        return head

    def newest_data_version(self, key: str) -> str | None:
        """The newest version holding data, even if a delete marker hides it."""
        found = self.client.list_object_versions(Bucket=self.name, Prefix=key)
        versions = [v for v in found.get("Versions", []) if v["Key"] == key]
        if not versions:
            return None
        newest: str = max(versions, key=lambda v: v["LastModified"])["VersionId"]
        return newest

    def current_version(self, key: str) -> str | None:
        """The latest version, or the newest one with data if a delete marker is on top."""
        head = self.head(key)
        if head is not None:
            version: str | None = head.get("VersionId")
            return version
        version = self.newest_data_version(key)
        if version is None:
            raise ObjectNotFound(key.removeprefix(OBJECTS))
        return version

    def open(self, key: str, version: str | None) -> BinaryIO:
        try:
            body = self.client.get_object(Bucket=self.name, Key=key, **version_argument(version))
        except ClientError as error:
            if error_code(error) in NOT_FOUND:
                raise ObjectNotFound(key.removeprefix(OBJECTS)) from None
            raise
        return io.BufferedReader(BodyReader(body["Body"]), buffer_size=1024 * 1024)

    def retention(self, key: str, version: str | None) -> tuple[str, datetime] | None:
        """(mode, retain-until) of a version, None if it has no retention."""
        try:
            found = self.client.get_object_retention(
                Bucket=self.name, Key=key, **version_argument(version)
            )
        except ClientError as error:
            if error_code(error) in NO_LOCK | NOT_FOUND:
                return None
            raise
        retention = found.get("Retention", {})
        until = retention.get("RetainUntilDate")
        if until is None:
            return None
        return str(retention.get("Mode")), until.astimezone(UTC)

    def put_retention(self, key: str, version: str | None, retain_until: datetime) -> None:
        self.client.put_object_retention(
            Bucket=self.name,
            Key=key,
            **version_argument(version),
            Retention={"Mode": COMPLIANCE, "RetainUntilDate": retain_until},
        )

    def legal_hold(self, key: str, version: str | None) -> bool:
        try:
            found = self.client.get_object_legal_hold(
                Bucket=self.name, Key=key, **version_argument(version)
            )
        except ClientError as error:
            if error_code(error) in NO_LOCK | NOT_FOUND:
                return False
            raise
        return bool(found.get("LegalHold", {}).get("Status") == "ON")

    def put_legal_hold(self, key: str, version: str | None, on: bool) -> None:
        self.client.put_object_legal_hold(
            Bucket=self.name,
            Key=key,
            **version_argument(version),
            LegalHold={"Status": "ON" if on else "OFF"},
        )


def ensure_buckets(client: Any, config: S3Config) -> None:
    """Create the evidence bucket with Object Lock (and the staging bucket) if missing."""
    wanted = [(config.bucket, True)]
    if config.staging != config.bucket:
        wanted.append((config.staging, False))
    for bucket, locked in wanted:
        try:
            client.head_bucket(Bucket=bucket)
            continue
        except ClientError as error:
            if error_code(error) not in NOT_FOUND | {"NoSuchBucket"}:
                raise
        arguments: dict[str, Any] = {"Bucket": bucket}
        if locked:
            arguments["ObjectLockEnabledForBucket"] = True
        if config.region != "us-east-1":
            arguments["CreateBucketConfiguration"] = {"LocationConstraint": config.region}
        client.create_bucket(**arguments)


def check_bucket(client: Any, config: S3Config) -> None:
    """Refuse a bucket that cannot keep originals: no Object Lock, or a default retention rule
    that would lock the staging uploads too (they could then never be deleted)."""
    try:
        lock = client.get_object_lock_configuration(Bucket=config.bucket)
    except ClientError as error:
        if error_code(error) in NO_LOCK | {"NoSuchBucket"}:
            raise StoreMisconfigured(
                f"S3 存储桶 {config.bucket} 不存在或未启用对象锁定（Object Lock）；"
                "须在创建存储桶时启用"
            ) from error
        raise
    configuration = lock.get("ObjectLockConfiguration", {})
    if configuration.get("ObjectLockEnabled") != "Enabled":
        raise StoreMisconfigured(f"S3 存储桶 {config.bucket} 未启用对象锁定（Object Lock）")
    if configuration.get("Rule") and config.staging == config.bucket:
        raise StoreMisconfigured(
            f"S3 存储桶 {config.bucket} 设有默认保留规则，上传中的临时对象将无法删除；"
            "请设置 LIUHEN_S3_STAGING_BUCKET（一个未启用对象锁定的存储桶）"
        )


def sweep_staging(client: Any, config: S3Config, *, older_than: timedelta) -> SweepReport:
    """Delete staging versions and abort multipart uploads older than `older_than`."""
    report = SweepReport()
    cutoff = datetime.now(UTC) - older_than
    staging = config.staging
    for page in client.get_paginator("list_object_versions").paginate(
        Bucket=staging, Prefix=STAGING
    ):
        for entry in page.get("Versions", []) + page.get("DeleteMarkers", []):
            if entry["LastModified"] >= cutoff:
                report.kept_in_use += 1
                continue
            client.delete_object(Bucket=staging, Key=entry["Key"], VersionId=entry["VersionId"])
            report.removed.append(f"s3://{staging}/{entry['Key']}")
            report.removed_bytes += int(entry.get("Size", 0))
    uploads = client.get_paginator("list_multipart_uploads")
    for bucket, prefix in ((staging, STAGING), (config.bucket, OBJECTS)):
        for page in uploads.paginate(Bucket=bucket, Prefix=prefix):
            for upload in page.get("Uploads", []):
                if upload["Initiated"] >= cutoff:
                    report.kept_in_use += 1
                    continue
                client.abort_multipart_upload(
                    Bucket=bucket, Key=upload["Key"], UploadId=upload["UploadId"]
                )
                report.removed.append(f"s3://{bucket}/{upload['Key']}（未完成的分段上传）")
    return report
