"""The handler's pages: the case page's review panel, the submission form of 第八条 (and the
resubmission after a return), marking a case major."""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils import timezone

from liuhen.cases.presenters import deadline_text
from liuhen.cases.services import case_event_record
from liuhen.evidence.models import EvidenceHolding
from liuhen.review.models import LegalReview, MajorMark, ReviewState
from liuhen.review.rules import REPORT_ITEMS
from liuhen.review.services import review_pass, review_return
from tests.review.conftest import Desk
from tests.review.web.conftest import signed_in


def _complete_post(holding: EvidenceHolding, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "decision_text": "拟给予警告并处罚款三千元",
        "measures": ["warning", "fine"],
        "fine_amount": "3000",
        **{f"report_{i.key}": f"{i.label}：详见报告" for i in REPORT_ITEMS},
        "evidence": [str(holding.pk)],
    }
    data.update(changes)
    return data


def test_the_case_page_says_review_is_needed_and_offers_the_submission(henan: Desk) -> None:
    # given a general-procedure penalty under henan-review (第十八条) not yet submitted
    opened = henan.case()
    # when the handler opens the case page
    page = signed_in(henan.handler).get(reverse("cases:detail", args=[opened.pk]))
    # then the panel says a review is needed, citing the article, and links to the form
    text = page.content.decode()
    assert "需要法制审核" in text
    assert "henan-review 第十八条" in text
    assert reverse("review:submit", args=[opened.pk]) in text


