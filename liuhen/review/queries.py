"""Read-side queries of the review pages, scoped by the access functions."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from liuhen.accounts.models import User
from liuhen.cases.models import Case
from liuhen.cases.queries import agency_holdings
from liuhen.evidence.access import access_holdings
from liuhen.evidence.models import EvidenceHolding
from liuhen.review.models import LegalReview, ReviewState


def submission_holdings(
    *, user: User, case: Case, keep: Iterable[int] = ()
) -> QuerySet[EvidenceHolding]:
    """The files a handler may send with the materials: the agency's evidence they can reach
    (the newest), and the files of the round being resubmitted however old."""
    newest = agency_holdings(user=user, case=case).values_list("pk", flat=True)
    reachable = access_holdings(user=user).filter(agency_id=case.agency_id)
    return reachable.filter(Q(pk__in=list(newest)) | Q(pk__in=list(keep))).order_by(
        "-added_at", "-id"
    )


def returned_round(case: Case, rounds: QuerySet[LegalReview]) -> LegalReview | None:
    """The case's last round when it was returned (its materials prefill the resubmission)."""
    last = rounds.filter(case=case).order_by("-round").first()
    return last if last is not None and last.state == ReviewState.RETURNED else None
