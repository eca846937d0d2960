"""Correcting a recorded event: the original is kept as recorded and marked corrected; the
correction, with its reason, takes its place (and its spec id) in the effective timeline."""

from __future__ import annotations

import json

import pytest

from liuhen.accounts.access import AccessDenied
from liuhen.accounts.models import User
from liuhen.accounts.roles import Role
from liuhen.cases.errors import CaseInputError, CaseStateError
from liuhen.cases.models import Case, CaseEvent, EventStatus
from liuhen.cases.services import (
    case_act_approve,
    case_event_correct,
    case_event_record,
    case_timeline_document,
)
from liuhen.ledger.models import LedgerEntry
from liuhen.rules import parse_timeline
from liuhen.rules.clock import format_time
from tests.cases.conftest import days_ago
from tests.factories import case, staff
from tests.world import World


@pytest.fixture
def handler(world: World) -> User:
    return staff(world.mangshi_emergency, Role.HANDLER)


@pytest.fixture
def opened(world: World, handler: User) -> Case:
    return case(world.mangshi_emergency, actor=handler, at=days_ago(5))


def _inquiry(opened: Case, handler: User) -> CaseEvent:
    return case_event_record(actor=handler, case=opened, type="inquiry", at=days_ago(4))


def _timeline(opened: Case) -> list[dict[str, object]]:
    return list(case_timeline_document(case=opened)["events"])


def test_the_correction_replaces_the_original_in_the_timeline_and_the_original_is_kept(
    opened: Case, handler: User
) -> None:
    # given an inquiry recorded a day too late
    original = _inquiry(opened, handler)
    recorded_fields, recorded_at = dict(original.fields), original.at
    # when the handler corrects its time, saying why
    correction = case_event_correct(
        actor=handler, case=opened, event=original, at=days_ago(4.5), reason="笔录时间录错"
    )
    # then the export shows the corrected time under the same id, once, and still validates
    events = [e for e in _timeline(opened) if e["id"] == original.event_id]
    assert [(e["type"], e["at"]) for e in events] == [("inquiry", format_time(correction.at))]
    parse_timeline(case_timeline_document(case=opened), source="test")
    # and the original is untouched, marked corrected, linked to its correction
    original.refresh_from_db()
    assert (original.status, original.at, original.fields) == (
        EventStatus.CORRECTED,
        recorded_at,
        recorded_fields,
    )
    assert list(original.corrections.all()) == [correction]
    assert (correction.corrects, correction.correction_reason) == (original, "笔录时间录错")
    assert correction.event_id == original.event_id
    assert correction.at < recorded_at


def test_one_ledger_entry_names_both_rows_and_the_reason(opened: Case, handler: User) -> None:
    original = _inquiry(opened, handler)
    before = LedgerEntry.objects.count()
    correction = case_event_correct(
        actor=handler,
        case=opened,
        event=original,
        at=original.at,
        note="询问对象为法定代表人",
        reason="补记询问对象",
    )
    entries = list(LedgerEntry.objects.filter(sequence__gt=before, action="case.event_correct"))
    assert len(entries) == 1
    assert entries[0].sequence == correction.ledger_sequence
    payload = json.loads(entries[0].payload)
    assert payload["corrects"]["position"] == original.position
    assert payload["corrects"]["id"] == payload["id"] == original.event_id
    assert (payload["position"], payload["reason"]) == (correction.position, "补记询问对象")


def test_references_to_the_corrected_event_still_hold(opened: Case, handler: User) -> None:
    # given an inquiry whose record the party refused to sign
    original = _inquiry(opened, handler)
    case_event_record(
        actor=handler,
        case=opened,
        type="signature_refused",
        at=days_ago(3),
        fields={"of": original.event_id},
    )
    # when the inquiry is corrected into a 现场检查 (by two officers)
    case_event_correct(
        actor=handler,
        case=opened,
        event=original,
        type="onsite_inspection",
        at=original.at,
        reason="行为类型选错",
    )
    # then the refusal still names it, now as an on-site inspection
    types = {e["id"]: e["type"] for e in _timeline(opened)}
    assert types[original.event_id] == "onsite_inspection"
    assert "signature_refused" in types.values()


