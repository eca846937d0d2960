"""The head's pages (负责人): the extension of 第十三条, the collective discussion of 第十四条, and
a decision recorded without review, with the reason; refusals change nothing."""

from __future__ import annotations

from django.urls import reverse

from liuhen.cases.models import CaseEvent
from liuhen.review.models import ReviewOverride, ReviewState
from liuhen.review.services import review_return
from tests.review.conftest import Desk
from tests.review.web.conftest import signed_in


def test_the_head_extends_the_period_with_a_reason(henan: Desk) -> None:
    review = henan.submit(henan.case())
    before = review.due_at
    client = signed_in(henan.head)
    assert (
        "批准延长审核期限"
        in client.get(reverse("review:detail", args=[review.pk])).content.decode()
    )
    response = client.post(
        reverse("review:extend", args=[review.pk]), {"extend-reason": "涉及多个法律关系"}
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.due_at > before
    assert review.extension_reason == "涉及多个法律关系"


def test_an_extension_without_a_reason_is_refused(henan: Desk) -> None:
    review = henan.submit(henan.case())
    response = signed_in(henan.head).post(
        reverse("review:extend", args=[review.pk]), {"extend-reason": ""}
    )
    assert response.status_code == 400
    assert "延长审核期限须说明理由" in response.content.decode()
    # the folded form is unfolded, so that the message is seen
    assert "<details open><summary>批准延长审核期限" in response.content.decode()
    review.refresh_from_db()
    assert review.extended_at is None


def test_a_legal_reviewer_cannot_extend(henan: Desk) -> None:
    review = henan.submit(henan.case())
    response = signed_in(henan.reviewer).post(
        reverse("review:extend", args=[review.pk]), {"extend-reason": "复杂"}
    )
    assert response.status_code == 400
    assert "批准延长法制审核期限须由本单位的负责人（批准人）办理" in response.content.decode()
    review.refresh_from_db()
    assert review.extended_at is None


def test_the_handler_escalates_a_return_to_collective_discussion(henan: Desk) -> None:
    opened = henan.case()
    review = henan.in_review(opened, sound=False)
    review_return(actor=henan.reviewer, review=review, grounds=["law"], reasons="适用法律错误")
    client = signed_in(henan.handler)
    case_page = client.get(reverse("cases:detail", args=[opened.pk])).content.decode()
    assert reverse("review:escalate", args=[review.pk]) in case_page
    refused = client.post(
        reverse("review:escalate", args=[review.pk]), {"reason": "不同意", "conclusion": ""}
    )
    assert refused.status_code == 400
    assert "须记录集体讨论的结论" in refused.content.decode()
    review.refresh_from_db()
    assert review.state == ReviewState.RETURNED
    done = client.post(
        reverse("review:escalate", args=[review.pk]),
        {
            "reason": "承办机构认为法律适用正确",
            "conclusion": "集体讨论决定维持拟作出的决定",
            "outcome": "decide",
        },
    )
    assert done.status_code == 302
    review.refresh_from_db()
    assert review.state == ReviewState.ESCALATED
    assert CaseEvent.objects.filter(case=opened, type="collective_discussion").exists()


def _override(reason: str) -> dict[str, object]:
    return {"at": "2026-01-05T10:00", "measures": ["warning"], "reason": reason}


def test_the_head_records_a_decision_without_review_with_a_reason(fangcheng: Desk) -> None:
    opened = fangcheng.case()
    client = signed_in(fangcheng.head)
    page = client.get(reverse("cases:detail", args=[opened.pk])).content.decode()
    assert reverse("review:override", args=[opened.pk]) in page
    response = client.post(
        reverse("review:override", args=[opened.pk]), _override("平台启用前已作出的决定")
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    override = ReviewOverride.objects.get(case=opened)
    assert override.reason == "平台启用前已作出的决定"
    assert CaseEvent.objects.filter(case=opened, type="decision.made").exists()


def test_without_a_reason_the_override_is_refused(fangcheng: Desk) -> None:
    opened = fangcheng.case()
    response = signed_in(fangcheng.head).post(
        reverse("review:override", args=[opened.pk]), _override("")
    )
    assert response.status_code == 400
    assert "须说明理由" in response.content.decode()
    assert not CaseEvent.objects.filter(case=opened, type="decision.made").exists()


def test_a_handler_cannot_override(fangcheng: Desk) -> None:
    opened = fangcheng.case()
    response = signed_in(fangcheng.handler).post(
        reverse("review:override", args=[opened.pk]), _override("急需")
    )
    assert response.status_code == 400
    assert "负责人" in response.content.decode()
    assert not ReviewOverride.objects.exists()
    assert not CaseEvent.objects.filter(case=opened, type="decision.made").exists()
