"""fangcheng-plan 三（一）6: a major decision is reviewed “在拟作出行政决定后，未告知管理相对人前”.
A pass given before the decision was drafted reviewed no intended decision: the pre-notice waits
for a review of the draft, exactly as the pack's `reviewed_after` has the rules engine judge it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from liuhen.cases.errors import CaseStateError
from liuhen.cases.models import Case, CaseEvent
from liuhen.cases.services import case_event_record
from liuhen.review.services import review_pass
from tests.review.conftest import Desk


def _draft(opened: Case, at: dt.datetime) -> CaseEvent:
    return case_event_record(actor=None, case=opened, type="decision.drafted", at=at)


def _notify(opened: Case) -> CaseEvent:
    return case_event_record(actor=None, case=opened, type="decision.pre_notice", at=timezone.now())


def test_a_pass_before_the_decision_was_drafted_does_not_open_the_pre_notice(
    fangcheng: Desk,
) -> None:
    # given a major fangcheng case whose review passed, and the decision drafted only afterwards
    opened = fangcheng.case(major=True)
    review_pass(actor=fangcheng.reviewer, review=fangcheng.in_review(opened))
    _draft(opened, timezone.now())
    # when the party is told of the intended decision
    # then it is refused: the review did not follow the draft (三（一）6)
    with pytest.raises(CaseStateError, match=r"fangcheng-plan 三（一）6") as refused:
        _notify(opened)
    assert "草拟决定" in str(refused.value)


def test_a_pass_after_the_draft_opens_the_pre_notice(fangcheng: Desk) -> None:
    # given a major fangcheng case drafted first, then reviewed and passed
    opened = fangcheng.case(major=True)
    _draft(opened, timezone.now() - dt.timedelta(hours=2))
    review_pass(actor=fangcheng.reviewer, review=fangcheng.in_review(opened))
    # when the party is told, then it is recorded
    assert _notify(opened).status == "effective"
