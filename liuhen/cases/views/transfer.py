"""A case's timeline as the interchange file (docs/spec/case-timeline.md), and importing files."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from liuhen.accounts.access import AccessDenied
from liuhen.cases.access import CaseAction, access_case_agency
from liuhen.cases.forms.importing import TimelineImportForm
from liuhen.cases.models import Case
from liuhen.cases.presenters import FindingView, cached_findings, finding_views
from liuhen.cases.queries import recording_agencies
from liuhen.cases.services import case_import, case_timeline_document
from liuhen.cases.views.common import case_for, request_user


@login_required
@require_GET
def timeline_export(request: HttpRequest, case_id: int) -> HttpResponse:
    case = case_for(request, case_id, CaseAction.EXPORT)
    body = json.dumps(case_timeline_document(case=case), ensure_ascii=False, indent=2)
    response = HttpResponse(body + "\n", content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="case-{case.pk}-timeline.json"'
    return response


@dataclass
class ImportResult:
    name: str
    case: Case | None = None
    errors: list[str] = field(default_factory=list)
    findings: list[FindingView] = field(default_factory=list)


def _import_one(request: HttpRequest, agency: Any, upload: Any, title: str) -> ImportResult:
    result = ImportResult(name=upload.name)
    try:
        document = json.loads(upload.read().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        result.errors.append(f"{upload.name}: 不是有效的 UTF-8 JSON：{error}")
        return result
    try:
        result.case = case_import(
            actor=request_user(request),
            agency=agency,
            document=document,
            source_name=upload.name,
            title=title,
        )
    except ValidationError as error:
        result.errors.extend(error.messages)
        return result
    raw, _warnings, _computed = cached_findings(result.case)
    result.findings = finding_views(raw, now=timezone.now())
    return result


@login_required
@require_http_methods(["GET", "POST"])
def timeline_import(request: HttpRequest) -> HttpResponse:
    agencies = recording_agencies(user=request_user(request))
    if not agencies.exists():
        raise AccessDenied("您在任何执法主体都没有办案角色，不能导入案件")
    form = TimelineImportForm(request.POST or None, request.FILES or None, agencies=agencies)
    results: list[ImportResult] = []
    if request.method == "POST" and form.is_valid():
        agency = access_case_agency(
            user=request_user(request), agency_id=form.cleaned_data["agency"].pk
        )
        files = form.cleaned_data["timelines"]
        title = form.cleaned_data["title"] if len(files) == 1 else ""
        results = [_import_one(request, agency, f, title) for f in files]
    return render(
        request,
        "cases/import.html",
        {"form": form, "results": results},
        status=400 if any(r.errors for r in results) else 200,
    )
