"""henan-review 第三条 (and 第十八条): the decision made must be the one reviewed. A pass opens the
gate for the intended decision it reviewed, not for a decision adding measures or a larger fine."""

from __future__ import annotations

import pytest

from liuhen.cases.errors import CaseStateError
from liuhen.review.services import review_pass
from tests.review.conftest import Desk, decide


def test_a_decision_adding_a_measure_the_review_did_not_see_is_refused(henan: Desk) -> None:
    # given a major case whose intended warning and fine of 3000 passed review
    opened = henan.case(major=True)
    review_pass(actor=henan.reviewer, review=henan.in_review(opened))
    # when the decision made also revokes the licence
    # then it is refused: that decision was not reviewed (第三条)
    with pytest.raises(CaseStateError, match="henan-review 第三条") as refused:
        decide(opened, ["warning", "fine", "revoke_license"], fine_amount=3000)
    assert "吊销" in str(refused.value)


def test_a_larger_fine_than_the_one_reviewed_is_refused(henan: Desk) -> None:
    opened = henan.case()
    review_pass(actor=henan.reviewer, review=henan.in_review(opened))
    with pytest.raises(CaseStateError, match="henan-review 第十八条") as refused:
        decide(opened, ["warning", "fine"], fine_amount=30000)
    assert "3000" in str(refused.value)


def test_the_decision_reviewed_or_a_lighter_one_is_recorded(henan: Desk) -> None:
    opened = henan.case(major=True)
    review_pass(actor=henan.reviewer, review=henan.in_review(opened))
    assert decide(opened, ["fine"], fine_amount=2000).status == "effective"
