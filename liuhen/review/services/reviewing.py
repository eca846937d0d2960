"""The reviewer's work on a round: taking it, the eight points (第九条), the powers (第十条), and
the head's extension of the period (第十三条).

The round's states and their transitions (each names its source, target and guards):

    submitted --review_start (法制审核人员 of the agency, not a handler of the case)--> in_review
    in_review --review_pass (every point recorded, all sound)--> passed
    in_review --review_return (grounds of 第十一条 and reasons)--> returned
    returned --review_escalate (handler or head disagrees, 第十四条第二款)--> escalated
    returned --review_submit (again, changed)--> a new round, submitted
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from liuhen.accounts.models import User
from liuhen.accounts.roles import Role
from liuhen.cases.errors import CaseInputError, CaseStateError
from liuhen.cases.services import case_event_record
from liuhen.cases.services.events import case_lock
from liuhen.ledger.services import ledger_append
from liuhen.review.clock import review_due
from liuhen.review.models import LegalReview, ReviewPointOpinion, ReviewPowerUse, ReviewState
from liuhen.review.roles import require, reviewer_refusal
from liuhen.review.rules import REVIEW_POINTS, REVIEW_POWERS, label_of

TRANSITIONS: dict[str, tuple[str, ...]] = {
    ReviewState.SUBMITTED: (ReviewState.IN_REVIEW,),
    ReviewState.IN_REVIEW: (ReviewState.PASSED, ReviewState.RETURNED),
    ReviewState.RETURNED: (ReviewState.ESCALATED,),
    ReviewState.PASSED: (),
    ReviewState.ESCALATED: (),
}


def review_lock(review: LegalReview) -> LegalReview:
    """The case and the round, locked for the rest of the transaction."""
    case_lock(review.case)
    return (
        LegalReview.objects.select_related("case", "case__agency")
        .select_for_update()
        .get(pk=review.pk)
    )


def transition_check(review: LegalReview, target: str) -> None:
    if target not in TRANSITIONS[review.state]:
        raise CaseStateError(
            f"本轮法制审核{review.get_state_display()}，不能转为“{ReviewState(target).label}”"
        )


def reviewer_check(actor: User | None, review: LegalReview, *, doing: str) -> User:
    """A 法制审核人员 of the case's agency who does not handle the case nor submitted it."""
    user = require(actor, review.case.agency_id, Role.LEGAL_REVIEWER, doing=doing)
    refusal = reviewer_refusal(user, review)
    if refusal:
        raise CaseStateError(refusal)
    return user


@transaction.atomic
def review_start(*, actor: User, review: LegalReview) -> LegalReview:
    """Take a submitted round into review. Side effects: the round's reviewer, state and start
    time; a ledger entry."""
    review = review_lock(review)
    transition_check(review, ReviewState.IN_REVIEW)
    user = reviewer_check(actor, review, doing="法制审核")
    review.reviewer = user
    review.state = ReviewState.IN_REVIEW
    review.started_at = timezone.now()
    review.save(update_fields=["reviewer", "state", "started_at"])
    ledger_append(
        actor=actor,
        action="review.start",
        target=review,
        payload={"case": review.case.number, "round": review.round},
    )
    return review


def _in_review(review: LegalReview, actor: User, doing: str) -> None:
    if review.state != ReviewState.IN_REVIEW:
        raise CaseStateError(f"本轮法制审核{review.get_state_display()}，不能{doing}")
    reviewer_check(actor, review, doing=doing)


@transaction.atomic
def review_point_record(
    *, actor: User, review: LegalReview, point: str, sound: bool, opinion: str
) -> ReviewPointOpinion:
    """Record (or revise) the opinion on one point of 第九条. Side effects: the point's row
    (replaced when recorded again), a ledger entry with the text."""
    review = review_lock(review)
    _in_review(review, actor, "记录审核意见")
    if point not in {p.key for p in REVIEW_POINTS}:
        raise CaseInputError("point", f"未知的审核要点：{point}")
    opinion = opinion.strip()
    if not opinion:
        raise CaseInputError("opinion", f"须填写“{label_of(REVIEW_POINTS, point)}”的审核意见")
    row, _ = ReviewPointOpinion.objects.update_or_create(
        review=review,
        point=point,
        defaults={
            "sound": sound,
            "opinion": opinion,
            "recorded_by": actor,
            "recorded_at": timezone.now(),
        },
    )
    ledger_append(
        actor=actor,
        action="review.point_record",
        target=row,
        payload={"review": review.pk, "point": point, "sound": sound, "opinion": opinion},
    )
    return row


@transaction.atomic
def review_power_record(
    *, actor: User, review: LegalReview, power: str, detail: str
) -> ReviewPowerUse:
    """Record a measure of 第十条 taken in the review (materials consulted or obtained, an
    explanation required of the handlers, a meeting or expert panel). Side effects: the row, a
    ledger entry."""
    review = review_lock(review)
    _in_review(review, actor, "记录审核措施")
    if power not in {p.key for p in REVIEW_POWERS}:
        raise CaseInputError("power", f"未知的审核措施：{power}")
    detail = detail.strip()
    if not detail:
        raise CaseInputError("detail", f"须说明“{label_of(REVIEW_POWERS, power)}”的情况")
    row = ReviewPowerUse.objects.create(
        review=review, power=power, detail=detail, recorded_by=actor, recorded_at=timezone.now()
    )
    ledger_append(
        actor=actor,
        action="review.power_record",
        target=row,
        payload={"review": review.pk, "power": power, "detail": detail},
    )
    return row


@transaction.atomic
def review_extend(*, actor: User, review: LegalReview, reason: str) -> LegalReview:
    """The head (负责人) approves extending the period of a complex case (第十三条), once, before
    it ends. Side effects: the round's new due time and extension, the `legal_review.extended`
    event (approved) in the case timeline, a ledger entry."""
    review = review_lock(review)
    require(actor, review.case.agency_id, Role.APPROVER, doing="批准延长法制审核期限")
    if review.state not in (ReviewState.SUBMITTED, ReviewState.IN_REVIEW):
        raise CaseStateError(f"本轮法制审核{review.get_state_display()}，不能延长期限")
    if review.extended_at is not None:
        raise CaseStateError("本轮法制审核期限已延长过一次")
    now = timezone.now()
    if now > review.due_at:
        raise CaseStateError("审核期限已届满，不能再延长")
    reason = reason.strip()
    if not reason:
        raise CaseInputError("reason", "延长审核期限须说明理由（案件复杂的情况）")
    event = case_event_record(
        actor=actor,
        case=review.case,
        type="legal_review.extended",
        at=now,
        fields={"approved": True},
        note=reason[:500],
    )
    review.extended_at, review.extended_by = event.at, actor
    review.extension_reason = reason[:500]
    review.due_at = review_due(review.received_at, extended=True)
    review.save(update_fields=["extended_at", "extended_by", "extension_reason", "due_at"])
    ledger_append(
        actor=actor,
        action="review.extend",
        target=review,
        payload={"event": event.event_id, "due_at": review.due_at, "reason": reason},
    )
    return review
