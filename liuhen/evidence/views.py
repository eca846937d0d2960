"""Evidence pages and the resumable upload API (JSON), thin wrappers around the services.

Upload protocol (docs/evidence-upload-api.md): POST /evidence/uploads/ opens a session; PUT
/evidence/uploads/<id>/chunks/<offset> sends a chunk with header X-Content-SHA256; GET
/evidence/uploads/<id>/ tells what is missing (resume after a broken connection or a server
restart); POST /evidence/uploads/<id>/complete stores and records the file.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from liuhen.accounts.access import AccessDenied
from liuhen.accounts.models import User
from liuhen.evidence.access import (
    EvidenceAction,
    access_evidence_agency,
    access_holding_by_id,
    access_holdings,
    access_upload_by_id,
)
from liuhen.evidence.services import (
    ACCESS_KINDS,
    evidence_access_record,
    evidence_upload_begin,
    evidence_upload_chunk,
    evidence_upload_complete,
)
from liuhen.evidence.store import StoreError
from liuhen.evidence.stores import evidence_store, evidence_uploads
from liuhen.evidence.upload_json import holding_json, upload_status_json


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _error(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse(
        {"error": message}, status=status, json_dumps_params={"ensure_ascii": False}
    )


@login_required
@require_GET
def agency_evidence(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = access_evidence_agency(
        user=_user(request), agency_id=agency_id, action=EvidenceAction.VIEW
    )
    try:
        access_evidence_agency(user=_user(request), agency_id=agency_id, action=EvidenceAction.ADD)
        can_add = True
    except AccessDenied:
        can_add = False
    holdings = access_holdings(user=_user(request)).filter(agency=agency)[:500]
    return render(
        request,
        "evidence/agency.html",
        {
            "agency": agency,
            "holdings": holdings,
            "can_add": can_add,
            "chunk_size": settings.LIUHEN_UPLOAD_CHUNK_SIZE,
            "kinds": ACCESS_KINDS,
        },
    )


@login_required
@require_POST
def upload_begin(request: HttpRequest) -> HttpResponse:
    try:
        body = json.loads(request.body)
        agency_id, filename, size = int(body["agency"]), str(body["filename"]), int(body["size"])
    except (ValueError, KeyError, TypeError):
        return _error("请求应为 JSON：{agency, filename, size[, sha256, description]}")
    agency = access_evidence_agency(
        user=_user(request), agency_id=agency_id, action=EvidenceAction.ADD
    )
    try:
        upload = evidence_upload_begin(
            actor=_user(request),
            agency=agency,
            filename=filename,
            total_size=size,
            chunk_size=settings.LIUHEN_UPLOAD_CHUNK_SIZE,
            sha256=body.get("sha256"),
            description=str(body.get("description", "")),
        )
    except (StoreError, ValidationError) as error:
        return _error("；".join(getattr(error, "messages", [str(error)])))
    status = evidence_uploads().upload_status(upload.upload_id)
    return JsonResponse(upload_status_json(status), status=201)


@login_required
@require_GET
def upload_status(request: HttpRequest, upload_id: str) -> HttpResponse:
    upload = access_upload_by_id(user=_user(request), upload_id=upload_id)
    try:
        status = evidence_uploads().upload_status(upload.upload_id)
    except StoreError as error:
        return _error(str(error), 404)
    return JsonResponse(upload_status_json(status))


@login_required
@require_http_methods(["PUT"])
def upload_chunk(request: HttpRequest, upload_id: str, offset: int) -> HttpResponse:
    upload = access_upload_by_id(user=_user(request), upload_id=upload_id)
    digest = request.headers.get("X-Content-SHA256", "")
    if not digest:
        return _error("缺少请求头 X-Content-SHA256（该分块内容的 SHA-256）")
    try:
        status = evidence_upload_chunk(
            upload=upload, offset=offset, data=request.body, sha256=digest
        )
    except StoreError as error:
        return _error(str(error), 409 if "不同的内容" in str(error) else 400)
    return JsonResponse(upload_status_json(status))


@login_required
@require_POST
def upload_complete(request: HttpRequest, upload_id: str) -> HttpResponse:
    upload = access_upload_by_id(user=_user(request), upload_id=upload_id)
    try:
        holding = evidence_upload_complete(actor=_user(request), upload=upload)
    except StoreError as error:
        return _error(str(error))
    return JsonResponse(holding_json(holding), json_dumps_params={"ensure_ascii": False})


def _from_a_browser_page(request: HttpRequest) -> bool:
    """A person following a link or form in a browser (asks for HTML), not an API client, a
    script or an htmx request, which keep the JSON error."""
    accepts = request.headers.get("Accept", "")
    return "text/html" in accepts and not request.headers.get("HX-Request")


def _same_site_referer(request: HttpRequest) -> str:
    referer = request.headers.get("Referer", "")
    safe = url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return referer if safe else ""


@login_required
@require_GET
def holding_download(request: HttpRequest, holding_id: int) -> HttpResponseBase:
    """The original, streamed; recorded in the ledger with the stated reason first."""
    holding = access_holding_by_id(user=_user(request), holding_id=holding_id)
    kind = request.GET.get("kind", "download")
    try:
        evidence_access_record(
            actor=_user(request), holding=holding, kind=kind, reason=request.GET.get("reason", "")
        )
    except ValidationError as error:
        if not _from_a_browser_page(request):
            return _error("；".join(error.messages))
        return render(
            request,
            "evidence/download_reason.html",
            {
                "holding": holding,
                "kind": kind if kind in ACCESS_KINDS else "download",
                "kind_label": ACCESS_KINDS.get(kind, ACCESS_KINDS["download"]),
                "errors": error.messages,
                "back": _same_site_referer(request),
            },
            status=400,
        )
    stream = evidence_store().open(holding.object_id)
    return FileResponse(stream, as_attachment=kind != "view", filename=holding.filename)
