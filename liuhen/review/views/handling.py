"""The handler's pages: sending the materials of 第八条 (and again after a return, prefilled),
marking a case major, and the collective discussion of 第十四条 after a return."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from liuhen.cases.access import CaseAction
from liuhen.cases.presenters import deadline_text
from liuhen.cases.views.common import case_for
from liuhen.review.access import access_reviews
from liuhen.review.forms.submission import EscalateForm, MajorMarkForm, SubmissionForm, initial_from
from liuhen.review.presenters import case_review
from liuhen.review.queries import returned_round, submission_holdings
from liuhen.review.services import case_major_mark, review_escalate, review_submit
from liuhen.review.views.common import request_user, review_for
from liuhen.workbench.form_errors import form_add_service_error


@login_required
@require_http_methods(["GET", "POST"])
def review_submit_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case = case_for(request, case_id, CaseAction.VIEW)
    user = request_user(request)
    previous = returned_round(case, access_reviews(user=user))
    keep = list(previous.materials.values_list("holding_id", flat=True)) if previous else []
    holdings = submission_holdings(user=user, case=case, keep=keep)
    if request.method == "POST":
        form = SubmissionForm(request.POST, holdings=holdings)
    else:
        initial = initial_from(previous) if previous else {}
        form = SubmissionForm(initial=initial, holdings=holdings)
    if request.method == "POST" and form.is_valid():
        try:
            review = review_submit(actor=user, case=case, materials=form.materials())
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            major = "（重大执法决定）" if review.major else ""
            messages.success(
                request,
                f"已送交法制审核：第{review.round}轮{major}，"
                f"审核期限 {deadline_text(review.due_at)}（北京时间）",
            )
            return redirect("review:detail", review_id=review.pk)
    context: dict[str, Any] = {
        "case": case,
        "form": form,
        "previous": previous,
        "panel": case_review(user=user, case=case),
    }
    return render(request, "review/submit.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def case_major_mark_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case = case_for(request, case_id, CaseAction.VIEW)
    form = MajorMarkForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            case_major_mark(
                actor=request_user(request), case=case, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, "已认定为重大执法决定，作出决定前须经法制审核")
            return redirect("cases:detail", case_id=case.pk)
    return render(
        request,
        "review/major_mark.html",
        {"case": case, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def review_escalate_view(request: HttpRequest, review_id: int) -> HttpResponse:
    review = review_for(request, review_id)
    form = EscalateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            review_escalate(
                actor=request_user(request),
                review=review,
                reason=form.cleaned_data["reason"],
                conclusion=form.cleaned_data["conclusion"],
                outcome=form.cleaned_data["outcome"],
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, "已记录提请集体讨论及其结论")
            return redirect("review:detail", review_id=review.pk)
    return render(
        request,
        "review/escalate.html",
        {"review": review, "case": review.case, "form": form},
        status=400 if form.errors else 200,
    )