def test_the_form_lists_the_materials_of_article_8(henan: Desk) -> None:
    opened = henan.case()
    page = signed_in(henan.handler).get(reverse("review:submit", args=[opened.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    for item in REPORT_ITEMS:
        assert item.label in text
    assert "鉴定报告、评估报告等相关材料" in text


def test_complete_materials_open_a_round_with_its_clock(henan: Desk) -> None:
    # given a case and a file in the agency's evidence store
    opened = henan.case()
    holding = henan.materials().evidence[0]
    # when the handler submits complete materials
    response = signed_in(henan.handler).post(
        reverse("review:submit", args=[opened.pk]), _complete_post(holding)
    )
    # then a round is submitted with the file and the page shows its due time
    review = LegalReview.objects.get(case=opened)
    assert response.status_code == 302
    assert response["Location"] == reverse("review:detail", args=[review.pk])
    assert review.state == ReviewState.SUBMITTED
    assert list(review.materials.values_list("holding_id", flat=True)) == [holding.pk]
    page = signed_in(henan.handler).get(response["Location"]).content.decode()
    assert deadline_text(review.due_at) in page
    assert "剩余" in page


def test_missing_materials_are_named_and_nothing_is_submitted(henan: Desk) -> None:
    opened = henan.case()
    holding = henan.materials().evidence[0]
    # when the report's 基本事实 and the evidence are left out
    data = _complete_post(holding, report_facts="", evidence=[])
    response = signed_in(henan.handler).post(reverse("review:submit", args=[opened.pk]), data)
    # then the form comes back naming both, and no round exists
    assert response.status_code == 400
    text = response.content.decode()
    assert "送审材料不齐全" in text
    assert "基本事实" in text
    assert "调查取证相关材料" in text
    assert "拟给予警告并处罚款三千元" in text  # what was typed is kept
    assert not LegalReview.objects.filter(case=opened).exists()


def test_a_legal_reviewer_cannot_submit(henan: Desk) -> None:
    opened = henan.case()
    holding = henan.materials().evidence[0]
    response = signed_in(henan.reviewer).post(
        reverse("review:submit", args=[opened.pk]), _complete_post(holding)
    )
    assert response.status_code == 400
    assert "送交法制审核须由本单位的承办人办理" in response.content.decode()
    assert not LegalReview.objects.filter(case=opened).exists()


def test_a_negative_fine_is_refused_on_its_field(henan: Desk) -> None:
    opened = henan.case()
    holding = henan.materials().evidence[0]
    data = _complete_post(holding, fine_amount="-5")
    response = signed_in(henan.handler).post(reverse("review:submit", args=[opened.pk]), data)
    assert response.status_code == 400
    assert not LegalReview.objects.filter(case=opened).exists()


def test_after_a_return_the_form_is_prefilled_from_the_returned_round(henan: Desk) -> None:
    # given a round returned with reasons
    opened = henan.case()
    review = henan.in_review(opened, decision_text="拟警告并罚款（第一次送审）")
    review_return(
        actor=henan.reviewer, review=review, grounds=["facts"], reasons="证据不足，须补充询问笔录"
    )
    held = review.materials.values_list("holding_id", flat=True).first()
    # when the handler opens the submission form again
    page = signed_in(henan.handler).get(reverse("review:submit", args=[opened.pk]))
    text = page.content.decode()
    # then it says why it was returned and carries the first round's materials
    assert "重新提交法制审核" in text
    assert "证据不足，须补充询问笔录" in text
    assert "拟警告并罚款（第一次送审）" in text
    assert re.search(rf'name="evidence" value="{held}"[^>]*checked', text)
    # and the case page shows the return with a link to the round
    case_page = signed_in(henan.handler).get(reverse("cases:detail", args=[opened.pk]))
    case_text = case_page.content.decode()
    assert "第1轮退回" in case_text
    assert reverse("review:detail", args=[review.pk]) in case_text


def test_the_resubmission_is_the_next_round(henan: Desk) -> None:
    opened = henan.case()
    review = henan.in_review(opened)
    review_return(actor=henan.reviewer, review=review, grounds=["facts"], reasons="证据不足")
    holding = henan.materials().evidence[0]
    response = signed_in(henan.handler).post(
        reverse("review:submit", args=[opened.pk]), _complete_post(holding)
    )
    assert response.status_code == 302
    assert list(LegalReview.objects.filter(case=opened).values_list("round", "state")) == [
        (2, ReviewState.SUBMITTED),
        (1, ReviewState.RETURNED),
    ]


def test_a_handler_marks_a_case_major_with_a_reason(henan: Desk) -> None:
    opened = henan.case()
    client = signed_in(henan.handler)
    refused = client.post(reverse("review:major_mark", args=[opened.pk]), {"reason": " "})
    assert refused.status_code == 400
    assert "须说明理由" in refused.content.decode()
    opened.refresh_from_db()
    assert not opened.major
    done = client.post(
        reverse("review:major_mark", args=[opened.pk]), {"reason": "涉及重大公共利益"}
    )
    assert done.status_code == 302
    opened.refresh_from_db()
    assert opened.major
    assert MajorMark.objects.get(case=opened).reason == "涉及重大公共利益"


def test_the_held_back_decision_form_leads_to_the_submission(henan: Desk) -> None:
    # given a case whose decision the gate holds back
    opened = henan.case()
    # when the handler opens the form for the decision
    page = signed_in(henan.handler).get(reverse("cases:act", args=[opened.pk, "decision.made"]))
    # then it says why and links to the review of this case
    text = page.content.decode()
    assert "须先经法制审核通过" in text
    assert reverse("review:submit", args=[opened.pk]) in text


def test_the_case_page_offers_no_correction_of_the_submission_a_round_refers_to(
    henan: Desk,
) -> None:
    # given a case submitted for review, after the act that opened it
    review = henan.submit(henan.case())
    assert review.submitted_event is not None
    opening = review.case.events.order_by("position").first()
    assert opening is not None
    assert opening.pk != review.submitted_event.pk
    # when the handler opens the case page
    response = signed_in(henan.handler).get(reverse("cases:detail", args=[review.case.pk]))
    page = response.content.decode()

    # then the opening act may be corrected, the submission (the round's record) may not
    def correct(event_pk: int) -> str:
        return reverse("cases:event_correct", args=[review.case.pk, event_pk])

    assert correct(opening.pk) in page
    assert correct(review.submitted_event.pk) not in page


def test_after_the_decision_the_panel_says_it_was_made_after_the_passed_review(
    henan: Desk,
) -> None:
    # given a case whose review passed and whose decision was then recorded
    opened = henan.case()
    review_pass(actor=henan.reviewer, review=henan.in_review(opened))
    case_event_record(
        actor=henan.handler,
        case=opened,
        type="decision.made",
        at=timezone.now(),
        fields={"measures": ["warning", "fine"], "fine_amount": 3000},
    )
    # when the handler opens the case page
    page = signed_in(henan.handler).get(reverse("cases:detail", args=[opened.pk]))
    text = page.content.decode()
    # then the panel says the decision was made after the passed round, and asks for nothing
    assert "已作出决定（经第1轮法制审核审核通过）" in text
    assert "作出决定前须经法制审核" not in text
    assert "可以作出决定" not in text
    assert reverse("review:submit", args=[opened.pk]) not in text


def test_a_return_reads_as_one_sentence_with_its_suggestions(henan: Desk) -> None:
    opened = henan.case()
    review_return(
        actor=henan.reviewer,
        review=henan.in_review(opened, sound=False),
        grounds=["facts"],
        reasons="事实证据不充分。",
        suggestions="补充询问笔录。",
    )
    page = signed_in(henan.handler).get(reverse("cases:detail", args=[opened.pk]))
    assert "退回理由：事实证据不充分；建议：补充询问笔录（" in page.content.decode()
