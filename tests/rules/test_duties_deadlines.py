"""Duties with a period (`within`): hours, the same day, days and working days."""

from __future__ import annotations

import pytest
from duty_cases import Duty, Scenario, assert_scenario, cases, findings_for

from liuhen.rules.clock import format_time
from liuhen.rules.samples import case

D = Duty


def stored(at: str, *, remote: bool = False, returned: str = "03-03 12:00", **fields: object):  # type: ignore[no-untyped-def]
    """av1 ends Tuesday 2026-03-03 11:00; the officers return at `returned`; stored at `at`."""

    def build():  # type: ignore[no-untyped-def]
        builder = case()
        builder.add(
            "av.recorded",
            "03-03 11:00",
            id="av1",
            start="03-03 10:00",
            notice_given=True,
            statement_given=True,
        )
        builder.add("field.returned", returned, remote=remote)
        return builder.add("av.stored", at, of="av1", **fields)

    return build


def archived(at: str, action: str = "penalty", recorded: bool = False):  # type: ignore[no-untyped-def]
    """Closed Tuesday 2026-03-31 10:00, archived at `at`."""

    def build():  # type: ignore[no-untyped-def]
        builder = case(action, source="application" if action == "license" else "ex_officio")
        if recorded:
            builder.record("03-20 10:00")
        return builder.add("case.closed", "03-31 10:00").add("case.archived", at)

    return build


def published(
    decided: str, at: str, action: str = "penalty", measures: tuple[str, ...] = ("fine",)
):  # type: ignore[no-untyped-def]
    def build():  # type: ignore[no-untyped-def]
        builder = case(action)
        builder.add("decision.made", decided, measures=list(measures))
        return builder.add("decision.published", at, redacted=True, full_text=True)

    return build


def full_text(action: str, measures: tuple[str, ...], *publications: tuple[str, bool]):  # type: ignore[no-untyped-def]
    """A decision on Wednesday 2026-03-04 10:00, then publications (time, full text or not)."""

    def build():  # type: ignore[no-untyped-def]
        builder = case(action).add(
            "decision.made", "03-04 10:00", id="dec", measures=list(measures)
        )
        for at, whole in publications:
            builder.add("decision.published", at, redacted=True, full_text=whole)
        return builder

    return build


def after(
    trigger: str,
    act: str,
    at: str,
    *,
    major: bool = False,
    published_first: bool = False,
    **act_fields: object,
):  # type: ignore[no-untyped-def]
    def build():  # type: ignore[no-untyped-def]
        builder = case(major=major) if major else case()
        if published_first:
            builder.add("decision.made", "02-20 10:00", measures=["fine"]).add(
                "decision.published", "02-24 10:00"
            )
        builder.add(trigger, "03-02 10:00")
        return builder.add(act, at, **act_fields)

    return build


