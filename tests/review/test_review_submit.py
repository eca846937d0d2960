"""review_submit: the materials of henan-review 第八条 are complete before anything is written;
acceptance records `legal_review.submitted` in the case timeline."""

from __future__ import annotations

import pytest

from liuhen.cases.errors import CaseInputError, CaseStateError
from liuhen.cases.models import Case, CaseDue, CaseEvent
from liuhen.cases.services import case_event_record
from liuhen.ledger.models import LedgerEntry
from liuhen.review.clock import review_due
from liuhen.review.models import LegalReview, MajorMark
from liuhen.review.services import CriterionInput, review_catalogue_set, review_submit
from tests.cases.conftest import days_ago
from tests.review.conftest import Desk


def test_incomplete_materials_are_refused_listing_everything_missing(henan: Desk) -> None:
    # given a case and materials without the decision text, two report items and any evidence
    opened = henan.case()
    materials = henan.materials(
        decision_text="",
        report={"facts": "事实", "law": "法律", "investigation": "调查"},
        evidence=[],
    )
    counts = (CaseEvent.objects.count(), LedgerEntry.objects.count(), LegalReview.objects.count())
    # when it is submitted
    with pytest.raises(CaseInputError) as refused:
        review_submit(actor=henan.handler, case=opened, materials=materials)
    # then the error names each missing item, and nothing was written
    message = str(refused.value)
    assert "henan-review 第八条" in message
    for missing in ("拟作出的行政执法决定", "运用行政裁量基准情况", "听证、评估、鉴定等情况"):
        assert missing in message
    assert "调查取证相关材料" in message
    assert "基本事实" not in message
    after = (CaseEvent.objects.count(), LedgerEntry.objects.count(), LegalReview.objects.count())
    assert after == counts


def test_an_appraisal_recorded_in_the_case_requires_its_report(henan: Desk) -> None:
    opened = henan.case()
    case_event_record(actor=None, case=opened, type="testing", at=days_ago(2))
    with pytest.raises(CaseInputError, match="鉴定报告、评估报告"):
        henan.submit(opened)


def test_acceptance_records_the_submission_in_the_timeline_with_its_period(henan: Desk) -> None:
    opened = henan.case()
    review = henan.submit(opened)
    event = CaseEvent.objects.get(case=opened, type="legal_review.submitted")
    assert review.submitted_event == event
    assert (review.round, review.state, review.received_at) == (1, "submitted", event.at)
    assert review.due_at == review_due(event.at)
    assert review.materials.filter(kind="evidence").count() == 1
    assert LedgerEntry.objects.filter(action="review.submit").count() == 1


def test_a_decision_the_catalogue_lists_sets_the_case_major(henan: Desk) -> None:
    review_catalogue_set(
        actor=henan.head,
        agency=henan.agency,
        criteria=[CriterionInput(kind="fine", label="较大数额罚款", fine_threshold=5000)],
    )
    opened = henan.case()
    review = henan.submit(opened, measures=["fine"], fine_amount=8000)
    assert review.major
    assert Case.objects.get(pk=opened.pk).major
    assert MajorMark.objects.get(case=opened).automatic


def test_an_open_round_cannot_be_submitted_again(henan: Desk) -> None:
    opened = henan.case()
    henan.submit(opened)
    with pytest.raises(CaseStateError, match="尚未审核完毕"):
        henan.submit(opened)


def test_only_a_handler_submits(henan: Desk) -> None:
    opened = henan.case()
    with pytest.raises(CaseStateError, match="承办人"):
        review_submit(actor=henan.reviewer, case=opened, materials=henan.materials())


def test_evidence_of_another_agency_is_refused(henan: Desk, fangcheng: Desk) -> None:
    opened = henan.case()
    foreign = fangcheng.materials().evidence
    with pytest.raises(CaseInputError, match="不属于本案的执法主体"):
        henan.submit(opened, evidence=foreign)


def test_a_ground_the_engine_sees_itself_does_not_set_the_case_major(fangcheng: Desk) -> None:
    opened = fangcheng.case()
    review = fangcheng.submit(opened, measures=["suspend_business"], fine_amount=None)
    assert review.major
    assert not Case.objects.get(pk=opened.pk).major


def test_the_engine_counts_the_same_period_for_a_major_review(henan: Desk) -> None:
    # given a major case submitted for review
    opened = henan.case(major=True)
    review = henan.submit(opened)
    # then the rules engine's pending 第十三条 duty is due exactly when the round is
    due = CaseDue.objects.get(case=opened, regulation="henan-review", article="第十三条")
    assert due.due_at == review.due_at
