"""The gate: a decision (and under fangcheng a major decision's pre-notice) waits for a passed
legal review where the case's profile requires one, and the refusal cites the article."""

from __future__ import annotations

import pytest
from django.utils import timezone

from liuhen.cases.errors import CaseStateError
from liuhen.cases.models import CaseEvent
from liuhen.cases.services import case_event_record, case_import
from liuhen.ledger.models import LedgerEntry
from liuhen.review.services import case_major_mark, review_escalate, review_pass, review_return
from liuhen.rules.vocabulary import FORMAT
from tests.cases.conftest import days_ago
from tests.review.conftest import Desk, decide


def test_a_major_decision_without_review_is_refused_under_henan_citing_article_3(
    henan: Desk,
) -> None:
    # given a henan case marked major
    opened = henan.case()
    case_major_mark(actor=henan.handler, case=opened, reason="列入本局目录：吊销许可证")
    events, entries = CaseEvent.objects.count(), LedgerEntry.objects.count()
    # when the decision is recorded without a legal review
    with pytest.raises(CaseStateError) as refused:
        decide(opened, ["revoke_license"])
    # then it is refused citing henan-review 第三条, and nothing is written
    assert "henan-review 第三条" in str(refused.value)
    assert "本案尚未送交法制审核" in str(refused.value)
    assert (CaseEvent.objects.count(), LedgerEntry.objects.count()) == (events, entries)


def test_every_general_procedure_penalty_waits_for_review_under_henan(henan: Desk) -> None:
    opened = henan.case()
    with pytest.raises(CaseStateError, match="henan-review 第十八条"):
        decide(opened, ["warning"])


def test_a_decision_that_is_no_penalty_and_not_major_is_not_gated_under_henan(
    henan: Desk,
) -> None:
    opened = henan.case(action="inspection")
    event = decide(opened, ["other"])
    assert event.status == "effective"


@pytest.mark.parametrize("profile", ["dehong", "guangdong"])
def test_other_profiles_never_gate_a_decision(profile: str, request: pytest.FixtureRequest) -> None:
    desk: Desk = request.getfixturevalue(profile)
    opened = desk.case(major=True)
    event = decide(opened, ["revoke_license"])
    assert event.type == "decision.made"


def test_a_passed_review_opens_the_gate(henan: Desk) -> None:
    opened = henan.case()
    review_pass(actor=henan.reviewer, review=henan.in_review(opened, measures=["warning"]))
    assert decide(opened, ["warning"]).status == "effective"
    # and the next decision of the case needs its own review
    with pytest.raises(CaseStateError, match="第十八条"):
        decide(opened, ["fine"], fine_amount=100)


def test_a_decision_dated_before_the_pass_is_refused(henan: Desk) -> None:
    opened = henan.case()
    review_pass(actor=henan.reviewer, review=henan.in_review(opened))
    with pytest.raises(CaseStateError, match="早于法制审核意见作出的时间"):
        case_event_record(
            actor=None,
            case=opened,
            type="decision.made",
            at=days_ago(0.01),
            fields={"measures": ["warning"]},
        )


def test_a_returned_review_keeps_the_gate_shut(henan: Desk) -> None:
    opened = henan.case()
    review_return(
        actor=henan.reviewer,
        review=henan.in_review(opened, sound=False),
        grounds=["facts"],
        reasons="主要事实不清",
    )
    with pytest.raises(CaseStateError, match="退回"):
        decide(opened, ["warning"])


def test_collective_discussion_opens_the_gate_for_an_ordinary_penalty_only(henan: Desk) -> None:
    # given two henan cases whose reviews were returned and taken to collective discussion
    ordinary, major = henan.case(), henan.case(major=True)
    for opened in (ordinary, major):
        returned = review_return(
            actor=henan.reviewer,
            review=henan.in_review(opened, sound=False),
            grounds=["discretion"],
            reasons="裁量不当",
        )
        review_escalate(
            actor=henan.handler,
            review=returned,
            reason="承办机构认为裁量适当",
            conclusion="维持拟作出的决定",
            outcome="decide",
        )
    # then the ordinary penalty may be decided (第十四条), the major one still may not (第三条)
    assert decide(ordinary, ["warning"]).type == "decision.made"
    with pytest.raises(CaseStateError, match="第三条"):
        decide(major, ["warning"])


def test_under_fangcheng_a_major_pre_notice_waits_for_review(fangcheng: Desk) -> None:
    opened = fangcheng.case(action="inspection", major=True)
    with pytest.raises(CaseStateError, match=r"fangcheng-plan 三（一）6"):
        case_event_record(actor=None, case=opened, type="decision.pre_notice", at=days_ago(0.01))


def test_under_fangcheng_a_suspension_is_major_by_the_plan_list(fangcheng: Desk) -> None:
    opened = fangcheng.case(action="inspection")
    with pytest.raises(CaseStateError) as refused:
        decide(opened, ["suspend_business"])
    assert "fangcheng-plan 三（一）1" in str(refused.value)
    assert "责令停产停业" in str(refused.value)


def test_a_non_major_pre_notice_is_not_gated(fangcheng: Desk) -> None:
    opened = fangcheng.case(action="inspection")
    event = case_event_record(
        actor=None, case=opened, type="decision.pre_notice", at=days_ago(0.01)
    )
    assert event.type == "decision.pre_notice"


def test_an_import_is_never_gated(henan: Desk) -> None:
    document = {
        "format": FORMAT,
        "case": {"id": "豫-2026-0009", "action": "penalty", "source": "ex_officio", "major": True},
        "events": [
            {"type": "case.initiated", "at": "2026-03-01T09:00:00+08:00"},
            {"type": "decision.made", "at": "2026-03-20T09:00:00+08:00", "measures": ["fine"]},
        ],
    }
    imported = case_import(actor=None, agency=henan.agency, document=document, source_name="旧系统")
    assert imported.events.filter(type="decision.made").exists()


def test_after_a_pass_the_pre_notice_and_the_decision_follow_under_fangcheng(
    fangcheng: Desk,
) -> None:
    opened = fangcheng.case(major=True)
    review_pass(actor=fangcheng.reviewer, review=fangcheng.in_review(opened))
    notice = case_event_record(
        actor=None, case=opened, type="decision.pre_notice", at=timezone.now()
    )
    assert notice.status == "effective"
    assert decide(opened, ["warning", "fine"], fine_amount=3000).status == "effective"
