"""The gate again when an act takes effect: a decision waiting for the 承办人 → 审核人 → 批准人
chain (dehong-record 第三十九条) takes effect on the final approval, and a legal review required
by then (henan-review) must have passed; and a corrected decision passes the gate too."""

from __future__ import annotations

import pytest
from django.utils import timezone

from liuhen.accounts.models import User
from liuhen.accounts.roles import Role
from liuhen.cases.errors import CaseStateError
from liuhen.cases.models import ActApproval, Case, CaseEvent, EventStatus
from liuhen.cases.services import case_act_approve, case_event_correct, case_event_record
from liuhen.review.services import case_decision_record_without_review, case_major_mark, review_pass
from liuhen.rules.profiles import PROFILES, Profile
from tests.cases.conftest import days_ago
from tests.factories import staff
from tests.review.conftest import Desk, desk

# no packaged profile has both the approval chain and a legal review: an agency that had both
BOTH = Profile("test-chain-review", "审批链与法制审核", ("dehong-record", "henan-review"))


@pytest.fixture
def both(db: None, monkeypatch: pytest.MonkeyPatch) -> Desk:
    monkeypatch.setitem(PROFILES, BOTH.id, BOTH)
    return desk(BOTH.id)


@pytest.fixture
def org_reviewer(both: Desk) -> User:
    return staff(both.agency, Role.REVIEWER)


def _proposed(both: Desk, opened: Case) -> CaseEvent:
    """A decision no review rule holds back when proposed (not a penalty, not major)."""
    decision = case_event_record(
        actor=both.handler,
        case=opened,
        type="decision.made",
        at=timezone.now(),
        fields={"measures": ["other"]},
    )
    assert decision.status == EventStatus.AWAITING
    return decision


def test_the_final_approval_is_refused_when_a_review_became_required_since(
    both: Desk, org_reviewer: User
) -> None:
    # given a decision awaiting approval, then the case marked major (henan-review 第三条 binds)
    opened = both.case(action="inspection")
    decision = _proposed(both, opened)
    case_act_approve(actor=org_reviewer, event=decision, step="review", outcome="approved")
    case_major_mark(actor=both.handler, case=opened, reason="列入本局重大执法决定目录")
    # when the head gives the final approval
    with pytest.raises(CaseStateError) as refused:
        case_act_approve(actor=both.head, event=decision, step="approve", outcome="approved")
    # then it is refused citing the article, and the decision still waits
    assert "henan-review 第三条" in str(refused.value)
    decision.refresh_from_db()
    assert decision.status == EventStatus.AWAITING
    assert not ActApproval.objects.filter(event=decision, step="approve").exists()


def test_the_final_approval_passes_once_the_review_has_passed(
    both: Desk, org_reviewer: User
) -> None:
    opened = both.case(action="inspection")
    decision = _proposed(both, opened)
    case_act_approve(actor=org_reviewer, event=decision, step="review", outcome="approved")
    case_major_mark(actor=both.handler, case=opened, reason="列入本局重大执法决定目录")
    review_pass(actor=both.reviewer, review=both.in_review(opened, measures=["other"]))
    case_act_approve(actor=both.head, event=decision, step="approve", outcome="approved")
    decision.refresh_from_db()
    assert decision.status == EventStatus.EFFECTIVE


def test_a_decision_recorded_without_review_keeps_its_override_through_approval(
    both: Desk, org_reviewer: User
) -> None:
    opened = both.case()
    decision = case_decision_record_without_review(
        actor=both.head,
        case=opened,
        at=timezone.now(),
        measures=["warning"],
        reason="系统上线前已作出的决定",
    )
    assert decision.status == EventStatus.AWAITING
    case_act_approve(actor=org_reviewer, event=decision, step="review", outcome="approved")
    case_act_approve(
        actor=staff(both.agency, Role.APPROVER), event=decision, step="approve", outcome="approved"
    )
    decision.refresh_from_db()
    assert decision.status == EventStatus.EFFECTIVE


# ---- corrections of a decision under henan (no chain) --------------------------------------


def _decided(henan: Desk) -> tuple[Case, CaseEvent]:
    opened = henan.case()
    review_pass(actor=henan.reviewer, review=henan.in_review(opened, measures=["warning"]))
    decision = case_event_record(
        actor=henan.handler,
        case=opened,
        type="decision.made",
        at=timezone.now(),
        fields={"measures": ["warning"]},
    )
    return opened, decision


def test_a_corrected_decision_relies_on_the_review_its_original_passed(henan: Desk) -> None:
    opened, decision = _decided(henan)
    correction = case_event_correct(
        actor=henan.handler,
        case=opened,
        event=decision,
        at=decision.at,
        fields={"measures": ["warning"]},
        note="决定书文号 豫市监罚〔2026〕1号",
        reason="补记决定书文号",
    )
    assert correction.status == EventStatus.EFFECTIVE


def test_a_corrected_decision_dated_before_the_review_passed_is_refused(henan: Desk) -> None:
    opened, decision = _decided(henan)
    with pytest.raises(CaseStateError, match="早于法制审核意见作出的时间"):
        case_event_correct(
            actor=henan.handler,
            case=opened,
            event=decision,
            at=days_ago(0.5),
            fields={"measures": ["warning"]},
            reason="决定日期录错",
        )


def test_correcting_a_decision_made_without_review_meets_the_gate(henan: Desk) -> None:
    # given a decision a head recorded without the review 第十八条 requires
    opened = henan.case()
    decision = case_decision_record_without_review(
        actor=henan.head, case=opened, at=timezone.now(), measures=["warning"], reason="旧案"
    )
    # when a handler corrects it, the gate still applies
    with pytest.raises(CaseStateError, match="henan-review 第十八条"):
        case_event_correct(
            actor=henan.handler,
            case=opened,
            event=decision,
            at=decision.at,
            fields={"measures": ["warning", "fine"], "fine_amount": 200},
            reason="漏记罚款",
        )


def test_an_event_of_a_review_round_is_not_corrected_outside_the_review(henan: Desk) -> None:
    opened = henan.case()
    review = henan.submit(opened)
    assert review.submitted_event is not None
    with pytest.raises(CaseStateError, match="由法制审核流程记录"):
        case_event_correct(
            actor=henan.handler,
            case=opened,
            event=review.submitted_event,
            at=days_ago(0.2),
            reason="时间录错",
        )
