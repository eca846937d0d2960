"""Audio-video duties: acts that must be filmed, how a recording is made, interruptions.

Every duty of the `av_required`, `av_exempt_review` and `interruptions` mechanisms, and the
recording-content duties (notice, voice statement, forbidden filming), with a breaching and a
compliant case each, named by regulation and article.
"""

from __future__ import annotations

import pytest
from duty_cases import Duty, Scenario, assert_scenario, cases, findings_for

from liuhen.rules.samples import case

D = Duty


def rec(builder_flags: dict[str, object] | None = None, **case_flags: object):  # type: ignore[no-untyped-def]
    """A penalty case with one recording, the recording's flags given."""

    def build():  # type: ignore[no-untyped-def]
        builder = case(**case_flags)  # type: ignore[arg-type]
        builder.add(
            "av.recorded", "03-03 11:00", id="av1", start="03-03 10:00", **(builder_flags or {})
        )
        return builder

    return build


def unfilmed(
    event: str,
    at: str = "03-03 10:30",
    action: str = "penalty",
    procedure: str = "general",
    source: str = "ex_officio",
    **fields: object,
):  # type: ignore[no-untyped-def]
    return lambda: case(action, procedure, source).add(event, at, **fields)


def filmed(
    event: str,
    at: str = "03-03 10:30",
    action: str = "penalty",
    procedure: str = "general",
    source: str = "ex_officio",
    **fields: object,
):  # type: ignore[no-untyped-def]
    return lambda: case(action, procedure, source).filmed(event, at, **fields)


def closed(builder_factory):  # type: ignore[no-untyped-def]
    return lambda: builder_factory().add("case.closed", "03-31 10:00")


