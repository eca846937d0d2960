"""The people of a case: assigning and releasing officers, adding a party."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from liuhen.cases.access import CaseAction
from liuhen.cases.forms.opening import PartyForm
from liuhen.cases.forms.people import OfficerAssignForm
from liuhen.cases.models import CaseOfficer
from liuhen.cases.queries import assignable_officers
from liuhen.cases.services import case_officer_assign, case_officer_release, case_party_add
from liuhen.cases.views.common import case_for, request_user


def _refused(request: HttpRequest, error: ValidationError) -> None:
    messages.error(request, "；".join(error.messages))


@login_required
@require_POST
def officer_assign(request: HttpRequest, case_id: int) -> HttpResponse:
    case = case_for(request, case_id, CaseAction.RECORD)
    form = OfficerAssignForm(request.POST, officers=assignable_officers(case))
    if not form.is_valid():
        messages.error(request, "请选择要指派的执法人员")
        return redirect("cases:detail", case_id=case.pk)
    try:
        assigned = case_officer_assign(
            actor=request_user(request),
            case=case,
            officer=form.cleaned_data["officer"],
            role=form.cleaned_data["role"],
        )
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, f"已指派{assigned.officer.name}（{assigned.get_role_display()}）")
    return redirect("cases:detail", case_id=case.pk)


@login_required
@require_POST
def officer_release(request: HttpRequest, case_id: int, assignment_id: int) -> HttpResponse:
    case = case_for(request, case_id, CaseAction.RECORD)
    assignment = get_object_or_404(CaseOfficer, pk=assignment_id, case=case)
    try:
        case_officer_release(actor=request_user(request), assignment=assignment)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, f"{assignment.officer.name}已退出本案")
    return redirect("cases:detail", case_id=case.pk)


@login_required
@require_POST
def party_add(request: HttpRequest, case_id: int) -> HttpResponse:
    case = case_for(request, case_id, CaseAction.RECORD)
    form = PartyForm(request.POST, prefix="new-party")
    party = form.party() if form.is_valid() else None
    if party is None:
        messages.error(request, "请填写当事人的姓名或名称")
        return redirect("cases:detail", case_id=case.pk)
    try:
        added = case_party_add(actor=request_user(request), case=case, party=party)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, f"已添加当事人{added.name}")
    return redirect("cases:detail", case_id=case.pk)
