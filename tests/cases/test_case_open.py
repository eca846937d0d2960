"""case_open: the case, its parties and officers, its first event, one ledger entry each."""

from __future__ import annotations

import json

import pytest

from liuhen.agencies.models import Officer
from liuhen.cases.errors import CaseInputError
from liuhen.cases.models import Case, CaseEvent, CaseOfficer, EventStatus, Party, Stage
from liuhen.cases.services import PartyInput, case_open
from liuhen.ledger.models import LedgerEntry
from tests.cases.conftest import days_ago
from tests.factories import case, officer, staff
from tests.world import World


def test_opening_records_the_case_its_people_and_first_event(world: World) -> None:
    # given a handler of the bureau
    handler = staff(world.mangshi_emergency, "handler")
    # when they open a complaint case
    opened = case(
        world.mangshi_emergency,
        actor=handler,
        source="complaint",
        first_event_type="complaint.received",
        fields={"real_name": True},
    )
    # then the case, its party, two officers and the complaint are recorded and ledgered
    assert (opened.profile, opened.stage, opened.opened_by) == ("mangshi", Stage.START, handler)
    assert Party.objects.get(case=opened).name == "某某化工有限公司"
    assert list(CaseOfficer.objects.filter(case=opened).values_list("role", flat=True)) == [
        "lead",
        "assistant",
    ]
    event = CaseEvent.objects.get(case=opened)
    assert (event.type, event.event_id, event.fields, event.status) == (
        "complaint.received",
        "e1",
        {"real_name": True},
        EventStatus.EFFECTIVE,
    )
    actions = list(LedgerEntry.objects.order_by("sequence").values_list("action", flat=True))
    assert actions[-2:] == ["case.open", "case.event_record"]
    assert (
        json.loads(LedgerEntry.objects.get(action="case.open").payload)["number"] == opened.number
    )
    assert event.ledger_sequence == LedgerEntry.objects.get(action="case.event_record").sequence


def test_a_first_event_that_does_not_fit_the_source_is_refused(world: World) -> None:
    with pytest.raises(CaseInputError) as refused:
        case(world.mangshi_emergency, source="application", first_event_type="complaint.received")
    assert refused.value.field == "first_event_type"
    assert not Case.objects.exists()


def test_an_officer_of_another_agency_is_refused_and_nothing_is_written(world: World) -> None:
    stranger, own = officer(world.mangshi_market), officer(world.mangshi_emergency)
    entries = LedgerEntry.objects.count()
    with pytest.raises(CaseInputError, match="不属于"):
        case_open(
            actor=None,
            agency=world.mangshi_emergency,
            title="案由",
            action="penalty",
            source="ex_officio",
            parties=[PartyInput(kind="person", name="张三")],
            officers=[own, stranger],
            first_event_type="case.initiated",
            at=days_ago(1),
            fields={"urgent": True},
        )
    assert not Case.objects.exists()
    assert LedgerEntry.objects.count() == entries
    assert Officer.objects.count() == 2


def test_a_case_without_a_party_is_refused_naming_the_field(world: World) -> None:
    # given an opening with no party
    lead = officer(world.mangshi_emergency)
    entries = LedgerEntry.objects.count()
    # when it is opened through the service (as the API does)
    with pytest.raises(CaseInputError) as refused:
        case_open(
            actor=None,
            agency=world.mangshi_emergency,
            title="案由",
            action="penalty",
            source="ex_officio",
            parties=[],
            officers=[lead],
            first_event_type="case.initiated",
            at=days_ago(1),
            fields={"urgent": True},
        )
    # then it is refused on `parties`, in Chinese, and nothing is written
    assert refused.value.field == "parties"
    assert "当事人" in str(refused.value)
    assert not Case.objects.exists()
    assert LedgerEntry.objects.count() == entries
