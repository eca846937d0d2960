"""What a record must state, and acts that must not happen.

- `fields_true`: each selected event's record shows every listed fact (an absent boolean is
  false: the record does not show it).
- `forbidden`: any selected event is itself the breach (an edited recording, a copy given out
  without approval, filming in a hazardous area with an ordinary device …).
"""

from __future__ import annotations

from liuhen.rules import vocabulary as v
from liuhen.rules.applies import CasePredicate, parse_applies
from liuhen.rules.caseview import CaseView
from liuhen.rules.conditions import PackError
from liuhen.rules.finders import finder
from liuhen.rules.findings import Finding
from liuhen.rules.mechanisms.base import (
    Check,
    DeadlineSpec,
    DutyInfo,
    Params,
    describe,
    labels,
    mechanism,
    refs,
)


@mechanism("fields_true")
def fields_true(info: DutyInfo, params: Params, deadline: DeadlineSpec | None) -> Check:
    acts = params.selectors("acts")
    fields = params.bool_fields("fields", acts)
    also: list[tuple[CasePredicate, frozenset[str], tuple[str, ...]]] = []
    for i, extra in enumerate(params.raw_value("also") or []):
        where = f"{params.where}.also[{i}]"
        if not isinstance(extra, dict) or set(extra) - {"fields", "actions", "applies"}:
            raise PackError(f"{where}: expected {{fields, actions?, applies?}}")
        sub = Params({"fields": extra.get("fields")}, where)
        extra_fields = sub.bool_fields("fields", acts)
        actions = frozenset(extra.get("actions") or v.ACTIONS)
        also.append(
            (
                parse_applies(
                    extra.get("applies"), f"{where}.applies", actions=frozenset(v.ACTIONS)
                ),
                actions,
                extra_fields,
            )
        )
    timing = params.choice("timing", ("immediate", "at_closing"), default="immediate")
    params.done()
    find_acts = finder(acts)

    def check(view: CaseView) -> list[Finding]:
        found: list[Finding] = []
        events = find_acts(view)
        if not events:
            return found
        wanted = fields
        for applies, actions, extra_fields in also:
            if view.case.action in actions and applies(view):
                wanted = wanted + extra_fields
        for event in events:
            values = event.values
            if all(map(values.__getitem__, wanted)):
                continue
            missing = tuple(name for name in wanted if not values[name])
            if missing:
                message = f"{describe(event)}的记录未载明：{labels(event.type, missing)}"
                if timing == "at_closing" and view.closed_at is None:
                    pending = info.pending(due=None, events=refs(event), message=message)
                    if pending is not None:
                        found.append(pending)
                else:
                    found.append(info.breach(due=None, events=refs(event), message=message))
        return found

    return check


@mechanism("forbidden")
def forbidden(info: DutyInfo, params: Params, deadline: DeadlineSpec | None) -> Check:
    acts = params.selectors("acts")
    params.done()
    what = {id(s): s.describe() for s in acts}
    find_acts = finder(acts)

    def check(view: CaseView) -> list[Finding]:
        found = []
        for event in find_acts(view):
            target = event.values.get("of")
            subject = (
                f"音像记录 {target} "
                if isinstance(target, str) and event.type.startswith("av.")
                else ""
            )
            kind = next(what[id(s)] for s in acts if event.type in s.types and s.matches(event))
            message = f"{subject}{describe(event)}：{kind}"
            found.append(info.breach(due=None, events=refs(event), message=message))
        return found

    return check
