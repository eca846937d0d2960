"""Who may see and work on which legal reviews.

- a 法制审核人员 of the agency: every round of its cases (the queue), and may review them;
- a 负责人 of the agency: every round, to read (and to approve extensions and discussions);
- the case's officers (承办人员) and whoever submitted: their own case's rounds, to read;
- a 监督人员: the rounds of the agencies their agency supervises, to read;
Platform administrators reach everything. Anything else is AccessDenied (a view answers 404).
"""

from __future__ import annotations

from enum import StrEnum

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from liuhen.accounts.access import AccessDenied, agency_ids_with_roles
from liuhen.accounts.models import User
from liuhen.accounts.roles import Role
from liuhen.agencies.models import Supervision
from liuhen.review.models import LegalReview, ReviewState


class ReviewAction(StrEnum):
    VIEW = "view"
    REVIEW = "review"


def _visible(user: User | AnonymousUser) -> Q | None:
    """None: everything (platform administrator)."""
    reviewing = agency_ids_with_roles(user=user, roles={Role.LEGAL_REVIEWER, Role.APPROVER})
    if reviewing is None:
        return None
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    supervising = agency_ids_with_roles(user=user, roles={Role.SUPERVISOR}) or set()
    supervised = Supervision.objects.filter(
        supervisor_id__in=supervising, ended_at__isnull=True
    ).values_list("supervised_id", flat=True)
    return (
        Q(case__agency_id__in=reviewing)
        | Q(case__agency_id__in=list(supervised))
        | Q(case__officers__officer__user=user)
        | Q(submitted_by=user)
    )


def access_reviews(
    *, user: User | AnonymousUser, action: ReviewAction = ReviewAction.VIEW
) -> QuerySet[LegalReview]:
    """The review rounds `user` may see (or, with REVIEW, work on as a legal reviewer)."""
    reviews = LegalReview.objects.select_related("case", "case__agency", "submitted_by")
    if ReviewAction(action) == ReviewAction.REVIEW:
        ids = agency_ids_with_roles(user=user, roles={Role.LEGAL_REVIEWER})
        return reviews if ids is None else reviews.filter(case__agency_id__in=ids)
    where = _visible(user)
    return reviews if where is None else reviews.filter(where).distinct()


def access_review_queue(*, user: User | AnonymousUser) -> QuerySet[LegalReview]:
    """The rounds awaiting a legal reviewer of `user`'s agencies, soonest due first."""
    open_states = [ReviewState.SUBMITTED, ReviewState.IN_REVIEW]
    return (
        access_reviews(user=user, action=ReviewAction.REVIEW)
        .filter(state__in=open_states)
        .order_by("due_at", "id")
    )


def access_review_by_id(
    *, user: User | AnonymousUser, review_id: int, action: ReviewAction = ReviewAction.VIEW
) -> LegalReview:
    review = access_reviews(user=user, action=action).filter(pk=review_id).first()
    if review is None:
        verb = "审核" if ReviewAction(action) == ReviewAction.REVIEW else "查看"
        raise AccessDenied(f"无权{verb}该法制审核")
    return review
