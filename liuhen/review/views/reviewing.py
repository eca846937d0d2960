"""The reviewer's acts on a round: start, the opinion on each point of 第九条 (htmx swaps the
row), the powers of 第十条, and the outcome (pass, or return with the grounds of 第十一条)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from liuhen.cases.views.common import is_htmx
from liuhen.review.forms.reviewing import PassForm, PointForm, PowerForm, ReturnForm
from liuhen.review.models import LegalReview
from liuhen.review.rules import REVIEW_POINTS, REVIEW_POWERS, label_of
from liuhen.review.services import (
    review_pass,
    review_point_record,
    review_power_record,
    review_return,
    review_start,
)
from liuhen.review.views.common import refusal_text, request_user, review_for
from liuhen.review.views.rounds import point_rows, round_context
from liuhen.workbench.form_errors import form_add_service_error


def round_form_post(
    request: HttpRequest,
    review: LegalReview,
    *,
    name: str,
    form: forms.Form,
    act: Callable[[dict[str, Any]], str],
) -> HttpResponse:
    """Run `act` with the form's data: on success the round page with the message `act`
    returns; refused, the round page again with the form's errors (nothing was written)."""
    if form.is_valid():
        try:
            done = act(form.cleaned_data)
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, done)
            return redirect("review:detail", review_id=review.pk)
    context = round_context(request, review, bound={name: form})
    return render(request, "review/detail.html", context, status=400)


@login_required
@require_POST
def review_start_view(request: HttpRequest, review_id: int) -> HttpResponse:
    review = review_for(request, review_id)
    try:
        review_start(actor=request_user(request), review=review)
    except ValidationError as error:
        messages.error(request, f"未能开始审核：{refusal_text(error)}")
    else:
        messages.success(request, f"已开始审核 {review.case.number} 第{review.round}轮")
    return redirect("review:detail", review_id=review.pk)


@login_required
@require_POST
def review_point(request: HttpRequest, review_id: int, point: str) -> HttpResponse:
    review = review_for(request, review_id)
    item = next((p for p in REVIEW_POINTS if p.key == point), None)
    if item is None:
        raise Http404("没有这个审核要点")
    form = PointForm(request.POST, prefix=f"point-{point}")
    saved = False
    if form.is_valid():
        try:
            review_point_record(
                actor=request_user(request),
                review=review,
                point=point,
                sound=form.cleaned_data["sound"],
                opinion=form.cleaned_data["opinion"],
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            saved = True
    if is_htmx(request):
        row = next(
            r for r in point_rows(review, None if saved else {point: form}) if r["item"] == item
        )
        return render(
            request,
            "review/_point.html",
            {"row": row, "review": review, "can_review": True, "saved": saved},
        )
    if saved:
        messages.success(request, f"已记录审核要点“{item.label}”的意见")
        return redirect("review:detail", review_id=review.pk)
    context = round_context(request, review, points={point: form})
    return render(request, "review/detail.html", context, status=400)


@login_required
@require_POST
def review_power(request: HttpRequest, review_id: int) -> HttpResponse:
    review = review_for(request, review_id)

    def act(data: dict[str, Any]) -> str:
        review_power_record(
            actor=request_user(request), review=review, power=data["power"], detail=data["detail"]
        )
        return f"已记录审核措施“{label_of(REVIEW_POWERS, data['power'])}”"

    return round_form_post(
        request, review, name="power_form", form=PowerForm(request.POST, prefix="power"), act=act
    )


@login_required
@require_POST
def review_pass_view(request: HttpRequest, review_id: int) -> HttpResponse:
    review = review_for(request, review_id)

    def act(data: dict[str, Any]) -> str:
        done = review_pass(
            actor=request_user(request),
            review=review,
            reasons=data["reasons"],
            suggestions=data["suggestions"],
        )
        return f"审核通过，已出具法制审核意见书 {done.opinion_number}"

    return round_form_post(
        request, review, name="pass_form", form=PassForm(request.POST, prefix="pass"), act=act
    )


@login_required
@require_POST
def review_return_view(request: HttpRequest, review_id: int) -> HttpResponse:
    review = review_for(request, review_id)

    def act(data: dict[str, Any]) -> str:
        done = review_return(
            actor=request_user(request),
            review=review,
            grounds=data["grounds"],
            reasons=data["reasons"],
            suggestions=data["suggestions"],
        )
        return f"已退回承办机构，已出具法制审核意见书 {done.opinion_number}"

    return round_form_post(
        request, review, name="return_form", form=ReturnForm(request.POST, prefix="return"), act=act
    )