SCENARIOS = [
    Scenario(
        "stored 24.5 hours after the recording",
        stored("03-04 11:30"),
        stored("03-04 10:30"),
        (
            D("guangdong-record", "gd-av-stored-24h", "第二十三条"),
            D("baijiantan-record", "av-stored-24h", "第二十六条"),
        ),
    ),
    Scenario(
        "stored the next morning",
        stored("03-04 08:00"),
        stored("03-03 23:00"),
        (D("henan-record", "hn-av-stored-same-day", "第二十二条"),),
    ),
    Scenario(
        "stored 24.5 hours after the return",
        stored("03-04 12:30"),
        stored("03-04 11:30"),
        (D("mangshi-record", "av-stored-24h-after-return", "第十六条"),),
    ),
    Scenario(
        "stored on the third working day after the return",
        stored("03-06 09:00"),
        stored("03-05 18:00"),
        (D("dehong-record", "av-stored-2-working-days", "第二十九条"),),
    ),
    Scenario(
        "catalogued on the third working day after storage",
        lambda: stored("03-03 14:00")().add("av.catalogued", "03-06 10:00", of="av1"),
        lambda: stored("03-03 14:00")().add("av.catalogued", "03-05 17:00", of="av1"),
        (D("mangshi-record", "av-catalogued-2wd-after-storage", "第十七条"),),
    ),
    Scenario(
        "archived 36 days after closing",
        archived("05-06 10:00"),
        archived("04-30 10:00"),
        (
            D("dehong-record", "case-archived-30-days", "第二十九条"),
            D("baijiantan-record", "file-archived-30-days", "第二十六条"),
        ),
    ),
    Scenario(
        "archived on the 21st working day",
        archived("04-30 10:00"),
        archived("04-29 10:00"),
        (D("henan-record", "hn-case-archived-20wd", "第二十一条"),),
    ),
    Scenario(
        "archived on the 31st working day",
        archived("05-18 10:00"),
        archived("05-15 10:00"),
        (D("mangshi-record", "file-archived-30wd-after-closing", "第十八条"),),
    ),
    Scenario(
        "licence recordings archived late",
        archived("05-18 10:00", "license", True),
        archived("05-15 10:00", "license", True),
        (D("mangshi-record", "license-av-archived-30wd", "第十八条"),),
    ),
    Scenario(
        "urgent start approved 25 hours later",
        lambda: (
            case()
            .add("case.initiated", "03-02 09:00", urgent=True)
            .add("initiation.approved", "03-03 10:00")
        ),
        lambda: (
            case()
            .add("case.initiated", "03-02 09:00", urgent=True)
            .add("initiation.approved", "03-03 08:00")
        ),
        (D("dehong-record", "initiation-approval-urgent-24h", "第十条"),),
    ),
    Scenario(
        "penalty published on the 8th working day",
        published("03-25 10:00", "04-07 10:00"),
        published("03-25 10:00", "04-03 17:00"),
        (
            D(
                "henan-publicity",
                "publish-license-penalty-decision-within-7-working-days",
                "第二十一条",
            ),
            D("fangcheng-plan", "publish-decision-within-7-or-20-working-days", "三（二）4（3）"),
        ),
    ),
    Scenario(
        "inspection decision published on the 21st working day",
        published("03-02 10:00", "03-31 10:00", "inspection", ("other",)),
        published("03-02 10:00", "03-30 10:00", "inspection", ("other",)),
        (
            D("henan-publicity", "publish-other-decision-within-20-working-days", "第二十一条"),
            D(
                "fangcheng-plan",
                "publish-decision-within-7-or-20-working-days.other",
                "三（二）4（3）",
            ),
        ),
    ),
    Scenario(
        "revoked decision withdrawn on the 21st working day",
        after("decision.revoked", "publication.withdrawn", "03-31 10:00", published_first=True),
        after("decision.revoked", "publication.withdrawn", "03-30 10:00", published_first=True),
        (D("henan-publicity", "withdraw-revoked-decision-within-20-working-days", "第二十二条"),),
    ),
    Scenario(
        "error corrected on the 21st working day",
        after("publication.error_found", "publication.corrected", "03-31 10:00"),
        after("publication.error_found", "publication.corrected", "03-30 10:00"),
        (
            D(
                "henan-publicity",
                "correct-inaccurate-publication-within-20-working-days",
                "第二十二条",
            ),
        ),
    ),
    Scenario(
        "penalty decision published as a summary only (henan-publicity 第十七条)",
        # due with 第二十一条: 7 working days, 2026-03-14T00:00 (analysis example)
        full_text("penalty", ("fine",), ("03-06 10:00", False)),
        full_text("penalty", ("fine",), ("03-06 10:00", False), ("03-10 10:00", True)),
        (D("henan-publicity", "publish-full-text-penalty-licence-decision", "第十七条"),),
    ),
    Scenario(
        "seizure decision published as a summary only (henan-publicity 第十七条)",
        # 20 working days: 2026-04-02T00:00
        full_text("compulsory", ("seize",), ("03-06 10:00", False), ("04-02 10:00", True)),
        full_text("compulsory", ("seize",), ("03-06 10:00", False), ("04-01 17:00", True)),
        (D("henan-publicity", "publish-full-text-compulsory-decision", "第十七条"),),
    ),
    Scenario(
        "inspection decision published as a summary only (henan-publicity 第十七条)",
        full_text("inspection", ("other",), ("03-06 10:00", False)),
        full_text("inspection", ("other",), ("03-06 10:00", True)),
        (
            D(
                "henan-publicity",
                "publish-full-text-other-decision",
                "第十七条",
                severity="advice",
            ),
        ),
    ),
    Scenario(
        "legal review answered on the 6th working day",
        after("legal_review.submitted", "legal_review.passed", "03-10 10:00", major=True),
        after("legal_review.submitted", "legal_review.passed", "03-09 17:00", major=True),
        (D("henan-review", "review-within-5-working-days", "第十三条"),),
    ),
]


