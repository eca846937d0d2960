"""Staffing of the review body (henan-review 第五条): legal reviewers against the agency's
enforcement officers, for the head's and the supervisor's pages."""

from __future__ import annotations

import math
from dataclasses import dataclass

from liuhen.accounts.models import RoleGrant
from liuhen.accounts.roles import Role
from liuhen.agencies.models import Agency, Officer, OfficerStatus
from liuhen.review.rules import STAFFING


@dataclass(frozen=True, slots=True)
class Staffing:
    legal_reviewers: int
    officers: int
    required: int
    ok: bool
    basis: str


def review_staffing(*, agency: Agency) -> Staffing:
    """How many 法制审核人员 the agency has, how many enforcement officers (执法证有效), how many
    reviewers the rule asks for (the ratio, rounded up, and at least the minimum). Reads only."""
    reviewers = (
        RoleGrant.objects.filter(membership__agency=agency, role=Role.LEGAL_REVIEWER)
        .values("membership__user")
        .distinct()
        .count()
    )
    officers = Officer.objects.filter(agency=agency, status=OfficerStatus.ACTIVE).count()
    required = max(STAFFING.minimum, math.ceil(STAFFING.ratio * officers))
    return Staffing(
        legal_reviewers=reviewers,
        officers=officers,
        required=required,
        ok=reviewers >= required,
        basis=f"{STAFFING.regulation} {STAFFING.article}：{STAFFING.quote}",
    )
