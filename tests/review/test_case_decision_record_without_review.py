"""A head records a decision without a passed review, with a reason; the rules engine then
reports the missing review."""

from __future__ import annotations

import json

import pytest
from django.utils import timezone

from liuhen.cases.errors import CaseInputError, CaseStateError
from liuhen.cases.models import Case, CaseEvent
from liuhen.ledger.models import LedgerEntry
from liuhen.review.models import ReviewOverride
from liuhen.review.services import case_decision_record_without_review
from tests.review.conftest import Desk


def _violations(opened: Case) -> set[tuple[str, str]]:
    findings = Case.objects.get(pk=opened.pk).compliance.findings["cases"][0]["findings"]
    return {(f["regulation"], f["article"]) for f in findings if f["severity"] == "violation"}


def test_the_head_records_it_with_the_reason_and_the_engine_reports_the_violation(
    henan: Desk,
) -> None:
    # given a major case under henan with no review
    opened = henan.case(major=True)
    # when the head records the decision without review, stating why
    event = case_decision_record_without_review(
        actor=henan.head,
        case=opened,
        at=timezone.now(),
        measures=["revoke_license"],
        reason="旧系统已办结的案件，决定已于迁移前作出",
    )
    # then it is recorded, the reason and the unmet requirement kept and ledgered
    assert (event.type, event.status) == ("decision.made", "effective")
    override = ReviewOverride.objects.get(event=event)
    assert override.reason == "旧系统已办结的案件，决定已于迁移前作出"
    assert override.refusals == ["henan-review 第三条"]
    recorded = LedgerEntry.objects.get(sequence=event.ledger_sequence)
    assert json.loads(recorded.payload)["review_override"].startswith("旧系统")
    # and the rules engine reports the missing review under 第三条
    assert ("henan-review", "第三条") in _violations(opened)


def test_a_reason_is_required(henan: Desk) -> None:
    opened = henan.case()
    with pytest.raises(CaseInputError, match="说明理由"):
        case_decision_record_without_review(
            actor=henan.head, case=opened, at=timezone.now(), measures=["warning"], reason=""
        )
    assert not CaseEvent.objects.filter(case=opened, type="decision.made").exists()


@pytest.mark.parametrize("who", ["handler", "reviewer", "outsider"])
def test_only_a_head_may(henan: Desk, who: str) -> None:
    with pytest.raises(CaseStateError, match="负责人"):
        case_decision_record_without_review(
            actor=getattr(henan, who),
            case=henan.case(),
            at=timezone.now(),
            measures=["warning"],
            reason="旧案",
        )
