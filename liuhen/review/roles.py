"""Who may do what in a review: roles held in the case's agency, no handler reviews."""

from __future__ import annotations

from liuhen.accounts.access import agency_ids_with_roles
from liuhen.accounts.models import User
from liuhen.accounts.roles import Role
from liuhen.cases.errors import CaseStateError
from liuhen.cases.models import Case, CaseOfficer
from liuhen.review.models import LegalReview
from liuhen.review.rules import SEPARATION


def holds(user: User | None, agency_id: int, *roles: Role) -> bool:
    """Whether `user` holds any of `roles` in the agency (platform administrators hold all)."""
    if user is None:
        return False
    ids = agency_ids_with_roles(user=user, roles={r.value for r in roles})
    return ids is None or agency_id in ids


def require(user: User | None, agency_id: int, *roles: Role, doing: str) -> User:
    if user is None or not holds(user, agency_id, *roles):
        names = "或".join(r.label for r in roles)
        raise CaseStateError(f"{doing}须由本单位的{names}办理")
    return user


def handles(user: User, case: Case) -> bool:
    """Whether `user` is (or was) one of the case's officers (承办人员)."""
    return CaseOfficer.objects.filter(case=case, officer__user=user).exists()


def reviewer_refusal(user: User, review: LegalReview) -> str:
    """Why this 法制审核人员 may not review the round ("" if they may): who handles or handled
    the case, or submitted it, does not review it; a round started by another stays theirs."""
    if handles(user, review.case) or user.pk == review.submitted_by_id:
        return (
            f"本案承办人员不能审核本案（含曾承办或送审本案的人员；{SEPARATION[0]} {SEPARATION[1]}："
            "承办人员与负责法制审核的人员分别负责）"
        )
    if review.reviewer_id is not None and review.reviewer_id != user.pk:
        return "本轮审核由其他法制审核人员办理"
    return ""