@pytest.mark.parametrize(("scenario", "duty", "outcome"), list(cases(SCENARIOS)))
def test_duty(scenario: Scenario, duty: Duty, outcome: str) -> None:
    assert_scenario(scenario, duty, outcome)


def rule(builder, profile, name, as_of="12-31 00:00"):  # type: ignore[no-untyped-def]
    return [f for f in findings_for(builder, profile, as_of) if f.rule == name]


def test_the_46_hour_example_due_time_is_24_hours_after_the_recording_ends() -> None:
    (finding,) = rule(stored("03-05 09:00")(), "guangdong", "gd-av-stored-24h")
    assert format_time(finding.due) == "2026-03-04T11:00:00+08:00"  # type: ignore[arg-type]
    assert finding.events == ("av1",)


def test_an_act_exactly_at_the_deadline_meets_it() -> None:
    assert not rule(stored("03-04 11:00")(), "guangdong", "gd-av-stored-24h")


def test_a_remote_return_moves_the_storage_deadline_in_guangdong_and_henan() -> None:
    late_after_remote = stored("03-06 09:00", remote=True, returned="03-05 10:00")()
    assert not rule(late_after_remote, "guangdong", "gd-av-stored-24h")
    assert not rule(late_after_remote, "henan", "hn-av-stored-same-day")
    # baijiantan-record 第二十六条 knows no such exception
    assert rule(late_after_remote, "baijiantan", "av-stored-24h")


def test_a_documented_special_circumstance_allows_three_working_days_in_mangshi() -> None:
    assert not rule(stored("03-06 09:00", special=True)(), "mangshi", "av-stored-24h-after-return")
    assert rule(stored("03-06 09:00")(), "mangshi", "av-stored-24h-after-return")


def test_an_approved_extension_gives_five_more_working_days() -> None:
    builder = after("legal_review.submitted", "legal_review.passed", "03-13 10:00", major=True)()
    assert rule(builder, "henan", "review-within-5-working-days")
    builder.add("legal_review.extended", "03-05 10:00", approved=True)
    assert not rule(builder, "henan", "review-within-5-working-days")


def test_an_unapproved_extension_gives_nothing() -> None:
    builder = after("legal_review.submitted", "legal_review.passed", "03-13 10:00", major=True)()
    builder.add("legal_review.extended", "03-05 10:00")
    assert rule(builder, "henan", "review-within-5-working-days")


def test_a_deadline_still_ahead_is_pending_then_a_violation() -> None:
    builder = case().add(
        "av.recorded",
        "03-03 11:00",
        id="av1",
        start="03-03 10:00",
        notice_given=True,
        statement_given=True,
    )
    (early,) = rule(builder, "guangdong", "gd-av-stored-24h", as_of="03-03 20:00")
    assert early.severity == "pending"
    (late,) = rule(builder, "guangdong", "gd-av-stored-24h", as_of="03-04 11:00")
    assert late.severity == "violation"  # an unmet deadline equal to as_of is a violation


def test_days_roll_over_to_the_next_working_day() -> None:
    # closed 2026-09-01; 30 days -> 2026-10-01, National Day: the deadline moves to 2026-10-08
    builder = case().add("case.closed", "09-01 10:00").add("case.archived", "10-08 16:00")
    assert not rule(builder, "dehong", "case-archived-30-days")
    builder = case().add("case.closed", "09-01 10:00").add("case.archived", "10-09 09:00")
    (finding,) = rule(builder, "dehong", "case-archived-30-days")
    assert format_time(finding.due) == "2026-10-09T00:00:00+08:00"  # type: ignore[arg-type]


def test_a_decision_revoked_before_it_had_to_be_published_needs_no_publication() -> None:
    builder = (
        case()
        .add("decision.made", "03-25 10:00", measures=["fine"])
        .add("decision.revoked", "03-27 10:00")
    )
    assert not rule(builder, "henan", "publish-license-penalty-decision-within-7-working-days")


