"""case_officer_assign / case_officer_release / case_party_add."""

from __future__ import annotations

import pytest

from liuhen.cases.errors import CaseInputError
from liuhen.cases.models import CaseEvent, CaseOfficer
from liuhen.cases.services import (
    PartyInput,
    case_event_record,
    case_officer_assign,
    case_officer_release,
    case_party_add,
)
from liuhen.ledger.models import LedgerEntry
from tests.cases.conftest import days_ago
from tests.factories import case, officer
from tests.world import World


def test_a_second_officer_assigned_makes_an_onsite_act_possible(world: World) -> None:
    opened = case(world.mangshi_emergency, officers=1)
    case_officer_assign(actor=None, case=opened, officer=officer(world.mangshi_emergency))
    case_event_record(actor=None, case=opened, type="onsite_inspection", at=days_ago(0.5))
    assert CaseEvent.objects.filter(case=opened, type="onsite_inspection").exists()
    assert LedgerEntry.objects.filter(action="case.officer_assign").count() == 1


def test_an_officer_of_another_agency_cannot_be_assigned(world: World) -> None:
    opened = case(world.mangshi_emergency, officers=1)
    with pytest.raises(CaseInputError, match="不属于本案的执法主体"):
        case_officer_assign(actor=None, case=opened, officer=officer(world.mangshi_market))


def test_an_officer_cannot_be_assigned_twice(world: World) -> None:
    opened = case(world.mangshi_emergency, officers=1)
    assigned = CaseOfficer.objects.get(case=opened)
    with pytest.raises(CaseInputError, match="已在本案"):
        case_officer_assign(actor=None, case=opened, officer=assigned.officer)


def test_a_released_officer_stays_on_record(world: World) -> None:
    opened = case(world.mangshi_emergency, officers=2)
    released = case_officer_release(
        actor=None, assignment=CaseOfficer.objects.filter(case=opened).last()
    )
    assert released.released_at is not None
    assert CaseOfficer.objects.filter(case=opened).count() == 2


def test_a_party_is_added_and_its_personal_data_kept_out_of_the_ledger(world: World) -> None:
    opened = case(world.mangshi_emergency)
    party = case_party_add(
        actor=None,
        case=opened,
        party=PartyInput(kind="person", name="张三", id_number="533103199001011234"),
    )
    assert party.id_number == "533103199001011234"
    entry = LedgerEntry.objects.get(action="case.party_add")
    assert "张三" in entry.payload
    assert "533103199001011234" not in entry.payload
