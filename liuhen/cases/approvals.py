"""Which recorded acts wait for the 承办人 → 审核人 → 批准人 chain before they take effect.

Data, not code: each rule names the event type, when it applies, the article that requires it,
and the vocabulary events each approved step records (the 审核 as `org_review`, the 批准 as
`decision.approved` or `initiation.approved`), so the exported timeline shows the chain the rules
engine checks. A rule binds a case whose profile includes its regulation (liuhen.rules.profiles).

An act awaiting approval is a proposal: it takes effect, and is dated, when the 批准人 approves it
(the later of the proposed time and the approval), because the decision or the start exists only
from then.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from liuhen.cases.models import ApprovalOutcome, CaseEvent
from liuhen.rules.profiles import PROFILES


@dataclass(frozen=True, slots=True)
class ApprovalRule:
    event_type: str
    regulation: str
    article: str
    quote: str
    procedures: tuple[str, ...] = ("general",)
    unless_field: str = ""  # the rule does not apply when this boolean field is true
    records: Mapping[str, str] = field(default_factory=dict)  # step -> event type recorded

    def applies(self, *, profile: str, procedure: str, fields: Mapping[str, Any]) -> bool:
        known = PROFILES.get(profile)
        if known is None or self.regulation not in known.regulations:
            return False
        if procedure not in self.procedures:
            return False
        return not (self.unless_field and fields.get(self.unless_field) is True)


APPROVAL_RULES: tuple[ApprovalRule, ...] = (
    ApprovalRule(
        "decision.made",
        "dehong-record",
        "第三十九条",
        "由承办人提出意见和理由，经审核人审核后，由批准人批准",
        records={"review": "org_review", "approve": "decision.approved"},
    ),
    # an urgent start is recorded at once and approved afterwards (第十条: 24 小时内补办)
    ApprovalRule(
        "case.initiated",
        "dehong-record",
        "第十条",
        "由行政执法人员填写程序启动审批表，履行审批程序",
        unless_field="urgent",
        records={"approve": "initiation.approved"},
    ),
)

# The order of the chain: who decides each step (a role in the case's agency).
APPROVAL_STEPS: tuple[str, ...] = ("review", "approve")


def approval_steps_done(event: CaseEvent) -> int:
    """How many steps of the chain approved the act (its prefetched `approvals`)."""
    return sum(1 for a in event.approvals.all() if a.outcome == ApprovalOutcome.APPROVED)


def approval_step_next(event: CaseEvent) -> str:
    """The step an act awaiting approval waits for (the last one once all are done)."""
    return APPROVAL_STEPS[min(approval_steps_done(event), len(APPROVAL_STEPS) - 1)]


def approval_rule_for(
    *, event_type: str, profile: str, procedure: str, fields: Mapping[str, Any]
) -> ApprovalRule | None:
    """The rule that makes this act wait for approval in this case, or None."""
    for rule in APPROVAL_RULES:
        if rule.event_type == event_type and rule.applies(
            profile=profile, procedure=procedure, fields=fields
        ):
            return rule
    return None
