"""The agency's 重大执法决定法制审核目录清单 (henan-review 第七条) and marking a case major."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from liuhen.accounts.models import User
from liuhen.accounts.roles import Role
from liuhen.agencies.models import Agency
from liuhen.cases.errors import CaseInputError, CaseStateError
from liuhen.cases.models import Case
from liuhen.cases.services import case_compliance_refresh
from liuhen.cases.services.events import case_lock
from liuhen.evidence.access import CASE_WORK_ROLES
from liuhen.ledger.services import ledger_append
from liuhen.review.models import CriterionKind, MajorDecisionCriterion, MajorMark
from liuhen.review.roles import holds, require
from liuhen.review.rules import MAJOR_SITUATIONS
from liuhen.rules.vocabulary import ACTIONS, DECISION_MEASURES


@dataclass(frozen=True, slots=True)
class CriterionInput:
    """One entry of the catalogue as entered: a measure list, a fine threshold or a situation."""

    kind: str
    label: str
    action: str = ""
    measures: Sequence[str] = ()
    fine_threshold: Decimal | int | str | None = None
    situation: str = ""
    basis: str = ""


def _clean(entry: CriterionInput, index: int) -> dict[str, object]:
    where = f"criteria[{index}]"
    if entry.kind not in CriterionKind.values:
        raise CaseInputError(f"{where}.kind", f"第{index + 1}项：未知的类别“{entry.kind}”")
    label = entry.label.strip()
    if not label:
        raise CaseInputError(f"{where}.label", f"第{index + 1}项：须填写事项名称")
    if entry.action and entry.action not in ACTIONS:
        raise CaseInputError(f"{where}.action", f"第{index + 1}项：未知的执法行为类别")
    values: dict[str, object] = {
        "kind": entry.kind,
        "label": label[:200],
        "action": entry.action,
        "basis": entry.basis.strip()[:200],
        "measures": [],
        "fine_threshold": None,
        "situation": "",
    }
    if entry.kind == CriterionKind.MEASURE:
        unknown = [m for m in entry.measures if m not in DECISION_MEASURES]
        if not entry.measures or unknown:
            raise CaseInputError(
                f"{where}.measures",
                f"第{index + 1}项：须从决定措施中选择（{'、'.join(unknown) or '未选择'}）",
            )
        values["measures"] = sorted(set(entry.measures))
    elif entry.kind == CriterionKind.FINE:
        try:
            amount = Decimal(str(entry.fine_threshold))
        except (InvalidOperation, ValueError):
            amount = Decimal(-1)
        if entry.fine_threshold is None or not amount.is_finite() or amount <= 0:
            raise CaseInputError(f"{where}.fine_threshold", f"第{index + 1}项：罚款数额须为正数")
        values["fine_threshold"] = amount
    elif entry.situation not in {s.key for s in MAJOR_SITUATIONS}:
        raise CaseInputError(f"{where}.situation", f"第{index + 1}项：未知的情形")
    else:
        values["situation"] = entry.situation
    return values


@transaction.atomic
def review_catalogue_set(
    *, actor: User, agency: Agency, criteria: Sequence[CriterionInput]
) -> list[MajorDecisionCriterion]:
    """Replace the agency's catalogue of major decisions with `criteria`.

    Set by the agency's 负责人 or 法制审核人员. Every entry is checked first (CaseInputError naming
    the entry; nothing written). Side effects: the active entries retired (kept, with the time),
    the new ones created, one ledger entry with the whole new catalogue.
    """
    require(actor, agency.pk, Role.APPROVER, Role.LEGAL_REVIEWER, doing="设定重大执法决定目录")
    cleaned = [_clean(entry, i) for i, entry in enumerate(criteria)]
    now = timezone.now()
    retired = list(
        MajorDecisionCriterion.objects.filter(agency=agency, active=True).values_list(
            "pk", flat=True
        )
    )
    MajorDecisionCriterion.objects.filter(pk__in=retired).update(active=False, retired_at=now)
    created = [
        MajorDecisionCriterion.objects.create(
            agency=agency, created_at=now, created_by=actor, **values
        )
        for values in cleaned
    ]
    ledger_append(
        actor=actor,
        action="review.catalogue_set",
        target=agency,
        payload={
            "retired": retired,
            "criteria": [
                {**values, "id": c.pk, "fine_threshold": str(values["fine_threshold"] or "")}
                for c, values in zip(created, cleaned, strict=True)
            ],
        },
    )
    return created


def major_set(*, actor: User | None, case: Case, reason: str, automatic: bool) -> MajorMark:
    """Set the case's `major` fact (列入重大执法决定目录) inside the caller's transaction: the row,
    a MajorMark, a ledger entry, the compliance cache (the rules engine now treats it as major)."""
    now = timezone.now()
    mark = MajorMark.objects.create(
        case=case, marked_by=actor, marked_at=now, reason=reason, automatic=automatic
    )
    was = case.major
    case.major = True
    case.save(update_fields=["major"])
    ledger_append(
        actor=actor,
        action="case.major_mark",
        target=case,
        payload={"case": case.number, "was": was, "reason": reason, "automatic": automatic},
    )
    case_compliance_refresh(case=case)
    return mark


@transaction.atomic
def case_major_mark(*, actor: User, case: Case, reason: str) -> MajorMark:
    """Mark the case's decision major by hand (a member doing case work in its agency), with the
    reason. Side effects: `case.major` set (the timeline export says so), a MajorMark row, a
    ledger entry, the compliance cache."""
    case = case_lock(case)
    if not holds(actor, case.agency_id, *(Role(r) for r in CASE_WORK_ROLES)):
        raise CaseStateError("认定重大执法决定须由本单位办案人员办理")
    if case.archived_at is not None:
        raise CaseStateError(f"案件 {case.number} 已归档，不能再认定")
    reason = reason.strip()
    if not reason:
        raise CaseInputError("reason", "认定为重大执法决定须说明理由")
    return major_set(actor=actor, case=case, reason=reason[:2000], automatic=False)
