"""The production backend: S3-compatible object storage with Object Lock in COMPLIANCE mode.

How an object gets its name: the key is `objects/<sha256>`, but the SHA-256 is known only after
the last byte. So the stream goes, as it is hashed (SHA-256 and SM3 in the same pass), to a
multipart upload under `staging/<random>`; once complete and hashed, the server copies it to
`objects/<sha256>` (no second transfer), the copy is locked, and the staging version is deleted by
its version id. An object smaller than one part is sent once, straight to its final key. Every part
carries a Content-MD5 so the server refuses one damaged on the way.

Why the lock is applied after the copy and then read back: Ceph RGW Pacific silently ignores the
Object Lock headers of CopyObject and CreateMultipartUpload (it honours those of PutObject and
PutObjectRetention). A store that trusted the headers would keep unlocked originals and say they
were locked. Between copy and lock a crash can leave an unlocked object: the next ingest of the
same content, and `verify` ("not-locked"), find it.

Leftover staging versions and multipart uploads (a crash, a dropped client) are removed by `sweep`.
The staging versions carry no retention, so the evidence bucket must have no *default* retention
rule unless `staging_bucket` names a separate bucket without Object Lock (`check` enforces this).
"""

from __future__ import annotations

import contextlib
import math
import uuid
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, BinaryIO

from botocore.exceptions import ClientError

from liuhen.evidence.store.base import (
    DigestMismatch,
    EvidenceStore,
    ObjectNotFound,
    Problem,
    StoredObject,
    StoreMisconfigured,
    SweepReport,
    Verification,
    check_name,
)
from liuhen.evidence.store.digests import Digests, is_sha256_hex, new_sha256, new_sm3, require_sm3
from liuhen.evidence.store.hashing import digest_problems, hash_stream
from liuhen.evidence.store.pump import Consumer, Readable, pump
from liuhen.evidence.store.s3bucket import (
    COMPLIANCE,
    OBJECTS,
    STAGING,
    Bucket,
    check_bucket,
    ensure_buckets,
    sweep_staging,
)
from liuhen.evidence.store.s3config import S3Config
from liuhen.evidence.store.s3parts import PartUploader, content_md5