def test_a_publication_belongs_to_the_latest_decision_before_it() -> None:
    builder = (
        case()
        .add("decision.made", "03-02 10:00", measures=["fine"])
        .add("decision.made", "04-20 10:00", measures=["fine"])
    )
    builder.add("decision.published", "04-21 10:00", redacted=True, full_text=True)
    found = rule(builder, "henan", "publish-license-penalty-decision-within-7-working-days")
    assert [f.events for f in found] == [("#0",)]


def full_text_findings(builder, as_of="12-31 00:00"):  # type: ignore[no-untyped-def]
    return [
        f
        for f in findings_for(builder, "henan", as_of)
        if f.regulation == "henan-publicity" and f.article == "第十七条"
    ]


def test_henan_publicity_17_a_summary_then_the_full_text_in_time_is_no_breach() -> None:
    # the republication with the full text meets the duty: the summary alone is not a breach
    builder = full_text("penalty", ("fine",), ("03-06 10:00", False), ("03-13 17:00", True))()
    assert full_text_findings(builder) == []


def test_henan_publicity_17_a_summary_is_reported_once_at_the_publication_deadline() -> None:
    builder = full_text("penalty", ("fine",), ("03-06 10:00", False), ("03-09 10:00", False))()
    (finding,) = full_text_findings(builder)
    assert finding.severity == "violation"
    assert format_time(finding.due) == "2026-03-14T00:00:00+08:00"  # type: ignore[arg-type]
    assert finding.events == ("dec", "#1", "#2")
    (pending,) = full_text_findings(builder, as_of="03-10 00:00")
    assert pending.severity == "pending"


def test_henan_publicity_17_a_late_first_publication_must_itself_be_whole() -> None:
    late_summary = full_text("penalty", ("fine",), ("03-20 10:00", False), ("03-23 10:00", True))
    (finding,) = full_text_findings(late_summary())
    assert format_time(finding.due) == "2026-03-20T10:00:00+08:00"  # type: ignore[arg-type]
    assert full_text_findings(full_text("penalty", ("fine",), ("03-20 10:00", True))()) == []


def test_henan_publicity_17_an_unpublished_decision_is_reported_under_21_only() -> None:
    builder = full_text("penalty", ("fine",))()
    assert full_text_findings(builder) == []
    assert rule(builder, "henan", "publish-license-penalty-decision-within-7-working-days")


def test_henan_publicity_17_a_decision_revoked_before_the_full_text_was_due_needs_none() -> None:
    builder = full_text("penalty", ("fine",), ("03-06 10:00", False))()
    builder.add("decision.revoked", "03-09 10:00")
    assert full_text_findings(builder) == []


def test_henan_review_13_a_resubmission_after_rejection_starts_a_new_clock() -> None:
    def review(passed: str):  # type: ignore[no-untyped-def]
        return (
            case(major=True)
            .add("legal_review.submitted", "03-02 10:00", id="s1")
            .add("legal_review.rejected", "03-04 10:00", reasons=True)
            .add("legal_review.submitted", "03-16 10:00", id="s2")
            .add("legal_review.passed", passed, id="p")
        )

    # s2 is a new receipt of materials: 5 working days from 03-16 end with 03-23
    assert not rule(review("03-20 10:00"), "henan", "review-within-5-working-days")
    (finding,) = rule(review("03-25 10:00"), "henan", "review-within-5-working-days")
    assert finding.article == "第十三条"
    assert finding.events == ("s2",)
    assert format_time(finding.due) == "2026-03-24T00:00:00+08:00"  # type: ignore[arg-type]


def test_henan_review_13_supplementary_materials_do_not_restart_the_clock() -> None:
    def review(passed: str):  # type: ignore[no-untyped-def]
        return (
            case(major=True)
            .add("legal_review.submitted", "03-02 10:00", id="s1")
            .add("legal_review.submitted", "03-06 10:00", id="s2")
            .add("legal_review.passed", passed)
        )

    # one late review, one finding, from the first receipt (due 2026-03-10T00:00)
    (finding,) = rule(review("03-20 10:00"), "henan", "review-within-5-working-days")
    assert finding.events == ("s1",)
    assert not rule(review("03-09 17:00"), "henan", "review-within-5-working-days")
    (late,) = rule(review("03-11 10:00"), "henan", "review-within-5-working-days")
    assert late.events == ("s1",)
