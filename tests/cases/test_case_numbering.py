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


def _imported(world: World, number: str, year: int = 2026) -> Case:
    from liuhen.cases.services import case_import

    document = {
        "format": "liuhen.case-timeline/1",
        "case": {"id": number, "action": "penalty", "source": "ex_officio"},
        "events": [
            {"type": "case.initiated", "at": f"{year}-03-02T09:00:00+08:00", "urgent": True}
        ],
    }
    return case_import(
        actor=None, agency=world.mangshi_emergency, document=document, source_name="旧系统"
    )


def test_an_imported_number_of_the_own_pattern_advances_the_counter(world: World) -> None:
    # given 0001 opened here, then 0007 of the same year imported from the old system
    march = dt.datetime(2026, 3, 2, tzinfo=CHINA)
    case(world.mangshi_emergency, at=march)
    _imported(world, "芒市应急管理局罚〔2026〕0007号")
    # when the next case of 2026 is opened (of another action: the count is per year)
    later = case(world.mangshi_emergency, at=march, action="inspection")
    # then it gets the next free number, and other years are untouched
    assert later.number == "芒市应急管理局检〔2026〕0008号"
    assert case(world.mangshi_emergency, at=march.replace(year=2025)).number.endswith("0001号")
    assert CaseNumberCounter.objects.get(agency=world.mangshi_emergency, year=2026).last == 8


def test_an_imported_number_below_the_counter_leaves_it(world: World) -> None:
    march = dt.datetime(2026, 3, 2, tzinfo=CHINA)
    for _ in range(3):
        case(world.mangshi_emergency, at=march)
    _imported(world, "芒市应急管理局许〔2026〕0002号")
    assert case(world.mangshi_emergency, at=march).number.endswith("〔2026〕0004号")


def test_a_number_not_of_the_pattern_leaves_the_counters_alone(world: World) -> None:
    _imported(world, "芒应急罚〔2026〕17号")
    _imported(world, "芒市应急管理局罚〔2026〕17号")  # the pattern writes 0017
    assert not CaseNumberCounter.objects.filter(agency=world.mangshi_emergency).exists()


def test_a_pattern_number_without_a_year_is_refused(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    settings.LIUHEN_CASE_NUMBER_PATTERN = "{agency_short}{action_char}第{seq}号"
    with pytest.raises(ValidationError, match="不含年度"):
        _imported(world, "芒市应急管理局罚第12号")
    assert not Case.objects.exists()


def test_a_number_taken_before_the_fix_is_skipped_at_opening(world: World) -> None:
    # given a case imported with a pattern number while the counter was not advanced
    march = dt.datetime(2026, 3, 2, tzinfo=CHINA)
    imported = _imported(world, "芒市应急管理局罚〔2026〕0001号")
    CaseNumberCounter.objects.filter(agency=world.mangshi_emergency).delete()
    # when a case is opened, it skips the taken number
    assert case(world.mangshi_emergency, at=march).number == "芒市应急管理局罚〔2026〕0002号"
    assert imported.number.endswith("0001号")
