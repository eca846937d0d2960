"""Correcting a recorded event over the API: the correction takes the original's id in the
timeline; the original stays readable, marked corrected, in the case detail."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from liuhen.accounts.models import User
from liuhen.accounts.roles import Role
from liuhen.cases.models import Case, CaseEvent
from liuhen.cases.services import case_event_record
from liuhen.rules.clock import CHINA, parse_time
from tests.api.conftest import ApiClient, api_as
from tests.factories import case, staff
from tests.world import World


@pytest.fixture
def handler(world: World) -> User:
    return staff(world.mangshi_emergency, Role.HANDLER)


@pytest.fixture
def inquiry(world: World, handler: User) -> CaseEvent:
    opened = case(world.mangshi_emergency, actor=handler, at=timezone.now() - dt.timedelta(days=3))
    return case_event_record(
        actor=handler, case=opened, type="inquiry", at=timezone.now() - dt.timedelta(days=2)
    )


def _correct(api: ApiClient, inquiry: CaseEvent, **body: Any) -> Any:
    at = (timezone.now() - dt.timedelta(days=2, hours=3)).astimezone(CHINA).isoformat()
    return api.post(
        f"/cases/{inquiry.case_id}/events/{inquiry.event_id}/corrections",
        {"at": at, "fields": {}, **body},
    )


def test_a_correction_answers_201_and_the_detail_shows_both_rows(
    handler: User, inquiry: CaseEvent
) -> None:
    api = api_as(handler)
    answer = _correct(api, inquiry, reason="询问时间录错")
    assert answer.status_code == 201, answer.content
    made = answer.json()
    assert (made["event_id"], made["corrects"], made["correction_reason"]) == (
        inquiry.event_id,
        inquiry.position,
        "询问时间录错",
    )
    rows = [
        e for e in api.get(f"/cases/{inquiry.case_id}").json()["events"] if e["type"] == "inquiry"
    ]
    assert sorted((e["status"], e["corrected_by"]) for e in rows) == [
        ("corrected", made["position"]),
        ("effective", None),
    ]
    timeline = api.get(f"/cases/{inquiry.case_id}/timeline").json()["events"]
    shown = [
        parse_time(e["at"]).replace(microsecond=0) for e in timeline if e["id"] == inquiry.event_id
    ]
    assert shown == [dt.datetime.fromisoformat(made["at"]).replace(microsecond=0)]
    assert shown[0] < inquiry.at


def test_a_correction_without_reason_is_422_naming_the_field(
    handler: User, inquiry: CaseEvent
) -> None:
    answer = _correct(api_as(handler), inquiry, reason="")
    assert answer.status_code == 422
    assert answer.json()["field"] == "reason"
    assert not Case.objects.get(pk=inquiry.case_id).events.filter(corrects=inquiry).exists()


def test_another_agency_cannot_correct_and_gets_404(world: World, inquiry: CaseEvent) -> None:
    outsider = staff(world.baoshan_emergency, Role.HANDLER)
    assert _correct(api_as(outsider), inquiry, reason="改").status_code == 404
