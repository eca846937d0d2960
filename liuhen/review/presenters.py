"""What the review pages show, read from the round and the rules: the review clock in China
time, the rights that open each form (the services still decide), the review state on a case.
Reads only."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from liuhen.accounts.access import roles_in_agency
from liuhen.accounts.models import User
from liuhen.accounts.roles import Role
from liuhen.cases.models import Case, CaseEvent, EventStatus
from liuhen.cases.presenters import china_text, deadline_text, span_text, time_left
from liuhen.evidence.access import CASE_WORK_ROLES
from liuhen.review.access import ReviewAction, access_reviews
from liuhen.review.classification import decision_classify
from liuhen.review.clock import review_period_text
from liuhen.review.gate import latest, review_gate_refusals
from liuhen.review.models import LegalReview, ReviewState
from liuhen.review.roles import handles, reviewer_refusal

OPEN_STATES = (ReviewState.SUBMITTED, ReviewState.IN_REVIEW)


@dataclass(frozen=True, slots=True)
class Clock:
    """The round's period (第十三条): due time in China time, what is left, overdue or not."""

    due: str
    left: str
    overdue: bool
    running: bool
    extended: bool
    period: str
    # 第十三条's period binds the review of a major decision; the review of another
    # general-procedure penalty (第十八条) has no period of its own and is kept to it for guidance
    binding: bool = True


def round_clock(review: LegalReview, now: dt.datetime | None = None) -> Clock:
    now = now or timezone.now()
    running = review.state in OPEN_STATES
    extended = review.extended_at is not None
    binding = review.major
    if running:
        left = time_left(review.due_at, now)
        late = review.due_at <= now
    else:
        finished = review.decided_at or review.escalated_at or now
        late = finished > review.due_at
        over = f"，超期 {span_text(finished - review.due_at)}" if late else "，在期限内"
        left = f"{china_text(finished)} 审核完毕{over}" if review.decided_at else "已停止计时"
    period = review_period_text(extended=extended)
    if not binding:
        period += f"（非重大执法决定：{GUIDANCE_ONLY}）"
        left = f"参照期限：{left}"
    return Clock(
        due=deadline_text(review.due_at),
        left=left,
        overdue=late and binding,
        running=running,
        extended=extended,
        period=period,
        binding=binding,
    )


GUIDANCE_ONLY = "henan-review 第十八条未规定审核时限，参照第十三条"


def _roles(user: User | AnonymousUser, agency_id: int) -> frozenset[str] | None:
    return roles_in_agency(user=user, agency_id=agency_id)


def _holds(roles: frozenset[str] | None, *wanted: Role) -> bool:
    return roles is None or any(r in roles for r in wanted)


@dataclass(frozen=True, slots=True)
class RoundRights:
    """Which forms of the round page to show this user (the services refuse the rest)."""

    review: bool  # a legal reviewer who neither handles the case nor submitted it
    extend: bool
    escalate: bool
    # to a legal reviewer of the agency who may not review this round: why (else "")
    review_refused: str = ""


def round_rights(user: User, review: LegalReview) -> RoundRights:
    roles = _roles(user, review.case.agency_id)
    handler = handles(user, review.case)
    reviewer = (
        access_reviews(user=user, action=ReviewAction.REVIEW).filter(pk=review.pk).exists()
        and not handler
        and user.pk != review.submitted_by_id
        and review.reviewer_id in (None, user.pk)
    )
    refused = ""
    if not reviewer and _holds(roles, Role.LEGAL_REVIEWER) and review.state in OPEN_STATES:
        refused = reviewer_refusal(user, review)
    return RoundRights(
        review=reviewer,
        review_refused=refused,
        extend=_holds(roles, Role.APPROVER)
        and review.state in OPEN_STATES
        and review.extended_at is None,
        escalate=review.state == ReviewState.RETURNED
        and (_holds(roles, Role.APPROVER) or (_holds(roles, Role.HANDLER) and handler)),
    )


@dataclass
class CaseReview:
    """The review state of a case, for the case page's panel."""

    rounds: list[tuple[LegalReview, Clock]]
    last: LegalReview | None
    needed: list[str]  # what the gate says a decision would need now
    major_reasons: list[str]
    can_submit: bool = False
    can_escalate: bool = False
    can_mark: bool = False
    can_override: bool = False
    decided: bool = False
    state: str = ""
    notes: list[str] = field(default_factory=list)


def case_review(*, user: User, case: Case) -> CaseReview:
    rounds = list(access_reviews(user=user).filter(case=case).order_by("round"))
    last = rounds[-1] if rounds else None
    needed = [r.message for r in review_gate_refusals(case, "decision.made", {})]
    classification = decision_classify(case=case, measures=[])
    roles = _roles(user, case.agency_id)
    live = case.archived_at is None
    open_round = last is not None and last.state in OPEN_STATES
    decided_at = latest(
        CaseEvent.objects.filter(case=case, type="decision.made", status=EventStatus.EFFECTIVE),
        "recorded_at",
    )
    # the decision is made after the last round: what a further decision would need is not
    # this case's next step, and saying it reads as if the review had not been done
    decided = decided_at is not None and (last is None or last.received_at < decided_at)
    if decided:
        needed = []
        done = f"经第{last.round}轮法制审核{last.get_state_display()}" if last else "未经法制审核"
        state = f"已作出决定（{done}）"
    elif last is None:
        state = "需要法制审核" if needed else "目前无需法制审核"
    else:
        state = f"第{last.round}轮{last.get_state_display()}"
    return CaseReview(
        rounds=[(r, round_clock(r)) for r in rounds],
        last=last,
        needed=needed,
        major_reasons=classification.reasons,
        can_submit=live and not open_round and not decided and _holds(roles, Role.HANDLER),
        can_escalate=live
        and last is not None
        and last.state == ReviewState.RETURNED
        and (_holds(roles, Role.APPROVER) or (_holds(roles, Role.HANDLER) and handles(user, case))),
        can_mark=live and not case.major and _holds(roles, *(Role(r) for r in CASE_WORK_ROLES)),
        can_override=live and bool(needed) and _holds(roles, Role.APPROVER),
        decided=decided,
        state=state,
    )
