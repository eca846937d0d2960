"""Strict RFC 3339 times and China Standard Time.

The contract accepts exactly `YYYY-MM-DDTHH:MM:SS`, an optional fraction, then `Z` or `±HH:MM`;
anything else (a time without an offset above all) is bad input. Every time is converted to
China Standard Time on the way in, because every date the regulations count is a Chinese date.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone

CHINA = timezone(timedelta(hours=8))

_RFC3339 = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]+)?"
    r"(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])"
)
_CHINA_OFFSET = timedelta(hours=8)


class BadTime(ValueError):
    """A time that is not RFC 3339 with an offset; the message says why, in English."""


def parse_time(text: object) -> datetime:
    """An aware datetime in China time, or BadTime (the same answer as `parse_time_strict`)."""
    moment = parse_china_seconds(text)
    return moment if moment is not None else parse_time_strict(text)


# The fast path. Nearly every time is written `YYYY-MM-DDTHH:MM:SS+08:00`: its wall time is
# already China time. Such a time is split into its date (`YYYY-MM-DD`) and the rest
# (`THH:MM:SS+08:00`); each part is checked once, and remembered: a case's events share a few
# dates and every workload a few thousand times of day. The caches are bounded.
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}").fullmatch
_TIME_OF_DAY = re.compile(r"T[0-9]{2}:[0-9]{2}:[0-9]{2}\+08:00").fullmatch
MIDNIGHTS: dict[str, datetime] = {}  # `YYYY-MM-DD` -> its 00:00 in China time
TIMES_OF_DAY: dict[str, timedelta] = {}  # `THH:MM:SS+08:00` -> the time since 00:00
_CACHE_LIMIT = 20_000


def parse_china_seconds(text: object) -> datetime | None:
    """The time if `text` is `YYYY-MM-DDTHH:MM:SS+08:00` with a real date and time; None for any
    other text (another form, or not a real date): `parse_time_strict` decides those."""
    if type(text) is not str:
        return None
    midnight = MIDNIGHTS.get(text[:10])
    if midnight is None:
        midnight = _learn_date(text[:10])
        if midnight is None:
            return None
    since = TIMES_OF_DAY.get(text[10:])
    if since is None:
        since = _learn_time_of_day(text[10:])
        if since is None:
            return None
    return midnight + since


def _learn_date(part: str) -> datetime | None:
    if _DATE(part) is None:
        return None
    try:
        day = date.fromisoformat(part)
    except ValueError:  # 2026-02-30
        return None
    if len(MIDNIGHTS) >= _CACHE_LIMIT:
        MIDNIGHTS.clear()
    midnight = MIDNIGHTS[part] = datetime(day.year, day.month, day.day, tzinfo=CHINA)
    return midnight


def _learn_time_of_day(part: str) -> timedelta | None:
    if _TIME_OF_DAY(part) is None:
        return None
    try:
        moment = time.fromisoformat(part[1:9])
    except ValueError:  # 24:00:00, 23:59:60
        return None
    if len(TIMES_OF_DAY) >= _CACHE_LIMIT:
        TIMES_OF_DAY.clear()
    since = TIMES_OF_DAY[part] = timedelta(
        hours=moment.hour, minutes=moment.minute, seconds=moment.second
    )
    return since


def parse_time_strict(text: object) -> datetime:
    """An aware datetime in China time, or BadTime: any RFC 3339 time with an offset."""
    if text.__class__ is not str:
        raise BadTime(f"expected an RFC 3339 time string, got {_json_kind(text)}")
    assert isinstance(text, str)
    if _RFC3339.fullmatch(text) is None:
        if re.fullmatch(
            r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]+)?", text
        ):
            raise BadTime(f"time {text!r} has no UTC offset (add Z or +08:00)")
        raise BadTime(f"time {text!r} is not RFC 3339 (YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM))")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as error:
        raise BadTime(f"time {text!r} is not a real date and time ({error})") from None
    # The wall time in China, moved there directly rather than through UTC (astimezone), which
    # cannot represent the first hours of year 1. One shared tzinfo object (CHINA) keeps
    # comparisons, and so sorting, cheap.
    offset = moment.utcoffset()
    assert offset is not None
    try:
        local = moment.replace(tzinfo=None) + (_CHINA_OFFSET - offset)
    except OverflowError:
        raise BadTime(f"time {text!r} is outside the years 1–9999 in China time") from None
    return local.replace(tzinfo=CHINA)


def format_time(moment: datetime) -> str:
    """RFC 3339 in +08:00, as the findings document writes times."""
    return moment.astimezone(CHINA).isoformat()


def format_short(moment: datetime) -> str:
    """`2026-03-04 09:00` in China time, for messages and reports (what strftime's
    `%Y-%m-%d %H:%M` writes, at half its cost: every finding's message has one or two)."""
    if moment.tzinfo is not CHINA:
        moment = moment.astimezone(CHINA)
    return "%d-%02d-%02d %02d:%02d" % (  # noqa: UP031 (the cheapest formatting here)
        moment.year,
        moment.month,
        moment.day,
        moment.hour,
        moment.minute,
    )


def end_of_day(day: date) -> datetime:
    """24:00 of a Chinese date, written as 00:00 of the next day."""
    return datetime(day.year, day.month, day.day, tzinfo=CHINA) + timedelta(days=1)


def now() -> datetime:
    return datetime.now(tz=CHINA)


def _json_kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


json_kind = _json_kind
