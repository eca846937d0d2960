"""Keeping recordings (`retention`): 永久/长期保存 breached by any deletion, minimum terms by an
early one."""

from __future__ import annotations

import pytest
from duty_cases import Duty, Scenario, assert_scenario, cases, findings_for

from liuhen.rules.samples import case

D = Duty


def deleted(
    at: str | None,
    action: str = "penalty",
    evidence: bool = False,
    obstruction: bool = False,
    **flags: bool,
):  # type: ignore[no-untyped-def]
    """av1 ends 2026-03-03 11:00; deleted at `at` (full RFC 3339) or kept (None)."""

    def build():  # type: ignore[no-untyped-def]
        builder = case(action, **flags)
        builder.add(
            "av.recorded",
            "03-03 11:00",
            id="av1",
            start="03-03 10:00",
            notice_given=True,
            statement_given=True,
        )
        if obstruction:
            builder.add("obstruction", "03-03 10:30", av=["av1"])
        if evidence:
            builder.add("av.evidence", "03-10 10:00", of="av1", description=True, disc_copy=True)
        if at is not None:
            builder.add("av.deleted", at, of="av1")
        return builder

    return build


ONE_YEAR = "2027-03-03T12:00:00+08:00"
THREE_YEARS = "2029-03-05T12:00:00+08:00"

SCENARIOS = [
    Scenario(
        "evidence recording destroyed",
        deleted(ONE_YEAR, evidence=True),
        deleted(None, evidence=True),
        (D("guangdong-record", "gd-av-evidence-kept", "第二十四条"),),
        as_of="2030-01-01T00:00:00+08:00",
    ),
    Scenario(
        "ordinary recording destroyed",
        deleted(ONE_YEAR),
        deleted(None),
        (D("guangdong-record", "gd-av-destruction-review", "第二十七条", "advice"),),
        as_of="2030-01-01T00:00:00+08:00",
    ),
    Scenario(
        "penalty evidence destroyed",
        deleted(THREE_YEARS, evidence=True),
        deleted(None, evidence=True),
        (D("dehong-record", "av-keep-permanent", "第三十二条"),),
        as_of="2030-01-01T00:00:00+08:00",
    ),
    Scenario(
        "recording of an obstruction destroyed",
        deleted(THREE_YEARS, obstruction=True),
        deleted(None, obstruction=True),
        (
            D("dehong-record", "av-keep-permanent", "第三十二条"),
            D("mangshi-record", "av-long-term-no-deletion", "第二十一条"),
        ),
        as_of="2030-01-01T00:00:00+08:00",
    ),
    Scenario(
        "ordinary recording destroyed within two years",
        deleted(ONE_YEAR, "inspection"),
        deleted(THREE_YEARS, "inspection"),
        (
            D("dehong-record", "av-keep-two-years", "第三十二条", "advice"),
            D("mangshi-record", "av-retained-2-years", "第二十二条"),
        ),
        as_of="2030-01-01T00:00:00+08:00",
    ),
    Scenario(
        "inspection evidence destroyed",
        deleted(THREE_YEARS, "inspection", evidence=True),
        deleted(None, "inspection", evidence=True),
        (D("dehong-record", "av-evidence-keep-with-file", "第三十三条"),),
        as_of="2030-01-01T00:00:00+08:00",
    ),
]


@pytest.mark.parametrize(("scenario", "duty", "outcome"), list(cases(SCENARIOS)))
def test_duty(scenario: Scenario, duty: Duty, outcome: str) -> None:
    assert_scenario(scenario, duty, outcome)


def test_a_deletion_is_reported_once_per_regulation() -> None:
    # dehong-record: a permanent recording is reported under 第三十二条 only,
    # not also as evidence (第三十三条)
    builder = deleted(THREE_YEARS, evidence=True)()
    found = [
        f
        for f in findings_for(builder, "dehong", "2030-01-01T00:00:00+08:00")
        if "删" in f.message or "销毁" in f.message
    ]
    assert [(f.article, f.rule) for f in found] == [("第三十二条", "av-keep-permanent")]


def test_the_two_years_end_at_midnight_of_the_same_date() -> None:
    builder = deleted("2028-03-03T23:59:00+08:00", "inspection")()
    assert [
        f.rule
        for f in findings_for(builder, "mangshi", "2030-01-01T00:00:00+08:00")
        if f.article == "第二十二条"
    ]
    builder = deleted("2028-03-04T00:00:00+08:00", "inspection")()
    assert not [
        f.rule
        for f in findings_for(builder, "mangshi", "2030-01-01T00:00:00+08:00")
        if f.article == "第二十二条"
    ]
