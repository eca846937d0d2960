"""`liuhen check`, `liuhen rules coverage`, `liuhen calendar load|show`: plain Python, no Django.

Exit status of `check`: 0 no violation, 1 at least one violation, 2 bad input or usage. A bad
file gets one line `FILE: events[N].FIELD: reason` on standard error, and then nothing at all
is written to standard output, even for the good files.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import NoReturn

from liuhen.rules.calendar import current_calendar, forget_current_calendar
from liuhen.rules.calendar_files import CalendarFileError, parse_schedule, store_schedule
from liuhen.rules.clock import BadTime, format_short, now, parse_time
from liuhen.rules.conditions import PackError
from liuhen.rules.coverage import coverage_rows
from liuhen.rules.evaluator import check_timeline
from liuhen.rules.findings import CaseFindings, findings_document
from liuhen.rules.profiles import PROFILES
from liuhen.rules.timeline import Timeline, TimelineError, parse_timeline

USAGE = """usage: liuhen check FILE... [--profile ID] [--as-of TIME] [--format json|text]
       liuhen rules coverage [--regulation ID] [--format text|json]
       liuhen calendar load FILE
       liuhen calendar show YEAR"""


@contextmanager
def checking() -> Iterator[None]:
    """Parsing and checking make many short-lived objects and no reference cycles, so the cyclic
    garbage collector only costs time here; reference counting frees everything."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _Usage(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _Usage(f"{self.prog}: {message}")


def main(argv: list[str]) -> int:
    """Run one rules command; argv[0] is check, rules or calendar. Returns the exit status."""
    try:
        if not argv or argv[0] in ("-h", "--help"):
            print(USAGE, file=sys.stderr if not argv else sys.stdout)
            return 2 if not argv else 0
        command, rest = argv[0], argv[1:]
        if command == "check":
            return _check(rest)
        if command == "rules":
            return _rules(rest)
        if command == "calendar":
            return _calendar(rest)
        raise _Usage(f"liuhen: unknown command {command!r}")
    except _Usage as error:
        print(f"{error}\n{USAGE}", file=sys.stderr)
        return 2
    except (CalendarFileError, PackError) as error:
        print(f"liuhen: {error}", file=sys.stderr)
        return 2
    except SystemExit as exit_:  # --help
        return exit_.code if isinstance(exit_.code, int) else 0


def _check(args: list[str]) -> int:
    parser = _Parser(prog="liuhen check", add_help=True)
    parser.add_argument("files", nargs="+", metavar="FILE")
    parser.add_argument("--profile", choices=None)
    parser.add_argument("--as-of", dest="as_of")
    parser.add_argument("--format", choices=("json", "text"))
    options = parser.parse_args(args)
    if options.profile is not None and options.profile not in PROFILES:
        raise _Usage(
            f"liuhen check: --profile: unknown profile {options.profile!r}"
            f" (known: {', '.join(PROFILES)})"
        )
    if options.as_of is None:
        as_of = now()
    else:
        try:
            as_of = parse_time(options.as_of)
        except BadTime as error:
            raise _Usage(f"liuhen check: --as-of: {error}") from None
    output_format = options.format or ("text" if sys.stdout.isatty() else "json")

    timelines: list[tuple[Timeline, str]] = []
    errors: list[str] = []
    with checking():
        results = _check_files(options.files, options.profile, as_of, timelines, errors)
    if errors:
        for line in errors:
            print(line, file=sys.stderr)
        return 2
    if output_format == "json":
        document = findings_document(results, as_of=as_of)
        sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    else:
        from liuhen.rules.report import render_report

        sys.stdout.write(render_report(results, as_of_label=format_short(as_of)) + "\n")
    return 1 if any(r.has_violation for r in results) else 0


def _check_files(
    files: list[str],
    forced_profile: str | None,
    as_of: datetime,
    timelines: list[tuple[Timeline, str]],
    errors: list[str],
) -> list[CaseFindings]:
    """Parse every file (collecting errors), then, if none is bad, check them all."""
    stdin_data: bytes | None = None
    for name in files:
        try:
            if name == "-":
                if stdin_data is None:
                    stdin_data = _read_stdin()
                data = stdin_data
            else:
                with open(name, "rb") as stream:
                    data = stream.read()
            timeline = parse_timeline(data, source=name)
        except OSError as error:
            errors.append(f"{name}: cannot read the file ({error.strerror or error})")
            continue
        except TimelineError as error:
            errors.append(str(error))
            continue
        profile = forced_profile or timeline.profile
        if profile is None:
            errors.append(f"{name}: profile: no profile in the file and no --profile given")
            continue
        if profile not in PROFILES:
            errors.append(
                f"{name}: profile: unknown profile {profile!r} (known: {', '.join(PROFILES)})"
            )
            continue
        timelines.append((timeline, profile))
    if errors:
        return []
    calendar = current_calendar()
    return [
        check_timeline(timeline, profile=profile, as_of=as_of, calendar=calendar)
        for timeline, profile in timelines
    ]


