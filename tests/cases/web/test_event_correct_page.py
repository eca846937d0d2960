"""更正 on the case page: the form filled in with the record, the original struck through beside
its correction (who, when, why); and a recording's device beside the recording."""

from __future__ import annotations

import datetime as dt
import re

from django.urls import reverse
from django.utils import timezone

from liuhen.cases.models import Case, CaseEvent, EventStatus
from liuhen.cases.services import case_event_correct, case_event_record, case_recording_attach
from liuhen.evidence.models import EvidenceHolding
from liuhen.rules.clock import CHINA
from tests.cases.conftest import days_ago
from tests.cases.web.conftest import People, client_for


def _inquiry(handled: Case, people: People) -> CaseEvent:
    return case_event_record(
        actor=people.handler,
        case=handled,
        type="inquiry",
        at=days_ago(5).replace(second=0, microsecond=0),
        note="询问张三",
    )


def _url(handled: Case, event: CaseEvent) -> str:
    return reverse("cases:event_correct", args=[handled.pk, event.pk])


def test_each_effective_event_offers_correction_to_those_who_record(
    handled: Case, people: People
) -> None:
    inquiry = _inquiry(handled, people)
    mine = client_for(people.handler).get(reverse("cases:detail", args=[handled.pk]))
    theirs = client_for(people.supervisor).get(reverse("cases:detail", args=[handled.pk]))
    assert _url(handled, inquiry) in mine.content.decode()
    assert _url(handled, inquiry) not in theirs.content.decode()


def test_the_form_shows_what_was_recorded(handled: Case, people: People) -> None:
    inquiry = _inquiry(handled, people)
    page = client_for(people.handler).get(_url(handled, inquiry))
    text = page.content.decode()
    assert page.status_code == 200
    assert "更正记录：询问" in text
    assert "询问张三" in text  # the note, filled in
    shown = inquiry.at.astimezone(CHINA).strftime("%Y-%m-%dT%H:%M")
    assert f'value="{shown}"' in text
    assert "更正理由" in text


def test_posting_a_correction_shows_the_original_struck_through_with_who_when_why(
    handled: Case, people: People
) -> None:
    # given an inquiry recorded with the wrong note
    inquiry = _inquiry(handled, people)
    at = inquiry.at.astimezone(CHINA).strftime("%Y-%m-%dT%H:%M")
    # when the handler posts the correction
    answer = client_for(people.handler).post(
        _url(handled, inquiry),
        {"type": "inquiry", "at": at, "note": "询问李四", "reason": "被询问人姓名录错"},
    )
    assert answer.status_code == 302
    # then the original is kept, corrected; the page strikes it and names the correction
    inquiry.refresh_from_db()
    assert (inquiry.status, inquiry.fields["note"]) == (EventStatus.CORRECTED, "询问张三")
    correction = inquiry.corrections.get()
    assert correction.at == inquiry.at  # the time left as shown keeps its seconds
    page = client_for(people.handler).get(reverse("cases:detail", args=[handled.pk]))
    text = page.content.decode()
    assert f'class="event corrected" id="event-{inquiry.event_id}-{inquiry.position}"' in text
    assert "已被更正" in text
    assert "被询问人姓名录错" in text
    assert re.search(r"更正记录</span>", text)
    assert people.handler.full_name in text


def test_a_correction_without_reason_is_shown_next_to_the_reason(
    handled: Case, people: People
) -> None:
    inquiry = _inquiry(handled, people)
    at = inquiry.at.astimezone(CHINA).strftime("%Y-%m-%dT%H:%M")
    answer = client_for(people.handler).post(
        _url(handled, inquiry), {"type": "inquiry", "at": at, "note": "询问李四", "reason": ""}
    )
    assert answer.status_code == 400
    assert "更正须说明理由" in answer.content.decode()
    inquiry.refresh_from_db()
    assert inquiry.status == EventStatus.EFFECTIVE