SCENARIOS = [
    Scenario(
        "recording without notice",
        rec({"statement_given": True}),
        rec({"statement_given": True, "notice_given": True}),
        (
            D("dehong-record", "av-notice-given", "第十七条"),
            D("guangdong-record", "gd-av-notice", "第十八条"),
            D("henan-record", "hn-av-notice", "第十八条"),
            D("mangshi-record", "av-notice-at-start", "第十二条"),
        ),
    ),
    Scenario(
        "recording without voice statement",
        rec({"notice_given": True}),
        rec({"statement_given": True, "notice_given": True}),
        (
            D("dehong-record", "av-statement-given", "第十七条"),
            D("guangdong-record", "gd-av-voice-statement", "第十八条"),
            D("henan-record", "hn-av-voice-statement", "第十八条"),
            D("mangshi-record", "av-statement-of-particulars", "第十二条"),
        ),
    ),
    Scenario(
        "resumed without stating why",
        rec(
            {
                "notice_given": True,
                "statement_given": True,
                "interruptions": [
                    {"at": "2026-03-03T10:20:00+08:00", "resumed_at": "2026-03-03T10:25:00+08:00"}
                ],
            }
        ),
        rec(
            {
                "notice_given": True,
                "statement_given": True,
                "interruptions": [
                    {
                        "at": "2026-03-03T10:20:00+08:00",
                        "resumed_at": "2026-03-03T10:25:00+08:00",
                        "reason_stated": True,
                    }
                ],
            }
        ),
        (
            D("dehong-record", "av-interruption-reason-stated", "第二十一条"),
            D("guangdong-record", "gd-av-interruption-reason", "第二十条"),
            D("henan-record", "hn-av-interruption-reason", "第十九条"),
        ),
    ),
    Scenario(
        "never resumed and not reported",
        rec(
            {
                "notice_given": True,
                "statement_given": True,
                "interruptions": [
                    {
                        "at": "2026-03-03T10:20:00+08:00",
                        "resumed_at": None,
                        "written_explanation": True,
                    }
                ],
            }
        ),
        rec(
            {
                "notice_given": True,
                "statement_given": True,
                "interruptions": [
                    {
                        "at": "2026-03-03T10:20:00+08:00",
                        "resumed_at": None,
                        "written_explanation": True,
                        "reported": True,
                    }
                ],
            }
        ),
        (
            D("dehong-record", "av-interruption-reported", "第二十一条"),
            D("guangdong-record", "gd-av-interruption-report", "第二十条"),
        ),
    ),
    Scenario(
        "never resumed, closed without a written explanation",
        closed(
            rec(
                {
                    "notice_given": True,
                    "statement_given": True,
                    "interruptions": [
                        {"at": "2026-03-03T10:20:00+08:00", "resumed_at": None, "reported": True}
                    ],
                }
            )
        ),
        closed(
            rec(
                {
                    "notice_given": True,
                    "statement_given": True,
                    "interruptions": [
                        {
                            "at": "2026-03-03T10:20:00+08:00",
                            "resumed_at": None,
                            "reported": True,
                            "written_explanation": True,
                        }
                    ],
                }
            )
        ),
        (
            D("dehong-record", "av-interruption-written-explanation", "第二十一条"),
            D("guangdong-record", "gd-av-interruption-written", "第二十条"),
            D("henan-record", "hn-av-interruption-written", "第十九条"),
        ),
    ),
    Scenario(
        "intermittent recording at one place",
        rec(
            {
                "notice_given": True,
                "statement_given": True,
                "interruptions": [
                    {
                        "at": "2026-03-03T10:20:00+08:00",
                        "resumed_at": "2026-03-03T10:25:00+08:00",
                        "reason_stated": True,
                    }
                ],
            }
        ),
        rec({"notice_given": True, "statement_given": True}),
        (D("mangshi-record", "av-no-intermittent-recording", "第十二条"),),
    ),
    Scenario(
        "filming in a hazardous area with an ordinary device",
        rec(
            {
                "notice_given": True,
                "statement_given": True,
                "hazard_area_without_explosion_proof_device": True,
            }
        ),
        rec({"notice_given": True, "statement_given": True}),
        (D("mangshi-record", "no-av-hazard-area-without-explosion-proof-device", "第八条"),),
    ),
    Scenario(
        "filming private matters without consent",
        rec({"notice_given": True, "statement_given": True, "privacy_without_consent": True}),
        rec({"notice_given": True, "statement_given": True}),
        (D("mangshi-record", "no-av-secrets-or-privacy-without-consent", "第八条"),),
    ),
    Scenario(
        "window reception not filmed",
        unfilmed("license_reception", action="license", source="application"),
        filmed("license_reception", action="license", source="application"),
        (
            D("dehong-record", "window-reception-video", "第七条"),
            D("mangshi-record", "av-license-hall-reception", "第七条"),
            D("baijiantan-record", "av-reception-place", "第五条", "advice"),
        ),
    ),
    Scenario(
        "refused signature not filmed",
        lambda: (
            case()
            .filmed("inquiry", "03-03 10:30", id="inq1")
            .add("signature_refused", "03-03 10:50", of="inq1")
        ),
        lambda: (
            case()
            .filmed("inquiry", "03-03 10:30", id="inq1")
            .filmed("signature_refused", "03-03 10:50", of="inq1")
        ),
        (D("dehong-record", "av-signature-refusal", "第十六条"),),
    ),
    Scenario(
        "inquiry not filmed",
        unfilmed("inquiry"),
        filmed("inquiry"),
        (
            D("dehong-record", "av-required-investigation", "第十八条"),
            D("guangdong-record", "gd-av-disputable-acts", "第十六条"),
            D("mangshi-record", "av-inquiry", "第七条"),
            D("baijiantan-record", "av-other-investigation", "第十条", "advice"),
            D("henan-record", "hn-av-disputable-acts", "第十五条", "advice"),
            D("fangcheng-plan", "av-record-contentious-acts", "三（三）2", "advice"),
        ),
    ),
    Scenario(
        "on-site inspection not filmed",
        unfilmed("onsite_inspection"),
        filmed("onsite_inspection"),
        (
            D("mangshi-record", "av-enterprise-inspection", "第七条"),
            D("baijiantan-record", "av-inspection-survey-sampling-hearing", "第十条"),
        ),
    ),
    Scenario(
        "licence site check not filmed",
        unfilmed("expert_review", action="license", source="application"),
        filmed("expert_review", action="license", source="application"),
        (D("mangshi-record", "av-license-expert-or-site-check", "第七条"),),
    ),
    Scenario(
        "licence hearing not filmed",
        unfilmed("hearing", action="license", source="application"),
        filmed("hearing", action="license", source="application"),
        (D("mangshi-record", "av-license-hearing", "第七条"),),
    ),
    Scenario(
        "survey not filmed",
        unfilmed("survey"),
        filmed("survey"),
        (D("mangshi-record", "av-survey", "第七条"),),
    ),
    Scenario(
        "rights notice not filmed",
        unfilmed("rights_notice"),
        filmed("rights_notice"),
        (D("mangshi-record", "av-rights-and-directives-notice", "第七条"),),
    ),
    Scenario(
        "reinspection not filmed",
        unfilmed("reinspection"),
        filmed("reinspection"),
        (D("mangshi-record", "av-reinspection", "第七条"),),
    ),
    Scenario(
        "seizure not filmed",
        unfilmed("compulsory_measure", action="compulsory", measure="seize"),
        filmed("compulsory_measure", action="compulsory", measure="seize"),
        (
            D("dehong-record", "av-required-compulsory-measure", "第十八条"),
            D("guangdong-record", "gd-av-continuous", "第十六条"),
            D("henan-record", "hn-av-full-course", "第十五条"),
            D("mangshi-record", "av-onsite-measure", "第七条"),
            D("fangcheng-plan", "full-av-record-of-seal-and-seize", "三（三）2"),
        ),
    ),
    Scenario(
        "demolition not filmed",
        unfilmed("compulsory_measure", action="compulsory", measure="demolish"),
        filmed("compulsory_measure", action="compulsory", measure="demolish"),
        (D("dehong-record", "av-required-demolition", "第二十一条"),),
    ),
    Scenario(
        "restoring the original state not filmed",
        unfilmed("enforcement", action="compulsory", method="restore"),
        filmed("enforcement", action="compulsory", method="restore"),
        (D("dehong-record", "av-required-enforcement-restore", "第十八条"),),
    ),
    Scenario(
        "obstruction not filmed",
        unfilmed("obstruction"),
        filmed("obstruction"),
        (D("dehong-record", "av-required-obstruction", "第十八条"),),
    ),
    Scenario(
        "service left at the premises not filmed",
        unfilmed("service", method="left", refusal_reason=True, witness=True, receipt=True),
        filmed("service", method="left", refusal_reason=True, witness=True, receipt=True),
        (
            D("dehong-record", "service-left-av", "第二十五条"),
            D("baijiantan-record", "left-service-av", "第二十条"),
            D("mangshi-record", "av-service-left", "第七条"),
        ),
    ),
    Scenario(
        "service by announcement not filmed",
        unfilmed("service", method="announcement", other_methods_failed=True),
        filmed("service", method="announcement", other_methods_failed=True),
        (
            D("baijiantan-record", "announcement-av", "第二十二条"),
            D("mangshi-record", "av-service-announcement", "第七条"),
        ),
    ),
    Scenario(
        "direct service not filmed",
        unfilmed("service", method="direct", receipt=True),
        filmed("service", method="direct", receipt=True),
        (D("dehong-record", "service-direct-av", "第二十五条", "advice"),),
    ),
    Scenario(
        "simple-procedure penalty not filmed",
        unfilmed("decision.made", procedure="simple", measures=["fine"], fine_amount=100),
        filmed("decision.made", procedure="simple", measures=["fine"], fine_amount=100),
        (
            D("mangshi-record", "av-simple-penalty", "第七条"),
            D("dehong-record", "simple-av-dispute-prone", "第二十四条", "advice"),
            D("baijiantan-record", "av-simple-dispute-prone", "第十七条", "advice"),
        ),
    ),
    Scenario(
        "disputed simple-procedure penalty not filmed",
        lambda: (
            case(procedure="simple")
            .filmed("obstruction", "03-03 10:00")
            .add("decision.made", "03-03 10:30", measures=["fine"])
        ),
        lambda: (
            case(procedure="simple")
            .filmed("obstruction", "03-03 10:00")
            .filmed("decision.made", "03-03 10:30", measures=["fine"])
        ),
        (D("baijiantan-record", "av-simple-dispute-shown", "第十七条"),),
    ),
    Scenario(
        "on-the-spot fine collection not filmed",
        unfilmed("onspot_fine_collected"),
        filmed("onspot_fine_collected"),
        (D("mangshi-record", "av-onspot-fine-collection", "第七条"),),
    ),
    Scenario(
        "rectification check not filmed",
        lambda: (
            case()
            .add("rectification.ordered", "03-03 10:00")
            .add("rectification.checked", "03-20 10:00")
        ),
        lambda: (
            case()
            .add("rectification.ordered", "03-03 10:00")
            .filmed("rectification.checked", "03-20 10:00")
        ),
        (
            D("dehong-record", "rectification-check-av", "第二十六条", "advice"),
            D("baijiantan-record", "av-rectification-check", "第二十三条", "advice"),
        ),
    ),
    Scenario(
        "inquiry left unfilmed for an 'other' reason",
        unfilmed("inquiry", av_exempt="other", note="当事人情绪激动，拍摄会激化矛盾"),
        filmed("inquiry"),
        (D("dehong-record", "av-exemption-other-review", "第十八条", "advice"),),
    ),
]


