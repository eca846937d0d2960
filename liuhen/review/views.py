"""Minimal read-only pages: the legal reviewer's queue and one round (the workbench with its
forms comes with the web pages). Thin wrappers around `access.py`."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from liuhen.accounts.models import User
from liuhen.review.access import access_review_by_id, access_review_queue, access_reviews
from liuhen.review.models import MaterialKind
from liuhen.review.rules import (
    REPORT_ITEMS,
    REPORT_OPTIONAL,
    RETURN_GROUNDS,
    REVIEW_POINTS,
    REVIEW_POWERS,
    label_of,
)


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@login_required
@require_GET
def review_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    return render(
        request,
        "review/list.html",
        {
            "queue": access_review_queue(user=user)[:200],
            "reviews": access_reviews(user=user).order_by("-received_at", "-id")[:200],
        },
    )


@login_required
@require_GET
def review_detail(request: HttpRequest, review_id: int) -> HttpResponse:
    review = access_review_by_id(user=_user(request), review_id=review_id)
    recorded = {p.point: p for p in review.points.select_related("recorded_by")}
    materials = review.materials.select_related("holding")
    return render(
        request,
        "review/detail.html",
        {
            "review": review,
            "report": [
                (i.label, review.report.get(i.key, ""))
                for i in (*REPORT_ITEMS, *REPORT_OPTIONAL)
                if i.key in review.report
            ],
            "points": [(p, recorded.get(p.key)) for p in REVIEW_POINTS],
            "powers": [(label_of(REVIEW_POWERS, u.power), u) for u in review.powers.all()],
            "grounds": [label_of(RETURN_GROUNDS, g) for g in review.grounds],
            "materials": [m for m in materials if m.kind != MaterialKind.OPINION],
            "opinions": [m for m in materials if m.kind == MaterialKind.OPINION],
        },
    )
