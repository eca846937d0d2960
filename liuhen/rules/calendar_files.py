"""Holiday schedules as data: the `liuhen.calendar/1` file format, validation and storage.

A new year's State Council schedule is published each autumn; `liuhen calendar load FILE` makes it
count without a new release. The format is documented in `docs/calendar-format.md`. A stored year
is written atomically (temporary file, fsync, rename) so that a reader never sees half a schedule.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from liuhen.rules.calendar import YearSchedule
from liuhen.rules.clock import json_kind

FORMAT = "liuhen.calendar/1"
_KEYS = ("format", "year", "source", "holidays", "working_days", "note")
_MAX_BLOCK_DAYS = 14
_MAX_HOLIDAY_DAYS = 40


class CalendarFileError(ValueError):
    def __init__(self, source: str, path: str, reason: str) -> None:
        super().__init__(source, path, reason)
        self.source, self.path, self.reason = source, path, reason

    def __str__(self) -> str:
        return (
            f"{self.source}: {self.path}: {self.reason}"
            if self.path
            else f"{self.source}: {self.reason}"
        )


def parse_schedule(data: bytes | str, *, source: str) -> YearSchedule:
    """Validate a schedule document; CalendarFileError names the field that is wrong."""
    try:
        document = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise CalendarFileError(source, "", f"not valid JSON ({error})") from None
    return _Validator(source).schedule(document)


class _Validator:
    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, path: str, reason: str) -> CalendarFileError:
        return CalendarFileError(self.source, path, reason)

    def schedule(self, document: Any) -> YearSchedule:
        if not isinstance(document, dict):
            raise self.fail("", f"expected a JSON object, got {json_kind(document)}")
        for key in document:
            if key not in _KEYS:
                raise self.fail(key, f"unknown field (allowed: {', '.join(_KEYS)})")
        for key in ("format", "year", "source", "holidays", "working_days"):
            if key not in document:
                raise self.fail(key, "required field missing")
        if document["format"] != FORMAT:
            raise self.fail("format", f'must be "{FORMAT}", got {json.dumps(document["format"])}')
        year = document["year"]
        if isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= 2100:
            raise self.fail(
                "year", f"expected a year between 2000 and 2100, got {json.dumps(year)}"
            )
        source = document["source"]
        if not isinstance(source, str) or not source.strip():
            raise self.fail(
                "source",
                "expected the notice this schedule comes from (国办发明电…), a non-empty string",
            )
        if "note" in document and not isinstance(document["note"], str):
            raise self.fail("note", f"expected a string, got {json_kind(document['note'])}")
        first_allowed = date(year - 1, 12, 25)  # a notice may start New Year's Day in late December
        last_allowed = date(year, 12, 31)
        holidays = self.holidays(document["holidays"], year, first_allowed, last_allowed)
        working_days = self.working_days(
            document["working_days"], holidays, first_allowed, last_allowed
        )
        return YearSchedule(year, source.strip(), holidays, working_days)

    def day(self, path: str, value: Any, first_allowed: date, last_allowed: date) -> date:
        if not isinstance(value, str):
            raise self.fail(path, f"expected a date YYYY-MM-DD, got {json_kind(value)}")
        try:
            if len(value) != 10:
                raise ValueError(value)
            day = date.fromisoformat(value)
        except ValueError:
            raise self.fail(path, f"{value!r} is not a date YYYY-MM-DD") from None
        if not first_allowed <= day <= last_allowed:
            raise self.fail(path, f"{value} lies outside the schedule's year {last_allowed.year}")
        return day

    def name(self, path: str, item: dict[str, Any], *, required: bool) -> str:
        if "name" not in item:
            if required:
                raise self.fail(f"{path}.name", "required field missing (e.g. 春节)")
            return ""
        name = item["name"]
        if not isinstance(name, str) or (required and not name.strip()):
            raise self.fail(f"{path}.name", "expected the holiday's name, a non-empty string")
        return name.strip()

    def holidays(
        self, raw: Any, year: int, first_allowed: date, last_allowed: date
    ) -> dict[date, str]:
        if not isinstance(raw, list) or not raw:
            raise self.fail("holidays", "expected a non-empty list of holiday blocks")
        days: dict[date, str] = {}
        for index, item in enumerate(raw):
            path = f"holidays[{index}]"
            if not isinstance(item, dict):
                raise self.fail(
                    path, f"expected an object {{name, first, last}}, got {json_kind(item)}"
                )
            for key in item:
                if key not in ("name", "first", "last"):
                    raise self.fail(f"{path}.{key}", "unknown field (allowed: name, first, last)")
            name = self.name(path, item, required=True)
            if "first" not in item:
                raise self.fail(f"{path}.first", "required field missing")
            first = self.day(f"{path}.first", item["first"], first_allowed, last_allowed)
            last = self.day(
                f"{path}.last", item.get("last", item["first"]), first_allowed, last_allowed
            )
            if last < first:
                raise self.fail(f"{path}.last", f"{last} is before first {first}")
            if (last - first).days + 1 > _MAX_BLOCK_DAYS:
                raise self.fail(
                    f"{path}.last",
                    f"a holiday block of {(last - first).days + 1} days is not plausible",
                )
            if last.year != year:
                raise self.fail(f"{path}.last", f"the block must end in {year}")
            day = first
            while day <= last:
                if day in days:
                    raise self.fail(path, f"{day} is already a holiday ({days[day]})")
                days[day] = name
                day += timedelta(days=1)
        if len(days) > _MAX_HOLIDAY_DAYS:
            raise self.fail("holidays", f"{len(days)} holiday days in one year is not plausible")
        return days

    def working_days(
        self, raw: Any, holidays: dict[date, str], first_allowed: date, last_allowed: date
    ) -> dict[date, str]:
        if not isinstance(raw, list):
            raise self.fail("working_days", f"expected a list (may be empty), got {json_kind(raw)}")
        days: dict[date, str] = {}
        for index, item in enumerate(raw):
            path = f"working_days[{index}]"
            if isinstance(item, str):
                item = {"date": item}
            if not isinstance(item, dict):
                raise self.fail(path, f"expected an object {{date, name}}, got {json_kind(item)}")
            for key in item:
                if key not in ("date", "name"):
                    raise self.fail(f"{path}.{key}", "unknown field (allowed: date, name)")
            if "date" not in item:
                raise self.fail(f"{path}.date", "required field missing")
            day = self.day(f"{path}.date", item["date"], first_allowed, last_allowed)
            if day.weekday() < 5:
                raise self.fail(
                    f"{path}.date",
                    f"{day} is a weekday; a make-up working day (调休) falls on a weekend",
                )
            if day in holidays:
                raise self.fail(f"{path}.date", f"{day} is also listed as a holiday")
            if day in days:
                raise self.fail(f"{path}.date", f"{day} is listed twice")
            days[day] = self.name(path, item, required=False)
        return days


def schedule_to_json(schedule: YearSchedule) -> dict[str, Any]:
    """The stored form: holidays as blocks of consecutive days with one name."""
    blocks: list[dict[str, str]] = []
    for day in sorted(schedule.holidays):
        name = schedule.holidays[day]
        if (
            blocks
            and blocks[-1]["name"] == name
            and date.fromisoformat(blocks[-1]["last"]) + timedelta(days=1) == day
        ):
            blocks[-1]["last"] = day.isoformat()
        else:
            blocks.append({"name": name, "first": day.isoformat(), "last": day.isoformat()})
    return {
        "format": FORMAT,
        "year": schedule.year,
        "source": schedule.source,
        "holidays": blocks,
        "working_days": [
            {"date": d.isoformat(), "name": n} if n else {"date": d.isoformat()}
            for d, n in sorted(schedule.working_days.items())
        ],
    }


def store_schedule(schedule: YearSchedule, folder: Path) -> Path:
    """Write `<folder>/<year>.json` atomically; returns its path."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{schedule.year}.json"
    text = json.dumps(schedule_to_json(schedule), ensure_ascii=False, indent=1) + "\n"
    handle, temporary = tempfile.mkstemp(prefix=f".{schedule.year}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    directory = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
    return target


def read_loaded_years(folder: Path) -> dict[int, YearSchedule]:
    """Every year stored in the folder; a damaged file is an error, never silently skipped."""
    years: dict[int, YearSchedule] = {}
    if not folder.is_dir():
        return years
    for path in sorted(folder.glob("[0-9][0-9][0-9][0-9].json")):
        schedule = parse_schedule(path.read_bytes(), source=str(path))
        if str(schedule.year) != path.stem:
            raise CalendarFileError(
                str(path), "year", f"{schedule.year} does not match the file name"
            )
        years[schedule.year] = schedule
    return years
