"""Duties with a period: act B within N hours / the same day / N days / N working days of A.

`within`: for each `trigger` event, the first `act` linked to it (`link = "of"`: the act names
it; `link = "after"`: the first act at or after it; `"own"`: the same, but before the next event of
the trigger's type, so a publication belongs to the latest decision before it; `"any"`: the
earliest anywhere) must happen by the deadline; `lapses_on` events between the trigger and the
deadline, before the act, end the duty (a decision revoked before it had to be published).
`content_of` makes the act a qualified form of other events (a publication that carries the full
text, of the publications): the duty arises once one of those is linked to the trigger, and its
deadline is never earlier than the first of them (a late first publication must itself be whole).
The deadline runs from the trigger, or from the officers' return after a recording
(`from = "return"`), and may be replaced where the return was remote (`remote`), where the act
records a documented special circumstance (`special`), or lengthened by an approved extension
(`extension`).
Met if the act is at or before `due`; pending while `due` is after as_of; else a violation.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from liuhen.rules import vocabulary as v
from liuhen.rules.caseview import CaseView
from liuhen.rules.clock import format_short
from liuhen.rules.conditions import Selector
from liuhen.rules.finders import Finder, finder
from liuhen.rules.findings import Finding
from liuhen.rules.mechanisms.base import Check, DeadlineSpec, DutyInfo, Params, describe, mechanism
from liuhen.rules.timeline import Event


@mechanism("within", deadline=True, triggers="trigger")
def within(info: DutyInfo, params: Params, deadline: DeadlineSpec | None) -> Check:
    assert deadline is not None
    triggers = params.selectors("trigger")
    acts = params.selectors("act")
    link = params.choice("link", ("of", "same_of", "after", "own", "any"), default="after")
    lapses = params.selectors("lapses_on", required=False)
    content_of = params.selectors("content_of", required=False)
    params.done()
    if content_of and link not in ("after", "own", "any"):
        raise ValueError(f"{info.id}: content_of needs link after, own or any")
    find_triggers, find_acts = finder(triggers), finder(acts)
    find_lapses = finder(lapses) if lapses else None
    find_subjects = finder(content_of) if content_of else None
    act_name = "或".join(s.describe() for s in acts)
    uses_return = deadline.remote is not None or any(
        p is not None and p.anchor == "return" for p in (deadline.period, deadline.special)
    )
    if uses_return and any(t != "av.recorded" for s in triggers for t in s.types):
        raise ValueError(
            f"{info.id}: a period from the officers' return needs av.recorded triggers"
        )

    remote_period, special, extension = deadline.remote, deadline.special, deadline.extension
    # an act of one type naming the trigger by its id, with no other condition
    linked_type = acts[0].types[0] if link == "of" and len(acts) == 1 and acts[0].plain else None

    def check(view: CaseView) -> list[Finding]:
        found = []
        for trigger in find_triggers(view):
            period = deadline.period
            back: datetime | None = None  # when the officers returned, where it matters
            returned: Event | None = None  # the remote return that set the period
            subjects: Sequence[Event] = ()  # with content_of: the events the act qualifies
            if find_subjects is not None:
                subjects = _linked_all(view, find_subjects, trigger, link)
                if not subjects:
                    continue
            if remote_period is not None:
                back, remote = view.return_for(trigger)
                if remote:
                    period = remote_period
                    returned = _return_event(view, back)
            if linked_type is not None:  # the common case of _first_act, inlined
                assert trigger.id is not None
                named = view.linked(linked_type, trigger.id)
                act = named[0] if named else None
            else:
                act = _first_act(view, acts, find_acts, trigger, link)
            if act is not None and special is not None and act.values.get("special"):
                period = special
            if period.anchor == "return":
                start = back if back is not None else view.return_for(trigger)[0]
            else:
                start = trigger.at
            due = period.due(start, view.calendar, view.fallback)
            if extension is not None and _extended(view, trigger, due):
                due = period.extended(extension).due(start, view.calendar, view.fallback)
            if subjects and subjects[0].at > due:
                due = subjects[0].at
            if act is not None and act.at <= due:
                continue
            if find_lapses is not None and any(
                trigger.at <= e.at <= due and (act is None or e.at < act.at)
                for e in find_lapses(view)
            ):
                continue
            if returned is not None:
                refs: tuple[str, ...] = (trigger.ref, returned.ref)
            elif subjects:
                refs = (trigger.ref, *(e.ref for e in subjects if e.at <= due))
            else:
                refs = (trigger.values["of"],) if link == "same_of" else (trigger.ref,)
            term = f"期限 {format_short(due)}（{period.describe()}）"
            if act is not None:
                what = act_name if subjects else v.label(act.type)
                message = f"{describe(trigger)}：{what}于 {format_short(act.at)}，超过{term}"
                found.append(info.breach(due=due, events=refs, message=message))
            elif due <= view.as_of:
                message = f"{describe(trigger)}：{term}已过，仍无{act_name}"
                found.append(info.breach(due=due, events=refs, message=message))
            else:
                message = f"{describe(trigger)}：应于 {format_short(due)} 前{act_name}"
                pending = info.pending(due=due, events=refs, message=message)
                if pending is not None:
                    found.append(pending)
        return found

    return check


def _first_act(
    view: CaseView, acts: tuple[Selector, ...], find_acts: Finder, trigger: Event, link: str
) -> Event | None:
    if link in ("of", "same_of"):
        target = trigger.id if link == "of" else trigger.values["of"]
        assert target is not None
        best: Event | None = None
        for selector in acts:
            for type_name in selector.types:
                for event in view.linked(type_name, target):
                    if selector.matches(event):
                        if best is None or event.at < best.at:
                            best = event
                        break
        return best
    limit = None
    if link == "own":  # the act belongs to the latest trigger-type event before it
        for other in view.of_type(trigger.type):
            if other.at > trigger.at:
                limit = other.at
                break
    for event in find_acts(view):
        if event.index == trigger.index:
            continue
        if link == "any" or (event.at >= trigger.at and (limit is None or event.at < limit)):
            return event
    return None


def _linked_all(view: CaseView, find: Finder, trigger: Event, link: str) -> list[Event]:
    """Every selected event linked to the trigger as `_first_act` links one (after, own, any)."""
    limit = None
    if link == "own":
        for other in view.of_type(trigger.type):
            if other.at > trigger.at:
                limit = other.at
                break
    return [
        event
        for event in find(view)
        if event.index != trigger.index
        and (link == "any" or (event.at >= trigger.at and (limit is None or event.at < limit)))
    ]


def _return_event(view: CaseView, moment: datetime) -> Event | None:
    for event in view.of_type("field.returned"):
        if event.at == moment:
            return event
    return None


def _extended(view: CaseView, trigger: Event, due: datetime) -> bool:
    for event in view.of_type("legal_review.extended"):
        if event.flag("approved") and trigger.at <= event.at <= due:
            return True
    return False