@pytest.mark.parametrize(("scenario", "duty", "outcome"), list(cases(SCENARIOS)))
def test_duty(scenario: Scenario, duty: Duty, outcome: str) -> None:
    assert_scenario(scenario, duty, outcome)


def test_an_exemption_the_text_allows_excuses_the_act() -> None:
    # Given an inquiry not filmed for state secrets (dehong-record 第十八条 allows it)
    builder = case().add("inquiry", "2026-03-03T10:30:00+08:00", av_exempt="state_secret")
    # When it is checked under dehong
    found = findings_for(builder, "dehong", "12-31 00:00")
    # Then no recording duty of 第十八条 is breached
    assert not [f for f in found if f.rule == "av-required-investigation"]


def test_an_exemption_the_text_does_not_allow_is_reported() -> None:
    # guangdong-record 第十六条 accepts only state secrets; privacy is no ground there
    builder = case().add("inquiry", "2026-03-03T10:30:00+08:00", av_exempt="privacy")
    found = [
        f
        for f in findings_for(builder, "guangdong", "12-31 00:00")
        if f.rule == "gd-av-disputable-acts"
    ]
    assert len(found) == 1
    assert "不能免除" in found[0].message


def test_other_exemption_without_a_note_is_no_exemption() -> None:
    builder = case().add("inquiry", "2026-03-03T10:30:00+08:00", av_exempt="other")
    found = findings_for(builder, "dehong", "12-31 00:00")
    assert [f.rule for f in found if f.article == "第十八条"] == ["av-required-investigation"]


