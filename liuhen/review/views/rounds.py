"""The legal reviewer's queue with each round's clock, and the round page with the forms the
user's roles open (start, the points of 第九条, the powers of 第十条, the outcome, the head's
extension, the handler's collective discussion)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from liuhen.review.access import access_review_queue, access_reviews
from liuhen.review.clock import review_period_text
from liuhen.review.forms.reviewing import ExtendForm, PassForm, PointForm, PowerForm, ReturnForm
from liuhen.review.models import LegalReview, MaterialKind, ReviewPointOpinion
from liuhen.review.presenters import round_clock, round_rights
from liuhen.review.rules import (
    REPORT_ITEMS,
    REPORT_OPTIONAL,
    RETURN_GROUNDS,
    REVIEW_POINTS,
    REVIEW_POWERS,
    Item,
    label_of,
)
from liuhen.review.views.common import request_user, review_for
from liuhen.rules.vocabulary import DECISION_MEASURES


@login_required
@require_GET
def review_list(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    now = timezone.now()
    queue = list(access_review_queue(user=user)[:200])
    return render(
        request,
        "review/list.html",
        {
            "period": review_period_text(),
            "queue": [(r, round_clock(r, now)) for r in queue],
            "reviews": [
                (r, round_clock(r, now))
                for r in access_reviews(user=user).order_by("-received_at", "-id")[:200]
            ],
        },
    )


def point_form(review: LegalReview, item: Item, recorded: ReviewPointOpinion | None) -> PointForm:
    initial = (
        {"sound": "1" if recorded.sound else "0", "opinion": recorded.opinion} if recorded else {}
    )
    return PointForm(prefix=f"point-{item.key}", initial=initial)


def point_rows(
    review: LegalReview, bound: dict[str, PointForm] | None = None
) -> list[dict[str, Any]]:
    recorded = {p.point: p for p in review.points.select_related("recorded_by")}
    bound = bound or {}
    return [
        {
            "item": item,
            "recorded": recorded.get(item.key),
            "form": bound.get(item.key) or point_form(review, item, recorded.get(item.key)),
        }
        for item in REVIEW_POINTS
    ]


def round_context(
    request: HttpRequest,
    review: LegalReview,
    *,
    bound: Mapping[str, forms.Form] | None = None,
    points: dict[str, PointForm] | None = None,
) -> dict[str, Any]:
    """Everything the round page shows; `bound` (by context name) and `points` (by point)
    replace blank forms by the ones just posted, with their errors."""
    bound = bound or {}
    rights = round_rights(request_user(request), review)
    materials = list(review.materials.select_related("holding"))
    measures = [DECISION_MEASURES.get(m, m) for m in review.decision.get("measures", [])]
    return {
        "review": review,
        "case": review.case,
        "clock": round_clock(review),
        "rights": rights,
        "measures": measures,
        "report": [
            (i.label, review.report.get(i.key, ""))
            for i in (*REPORT_ITEMS, *REPORT_OPTIONAL)
            if i.key in review.report
        ],
        "points": point_rows(review, points),
        "powers": [(label_of(REVIEW_POWERS, u.power), u) for u in review.powers.all()],
        "grounds": [label_of(RETURN_GROUNDS, g) for g in review.grounds],
        "materials": [m for m in materials if m.kind != MaterialKind.OPINION],
        "opinions": [m for m in materials if m.kind == MaterialKind.OPINION],
        "power_form": bound.get("power_form") or PowerForm(prefix="power"),
        "pass_form": bound.get("pass_form") or PassForm(prefix="pass"),
        "return_form": bound.get("return_form") or ReturnForm(prefix="return"),
        "extend_form": bound.get("extend_form") or ExtendForm(prefix="extend"),
        # a refusal of the whole act (CaseStateError) is said at the top of the page too
        "top_errors": [
            e for f in (*bound.values(), *(points or {}).values()) for e in f.non_field_errors()
        ],
    }


@login_required
@require_GET
def review_detail(request: HttpRequest, review_id: int) -> HttpResponse:
    review = review_for(request, review_id)
    return render(request, "review/detail.html", round_context(request, review))