def test_a_correction_that_breaks_the_timeline_is_refused_naming_the_field(
    opened: Case, handler: User
) -> None:
    original = _inquiry(opened, handler)
    with pytest.raises(CaseInputError) as refused:
        case_event_correct(
            actor=handler,
            case=opened,
            event=original,
            type="compulsory_measure",
            at=original.at,
            reason="类型录错",
        )
    assert refused.value.field == "measure"
    original.refresh_from_db()
    assert original.status == EventStatus.EFFECTIVE
    assert not original.corrections.exists()


def test_a_correction_must_change_something(opened: Case, handler: User) -> None:
    original = _inquiry(opened, handler)
    with pytest.raises(CaseInputError) as refused:
        case_event_correct(actor=handler, case=opened, event=original, at=original.at, reason="x")
    assert refused.value.field == "fields"


def test_a_correction_must_give_a_reason(opened: Case, handler: User) -> None:
    original = _inquiry(opened, handler)
    with pytest.raises(CaseInputError) as refused:
        case_event_correct(actor=handler, case=opened, event=original, at=days_ago(4.2), reason=" ")
    assert refused.value.field == "reason"


def test_a_corrected_event_is_not_corrected_again_but_its_correction_is(
    opened: Case, handler: User
) -> None:
    original = _inquiry(opened, handler)
    first = case_event_correct(
        actor=handler, case=opened, event=original, at=days_ago(4.2), reason="时间录错"
    )
    with pytest.raises(CaseStateError, match="已被更正"):
        case_event_correct(
            actor=handler, case=opened, event=original, at=days_ago(4.3), reason="再改"
        )
    second = case_event_correct(
        actor=handler, case=opened, event=first, at=days_ago(4.3), reason="时间仍有误"
    )
    first.refresh_from_db()
    assert (first.status, second.corrects) == (EventStatus.CORRECTED, first)


def test_only_those_who_may_record_on_the_case_correct(
    world: World, opened: Case, handler: User
) -> None:
    original = _inquiry(opened, handler)
    outsider = staff(world.mangshi_market, Role.HANDLER)
    supervisor = staff(world.mangshi_justice, Role.SUPERVISOR)
    for person in (outsider, supervisor):
        with pytest.raises(AccessDenied):
            case_event_correct(
                actor=person, case=opened, event=original, at=days_ago(4.2), reason="改"
            )


def test_nothing_is_corrected_after_archiving(opened: Case, handler: User) -> None:
    original = _inquiry(opened, handler)
    case_event_record(actor=handler, case=opened, type="case.closed", at=days_ago(2))
    case_event_record(actor=handler, case=opened, type="case.archived", at=days_ago(1))
    with pytest.raises(CaseStateError, match="已归档"):
        case_event_correct(
            actor=handler, case=opened, event=original, at=days_ago(4.2), reason="改"
        )


def test_correcting_the_closing_moves_the_closing_time(opened: Case, handler: User) -> None:
    closed = case_event_record(actor=handler, case=opened, type="case.closed", at=days_ago(2))
    case_event_correct(actor=handler, case=opened, event=closed, at=days_ago(3), reason="结案日")
    opened.refresh_from_db()
    assert opened.closed_at is not None
    assert opened.closed_at < closed.at


