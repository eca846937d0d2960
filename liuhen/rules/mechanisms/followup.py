"""Follow-up duties with no period: after A, B must follow (notify a declined complainant,
check a rectification, back up a recording, serve the decision …).

`followup`: for each `trigger`, an `act` must exist (`link = "after"`: at or after the trigger;
`"of"`: naming it; `"any"`: anywhere in the case). While the case is open the duty is pending;
once the case is closed (`case.closed` at or before as_of) a missing act is a violation. An act
done after closing still counts. `on_close = "pending"` keeps it pending for a duty whose act
normally follows the closing itself (archiving where the text sets no period).
"""

from __future__ import annotations

from collections.abc import Sequence

from liuhen.rules.caseview import CaseView
from liuhen.rules.clock import format_short
from liuhen.rules.conditions import Selector, describe_all
from liuhen.rules.finders import finder
from liuhen.rules.findings import Finding
from liuhen.rules.mechanisms.base import Check, DeadlineSpec, DutyInfo, Params, describe, mechanism
from liuhen.rules.model import Event


@mechanism("followup", triggers="trigger")
def followup(info: DutyInfo, params: Params, deadline: DeadlineSpec | None) -> Check:
    triggers = params.selectors("trigger")
    acts = params.selectors("act")
    link = params.choice("link", ("after", "of", "any"), default="after")
    on_close = params.choice("on_close", ("violation", "pending"), default="violation")
    params.done()
    act_name = describe_all(acts)
    find_triggers, find_acts = finder(triggers), finder(acts)

    def check(view: CaseView) -> list[Finding]:
        found: list[Finding] = []
        events = find_triggers(view)
        if not events:
            return found
        candidates = None if link == "of" else find_acts(view)
        for trigger in events:
            if link == "of":
                assert trigger.id is not None
                done = _named_by(view, acts, trigger.id)
            elif link == "after":
                assert candidates is not None
                done = _any_after(candidates, trigger)
            else:
                assert candidates is not None
                done = bool(candidates)
            if done:
                continue
            if link == "any":
                missing = f"记录中没有{act_name}（{describe(trigger)}）"
            else:
                missing = f"{describe(trigger)}之后没有{act_name}"
            if view.closed_at is not None and on_close == "violation":
                closed = format_short(view.closed_at)
                message = f"案件已于 {closed} 结案，{missing}"
                found.append(info.breach(due=None, events=(trigger.ref,), message=message))
            else:
                pending = info.pending(
                    due=None, events=(trigger.ref,), message=f"尚需完成：{missing}"
                )
                if pending is not None:
                    found.append(pending)
        return found

    return check


def _named_by(view: CaseView, acts: tuple[Selector, ...], target: str) -> bool:
    """Whether a selected act names `target` in its `of`."""
    for selector in acts:
        for type_name in selector.types:
            for event in view.linked(type_name, target):
                if selector.matches(event):
                    return True
    return False


def _any_after(candidates: Sequence[Event], trigger: Event) -> bool:
    """Whether another candidate is at or after the trigger."""
    at, index = trigger.at, trigger.index
    for event in candidates:  # noqa: SIM110 (a loop makes no generator per trigger)
        if event.at >= at and event.index != index:
            return True
    return False
