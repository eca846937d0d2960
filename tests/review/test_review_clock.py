"""The review period of henan-review 第十三条: 5 working days from receipt, +5 with the head's
approval, counted on the State Council's holiday schedule exactly as the rules engine counts."""

from __future__ import annotations

import datetime as dt

import pytest

from liuhen.cases.errors import CaseInputError, CaseStateError
from liuhen.cases.models import CaseEvent
from liuhen.review.clock import review_due, review_period_text
from liuhen.review.services import review_extend
from liuhen.rules.clock import CHINA
from tests.review.conftest import Desk


def _at(day: str, hour: int = 10) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(hour=hour, tzinfo=CHINA)


def test_five_working_days_skip_the_weekend() -> None:
    # received on Friday 20 November 2026: Mon 23 … Fri 27 are the five working days
    assert review_due(_at("2026-11-20")) == _at("2026-11-28", 0)


def test_the_national_day_holiday_is_not_counted_and_a_made_up_saturday_is() -> None:
    # received Wed 30 September 2026; 1–7 October off; Sat 10 October a working day
    assert review_due(_at("2026-09-30")) == _at("2026-10-14", 0)


def test_the_extension_adds_five_working_days() -> None:
    assert review_due(_at("2026-11-20"), extended=True) == _at("2026-12-05", 0)
    assert review_period_text() == "5个工作日内"


def test_the_head_extends_once_and_it_is_in_the_timeline(henan: Desk) -> None:
    review = henan.submit(henan.case())
    extended = review_extend(actor=henan.head, review=review, reason="案件复杂，涉及多个法律关系")
    assert extended.due_at == review_due(review.received_at, extended=True)
    assert extended.due_at > review.due_at
    event = CaseEvent.objects.get(case=review.case, type="legal_review.extended")
    assert event.fields["approved"] is True
    with pytest.raises(CaseStateError, match="已延长过"):
        review_extend(actor=henan.head, review=review, reason="再延长")


def test_only_the_head_approves_an_extension_with_a_reason(henan: Desk) -> None:
    review = henan.submit(henan.case())
    with pytest.raises(CaseStateError, match="负责人"):
        review_extend(actor=henan.reviewer, review=review, reason="复杂")
    with pytest.raises(CaseInputError, match="说明理由"):
        review_extend(actor=henan.head, review=review, reason="")
