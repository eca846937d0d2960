"""The gate: an act a regulation of the case's profile forbids before a passed legal review
(REVIEW_RULES) is refused until one has passed, citing the regulation and article.

Called from the cases event path (`liuhen.cases.services.events.guards_check`) for every act
recorded on the platform. Imports are never gated (they happened elsewhere). A head may record a
decision without review, with a reason (`case_decision_record_without_review`): the draft then
carries `review_override` and passes, and the rules engine reports the missing review.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet

from liuhen.cases.errors import CaseStateError
from liuhen.cases.models import Case, CaseEvent, EventStatus
from liuhen.review.classification import Classification, decision_classify
from liuhen.review.models import DiscussionOutcome, LegalReview, ReviewState
from liuhen.review.rules import REVIEW_RULES, ReviewRule
from liuhen.rules import vocabulary as v
from liuhen.rules.clock import CHINA
from liuhen.rules.packs import load_packs

if TYPE_CHECKING:
    from liuhen.cases.services.events import Draft

OVERRIDE_KEY = "review_override"
PENALTY_MEASURES = frozenset(m for m, kind in v.MEASURE_KINDS.items() if kind == "penalty")


@dataclass(frozen=True, slots=True)
class Refusal:
    rule: ReviewRule
    message: str


def latest(events: QuerySet[CaseEvent], field: str) -> datetime | None:
    """The latest `field` of a case's events, taken in Python from the case's few rows: as
    `ORDER BY field DESC LIMIT 1`, SQLite walks the `(status, recorded_at)` index of every case's
    events instead (a second per case page at 3 million events)."""
    return max(events.order_by().values_list(field, flat=True), default=None)


def _last_decision_recorded_at(case: Case, replaced: CaseEvent | None) -> datetime | None:
    decisions = CaseEvent.objects.filter(
        case=case, type="decision.made", status=EventStatus.EFFECTIVE
    )
    if replaced is not None:
        decisions = decisions.exclude(pk=replaced.pk)
    return latest(decisions, "recorded_at")


def _first_in_window(
    case: Case, types: tuple[str, ...], until: datetime | None, replaced: CaseEvent | None
) -> CaseEvent | None:
    """The earliest act of these types after the last decision made and not after `until`."""
    if not types:
        return None
    decisions = CaseEvent.objects.filter(
        case=case, type="decision.made", status=EventStatus.EFFECTIVE
    )
    if replaced is not None:
        decisions = decisions.exclude(pk=replaced.pk)
    if until is not None:
        decisions = decisions.filter(at__lt=until)
    since = latest(decisions, "at")
    acts = CaseEvent.objects.filter(case=case, type__in=types, status=EventStatus.EFFECTIVE)
    if since is not None:
        acts = acts.filter(at__gt=since)
    if until is not None:
        acts = acts.filter(at__lte=until)
    return acts.order_by("at", "pk").first()


def _rounds_since(case: Case, replaced: CaseEvent | None = None) -> list[LegalReview]:
    """This decision's review rounds: those received since the last decision was recorded (for
    a correction, the last one before the event it replaces)."""
    rounds = LegalReview.objects.filter(case=case)
    since = _last_decision_recorded_at(case, replaced)
    if since is not None:
        rounds = rounds.filter(received_at__gt=since)
    return list(rounds.order_by("round"))


def _cleared(rounds: list[LegalReview], rule: ReviewRule) -> bool:
    if not rounds:
        return False
    last = rounds[-1]
    if last.state == ReviewState.PASSED:
        return True
    # the discussion decides (第十四条第二款): only a decision against the opinion clears it
    return (
        rule.discussion_suffices
        and last.state == ReviewState.ESCALATED
        and last.discussion_outcome == DiscussionOutcome.DECIDE
    )


def _reaches(rule: ReviewRule, case: Case, measures: set[str]) -> bool:
    """Whether the rule's regulation reaches this act as a duty, as its pack scopes it: a kind
    of act the text names, or one it reaches only through 等 (`advisory_actions`, advice in the
    rules engine) where the decision's measures show a kind it names (a fine is a 行政处罚)."""
    pack = load_packs().get(rule.regulation)
    if pack is None:
        return True
    if case.action not in pack.actions:
        return False
    if case.action not in pack.advisory_actions:
        return True
    named = pack.actions - pack.advisory_actions
    return any(v.MEASURE_KINDS.get(m) in named for m in measures)


def _act_measures(type_name: str, fields: Mapping[str, Any], rounds: list[LegalReview]) -> set[str]:
    """The measures of the decision the act concerns: its own for a decision, those of the
    intended decision last submitted for review for a pre-notice."""
    if type_name == "decision.made":
        return set(fields.get("measures") or ())
    return set(rounds[-1].decision.get("measures") or ()) if rounds else set()


def _unreviewed(fields: Mapping[str, Any], reviewed: Mapping[str, Any]) -> list[str]:
    """What the decision made adds to the intended decision the review passed: measures it did
    not contain, a fine larger than the one reviewed. A lighter decision was reviewed."""
    added = sorted(set(fields.get("measures") or ()) - set(reviewed.get("measures") or ()))
    found = [f"增加了{'、'.join(v.DECISION_MEASURES.get(m, m) for m in added)}"] if added else []
    amount, checked = fields.get("fine_amount"), reviewed.get("fine_amount")
    if amount is not None and checked is not None and Decimal(str(amount)) > Decimal(str(checked)):
        found.append(f"罚款数额 {amount:g} 元高于经审核的 {checked:g} 元")
    return found


