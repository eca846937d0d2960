"""Working days under the State Council schedule, loaded years, and the Monday–Friday fallback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from liuhen.rules.calendar import WorkCalendar, current_calendar
from liuhen.rules.calendar_files import CalendarFileError, parse_schedule
from liuhen.rules.cli import main
from liuhen.rules.evaluator import check_timeline
from liuhen.rules.samples import at_2026, case
from liuhen.rules.timeline import parse_timeline

FIXTURE = Path(__file__).parent / "fixtures" / "calendar-2027.example.json"
ROOT = Path(__file__).resolve().parents[2]
CAL = WorkCalendar()


def days(*texts: str) -> list[date]:
    return [date.fromisoformat(t) for t in texts]


@pytest.mark.parametrize(
    ("holiday", "off", "made_up"),
    [
        (
            "春节",
            days("2026-02-15", "2026-02-16", "2026-02-20", "2026-02-23"),
            days("2026-02-14", "2026-02-28"),
        ),
        ("清明节", days("2026-04-04", "2026-04-05", "2026-04-06"), []),
        ("劳动节", days("2026-05-01", "2026-05-04", "2026-05-05"), days("2026-05-09")),
        (
            "国庆节",
            days("2026-10-01", "2026-10-05", "2026-10-07"),
            days("2026-09-20", "2026-10-10"),
        ),
    ],
)
def test_2026_holidays_and_make_up_days(holiday: str, off: list[date], made_up: list[date]) -> None:
    fallback: set[int] = set()
    assert not any(CAL.is_working_day(d, fallback) for d in off), holiday
    assert all(CAL.is_working_day(d, fallback) for d in made_up), holiday
    assert fallback == set()


def test_counting_working_days_across_the_spring_festival() -> None:
    # Friday 13 Feb: Saturday 14 Feb is a make-up working day, then nothing until Tuesday 24 Feb
    assert CAL.add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 14)
    assert CAL.add_working_days(date(2026, 2, 13), 2) == date(2026, 2, 24)


def test_counting_working_days_across_national_day_and_the_10_10_make_up_day() -> None:
    # Wednesday 30 Sep: 8 Oct (Thu) is the 1st, 9 Oct the 2nd, Saturday 10 Oct the 3rd,
    # 12 Oct the 4th
    assert [CAL.add_working_days(date(2026, 9, 30), n) for n in (1, 2, 3, 4)] == days(
        "2026-10-08", "2026-10-09", "2026-10-10", "2026-10-12"
    )


def test_2027_falls_back_to_monday_to_friday_and_says_so() -> None:
    fallback: set[int] = set()
    assert CAL.is_working_day(date(2027, 1, 1), fallback) is True  # a Friday; 元旦 unknown
    assert CAL.is_working_day(date(2027, 1, 2), fallback) is False
    assert fallback == {2027}


@pytest.mark.parametrize("day", days("1999-01-04", "2099-12-31", "2003-12-31"))
def test_no_date_outside_the_known_years_crashes(day: date) -> None:
    fallback: set[int] = set()
    assert CAL.is_working_day(day, fallback) == (day.weekday() < 5)
    assert fallback == {day.year}


def closing_in_december():  # type: ignore[no-untyped-def]
    return case().add("case.closed", "12-20 10:00")


def archive_findings(calendar: WorkCalendar | None = None):  # type: ignore[no-untyped-def]
    timeline = parse_timeline(closing_in_december().document(), source="t")
    return check_timeline(
        timeline, profile="henan", as_of=at_2026("12-25 00:00"), calendar=calendar
    )


def test_a_deadline_into_2027_carries_a_warning_naming_the_year() -> None:
    result = archive_findings()
    (pending,) = [f for f in result.findings if f.rule == "hn-case-archived-20wd"]
    assert pending.severity == "pending"
    assert pending.due.isoformat() == "2027-01-16T00:00:00+08:00"  # type: ignore[union-attr]  # 元旦 unknown: a weekday
    assert len(result.warnings) == 1
    assert "2027" in result.warnings[0]
    assert result.to_json()["warnings"] == list(result.warnings)


def test_a_loaded_2027_schedule_counts_its_holidays(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calendar", "load", str(FIXTURE)]) == 0
    assert "2027" in capsys.readouterr().out
    result = archive_findings()  # the current calendar, which now has 2027
    (pending,) = [f for f in result.findings if f.rule == "hn-case-archived-20wd"]
    assert pending.due.isoformat() == "2027-01-19T00:00:00+08:00"  # type: ignore[union-attr]  # 1 Jan is now a holiday
    assert result.warnings == ()
    assert current_calendar().is_working_day(date(2027, 2, 20)) is True  # a make-up Saturday


def test_a_schedule_loaded_by_one_process_is_seen_by_the_next(isolated_data_dir: Path) -> None:
    env = {**os.environ, "LIUHEN_DATA_DIR": str(isolated_data_dir)}
    timeline = json.dumps(closing_in_december().document(profile="henan")).encode()
    check = [
        sys.executable,
        "-m",
        "liuhen.cli",
        "check",
        "-",
        "--as-of",
        "2026-12-25T00:00:00+08:00",
    ]
    before = subprocess.run(
        check, input=timeline, capture_output=True, env=env, cwd=ROOT, check=False
    )
    assert "warnings" in json.loads(before.stdout)["cases"][0]
    load = subprocess.run(
        [sys.executable, "-m", "liuhen.cli", "calendar", "load", str(FIXTURE)],
        capture_output=True,
        env=env,
        cwd=ROOT,
        check=False,
    )
    assert load.returncode == 0, load.stderr
    assert (isolated_data_dir / "calendar" / "2027.json").is_file()
    after = subprocess.run(
        check, input=timeline, capture_output=True, env=env, cwd=ROOT, check=False
    )
    assert (
        after.returncode == before.returncode == 1
    )  # closed without a recorded start: henan-record 第九条
    assert "warnings" not in json.loads(after.stdout)["cases"][0]


def fixture_with(**changes: object) -> bytes:
    document = json.loads(FIXTURE.read_text(encoding="utf-8"))
    for key, value in changes.items():
        if value is ...:
            document.pop(key)
        else:
            document[key] = value
    return json.dumps(document, ensure_ascii=False).encode()


@pytest.mark.parametrize(
    ("changes", "path", "reason"),
    [
        ({"year": "2027"}, "year", "expected a year"),
        ({"source": ""}, "source", "non-empty"),
        ({"source": ...}, "source", "required"),
        ({"format": "v2"}, "format", "must be"),
        ({"holidays": []}, "holidays", "non-empty"),
        ({"holidays": [{"name": "元旦", "first": "2028-01-01"}]}, "holidays[0].first", "outside"),
        (
            {"holidays": [{"name": "春节", "first": "2027-02-13", "last": "2027-02-06"}]},
            "holidays[0].last",
            "before first",
        ),
        (
            {"holidays": [{"name": "春节", "first": "2027-01-01", "last": "2027-03-01"}]},
            "holidays[0].last",
            "not plausible",
        ),
        ({"holidays": [{"first": "2027-01-01"}]}, "holidays[0].name", "required"),
        ({"holidays": [{"name": "元旦", "first": "2027-1-1"}]}, "holidays[0].first", "not a date"),
        (
            {
                "holidays": [
                    {"name": "a", "first": "2027-01-01"},
                    {"name": "b", "first": "2027-01-01"},
                ]
            },
            "holidays[1]",
            "already a holiday",
        ),
        ({"working_days": [{"date": "2027-02-22"}]}, "working_days[0].date", "weekday"),
        (
            {"working_days": [{"date": "2027-01-02"}]},
            "working_days[0].date",
            "also listed as a holiday",
        ),
        ({"working_days": "2027-02-20"}, "working_days", "expected a list"),
        ({"extra": 1}, "extra", "unknown field"),
    ],
)
def test_a_nonsense_schedule_is_refused_naming_the_field(
    changes: dict[str, object], path: str, reason: str
) -> None:
    with pytest.raises(CalendarFileError) as caught:
        parse_schedule(fixture_with(**changes), source="2027.json")
    assert str(caught.value).startswith(f"2027.json: {path}: ")
    assert reason in str(caught.value)


def test_loading_a_bad_file_stores_nothing(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(fixture_with(working_days=[{"date": "2027-02-22"}]))
    assert main(["calendar", "load", str(bad)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"{bad}: working_days[0].date: ")
    assert not (isolated_data_dir / "calendar" / "2027.json").exists()


def test_calendar_show(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calendar", "show", "2026"]) == 0
    text = capsys.readouterr().out
    assert "chinesecalendar 1.11.0" in text
    assert "2026-10-10（六）国庆节" in text
    assert "春节：2026-02-15 至 2026-02-23" in text
    assert main(["calendar", "show", "2027"]) == 0
    assert "未加载" in capsys.readouterr().out
    main(["calendar", "load", str(FIXTURE)])
    capsys.readouterr()
    assert main(["calendar", "show", "2027"]) == 0
    assert "示例数据" in capsys.readouterr().out


def test_the_pinned_chinesecalendar_is_the_one_installed() -> None:
    import chinese_calendar

    assert chinese_calendar.__version__ == "1.11.0"
