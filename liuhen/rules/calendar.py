"""Working days under the State Council's holiday schedule (法定节假日与调休).

A date's status comes from, in order: a schedule loaded with `liuhen calendar load` (stored in
`<data_dir>/calendar/<year>.json`, see `calendar_files.py`), the built-in schedules of the pinned
chinesecalendar release (2004–2026 in 1.11.0), or, for a year with neither, Monday to Friday,
recording the year so that the findings carry a warning. chinesecalendar raises
NotImplementedError outside its years; that never escapes this module.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import chinese_calendar
from chinese_calendar import constants as builtin

from liuhen.paths import data_dir

_CHINESE_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}

BUILTIN_FIRST_YEAR = min(builtin.holidays).year
BUILTIN_LAST_YEAR = max(builtin.holidays).year
BUILTIN_SOURCE = f"chinesecalendar {chinese_calendar.__version__}（国务院办公厅历年节假日安排）"


@dataclass(frozen=True, slots=True)
class YearSchedule:
    """One year's State Council schedule: holidays off, and weekend days made working days."""

    year: int
    source: str
    holidays: dict[date, str]
    working_days: dict[date, str]


def builtin_schedule(year: int) -> YearSchedule | None:
    if not BUILTIN_FIRST_YEAR <= year <= BUILTIN_LAST_YEAR:
        return None
    return YearSchedule(
        year,
        BUILTIN_SOURCE,
        {d: _CHINESE_NAMES.get(n, n) for d, n in builtin.holidays.items() if d.year == year},
        {d: _CHINESE_NAMES.get(n, n) for d, n in builtin.workdays.items() if d.year == year},
    )


class WorkCalendar:
    """Answers "is this a working day" and counts working days, with per-date caches.

    Methods take `fallback`, a set into which the years that were not known (Monday–Friday
    used) are added, so that each case's findings can warn about exactly the years it touched.
    """

    def __init__(self, loaded: dict[int, YearSchedule] | None = None) -> None:
        self.loaded = dict(loaded or {})
        self._overlay: dict[date, bool] = {}
        for schedule in self.loaded.values():
            for day in schedule.holidays:
                self._overlay[day] = False
            for day in schedule.working_days:
                self._overlay[day] = True
        self._days: dict[date, tuple[bool, int | None]] = {}
        self._added: dict[tuple[date, int], tuple[date, frozenset[int]]] = {}
        # Period.due's answers for day-counted periods: (kind, count, start date) -> (due, years
        # that fell back to Monday–Friday)
        self.due_cache: dict[tuple[str, int, date], tuple[datetime, frozenset[int]]] = {}

    def source_of(self, year: int) -> str | None:
        """Where the year's schedule comes from, or None where Monday–Friday is used."""
        if year in self.loaded:
            return self.loaded[year].source
        if BUILTIN_FIRST_YEAR <= year <= BUILTIN_LAST_YEAR:
            return BUILTIN_SOURCE
        return None

    def schedule(self, year: int) -> YearSchedule | None:
        return self.loaded.get(year) or builtin_schedule(year)

    def _status(self, day: date) -> tuple[bool, int | None]:
        cached = self._days.get(day)
        if cached is not None:
            return cached
        listed = self._overlay.get(day)
        if listed is not None:
            status: tuple[bool, int | None] = (listed, None)
        elif day.year in self.loaded:
            status = (day.weekday() < 5, None)
        else:
            try:
                status = (bool(chinese_calendar.is_workday(day)), None)
            except NotImplementedError:
                status = (day.weekday() < 5, day.year)
        self._days[day] = status
        return status

    def is_working_day(self, day: date, fallback: set[int] | None = None) -> bool:
        working, unknown_year = self._status(day)
        if unknown_year is not None and fallback is not None:
            fallback.add(unknown_year)
        return working

    def add_working_days(self, start: date, count: int, fallback: set[int] | None = None) -> date:
        """The count-th working day after `start` (the start date itself is not counted)."""
        key = (start, count)
        cached = self._added.get(key)
        if cached is None:
            seen: set[int] = set()
            day = start
            remaining = count
            while remaining > 0:
                day += timedelta(days=1)
                if self.is_working_day(day, seen):
                    remaining -= 1
            cached = (day, frozenset(seen))
            self._added[key] = cached
        if fallback is not None:
            fallback.update(cached[1])
        return cached[0]

    def roll_to_working_day(self, day: date, fallback: set[int] | None = None) -> date:
        """`day` if it is a working day, else the next working day."""
        while not self.is_working_day(day, fallback):
            day += timedelta(days=1)
        return day


def calendar_dir() -> Path:
    return data_dir() / "calendar"


class _Cache:
    """The current calendar, re-read when the folder of loaded years changes.

    The folder is stat'ed at most once a second per data folder, so a long-running process (the
    platform) sees a year another process loads, and a check run pays almost nothing for it.
    """

    def __init__(self) -> None:
        self.folder: Path | None = None
        self.stamp: int | None = None
        self.checked_at = 0.0
        self.calendar: WorkCalendar | None = None
        self._env: tuple[str | None, ...] | None = None
        self._folder_for_env: Path | None = None

    def folder_now(self) -> Path:
        import os

        env = (
            os.environ.get("LIUHEN_DATA_DIR"),
            os.environ.get("XDG_DATA_HOME"),
            os.environ.get("HOME"),
        )
        if env != self._env or self._folder_for_env is None:
            self._env = env
            self._folder_for_env = calendar_dir()
        return self._folder_for_env

    def get(self) -> WorkCalendar:
        folder = self.folder_now()
        clock = time.monotonic()
        if self.calendar is not None and folder == self.folder and clock - self.checked_at < 1.0:
            return self.calendar
        try:
            stamp: int | None = folder.stat().st_mtime_ns
        except FileNotFoundError:
            stamp = None
        if self.calendar is None or folder != self.folder or stamp != self.stamp:
            from liuhen.rules.calendar_files import read_loaded_years

            self.calendar = WorkCalendar(read_loaded_years(folder))
            self.folder, self.stamp = folder, stamp
        self.checked_at = clock
        return self.calendar

    def forget(self) -> None:
        self.calendar = None


_cache = _Cache()


def current_calendar() -> WorkCalendar:
    """The calendar every check uses: built-in years plus the years loaded into the data folder."""
    return _cache.get()


def forget_current_calendar() -> None:
    """Drop the cached calendar (after this process loaded a year)."""
    _cache.forget()
