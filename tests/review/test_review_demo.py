"""The demo case under review: the reviewer's queue has it and the gate holds its decision."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.utils import timezone

from liuhen.accounts.models import User
from liuhen.cases.errors import CaseStateError
from liuhen.cases.models import Case
from liuhen.cases.services import case_event_record
from liuhen.evidence.stores import evidence_stores_reset
from liuhen.review.access import access_review_queue
from liuhen.review.demo import TITLE
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
