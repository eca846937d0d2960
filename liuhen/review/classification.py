"""Is an intended decision major (重大执法决定)? From the agency's catalogue (henan-review 第七条),
the major lists of the regulations of the case's profile (fangcheng-plan 三（一）3–5, read from the
packs), the situations of 第六条 the case record shows, and a case already marked major.

Each reason names the criterion or article, so a handler sees why review is required.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from liuhen.cases.models import Case, CaseEvent, EventStatus
from liuhen.review.models import CriterionKind, MajorDecisionCriterion
from liuhen.review.rules import MAJOR_SITUATIONS, SITUATION_FACTS, label_of
from liuhen.rules.packs import load_packs
from liuhen.rules.profiles import PROFILES
from liuhen.rules.vocabulary import DECISION_MEASURES


@dataclass(frozen=True, slots=True)
class Classification:
    major: bool
    reasons: list[str] = field(default_factory=list)
    # major by the agency's own determination (its catalogue, or 第六条 situations the handler
    # states) — what `case.major` records; the profile's lists and the recorded situations the
    # rules engine finds by itself
    listed: bool = False


def _money(value: Decimal) -> str:
    return f"{value.normalize():f}"


def recorded_situations(case: Case) -> set[str]:
    """The 第六条 situations the case record shows (SITUATION_FACTS): a hearing held, the case
    marked complex, the handling of a major incident."""
    found: set[str] = set()
    types: set[str] | None = None
    for situation, fact in SITUATION_FACTS.items():
        source, name = fact.split(":", 1)
        if source == "case" and getattr(case, name, False):
            found.add(situation)
        elif source == "event":
            if types is None:
                types = set(
                    CaseEvent.objects.filter(case=case, status=EventStatus.EFFECTIVE).values_list(
                        "type", flat=True
                    )
                )
            if name in types:
                found.add(situation)
    return found


def _profile_grounds(case: Case, measures: set[str], situations: set[str]) -> list[str]:
    profile = PROFILES.get(case.profile)
    if profile is None:
        return []
    packs = load_packs()
    reasons = []
    for regulation in profile.regulations:
        pack = packs.get(regulation)
        if pack is None:
            continue
        listed = sorted(pack.major_measures & measures)
        if listed:
            names = "、".join(DECISION_MEASURES.get(m, m) for m in listed)
            reasons.append(f"{pack.id}：{names}属于该规定所列重大执法决定")
        for situation in sorted(pack.major_situations & situations):
            reasons.append(f"{pack.id}：{label_of(MAJOR_SITUATIONS, situation)}")
    return reasons


def _criterion_matches(
    criterion: MajorDecisionCriterion,
    *,
    case: Case,
    measures: set[str],
    fine_amount: Decimal | None,
    situations: set[str],
) -> bool:
    if criterion.action and criterion.action != case.action:
        return False
    if criterion.kind == CriterionKind.MEASURE:
        return bool(measures & set(criterion.measures))
    if criterion.kind == CriterionKind.FINE:
        return (
            criterion.fine_threshold is not None
            and fine_amount is not None
            and fine_amount >= criterion.fine_threshold
        )
    return criterion.situation in situations


def _criterion_reason(criterion: MajorDecisionCriterion) -> str:
    what = criterion.label
    if criterion.kind == CriterionKind.FINE and criterion.fine_threshold is not None:
        what = f"{what}（罚款数额达到 {_money(criterion.fine_threshold)} 元）"
    basis = f"，依据{criterion.basis}" if criterion.basis else ""
    return f"本单位重大执法决定法制审核目录清单：{what}（目录第{criterion.pk}项{basis}）"


def decision_classify(
    *,
    case: Case,
    measures: Sequence[str],
    fine_amount: Decimal | float | int | None = None,
    flags: Iterable[str] = (),
) -> Classification:
    """Whether the intended decision on `case` is major, and why.

    `flags` are 第六条 situations a handler states (public_interest, social_impact, party_rights,
    hearing, complex); those the record shows (a hearing held, the case complex, a major
    incident) are added. Reads only; writes nothing.
    """
    chosen = set(measures)
    amount = Decimal(str(fine_amount)) if fine_amount is not None else None
    stated = set(flags)
    situations = stated | recorded_situations(case)
    reasons: list[str] = []
    if case.major:
        reasons.append("本案已列入重大执法决定（已认定为重大）")
    criteria = MajorDecisionCriterion.objects.filter(agency_id=case.agency_id, active=True)
    for criterion in criteria.order_by("id"):
        if _criterion_matches(
            criterion, case=case, measures=chosen, fine_amount=amount, situations=situations
        ):
            reasons.append(_criterion_reason(criterion))
    for item in MAJOR_SITUATIONS:
        if item.key in stated:
            reasons.append(f"{item.article}：{item.label}（承办机构认定）")
    listed = bool(reasons)
    reasons.extend(_profile_grounds(case, chosen, situations))
    return Classification(major=bool(reasons), reasons=reasons, listed=listed)
