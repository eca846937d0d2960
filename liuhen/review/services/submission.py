"""Sending an intended decision for legal review with the materials of henan-review 第八条."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from liuhen.accounts.models import User
from liuhen.accounts.roles import Role
from liuhen.cases.errors import CaseInputError, CaseStateError
from liuhen.cases.models import Case, CaseEvent, EventStatus
from liuhen.cases.services import case_event_record
from liuhen.cases.services.events import case_lock
from liuhen.evidence.models import EvidenceHolding
from liuhen.ledger.services import ledger_append
from liuhen.review.classification import decision_classify
from liuhen.review.clock import review_due
from liuhen.review.gate import open_rounds
from liuhen.review.models import LegalReview, MaterialKind, ReviewMaterial, ReviewState
from liuhen.review.roles import require
from liuhen.review.rules import (
    APPRAISAL_EVENTS,
    MAJOR_SITUATIONS,
    MATERIALS,
    REPORT_ITEMS,
    REPORT_OPTIONAL,
    label_of,
)
from liuhen.review.services.catalogue import major_set
from liuhen.rules.vocabulary import DECISION_MEASURES


@dataclass(frozen=True, slots=True)
class ReviewMaterials:
    """What the 承办机构 sends (第八条): the intended decision (its text, measures, fine and the
    第六条 situations the handler states), the 调查终结报告 by its contents (REPORT_ITEMS), and
    files of the evidence store: evidence, appraisal/assessment reports, others."""

    decision_text: str = ""
    measures: Sequence[str] = ()
    fine_amount: Decimal | int | str | None = None
    flags: Sequence[str] = ()
    report: Mapping[str, str] = field(default_factory=dict)
    evidence: Sequence[EvidenceHolding] = ()
    appraisals: Sequence[EvidenceHolding] = ()
    others: Sequence[EvidenceHolding] = ()


def _missing(case: Case, materials: ReviewMaterials) -> list[str]:
    """What 第八条 requires and the submission lacks, by name."""
    missing = []
    if not materials.decision_text.strip() or not materials.measures:
        missing.append(f"{label_of(MATERIALS, 'decision')}（决定内容和决定措施）")
    for item in REPORT_ITEMS:
        if not str(materials.report.get(item.key, "")).strip():
            missing.append(f"{label_of(MATERIALS, 'report')}中的“{item.label}”")
    if not materials.evidence:
        missing.append(label_of(MATERIALS, "evidence"))
    appraised = CaseEvent.objects.filter(
        case=case, type__in=APPRAISAL_EVENTS, status=EventStatus.EFFECTIVE
    ).exists()
    if appraised and not materials.appraisals:
        missing.append(f"{label_of(MATERIALS, 'appraisals')}（本案记录有检验、鉴定或专家论证）")
    return missing


def _check_input(case: Case, materials: ReviewMaterials) -> Decimal | None:
    unknown = [m for m in materials.measures if m not in DECISION_MEASURES]
    if unknown:
        raise CaseInputError("measures", f"未知的决定措施：{'、'.join(unknown)}")
    situations = {s.key for s in MAJOR_SITUATIONS}
    if any(f not in situations for f in materials.flags):
        raise CaseInputError("flags", "未知的重大情形")
    known = {i.key for i in (*REPORT_ITEMS, *REPORT_OPTIONAL)}
    extra = sorted(set(materials.report) - known)
    if extra:
        raise CaseInputError("report", f"调查终结报告没有这些项目：{'、'.join(extra)}")
    amount = None
    if materials.fine_amount not in (None, ""):
        try:
            amount = Decimal(str(materials.fine_amount))
        except (InvalidOperation, ValueError):
            amount = Decimal(-1)
        if not amount.is_finite() or amount < 0:
            raise CaseInputError("fine_amount", "罚款数额须为不小于零的数")
    for holding in (*materials.evidence, *materials.appraisals, *materials.others):
        if holding.agency_id != case.agency_id:
            raise CaseInputError("evidence", f"材料“{holding.filename}”不属于本案的执法主体")
    missing = _missing(case, materials)
    if missing:
        raise CaseInputError(
            "materials",
            "送审材料不齐全（henan-review 第八条），缺少：" + "；".join(missing),
        )
    return amount


@transaction.atomic
def review_submit(*, actor: User, case: Case, materials: ReviewMaterials) -> LegalReview:
    """Send the intended decision for legal review (a 承办人 of the agency).

    The materials are checked for completeness first (CaseInputError listing everything missing;
    nothing written). The decision is classified (major or not, with reasons); a decision the
    agency's catalogue (or the 第六条 situations the handler states) makes major sets the case's
    `major` fact. A case with a round still open cannot
    submit another; after a return the resubmission is the next round.
    Side effects: a LegalReview (state submitted, the period from now), its ReviewMaterial rows,
    the `legal_review.submitted` event in the case timeline, a ledger entry; where newly major,
    the case's `major` fact with its MajorMark and ledger entry; the compliance cache.
    """
    case = case_lock(case)
    require(actor, case.agency_id, Role.HANDLER, doing="送交法制审核")
    if case.archived_at is not None:
        raise CaseStateError(f"案件 {case.number} 已归档，不能送审")
    if LegalReview.objects.filter(open_rounds(case)).exists():
        raise CaseStateError("本案已有送审尚未审核完毕，不能重复送审")
    amount = _check_input(case, materials)
    classification = decision_classify(
        case=case, measures=materials.measures, fine_amount=amount, flags=materials.flags
    )
    if classification.listed and not case.major:
        major_set(actor=actor, case=case, reason="；".join(classification.reasons), automatic=True)
    now = timezone.now()
    event = case_event_record(actor=actor, case=case, type="legal_review.submitted", at=now)
    last = LegalReview.objects.filter(case=case).order_by("-round").first()
    review = LegalReview.objects.create(
        case=case,
        round=(last.round + 1) if last else 1,
        state=ReviewState.SUBMITTED,
        major=classification.major,
        classification=classification.reasons,
        decision={
            "text": materials.decision_text.strip(),
            "measures": list(materials.measures),
            "fine_amount": float(amount) if amount is not None else None,
            "flags": list(materials.flags),
        },
        report={k: str(v).strip() for k, v in materials.report.items() if str(v).strip()},
        submitted_by=actor,
        received_at=event.at,
        due_at=review_due(event.at),
        submitted_event=event,
    )
    files = [
        *((h, MaterialKind.EVIDENCE) for h in materials.evidence),
        *((h, MaterialKind.APPRAISAL) for h in materials.appraisals),
        *((h, MaterialKind.OTHER) for h in materials.others),
    ]
    ReviewMaterial.objects.bulk_create(
        ReviewMaterial(review=review, holding=h, kind=k) for h, k in dict(files).items()
    )
    ledger_append(
        actor=actor,
        action="review.submit",
        target=review,
        payload={
            "case": case.number,
            "round": review.round,
            "event": event.event_id,
            "major": review.major,
            "reasons": review.classification,
            "decision": review.decision,
            "report": sorted(review.report),
            "materials": [[h.pk, k] for h, k in files],
            "due_at": review.due_at,
        },
    )
    return review
