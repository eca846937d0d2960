"""The approval panel warns before the buttons what approving would add to the violations."""

from __future__ import annotations

from django.urls import reverse

from liuhen.cases.models import Case, CaseEvent
from liuhen.cases.services import case_act_approve, case_event_record
from tests.cases.conftest import days_ago
from tests.cases.web.conftest import People, client_for


def _decision_reviewed(handled: Case, people: People) -> CaseEvent:
    """A decision with no prior notice, reviewed, awaiting the head's approval."""
    case_event_record(actor=people.handler, case=handled, type="inquiry", at=days_ago(3))
    decision = case_event_record(
        actor=people.handler,
        case=handled,
        type="decision.made",
        at=days_ago(1),
        fields={"measures": ["warning"]},
    )
    case_act_approve(actor=people.reviewer, event=decision, step="review", outcome="approved")
    return decision


def test_the_head_sees_the_violations_approving_would_add_before_the_buttons(
    handled: Case, people: People
) -> None:
    # given a reviewed decision made with no prior notice
    decision = _decision_reviewed(handled, people)
    # when the head opens the case page
    page = client_for(people.approver).get(reverse("cases:detail", args=[handled.pk]))
    html = page.content.decode()
    # then the warning, citing regulation and article, comes before the approve button
    warning = html.index("批准后将出现以下违规")
    assert warning < html.index("批准同意")
    assert "没有事先告知" in html[warning:]
    assert "dehong-record</a> 第十五条" in html[warning:]
    # and the button itself says so
    assert "批准同意（将新增" in html
    assert decision.event_id in html[warning:]


def test_only_those_who_may_decide_the_step_see_the_preview(handled: Case, people: People) -> None:
    # given a reviewed decision awaiting the head
    _decision_reviewed(handled, people)
    url = reverse("cases:detail", args=[handled.pk])
    # then neither the handler nor the reviewer nor the supervisor is shown it
    for user in (people.handler, people.reviewer, people.supervisor):
        assert "批准后将出现以下违规" not in client_for(user).get(url).content.decode()
