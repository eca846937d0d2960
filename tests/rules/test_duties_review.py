"""Legal review before a decision (`review_before`), major decisions and stacking of regulations."""

from __future__ import annotations

import pytest
from duty_cases import Duty, Scenario, assert_scenario, cases, findings_for

from liuhen.rules.samples import case

D = Duty


def decided(
    measures: list[str],
    *,
    review: str | None = None,
    action: str = "penalty",
    pre_notice: bool = False,
    **flags: bool,
):  # type: ignore[no-untyped-def]
    def build():  # type: ignore[no-untyped-def]
        builder = case(action, **flags)
        if review is not None:
            builder.add("legal_review.submitted", "03-10 10:00").add(
                review, "03-12 10:00", reasons=True
            ) if review == "legal_review.rejected" else builder.add(
                "legal_review.submitted", "03-10 10:00"
            ).add(review, "03-12 10:00")
        if pre_notice:
            builder.add("decision.pre_notice", "03-13 10:00")
        return builder.add("decision.made", "03-25 10:00", measures=measures)

    return build


SCENARIOS = [
    Scenario(
        "major decision without review",
        decided(["warning"], major=True),
        decided(["warning"], review="legal_review.passed", major=True),
        (
            D("henan-review", "review-passed-before-major-decision", "第三条"),
            D("fangcheng-plan", "review-passed-before-major-decision", "三（一）1"),
        ),
    ),
    Scenario(
        "major decision after a failed review",
        decided(["warning"], review="legal_review.rejected", major=True),
        decided(["warning"], review="legal_review.passed", major=True),
        (D("henan-review", "review-passed-before-major-decision", "第三条"),),
    ),
    Scenario(
        "licence revoked without review (henan)",
        decided(["revoke_license"]),
        decided(["revoke_license"], review="legal_review.passed"),
        (D("henan-review", "possibly-major-decision-reviewed", "第六条", "advice"),),
    ),
    Scenario(
        "decision in a major incident without review",
        decided(["warning"], major_incident=True),
        decided(["warning"], review="legal_review.passed", major_incident=True),
        (
            D("henan-review", "possibly-major-decision-reviewed.incident", "第六条", "advice"),
            D(
                "fangcheng-plan",
                "possibly-major-decision-review-passed.incident",
                "三（一）1",
                "advice",
            ),
        ),
    ),
    Scenario(
        "general penalty without review",
        decided(["fine"]),
        decided(["fine"], review="legal_review.rejected"),
        (D("henan-review", "review-general-procedure-penalty-before-decision", "第十八条"),),
    ),
    Scenario(
        "fine possibly at the hearing threshold without review",
        decided(["fine"]),
        decided(["fine"], review="legal_review.passed"),
        (D("fangcheng-plan", "possibly-major-decision-review-passed", "三（一）1", "advice"),),
    ),
    Scenario(
        "seizure decision without review",
        decided(["seize"], action="compulsory"),
        decided(["seize"], review="legal_review.passed", action="compulsory"),
        (
            D(
                "fangcheng-plan",
                "possibly-major-decision-review-passed.measures",
                "三（一）1",
                "advice",
            ),
        ),
    ),
    Scenario(
        "auction in a penalty case without review",
        lambda: (
            case()
            .add("decision.made", "03-25 10:00", measures=["fine"])
            .add("enforcement", "05-10 10:00", method="auction")
        ),
        lambda: (
            case()
            .add("decision.made", "03-25 10:00", measures=["fine"])
            .add("legal_review.submitted", "05-01 10:00")
            .add("legal_review.passed", "05-06 10:00")
            .add("enforcement", "05-10 10:00", method="auction")
        ),
        (D("fangcheng-plan", "auction-enforcement-decision-reviewed", "三（一）1", "advice"),),
    ),
    Scenario(
        "major decision announced before review",
        lambda: (
            case(major=True)
            .add("decision.pre_notice", "03-13 10:00")
            .add("legal_review.submitted", "03-14 10:00")
            .add("legal_review.passed", "03-16 10:00")
        ),
        lambda: (
            case(major=True)
            .add("legal_review.submitted", "03-10 10:00")
            .add("legal_review.passed", "03-12 10:00")
            .add("decision.pre_notice", "03-13 10:00")
        ),
        (D("fangcheng-plan", "review-passed-before-pre-notice", "三（一）6"),),
    ),
    Scenario(
        "possibly major decision announced before review",
        lambda: (
            case()
            .add("decision.pre_notice", "03-13 10:00")
            .add("decision.made", "03-25 10:00", measures=["fine"])
        ),
        lambda: (
            case()
            .add("legal_review.submitted", "03-10 10:00")
            .add("legal_review.passed", "03-12 10:00")
            .add("decision.pre_notice", "03-13 10:00")
            .add("decision.made", "03-25 10:00", measures=["fine"])
        ),
        (D("fangcheng-plan", "possibly-major-review-before-pre-notice", "三（一）6", "advice"),),
    ),
]


@pytest.mark.parametrize(("scenario", "duty", "outcome"), list(cases(SCENARIOS)))
def test_duty(scenario: Scenario, duty: Duty, outcome: str) -> None:
    assert_scenario(scenario, duty, outcome)


def review_findings(builder, profile):  # type: ignore[no-untyped-def]
    return sorted(
        (f.regulation, f.article)
        for f in findings_for(builder, profile, "12-31 00:00")
        if f.severity == "violation" and "review" in f.rule
    )


