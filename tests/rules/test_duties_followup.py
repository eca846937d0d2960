"""Follow-up duties with no period (`followup`): pending while open, a violation once closed."""

from __future__ import annotations

import pytest
from duty_cases import Duty, Scenario, assert_scenario, cases, findings_for

from liuhen.rules.samples import case

D = Duty


def closed(
    *events: tuple[str, str, dict[str, object]],
    action: str = "penalty",
    source: str = "ex_officio",
    procedure: str = "general",
    **flags: bool,
):  # type: ignore[no-untyped-def]
    def build():  # type: ignore[no-untyped-def]
        builder = case(action, procedure, source, **flags)
        for event, at, fields in events:
            builder.add(event, at, **fields)
        return builder.add("case.closed", "03-31 10:00")

    return build


E = lambda event, at="03-10 10:00", **fields: (event, at, fields)  # noqa: E731
FINE = E("decision.made", "03-25 10:00", measures=["fine"])

SCENARIOS = [
    Scenario(
        "declined real-name complaint, complainant never told",
        closed(
            E("complaint.received", "03-01 10:00", real_name=True),
            E("complaint.declined"),
            source="complaint",
        ),
        closed(
            E("complaint.received", "03-01 10:00", real_name=True),
            E("complaint.declined"),
            E("complainant.notified", "03-11 10:00"),
            source="complaint",
        ),
        (
            D("dehong-record", "complaint-declined-notify", "第十一条"),
            D("baijiantan-record", "declined-complainant-notified", "第六条"),
        ),
    ),
    Scenario(
        "real-name complaint neither taken up nor declined",
        closed(E("complaint.received", "03-01 10:00", real_name=True), source="complaint"),
        closed(
            E("complaint.received", "03-01 10:00", real_name=True),
            E("complaint.declined"),
            source="complaint",
        ),
        (D("dehong-record", "complaint-not-started-recorded", "第十一条"),),
    ),
    Scenario(
        "application never registered",
        closed(E("application.accepted"), action="license", source="application"),
        closed(
            E("application.received", "03-09 10:00"),
            E("application.accepted"),
            action="license",
            source="application",
        ),
        (
            D("dehong-record", "application-registration-recorded", "第九条"),
            D("guangdong-record", "gd-application-recorded", "第十一条"),
            D("henan-record", "hn-application-recorded", "第九条"),
        ),
    ),
    Scenario(
        "application never answered",
        closed(E("application.received"), action="license", source="application"),
        closed(
            E("application.received"),
            E("application.accepted", "03-11 10:00"),
            action="license",
            source="application",
        ),
        (
            D("dehong-record", "application-response-recorded", "第九条"),
            D("baijiantan-record", "acceptance-decision-on-record", "第五条"),
            D("mangshi-record", "license-acceptance-notice-on-record", "第六条"),
            D("guangdong-record", "gd-application-recorded.response", "第十一条"),
            D("henan-record", "hn-application-recorded.response", "第九条"),
        ),
    ),
    Scenario(
        "closed without a recorded start approval",
        closed(E("onsite_inspection")),
        closed(E("initiation.approved", "03-02 08:00"), E("onsite_inspection")),
        (D("dehong-record", "initiation-approval-before-start.unrecorded-start", "第十条"),),
    ),
    Scenario(
        "closed without a recorded start",
        closed(E("onsite_inspection")),
        closed(E("case.initiated", "03-02 09:00"), E("onsite_inspection")),
        (
            D("guangdong-record", "gd-ex-officio-start-recorded", "第十一条"),
            D("henan-record", "hn-ex-officio-start-recorded", "第九条"),
        ),
    ),
    Scenario(
        "complaint case closed without the complaint",
        closed(E("case.initiated", "03-02 09:00"), source="complaint"),
        closed(
            E("complaint.received", "03-01 09:00"),
            E("case.initiated", "03-02 09:00"),
            source="complaint",
        ),
        (
            D("guangdong-record", "gd-ex-officio-start-recorded.source", "第十一条"),
            D("henan-record", "hn-ex-officio-start-recorded.source", "第九条"),
        ),
    ),
    Scenario(
        "rights notice never answered",
        closed(E("rights_notice")),
        closed(E("rights_notice"), E("statement", "03-12 10:00", waived=True)),
        (
            D("guangdong-record", "gd-rights-exercise-recorded", "第十二条"),
            D("henan-record", "hn-rights-exercise-recorded", "第十条"),
        ),
    ),
    Scenario(
        "decision without a draft on record",
        closed(FINE),
        closed(E("decision.drafted"), FINE),
        (
            D("guangdong-record", "gd-draft-recorded", "第十三条"),
            D("henan-record", "hn-draft-recorded", "第十一条"),
        ),
    ),
    Scenario(
        "decision without the head's opinion",
        closed(FINE),
        closed(E("decision.approved"), FINE),
        (
            D("guangdong-record", "gd-approval-recorded", "第十三条"),
            D("henan-record", "hn-head-opinion-recorded", "第十一条"),
        ),
    ),
    Scenario(
        "decision without the organisation's opinion",
        closed(FINE),
        closed(E("org_review"), FINE),
        (D("henan-record", "hn-org-opinion-recorded", "第十一条"),),
    ),
    Scenario(
        "legal review without an opinion",
        closed(E("legal_review.submitted")),
        closed(E("legal_review.submitted"), E("legal_review.passed", "03-12 10:00")),
        (
            D("guangdong-record", "gd-legal-review-outcome-recorded", "第十三条"),
            D("dehong-record", "legal-review-opinion-recorded", "第二十三条"),
        ),
    ),
    Scenario(
        "major decision without a review opinion on record",
        closed(E("decision.made", "03-25 10:00", measures=["warning"]), major=True),
        closed(
            E("legal_review.submitted"),
            E("legal_review.passed", "03-12 10:00"),
            E("decision.made", "03-25 10:00", measures=["warning"]),
            major=True,
        ),
        (D("henan-record", "hn-legal-review-opinion-recorded", "第十一条"),),
    ),
    Scenario(
        "general penalty without a review opinion on record",
        closed(FINE),
        closed(E("legal_review.submitted"), E("legal_review.passed", "03-12 10:00"), FINE),
        (D("henan-record", "hn-legal-review-opinion-recorded.penalty", "第十一条"),),
    ),
    Scenario(
        "decision never served",
        closed(FINE),
        closed(FINE, E("service", "03-25 15:00", method="direct", receipt=True)),
        (
            D("guangdong-record", "gd-service-recorded", "第十四条"),
            D("henan-record", "hn-service-recorded", "第十二条"),
        ),
    ),
    Scenario(
        "fine never shown paid or enforced",
        closed(FINE),
        closed(FINE, E("fulfilled", "03-30 10:00")),
        (
            D("guangdong-record", "gd-fine-fulfilment-recorded", "第十四条"),
            D("henan-record", "hn-fine-fulfilment-recorded", "第十二条"),
            D("dehong-record", "performance-recorded", "第二十六条"),
            D("baijiantan-record", "fulfilment-on-record", "第二十三条"),
        ),
    ),
    Scenario(
        "rectification never checked",
        closed(E("rectification.ordered", due="03-20 10:00")),
        closed(
            E("rectification.ordered", due="03-20 10:00"), E("rectification.checked", "03-21 10:00")
        ),
        (
            D("dehong-record", "rectification-checked", "第二十六条"),
            D("baijiantan-record", "rectification-checked", "第二十三条"),
            D("henan-record", "hn-rectification-recorded", "第十二条"),
        ),
    ),
    Scenario(
        "court enforcement without its result",
        closed(E("court.applied")),
        closed(E("court.applied"), E("court.result", "03-20 10:00")),
        (
            D("dehong-record", "court-enforcement-result-recorded", "第二十八条"),
            D("baijiantan-record", "court-result-on-record", "第二十五条"),
        ),
    ),
    Scenario(
        "closed and never archived",
        closed(),
        lambda: closed()().add("case.archived", "04-10 10:00"),
        (D("guangdong-record", "gd-case-archived", "第三条"),),
    ),
    Scenario(
        "recording never backed up",
        closed(
            E(
                "av.recorded",
                "03-03 11:00",
                id="av1",
                start="03-03 10:00",
                notice_given=True,
                statement_given=True,
            ),
            E("av.stored", "03-03 14:00", of="av1"),
        ),
        closed(
            E(
                "av.recorded",
                "03-03 11:00",
                id="av1",
                start="03-03 10:00",
                notice_given=True,
                statement_given=True,
            ),
            E("av.stored", "03-03 14:00", of="av1"),
            E("av.backed_up", "03-04 02:00", of="av1"),
        ),
        (D("dehong-record", "av-backed-up", "第二十九条"),),
    ),
    Scenario(
        "simple procedure without the party's statement",
        closed(FINE, procedure="simple"),
        closed(E("statement", "03-25 09:55", waived=True), FINE, procedure="simple"),
        (D("dehong-record", "simple-statement-recorded", "第二十四条"),),
    ),
    Scenario(
        "rejected review never resubmitted",
        closed(
            E("legal_review.submitted"),
            E("legal_review.rejected", "03-11 10:00", reasons=True),
            major=True,
        ),
        closed(
            E("legal_review.submitted"),
            E("legal_review.rejected", "03-11 10:00", reasons=True),
            E("legal_review.submitted", "03-13 10:00"),
            major=True,
        ),
        (
            D("henan-review", "resubmit-after-rejection", "第十四条"),
            D("fangcheng-plan", "resubmit-after-problem-opinion", "三（一）8"),
        ),
    ),
    Scenario(
        "publication error never corrected",
        closed(E("publication.error_found")),
        closed(E("publication.error_found"), E("publication.corrected", "03-12 10:00")),
        (D("fangcheng-plan", "correct-inaccurate-information-promptly", "三（二）3"),),
    ),
    Scenario(
        "revoked decision never taken down",
        closed(
            E("decision.made", "02-02 10:00", measures=["fine"]),
            E("decision.published", "02-03 10:00", redacted=True, full_text=True),
            E("decision.revoked"),
        ),
        closed(
            E("decision.made", "02-02 10:00", measures=["fine"]),
            E("decision.published", "02-03 10:00", redacted=True, full_text=True),
            E("decision.revoked"),
            E("publication.withdrawn", "03-11 10:00"),
        ),
        (D("fangcheng-plan", "withdraw-revoked-decision-promptly", "三（二）4（3）"),),
    ),
]


