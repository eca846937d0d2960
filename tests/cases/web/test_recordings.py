"""Attaching an uploaded recording: the storage time is the server's; catalogue and back-up."""

from __future__ import annotations

from django.urls import reverse

from liuhen.cases.models import Case, CaseEvent
from liuhen.evidence.models import EvidenceHolding
from liuhen.rules.clock import CHINA, parse_time
from tests.cases.conftest import days_ago
from tests.cases.web.conftest import People, client_for


def _local(days: float, hours: float = 0) -> str:
    return days_ago(days, hours=hours).astimezone(CHINA).strftime("%Y-%m-%dT%H:%M")


def _attach(handled: Case, people: People, holding: EvidenceHolding, **extra: str) -> object:
    data = {
        "holding": str(holding.pk),
        "start": _local(1, 1),
        "end": _local(1),
        "device": "DSJ-V9 编号 0012",
        "notice_given": "on",
        "statement_given": "on",
        "interruption-TOTAL_FORMS": "2",
        "interruption-INITIAL_FORMS": "0",
        **extra,
    }
    return client_for(people.handler).post(
        reverse("cases:recording_attach", args=[handled.pk]), data
    )


def test_the_case_page_offers_the_uploaded_file_and_no_storage_time_input(
    handled: Case, people: People, holding: EvidenceHolding
) -> None:
    page = client_for(people.handler).get(reverse("cases:detail", args=[handled.pk]))
    text = page.content.decode()
    assert "data-resumable-upload" in text
    assert "DSJ_0001.mp4" in text
    assert "储存时间不需填写" in text
    assert 'name="stored_at"' not in text


def test_attaching_records_the_recording_and_its_storage_at_the_ingest_time(
    handled: Case, people: People, holding: EvidenceHolding
) -> None:
    response = _attach(
        handled,
        people,
        holding,
        **{
            "interruption-0-at": _local(1, 0.5),
            "interruption-0-resumed_at": _local(1, 0.4),
            "interruption-0-reason_stated": "on",
        },
    )
    assert response.status_code == 302
    recorded = CaseEvent.objects.get(case=handled, type="av.recorded")
    stored = CaseEvent.objects.get(case=handled, type="av.stored")
    assert stored.at == holding.added_at
    assert stored.fields["of"] == recorded.event_id
    assert recorded.fields["notice_given"] is True
    assert recorded.documents.get().holding == holding
    [pause] = recorded.fields["interruptions"]
    assert pause["reason_stated"] is True
    assert parse_time(pause["at"]).strftime("%H:%M") == _local(1, 0.5)[-5:]


def test_a_recording_ending_before_it_starts_is_refused_and_changes_nothing(
    handled: Case, people: People, holding: EvidenceHolding
) -> None:
    response = _attach(handled, people, holding, start=_local(1), end=_local(1, 1))
    assert response.status_code == 400
    assert "“开始时间”晚于结束时间" in response.content.decode()
    assert not CaseEvent.objects.filter(case=handled, type__startswith="av.").exists()


def test_catalogue_and_backup_marks(
    handled: Case, people: People, holding: EvidenceHolding
) -> None:
    _attach(handled, people, holding)
    recorded = CaseEvent.objects.get(case=handled, type="av.recorded")
    client = client_for(people.handler)
    client.post(reverse("cases:recording_catalogue", args=[handled.pk, recorded.pk]))
    client.post(reverse("cases:recording_backup", args=[handled.pk, recorded.pk]))
    marks = CaseEvent.objects.filter(case=handled, type__in=["av.catalogued", "av.backed_up"])
    assert {(m.type, m.fields["of"]) for m in marks} == {
        ("av.catalogued", recorded.event_id),
        ("av.backed_up", recorded.event_id),
    }
    page = client.get(reverse("cases:detail", args=[handled.pk])).content.decode()
    assert "已分类整理" in page
    assert "已异地备份" in page


def test_an_htmx_catalogue_returns_the_row_and_asks_the_panel_to_refresh(
    handled: Case, people: People, holding: EvidenceHolding
) -> None:
    _attach(handled, people, holding)
    recorded = CaseEvent.objects.get(case=handled, type="av.recorded")
    response = client_for(people.handler).post(
        reverse("cases:recording_catalogue", args=[handled.pk, recorded.pk]),
        headers={"HX-Request": "true"},
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert response["HX-Trigger"] == "case-recorded"
    assert text.startswith(f'<div class="recording" id="recording-{recorded.event_id}">')
    assert "已分类整理" in text
    assert "记录异地备份" in text