def _read_stdin() -> bytes:
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        data: bytes = buffer.read()
        return data
    return sys.stdin.read().encode("utf-8")


def _rules(args: list[str]) -> int:
    parser = _Parser(prog="liuhen rules")
    sub = parser.add_subparsers(dest="what", required=True)
    cov = sub.add_parser(
        "coverage", help="one row per article: the duties that check it or why it cannot be checked"
    )
    cov.add_argument("--regulation")
    cov.add_argument("--format", choices=("text", "json"), default="text")
    options = parser.parse_args(args)
    rows = coverage_rows(options.regulation)
    if options.regulation is not None and not rows:
        raise _Usage(
            f"liuhen rules coverage: --regulation: unknown regulation {options.regulation!r}"
        )
    if options.format == "json":
        sys.stdout.write(
            json.dumps([r.to_json() for r in rows], ensure_ascii=False, indent=1) + "\n"
        )
    else:
        sys.stdout.write("".join(r.text() + "\n" for r in rows))
    return 0


def _calendar(args: list[str]) -> int:
    parser = _Parser(prog="liuhen calendar")
    sub = parser.add_subparsers(dest="what", required=True)
    load = sub.add_parser(
        "load", help="validate a year's holiday schedule and store it for every later check"
    )
    load.add_argument("file")
    show = sub.add_parser("show", help="print the holidays and make-up working days of a year")
    show.add_argument("year", type=int)
    options = parser.parse_args(args)
    if options.what == "load":
        return _calendar_load(options.file)
    return _calendar_show(options.year)


def _calendar_load(name: str) -> int:
    from liuhen.rules.calendar import calendar_dir

    try:
        if name == "-":
            data = _read_stdin()
        else:
            with open(name, "rb") as stream:
                data = stream.read()
    except OSError as error:
        print(f"{name}: cannot read the file ({error.strerror or error})", file=sys.stderr)
        return 2
    try:
        schedule = parse_schedule(data, source=name)
    except CalendarFileError as error:
        print(str(error), file=sys.stderr)
        return 2
    path = store_schedule(schedule, calendar_dir())
    forget_current_calendar()
    print(
        f"已加载 {schedule.year} 年节假日安排：{len(schedule.holidays)} 天假日，"
        f"{len(schedule.working_days)} 个调休工作日（来源：{schedule.source}）→ {path}"
    )
    return 0


def _calendar_show(year: int) -> int:
    calendar = current_calendar()
    schedule = calendar.schedule(year)
    source = calendar.source_of(year)
    out: list[str] = []
    if schedule is None or source is None:
        out.append(
            f"{year} 年：未加载节假日安排，工作日按周一至周五计算（可用 liuhen calendar load 加载）"
        )
    else:
        out.append(f"{year} 年节假日安排（来源：{source}）")
        out.append("放假：")
        blocks: dict[str, list[date]] = {}
        for day in sorted(schedule.holidays):
            blocks.setdefault(schedule.holidays[day], []).append(day)
        for holiday, days in blocks.items():
            out.append(
                f"  {holiday}：{days[0].isoformat()} 至 {days[-1].isoformat()}，{len(days)} 天"
            )
        out.append("调休上班：")
        for day, holiday in sorted(schedule.working_days.items()):
            out.append(f"  {day.isoformat()}（{'一二三四五六日'[day.weekday()]}）{holiday}")
    total = sum(1 for d in _days_of(year) if calendar.is_working_day(d))
    out.append(f"全年工作日：{total} 天")
    sys.stdout.write("\n".join(out) + "\n")
    return 0


def _days_of(year: int) -> list[date]:
    start = date(year, 1, 1).toordinal()
    end = date(year, 12, 31).toordinal()
    return [date.fromordinal(n) for n in range(start, end + 1)]
