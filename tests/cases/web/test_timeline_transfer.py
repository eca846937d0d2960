"""Downloading a case's timeline file and importing files of other systems."""

from __future__ import annotations

import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from liuhen.cases.models import Case
from liuhen.cases.services import case_event_record, case_timeline_document
from liuhen.rules import parse_timeline
from tests.cases.conftest import days_ago
from tests.cases.web.conftest import People, client_for
from tests.world import World


def _file(name: str, document: object) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, json.dumps(document).encode(), "application/json")


GOOD = {
    "format": "liuhen.case-timeline/1",
    "profile": "mangshi",
    "case": {"id": "外系统-2026-0007", "action": "penalty", "source": "ex_officio"},
    "events": [
        {"type": "case.initiated", "at": "2026-03-02T09:00:00+08:00", "urgent": True},
        {
            "type": "av.recorded",
            "id": "av1",
            "start": "2026-03-02T10:00:00+08:00",
            "at": "2026-03-02T11:00:00+08:00",
            "notice_given": True,
            "statement_given": True,
        },
        {"type": "onsite_inspection", "at": "2026-03-02T10:30:00+08:00", "av": ["av1"]},
        {"type": "av.stored", "of": "av1", "at": "2026-03-12T09:00:00+08:00"},
    ],
}


def test_the_export_is_exactly_the_domains_timeline_document(handled: Case, people: People) -> None:
    case_event_record(actor=people.handler, case=handled, type="inquiry", at=days_ago(1))
    response = client_for(people.supervisor).get(reverse("cases:export", args=[handled.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    document = json.loads(response.content)
    assert document == case_timeline_document(case=handled)
    assert parse_timeline(document, source="download").events


def test_the_export_is_refused_to_another_agency(handled: Case, people: People) -> None:
    response = client_for(people.outsider).get(reverse("cases:export", args=[handled.pk]))
    assert response.status_code in (403, 404)


def test_importing_two_files_reports_findings_and_refuses_the_bad_one(
    world: World, people: People
) -> None:
    # given a good file with a late storage and a file whose event 1 names an unknown recording
    bad = json.loads(json.dumps(GOOD))
    bad["case"]["id"] = "外系统-2026-0008"
    bad["events"][3]["of"] = "av9"
    response = client_for(people.handler).post(
        reverse("cases:import"),
        {
            "agency": world.mangshi_emergency.pk,
            "timelines": [_file("good.json", GOOD), _file("bad.json", bad)],
        },
    )
    text = response.content.decode()
    # then the good file is imported with its findings, citing the storage article
    imported = Case.objects.get(number="外系统-2026-0007")
    assert imported.imported_from == "good.json"
    assert "已导入" in text
    assert "第二十九条" in text
    page = client_for(people.handler).get(reverse("cases:detail", args=[imported.pk]))
    assert "外部导入" in page.content.decode()
    # and the bad one is refused with the spec's error naming file, event and field
    assert "已拒收" in text
    assert "bad.json: events[3].of:" in text
    assert not Case.objects.filter(number="外系统-2026-0008").exists()


def test_a_file_that_is_not_json_is_refused(world: World, people: People) -> None:
    response = client_for(people.handler).post(
        reverse("cases:import"),
        {
            "agency": world.mangshi_emergency.pk,
            "timelines": [SimpleUploadedFile("notes.json", b"{not json", "application/json")],
        },
    )
    assert response.status_code == 400
    assert "notes.json: 不是有效的 UTF-8 JSON" in response.content.decode()
    assert not Case.objects.exists()


def test_a_supervisor_cannot_import(people: People) -> None:
    assert client_for(people.supervisor).get(reverse("cases:import")).status_code == 403


def test_a_single_file_is_imported_with_the_title_given(world: World, people: People) -> None:
    client_for(people.handler).post(
        reverse("cases:import"),
        {
            "agency": world.mangshi_emergency.pk,
            "timelines": [_file("good.json", GOOD)],
            "title": "某公司未按期储存执法记录案",
        },
    )
    assert Case.objects.get(number="外系统-2026-0007").title == "某公司未按期储存执法记录案"