class S3Store(EvidenceStore):
    copy_limit = 5 * 1024**3
    """Largest object CopyObject may copy (S3's limit); larger ones are copied in parts."""
    copy_part_size = 512 * 1024**2

    def __init__(self, config: S3Config, *, with_sm3: bool = True, client: Any = None) -> None:
        if with_sm3:
            require_sm3()
        self.config = config
        self.with_sm3 = with_sm3
        self.bucket = config.bucket
        self.client = client if client is not None else config.client()
        self._bucket = Bucket(self.client, config.bucket)

    def __repr__(self) -> str:
        return f"S3Store({self.config.endpoint_url!r}, bucket={self.bucket!r})"

    def key(self, sha256: str) -> str:
        return OBJECTS + check_name(sha256)

    def ensure_bucket(self) -> None:
        """Create the evidence bucket with Object Lock (and the staging bucket) if missing.

        For development and tests; in production the operator creates them (see
        docs/production-object-storage.md) and the application only runs `check`.
        """
        ensure_buckets(self.client, self.config)
        self.check()

    def check(self) -> None:
        """Refuse a bucket that cannot keep originals; run it when the application starts."""
        check_bucket(self.client, self.config)

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
        retain = self._retain_until(retain_until)
        staging_key = f"{STAGING}{uuid.uuid4().hex}"
        uploader = PartUploader(self.client, self.config.staging, staging_key)
        sha256 = new_sha256()
        sm3 = new_sm3() if self.with_sm3 else None
        consumers: list[Consumer] = [sm3.update] if sm3 else []
        consumers += [sha256.update, uploader.add, *observe]
        try:
            size = pump(source, consumers, chunk_size=self.config.part_size)
            digests = Digests(sha256.hexdigest(), sm3.hexdigest() if sm3 else None, size)
            if expected_sha256 is not None and digests.sha256 != expected_sha256.lower():
                raise DigestMismatch(expected_sha256, digests.sha256)
            if not uploader.started:
                return self._store_whole(uploader.pending, digests, retain, legal_hold)
            staged_version = uploader.complete()
        except BaseException:
            uploader.abort()
            raise
        try:
            return self._store_staged(staging_key, staged_version, digests, retain, legal_hold)
        finally:
            self._delete_staged(staging_key, staged_version)

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
        with Path(path).open("rb") as stream:
            stored = self.ingest(
                stream,
                retain_until=retain_until,
                legal_hold=legal_hold,
                expected_sha256=expected_sha256,
                observe=observe,
            )
        if move:
            Path(path).unlink()
        return stored

    def _retain_until(self, retain_until: datetime | None) -> datetime:
        now = datetime.now(UTC)
        if retain_until is None:
            if self.config.retention_days is None:
                raise StoreMisconfigured(
                    "未给出保留期限，且未配置默认保留天数（LIUHEN_S3_RETENTION_DAYS）"
                )
            retain_until = now + timedelta(days=self.config.retention_days)
        if retain_until.tzinfo is None:
            raise ValueError("保留期限必须是带时区的时间（aware datetime）")
        if retain_until <= now:
            raise ValueError(f"保留期限 {retain_until.isoformat()} 已经过去")
        # S3 keeps whole seconds: round up so the lock never ends before the date asked for.
        whole = retain_until.astimezone(UTC).replace(microsecond=0)
        return whole if whole == retain_until else whole + timedelta(seconds=1)

    def _metadata(self, digests: Digests) -> dict[str, str]:
        metadata = {"sha256": digests.sha256, "size": str(digests.size)}
        if digests.sm3:
            metadata["sm3"] = digests.sm3
        return metadata

    def _store_whole(
        self, data: bytes, digests: Digests, retain: datetime, legal_hold: bool
    ) -> StoredObject:
        key = self.key(digests.sha256)
        repaired = False
        existing = self._bucket.head(key)
        if existing is not None:
            if self._intact(key, existing["VersionId"], digests):
                return self._lock(key, existing["VersionId"], digests, retain, legal_hold, True)
            repaired = True
        response = self.client.put_object(
            Bucket=self.bucket,
            Key=key,
            Body=data,
            ContentMD5=content_md5(data),
            Metadata=self._metadata(digests),
            ObjectLockMode=COMPLIANCE,
            ObjectLockRetainUntilDate=retain,
            **({"ObjectLockLegalHoldStatus": "ON"} if legal_hold else {}),
        )
        version = response.get("VersionId")
        return self._lock(key, version, digests, retain, legal_hold, False, repaired=repaired)

    def _store_staged(
        self,
        staging_key: str,
        staged_version: str | None,
        digests: Digests,
        retain: datetime,
        legal_hold: bool,
    ) -> StoredObject:
        key = self.key(digests.sha256)
        repaired = False
        existing = self._bucket.head(key)
        if existing is not None:
            if self._intact(key, existing["VersionId"], digests):
                return self._lock(key, existing["VersionId"], digests, retain, legal_hold, True)
            repaired = True
        source: dict[str, str] = {"Bucket": self.config.staging, "Key": staging_key}
        if staged_version:
            source["VersionId"] = staged_version  # the bytes we hashed, not a later overwrite
        lock: dict[str, Any] = {"ObjectLockMode": COMPLIANCE, "ObjectLockRetainUntilDate": retain}
        if digests.size <= self.copy_limit:
            response = self.client.copy_object(
                Bucket=self.bucket,
                Key=key,
                CopySource=source,
                MetadataDirective="REPLACE",
                Metadata=self._metadata(digests),
                **lock,
            )
            version = response.get("VersionId")
        else:
            version = self._copy_in_parts(source, key, digests, lock)
        if version is None:
            # RGW Pacific's CopyObject answers without x-amz-version-id: ask for the latest.
            latest = self._bucket.head(key)
            version = latest.get("VersionId") if latest else None
        copied = self._bucket.head(key, version)
        if copied is None or copied["ContentLength"] != digests.size:
            raise OSError(f"S3 服务器端复制后的 {key} 不存在或大小不是 {digests.size} 字节")
        return self._lock(key, version, digests, retain, legal_hold, False, repaired=repaired)

    def _copy_in_parts(
        self, source: dict[str, str], key: str, digests: Digests, lock: dict[str, Any]
    ) -> str | None:
        part_size = max(self.copy_part_size, math.ceil(digests.size / 10_000))
        upload = self.client.create_multipart_upload(
            Bucket=self.bucket, Key=key, Metadata=self._metadata(digests), **lock
        )
        upload_id = upload["UploadId"]
        try:
            parts = []
            for number, start in enumerate(range(0, digests.size, part_size), start=1):
                end = min(start + part_size, digests.size) - 1
                response = self.client.upload_part_copy(
                    Bucket=self.bucket,
                    Key=key,
                    UploadId=upload_id,
                    PartNumber=number,
                    CopySource=source,
                    CopySourceRange=f"bytes={start}-{end}",
                )
                parts.append({"PartNumber": number, "ETag": response["CopyPartResult"]["ETag"]})
            done = self.client.complete_multipart_upload(
                Bucket=self.bucket,
                Key=key,
                UploadId=upload_id,
                MultipartUpload={"Parts": parts},
            )
        except BaseException:
            self.client.abort_multipart_upload(Bucket=self.bucket, Key=key, UploadId=upload_id)
            raise
        version: str | None = done.get("VersionId")
        return version

    def _delete_staged(self, staging_key: str, version: str | None) -> None:
        arguments = {"Bucket": self.config.staging, "Key": staging_key}
        if version:
            arguments["VersionId"] = version  # removes the version itself, not a delete marker
        # On failure `sweep` removes it later; the object itself is safely stored by now.
        with contextlib.suppress(ClientError):
            self.client.delete_object(**arguments)

    def _intact(self, key: str, version: str | None, digests: Digests) -> bool:
        """Whether the stored version holds exactly these bytes (re-read and re-hashed)."""
        with self._bucket.open(key, version) as stream:
            found = hash_stream(stream, with_sm3=digests.sm3 is not None)
        return found == digests

    def _lock(
        self,
        key: str,
        version: str | None,
        digests: Digests,
        retain: datetime,
        legal_hold: bool,
        deduplicated: bool,
        *,
        repaired: bool = False,
    ) -> StoredObject:
        """Apply (or extend) COMPLIANCE retention and the legal hold, then read them back."""
        current = self._bucket.retention(key, version)
        if current is None or current[0] != COMPLIANCE or current[1] < retain:
            self._bucket.put_retention(key, version, retain)
        if legal_hold:
            self.set_legal_hold(digests.sha256, True, version_id=version)
        confirmed = self._bucket.retention(key, version)
        if confirmed is None or confirmed[0] != COMPLIANCE or confirmed[1] < retain:
            raise StoreMisconfigured(f"S3 服务器未执行对象锁定：{key} 版本 {version} 未被保留")
        return StoredObject(
            sha256=digests.sha256,
            sm3=digests.sm3,
            size=digests.size,
            location=f"s3://{self.bucket}/{key}",
            deduplicated=deduplicated,
            repaired=repaired,
            version_id=version,
            retain_until=confirmed[1],
            legal_hold=self._bucket.legal_hold(key, version),
        )

    # --- locks -------------------------------------------------------------------------------
    def set_legal_hold(self, sha256: str, on: bool, *, version_id: str | None = None) -> None:
        """Hold (or release) an object regardless of its retention date, e.g. during litigation."""
        key = self.key(sha256)
        self._bucket.put_legal_hold(key, version_id or self._bucket.current_version(key), on)

    def extend_retention(
        self, sha256: str, retain_until: datetime, *, version_id: str | None = None
    ) -> datetime:
        """Lengthen an object's COMPLIANCE retention (S3 refuses to shorten it); return it."""
        key = self.key(sha256)
        version = version_id or self._bucket.current_version(key)
        stored = self.stat(sha256)
        digests = Digests(sha256, stored.sm3, stored.size)
        locked = self._lock(key, version, digests, self._retain_until(retain_until), False, False)
        assert locked.retain_until is not None
        return locked.retain_until

    # --- reading -----------------------------------------------------------------------------
    # --- reading -----------------------------------------------------------------------------
    def open(self, sha256: str, *, version_id: str | None = None) -> BinaryIO:
        key = self.key(sha256)
        return self._bucket.open(key, version_id or self._bucket.current_version(key))

    def exists(self, sha256: str) -> bool:
        key = self.key(sha256)
        return (
            self._bucket.head(key) is not None or self._bucket.newest_data_version(key) is not None
        )

    def stat(self, sha256: str) -> StoredObject:
        key = self.key(sha256)
        version = self._bucket.current_version(key)
        head = self._bucket.head(key, version)
        if head is None:
            raise ObjectNotFound(sha256)
        retention = self._bucket.retention(key, version)
        return StoredObject(
            sha256=sha256,
            sm3=head.get("Metadata", {}).get("sm3"),
            size=int(head["ContentLength"]),
            location=f"s3://{self.bucket}/{key}",
            version_id=version,
            retain_until=retention[1] if retention else None,
            legal_hold=self._bucket.legal_hold(key, version),
        )

    def iter_objects(self) -> Iterator[str]:
        # Versions, not the plain listing: an object hidden by a delete marker must be verified.
        paginator = self.client.get_paginator("list_object_versions")
        previous = None
        for page in paginator.paginate(Bucket=self.bucket, Prefix=OBJECTS):
            for version in page.get("Versions", []):
                name = version["Key"].removeprefix(OBJECTS)
                if name != previous and is_sha256_hex(name):
                    previous = name
                    yield name

    # --- verification ------------------------------------------------------------------------
    def verify(
        self, sha256: str, *, expected_sm3: str | None = None, expected_size: int | None = None
    ) -> Verification:
        key = self.key(sha256)
        problems: list[Problem] = []
        head = self._bucket.head(key)
        if head is None:
            version = self._bucket.newest_data_version(key)
            if version is None:
                return Verification(sha256, (Problem("missing", "对象不存在"),))
            problems.append(
                Problem("hidden", f"最新版本是删除标记（有人试图删除），原件版本 {version} 仍在")
            )
            head = self._bucket.head(key, version) or {}
        version = head.get("VersionId")
        metadata = head.get("Metadata", {})
        if metadata.get("sha256") != sha256:
            problems.append(
                Problem("metadata-mismatch", f"元数据中的 SHA-256 为 {metadata.get('sha256')}")
            )
        retention = self._bucket.retention(key, version)
        if retention is None or retention[0] != COMPLIANCE:
            problems.append(
                Problem("not-locked", f"版本 {version} 未处于合规模式保留（COMPLIANCE）")
            )
        recorded_size = metadata.get("size")
        try:
            with self._bucket.open(key, version) as stream:
                actual = hash_stream(stream, with_sm3=self.with_sm3 or bool(expected_sm3))
        except (OSError, ClientError) as error:
            problems.append(Problem("unreadable", f"读取失败：{error}"))
            return Verification(sha256, tuple(problems))
        problems += digest_problems(actual, sha256=sha256, against="名称")
        problems += digest_problems(
            actual,
            sm3=metadata.get("sm3"),
            size=int(recorded_size) if recorded_size and recorded_size.isdigit() else None,
            against="元数据",
        )
        problems += digest_problems(
            actual,
            sm3=expected_sm3,
            size=expected_size,
            against="台账记录",
            code_prefix="expected-",
        )
        return Verification(sha256, tuple(problems), actual.size)

    def sweep(self, *, older_than: timedelta) -> SweepReport:
        return sweep_staging(self.client, self.config, older_than=older_than)
