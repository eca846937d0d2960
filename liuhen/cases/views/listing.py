"""The case list and opening a case."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from liuhen.accounts.access import AccessDenied
from liuhen.cases.access import access_case_agency
from liuhen.cases.forms.opening import CaseOpenForm, PartyFormSet, PartyFormSetBase
from liuhen.cases.models import Stage
from liuhen.cases.queries import (
    CaseFilter,
    active_officers,
    case_rows,
    dashboard_agencies,
    officers_on_cases,
    recording_agencies,
)
from liuhen.cases.services import case_open
from liuhen.cases.views.common import request_user
from liuhen.rules import vocabulary as v
from liuhen.workbench.form_errors import form_add_service_error


def _int(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() else None


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    filters = CaseFilter(
        stage=request.GET.get("stage", ""),
        action=request.GET.get("action", ""),
        agency=_int(request.GET.get("agency")),
        officer=_int(request.GET.get("officer")),
        due=request.GET.get("due", ""),
        query=request.GET.get("q", "").strip(),
    )
    page = Paginator(case_rows(user=user, filters=filters), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "cases/list.html",
        {
            "page": page,
            "filters": filters,
            "stages": Stage.choices,
            "actions": list(v.ACTIONS.items()),
            "officers": officers_on_cases(user=user),
            "agencies": dashboard_agencies(user=user),
            "can_open": recording_agencies(user=user).exists(),
            "now": timezone.now(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_open_view(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    agencies = recording_agencies(user=user)
    if not agencies.exists():
        raise AccessDenied("您在任何执法主体都没有办案角色，不能登记案件")
    officers = active_officers(agencies)
    data = request.POST if request.method == "POST" else None
    own = officers.filter(user=user).first()
    form = CaseOpenForm(data, agencies=agencies, officers=officers, lead=own)
    parties = PartyFormSet(data, prefix="party")
    assert isinstance(parties, PartyFormSetBase)
    if request.method == "POST" and form.is_valid() and parties.is_valid():
        agency = access_case_agency(user=user, agency_id=form.cleaned_data["agency"].pk)
        try:
            case = case_open(
                actor=user,
                agency=agency,
                title=form.cleaned_data["title"],
                action=form.cleaned_data["action"],
                procedure=form.cleaned_data["procedure"],
                source=form.cleaned_data["source"],
                parties=parties.parties(),
                officers=form.officers(),
                first_event_type=form.cleaned_data["first_event_type"],
                at=form.cleaned_data["at"],
                fields=form.first_event_fields(),
                major=form.cleaned_data["major"],
                major_incident=form.cleaned_data["major_incident"],
                complex=form.cleaned_data["complex"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, f"已登记案件 {case.number}")
            return redirect("cases:detail", case_id=case.pk)
    return render(request, "cases/open.html", {"form": form, "parties": parties})
