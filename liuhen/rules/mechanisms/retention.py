"""Keeping recordings: a deletion breaches a retention period.

`retention`: for each `av.deleted`, the recording's categories decide. With `when`, the duty
covers only recordings in one of those categories; `unless` excludes categories another duty
covers; `min_years` > 0 allows deletion once that many years have passed since the recording
ended; 0 means the recording is kept for good (永久保存, 长期保存 without a term).

Categories: `evidence` (an av.evidence names it), `penalty_case`, `obstruction`, `enforcement`,
`compulsory_measure` (an event of that type lists it in `av`), `major_incident`, `complex`
(the case's flags), `major`, `all`, and `case:<type>` (the case has such an event at or before
the deletion); join with `+` for "both" (`evidence+penalty_case`).
"""

from __future__ import annotations

from datetime import datetime

from liuhen.rules import vocabulary as v
from liuhen.rules.caseview import CaseView
from liuhen.rules.clock import CHINA, end_of_day, format_short
from liuhen.rules.conditions import PackError
from liuhen.rules.findings import Finding
from liuhen.rules.mechanisms.base import Check, DeadlineSpec, DutyInfo, Params, describe, mechanism
from liuhen.rules.timeline import Event

CATEGORIES = (
    "all",
    "evidence",
    "penalty_case",
    "obstruction",
    "enforcement",
    "compulsory_measure",
    "major_incident",
    "complex",
    "major",
)


def _parse(raw: object, where: str) -> tuple[frozenset[str], ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise PackError(f"{where}: expected a list of categories")
    parsed = []
    for item in raw:
        parts = frozenset(str(item).split("+"))
        if not all(
            p in CATEGORIES or (p.startswith("case:") and p[5:] in v.EVENT_TYPES) for p in parts
        ):
            raise PackError(f"{where}: unknown category {item!r} (known: {', '.join(CATEGORIES)})")
        parsed.append(parts)
    return tuple(parsed)


def categories(view: CaseView, recording: Event, deletion: Event) -> frozenset[str]:
    found = {"all"}
    if any(e.at <= deletion.at for e in view.linked("av.evidence", recording.ref)):
        found.add("evidence")
    if view.case.action == "penalty":
        found.add("penalty_case")
    for event in view.recorded_by(recording.ref):
        if event.type in ("obstruction", "enforcement", "compulsory_measure"):
            found.add(event.type)
    if view.case.major_incident:
        found.add("major_incident")
    if view.case.complex:
        found.add("complex")
    if view.case.major:
        found.add("major")
    for type_name, events in view.by_type.items():
        if events[0].at <= deletion.at:
            found.add(f"case:{type_name}")
    return frozenset(found)


def _keep_until(moment: datetime, years: int) -> datetime:
    """24:00 of the date `years` after the recording ended (29 February -> 28 February)."""
    day = moment.astimezone(CHINA).date()
    try:
        day = day.replace(year=day.year + years)
    except ValueError:
        day = day.replace(year=day.year + years, day=28)
    return end_of_day(day)


@mechanism("retention", triggers=frozenset({"av.deleted"}))
def retention(info: DutyInfo, params: Params, deadline: DeadlineSpec | None) -> Check:
    when = _parse(params._get("when", False), f"{params.where}.when")
    unless = _parse(params._get("unless", False), f"{params.where}.unless")
    min_years = params.integer("min_years", default=0)
    params.done()

    def check(view: CaseView) -> list[Finding]:
        found = []
        for deletion in view.of_type("av.deleted"):
            recording = view.by_id.get(deletion.values["of"])
            if recording is None:
                continue
            kinds = categories(view, recording, deletion)
            if when and not any(group <= kinds for group in when):
                continue
            if any(group <= kinds for group in unless):
                continue
            if min_years:
                keep_until = _keep_until(recording.at, min_years)
                if deletion.at >= keep_until:
                    continue
                term = f"保存期限至 {format_short(keep_until)}"
            else:
                term = "应长期（永久）保存"
            deleted = f"音像记录 {recording.ref} 于 {format_short(deletion.at)} 被销毁"
            message = f"{deleted}（{describe(deletion)}），{term}"
            found.append(
                info.breach(due=None, events=(deletion.ref, recording.ref), message=message)
            )
        return found

    return check
