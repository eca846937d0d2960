"""Periods in the contract's terms: N hours, the same day, N days, N working days.

- N hours after T: T + N hours exactly.
- 当天: the end (24:00) of T's Chinese date.
- N days (日): T's date not counted; the end of the N-th following day, moved to the end of the
  next working day if that day is not one.
- N working days (工作日): T's date not counted; the end of the N-th following working day.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal

from liuhen.rules.calendar import WorkCalendar
from liuhen.rules.clock import CHINA, end_of_day

PeriodKind = Literal["hours", "same_day", "days", "working_days"]
Anchor = Literal["trigger", "return"]
_KINDS: tuple[PeriodKind, ...] = ("hours", "same_day", "days", "working_days")
_ANCHORS: tuple[Anchor, ...] = ("trigger", "return")


class PeriodError(ValueError):
    """A period in a pack that does not follow the contract's terms."""


@dataclass(frozen=True, slots=True)
class Period:
    kind: PeriodKind
    count: int
    anchor: Anchor = "trigger"
    hours: timedelta | None = field(init=False, repr=False, compare=False)  # for kind "hours"

    def __post_init__(self) -> None:
        hours = timedelta(hours=self.count) if self.kind == "hours" else None
        object.__setattr__(self, "hours", hours)

    def due(self, start: datetime, calendar: WorkCalendar, fallback: set[int]) -> datetime:
        if self.hours is not None:
            return start + self.hours
        if start.tzinfo is not CHINA:
            start = start.astimezone(CHINA)
        key = (self.kind, self.count, start.date())
        cached = calendar.due_cache.get(key)
        if cached is None:
            seen: set[int] = set()
            day = key[2]
            if self.kind == "same_day":
                end = end_of_day(day)
            elif self.kind == "days":
                end = end_of_day(
                    calendar.roll_to_working_day(day + timedelta(days=self.count), seen)
                )
            else:
                end = end_of_day(calendar.add_working_days(day, self.count, seen))
            cached = (end, frozenset(seen))
            calendar.due_cache[key] = cached
        if cached[1]:
            fallback.update(cached[1])
        return cached[0]

    def extended(self, extra: Period) -> Period:
        return Period(self.kind, self.count + extra.count, self.anchor)

    def describe(self) -> str:
        origin = "返回单位后" if self.anchor == "return" else ""
        if self.kind == "hours":
            return f"{origin}{self.count}小时内"
        if self.kind == "same_day":
            return f"{origin}当天"
        if self.kind == "days":
            return f"{origin}{self.count}日内"
        return f"{origin}{self.count}个工作日内"


def parse_period(raw: Any, where: str, *, anchored: bool = True) -> Period:
    """`{hours = 24, from = "trigger"}`, `{same_day = true}`, `{days = 30}`, `{working_days = 2}`"""
    if not isinstance(raw, dict):
        raise PeriodError(f"{where}: expected a table")
    kinds = [k for k in _KINDS if k in raw]
    if len(kinds) != 1:
        raise PeriodError(f"{where}: give exactly one of hours, same_day, days, working_days")
    kind = kinds[0]
    value = raw[kind]
    if kind == "same_day":
        if value is not True:
            raise PeriodError(f"{where}.same_day: must be true")
        count = 0
    elif isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise PeriodError(f"{where}.{kind}: must be a positive whole number")
    else:
        count = value
    anchor = raw.get("from", "trigger")
    if anchor not in _ANCHORS or (not anchored and "from" in raw):
        raise PeriodError(f"{where}.from: must be one of {', '.join(_ANCHORS)}")
    extra = set(raw) - {kind, "from", "remote", "special", "extension"}
    if extra:
        raise PeriodError(f"{where}: unknown key(s) {', '.join(sorted(extra))}")
    return Period(kind, count, anchor)
