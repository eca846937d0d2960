"""The outcome of a round: pass (同意) or return with reasons (存在问题, 第十一条), each with the
written opinion (第十二条) filed into the case; and the handler's escalation to the heads'
collective discussion (第十四条第二款)."""

from __future__ import annotations

import io
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from liuhen.accounts.models import User
from liuhen.accounts.roles import Role
from liuhen.agencies.models import Agency
from liuhen.cases.errors import CaseInputError, CaseStateError
from liuhen.cases.models import CaseEvent
from liuhen.cases.services import case_event_record
from liuhen.evidence.models import EvidenceHolding
from liuhen.evidence.services import evidence_ingest
from liuhen.ledger.services import ledger_append
from liuhen.review.models import (
    DiscussionOutcome,
    LegalReview,
    MaterialKind,
    ReviewMaterial,
    ReviewState,
)
from liuhen.review.opinion import Opinion, PointLine, opinion_docx, opinion_pdf
from liuhen.review.roles import handles, holds
from liuhen.review.rules import (
    MATERIALS,
    REPORT_ITEMS,
    REPORT_OPTIONAL,
    RETURN_GROUNDS,
    REVIEW_POINTS,
    REVIEW_POWERS,
    label_of,
)
from liuhen.review.services.reviewing import review_lock, reviewer_check, transition_check
from liuhen.rules.clock import CHINA
from liuhen.rules.vocabulary import DECISION_MEASURES


def _opinion_number(review: LegalReview, year: int) -> str:
    """文号: the agency's short name, 法审, the year and the next number of that year."""
    # the agency row locked: two opinions of one agency are numbered one after the other
    agency = Agency.objects.select_for_update().get(pk=review.case.agency_id)
    prefix = f"{agency.short_name or agency.name}法审〔{year}〕"
    taken = LegalReview.objects.filter(
        case__agency=agency, opinion_number__startswith=prefix
    ).values_list("opinion_number", flat=True)
    numbers = [int(n[len(prefix) : -1]) for n in taken if n[len(prefix) : -1].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1}号"


def _decision_text(review: LegalReview) -> str:
    decision = review.decision
    measures = "、".join(DECISION_MEASURES.get(m, m) for m in decision.get("measures", []))
    amount = decision.get("fine_amount")
    fine = f"，罚款 {amount:g} 元" if amount is not None else ""
    return f"{decision.get('text', '')}（{measures}{fine}）"


def _materials(review: LegalReview) -> list[str]:
    lines = [f"{label_of(MATERIALS, 'decision')}：{_decision_text(review)}"]
    items = [i.label for i in (*REPORT_ITEMS, *REPORT_OPTIONAL) if i.key in review.report]
    lines.append(f"{label_of(MATERIALS, 'report')}（{'、'.join(items)}）")
    for material in review.materials.select_related("holding").exclude(kind=MaterialKind.OPINION):
        lines.append(f"{material.get_kind_display()}：{material.holding.filename}")
    return lines


def opinion_build(review: LegalReview, *, passed: bool, now_year: int) -> Opinion:
    case = review.case
    recorded = {p.point: p for p in review.points.all()}
    points = [
        PointLine(
            p.label,
            recorded[p.key].sound if p.key in recorded else None,
            recorded[p.key].opinion if p.key in recorded else "",
        )
        for p in REVIEW_POINTS
    ]
    powers = [
        f"{label_of(REVIEW_POWERS, u.power)}：{u.detail}" for u in review.powers.order_by("id")
    ]
    submitter = review.submitted_by
    reviewer = review.reviewer
    return Opinion(
        agency=case.agency.name,
        number=review.opinion_number or _opinion_number(review, now_year),
        case_number=case.number,
        case_title=case.title,
        parties="、".join(p.name for p in case.parties.all()),
        submitted_by=submitter.full_name or submitter.username,
        received_at=review.received_at,
        reviewers=(reviewer.full_name or reviewer.username) if reviewer else "",
        materials=_materials(review),
        decision=_decision_text(review),
        major=("是：" + "；".join(review.classification)) if review.major else "否",
        points=points,
        powers=powers,
        passed=passed,
        grounds=[label_of(RETURN_GROUNDS, g) for g in review.grounds],
        reasons=review.reasons,
        suggestions=review.suggestions,
        decided_at=review.decided_at or timezone.now(),
    )


def _file_opinion(
    review: LegalReview, actor: User, *, passed: bool
) -> tuple[str, list[EvidenceHolding]]:
    """Generate the opinion in both formats and store them in the agency's evidence store."""
    year = (review.decided_at or timezone.now()).astimezone(CHINA).year
    opinion = opinion_build(review, passed=passed, now_year=year)
    stem = f"法制审核意见书_{review.case.number}_第{review.round}轮".replace("/", "-")
    holdings = []
    for content, suffix in ((opinion_docx(opinion), "docx"), (opinion_pdf(opinion), "pdf")):
        holdings.append(
            evidence_ingest(
                actor=actor,
                agency=review.case.agency,
                source=io.BytesIO(content),
                filename=f"{stem}.{suffix}",
                description=f"{opinion.number}（{opinion.conclusion}）",
            )
        )
    return opinion.number, holdings


