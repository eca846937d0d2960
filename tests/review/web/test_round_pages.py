"""The reviewer's pages: the queue with the clock, starting, the eight points (htmx), the powers
and the outcome; refusals change nothing."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from liuhen.cases.models import CaseEvent
from liuhen.cases.presenters import deadline_text
from liuhen.cases.services import case_officer_assign
from liuhen.review.models import LegalReview, ReviewPointOpinion, ReviewPowerUse, ReviewState
from liuhen.review.rules import REVIEW_POINTS
from liuhen.review.services import review_start
from tests import factories
from tests.review.conftest import Desk
from tests.review.web.conftest import signed_in


def test_the_queue_shows_the_due_time_in_china_time_and_highlights_overdue(henan: Desk) -> None:
    # given one round on time and one of a major decision whose period ended a while ago
    on_time = henan.submit(henan.case())
    late = henan.submit(henan.case())
    LegalReview.objects.filter(pk=late.pk).update(
        due_at=late.due_at - dt.timedelta(days=30), major=True
    )
    late.refresh_from_db()
    # when the legal reviewer opens the queue
    text = signed_in(henan.reviewer).get(reverse("review:list")).content.decode()
    # then both due times are shown in China time, as the last day's 24:00 (the period is
    # counted in working days), the late one overdue
    assert deadline_text(on_time.due_at).endswith(" 24:00")
    assert deadline_text(on_time.due_at) in text
    assert deadline_text(late.due_at) in text
    assert "剩余" in text
    assert "已超期" in text
    assert 'class="overdue"' in text


def test_the_reviewer_starts_the_review(henan: Desk) -> None:
    review = henan.submit(henan.case())
    client = signed_in(henan.reviewer)
    assert "开始审核" in client.get(reverse("review:detail", args=[review.pk])).content.decode()
    response = client.post(reverse("review:start", args=[review.pk]))
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.state == ReviewState.IN_REVIEW
    assert review.reviewer == henan.reviewer


def test_a_handler_cannot_start_the_review_of_the_case(henan: Desk) -> None:
    review = henan.submit(henan.case())
    response = signed_in(henan.handler).post(reverse("review:start", args=[review.pk]), follow=True)
    assert "未能开始审核" in response.content.decode()
    review.refresh_from_db()
    assert review.state == ReviewState.SUBMITTED


def test_a_member_without_a_role_gets_403_and_nothing_changes(henan: Desk) -> None:
    review = henan.submit(henan.case())
    response = signed_in(henan.outsider).post(reverse("review:start", args=[review.pk]))
    assert response.status_code == 403
    review.refresh_from_db()
    assert review.state == ReviewState.SUBMITTED


def test_a_point_is_recorded_through_htmx_and_the_row_comes_back(henan: Desk) -> None:
    review = review_start(actor=henan.reviewer, review=henan.submit(henan.case()))
    response = signed_in(henan.reviewer).post(
        reverse("review:point", args=[review.pk, "procedure"]),
        {"point-procedure-sound": "0", "point-procedure-opinion": "未告知陈述申辩权利"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert 'id="point-procedure"' in text
    assert "存在问题" in text
    assert "<html" not in text
    opinion = ReviewPointOpinion.objects.get(review=review, point="procedure")
    assert (opinion.sound, opinion.opinion) == (False, "未告知陈述申辩权利")


def test_a_point_without_an_opinion_is_refused_next_to_the_field(henan: Desk) -> None:
    review = review_start(actor=henan.reviewer, review=henan.submit(henan.case()))
    response = signed_in(henan.reviewer).post(
        reverse("review:point", args=[review.pk, "facts"]),
        {"point-facts-sound": "1", "point-facts-opinion": ""},
    )
    assert response.status_code == 400
    assert "须填写“案件事实是否清楚，证据是否合法充分”的审核意见" in response.content.decode()
    assert not ReviewPointOpinion.objects.filter(review=review).exists()


def test_a_power_of_article_10_is_recorded(henan: Desk) -> None:
    review = review_start(actor=henan.reviewer, review=henan.submit(henan.case()))
    response = signed_in(henan.reviewer).post(
        reverse("review:power", args=[review.pk]),
        {"power-power": "meeting", "power-detail": "11月20日组织专家论证会"},
        follow=True,
    )
    assert "已记录审核措施“组织召开座谈会、专家论证会”" in response.content.decode()
    assert ReviewPowerUse.objects.get(review=review).detail == "11月20日组织专家论证会"


def test_passing_with_a_point_unrecorded_is_refused_at_the_top(henan: Desk) -> None:
    review = review_start(actor=henan.reviewer, review=henan.submit(henan.case()))
    response = signed_in(henan.reviewer).post(reverse("review:pass", args=[review.pk]), {})
    assert response.status_code == 400
    text = response.content.decode()
    assert "尚未对以下审核要点提出意见" in text
    assert REVIEW_POINTS[0].label in text
    review.refresh_from_db()
    assert review.state == ReviewState.IN_REVIEW


def test_pass_issues_the_opinion_and_the_page_offers_its_files(henan: Desk) -> None:
    review = henan.in_review(henan.case())
    client = signed_in(henan.reviewer)
    response = client.post(reverse("review:pass", args=[review.pk]), {"pass-reasons": "同意"})
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.state == ReviewState.PASSED
    text = client.get(reverse("review:detail", args=[review.pk])).content.decode()
    assert review.opinion_number in text
    assert "下载" in text
    assert text.count("法制审核意见书_") == 2  # the DOCX and the PDF
    assert CaseEvent.objects.filter(case=review.case, type="legal_review.passed").exists()


def test_a_return_without_reasons_is_refused_and_changes_nothing(henan: Desk) -> None:
    review = henan.in_review(henan.case(), sound=False)
    response = signed_in(henan.reviewer).post(
        reverse("review:return", args=[review.pk]),
        {"return-grounds": ["facts"], "return-reasons": " "},
    )
    assert response.status_code == 400
    assert "退回须提出具体审核意见并说明理由" in response.content.decode()
    review.refresh_from_db()
    assert review.state == ReviewState.IN_REVIEW
    assert review.opinion_number == ""
    assert not CaseEvent.objects.filter(case=review.case, type="legal_review.rejected").exists()


def test_a_return_with_grounds_and_reasons_goes_back_to_the_handler(henan: Desk) -> None:
    review = henan.in_review(henan.case(), sound=False)
    response = signed_in(henan.reviewer).post(
        reverse("review:return", args=[review.pk]),
        {
            "return-grounds": ["facts", "documents"],
            "return-reasons": "证据不足",
            "return-suggestions": "补充笔录",
        },
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.state == ReviewState.RETURNED
    assert review.grounds == ["facts", "documents"]
    text = signed_in(henan.handler).get(reverse("review:detail", args=[review.pk])).content.decode()
    assert "主要事实不清，证据不足" in text
    assert reverse("review:submit", args=[review.case.pk]) in text


def test_a_legal_reviewer_who_handles_the_case_is_told_why_they_cannot_review(
    henan: Desk,
) -> None:
    # given a round of a case on which the agency's legal reviewer is also an officer
    review = henan.submit(henan.case())
    officer = factories.officer(henan.agency, name="周敏", linked_user=henan.reviewer)
    case_officer_assign(actor=None, case=review.case, officer=officer, role="assistant")
    # when the reviewer opens the round
    text = signed_in(henan.reviewer).get(reverse("review:detail", args=[review.pk]))
    page = text.content.decode()
    # then no start button, and the page says why, citing the articles
    assert "开始审核</button>" not in page
    assert "本案承办人员不能审核本案（含曾承办或送审本案的人员；henan-review 第十五条" in page


def test_the_reviewer_who_may_review_sees_no_refusal(henan: Desk) -> None:
    review = henan.submit(henan.case())
    page = signed_in(henan.reviewer).get(reverse("review:detail", args=[review.pk]))
    assert "开始审核</button>" in page.content.decode()
    assert "不能审核本案" not in page.content.decode()


def test_the_period_only_guides_the_review_of_a_decision_that_is_not_major(henan: Desk) -> None:
    # given the round of an ordinary general-procedure penalty (第十八条) past 5 working days
    late = henan.submit(henan.case())
    assert not late.major
    LegalReview.objects.filter(pk=late.pk).update(due_at=late.due_at - dt.timedelta(days=30))
    client = signed_in(henan.reviewer)
    # when the reviewer looks at the queue and the round
    queue = client.get(reverse("review:list")).content.decode()
    page = client.get(reverse("review:detail", args=[late.pk])).content.decode()
    # then it is not marked overdue: 第十三条's period is shown as guidance
    assert 'class="overdue"' not in queue
    assert "参照期限：已超期" in queue
    assert "henan-review 第十八条未规定审核时限，参照第十三条" in page