@pytest.mark.parametrize(("scenario", "duty", "outcome"), list(cases(SCENARIOS)))
def test_duty(scenario: Scenario, duty: Duty, outcome: str) -> None:
    assert_scenario(scenario, duty, outcome)


def test_a_follow_up_is_pending_while_the_case_is_open() -> None:
    builder = (
        case(source="complaint")
        .add("complaint.received", "03-01 10:00", real_name=True)
        .add("complaint.declined", "03-10 10:00")
    )
    found = [
        f
        for f in findings_for(builder, "dehong", "12-31 00:00")
        if f.rule == "complaint-declined-notify"
    ]
    assert [(f.severity, f.due) for f in found] == [("pending", None)]


def test_an_act_done_after_closing_still_counts() -> None:
    builder = closed(E("rectification.ordered"))().add("rectification.checked", "04-15 10:00")
    assert not [
        f
        for f in findings_for(builder, "dehong", "12-31 00:00")
        if f.rule == "rectification-checked"
    ]


def test_events_after_as_of_are_not_seen() -> None:
    builder = closed(E("rectification.ordered"))().add("rectification.checked", "04-15 10:00")
    found = [
        f
        for f in findings_for(builder, "dehong", "04-01 00:00")
        if f.rule == "rectification-checked"
    ]
    assert [f.severity for f in found] == ["violation"]
