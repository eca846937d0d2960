"""review_point_record and review_power_record: the eight points and the three powers, recorded
by the round's reviewer while it is in review, ledgered, and shown in the opinion."""

from __future__ import annotations

import json

import pytest

from liuhen.accounts.roles import Role
from liuhen.cases.errors import CaseInputError, CaseStateError
from liuhen.ledger.models import LedgerEntry
from liuhen.review.models import ReviewPointOpinion
from liuhen.review.services import review_point_record, review_power_record, review_start
from liuhen.review.services.outcome import opinion_build
from tests.factories import staff
from tests.review.conftest import Desk


def test_recording_a_point_again_revises_it_and_both_are_ledgered(henan: Desk) -> None:
    review = review_start(actor=henan.reviewer, review=henan.submit(henan.case()))
    for sound, text in ((False, "程序存疑"), (True, "补正后程序合法")):
        review_point_record(
            actor=henan.reviewer, review=review, point="procedure", sound=sound, opinion=text
        )
    row = ReviewPointOpinion.objects.get(review=review, point="procedure")
    assert (row.sound, row.opinion) == (True, "补正后程序合法")
    entries = LedgerEntry.objects.filter(action="review.point_record").order_by("sequence")
    assert [json.loads(e.payload)["opinion"] for e in entries] == ["程序存疑", "补正后程序合法"]


@pytest.mark.parametrize(
    ("point", "opinion", "field"), [("weather", "x", "point"), ("facts", " ", "opinion")]
)
def test_an_unknown_point_or_empty_opinion_is_refused(
    henan: Desk, point: str, opinion: str, field: str
) -> None:
    review = review_start(actor=henan.reviewer, review=henan.submit(henan.case()))
    with pytest.raises(CaseInputError) as refused:
        review_point_record(
            actor=henan.reviewer, review=review, point=point, sound=True, opinion=opinion
        )
    assert refused.value.field == field


def test_points_wait_until_the_round_is_taken_and_only_its_reviewer_records(henan: Desk) -> None:
    review = henan.submit(henan.case())
    with pytest.raises(CaseStateError, match="已送审"):
        review_point_record(
            actor=henan.reviewer, review=review, point="facts", sound=True, opinion="清楚"
        )
    review_start(actor=henan.reviewer, review=review)
    colleague = staff(henan.agency, Role.LEGAL_REVIEWER)
    with pytest.raises(CaseStateError, match="其他法制审核人员"):
        review_point_record(
            actor=colleague, review=review, point="facts", sound=True, opinion="清楚"
        )


def test_a_power_used_is_recorded_and_named_in_the_opinion(henan: Desk) -> None:
    review = review_start(actor=henan.reviewer, review=henan.submit(henan.case()))
    review_power_record(
        actor=henan.reviewer, review=review, power="meeting", detail="召开专家论证会，三名专家参加"
    )
    with pytest.raises(CaseInputError):
        review_power_record(actor=henan.reviewer, review=review, power="arrest", detail="x")
    opinion = opinion_build(review, passed=True, now_year=2026)
    assert opinion.powers == ["组织召开座谈会、专家论证会：召开专家论证会，三名专家参加"]