def _penalty(case: Case, measures: set[str]) -> bool:
    return case.action == "penalty" or bool(measures & PENALTY_MEASURES)


def _local(moment: datetime) -> str:
    return moment.astimezone(CHINA).strftime("%Y-%m-%d %H:%M")


def _state_text(rounds: list[LegalReview]) -> str:
    if not rounds:
        return "本案尚未送交法制审核"
    last = rounds[-1]
    return f"本案第{last.round}轮法制审核{last.get_state_display()}"


def gate_classification(
    case: Case, type_name: str, fields: Mapping[str, Any], rounds: list[LegalReview]
) -> Classification:
    """Whether the act concerns a major decision: the decision's own measures, or for a
    pre-notice those of the intended decision last submitted for review."""
    if type_name == "decision.made":
        measures = list(fields.get("measures") or ())
        amount = fields.get("fine_amount")
    else:
        intended = rounds[-1].decision if rounds else {}
        measures = list(intended.get("measures") or ())
        amount = intended.get("fine_amount")
    flags = rounds[-1].decision.get("flags", []) if rounds else []
    found = decision_classify(case=case, measures=measures, fine_amount=amount, flags=flags)
    if not found.major and rounds and rounds[-1].major:
        return Classification(True, list(rounds[-1].classification), listed=True)
    return found


def review_gate_refusals(
    case: Case,
    type_name: str,
    fields: Mapping[str, Any],
    at: datetime | None = None,
    *,
    corrects: CaseEvent | None = None,
) -> list[Refusal]:
    """The review requirements of the case's profile the act, dated `at`, would breach now
    (empty: allowed). An act dated before the pass it relies on breaches it too. A correction
    (`corrects`: the event it replaces) relies on the reviews its original relied on."""
    rules = [r for r in REVIEW_RULES if r.event_type == type_name and r.binds(case.profile)]
    if not rules:
        return []
    rounds = _rounds_since(case, corrects)
    rules = [r for r in rules if _reaches(r, case, _act_measures(type_name, fields, rounds))]
    if not rules:
        return []
    classification = gate_classification(case, type_name, fields, rounds)
    measures = set(fields.get("measures") or ())
    refusals = []
    for rule in rules:
        if rule.scope == "major":
            applies = classification.major
            why = "；".join(classification.reasons)
        else:
            applies = (
                not classification.major
                and case.procedure == "general"
                and _penalty(case, measures)
            )
            why = "适用一般程序的行政处罚决定"
        if not applies:
            continue
        cleared = _cleared(rounds, rule)
        outcome = rounds[-1].decided_at if rounds else None
        if cleared and at is not None and outcome is not None and at < outcome:
            refusals.append(
                Refusal(
                    rule,
                    f"{v.label(type_name)}的时间早于法制审核意见作出的时间（{_local(outcome)}）："
                    f"须先经法制审核（{rule.regulation} {rule.article}）",
                )
            )
            continue
        basis = _first_in_window(case, rule.reviewed_after, at, corrects) if cleared else None
        if basis is not None and outcome is not None and outcome < basis.at:
            refusals.append(
                Refusal(
                    rule,
                    f"法制审核意见（{_local(outcome)}）早于{v.label(basis.type)}"
                    f"（{_local(basis.at)}），未审核拟作出的决定：{v.label(type_name)}须在此后经"
                    f"法制审核（{rule.regulation} {rule.article}：“{rule.quote}”）",
                )
            )
            continue
        last = rounds[-1] if rounds else None
        changed = (
            _unreviewed(fields, last.decision)
            if cleared
            and last is not None
            and last.state == ReviewState.PASSED
            and type_name == "decision.made"
            else []
        )
        if changed:
            refusals.append(
                Refusal(
                    rule,
                    f"作出的决定不是经法制审核的拟作出决定（{'；'.join(changed)}），须重新送审"
                    f"（{rule.regulation} {rule.article}：“{rule.quote}”）",
                )
            )
            continue
        if cleared:
            continue
        refusals.append(
            Refusal(
                rule,
                f"{v.label(type_name)}须先经法制审核通过（{rule.regulation} {rule.article}："
                f"“{rule.quote}”）。认定理由：{why}。{_state_text(rounds)}。",
            )
        )
    return refusals


def review_gate_check(case: Case, draft: Draft) -> None:
    """Refuse (CaseStateError, in Chinese, citing regulation and article) an act the case's
    profile forbids before a passed legal review. Reads only."""
    if draft.imported or draft.extra.get(OVERRIDE_KEY):
        return
    refusals = review_gate_refusals(
        case, draft.type, draft.fields, draft.at, corrects=draft.corrects
    )
    if refusals:
        raise CaseStateError("\n".join(r.message for r in refusals))


def open_rounds(case: Case) -> Q:
    return Q(case=case, state__in=[ReviewState.SUBMITTED, ReviewState.IN_REVIEW])
