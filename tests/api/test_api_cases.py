"""The cases endpoints: open, record, export, findings — scoped by access, refusing bad input
with the field named, and changing nothing when they refuse."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from liuhen.accounts.models import User
from liuhen.accounts.roles import Role
from liuhen.cases.models import Case, CaseEvent
from liuhen.cases.services import case_timeline_document
from liuhen.ledger.models import LedgerEntry
from liuhen.rules import parse_timeline
from liuhen.rules.clock import CHINA
from tests.api.conftest import ApiClient, api_as
from tests.factories import officer, staff
from tests.world import World


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(CHINA).isoformat()


def _opening(world: World, at: dt.datetime) -> dict[str, Any]:
    agency = world.mangshi_emergency
    first, second = officer(agency, name="张三"), officer(agency, name="李四")
    return {
        "agency_id": agency.pk,
        "title": "某化工公司未按规定开展安全培训案",
        "action": "penalty",
        "source": "ex_officio",
        "parties": [
            {"kind": "organisation", "name": "某某化工有限公司", "id_number": "91533103MA6N000000"}
        ],
        "officer_ids": [first.pk, second.pk],
        "first_event": {"type": "case.initiated", "at": _iso(at), "fields": {"urgent": True}},
    }


@pytest.fixture
def handler(world: World) -> User:
    return staff(world.mangshi_emergency, Role.HANDLER)


@pytest.fixture
def opened(world: World, handler: User) -> tuple[ApiClient, int]:
    api = api_as(handler)
    response = api.post("/cases", _opening(world, timezone.now() - dt.timedelta(days=2)))
    assert response.status_code == 201, response.content
    return api, response.json()["id"]


def test_opening_a_case_returns_its_number_and_first_event(world: World, handler: User) -> None:
    response = api_as(handler).post(
        "/cases", _opening(world, timezone.now() - dt.timedelta(days=1))
    )
    assert response.status_code == 201
    body = response.json()
    assert body["number"] == Case.objects.get().number
    assert [e["type"] for e in body["events"]] == ["case.initiated"]
    assert body["parties"][0]["id_number"] == "91533103MA6N000000"


def test_a_naive_time_is_refused_naming_the_field(world: World, handler: User) -> None:
    body = _opening(world, timezone.now())
    body["first_event"]["at"] = "2026-11-20T09:00:00"
    response = api_as(handler).post("/cases", body)
    assert response.status_code == 422
    assert response.json()["field"] == "first_event.at"
    assert not Case.objects.exists()


def test_an_officer_of_another_agency_is_refused(world: World, handler: User) -> None:
    body = _opening(world, timezone.now() - dt.timedelta(hours=1))
    body["officer_ids"][1] = officer(world.baoshan_emergency).pk
    response = api_as(handler).post("/cases", body)
    assert response.status_code == 422
    assert response.json()["field"] == "officer_ids"
    assert not Case.objects.exists()


def test_opening_in_an_agency_the_caller_does_not_work_in_is_404(world: World) -> None:
    stranger = staff(world.baoshan_emergency, Role.HANDLER)
    body = _opening(world, timezone.now() - dt.timedelta(hours=1))
    assert api_as(stranger).post("/cases", body).status_code == 404
    assert not Case.objects.exists()


def test_recording_an_act_appends_it_with_a_ledger_entry(opened: tuple[ApiClient, int]) -> None:
    api, case_id = opened
    at = timezone.now() - dt.timedelta(days=1)
    response = api.post(f"/cases/{case_id}/events", {"type": "onsite_inspection", "at": _iso(at)})
    assert response.status_code == 201, response.content
    event = CaseEvent.objects.get(case_id=case_id, type="onsite_inspection")
    assert response.json()["event_id"] == event.event_id
    assert LedgerEntry.objects.filter(sequence=event.ledger_sequence).exists()


def test_an_unknown_field_is_refused_and_nothing_is_written(opened: tuple[ApiClient, int]) -> None:
    api, case_id = opened
    before = (CaseEvent.objects.count(), LedgerEntry.objects.count())
    response = api.post(
        f"/cases/{case_id}/events",
        {"type": "onsite_inspection", "at": _iso(timezone.now()), "fields": {"colour": "red"}},
    )
    assert response.status_code == 422
    assert response.json()["field"] == "colour"
    assert (CaseEvent.objects.count(), LedgerEntry.objects.count()) == before


def test_another_agencys_case_is_404_like_a_missing_one(
    world: World, opened: tuple[ApiClient, int]
) -> None:
    _, case_id = opened
    stranger = api_as(staff(world.baoshan_emergency, Role.HANDLER))
    assert stranger.get(f"/cases/{case_id}").status_code == 404
    assert stranger.get("/cases/999999").status_code == 404


def test_a_supervisor_reads_the_case_without_personal_data_and_cannot_record(
    world: World, opened: tuple[ApiClient, int]
) -> None:
    _, case_id = opened
    supervisor = api_as(staff(world.mangshi_justice, Role.SUPERVISOR))
    detail = supervisor.get(f"/cases/{case_id}")
    assert detail.status_code == 200
    assert detail.json()["parties"][0]["id_number"] is None
    refused = supervisor.post(
        f"/cases/{case_id}/events", {"type": "inquiry", "at": _iso(timezone.now())}
    )
    assert refused.status_code == 404


def test_the_exported_timeline_is_the_spec_document(opened: tuple[ApiClient, int]) -> None:
    api, case_id = opened
    exported = api.get(f"/cases/{case_id}/timeline").json()
    assert exported == case_timeline_document(case=Case.objects.get(pk=case_id))
    assert exported["format"] == "liuhen.case-timeline/1"
    parse_timeline(exported, source="api")


def test_findings_cite_regulation_and_article(opened: tuple[ApiClient, int]) -> None:
    api, case_id = opened
    recorded_end = timezone.now() - dt.timedelta(days=1, hours=20)
    api.post(
        f"/cases/{case_id}/events",
        {
            "type": "av.recorded",
            "at": _iso(recorded_end),
            "fields": {
                "start": _iso(recorded_end - dt.timedelta(hours=1)),
                "notice_given": True,
                "statement_given": True,
            },
        },
    )
    body = api.get(f"/cases/{case_id}/findings").json()
    assert body["format"] == "liuhen.findings/1"
    (case,) = body["cases"]
    assert case["profile"] == "mangshi"
    assert any(f["regulation"] == "mangshi-record" and f["article"] for f in case["findings"])


def test_the_list_shows_only_reachable_cases(world: World, opened: tuple[ApiClient, int]) -> None:
    api, case_id = opened
    assert [c["id"] for c in api.get("/cases").json()] == [case_id]
    stranger = api_as(staff(world.baoshan_emergency, Role.HANDLER))
    assert stranger.get("/cases").json() == []


def test_opening_without_a_party_is_422_naming_the_field(world: World, handler: User) -> None:
    body = _opening(world, timezone.now() - dt.timedelta(days=1))
    body["parties"] = []
    response = api_as(handler).post("/cases", body)
    assert response.status_code == 422
    assert response.json()["field"] == "parties"
    assert not Case.objects.exists()


def test_an_absurd_fine_is_422_naming_the_field(opened: tuple[ApiClient, int]) -> None:
    api, case_id = opened
    before = (CaseEvent.objects.count(), LedgerEntry.objects.count())
    response = api.post(
        f"/cases/{case_id}/events",
        {
            "type": "decision.made",
            "at": _iso(timezone.now()),
            "fields": {"measures": ["fine"], "fine_amount": 100000000000000000000},
        },
    )
    assert response.status_code == 422
    assert response.json()["field"] == "fine_amount"
    assert (CaseEvent.objects.count(), LedgerEntry.objects.count()) == before