def _conclude(review: LegalReview, actor: User, *, passed: bool) -> LegalReview:
    review.decided_at = timezone.now()
    review.opinion_number, holdings = _file_opinion(review, actor, passed=passed)
    event_type = "legal_review.passed" if passed else "legal_review.rejected"
    event = case_event_record(
        actor=actor,
        case=review.case,
        type=event_type,
        at=review.decided_at,
        fields={} if passed else {"reasons": True},
        documents=holdings,
        note=review.opinion_number,
    )
    ReviewMaterial.objects.bulk_create(
        ReviewMaterial(review=review, holding=h, kind=MaterialKind.OPINION) for h in holdings
    )
    review.state = ReviewState.PASSED if passed else ReviewState.RETURNED
    review.decided_at = event.at
    review.outcome_event = event
    review.save()
    ledger_append(
        actor=actor,
        action="review.pass" if passed else "review.return",
        target=review,
        payload={
            "case": review.case.number,
            "round": review.round,
            "event": event.event_id,
            "opinion": review.opinion_number,
            "documents": [h.object_id for h in holdings],
            "grounds": review.grounds,
            "reasons": review.reasons,
            "suggestions": review.suggestions,
        },
    )
    return review


@transaction.atomic
def review_pass(
    *, actor: User, review: LegalReview, reasons: str = "", suggestions: str = ""
) -> LegalReview:
    """Pass the round (审核通过，同意): every point of 第九条 recorded and sound.
    Side effects: the opinion as DOCX and PDF in the evidence store, linked to the
    `legal_review.passed` event in the case timeline; the round passed; a ledger entry."""
    review = review_lock(review)
    transition_check(review, ReviewState.PASSED)
    reviewer_check(actor, review, doing="作出审核意见")
    points = {p.point: p for p in review.points.all()}
    missing = [p.label for p in REVIEW_POINTS if p.key not in points]
    if missing:
        raise CaseStateError(
            "尚未对以下审核要点提出意见（henan-review 第九条）：" + "；".join(missing)
        )
    unsound = [label_of(REVIEW_POINTS, k) for k, p in points.items() if not p.sound]
    if unsound:
        raise CaseStateError("以下审核要点存在问题，不能审核通过，应当退回：" + "；".join(unsound))
    review.reasons, review.suggestions = reasons.strip(), suggestions.strip()
    return _conclude(review, actor, passed=True)


@transaction.atomic
def review_return(
    *,
    actor: User,
    review: LegalReview,
    grounds: Sequence[str],
    reasons: str,
    suggestions: str = "",
) -> LegalReview:
    """Return the round to the handlers (不予审核通过, 第十一条) naming the grounds and the reasons.
    Side effects: the opinion as DOCX and PDF in the evidence store, linked to the
    `legal_review.rejected` event (reasons given) in the case timeline; the round returned; a
    ledger entry."""
    review = review_lock(review)
    transition_check(review, ReviewState.RETURNED)
    reviewer_check(actor, review, doing="作出审核意见")
    known = {g.key for g in RETURN_GROUNDS}
    if not grounds or any(g not in known for g in grounds):
        raise CaseInputError("grounds", "须选择不予通过的情形（henan-review 第十一条）")
    if not reasons.strip():
        raise CaseInputError("reasons", "退回须提出具体审核意见并说明理由（henan-review 第十一条）")
    review.grounds = list(dict.fromkeys(grounds))
    review.reasons, review.suggestions = reasons.strip(), suggestions.strip()
    return _conclude(review, actor, passed=False)


@transaction.atomic
def review_escalate(
    *, actor: User, review: LegalReview, reason: str, conclusion: str, outcome: str
) -> CaseEvent:
    """A handler who disagrees with a return, after consulting the review body, has it decided
    by the heads' collective discussion (第十四条第二款); a handler of the case or a head records
    it with the reason of the disagreement, the discussion's conclusion and what it decided
    (`outcome`, DiscussionOutcome): only a decision against the opinion lets the decision be made
    without a new round; one upholding it leaves the handlers to resubmit (第十四条第一款).
    Side effects: the `collective_discussion` event in the case timeline, the round escalated,
    a ledger entry."""
    review = review_lock(review)
    transition_check(review, ReviewState.ESCALATED)
    agency = review.case.agency_id
    if not (
        holds(actor, agency, Role.APPROVER)
        or (holds(actor, agency, Role.HANDLER) and handles(actor, review.case))
    ):
        raise CaseStateError("提请集体讨论须由本案承办人员或本单位负责人办理")
    reason, conclusion = reason.strip(), conclusion.strip()
    if not reason:
        raise CaseInputError("reason", "须说明对审核意见的异议和沟通情况")
    if not conclusion:
        raise CaseInputError("conclusion", "须记录集体讨论的结论")
    if outcome not in DiscussionOutcome.values:
        raise CaseInputError("outcome", "须选择集体讨论的决定（是否采纳审核意见）")
    decided = DiscussionOutcome(outcome)
    event = case_event_record(
        actor=actor,
        case=review.case,
        type="collective_discussion",
        at=timezone.now(),
        note=f"异议：{reason}；集体讨论决定：{decided.label}；结论：{conclusion}"[:2000],
    )
    review.state = ReviewState.ESCALATED
    review.discussion_outcome = decided.value
    review.escalated_at = event.at
    review.escalation_reason = f"{reason}\n{conclusion}"
    review.escalation_event = event
    review.save(
        update_fields=[
            "state",
            "escalated_at",
            "escalation_reason",
            "escalation_event",
            "discussion_outcome",
        ]
    )
    ledger_append(
        actor=actor,
        action="review.escalate",
        target=review,
        payload={
            "event": event.event_id,
            "reason": reason,
            "conclusion": conclusion,
            "outcome": decided.value,
        },
    )
    return event
