"""The JSON shapes of the upload protocol (docs/evidence-upload-api.md), shared by the browser's
endpoints (views.py) and the REST API (liuhen/api/routes_evidence.py)."""

from __future__ import annotations

from typing import Any

from liuhen.evidence.models import EvidenceHolding
from liuhen.evidence.store import UploadStatus


def upload_status_json(status: UploadStatus) -> dict[str, Any]:
    return {
        "upload_id": status.upload_id,
        "total_size": status.total_size,
        "chunk_size": status.chunk_size,
        "received_bytes": status.received_bytes,
        "missing": [list(r) for r in status.missing],
        "complete": status.complete,
    }


def holding_json(holding: EvidenceHolding) -> dict[str, Any]:
    return {
        "holding_id": holding.pk,
        "agency_id": holding.agency_id,
        "sha256": holding.object.sha256,
        "sm3": holding.object.sm3,
        "size": holding.object.size,
        "filename": holding.filename,
        "added_at": holding.added_at,
        "media": holding.object.media,
    }
