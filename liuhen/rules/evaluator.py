"""Run a profile's regulation packs over a timeline: the public entry point of the engine."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cache

from liuhen.rules.applies import _always
from liuhen.rules.calendar import WorkCalendar, current_calendar
from liuhen.rules.caseview import CaseView
from liuhen.rules.clock import CHINA
from liuhen.rules.findings import CaseFindings, Finding, sort_findings
from liuhen.rules.packs import Duty, load_packs
from liuhen.rules.profiles import PROFILES
from liuhen.rules.timeline import Timeline


class UnknownProfile(ValueError):
    def __init__(self, profile: str) -> None:
        super().__init__(profile)
        self.profile = profile

    def __str__(self) -> str:
        return f"unknown profile {self.profile!r} (known: {', '.join(PROFILES)})"


@dataclass(frozen=True, slots=True)
class _Step:
    """A duty as the evaluator runs it."""

    triggers: frozenset[str]  # a case with none of these event types cannot breach it
    in_force: datetime | None  # cases that started earlier are not bound
    applies: Callable[[CaseView], bool] | None  # None: every case of its kinds
    run: Callable[[CaseView], list[Finding]]
    advisory_for: frozenset[str]  # kinds of act reached only through 等
    named_measures: frozenset[str]  # a decision with one of these is of a kind the text names


@dataclass(frozen=True, slots=True)
class _Plan:
    duties_by_action: dict[str, tuple[Duty, ...]]
    major_measures: frozenset[str]
    major_situations: frozenset[str]
    steps_by_action: dict[str, tuple[_Step, ...]]
    in_force_dates: tuple[datetime, ...]  # every distinct date a regulation took effect, sorted
    # (kind of act, event types present, how many of those dates the case started on or after)
    # -> the steps that can bind and be breached. Cases repeat these patterns all the time; the
    # cache is bounded so that odd inputs cannot grow it for ever.
    chosen: dict[tuple[str, frozenset[str], int], tuple[_Step, ...]]

    def steps_for(
        self, action: str, present: Mapping[str, object], started: datetime | None
    ) -> tuple[_Step, ...]:
        in_force = len(self.in_force_dates)
        if started is not None and in_force:
            in_force = bisect_right(self.in_force_dates, started)
        key = (action, frozenset(present), in_force)
        steps = self.chosen.get(key)
        if steps is None:
            steps = tuple(
                step
                for step in self.steps_by_action.get(action, ())
                if not step.triggers.isdisjoint(present)
                and (step.in_force is None or started is None or started >= step.in_force)
            )
            if len(self.chosen) < _CHOSEN_LIMIT:
                self.chosen[key] = steps
        return steps


_CHOSEN_LIMIT = 4096


@cache
def _plan(profile: str) -> _Plan:
    packs = load_packs()
    regulations = [packs[r] for r in PROFILES[profile].regulations]
    major = frozenset().union(*(p.major_measures for p in regulations))
    situations = frozenset().union(*(p.major_situations for p in regulations))
    by_action: dict[str, tuple[Duty, ...]] = {}
    for action in {a for p in regulations for a in p.actions} | {"other"}:
        by_action[action] = tuple(
            d for p in regulations if action in p.actions for d in p.duties if action in d.actions
        )
    steps = {
        action: tuple(
            _Step(
                d.triggers,
                d.in_force,
                None if d.applies is _always else d.applies,
                d.run,
                d.advisory_for,
                d.named_measures,
            )
            for d in duties
        )
        for action, duties in by_action.items()
    }
    dates = tuple(sorted({p.in_force for p in regulations if p.in_force is not None}))
    return _Plan(by_action, major, situations, steps, dates, {})


def _as_advice(finding: Finding) -> Finding:
    """A duty of a kind the text reaches only through 等: a reviewer should consider it."""
    return replace(finding, severity="advice")


def _advisory(view: CaseView, found: list[Finding], named: frozenset[str]) -> list[Finding]:
    """The findings of a duty in a case of a kind the text reaches only through 等.

    The kind is judged per decision where the record tells it: a finding about a decision whose
    measures are of a kind the text names (a fine is a 行政处罚 whatever the case is labelled)
    binds as it stands. Every other finding is advice, and a deadline still ahead is not listed.
    """
    kept = []
    for finding in found:
        if named and _names_decision_with(view, finding, named):
            kept.append(finding)
        elif finding.severity != "pending":
            kept.append(_as_advice(finding))
    return kept


def _names_decision_with(view: CaseView, finding: Finding, measures: frozenset[str]) -> bool:
    """Whether the finding names a decision with one of these measures, or the publication or
    revocation of one (which belongs to the latest decision made at or before it)."""
    for ref in finding.events:
        event = view.event_by_ref(ref)
        if event is not None and event.type in ("decision.published", "decision.revoked"):
            event = view.decision_before(event)
        if (
            event is not None
            and event.type == "decision.made"
            and not measures.isdisjoint(event.values["measures"])
        ):
            return True
    return False


def fallback_warning(year: int) -> str:
    return (
        f"{year}年的节假日安排未加载，工作日按周一至周五计算"
        f"（no holiday schedule loaded for {year}; Monday–Friday used — see liuhen calendar load）"
    )


def check_timeline(
    timeline: Timeline, *, profile: str, as_of: datetime, calendar: WorkCalendar | None = None
) -> CaseFindings:
    """Every finding of the profile's regulations on the case as it stood at `as_of`."""
    if profile not in PROFILES:
        raise UnknownProfile(profile)
    if as_of.tzinfo is None:
        raise ValueError("as_of must be an aware datetime")
    if as_of.tzinfo is not CHINA:
        as_of = as_of.astimezone(CHINA)
    plan = _plan(profile)
    view = CaseView(
        timeline,
        as_of=as_of,
        calendar=calendar if calendar is not None else current_calendar(),
        major_measures=plan.major_measures,
        major_situations=plan.major_situations,
    )
    findings: list[Finding] = []
    started = view.events[0].at if view.events else None
    action = timeline.case.action
    for step in plan.steps_for(action, view.by_type, started):
        applies = step.applies
        if applies is not None and not applies(view):
            continue
        found = step.run(view)
        if not found:
            continue
        if action in step.advisory_for:
            findings.extend(_advisory(view, found, step.named_measures))
        else:
            findings.extend(found)
    warnings = tuple(fallback_warning(year) for year in sorted(view.fallback))
    return CaseFindings(timeline.case.id, profile, as_of, sort_findings(findings), warnings)
