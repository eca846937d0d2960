"""deadline_text: a due time as officers read a deadline (China time)."""

from __future__ import annotations

import datetime as dt

from liuhen.cases.presenters import deadline_text
from liuhen.rules.clock import CHINA


def test_a_midnight_deadline_is_the_last_days_2400() -> None:
    # the end of 2026-12-09 in China: 2026-12-09 16:00 UTC
    due = dt.datetime(2026, 12, 9, 16, 0, tzinfo=dt.UTC)
    assert deadline_text(due) == "2026-12-09 24:00"


def test_a_deadline_during_the_day_is_shown_as_it_is() -> None:
    due = dt.datetime(2026, 12, 10, 3, 5, tzinfo=CHINA)
    assert deadline_text(due) == "2026-12-10 03:05"


def test_a_deadline_a_second_after_midnight_is_not_moved() -> None:
    due = dt.datetime(2026, 12, 10, 0, 0, 1, tzinfo=CHINA)
    assert deadline_text(due) == "2026-12-10 00:00"


def test_the_last_day_of_a_month_and_year() -> None:
    assert deadline_text(dt.datetime(2027, 1, 1, tzinfo=CHINA)) == "2026-12-31 24:00"


def test_no_deadline_is_empty() -> None:
    assert deadline_text(None) == ""