def test_a_corrected_event_offers_no_second_correction(handled: Case, people: People) -> None:
    inquiry = _inquiry(handled, people)
    case_event_correct(
        actor=people.handler, case=handled, event=inquiry, at=days_ago(6), reason="时间录错"
    )
    answer = client_for(people.handler).get(_url(handled, inquiry))
    assert answer.status_code == 302


def test_the_recording_device_is_shown_beside_the_recording(
    handled: Case, people: People, holding: EvidenceHolding
) -> None:
    end = timezone.now() - dt.timedelta(hours=2)
    case_recording_attach(
        actor=people.handler,
        case=handled,
        holding=holding,
        start=end - dt.timedelta(minutes=30),
        end=end,
        device="执法记录仪 DSJ-V9 (编号 0042)",
        notice_given=True,
        statement_given=True,
    )
    page = client_for(people.handler).get(reverse("cases:detail", args=[handled.pk]))
    assert "设备：执法记录仪 DSJ-V9 (编号 0042)" in page.content.decode()


def test_a_recordings_interruptions_are_corrected_on_the_page(
    handled: Case, people: People, holding: EvidenceHolding
) -> None:
    # given a recording attached with one interruption whose reason was not stated
    end = (timezone.now() - dt.timedelta(hours=2)).replace(second=0, microsecond=0)
    start, stopped = end - dt.timedelta(minutes=30), end - dt.timedelta(minutes=20)
    case_recording_attach(
        actor=people.handler,
        case=handled,
        holding=holding,
        start=start,
        end=end,
        device="DSJ-V9",
        notice_given=True,
        statement_given=True,
        interruptions=[{"at": stopped, "resumed_at": stopped + dt.timedelta(minutes=5)}],
    )
    recording = handled.events.get(type="av.recorded")
    client = client_for(people.handler)
    # when the handler opens its correction form
    form = client.get(_url(handled, recording)).content.decode()
    # then the interruption is filled in, in China time
    shown = stopped.astimezone(CHINA).strftime("%Y-%m-%dT%H:%M")
    assert f'name="interruption-0-at" value="{shown}"' in form
    # when the handler marks that the reason was stated after all
    post = {
        "type": "av.recorded",
        "reason": "中止时已语音说明理由，原记录漏勾选",
        "at": recording.at.astimezone(CHINA).strftime("%Y-%m-%dT%H:%M"),
        "start": start.astimezone(CHINA).strftime("%Y-%m-%dT%H:%M"),
        "end": end.astimezone(CHINA).strftime("%Y-%m-%dT%H:%M"),
        "notice_given": "on",
        "statement_given": "on",
        "interruption-TOTAL_FORMS": "3",
        "interruption-INITIAL_FORMS": "1",
        "interruption-0-at": shown,
        "interruption-0-resumed_at": (stopped + dt.timedelta(minutes=5))
        .astimezone(CHINA)
        .strftime("%Y-%m-%dT%H:%M"),
        "interruption-0-reason_stated": "on",
    }
    response = client.post(_url(handled, recording), post)
    # then the correction is in force with the interruption's reason stated
    assert response.status_code == 302, response.content.decode()[:2000]
    correction = handled.events.get(corrects=recording)
    assert correction.status == EventStatus.EFFECTIVE
    assert correction.fields["interruptions"][0]["reason_stated"] is True
    assert correction.fields["start"] == recording.fields["start"]


def test_a_recordings_correction_does_not_offer_the_recording_itself_as_its_av(
    handled: Case, people: People, holding: EvidenceHolding
) -> None:
    # given a recording attached to the case
    end = (timezone.now() - dt.timedelta(hours=2)).replace(second=0, microsecond=0)
    case_recording_attach(
        actor=people.handler,
        case=handled,
        holding=holding,
        start=end - dt.timedelta(minutes=30),
        end=end,
        device="DSJ-V9",
        notice_given=True,
        statement_given=True,
    )
    recording = handled.events.get(type="av.recorded")
    # when the handler opens its correction form
    form = client_for(people.handler).get(_url(handled, recording)).content.decode()
    # then 同步音像记录 does not list the recording being corrected
    assert "同步音像记录" in form
    assert f'name="av" value="{recording.event_id}"' not in form