def test_suspending_business_is_major_only_where_a_regulation_of_the_profile_says_so() -> None:
    # fangcheng-plan 三（一）3（1） lists 责令停产停业 as major; henan alone has no such list
    builder = decided(["suspend_business"])()
    assert review_findings(builder, "fangcheng") == [
        ("fangcheng-plan", "三（一）1"),
        ("henan-review", "第三条"),
    ]
    assert review_findings(builder, "henan") == [("henan-review", "第十八条")]


def test_a_breach_is_reported_once_per_regulation_that_imposes_it() -> None:
    builder = decided(["warning"], major=True)()
    found = [
        (f.regulation, f.article)
        for f in findings_for(builder, "fangcheng", "12-31 00:00")
        if f.rule == "review-passed-before-major-decision"
    ]
    assert found == [("fangcheng-plan", "三（一）1"), ("henan-review", "第三条")]


def test_a_hearing_makes_the_decision_major_under_henan() -> None:
    builder = (
        case().add("hearing", "03-20 10:00").add("decision.made", "03-25 10:00", measures=["fine"])
    )
    assert ("henan-review", "第三条") in review_findings(builder, "henan")


def test_a_review_before_an_earlier_decision_does_not_count_for_a_later_one() -> None:
    builder = (
        case(major=True)
        .add("legal_review.submitted", "03-10 10:00")
        .add("legal_review.passed", "03-12 10:00")
    )
    builder.add("decision.made", "03-25 10:00", measures=["warning"]).add(
        "decision.made", "05-25 10:00", measures=["warning"]
    )
    found = [
        f.events
        for f in findings_for(builder, "henan", "12-31 00:00")
        if f.rule == "review-passed-before-major-decision"
    ]
    assert found == [("#3",)]


def test_a_resubmission_without_an_answer_is_not_a_pass() -> None:
    builder = (
        case(major=True)
        .add("legal_review.submitted", "03-10 10:00")
        .add("legal_review.passed", "03-12 10:00")
    )
    builder.add("legal_review.submitted", "03-20 10:00").add(
        "decision.made", "03-25 10:00", measures=["warning"]
    )
    (finding,) = [
        f
        for f in findings_for(builder, "henan", "12-31 00:00")
        if f.rule == "review-passed-before-major-decision"
    ]
    assert "尚无审核意见" in finding.message


def test_kinds_reached_only_through_deng_are_advice_in_henan() -> None:
    # henan-record 第二条 names 处罚、强制、检查、征收征用、许可;
    # a 收费 case is reached only through 等
    builder = case("fee").add(
        "av.recorded", "03-03 11:00", id="av1", start="03-03 10:00", statement_given=True
    )
    found = [f for f in findings_for(builder, "henan", "12-31 00:00") if f.rule == "hn-av-notice"]
    assert [f.severity for f in found] == ["advice"]


def pre_notice_case(*steps: tuple[str, str], **flags: bool):  # type: ignore[no-untyped-def]
    """A fangcheng penalty case: the given (event, time) steps, a pre-notice on 03-13 10:00 and
    the decision on 03-25."""
    builder = case("penalty", **flags)
    for event, at in steps:
        builder.add(event, at)
    builder.add("decision.pre_notice", "03-13 10:00", id="pn")
    return builder.add("decision.made", "03-25 10:00", measures=["fine"])


def pre_notice_findings(builder, rule: str = "review-passed-before-pre-notice"):  # type: ignore[no-untyped-def]
    return [f for f in findings_for(builder, "fangcheng", "12-31 00:00") if f.rule == rule]


REVIEWED = (("legal_review.submitted", "03-05 10:00"), ("legal_review.passed", "03-06 10:00"))


def test_fangcheng_3_1_6_a_pass_before_the_draft_reviewed_no_intended_decision() -> None:
    # 拟作出行政决定后: the pass of 03-06 precedes the draft of 03-09
    late_draft = pre_notice_case(*REVIEWED, ("decision.drafted", "03-09 10:00"), major=True)
    (finding,) = pre_notice_findings(late_draft)
    assert (finding.article, finding.severity, finding.events) == (
        "三（一）6",
        "violation",
        ("pn",),
    )
    assert "早于" in finding.message


def test_fangcheng_3_1_6_a_pass_after_the_draft_and_before_the_notice_meets_it() -> None:
    early_draft = pre_notice_case(("decision.drafted", "03-04 10:00"), *REVIEWED, major=True)
    assert pre_notice_findings(early_draft) == []


def test_fangcheng_3_1_6_without_a_recorded_draft_the_pass_counts() -> None:
    assert pre_notice_findings(pre_notice_case(*REVIEWED, major=True)) == []


def test_fangcheng_3_1_6_the_advice_for_a_possibly_major_fine_follows_the_draft_too() -> None:
    rule = "possibly-major-review-before-pre-notice"
    late_draft = pre_notice_case(*REVIEWED, ("decision.drafted", "03-09 10:00"))
    (finding,) = pre_notice_findings(late_draft, rule)
    assert (finding.article, finding.severity) == ("三（一）6", "advice")
    early_draft = pre_notice_case(("decision.drafted", "03-04 10:00"), *REVIEWED)
    assert pre_notice_findings(early_draft, rule) == []
