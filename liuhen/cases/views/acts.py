"""Recording acts, deciding approvals and moving a case along its stages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from liuhen.cases.access import CaseAction
from liuhen.cases.act_help import ACT_HELP
from liuhen.cases.forms.acts import (
    NOT_IN_MENU,
    ActForm,
    ApprovalForm,
    StageForm,
    act_menu,
    chain_recorded,
)
from liuhen.cases.models import CaseEvent
from liuhen.cases.queries import agency_holdings, eligible_events
from liuhen.cases.services import case_act_approve, case_event_record, case_stage_advance
from liuhen.cases.views.common import case_for, request_user
from liuhen.review.gate import review_gate_refusals
from liuhen.rules import vocabulary as v
from liuhen.workbench.form_errors import form_add_service_error


def _messages_of(error: ValidationError) -> str:
    return "；".join(error.messages)


@login_required
@require_http_methods(["GET"])
def act_menu_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case = case_for(request, case_id, CaseAction.RECORD)
    return render(request, "cases/act_menu.html", {"case": case, "menu": act_menu(case)})


@login_required
@require_http_methods(["GET", "POST"])
def act_record(request: HttpRequest, case_id: int, type_name: str) -> HttpResponse:
    case = case_for(request, case_id, CaseAction.RECORD)
    if type_name not in v.EVENT_TYPES or type_name in NOT_IN_MENU | chain_recorded(case):
        raise Http404("没有这种记录，或该记录由审批流程自动生成")
    form = ActForm(
        request.POST if request.method == "POST" else None,
        type_name=type_name,
        events=eligible_events(case, v.EVENT_TYPES),
        holdings=agency_holdings(user=request_user(request), case=case),
    )
    if request.method == "POST" and form.is_valid():
        try:
            event = case_event_record(
                actor=request_user(request),
                case=case,
                type=type_name,
                at=form.cleaned_data["at"],
                fields=form.vocabulary_fields(),
                av=form.cleaned_data["av"],
                documents=list(form.cleaned_data["documents"]),
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            waiting = "，待审批后生效" if event.status == "awaiting" else ""
            messages.success(request, f"已记录“{v.label(type_name)}”（{event.event_id}）{waiting}")
            return redirect("cases:detail", case_id=case.pk)
    return render(
        request,
        "cases/act_form.html",
        {
            "case": case,
            "form": form,
            "type_name": type_name,
            "type_label": v.label(type_name),
            "help": ACT_HELP.get(type_name, []),
            # what the legal-review gate would say now, before the officer fills the form in
            "review_notes": [r.message for r in review_gate_refusals(case, type_name, {})],
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def act_approve(request: HttpRequest, case_id: int, event_id: int) -> HttpResponse:
    case = case_for(request, case_id, CaseAction.APPROVE)
    event = get_object_or_404(CaseEvent, pk=event_id, case=case)
    form = ApprovalForm(request.POST)
    if not form.is_valid():
        messages.error(request, "审批请求不完整")
        return redirect("cases:detail", case_id=case.pk)
    try:
        approval = case_act_approve(
            actor=request_user(request),
            event=event,
            step=form.cleaned_data["step"],
            outcome=form.cleaned_data["outcome"],
            comment=form.cleaned_data["comment"],
        )
    except ValidationError as error:
        messages.error(request, f"审批未完成：{_messages_of(error)}")
    else:
        messages.success(
            request,
            f"已{approval.get_step_display()}“{v.label(event.type)}”：{approval.get_outcome_display()}",
        )
    return redirect("cases:detail", case_id=case.pk)


@login_required
@require_POST
def stage_advance(request: HttpRequest, case_id: int) -> HttpResponse:
    case = case_for(request, case_id, CaseAction.RECORD)
    form = StageForm(request.POST)
    if form.is_valid():
        try:
            case = case_stage_advance(
                actor=request_user(request), case=case, target=form.cleaned_data["target"]
            )
        except ValidationError as error:
            messages.error(request, _messages_of(error))
        else:
            messages.success(request, f"案件已进入“{case.get_stage_display()}”阶段")
    return redirect("cases:detail", case_id=case.pk)
