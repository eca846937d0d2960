"""A head records a decision made without a passed legal review (a legacy or imported case
finished outside the platform's workflow), stating why. It is recorded; the gate's requirements
it breaches are kept with it, and the rules engine reports the missing review as a violation."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from liuhen.accounts.models import User
from liuhen.accounts.roles import Role
from liuhen.cases.errors import CaseInputError
from liuhen.cases.models import Case, CaseEvent
from liuhen.cases.services import case_compliance_refresh
from liuhen.cases.services.events import case_lock, draft_build, record_one
from liuhen.ledger.services import ledger_append
from liuhen.review.gate import OVERRIDE_KEY, review_gate_refusals
from liuhen.review.models import ReviewOverride
from liuhen.review.roles import require


@transaction.atomic
def case_decision_record_without_review(
    *,
    actor: User,
    case: Case,
    at: datetime,
    measures: Sequence[str],
    fine_amount: float | int | None = None,
    reason: str,
    note: str = "",
) -> CaseEvent:
    """Record `decision.made` although the legal review the profile requires has not passed.

    Only a 负责人 of the case's agency, with a reason. Every other rule of recording still holds.
    Side effects: the CaseEvent (its ledger entry carries the override and the reason), a
    ReviewOverride row listing the requirements not met, a ledger entry, the compliance cache
    (where the missing review shows as a violation).
    """
    case = case_lock(case)
    require(actor, case.agency_id, Role.APPROVER, doing="未经法制审核记录作出决定")
    reason = reason.strip()
    if not reason:
        raise CaseInputError("reason", "未经法制审核记录作出决定，须说明理由")
    fields: dict[str, object] = {"measures": list(measures)}
    if fine_amount is not None:
        fields["fine_amount"] = fine_amount
    draft = draft_build(type="decision.made", at=at, fields=fields, note=note)
    draft.extra = {OVERRIDE_KEY: reason[:2000]}
    refusals = [
        f"{r.rule.regulation} {r.rule.article}"
        for r in review_gate_refusals(case, draft.type, draft.fields, draft.at)
    ]
    event = record_one(case, draft, actor=actor)
    override = ReviewOverride.objects.create(
        case=case, event=event, actor=actor, at=timezone.now(), reason=reason, refusals=refusals
    )
    ledger_append(
        actor=actor,
        action="review.override",
        target=override,
        payload={"case": case.number, "event": event.event_id, "reason": reason, "unmet": refusals},
    )
    case_compliance_refresh(case=case)
    return event
