"""Shared scaffolding of the per-duty tests: a scenario breaches (or meets) named duties."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest

from liuhen.rules.calendar import WorkCalendar
from liuhen.rules.evaluator import check_timeline
from liuhen.rules.findings import Finding
from liuhen.rules.samples import CaseBuilder, at_2026
from liuhen.rules.timeline import parse_timeline

PROFILE_OF = {
    "dehong-record": "dehong",
    "mangshi-record": "mangshi",
    "baijiantan-record": "baijiantan",
    "guangdong-record": "guangdong",
    "henan-record": "henan",
    "henan-publicity": "henan",
    "henan-review": "henan",
    "fangcheng-plan": "fangcheng",
}
CALENDAR = WorkCalendar()


@dataclass(frozen=True)
class Duty:
    regulation: str
    rule: str
    article: str
    severity: str = "violation"
    profile: str | None = None


@dataclass(frozen=True)
class Scenario:
    name: str
    breach: Callable[[], CaseBuilder]
    ok: Callable[[], CaseBuilder]
    duties: tuple[Duty, ...]
    as_of: str = "12-31 00:00"
    profile: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


def findings_for(builder: CaseBuilder, profile: str, as_of: str) -> tuple[Finding, ...]:
    timeline = parse_timeline(builder.document(), source="test")
    result = check_timeline(timeline, profile=profile, as_of=at_2026(as_of), calendar=CALENDAR)
    return result.findings


def cases(scenarios: list[Scenario]) -> Iterator[object]:
    for scenario in scenarios:
        for duty in scenario.duties:
            for outcome in ("breach", "ok"):
                yield pytest.param(
                    scenario,
                    duty,
                    outcome,
                    id=f"{duty.regulation}:{duty.article}:{duty.rule}:{outcome}:{scenario.name}",
                )


def assert_scenario(scenario: Scenario, duty: Duty, outcome: str) -> None:
    profile = duty.profile or scenario.profile or PROFILE_OF[duty.regulation]
    builder = scenario.breach() if outcome == "breach" else scenario.ok()
    found = [
        f
        for f in findings_for(builder, profile, scenario.as_of)
        if f.regulation == duty.regulation and f.rule == duty.rule
    ]
    if outcome == "breach":
        assert found, f"{duty.rule} ({duty.article}) did not fire on {scenario.name}"
        assert {f.article for f in found} == {duty.article}
        assert {f.severity for f in found} == {duty.severity}
    else:
        assert not found, f"{duty.rule} ({duty.article}) fired on the compliant case: {found}"
