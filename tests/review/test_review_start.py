"""review_start and the reviewer: a 法制审核人员 of the case's agency, never one who handles the
case (henan-review 第十五条、第十七条), one reviewer per round."""

from __future__ import annotations

import pytest

from liuhen.accounts.roles import Role
from liuhen.accounts.services import role_grant
from liuhen.agencies.models import Officer
from liuhen.cases.errors import CaseStateError
from liuhen.review.services import review_start
from tests.factories import staff
from tests.review.conftest import Desk


def test_a_legal_reviewer_takes_a_submitted_round(henan: Desk) -> None:
    review = review_start(actor=henan.reviewer, review=henan.submit(henan.case()))
    assert (review.state, review.reviewer) == ("in_review", henan.reviewer)
    assert review.started_at is not None


@pytest.mark.parametrize("who", ["handler", "head", "outsider"])
def test_only_a_legal_reviewer_reviews(henan: Desk, who: str) -> None:
    review = henan.submit(henan.case())
    with pytest.raises(CaseStateError, match="法制审核人员"):
        review_start(actor=getattr(henan, who), review=review)


def test_a_legal_reviewer_of_another_agency_may_not(henan: Desk, fangcheng: Desk) -> None:
    review = henan.submit(henan.case())
    with pytest.raises(CaseStateError, match="法制审核人员"):
        review_start(actor=fangcheng.reviewer, review=review)


def test_a_legal_reviewer_who_handles_the_case_may_not_review_it(henan: Desk) -> None:
    # given the case's handler also holds the legal reviewer role
    role_grant(actor=None, user=henan.handler, agency=henan.agency, role=Role.LEGAL_REVIEWER)
    review = henan.submit(henan.case())
    # then they may not review their own case
    with pytest.raises(CaseStateError, match="承办人员不能审核本案"):
        review_start(actor=henan.handler, review=review)


def test_an_officer_of_the_case_who_is_a_legal_reviewer_may_not_review_it(henan: Desk) -> None:
    dual = staff(henan.agency, Role.HANDLER, Role.LEGAL_REVIEWER)
    opened = henan.case()
    from liuhen.cases.services import case_officer_assign

    case_officer_assign(actor=None, case=opened, officer=Officer.objects.get(user=dual))
    review = henan.submit(opened)
    with pytest.raises(CaseStateError, match="第十七条"):
        review_start(actor=dual, review=review)


def test_a_round_is_taken_once(henan: Desk) -> None:
    review = review_start(actor=henan.reviewer, review=henan.submit(henan.case()))
    other = staff(henan.agency, Role.LEGAL_REVIEWER)
    with pytest.raises(CaseStateError, match="审核中"):
        review_start(actor=other, review=review)
