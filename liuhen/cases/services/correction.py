"""Correcting a recorded event: a new, correcting row; the original is kept as it was recorded.

Records are never altered (docs/adr/0503-event-correction.md). A correction takes the place of
the event it corrects in the case's effective timeline, under the same spec id, so references to
it (`of`, `av`) stay valid and the export, the findings, the compliance cache and the stages
follow the correction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from liuhen.accounts.models import User
from liuhen.cases.access import CaseAction, access_case_by_id
from liuhen.cases.errors import CaseInputError, CaseStateError
from liuhen.cases.models import Case, CaseEvent, EventStatus
from liuhen.cases.services.compliance import case_compliance_refresh
from liuhen.cases.services.events import (
    case_lock,
    draft_build,
    draft_save,
    drafts_validate,
    effects_apply,
    guards_check,
)
from liuhen.evidence.models import EvidenceHolding
from liuhen.rules import vocabulary as v

# typed in by nobody: a recording is uploaded and attached, its storage is the server's clock
NOT_TYPED = frozenset({"av.recorded", "av.stored"})


def correctable_refusal(event: CaseEvent) -> str:
    """Why this event cannot be corrected now ("" when it can). Reads only."""
    if event.case.archived_at is not None:
        return f"案件 {event.case.number} 已归档，不能再更正记录"
    return correction_refusal(
        event,
        review_held=_review_recorded(event),
        correction_pending=event.corrections.filter(status=EventStatus.AWAITING).exists(),
    )


def correction_refusal(event: CaseEvent, *, review_held: bool, correction_pending: bool) -> str:
    """Why the event itself cannot be corrected ("" when it can), given whether a legal review
    round refers to it and whether a correction of it awaits approval: the service's rules, and
    the case page's (which knows both for all its events from two queries)."""
    if event.status == EventStatus.AWAITING:
        return (
            f"“{v.label(event.type)}”（{event.event_id}）尚待审批，不能更正："
            "请审核人或批准人退回后重新记录"
        )
    if event.status == EventStatus.RETURNED:
        return (
            f"“{v.label(event.type)}”（{event.event_id}）已被退回，不在执法过程记录中：请重新记录"
        )
    if event.status == EventStatus.CORRECTED:
        return f"“{v.label(event.type)}”（{event.event_id}）已被更正：请更正最新的记录"
    if event.type == "av.stored" and not event.imported:
        return "音像记录的储存时间由服务器按收到文件的时间记录，不能更正"
    if review_held:
        return (
            f"“{v.label(event.type)}”由法制审核流程记录（与审核轮次和意见书相关联），"
            "不能单独更正：请在法制审核中处理"
        )
    if correction_pending:
        return f"“{v.label(event.type)}”（{event.event_id}）已有一项更正待审批"
    return ""


def _review_recorded(event: CaseEvent) -> bool:
    """Whether a legal review round refers to this event (its submission, outcome or
    escalation): the round's state and opinion hang on it. (Imported lazily: review builds on
    cases.)"""
    from liuhen.review.models import LegalReview

    return LegalReview.objects.filter(
        Q(submitted_event=event) | Q(outcome_event=event) | Q(escalation_event=event)
    ).exists()


@transaction.atomic
def case_event_correct(
    *,
    actor: User,
    case: Case,
    event: CaseEvent,
    type: str | None = None,
    at: datetime,
    fields: Mapping[str, Any] | None = None,
    av: Sequence[str] = (),
    documents: Sequence[EvidenceHolding] | None = None,
    note: str = "",
    reason: str,
) -> CaseEvent:
    """Record a correction of `event` (effective, on `case`): its type (the same unless given),
    time and fields as for recording, the reason, and its documents (the original's unless
    given). Only those who may record on the case; not on an archived case; not for an event
    awaiting approval (return it instead), returned or already corrected. The correction must
    change something and the effective timeline with it must pass `parse_timeline`; every guard
    of recording applies, the legal-review gate included. A correction of an act the approval
    table names waits for the chain; the original stays effective until the correction does.
    A correction of an imported event stays imported (it corrects the source's record).
    Side effects: the correcting CaseEvent (same spec id, `corrects` the original, with the
    reason) and its documents; the original's status `corrected` once the correction is
    effective (its content untouched); one ledger entry `case.event_correct` naming both;
    closing times and stage; the compliance cache.
    """
    access_case_by_id(user=actor, case_id=case.pk, action=CaseAction.RECORD)
    case = case_lock(case)
    original = CaseEvent.objects.select_for_update().get(pk=event.pk)
    if original.case_id != case.pk:
        raise CaseInputError("event", "须指定本案的一条记录")
    original.case = case
    refusal = correctable_refusal(original)
    if refusal:
        raise CaseStateError(refusal)
    reason = reason.strip()
    if not reason:
        raise CaseInputError("reason", "更正须说明理由")
    type = type or original.type
    if type != original.type and type in NOT_TYPED:
        raise CaseInputError("type", f"“{v.label(type)}”不能由更正产生：音像记录须上传后登记")
    if documents is None:
        documents = [d.holding for d in original.documents.select_related("holding")]
    draft = draft_build(
        type=type,
        at=at,
        fields=fields,
        av=av,
        note=note,
        imported=original.imported,
        documents=documents,
    )
    draft.event_id = original.event_id
    draft.corrects = original
    draft.reason = reason[:2000]
    drafts_validate(case, [draft])
    before = set(original.documents.values_list("holding_id", flat=True))
    if (draft.type, draft.at, draft.fields, {h.pk for h in documents}) == (
        original.type,
        original.at,
        original.fields,
        before,
    ):
        raise CaseInputError("fields", "更正须改变记录的内容（类型、时间、字段或文件）")
    now = timezone.now()
    guards_check(case, draft, now=now)
    correction = draft_save(case, draft, actor=actor, now=now)
    effects_apply(case, actor=actor)
    case_compliance_refresh(case=case)
    return correction
