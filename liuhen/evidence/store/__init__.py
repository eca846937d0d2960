"""The evidence store's storage layer, in plain Python (no Django).

Content-addressed: an object's name is the SHA-256 of its bytes (SM3 computed in the same pass
for agencies that require 国密). Two backends keep the same promises (`EvidenceStore`):

- `LocalStore`: a folder on the server, the embedded default;
- `S3Store`: S3-compatible storage with Object Lock in COMPLIANCE mode (Ceph RGW in production).

`Uploads` assembles resumable chunked uploads and hands them to a store; `media_facts` reads what
a recording says about itself. See docs/adr/0301-evidence-store.md for the design.
"""

from liuhen.evidence.store.base import (
    DigestMismatch,
    EvidenceStore,
    InvalidObjectName,
    ObjectNotFound,
    Problem,
    StoredObject,
    StoreError,
    StoreMisconfigured,
    SweepReport,
    Verification,
)
from liuhen.evidence.store.digests import Digests, DigestUnavailable, require_sm3, sm3_available
from liuhen.evidence.store.local import LocalStore
from liuhen.evidence.store.media import DeviceFacts, MediaFacts, StreamFacts, media_facts
from liuhen.evidence.store.s3 import S3Store
from liuhen.evidence.store.s3config import S3Config
from liuhen.evidence.store.uploads import (
    ChunkChanged,
    ChunkConflict,
    ChunkCorrupt,
    UploadError,
    UploadIncomplete,
    UploadNotFound,
    Uploads,
    UploadSession,
    UploadStatus,
)

__all__ = [
    "ChunkChanged",
    "ChunkConflict",
    "ChunkCorrupt",
    "DeviceFacts",
    "DigestMismatch",
    "DigestUnavailable",
    "Digests",
    "EvidenceStore",
    "InvalidObjectName",
    "LocalStore",
    "MediaFacts",
    "ObjectNotFound",
    "Problem",
    "S3Config",
    "S3Store",
    "StoreError",
    "StoreMisconfigured",
    "StoredObject",
    "StreamFacts",
    "SweepReport",
    "UploadError",
    "UploadIncomplete",
    "UploadNotFound",
    "UploadSession",
    "UploadStatus",
    "Uploads",
    "Verification",
    "media_facts",
    "require_sm3",
    "sm3_available",
]
