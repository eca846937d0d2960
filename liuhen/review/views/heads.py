"""The head's acts (负责人): extending a round's period (第十三条) and recording a decision made
without a passed review, with the reason."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from liuhen.cases.access import CaseAction
from liuhen.cases.presenters import deadline_text
from liuhen.cases.views.common import case_for
from liuhen.review.forms.override import OverrideForm
from liuhen.review.forms.reviewing import ExtendForm
from liuhen.review.gate import review_gate_refusals
from liuhen.review.services import case_decision_record_without_review, review_extend
from liuhen.review.views.common import request_user, review_for
from liuhen.review.views.reviewing import round_form_post
from liuhen.workbench.form_errors import form_add_service_error


@login_required
@require_POST
def review_extend_view(request: HttpRequest, review_id: int) -> HttpResponse:
    review = review_for(request, review_id)

    def act(data: dict[str, Any]) -> str:
        done = review_extend(actor=request_user(request), review=review, reason=data["reason"])
        return f"已批准延长审核期限，新的期限为 {deadline_text(done.due_at)}（北京时间）"

    return round_form_post(
        request, review, name="extend_form", form=ExtendForm(request.POST, prefix="extend"), act=act
    )


@login_required
@require_http_methods(["GET", "POST"])
def decision_without_review(request: HttpRequest, case_id: int) -> HttpResponse:
    case = case_for(request, case_id, CaseAction.VIEW)
    form = OverrideForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        amount = data["fine_amount"]
        try:
            event = case_decision_record_without_review(
                actor=request_user(request),
                case=case,
                at=data["at"],
                measures=data["measures"],
                fine_amount=float(amount) if amount is not None else None,
                reason=data["reason"],
                note=data["note"],
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(
                request, f"已记录“作出决定”（{event.event_id}），未经法制审核的理由已留痕"
            )
            return redirect("cases:detail", case_id=case.pk)
    return render(
        request,
        "review/override.html",
        {
            "case": case,
            "form": form,
            "unmet": [r.message for r in review_gate_refusals(case, "decision.made", {})],
        },
        status=400 if form.errors else 200,
    )
