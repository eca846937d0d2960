"""case_recording_attach: a recording and its storage, dated by the server, never typed in."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from liuhen.cases.errors import CaseInputError
from liuhen.cases.models import Case, CaseEvent, CaseEventDocument
from liuhen.cases.services import (
    case_recording_attach,
    case_recording_backup_mark,
    case_recording_catalogue,
    case_timeline_document,
)
from liuhen.evidence.models import EvidenceHolding
from liuhen.evidence.services import evidence_ingest
from tests.cases.conftest import days_ago
from tests.factories import case
from tests.world import World


@pytest.fixture
def opened(world: World) -> Case:
    return case(world.mangshi_emergency, at=days_ago(2))


@pytest.fixture
def holding(world: World) -> EvidenceHolding:
    return evidence_ingest(
        actor=None,
        agency=world.mangshi_emergency,
        source=io.BytesIO(b"body camera recording"),
        filename="DSJ_0001.mp4",
    )


def test_the_storage_time_is_when_the_server_received_the_file(
    opened: Case, holding: EvidenceHolding
) -> None:
    recorded = case_recording_attach(
        actor=None,
        case=opened,
        holding=holding,
        start=days_ago(1, hours=1),
        end=days_ago(1),
        device="DSJ-V9",
        notice_given=True,
        statement_given=True,
    )
    stored = CaseEvent.objects.get(case=opened, type="av.stored")
    assert stored.at == holding.added_at
    assert stored.fields == {"of": recorded.event_id}
    assert CaseEventDocument.objects.get(event=recorded).holding == holding
    assert not recorded.imported
    assert not stored.imported


def test_a_typed_storage_time_is_refused(opened: Case, holding: EvidenceHolding) -> None:
    with pytest.raises(CaseInputError, match="由服务器"):
        case_recording_attach(
            actor=None,
            case=opened,
            holding=holding,
            start=days_ago(1, hours=1),
            end=days_ago(1),
            notice_given=True,
            statement_given=True,
            stored_at=days_ago(1),
        )
    assert not CaseEvent.objects.filter(type__startswith="av.").exists()


def test_an_imported_recording_keeps_the_source_times(
    opened: Case, holding: EvidenceHolding
) -> None:
    source_stored = days_ago(0.9)
    recorded = case_recording_attach(
        actor=None,
        case=opened,
        holding=holding,
        start=days_ago(1, hours=1),
        end=days_ago(1),
        notice_given=False,
        statement_given=True,
        imported=True,
        stored_at=source_stored,
    )
    stored = CaseEvent.objects.get(case=opened, type="av.stored")
    assert (stored.at, stored.imported, recorded.imported) == (source_stored, True, True)


def test_a_recording_with_an_interruption_round_trips(
    opened: Case, holding: EvidenceHolding
) -> None:
    paused = days_ago(1, hours=0.5)
    case_recording_attach(
        actor=None,
        case=opened,
        holding=holding,
        start=days_ago(1, hours=1),
        end=days_ago(1),
        notice_given=True,
        statement_given=True,
        interruptions=[{"at": paused, "resumed_at": None, "reported": True}],
    )
    recorded = case_timeline_document(case=opened)["events"][1]
    assert recorded["interruptions"][0]["resumed_at"] is None
    assert dt.datetime.fromisoformat(recorded["interruptions"][0]["at"]) == paused


def test_a_recording_of_another_agency_is_refused(world: World, opened: Case) -> None:
    foreign = evidence_ingest(
        actor=None, agency=world.mangshi_market, source=io.BytesIO(b"x"), filename="a.mp4"
    )
    with pytest.raises(CaseInputError, match="不属于本案的执法主体"):
        case_recording_attach(
            actor=None,
            case=opened,
            holding=foreign,
            start=days_ago(1, hours=1),
            end=days_ago(1),
            notice_given=True,
            statement_given=True,
        )


def test_catalogue_and_backup_name_the_recording(opened: Case, holding: EvidenceHolding) -> None:
    recorded = case_recording_attach(
        actor=None,
        case=opened,
        holding=holding,
        start=days_ago(1, hours=1),
        end=days_ago(1),
        notice_given=True,
        statement_given=True,
    )
    catalogued = case_recording_catalogue(actor=None, case=opened, recording=recorded)
    backed_up = case_recording_backup_mark(actor=None, case=opened, recording=recorded)
    assert (catalogued.type, catalogued.fields) == ("av.catalogued", {"of": recorded.event_id})
    assert (backed_up.type, backed_up.fields) == ("av.backed_up", {"of": recorded.event_id})


def test_the_same_file_is_not_registered_twice_as_a_recording(
    opened: Case, holding: EvidenceHolding
) -> None:
    arguments = {
        "actor": None,
        "case": opened,
        "holding": holding,
        "start": days_ago(1, hours=1),
        "end": days_ago(1),
        "notice_given": True,
        "statement_given": True,
    }
    case_recording_attach(**arguments)
    with pytest.raises(CaseInputError, match="已作为本案的音像记录登记"):
        case_recording_attach(**arguments)
    assert CaseEvent.objects.filter(case=opened, type="av.recorded").count() == 1