def test_a_recording_that_does_not_span_the_act_does_not_record_it() -> None:
    # guangdong-record 第十六条: 音像记录 is synchronous; av1 ends before the inspection happens
    builder = case().add(
        "av.recorded",
        "03-03 10:00",
        id="av1",
        start="03-03 09:00",
        notice_given=True,
        statement_given=True,
    )
    builder.add("onsite_inspection", "03-03 10:30", av=["av1"])
    found = [
        f
        for f in findings_for(builder, "guangdong", "12-31 00:00")
        if f.rule == "gd-av-disputable-acts"
    ]
    assert len(found) == 1
    assert found[0].events == ("#1", "av1")


def test_an_interrupted_recording_is_not_continuous() -> None:
    # guangdong-record 第十六条 第二句: a seizure needs 全过程无间断 recording
    builder = case("compulsory")
    builder.add(
        "av.recorded",
        "03-03 11:00",
        id="av1",
        start="03-03 10:00",
        notice_given=True,
        statement_given=True,
        interruptions=[{"at": "03-03 10:40", "resumed_at": "03-03 10:45", "reason_stated": True}],
    )
    builder.add("compulsory_measure", "03-03 10:30", measure="seize", av=["av1"])
    found = [
        f for f in findings_for(builder, "guangdong", "12-31 00:00") if f.rule == "gd-av-continuous"
    ]
    assert len(found) == 1
    assert "不是无间断记录" in found[0].message


def test_a_written_explanation_still_due_is_pending_while_the_case_is_open() -> None:
    builder = rec(
        {
            "notice_given": True,
            "statement_given": True,
            "interruptions": [
                {"at": "2026-03-03T10:20:00+08:00", "resumed_at": None, "reported": True}
            ],
        }
    )()
    found = [
        f
        for f in findings_for(builder, "guangdong", "12-31 00:00")
        if f.rule == "gd-av-interruption-written"
    ]
    assert [f.severity for f in found] == ["pending"]
