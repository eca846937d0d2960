"""Streaming a multipart upload from the hashing pipeline, one part per chunk.

Why the first part waits: until the second chunk arrives we cannot tell a small object (sent once,
straight to its final key, the cheapest and fully locked path) from the first part of a large one.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
from typing import Any


def content_md5(data: bytes) -> str:
    """The Content-MD5 header: the server recomputes it and refuses a part damaged in transit
    (and AWS requires it for a PutObject carrying an Object Lock retention). Integrity, not
    security, so MD5 is what the protocol asks for."""
    return base64.b64encode(hashlib.md5(data, usedforsecurity=False).digest()).decode()


class PartUploader:
    """A pipeline consumer uploading each chunk as the next part of `key` in `bucket`."""

    def __init__(self, client: Any, bucket: str, key: str) -> None:
        self._client = client
        self._bucket = bucket
        self._key = key
        self._upload_id: str | None = None
        self._parts: list[dict[str, Any]] = []
        self.pending = b""
        """The first chunk, held back until we know there is a second (see module docstring)."""

    @property
    def started(self) -> bool:
        return self._upload_id is not None

    def add(self, chunk: memoryview) -> None:
        data = bytes(chunk)  # boto3 needs bytes, and the pipeline reuses the chunk's buffer
        if not self.started and not self._parts and not self.pending:
            self.pending = data
            return
        if self._upload_id is None:
            created = self._client.create_multipart_upload(Bucket=self._bucket, Key=self._key)
            self._upload_id = created["UploadId"]
            self._upload(self.pending)
            self.pending = b""
        self._upload(data)

    def _upload(self, data: bytes) -> None:
        number = len(self._parts) + 1
        response = self._client.upload_part(
            Bucket=self._bucket,
            Key=self._key,
            UploadId=self._upload_id,
            PartNumber=number,
            Body=data,
            ContentMD5=content_md5(data),
        )
        self._parts.append({"PartNumber": number, "ETag": response["ETag"]})

    def complete(self) -> str | None:
        """Finish the upload; return the staging object's version id (None if unversioned)."""
        done = self._client.complete_multipart_upload(
            Bucket=self._bucket,
            Key=self._key,
            UploadId=self._upload_id,
            MultipartUpload={"Parts": self._parts},
        )
        self._upload_id = None
        self._parts = []
        version: str | None = done.get("VersionId")
        return version

    def abort(self) -> None:
        """Abandon an unfinished upload (best effort: `sweep` catches what this misses)."""
        if self._upload_id is None:
            return
        # The error that brought us here matters more than this one; `sweep` retries later.
        with contextlib.suppress(Exception):
            self._client.abort_multipart_upload(
                Bucket=self._bucket, Key=self._key, UploadId=self._upload_id
            )
        self._upload_id = None
