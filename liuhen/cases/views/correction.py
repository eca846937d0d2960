"""Correcting a recorded event (更正): the act's form filled in with what was recorded."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from liuhen.cases.access import CaseAction
from liuhen.cases.forms.acts import NOT_IN_MENU, chain_recorded
from liuhen.cases.forms.correction import CorrectionForm, act_initial, interruptions_initial
from liuhen.cases.forms.recording import InterruptionFormSet, interruptions
from liuhen.cases.models import CaseEvent
from liuhen.cases.presenters import event_lines
from liuhen.cases.queries import agency_holdings, eligible_events
from liuhen.cases.services import case_event_correct
from liuhen.cases.services.correction import correctable_refusal
from liuhen.cases.views.common import case_for, request_user
from liuhen.rules import vocabulary as v
from liuhen.workbench.form_errors import form_add_service_error


@login_required
@require_http_methods(["GET", "POST"])
def event_correct(request: HttpRequest, case_id: int, event_id: int) -> HttpResponse:
    case = case_for(request, case_id, CaseAction.RECORD)
    original = get_object_or_404(CaseEvent.objects.select_related("case"), pk=event_id, case=case)
    refusal = correctable_refusal(original)
    if refusal:
        messages.error(request, refusal)
        return redirect("cases:detail", case_id=case.pk)
    # the type may be corrected too, to any type an officer records through a form
    types = [
        (name, kind.label)
        for name, kind in v.EVENT_TYPES.items()
        if name not in NOT_IN_MENU | chain_recorded(case) or name == original.type
    ]
    wanted = request.POST.get("type") or request.GET.get("type") or original.type
    type_name = wanted if wanted in dict(types) else original.type
    user = request_user(request)
    linked = [d.holding_id for d in original.documents.all()]
    holdings = agency_holdings(user=user, case=case, also=linked)
    form = CorrectionForm(
        request.POST if request.method == "POST" else None,
        type_name=type_name,
        original=original,
        events=eligible_events(case, v.EVENT_TYPES, exclude=original),
        holdings=holdings,
        initial=act_initial(original) if type_name == original.type else {"at": original.at},
    )
    # a recording's interruptions: rows of their own, filled in with the recorded ones
    breaks = None
    if any(f.kind == "interruptions" for f in v.EVENT_TYPES[type_name].fields):
        breaks = InterruptionFormSet(
            request.POST if request.method == "POST" else None,
            prefix="interruption",
            initial=interruptions_initial(original) if type_name == original.type else [],
        )
    if request.method == "POST" and form.is_valid() and (breaks is None or breaks.is_valid()):
        fields = form.vocabulary_fields()
        if breaks is not None:
            fields["interruptions"] = interruptions(breaks)
        try:
            correction = case_event_correct(
                actor=user,
                case=case,
                event=original,
                type=type_name,
                at=form.cleaned_data["at"],
                fields=fields,
                av=form.cleaned_data["av"],
                documents=list(form.cleaned_data["documents"]),
                note=form.cleaned_data["note"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            waiting = "，待审批后生效" if correction.status == "awaiting" else ""
            messages.success(
                request, f"已更正“{v.label(original.type)}”（{original.event_id}）{waiting}"
            )
            return redirect("cases:detail", case_id=case.pk)
    refused = bool(form.errors) or bool(breaks and breaks.is_bound and not breaks.is_valid())
    return render(
        request,
        "cases/correct_form.html",
        {
            "case": case,
            "form": form,
            "interruptions": breaks,
            "original": original,
            "original_label": v.label(original.type),
            "original_lines": event_lines(original, {}),
            "linked": linked,
            "types": types,
            "type_name": type_name,
            "type_label": v.label(type_name),
        },
        status=400 if refused else 200,
    )
