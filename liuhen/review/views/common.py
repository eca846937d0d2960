"""What every review view needs: the signed-in user, the round as access allows, and the
answer after a form (the round page again, or only the changed part for htmx)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest

from liuhen.cases.views.common import request_user
from liuhen.review.access import ReviewAction, access_review_by_id
from liuhen.review.models import LegalReview

__all__ = ["refusal_text", "request_user", "review_for"]


def review_for(
    request: HttpRequest, review_id: int, action: ReviewAction = ReviewAction.VIEW
) -> LegalReview:
    return access_review_by_id(user=request_user(request), review_id=review_id, action=action)


def refusal_text(error: ValidationError) -> str:
    return "；".join(error.messages)
