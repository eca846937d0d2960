"""access_reviews and access_review_by_id as a matrix: who sees a round, who may review it."""

from __future__ import annotations

import pytest

from liuhen.accounts.access import AccessDenied
from liuhen.accounts.models import User
from liuhen.accounts.roles import Role
from liuhen.agencies.models import Supervision
from liuhen.agencies.services import supervision_derive
from liuhen.review.access import (
    ReviewAction,
    access_review_by_id,
    access_review_queue,
    access_reviews,
)
from liuhen.review.models import LegalReview
from tests.factories import department, government, staff, user
from tests.review.conftest import Desk


@pytest.fixture
def review(henan: Desk) -> LegalReview:
    return henan.submit(henan.case())


def _people(henan: Desk, fangcheng: Desk) -> dict[str, User]:
    seat = henan.agency.parent
    assert seat is not None
    justice = department("测试县司法局", government=seat, kind="justice", system="司法行政")
    supervisor = staff(justice, Role.SUPERVISOR)
    supervision_derive(actor=None, agency=henan.agency)
    assert Supervision.objects.filter(supervisor=justice, supervised=henan.agency).exists()
    other_handler = staff(henan.agency, Role.HANDLER)
    admin = user()
    admin.is_superuser = True
    admin.save()
    return {
        "legal reviewer": henan.reviewer,
        "head": henan.head,
        "case handler": henan.handler,
        "other handler": other_handler,
        "member without role": henan.outsider,
        "supervisor": supervisor,
        "other agency's reviewer": fangcheng.reviewer,
        "other agency's head": fangcheng.head,
        "platform admin": admin,
    }


# who: (may view, may review)
MATRIX = {
    "legal reviewer": (True, True),
    "head": (True, False),
    "case handler": (True, False),
    "other handler": (False, False),
    "member without role": (False, False),
    "supervisor": (True, False),
    "other agency's reviewer": (False, False),
    "other agency's head": (False, False),
    "platform admin": (True, True),
}


def test_the_access_matrix(henan: Desk, fangcheng: Desk, review: LegalReview) -> None:
    people = _people(henan, fangcheng)
    for who, (view, work) in MATRIX.items():
        for action, allowed in ((ReviewAction.VIEW, view), (ReviewAction.REVIEW, work)):
            listed = access_reviews(user=people[who], action=action).filter(pk=review.pk).exists()
            assert listed is allowed, (who, action)
            if allowed:
                found = access_review_by_id(user=people[who], review_id=review.pk, action=action)
                assert found.pk == review.pk
            else:
                with pytest.raises(AccessDenied):
                    access_review_by_id(user=people[who], review_id=review.pk, action=action)


def test_the_queue_lists_open_rounds_of_the_reviewers_agency(
    henan: Desk, fangcheng: Desk, review: LegalReview
) -> None:
    assert list(access_review_queue(user=henan.reviewer)) == [review]
    assert list(access_review_queue(user=fangcheng.reviewer)) == []
    assert list(access_review_queue(user=henan.handler)) == []


def test_an_anonymous_or_inactive_user_sees_nothing(henan: Desk, review: LegalReview) -> None:
    from django.contrib.auth.models import AnonymousUser

    assert not access_reviews(user=AnonymousUser()).exists()
    henan.reviewer.is_active = False
    henan.reviewer.save()
    assert not access_reviews(user=henan.reviewer).exists()


def test_a_supervisor_without_a_supervision_relation_sees_nothing(
    henan: Desk, review: LegalReview
) -> None:
    elsewhere = government("别处人民政府", level="county")
    unrelated = staff(
        department("别处司法局", government=elsewhere, kind="justice"), Role.SUPERVISOR
    )
    assert not access_reviews(user=unrelated).exists()
