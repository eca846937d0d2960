"""A-before-B duties: an act may happen only after others (approval before start, legal review
before a major decision, 催告 before enforcement …). A at the same instant as B satisfies it.

`before`: for each selected B event, every group in `require` has an event at or before B.
The breach exists as soon as B is recorded without it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from liuhen.rules.caseview import CaseView
from liuhen.rules.conditions import describe_all
from liuhen.rules.finders import finder
from liuhen.rules.findings import Finding
from liuhen.rules.mechanisms.base import Check, DeadlineSpec, DutyInfo, Params, describe, mechanism
from liuhen.rules.timeline import Event


@mechanism("before")
def before(info: DutyInfo, params: Params, deadline: DeadlineSpec | None) -> Check:
    acts = params.selectors("acts")
    groups = params.groups("require")
    ordered = params.flag("ordered")
    params.done()
    names = [describe_all(group) for group in groups]
    find_acts = finder(acts)
    find_groups = [finder(group) for group in groups]

    def check(view: CaseView) -> list[Finding]:
        found: list[Finding] = []
        targets = find_acts(view)
        if not targets:
            return found
        found_groups = [find(view) for find in find_groups]
        earliest = [g[0].at if g else None for g in found_groups]
        for event in targets:
            if ordered:
                missing = _chain_missing(found_groups, names, event.at)
            else:
                missing = [
                    names[i]
                    for i, first in enumerate(earliest)
                    if first is None or first > event.at
                ]
            if missing:
                message = f"{describe(event)}之前没有{'、'.join(missing)}"
                found.append(info.breach(due=None, events=(event.ref,), message=message))
        return found

    return check


def _chain_missing(
    found_groups: list[Sequence[Event]], names: list[str], limit: datetime
) -> list[str]:
    """The steps missing from a chain that must run in order, each at or after the previous."""
    since: datetime | None = None
    missing = []
    for group, name in zip(found_groups, names, strict=True):
        step = next((e for e in group if (since is None or e.at >= since) and e.at <= limit), None)
        if step is None:
            missing.append(name if since is None else f"（在前一步之后的）{name}")
        else:
            since = step.at
    return missing
