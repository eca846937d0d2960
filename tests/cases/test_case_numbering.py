"""案号: per agency and year, gap-free, from the configured pattern."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from liuhen.cases.models import Case, CaseNumberCounter
from liuhen.rules.clock import CHINA
from tests.factories import case
from tests.world import World


def test_numbers_follow_each_other_within_an_agency_and_year(world: World) -> None:
    numbers = [case(world.mangshi_emergency).number for _ in range(3)]
    year = dt.datetime.now(tz=CHINA).year
    assert numbers == [f"芒市应急管理局罚〔{year}〕{n:04d}号" for n in (1, 2, 3)]


def test_each_agency_counts_on_its_own(world: World) -> None:
    case(world.mangshi_emergency)
    other = case(world.mangshi_market)
    assert other.number.endswith("0001号")


def test_the_year_is_the_china_year_of_the_start_and_restarts_the_count(world: World) -> None:
    # given two cases late on 31 December 2025 (China time)
    december = dt.datetime(2025, 12, 31, 23, 30, tzinfo=CHINA)
    first = case(world.mangshi_emergency, at=december)
    second = case(world.mangshi_emergency, at=december)
    # when one starts at 00:10 on 1 January 2026 China time (still 2025 in UTC)
    january = dt.datetime(2025, 12, 31, 16, 10, tzinfo=dt.UTC)
    third = case(world.mangshi_emergency, at=january)
    # then the new year counts from 1 again
    assert [first.number, second.number, third.number] == [
        "芒市应急管理局罚〔2025〕0001号",
        "芒市应急管理局罚〔2025〕0002号",
        "芒市应急管理局罚〔2026〕0001号",
    ]


def test_the_pattern_is_a_setting(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    settings.LIUHEN_CASE_NUMBER_PATTERN = "{agency_short}{action_char}字〔{year}〕第{seq}号"
    opened = case(
        world.mangshi_emergency, action="inspection", at=dt.datetime(2026, 3, 2, tzinfo=CHINA)
    )
    assert opened.number == "芒市应急管理局检字〔2026〕第1号"


def test_a_refused_opening_gives_its_number_back(world: World) -> None:
    # given an opening refused after its number was drawn (its first event is bad)
    with pytest.raises(ValidationError):
        case(world.mangshi_emergency, fields={"urgent": "yes"})
    # then no case exists and the next case takes number 1
    assert not Case.objects.exists()
    assert case(world.mangshi_emergency).number.endswith("0001号")
    assert CaseNumberCounter.objects.get().last == 1
