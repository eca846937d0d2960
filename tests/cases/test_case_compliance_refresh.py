"""The compliance cache: refreshed by every write, queryable by dashboards without recomputing."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from liuhen.cases.models import CaseCompliance, CaseDue, DueStatus
from liuhen.cases.services import case_compliance_refresh, case_event_record
from tests.cases.conftest import days_ago
from tests.factories import case
from tests.world import World


def test_a_late_storage_shows_as_a_violation_once_recorded(world: World) -> None:
    # given a recording made twenty days ago
    opened = case(world.mangshi_emergency, at=days_ago(21))
    case_event_record(
        actor=None,
        case=opened,
        type="av.recorded",
        at=days_ago(20, hours=-1),
        fields={"start": days_ago(20), "notice_given": True, "statement_given": True},
    )
    # when its storage is recorded ten days later
    case_event_record(
        actor=None, case=opened, type="av.stored", at=days_ago(10), fields={"of": "e2"}
    )
    # then the cache counts a violation citing the storage article, with a dated row
    compliance = CaseCompliance.objects.get(case=opened)
    assert compliance.violations >= 1
    stored_late = [
        f
        for f in compliance.findings["cases"][0]["findings"]
        if f["article"] == "第二十九条" and f["severity"] == "violation"
    ]
    assert stored_late
    assert "e2" in stored_late[0]["events"]
    late = CaseDue.objects.filter(case=opened, status=DueStatus.OVERDUE)
    assert {(d.regulation, d.article) for d in late if "e2" in d.events} >= {
        ("dehong-record", "第二十九条")
    }


def test_an_act_creates_a_due_that_becomes_overdue_later(world: World) -> None:
    # given an urgent start just now: its approval is due within 24 hours (dehong-record 第十条)
    opened = case(world.mangshi_emergency, at=days_ago(0, hours=1))
    due = CaseDue.objects.get(case=opened, article="第十条")
    assert due.status == DueStatus.PENDING
    assert CaseCompliance.objects.get(case=opened).next_due_at == due.due_at
    # when the cache is refreshed after the deadline
    case_compliance_refresh(case=opened, as_of=timezone.now() + dt.timedelta(days=2))
    # then the same duty is overdue and counted as a violation
    assert CaseDue.objects.get(case=opened, article="第十条").status == DueStatus.OVERDUE
    assert CaseCompliance.objects.get(case=opened).violations >= 1


def test_meeting_the_duty_removes_the_due(world: World) -> None:
    opened = case(world.mangshi_emergency, at=days_ago(0, hours=2))
    case_event_record(actor=None, case=opened, type="initiation.approved", at=days_ago(0, hours=1))
    assert not CaseDue.objects.filter(case=opened, article="第十条").exists()


def test_a_dashboard_finds_overdue_and_due_soon_across_cases_in_one_query(
    world: World, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    soon = case(world.mangshi_emergency, at=days_ago(0, hours=1))
    late = case(world.mangshi_emergency, at=days_ago(3))
    with django_assert_num_queries(1):
        rows = list(
            CaseDue.objects.filter(
                case__agency=world.mangshi_emergency,
                due_at__lte=timezone.now() + dt.timedelta(days=1),
            ).values_list("case_id", "status")
        )
    assert (soon.pk, DueStatus.PENDING) in rows
    assert (late.pk, DueStatus.OVERDUE) in rows


def test_a_case_of_an_agency_without_a_profile_has_no_findings(world: World) -> None:
    opened = case(world.baoshan_emergency, at=days_ago(30))
    compliance = CaseCompliance.objects.get(case=opened)
    assert (compliance.violations, compliance.pending, compliance.advice) == (0, 0, 0)
    assert compliance.findings["cases"][0]["findings"] == []
    assert not CaseDue.objects.filter(case=opened).exists()


def test_a_recording_creates_a_storage_due_that_becomes_overdue(world: World) -> None:
    # given a recording that ended an hour ago, not yet stored
    opened = case(world.mangshi_emergency, at=days_ago(0, hours=3))
    case_event_record(
        actor=None,
        case=opened,
        type="av.recorded",
        at=days_ago(0, hours=1),
        fields={"start": days_ago(0, hours=2), "notice_given": True, "statement_given": True},
    )
    storage = CaseDue.objects.get(case=opened, article="第二十九条")
    assert (storage.status, storage.events) == (DueStatus.PENDING, ["e2"])
    # when the cache is refreshed ten days on
    case_compliance_refresh(case=opened, as_of=timezone.now() + dt.timedelta(days=10))
    # then the storage duty is overdue
    assert CaseDue.objects.get(case=opened, article="第二十九条").status == DueStatus.OVERDUE


def test_an_event_dated_slightly_ahead_of_the_server_clock_is_checked(world: World) -> None:
    # given a case, and a recording whose device clock runs 20 seconds ahead of the server's
    opened = case(world.mangshi_emergency, at=days_ago(0, hours=3))
    ahead = timezone.now() + dt.timedelta(seconds=20)
    # when the recording is recorded, ending at the device's time
    case_event_record(
        actor=None,
        case=opened,
        type="av.recorded",
        at=ahead,
        fields={"start": days_ago(0, hours=1), "notice_given": True, "statement_given": True},
    )
    # then the cache is computed as of that event, and its storage duty is due
    assert CaseCompliance.objects.get(case=opened).computed_at >= ahead
    storage = CaseDue.objects.get(case=opened, article="第二十九条")
    assert (storage.status, storage.events) == (DueStatus.PENDING, ["e2"])
