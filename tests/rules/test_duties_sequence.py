"""A-before-B duties (`before`): an act may only follow others; the same instant satisfies it."""

from __future__ import annotations

import pytest
from duty_cases import Duty, Scenario, assert_scenario, cases, findings_for

from liuhen.rules.samples import case

D = Duty


def fine_decision(*before: tuple[str, str, dict[str, object]], **case_kw: object):  # type: ignore[no-untyped-def]
    def build():  # type: ignore[no-untyped-def]
        builder = case(**case_kw)  # type: ignore[arg-type]
        for event, at, fields in before:
            builder.add(event, at, **fields)
        return builder.add("decision.made", "03-25 10:00", measures=["fine"], fine_amount=500)

    return build


SCENARIOS = [
    Scenario(
        "application accepted without its registration",
        lambda: case("license", source="application").add("application.accepted", "03-02 10:00"),
        lambda: (
            case("license", source="application")
            .add("application.received", "03-02 09:00")
            .add("application.accepted", "03-02 10:00")
        ),
        (D("baijiantan-record", "application-registered-on-record", "第五条"),),
    ),
    Scenario(
        "complaint case started without the complaint on record",
        lambda: case(source="complaint").add("case.initiated", "03-02 10:00"),
        lambda: (
            case(source="complaint")
            .add("complaint.received", "03-01 10:00")
            .add("case.initiated", "03-02 10:00")
        ),
        (
            D("baijiantan-record", "complaint-on-record", "第六条"),
            D("mangshi-record", "complaint-basis-on-record", "第六条"),
        ),
    ),
    Scenario(
        "penalty decided without telling the party its rights",
        fine_decision(("decision.pre_notice", "03-20 10:00", {})),
        fine_decision(
            ("decision.pre_notice", "03-20 10:00", {}), ("rights_notice", "03-20 10:00", {})
        ),
        (D("dehong-record", "penalty-rights-notice", "第十五条"),),
    ),
    Scenario(
        "penalty decided without any prior notice",
        fine_decision(),
        fine_decision(("rights_notice", "03-25 10:00", {})),
        (D("baijiantan-record", "rights-notice-before-penalty-decision", "第八条"),),
    ),
    Scenario(
        "penalty decided without notice of its grounds",
        fine_decision(("rights_notice", "03-20 10:00", {})),
        fine_decision(
            ("rights_notice", "03-20 10:00", {}), ("decision.pre_notice", "03-20 10:00", {})
        ),
        (D("dehong-record", "penalty-grounds-notice", "第十五条"),),
    ),
    Scenario(
        "statement heard without a rights notice",
        lambda: case().add("statement", "03-10 10:00"),
        lambda: case().add("rights_notice", "03-09 10:00").add("statement", "03-10 10:00"),
        (D("baijiantan-record", "rights-notice-document-before-statement", "第九条"),),
    ),
    Scenario(
        "simple-procedure penalty without the party's statement",
        fine_decision(procedure="simple"),
        fine_decision(("statement", "03-25 09:50", {"waived": True}), procedure="simple"),
        (D("baijiantan-record", "simple-statement-on-record", "第十七条"),),
    ),
    Scenario(
        "enforcement without a prior 催告",
        lambda: case("compulsory").add("enforcement", "04-20 10:00", method="auction"),
        lambda: (
            case("compulsory")
            .add("urge.issued", "04-10 10:00")
            .add("enforcement", "04-20 10:00", method="auction")
        ),
        (D("baijiantan-record", "urge-before-enforcement", "第二十四条"),),
    ),
    Scenario(
        "approved before the organisation reviewed",
        fine_decision(
            ("decision.drafted", "03-09 10:00", {}),
            ("decision.approved", "03-10 10:00", {}),
            ("org_review", "03-11 10:00", {}),
        ),
        fine_decision(
            ("decision.drafted", "03-09 10:00", {}),
            ("org_review", "03-10 10:00", {}),
            ("decision.approved", "03-11 10:00", {}),
        ),
        (
            D("baijiantan-record", "approval-chain-before-decision", "第三十二条"),
            D("dehong-record", "internal-approval-chain", "第三十九条"),
        ),
    ),
    Scenario(
        "decided without the head's approval",
        fine_decision(("decision.drafted", "03-09 10:00", {}), ("org_review", "03-10 10:00", {})),
        fine_decision(
            ("decision.drafted", "03-09 10:00", {}),
            ("org_review", "03-10 10:00", {}),
            ("decision.approved", "03-11 10:00", {}),
        ),
        (
            D("baijiantan-record", "approval-chain-before-decision", "第三十二条"),
            D("dehong-record", "internal-approval-chain", "第三十九条"),
        ),
    ),
    Scenario(
        "procedure started before its approval",
        lambda: (
            case().add("case.initiated", "03-02 09:00").add("initiation.approved", "03-02 10:00")
        ),
        lambda: (
            case().add("initiation.approved", "03-02 08:45").add("case.initiated", "03-02 09:00")
        ),
        (D("dehong-record", "initiation-approval-before-start", "第十条"),),
    ),
    Scenario(
        "licence granted without the three-level review",
        lambda: (
            case("license", source="application")
            .add("decision.drafted", "03-09 10:00")
            .add("decision.approved", "03-11 10:00")
            .add("decision.made", "03-12 10:00", measures=["license_granted"])
        ),
        lambda: (
            case("license", source="application")
            .add("decision.drafted", "03-09 10:00")
            .add("org_review", "03-10 10:00")
            .add("decision.approved", "03-11 10:00")
            .add("decision.made", "03-12 10:00", measures=["license_granted"])
        ),
        (D("mangshi-record", "license-three-level-review-on-record", "第六条"),),
    ),
    Scenario(
        "review opinion without the materials submitted",
        lambda: case(major=True).add("legal_review.passed", "03-12 10:00"),
        lambda: (
            case(major=True)
            .add("legal_review.submitted", "03-10 10:00")
            .add("legal_review.passed", "03-12 10:00")
        ),
        (D("henan-review", "submit-materials-before-review", "第八条"),),
    ),
]


@pytest.mark.parametrize(("scenario", "duty", "outcome"), list(cases(SCENARIOS)))
def test_duty(scenario: Scenario, duty: Duty, outcome: str) -> None:
    assert_scenario(scenario, duty, outcome)


def test_the_same_instant_satisfies_before() -> None:
    builder = (
        case()
        .add("rights_notice", "03-25 10:00")
        .add("decision.made", "03-25 10:00", measures=["fine"])
    )
    assert not [
        f for f in findings_for(builder, "baijiantan", "12-31 00:00") if f.article == "第八条"
    ]


def test_an_urgent_start_is_not_a_breach_of_prior_approval() -> None:
    # dehong-record 第十条: urgent starts are approved afterwards, within 24 hours
    builder = (
        case()
        .add("case.initiated", "03-02 09:00", urgent=True)
        .add("initiation.approved", "03-02 20:00")
    )
    found = findings_for(builder, "dehong", "12-31 00:00")
    assert not [f for f in found if f.article == "第十条"]
