"""The demo case under review: the reviewer's queue has it and the gate holds its decision."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.utils import timezone

from liuhen.accounts.models import User
from liuhen.agencies.models import Agency
from liuhen.cases.errors import CaseStateError
from liuhen.cases.models import Case
from liuhen.cases.services import case_event_record
from liuhen.evidence.stores import evidence_stores_reset
from liuhen.review.access import access_review_queue
from liuhen.review.classification import decision_classify
from liuhen.review.demo import TITLE
from liuhen.review.models import MajorDecisionCriterion
from liuhen.workbench.demo import demo_load
from liuhen.workbench.demo_cases import demo_cases_load


@pytest.fixture
def demo(db: None, settings, tmp_path: Path) -> Iterator[None]:  # type: ignore[no-untyped-def]
    settings.LIUHEN_EVIDENCE_ROOT = tmp_path / "evidence"
    evidence_stores_reset()
    demo_load()
    demo_cases_load()
    yield
    evidence_stores_reset()


def test_the_demo_review_is_in_the_legal_reviewers_queue_and_gates_the_decision(
    demo: None,
) -> None:
    legal = User.objects.get(username="fangcheng.legal")
    (review,) = access_review_queue(user=legal)
    assert review.case.title == TITLE
    assert review.state == "in_review"
    assert review.points.count() == 3
    with pytest.raises(CaseStateError, match="henan-review 第十八条"):
        case_event_record(
            actor=User.objects.get(username="fangcheng.handler"),
            case=Case.objects.get(title=TITLE),
            type="decision.made",
            at=timezone.now(),
            fields={"measures": ["confiscation", "fine"], "fine_amount": 5000},
        )


def test_the_demo_agency_publishes_its_catalogue_of_major_decisions(demo: None) -> None:
    # given the demo loaded, 方城县市场监督管理局's catalogue lists measures, the hearing fine
    # and the situations of 第六条
    agency = Agency.objects.get(name="方城县市场监督管理局")
    criteria = MajorDecisionCriterion.objects.filter(agency=agency, retired_at__isnull=True)
    assert {c.kind for c in criteria} == {"measure", "fine", "situation"}
    assert criteria.get(kind="fine").fine_threshold == 100_000
    # and a revocation there is classified major by it, with the entry as the reason
    case = Case.objects.get(agency=agency, title=TITLE)
    verdict = decision_classify(case=case, measures=["revoke_license"])
    assert verdict.major
    assert any("吊销许可证或者执照" in reason for reason in verdict.reasons)
