"""review_staffing: legal reviewers at least 5% of the enforcement officers, and at least one
(henan-review 第五条)."""

from __future__ import annotations

import pytest

from liuhen.accounts.roles import Role
from liuhen.agencies.models import Agency
from liuhen.review.staffing import review_staffing
from tests.factories import department, government, officer, staff


@pytest.fixture
def agency(db: None) -> Agency:
    seat = government("测试县人民政府", level="county", profile="henan")
    return department("测试县市场监管局", government=seat, system="市场监管", profile="henan")


def test_no_legal_reviewer_is_short_of_the_minimum_of_one(agency: Agency) -> None:
    officer(agency)
    staffing = review_staffing(agency=agency)
    assert (staffing.legal_reviewers, staffing.officers, staffing.required, staffing.ok) == (
        0,
        1,
        1,
        False,
    )
    assert "henan-review 第五条" in staffing.basis


@pytest.mark.parametrize(("officers", "required"), [(20, 1), (21, 2), (40, 2), (41, 3)])
def test_five_percent_is_rounded_up(agency: Agency, officers: int, required: int) -> None:
    for n in range(officers):
        officer(agency, name=f"执法员{n}")
    staff(agency, Role.LEGAL_REVIEWER)
    staffing = review_staffing(agency=agency)
    assert (staffing.officers, staffing.required, staffing.ok) == (
        officers,
        required,
        required == 1,
    )


def test_one_person_with_the_role_counts_once(agency: Agency) -> None:
    person = staff(agency, Role.LEGAL_REVIEWER, Role.APPROVER)
    assert person is not None
    assert review_staffing(agency=agency).legal_reviewers == 1
