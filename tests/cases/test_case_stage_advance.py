"""The stage machine: each transition's guards, named when they refuse; automatic advances."""

from __future__ import annotations

import pytest

from liuhen.cases.errors import CaseStateError
from liuhen.cases.models import Case, Stage
from liuhen.cases.services import case_event_record, case_stage_advance
from liuhen.cases.stages import TRANSITIONS
from liuhen.ledger.models import LedgerEntry
from tests.cases.conftest import days_ago
from tests.factories import case
from tests.world import World


def _complaint(world: World) -> Case:
    return case(world.mangshi_emergency, source="complaint", first_event_type="complaint.received")


def test_a_complaint_cannot_enter_investigation_before_the_procedure_starts(world: World) -> None:
    opened = _complaint(world)
    with pytest.raises(CaseStateError, match="程序尚未启动") as refused:
        case_stage_advance(actor=None, case=opened, target=Stage.INVESTIGATION)
    assert "须先有已生效的“立案（程序启动）”“受理”或调查取证行为" in str(refused.value)


def test_investigation_needs_an_investigation_act_to_reach_decision(world: World) -> None:
    opened = case(world.mangshi_emergency)
    case_stage_advance(actor=None, case=opened, target=Stage.INVESTIGATION)
    with pytest.raises(CaseStateError, match="尚无已生效的调查取证行为记录"):
        case_stage_advance(actor=None, case=opened, target=Stage.DECISION)


def test_execution_needs_an_effective_decision(world: World) -> None:
    opened = case(world.mangshi_emergency)
    case_event_record(actor=None, case=opened, type="inquiry", at=days_ago(0.5))
    case_stage_advance(actor=None, case=opened, target=Stage.DECISION)
    # a decision awaiting approval (dehong-record 第三十九条) does not count
    case_event_record(
        actor=None, case=opened, type="decision.made", at=days_ago(0.4), fields={"measures": []}
    )
    with pytest.raises(CaseStateError, match="尚未作出决定"):
        case_stage_advance(actor=None, case=opened, target=Stage.EXECUTION)


def test_archive_needs_the_case_closed(world: World) -> None:
    opened = case(world.mangshi_emergency)
    with pytest.raises(CaseStateError, match="尚未结案：须先记录“结案”"):
        case_stage_advance(actor=None, case=opened, target=Stage.ARCHIVE)


def test_no_transition_skips_a_stage_or_goes_back(world: World) -> None:
    opened = case(world.mangshi_emergency)
    with pytest.raises(CaseStateError, match="不能从“程序启动”进入“审查决定”"):
        case_stage_advance(actor=None, case=opened, target=Stage.DECISION)
    case_stage_advance(actor=None, case=opened, target=Stage.INVESTIGATION)
    with pytest.raises(CaseStateError, match="不能从“调查取证”进入“程序启动”"):
        case_stage_advance(actor=None, case=opened, target=Stage.START)


def test_a_manual_advance_is_ledgered(world: World) -> None:
    opened = case(world.mangshi_emergency)
    case_stage_advance(actor=None, case=opened, target=Stage.INVESTIGATION)
    opened.refresh_from_db()
    assert opened.stage == Stage.INVESTIGATION
    entry = LedgerEntry.objects.filter(action="case.stage_advance").get()
    assert '"automatic":false' in entry.payload


def test_an_investigation_act_moves_the_case_on_by_itself(world: World) -> None:
    opened = case(world.mangshi_emergency)
    case_event_record(actor=None, case=opened, type="inquiry", at=days_ago(0.5))
    opened.refresh_from_db()
    assert opened.stage == Stage.INVESTIGATION


def test_a_service_does_not_move_on_before_a_decision(world: World) -> None:
    opened = case(world.mangshi_emergency)
    case_event_record(actor=None, case=opened, type="inquiry", at=days_ago(0.5))
    case_event_record(
        actor=None, case=opened, type="service", at=days_ago(0.4), fields={"method": "direct"}
    )
    opened.refresh_from_db()
    assert opened.stage == Stage.DECISION  # as far as the guards allow, not to 送达执行


def test_closing_moves_any_stage_to_archive_and_sets_the_closing_time(world: World) -> None:
    opened = _complaint(world)
    case_event_record(actor=None, case=opened, type="complaint.declined", at=days_ago(0.5))
    closed = case_event_record(actor=None, case=opened, type="case.closed", at=days_ago(0.4))
    opened.refresh_from_db()
    assert (opened.stage, opened.closed_at) == (Stage.ARCHIVE, closed.at)


def test_every_transition_names_its_guards() -> None:
    assert all(t.guards and all(g.name and g.failure for g in t.guards) for t in TRANSITIONS)
