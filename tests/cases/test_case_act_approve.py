"""The 承办人 → 审核人 → 批准人 chain (dehong-record 第三十九条, 第十条): an act waiting for it is
not part of the timeline until the 批准人 approves it."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from liuhen.accounts.models import User
from liuhen.accounts.roles import Role
from liuhen.cases.errors import CaseStateError
from liuhen.cases.models import ActApproval, Case, CaseEvent, EventStatus, Stage
from liuhen.cases.services import case_act_approve, case_event_record, case_timeline_document
from liuhen.ledger.models import LedgerEntry
from tests.cases.conftest import days_ago
from tests.factories import case, staff
from tests.world import World


@pytest.fixture
def people(world: World) -> dict[str, User]:
    agency = world.mangshi_emergency
    return {
        "handler": staff(agency, Role.HANDLER),
        "reviewer": staff(agency, Role.REVIEWER),
        "approver": staff(agency, Role.APPROVER),
        "other_reviewer": staff(world.mangshi_market, Role.REVIEWER),
    }


@pytest.fixture
def decided(world: World, people: dict[str, User]) -> CaseEvent:
    """A case investigated, with a decision recorded by the handler and awaiting approval."""
    opened = case(world.mangshi_emergency, actor=people["handler"], at=days_ago(3))
    case_event_record(actor=people["handler"], case=opened, type="inquiry", at=days_ago(2))
    return case_event_record(
        actor=people["handler"],
        case=opened,
        type="decision.made",
        at=days_ago(1),
        fields={"measures": ["fine"], "fine_amount": 20000},
    )


def _types(case: Case) -> list[str]:
    return [e["type"] for e in case_timeline_document(case=case)["events"]]


def test_a_decision_waits_and_is_not_in_the_timeline(decided: CaseEvent) -> None:
    assert decided.status == EventStatus.AWAITING
    assert "decision.made" not in _types(decided.case)
    decided.case.refresh_from_db()
    assert decided.case.stage == Stage.INVESTIGATION


def test_review_then_approval_makes_it_effective_with_the_chain_in_the_timeline(
    decided: CaseEvent, people: dict[str, User]
) -> None:
    # when the reviewer and then the approver approve
    case_act_approve(actor=people["reviewer"], event=decided, step="review", outcome="approved")
    middle = CaseEvent.objects.get(pk=decided.pk).status
    approval = case_act_approve(
        actor=people["approver"], event=decided, step="approve", outcome="approved", comment="同意"
    )
    # then the decision took effect only at the end, dated no earlier than the approval
    decided.refresh_from_db()
    assert (middle, decided.status) == (EventStatus.AWAITING, EventStatus.EFFECTIVE)
    assert decided.at >= approval.decided_at
    # and the timeline shows 承办机构审核 and 负责人审批, not later than the decision
    events = {e["type"]: e["at"] for e in case_timeline_document(case=decided.case)["events"]}
    assert events["org_review"] <= events["decision.approved"] <= events["decision.made"]
    decided.case.refresh_from_db()
    assert decided.case.stage == Stage.DECISION


def test_each_step_is_ledgered_with_who_and_when(
    decided: CaseEvent, people: dict[str, User]
) -> None:
    case_act_approve(actor=people["reviewer"], event=decided, step="review", outcome="approved")
    case_act_approve(actor=people["approver"], event=decided, step="approve", outcome="approved")
    entries = LedgerEntry.objects.filter(action="case.act_approve").order_by("sequence")
    assert [(e.actor_id, json.loads(e.payload)["step"]) for e in entries] == [
        (people["reviewer"].pk, "review"),
        (people["approver"].pk, "approve"),
    ]
    approvals = ActApproval.objects.order_by("decided_at")
    assert [json.loads(e.payload)["decided_at"] for e in entries] == [
        a.decided_at.astimezone(dt.UTC).isoformat() for a in approvals
    ]
    assert [a.ledger_sequence for a in approvals] == [e.sequence for e in entries]
    assert LedgerEntry.objects.filter(action="case.act_effective").count() == 1


def test_the_approver_cannot_skip_the_review(decided: CaseEvent, people: dict[str, User]) -> None:
    with pytest.raises(CaseStateError, match="当前应由审核环节处理"):
        case_act_approve(
            actor=people["approver"], event=decided, step="approve", outcome="approved"
        )


def test_a_reviewer_of_another_agency_cannot_review(
    decided: CaseEvent, people: dict[str, User]
) -> None:
    with pytest.raises(CaseStateError, match="须由本单位的审核人作出"):
        case_act_approve(
            actor=people["other_reviewer"], event=decided, step="review", outcome="approved"
        )
    assert not ActApproval.objects.exists()


def test_the_handler_cannot_review_their_own_act(
    world: World, decided: CaseEvent, people: dict[str, User]
) -> None:
    from liuhen.accounts.services import role_grant

    role_grant(actor=None, user=people["handler"], agency=world.mangshi_emergency, role="reviewer")
    with pytest.raises(CaseStateError, match="不同人员"):
        case_act_approve(actor=people["handler"], event=decided, step="review", outcome="approved")


def test_a_returned_act_never_enters_the_timeline(
    decided: CaseEvent, people: dict[str, User]
) -> None:
    case_act_approve(
        actor=people["reviewer"],
        event=decided,
        step="review",
        outcome="returned",
        comment="证据不足",
    )
    decided.refresh_from_db()
    assert decided.status == EventStatus.RETURNED
    assert "decision.made" not in _types(decided.case)
    with pytest.raises(CaseStateError, match="不在待审批状态"):
        case_act_approve(
            actor=people["approver"], event=decided, step="approve", outcome="approved"
        )


def test_a_return_needs_reasons(decided: CaseEvent, people: dict[str, User]) -> None:
    with pytest.raises(Exception, match="退回须说明理由"):
        case_act_approve(actor=people["reviewer"], event=decided, step="review", outcome="returned")


def test_an_urgent_start_takes_effect_at_once(world: World) -> None:
    opened = case(world.mangshi_emergency, fields={"urgent": True})
    assert CaseEvent.objects.get(case=opened).status == EventStatus.EFFECTIVE


def test_a_normal_start_waits_for_approval_and_records_the_start_approval(
    world: World, people: dict[str, User]
) -> None:
    opened = case(world.mangshi_emergency, actor=people["handler"], fields={"urgent": False})
    start = CaseEvent.objects.get(case=opened)
    assert start.status == EventStatus.AWAITING
    case_act_approve(actor=people["reviewer"], event=start, step="review", outcome="approved")
    case_act_approve(actor=people["approver"], event=start, step="approve", outcome="approved")
    events = {e["type"]: e["at"] for e in case_timeline_document(case=opened)["events"]}
    assert set(events) == {"case.initiated", "initiation.approved"}
    # approved no later than the start: dehong-record 第十条 is met
    assert events["initiation.approved"] <= events["case.initiated"]
    opened.refresh_from_db()
    assert not any(
        f["article"] == "第十条" for f in opened.compliance.findings["cases"][0]["findings"]
    )


def test_no_approval_chain_where_the_profile_does_not_require_it(world: World) -> None:
    from tests.factories import department

    guangdong = department("广州市应急管理局", government=world.dehong, profile="guangdong")
    opened = case(guangdong, fields={"urgent": False})
    assert CaseEvent.objects.get(case=opened).status == EventStatus.EFFECTIVE


def test_nothing_is_approved_on_an_archived_case(
    decided: CaseEvent, people: dict[str, User]
) -> None:
    case_event_record(actor=None, case=decided.case, type="case.closed", at=days_ago(0.5))
    case_event_record(actor=None, case=decided.case, type="case.archived", at=days_ago(0.4))
    with pytest.raises(CaseStateError, match="已归档"):
        case_act_approve(actor=people["reviewer"], event=decided, step="review", outcome="approved")
