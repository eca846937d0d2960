"""review_pass, review_return, resubmission and review_escalate: the right timeline events, the
opinion filed with them, and the rules engine's view afterwards."""

from __future__ import annotations

import pytest
from django.utils import timezone

from liuhen.cases.errors import CaseInputError, CaseStateError
from liuhen.cases.models import Case, CaseEvent
from liuhen.cases.services import case_event_record
from liuhen.review.models import LegalReview
from liuhen.review.rules import REVIEW_POINTS
from liuhen.review.services import (
    review_escalate,
    review_pass,
    review_point_record,
    review_power_record,
    review_return,
    review_start,
)
from tests.review.conftest import Desk


def _types(opened: Case) -> list[str]:
    return list(
        CaseEvent.objects.filter(case=opened, type__startswith="legal_review")
        .order_by("position")
        .values_list("type", flat=True)
    )


def test_a_pass_records_legal_review_passed_with_the_opinion_filed(henan: Desk) -> None:
    opened = henan.case(major=True)
    review = henan.in_review(opened)
    review_power_record(
        actor=henan.reviewer, review=review, power="explanation", detail="要求承办人说明裁量理由"
    )
    passed = review_pass(actor=henan.reviewer, review=review, suggestions="送达时注意告知救济途径")
    assert passed.state == "passed"
    assert _types(opened) == ["legal_review.submitted", "legal_review.passed"]
    names = sorted(d.holding.filename for d in passed.outcome_event.documents.all())
    assert names == [f"法制审核意见书_{opened.number}_第1轮.{x}" for x in ("docx", "pdf")]
    assert passed.opinion_number.endswith("〔" + str(timezone.now().year) + "〕1号")


def test_a_pass_needs_an_opinion_on_every_point(henan: Desk) -> None:
    review = review_start(actor=henan.reviewer, review=henan.submit(henan.case()))
    review_point_record(
        actor=henan.reviewer, review=review, point="subject", sound=True, opinion="主体合法"
    )
    with pytest.raises(CaseStateError, match="行政执法程序是否合法"):
        review_pass(actor=henan.reviewer, review=review)


def test_a_point_with_a_problem_cannot_pass(henan: Desk) -> None:
    review = henan.in_review(henan.case())
    review_point_record(
        actor=henan.reviewer, review=review, point="law", sound=False, opinion="适用条款错误"
    )
    with pytest.raises(CaseStateError, match="应当退回"):
        review_pass(actor=henan.reviewer, review=review)


def test_a_return_needs_grounds_and_reasons(henan: Desk) -> None:
    review = henan.in_review(henan.case(), sound=False)
    with pytest.raises(CaseInputError, match="第十一条"):
        review_return(actor=henan.reviewer, review=review, grounds=[], reasons="x")
    with pytest.raises(CaseInputError, match="说明理由"):
        review_return(actor=henan.reviewer, review=review, grounds=["facts"], reasons=" ")
    assert LegalReview.objects.get(pk=review.pk).state == "in_review"


def test_return_then_resubmit_then_pass_is_two_rounds_in_the_timeline(henan: Desk) -> None:
    opened = henan.case(major=True)
    returned = review_return(
        actor=henan.reviewer,
        review=henan.in_review(opened, sound=False),
        grounds=["facts", "documents"],
        reasons="主要事实不清，询问笔录未签名",
        suggestions="补充调查",
    )
    assert returned.state == "returned"
    rejected = CaseEvent.objects.get(case=opened, type="legal_review.rejected")
    assert rejected.fields["reasons"] is True
    second = henan.in_review(opened)
    assert second.round == 2
    review_pass(actor=henan.reviewer, review=second)
    assert _types(opened) == [
        "legal_review.submitted",
        "legal_review.rejected",
        "legal_review.submitted",
        "legal_review.passed",
    ]


def test_a_major_decision_after_a_pass_leaves_no_review_violation(henan: Desk) -> None:
    opened = henan.case(major=True)
    review_pass(actor=henan.reviewer, review=henan.in_review(opened))
    case_event_record(
        actor=henan.handler,
        case=opened,
        type="decision.made",
        at=timezone.now(),
        fields={"measures": ["warning", "fine"], "fine_amount": 3000},
    )
    findings = Case.objects.get(pk=opened.pk).compliance.findings["cases"][0]["findings"]
    cited = {(f["regulation"], f["article"]) for f in findings if f["severity"] == "violation"}
    assert ("henan-review", "第三条") not in cited
    assert ("henan-review", "第八条") not in cited


def test_escalation_records_collective_discussion(henan: Desk) -> None:
    opened = henan.case()
    returned = review_return(
        actor=henan.reviewer,
        review=henan.in_review(opened, sound=False),
        grounds=["discretion"],
        reasons="裁量过重",
    )
    event = review_escalate(
        actor=henan.handler,
        review=returned,
        reason="经沟通未达成一致",
        conclusion="集体讨论决定维持原拟处理意见",
        outcome="decide",
    )
    assert event.type == "collective_discussion"
    assert "经沟通未达成一致" in event.fields["note"]
    assert LegalReview.objects.get(pk=returned.pk).state == "escalated"


def test_only_a_returned_round_is_escalated_by_its_handler_or_a_head(henan: Desk) -> None:
    opened = henan.case()
    review = henan.in_review(opened)
    with pytest.raises(CaseStateError, match="不能转为"):
        review_escalate(
            actor=henan.handler, review=review, reason="x", conclusion="y", outcome="decide"
        )
    returned = review_return(
        actor=henan.reviewer, review=review, grounds=["facts"], reasons="证据不足"
    )
    with pytest.raises(CaseStateError, match="承办人员或本单位负责人"):
        review_escalate(
            actor=henan.outsider, review=returned, reason="x", conclusion="y", outcome="decide"
        )
    review_escalate(actor=henan.head, review=returned, reason="x", conclusion="y", outcome="decide")


def test_the_points_are_the_eight_of_article_9() -> None:
    assert len(REVIEW_POINTS) == 8
    assert all(p.article.startswith("henan-review 第九条") for p in REVIEW_POINTS)
