"""Configuration of the S3 backend, filled from environment variables by the Django settings.

    LIUHEN_S3_ENDPOINT          https://rgw.example.gov.cn (unset: AWS's own endpoints)
    LIUHEN_S3_BUCKET            the evidence bucket, created with Object Lock enabled
    LIUHEN_S3_ACCESS_KEY        credentials of the application's S3 user
    LIUHEN_S3_SECRET_KEY
    LIUHEN_S3_REGION            default us-east-1 (Ceph RGW's default zonegroup answers to it)
    LIUHEN_S3_RETENTION_DAYS    COMPLIANCE retention for an ingest whose caller gives no date
    LIUHEN_S3_STAGING_BUCKET    optional bucket without Object Lock for uploads in progress;
                                needed only if the evidence bucket has a default retention rule

Why the client settings below: Ceph RGW (Pacific, Debian 12) rejects the CRC32 trailers recent
botocore sends by default, so checksums are sent only where the API requires them; the copy of a
4 GB recording takes longer than botocore's 60-second read timeout.
"""

from __future__ import annotations

import io
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from liuhen.evidence.store.base import StoreMisconfigured

ENVIRONMENT_PREFIX = "LIUHEN_S3_"


@dataclass(frozen=True)
class S3Config:
    bucket: str
    access_key: str
    secret_key: str = field(repr=False)
    endpoint_url: str | None = None
    region: str = "us-east-1"
    retention_days: int | None = None
    """COMPLIANCE retention when the caller passes no date; None: callers must always pass one."""
    staging_bucket: str | None = None
    """Uploads in progress go here (default: the evidence bucket under `staging/`)."""
    part_size: int = 16 * 1024 * 1024
    """Multipart part size: 10,000 parts of 16 MiB allow objects up to 160 GiB."""

    def __post_init__(self) -> None:
        if len(self.bucket) < 3:
            raise StoreMisconfigured(f"S3 存储桶名称至少 3 个字符：{self.bucket!r}")
        if self.part_size < 5 * 1024 * 1024:
            raise StoreMisconfigured("S3 分段大小不能小于 5 MiB（S3 协议的下限）")
        if self.retention_days is not None and self.retention_days <= 0:
            raise StoreMisconfigured("LIUHEN_S3_RETENTION_DAYS 应为正整数")

    @property
    def staging(self) -> str:
        return self.staging_bucket or self.bucket

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] | None = None) -> S3Config:
        """Read the LIUHEN_S3_* variables; raise StoreMisconfigured naming any that is missing."""
        env = os.environ if environ is None else environ

        def get(name: str) -> str | None:
            value = env.get(ENVIRONMENT_PREFIX + name, "").strip()
            return value or None

        missing = [
            ENVIRONMENT_PREFIX + name
            for name in ("BUCKET", "ACCESS_KEY", "SECRET_KEY")
            if get(name) is None
        ]
        if missing:
            raise StoreMisconfigured(f"缺少环境变量：{', '.join(missing)}")
        days_text = get("RETENTION_DAYS")
        try:
            days = int(days_text) if days_text is not None else None
        except ValueError:
            raise StoreMisconfigured(
                f"LIUHEN_S3_RETENTION_DAYS 应为正整数，现为 {days_text!r}"
            ) from None
        return cls(
            bucket=get("BUCKET") or "",
            access_key=get("ACCESS_KEY") or "",
            secret_key=get("SECRET_KEY") or "",
            endpoint_url=get("ENDPOINT"),
            region=get("REGION") or "us-east-1",
            retention_days=days,
            staging_bucket=get("STAGING_BUCKET"),
        )

    def client(self) -> Any:
        """A boto3 S3 client for this configuration (typed Any: boto3 ships no type hints)."""
        import boto3
        from botocore.config import Config

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            region_name=self.region,
            aws_access_key_id=self.access_key,
            aws_secret_access_key=self.secret_key,
            config=Config(
                signature_version="s3v4",
                s3={"addressing_style": "path"},
                request_checksum_calculation="when_required",
                response_checksum_validation="when_required",
                retries={"max_attempts": 5, "mode": "standard"},
                connect_timeout=10,
                read_timeout=600,
            ),
        )


class BodyReader(io.RawIOBase):
    """botocore's StreamingBody as a real binary file, so `open` returns a BinaryIO."""

    def __init__(self, body: Any) -> None:
        super().__init__()
        self._body = body

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        data = self._body.read(len(view))
        view[: len(data)] = data
        return len(data)

    def close(self) -> None:
        if not self.closed:
            self._body.close()
        super().close()
