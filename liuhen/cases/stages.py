"""The five stages as an explicit state machine: each transition names source, target, guards.

Guards read the case's effective events only (an act awaiting approval has not happened yet).
Recording an effective event advances the stage as far as the event implies and the guards allow
(`stage_auto_advance`): an investigation act moves 程序启动 to 调查取证, a review or decision
event to 审查决定, a service or execution event to 送达执行, `case.closed` to 归档管理. Stages never
go back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from liuhen.cases.models import Case, CaseEvent, EventStatus, Stage
from liuhen.rules import vocabulary as v

ORDER = {stage: index for index, stage in enumerate(Stage)}

INVESTIGATION_ACTS = frozenset(
    name for name, t in v.EVENT_TYPES.items() if t.act and t.stage == "调查取证"
)
STARTING_EVENTS = frozenset({"case.initiated", "application.accepted"}) | INVESTIGATION_ACTS

# event type -> the stage it implies the case has reached
IMPLIED_STAGE: dict[str, Stage] = {
    **dict.fromkeys(INVESTIGATION_ACTS, Stage.INVESTIGATION),
    **{n: Stage.DECISION for n, t in v.EVENT_TYPES.items() if t.stage == "审查决定"},
    **{n: Stage.EXECUTION for n, t in v.EVENT_TYPES.items() if t.stage == "送达执行"},
    "case.closed": Stage.ARCHIVE,
}


@dataclass(frozen=True, slots=True)
class Guard:
    name: str
    failure: str  # why the transition is refused, in Chinese (shown as it is: no internal names)
    check: Callable[[frozenset[str]], bool]  # over the effective event types


PROCEDURE_STARTED = Guard(
    "procedure_started",
    f"程序尚未启动：须先有已生效的“{v.label('case.initiated')}”“{v.label('application.accepted')}”"
    "或调查取证行为",
    lambda types: not STARTING_EVENTS.isdisjoint(types),
)
INVESTIGATION_ACT = Guard(
    "investigation_act",
    "尚无已生效的调查取证行为记录（询问、现场检查、勘验、抽样取证等）",
    lambda types: not INVESTIGATION_ACTS.isdisjoint(types),
)
DECISION_MADE = Guard(
    "decision_made",
    f"尚未作出决定：须有已生效（审批通过）的“{v.label('decision.made')}”记录",
    lambda types: "decision.made" in types,
)
CASE_CLOSED = Guard(
    "case_closed",
    f"尚未结案：须先记录“{v.label('case.closed')}”",
    lambda types: "case.closed" in types,
)


@dataclass(frozen=True, slots=True)
class Transition:
    source: Stage
    target: Stage
    guards: tuple[Guard, ...]


TRANSITIONS: tuple[Transition, ...] = (
    Transition(Stage.START, Stage.INVESTIGATION, (PROCEDURE_STARTED,)),
    Transition(Stage.INVESTIGATION, Stage.DECISION, (INVESTIGATION_ACT,)),
    Transition(Stage.DECISION, Stage.EXECUTION, (DECISION_MADE,)),
    # a case may end at any stage (a complaint declined, an application rejected, no violation)
    Transition(Stage.START, Stage.ARCHIVE, (CASE_CLOSED,)),
    Transition(Stage.INVESTIGATION, Stage.ARCHIVE, (CASE_CLOSED,)),
    Transition(Stage.DECISION, Stage.ARCHIVE, (CASE_CLOSED,)),
    Transition(Stage.EXECUTION, Stage.ARCHIVE, (CASE_CLOSED,)),
)


def effective_types(case: Case) -> frozenset[str]:
    return frozenset(
        CaseEvent.objects.filter(case=case, status=EventStatus.EFFECTIVE).values_list(
            "type", flat=True
        )
    )


def transition_for(source: str, target: str) -> Transition | None:
    return next((t for t in TRANSITIONS if t.source == source and t.target == target), None)


def failing_guards(transition: Transition, types: frozenset[str]) -> list[Guard]:
    return [guard for guard in transition.guards if not guard.check(types)]


def stage_auto_advance(case: Case, types: frozenset[str]) -> list[Transition]:
    """Move `case.stage` forward as far as its effective events imply and the guards allow;
    returns the transitions taken (the caller saves the case and writes the ledger)."""
    implied = max((ORDER[IMPLIED_STAGE[t]] for t in types if t in IMPLIED_STAGE), default=0)
    taken: list[Transition] = []
    while True:
        current = Stage(case.stage)
        allowed = [
            t
            for t in TRANSITIONS
            if t.source == current and ORDER[t.target] <= implied and not failing_guards(t, types)
        ]
        if not allowed:
            return taken
        step = max(allowed, key=lambda t: ORDER[t.target])
        case.stage = step.target
        taken.append(step)