def test_the_compliance_cache_follows_the_correction(
    world: World, opened: Case, handler: User
) -> None:
    # given an urgent start approved two days later: dehong-record 第十条 (24 小时内补办) breached
    approval = case_event_record(
        actor=handler, case=opened, type="initiation.approved", at=days_ago(3)
    )
    opened.compliance.refresh_from_db()
    before = opened.compliance.violations
    cited = json.dumps(opened.compliance.findings, ensure_ascii=False)
    assert "第十条" in cited
    # when the approval's time is corrected to the day of the start (it was typed wrong)
    case_event_correct(
        actor=handler, case=opened, event=approval, at=days_ago(4.9), reason="审批日期录错"
    )
    # then the cached findings no longer report it
    opened.compliance.refresh_from_db()
    assert opened.compliance.violations == before - 1


def test_an_event_awaiting_approval_is_returned_not_corrected(opened: Case, handler: User) -> None:
    decision = case_event_record(
        actor=handler,
        case=opened,
        type="decision.made",
        at=days_ago(1),
        fields={"measures": ["warning"]},
    )
    assert decision.status == EventStatus.AWAITING
    with pytest.raises(CaseStateError, match="退回"):
        case_event_correct(
            actor=handler,
            case=opened,
            event=decision,
            at=decision.at,
            fields={"measures": ["fine"], "fine_amount": 100},
            reason="罚种录错",
        )


@pytest.fixture
def chain(world: World) -> dict[str, User]:
    agency = world.mangshi_emergency
    return {"reviewer": staff(agency, Role.REVIEWER), "approver": staff(agency, Role.APPROVER)}


def _decided(opened: Case, handler: User, chain: dict[str, User]) -> CaseEvent:
    decision = case_event_record(
        actor=handler,
        case=opened,
        type="decision.made",
        at=days_ago(2),
        fields={"measures": ["warning"]},
    )
    for step, person in (("review", chain["reviewer"]), ("approve", chain["approver"])):
        case_act_approve(actor=person, event=decision, step=step, outcome="approved")
    decision.refresh_from_db()
    return decision


def _measures(opened: Case, event_id: str) -> object:
    return next(e["measures"] for e in _timeline(opened) if e["id"] == event_id)


def test_a_corrected_decision_goes_through_the_chain_and_the_original_holds_until_then(
    opened: Case, handler: User, chain: dict[str, User]
) -> None:
    # given an effective decision (dehong-record 第三十九条: 审核 then 批准)
    decision = _decided(opened, handler, chain)
    assert decision.status == EventStatus.EFFECTIVE
    # when it is corrected
    correction = case_event_correct(
        actor=handler,
        case=opened,
        event=decision,
        at=decision.at,
        fields={"measures": ["warning", "fine"], "fine_amount": 500},
        reason="漏记罚款",
    )
    # then the correction waits, and the original decision is still the effective one
    assert correction.status == EventStatus.AWAITING
    assert _measures(opened, decision.event_id) == ["warning"]
    with pytest.raises(CaseStateError, match="已有一项更正待审批"):
        case_event_correct(
            actor=handler, case=opened, event=decision, at=decision.at, reason="再改"
        )
    # and once approved the correction takes the original's place
    case_act_approve(actor=chain["reviewer"], event=correction, step="review", outcome="approved")
    case_act_approve(actor=chain["approver"], event=correction, step="approve", outcome="approved")
    decision.refresh_from_db()
    correction.refresh_from_db()
    assert (decision.status, correction.status) == (EventStatus.CORRECTED, EventStatus.EFFECTIVE)
    assert _measures(opened, decision.event_id) == ["warning", "fine"]


def test_a_returned_correction_leaves_the_original_effective(
    opened: Case, handler: User, chain: dict[str, User]
) -> None:
    decision = _decided(opened, handler, chain)
    correction = case_event_correct(
        actor=handler,
        case=opened,
        event=decision,
        at=decision.at,
        fields={"measures": ["fine"], "fine_amount": 500},
        reason="罚种录错",
    )
    case_act_approve(
        actor=chain["reviewer"],
        event=correction,
        step="review",
        outcome="returned",
        comment="原决定无误",
    )
    decision.refresh_from_db()
    assert decision.status == EventStatus.EFFECTIVE
    assert _measures(opened, decision.event_id) == ["warning"]
