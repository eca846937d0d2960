"""henan-review 第十四条第二款: after a return the heads' collective discussion *decides*. Only a
decision not to follow the opinion lets an ordinary penalty (第十八条) be decided without a new
round; a discussion upholding the opinion leaves the handlers to resubmit (第十四条第一款)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from liuhen.cases.errors import CaseInputError, CaseStateError
from liuhen.cases.models import Case, CaseEvent
from liuhen.cases.services import case_event_record
from liuhen.review.models import LegalReview
from liuhen.review.services import review_escalate, review_return
from tests.review.conftest import Desk


def _returned(desk: Desk, opened: Case) -> LegalReview:
    return review_return(
        actor=desk.reviewer,
        review=desk.in_review(opened, sound=False),
        grounds=["discretion"],
        reasons="裁量过重",
    )


def _decide(opened: Case) -> CaseEvent:
    return case_event_record(
        actor=None,
        case=opened,
        type="decision.made",
        at=timezone.now(),
        fields={"measures": ["warning"]},
    )


def test_a_discussion_upholding_the_opinion_keeps_the_gate_shut(henan: Desk) -> None:
    # given an ordinary penalty returned and taken to the heads' collective discussion
    opened = henan.case()
    returned = _returned(henan, opened)
    # when the discussion decides to follow the review body's opinion
    review_escalate(
        actor=henan.head,
        review=returned,
        reason="承办机构认为裁量适当，经沟通未达成一致",
        conclusion="集体讨论认为裁量过重，应当修改后再次报送",
        outcome="resubmit",
    )
    # then the decision still waits for a new round (第十四条第一款)
    with pytest.raises(CaseStateError, match="henan-review 第十八条"):
        _decide(opened)
    assert LegalReview.objects.get(pk=returned.pk).discussion_outcome == "resubmit"


def test_the_discussion_must_say_what_it_decided(henan: Desk) -> None:
    returned = _returned(henan, henan.case())
    with pytest.raises(CaseInputError, match="集体讨论的决定"):
        review_escalate(
            actor=henan.head, review=returned, reason="异议", conclusion="已讨论", outcome=""
        )
    assert LegalReview.objects.get(pk=returned.pk).state == "returned"
