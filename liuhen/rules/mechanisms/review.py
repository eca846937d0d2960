"""Legal review (法制审核) before a decision, judged per decision on its own review window.

window(D): the review events after the previous `decision.made` and at or before D; an outcome
is `legal_review.passed` or `legal_review.rejected`. REVIEWED(D): the window holds an outcome and
no submission after the last outcome is still unanswered at D. PASSED(D): REVIEWED(D) and the last
outcome is a pass. `review_before`: each selected D (or `decision.pre_notice`, whose window ends
at the notice) must be `reviewed` or `passed`; with `reviewed_after`, the last outcome counts only
if it is at or after the first event of those types in the window, where one is recorded (a review
before the draft existed reviewed nothing).
"""

from __future__ import annotations

from datetime import datetime

from liuhen.rules import vocabulary as v
from liuhen.rules.caseview import CaseView
from liuhen.rules.finders import finder
from liuhen.rules.findings import Finding
from liuhen.rules.mechanisms.base import Check, DeadlineSpec, DutyInfo, Params, describe, mechanism
from liuhen.rules.timeline import Event

_OUTCOMES = ("legal_review.passed", "legal_review.rejected")


def window_start(view: CaseView, until: datetime) -> datetime | None:
    """When the window ending at `until` opens: the previous decision, if any."""
    start: datetime | None = None
    for decision in view.of_type("decision.made"):
        if decision.at < until:
            start = decision.at
    return start


def review_state(view: CaseView, until: datetime) -> tuple[Event | None, bool]:
    """(last outcome, whether a submission after it is pending) in the window ending at `until`."""
    start = window_start(view, until)
    in_window = [
        e
        for t in (*_OUTCOMES, "legal_review.submitted")
        for e in view.of_type(t)
        if (start is None or e.at > start) and e.at <= until
    ]
    in_window.sort(key=lambda e: (e.at, e.index))
    last: Event | None = None
    pending = False
    for event in in_window:
        if event.type in _OUTCOMES:
            last, pending = event, False
        elif last is not None:
            pending = True
    return last, pending


@mechanism("review_before")
def review_before(info: DutyInfo, params: Params, deadline: DeadlineSpec | None) -> Check:
    acts = params.selectors("acts")
    require = params.choice("require", ("passed", "reviewed"), default="passed")
    reviewed_after = params.names("reviewed_after", tuple(v.EVENT_TYPES), default=())
    params.done()
    find_acts = finder(acts)

    def check(view: CaseView) -> list[Finding]:
        found = []
        for event in find_acts(view):
            last, pending = review_state(view, event.at)
            if last is None:
                problem = "之前没有法制审核意见"
            elif pending:
                problem = f"之前重新报送的法制审核尚无审核意见（最近意见：{describe(last)}）"
            elif require == "passed" and last.type != "legal_review.passed":
                problem = f"之前的法制审核未通过（{describe(last)}）"
            elif (basis := _first_in_window(view, reviewed_after, event.at)) is not None and (
                last.at < basis.at
            ):
                problem = (
                    f"之前的法制审核意见（{describe(last)}）早于{describe(basis)}，"
                    "未审核拟作出的决定"
                )
            else:
                continue
            found.append(
                info.breach(due=None, events=(event.ref,), message=f"{describe(event)}{problem}")
            )
        return found

    return check


def _first_in_window(view: CaseView, types: tuple[str, ...], until: datetime) -> Event | None:
    """The earliest event of these types in the window ending at `until`."""
    if not types:
        return None
    start = window_start(view, until)
    candidates = [
        e
        for t in types
        for e in view.of_type(t)
        if (start is None or e.at > start) and e.at <= until
    ]
    return min(candidates, key=lambda e: (e.at, e.index), default=None)
