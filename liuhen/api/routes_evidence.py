"""The resumable upload protocol (docs/evidence-upload-api.md) for docking stations and other
systems, with token authentication: begin, send chunks (any order, resend after a broken link),
ask what is missing, complete. The bytes of a chunk are the request body."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja import Header, Router, Status

from liuhen.api.auth import caller
from liuhen.api.schemas import ErrorOut, HoldingOut, UploadBeginIn, UploadStatusOut
from liuhen.evidence.access import (
    EvidenceAction,
    access_evidence_agency,
    access_holding_by_id,
    access_upload_by_id,
)
from liuhen.evidence.services import (
    evidence_upload_begin,
    evidence_upload_chunk,
    evidence_upload_complete,
)
from liuhen.evidence.stores import evidence_uploads
from liuhen.evidence.upload_json import holding_json, upload_status_json

router = Router()
ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


@router.post("/uploads", response={201: UploadStatusOut, **ERRORS}, summary="开始上传")
def upload_begin(request: HttpRequest, body: UploadBeginIn) -> Status[dict[str, Any]]:
    agency = access_evidence_agency(
        user=caller(request), agency_id=body.agency_id, action=EvidenceAction.ADD
    )
    upload = evidence_upload_begin(
        actor=caller(request),
        agency=agency,
        filename=body.filename,
        total_size=body.size,
        chunk_size=settings.LIUHEN_UPLOAD_CHUNK_SIZE,
        sha256=body.sha256,
        description=body.description,
    )
    return Status(201, upload_status_json(evidence_uploads().upload_status(upload.upload_id)))


@router.get("/uploads/{upload_id}", response={200: UploadStatusOut, **ERRORS}, summary="上传进度")
def upload_status(request: HttpRequest, upload_id: str) -> dict[str, Any]:
    upload = access_upload_by_id(user=caller(request), upload_id=upload_id)
    return upload_status_json(evidence_uploads().upload_status(upload.upload_id))


@router.put(
    "/uploads/{upload_id}/chunks/{offset}",
    response={200: UploadStatusOut, **ERRORS},
    summary="上传一个分块（请求体为分块内容）",
)
def upload_chunk(
    request: HttpRequest,
    upload_id: str,
    offset: int,
    x_content_sha256: str = Header(..., alias="X-Content-SHA256"),
) -> dict[str, Any]:
    upload = access_upload_by_id(user=caller(request), upload_id=upload_id)
    status = evidence_upload_chunk(
        upload=upload, offset=offset, data=request.body, sha256=x_content_sha256
    )
    return upload_status_json(status)


@router.post(
    "/uploads/{upload_id}/complete", response={200: HoldingOut, **ERRORS}, summary="完成上传"
)
def upload_complete(request: HttpRequest, upload_id: str) -> dict[str, Any]:
    """Stores the assembled file and records it; asking again returns the same holding."""
    upload = access_upload_by_id(user=caller(request), upload_id=upload_id)
    return holding_json(evidence_upload_complete(actor=caller(request), upload=upload))


@router.get("/{holding_id}", response={200: HoldingOut, **ERRORS}, summary="证据信息")
def holding_detail(request: HttpRequest, holding_id: int) -> dict[str, Any]:
    return holding_json(access_holding_by_id(user=caller(request), holding_id=holding_id))
