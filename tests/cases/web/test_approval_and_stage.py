"""Acts awaiting the 审核 → 批准 chain, decided from the case page; stage moves and their guards."""

from __future__ import annotations

from django.urls import reverse

from liuhen.cases.models import Case, CaseEvent, EventStatus
from liuhen.cases.services import case_event_record
from tests.cases.conftest import days_ago
from tests.cases.web.conftest import People, client_for
from tests.factories import case


def _decision(handled: Case, people: People) -> CaseEvent:
    case_event_record(actor=people.handler, case=handled, type="inquiry", at=days_ago(3))
    return case_event_record(
        actor=people.handler,
        case=handled,
        type="decision.made",
        at=days_ago(1),
        fields={"measures": ["warning"]},
    )


def test_a_decision_waits_and_the_reviewer_then_the_head_approve_it(
    handled: Case, people: People
) -> None:
    # given a decision recorded by the handler: it awaits review
    decision = _decision(handled, people)
    assert decision.status == EventStatus.AWAITING
    url = reverse("cases:detail", args=[handled.pk])
    # then the handler sees no approval button, the reviewer sees the review button
    assert "审核同意" not in client_for(people.handler).get(url).content.decode()
    reviewer = client_for(people.reviewer)
    assert "审核同意" in reviewer.get(url).content.decode()
    # when the reviewer and then the head approve
    approve = reverse("cases:approve", args=[handled.pk, decision.pk])
    reviewer.post(approve, {"step": "review", "outcome": "approved"})
    head = client_for(people.approver)
    assert "批准同意" in head.get(url).content.decode()
    head.post(approve, {"step": "approve", "outcome": "approved"})
    # then the decision is effective and the case has moved to 审查决定
    decision.refresh_from_db()
    handled.refresh_from_db()
    assert decision.status == EventStatus.EFFECTIVE
    assert handled.stage == "decision"


def test_a_return_without_reasons_is_refused_and_changes_nothing(
    handled: Case, people: People
) -> None:
    decision = _decision(handled, people)
    response = client_for(people.reviewer).post(
        reverse("cases:approve", args=[handled.pk, decision.pk]),
        {"step": "review", "outcome": "returned"},
        follow=True,
    )
    assert "退回须说明理由" in response.content.decode()
    decision.refresh_from_db()
    assert decision.status == EventStatus.AWAITING
    assert not decision.approvals.exists()


def test_a_handler_or_a_supervisor_cannot_approve(handled: Case, people: People) -> None:
    decision = _decision(handled, people)
    for person in (people.handler, people.supervisor):
        response = client_for(person).post(
            reverse("cases:approve", args=[handled.pk, decision.pk]),
            {"step": "review", "outcome": "approved"},
        )
        assert response.status_code == 403
    assert not decision.approvals.exists()


def test_a_refused_stage_move_names_the_guard_and_changes_nothing(
    handled: Case, people: People
) -> None:
    # given a case whose start still awaits approval (not urgent): the procedure has not started
    waiting = case(handled.agency, actor=people.handler, fields={}, at=days_ago(1))
    client = client_for(people.handler)
    page = client.get(reverse("cases:detail", args=[waiting.pk])).content.decode()
    # then the page names the guard next to the move
    assert "程序尚未启动" in page
    # when the handler asks to move it to 调查取证 anyway
    response = client.post(
        reverse("cases:stage", args=[waiting.pk]), {"target": "investigation"}, follow=True
    )
    # then the refusal names the guard, and the stage is unchanged
    text = response.content.decode()
    assert "不能进入“调查取证”" in text
    assert "程序尚未启动" in text
    waiting.refresh_from_db()
    assert waiting.stage == "start"


def test_an_allowed_stage_move_is_made(handled: Case, people: People) -> None:
    response = client_for(people.handler).post(
        reverse("cases:stage", args=[handled.pk]), {"target": "investigation"}
    )
    assert response.status_code == 302
    handled.refresh_from_db()
    assert handled.stage == "investigation"


def test_a_returned_decision_shows_as_returned_with_the_reasons(
    handled: Case, people: People
) -> None:
    decision = _decision(handled, people)
    client_for(people.reviewer).post(
        reverse("cases:approve", args=[handled.pk, decision.pk]),
        {"step": "review", "outcome": "returned", "comment": "证据不足，补充询问笔录"},
    )
    decision.refresh_from_db()
    assert decision.status == EventStatus.RETURNED
    page = client_for(people.handler).get(reverse("cases:detail", args=[handled.pk]))
    text = page.content.decode()
    assert "已退回" in text
    assert "证据不足，补充询问笔录" in text
    assert "审核同意" not in text
