"""The 承办人 → 审核人 → 批准人 chain on acts that wait for it (liuhen.cases.approvals)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from liuhen.accounts.access import agency_ids_with_roles
from liuhen.accounts.models import User
from liuhen.accounts.roles import Role
from liuhen.cases.approvals import APPROVAL_STEPS, approval_rule_for
from liuhen.cases.errors import CaseInputError, CaseStateError
from liuhen.cases.models import (
    ActApproval,
    ApprovalOutcome,
    ApprovalStep,
    Case,
    CaseEvent,
    EventStatus,
)
from liuhen.cases.services.compliance import case_compliance_refresh
from liuhen.cases.services.events import (
    Draft,
    case_lock,
    correction_take_effect,
    draft_save,
    drafts_validate,
    effects_apply,
    review_gate_at_approval,
)
from liuhen.ledger.services import ledger_append
from liuhen.rules import vocabulary as v

STEP_ROLES = {ApprovalStep.REVIEW: Role.REVIEWER, ApprovalStep.APPROVE: Role.APPROVER}


def _check_decider(*, actor: User, case: Case, event: CaseEvent, step: str) -> list[ActApproval]:
    done = list(event.approvals.filter(outcome=ApprovalOutcome.APPROVED))
    expected = APPROVAL_STEPS[len(done)]
    if step != expected:
        raise CaseStateError(
            f"当前应由{ApprovalStep(expected).label}环节处理，不能{ApprovalStep(step).label}"
        )
    role = STEP_ROLES[ApprovalStep(step)]
    allowed = agency_ids_with_roles(user=actor, roles={role.value})
    if allowed is not None and case.agency_id not in allowed:
        raise CaseStateError(f"{ApprovalStep(step).label}须由本单位的{role.label}作出")
    if actor.pk == event.recorded_by_id or any(a.decided_by_id == actor.pk for a in done):
        raise CaseStateError("承办人、审核人、批准人须由不同人员担任")
    return done


@transaction.atomic
def case_act_approve(
    *, actor: User, event: CaseEvent, step: str, outcome: str, comment: str = ""
) -> ActApproval:
    """Decide one step of the chain on an act awaiting approval.

    `review` is decided by a 审核人, then `approve` by a 负责人（批准人） of the case's agency;
    neither may be the person who recorded the act, nor may one person decide both steps. A
    return (with reasons) ends the chain: the act is `returned`, never part of the timeline, and
    is recorded again if redone. The final approval makes the act effective, dated the later of
    its proposed time and the approval, after checking it still fits the timeline and passing the
    legal-review gate again (a review may have been required since it was proposed); a
    correction then replaces the event it corrects.
    Side effects: an ActApproval row and its ledger entry; the vocabulary event the approved step
    records (liuhen.cases.approvals) with its entry; on the final approval the event's status
    and time, the case's stage and closing times, and the compliance cache.
    """
    case = case_lock(event.case)
    # no select_related on the nullable `corrects`: PostgreSQL cannot lock an outer join's side
    event = CaseEvent.objects.select_for_update().get(pk=event.pk)
    if case.archived_at is not None:
        raise CaseStateError(f"案件 {case.number} 已归档，不能再审批")
    if event.case_id != case.pk or event.status != EventStatus.AWAITING:
        raise CaseStateError(f"该记录（{v.label(event.type)}）不在待审批状态")
    if step not in APPROVAL_STEPS:
        raise CaseInputError("step", f"未知的审批环节：{step}")
    if outcome not in ApprovalOutcome.values:
        raise CaseInputError("outcome", f"未知的审批结果：{outcome}")
    _check_decider(actor=actor, case=case, event=event, step=step)
    comment = comment.strip()
    if outcome == ApprovalOutcome.RETURNED and not comment:
        raise CaseInputError("comment", "退回须说明理由")
    now = timezone.now()
    approval = ActApproval.objects.create(
        event=event, step=step, decided_by=actor, decided_at=now, outcome=outcome, comment=comment
    )
    approved = outcome == ApprovalOutcome.APPROVED
    final = approved and step == APPROVAL_STEPS[-1]
    if outcome == ApprovalOutcome.RETURNED:
        event.status = EventStatus.RETURNED
        event.save(update_fields=["status"])
    approval.ledger_sequence = ledger_append(
        actor=actor,
        action="case.act_approve",
        target=approval,
        payload={
            "case": case.number,
            "event": event.event_id,
            "type": event.type,
            "step": step,
            "outcome": outcome,
            "comment": comment,
            "decided_at": now,
        },
    )
    approval.save(update_fields=["ledger_sequence"])
    rule = approval_rule_for(
        event_type=event.type, profile=case.profile, procedure=case.procedure, fields=event.fields
    )
    records = rule.records.get(step) if rule is not None and approved else None
    if records:
        chain = Draft(type=records, at=now, fields={}, extra={"approval": approval.pk})
        drafts_validate(case, [chain])
        draft_save(case, chain, actor=actor, now=now, approval=False)
    if final:
        proposed = event.at
        event.at = max(event.at, now)
        effective = Draft(
            type=event.type,
            at=event.at,
            fields=event.fields,
            event_id=event.event_id,
            corrects=event.corrects,
        )
        drafts_validate(case, [effective])
        # the decision exists from now: a legal review required since it was proposed binds it
        review_gate_at_approval(case, effective, event=event)
        if event.corrects is not None:
            correction_take_effect(event.corrects)
        event.status = EventStatus.EFFECTIVE
        event.save(update_fields=["status", "at"])
        ledger_append(
            actor=actor,
            action="case.act_effective",
            target=event,
            payload={
                "case": case.number,
                "event": event.event_id,
                "position": event.position,
                "corrects": event.corrects.position if event.corrects else None,
                "proposed": proposed,
                "at": event.at,
            },
        )
    if records or final:
        effects_apply(case, actor=actor)
    case_compliance_refresh(case=case)
    return approval
