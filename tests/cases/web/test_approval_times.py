"""An act that took effect on its approval shows both times: proposed and effective."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from liuhen.cases.models import Case, CaseEvent
from liuhen.cases.services import case_act_approve, case_event_record
from tests.cases.conftest import days_ago
from tests.cases.web.conftest import People, client_for


def _approved_decision(handled: Case, people: People, *, hours_ago: float) -> CaseEvent:
    case_event_record(actor=people.handler, case=handled, type="inquiry", at=days_ago(3))
    decision = case_event_record(
        actor=people.handler,
        case=handled,
        type="decision.made",
        at=days_ago(0, hours=hours_ago),
        fields={"measures": ["warning"]},
    )
    case_act_approve(actor=people.reviewer, event=decision, step="review", outcome="approved")
    case_act_approve(actor=people.approver, event=decision, step="approve", outcome="approved")
    decision.refresh_from_db()
    return decision


def _local(moment: dt.datetime, pattern: str) -> str:
    return timezone.localtime(moment).strftime(pattern)


def test_the_timeline_shows_the_proposed_time_beside_the_approval_time(
    handled: Case, people: People
) -> None:
    # given a decision proposed two days ago and approved now
    proposed = days_ago(2)
    decision = _approved_decision(handled, people, hours_ago=48)
    assert decision.at > proposed  # it took effect when approved (ADR 0501)
    # when anyone opens the case page
    html = client_for(people.handler).get(reverse("cases:detail", args=[handled.pk]))
    # then its entry reads 提出 <proposed>，批准生效 <effective>
    text = html.content.decode()
    expected = (
        f"提出 {_local(proposed, '%Y-%m-%d %H:%M')}，"
        f"批准生效 {_local(decision.at, '%Y-%m-%d %H:%M')}"
    )
    assert expected in text


def test_an_act_effective_when_recorded_shows_one_time(handled: Case, people: People) -> None:
    # given an inquiry (no approval chain)
    case_event_record(actor=people.handler, case=handled, type="inquiry", at=days_ago(3))
    # then the page shows no 提出/批准生效 pair
    html = client_for(people.handler).get(reverse("cases:detail", args=[handled.pk]))
    assert "批准生效" not in html.content.decode()
