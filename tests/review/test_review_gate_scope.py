"""The gate binds a case only as far as its regulation reaches the case's kind of act: henan-review
第二条 names 处罚、强制、检查、征收征用、许可 and reaches the rest only through “等”, which the pack
(`advisory_actions`) and the rules engine treat as advice — so the gate must not refuse there,
unless the decision's own measures show a kind the article names."""

from __future__ import annotations

import pytest

from liuhen.cases.errors import CaseStateError
from liuhen.review.gate import review_gate_refusals
from tests.review.conftest import Desk, decide


@pytest.mark.parametrize("action", ["adjudication", "confirmation", "other"])
def test_a_major_decision_of_a_kind_reached_only_through_deng_is_not_refused_under_henan(
    henan: Desk, action: str
) -> None:
    # given a henan case of a kind 第二条 reaches only through “等”, marked major
    opened = henan.case(action=action, major=True)
    # when its decision, showing no named kind, is recorded without review
    event = decide(opened, ["other"])
    # then it is recorded: the engine reports advice, the gate does not forbid it
    assert event.status == "effective"


def test_a_fine_decided_in_such_a_case_is_still_a_penalty_and_refused(henan: Desk) -> None:
    # given a henan 行政裁决 case marked major
    opened = henan.case(action="adjudication", major=True)
    # when a decision imposing a fine is recorded without review
    # then 第三条 binds: a fine is a 行政处罚 whatever the case is labelled
    with pytest.raises(CaseStateError, match="henan-review 第三条"):
        decide(opened, ["fine"], fine_amount=5000)


def test_under_fangcheng_the_plan_still_binds_every_kind_of_act(fangcheng: Desk) -> None:
    # given a fangcheng case of a kind henan-review reaches only through “等”, marked major
    opened = fangcheng.case(action="other", major=True)
    # when the gate is asked about its decision
    refusals = review_gate_refusals(opened, "decision.made", {"measures": ["other"]})
    # then the plan (which binds every act of the bureau) refuses it, henan-review does not
    assert [(r.rule.regulation, r.rule.article) for r in refusals] == [
        ("fangcheng-plan", "三（一）1")
    ]
