"""What a record must state (`fields_true`) and acts that must not happen (`forbidden`)."""

from __future__ import annotations

import pytest
from duty_cases import Duty, Scenario, assert_scenario, cases, findings_for

from liuhen.rules.samples import case

D = Duty


def one(
    event: str,
    action: str = "penalty",
    source: str = "ex_officio",
    closed: bool = False,
    **fields: object,
):  # type: ignore[no-untyped-def]
    def build():  # type: ignore[no-untyped-def]
        builder = case(action, source=source).add(event, "03-03 10:30", **fields)
        return builder.add("case.closed", "03-31 10:00") if closed else builder

    return build


def on_recording(event: str, **fields: object):  # type: ignore[no-untyped-def]
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
        return builder.add(event, "03-05 10:00", of="av1", **fields)

    return build


SCENARIOS = [
    Scenario(
        "correction not asked all at once",
        one("application.correction_requested", "license", "application"),
        one("application.correction_requested", "license", "application", all_at_once=True),
        (
            D("dehong-record", "application-correction-all-at-once", "第九条"),
            D("baijiantan-record", "correction-notice-all-at-once", "第五条"),
        ),
    ),
    Scenario(
        "major start approved without the legal opinion",
        lambda: case(major=True).add("initiation.approved", "03-02 08:00"),
        lambda: case(major=True).add("initiation.approved", "03-02 08:00", legal_opinion=True),
        (D("dehong-record", "initiation-form-legal-opinion-major", "第十条"),),
    ),
    Scenario(
        "evidence preservation without its reason",
        one("evidence_preservation", target=True, form=True),
        one("evidence_preservation", reason=True, target=True, form=True),
        (
            D("dehong-record", "evidence-preservation-record", "第十九条"),
            D("baijiantan-record", "evidence-preservation-particulars", "第十一条"),
        ),
    ),
    Scenario(
        "draft without its legal basis",
        one("decision.drafted", drafter=True, reviewer=True, evidence=True, discretion=True),
        one(
            "decision.drafted",
            drafter=True,
            reviewer=True,
            evidence=True,
            discretion=True,
            legal_basis=True,
        ),
        (
            D("dehong-record", "draft-record-contents", "第二十三条"),
            D("baijiantan-record", "draft-decision-particulars", "第十二条"),
            D("guangdong-record", "gd-draft-contents", "第十三条"),
            D("henan-record", "hn-draft-contents", "第十一条"),
        ),
    ),
    Scenario(
        "penalty draft without the discretion applied",
        one("decision.drafted", drafter=True, reviewer=True, evidence=True, legal_basis=True),
        one(
            "decision.drafted",
            drafter=True,
            reviewer=True,
            evidence=True,
            legal_basis=True,
            discretion=True,
        ),
        (
            D("baijiantan-record", "draft-decision-particulars", "第十二条"),
            D("guangdong-record", "gd-draft-contents", "第十三条"),
            D("henan-record", "hn-draft-contents", "第十一条"),
        ),
    ),
    Scenario(
        "review returned without reasons",
        lambda: (
            case(major=True)
            .add("legal_review.submitted", "03-10 10:00")
            .add("legal_review.rejected", "03-11 10:00")
        ),
        lambda: (
            case(major=True)
            .add("legal_review.submitted", "03-10 10:00")
            .add("legal_review.rejected", "03-11 10:00", reasons=True)
        ),
        (
            D("dehong-record", "legal-review-return-reasons", "第二十三条"),
            D("henan-review", "reject-with-specific-opinion-and-reasons", "第十一条"),
            D("fangcheng-plan", "written-opinion-stating-problems", "三（一）8"),
        ),
    ),
    Scenario(
        "direct service without a signed receipt",
        one("service", method="direct"),
        one("service", method="direct", receipt=True),
        (
            D("dehong-record", "service-direct-receipt", "第二十五条"),
            D("baijiantan-record", "direct-service-receipt", "第十八条"),
            D("mangshi-record", "service-receipt-kept", "第六条"),
        ),
    ),
    Scenario(
        "mail not registered",
        one("service", method="mail", receipt=True),
        one("service", method="mail", receipt=True, registered=True),
        (
            D("dehong-record", "service-mail-registered", "第二十五条"),
            D("baijiantan-record", "mail-registered", "第十九条"),
        ),
    ),
    Scenario(
        "mail receipt not kept",
        one("service", method="mail", registered=True, closed=True),
        one("service", method="mail", registered=True, receipt=True, closed=True),
        (
            D("dehong-record", "service-mail-receipt", "第二十五条"),
            D("baijiantan-record", "mail-receipt-kept", "第十九条"),
            D("mangshi-record", "service-receipt-kept.mail", "第六条"),
        ),
    ),
    Scenario(
        "entrusted service without a receipt",
        one("service", method="entrusted"),
        one("service", method="entrusted", receipt=True),
        (
            D("dehong-record", "service-entrusted-receipt", "第二十五条"),
            D("baijiantan-record", "entrusted-transferred-receipt", "第二十一条"),
        ),
    ),
    Scenario(
        "service left without a witness",
        one("service", method="left", refusal_reason=True, receipt=True),
        one("service", method="left", refusal_reason=True, receipt=True, witness=True),
        (
            D("dehong-record", "service-left-receipt-contents", "第二十五条"),
            D("baijiantan-record", "left-service-form", "第二十条"),
        ),
    ),
    Scenario(
        "announcement without the failed attempts",
        one("service", method="announcement"),
        one("service", method="announcement", other_methods_failed=True),
        (
            D("dehong-record", "service-announcement-other-methods-failed", "第二十五条"),
            D("baijiantan-record", "announcement-other-methods-failed", "第二十二条"),
        ),
    ),
    Scenario(
        "recording used as evidence without a description",
        on_recording("av.evidence", disc_copy=True),
        on_recording("av.evidence", disc_copy=True, description=True),
        (
            D("dehong-record", "av-evidence-description", "第三十三条"),
            D("guangdong-record", "gd-av-evidence-description", "第二十四条"),
            D("henan-record", "hn-av-evidence-description", "第二十三条"),
            D("mangshi-record", "av-evidence-description", "第二十条"),
        ),
    ),
    Scenario(
        "recording used as evidence without a disc copy",
        on_recording("av.evidence", description=True),
        on_recording("av.evidence", description=True, disc_copy=True),
        (
            D("dehong-record", "av-evidence-disc-copy", "第三十三条"),
            D("guangdong-record", "gd-av-evidence-disc", "第二十四条"),
            D("henan-record", "hn-av-evidence-copy", "第二十三条"),
            D("mangshi-record", "av-evidence-medium-copy", "第二十条"),
        ),
    ),
    Scenario(
        "decision published without redaction",
        one("decision.published", full_text=True),
        one("decision.published", full_text=True, redacted=True),
        (
            D("henan-publicity", "redact-personal-and-business-data", "第十八条"),
            D("fangcheng-plan", "redact-before-publishing", "三（二）3"),
        ),
    ),
    Scenario(
        "original recording edited",
        on_recording("av.edited"),
        on_recording("av.catalogued"),
        (
            D("dehong-record", "av-no-alteration", "第三十一条"),
            D("guangdong-record", "gd-av-no-edit", "第二十六条"),
            D("henan-record", "hn-av-not-edited", "第二十四条"),
            D("mangshi-record", "av-no-editing", "第十二条"),
        ),
    ),
    Scenario(
        "recording copied to the party without approval",
        on_recording("av.copied", for_="party"),
        on_recording("av.copied", for_="party", approved=True),
        (
            D("dehong-record", "av-copy-approved", "第三十一条"),
            D("guangdong-record", "gd-av-copy-approved", "第二十六条"),
            D("henan-record", "hn-av-copy-approved", "第二十四条"),
            D("mangshi-record", "party-copy-approved", "第二十三条"),
            D("baijiantan-record", "party-copy-approved", "第二十八条"),
        ),
    ),
    Scenario(
        "recording published without approval",
        on_recording("av.published"),
        on_recording("av.published", approved=True),
        (
            D("dehong-record", "av-publish-approved", "第三十一条"),
            D("guangdong-record", "gd-av-publish-approved", "第二十六条"),
            D("henan-record", "hn-av-publish-approved", "第二十四条"),
        ),
    ),
    Scenario(
        "original recording destroyed",
        on_recording("av.deleted"),
        on_recording("av.backed_up"),
        (D("henan-record", "hn-av-not-destroyed", "第二十四条"),),
    ),
]


@pytest.mark.parametrize(("scenario", "duty", "outcome"), list(cases(SCENARIOS)))
def test_duty(scenario: Scenario, duty: Duty, outcome: str) -> None:
    assert_scenario(scenario, duty, outcome)


def test_a_superior_retrieving_a_recording_needs_no_approval_in_guangdong() -> None:
    # guangdong-record 第二十五条: superiors may retrieve recordings;
    # henan-record 第二十四条 asks approval for any copy
    builder = on_recording("av.copied", for_="superior")()
    assert not [
        f
        for f in findings_for(builder, "guangdong", "12-31 00:00")
        if f.rule == "gd-av-copy-approved"
    ]
    assert [
        f.rule for f in findings_for(builder, "henan", "12-31 00:00") if f.article == "第二十四条"
    ] == ["hn-av-copy-approved"]


def test_a_missing_field_is_named_in_the_message() -> None:
    found = findings_for(one("evidence_preservation", reason=True)(), "dehong", "12-31 00:00")
    (finding,) = [f for f in found if f.rule == "evidence-preservation-record"]
    assert "载明具体标的" in finding.message
    assert "载明保全形式" in finding.message
    assert "载明启动理由" not in finding.message


def test_a_finding_names_the_event_and_its_recording() -> None:
    found = findings_for(on_recording("av.edited")(), "guangdong", "12-31 00:00")
    (finding,) = [f for f in found if f.rule == "gd-av-no-edit"]
    assert finding.events == ("#1", "av1")


def notice_findings(builder):  # type: ignore[no-untyped-def]
    return [
        f
        for f in findings_for(builder, "mangshi", "12-31 00:00")
        if f.regulation == "mangshi-record" and f.rule == "av-notice-at-start"
    ]


def without_notice(*acts: tuple[str, dict[str, object]]):  # type: ignore[no-untyped-def]
    """A recording without notice (mangshi), filming these acts."""
    builder = case().add(
        "av.recorded", "03-03 11:00", id="av1", start="03-03 10:00", statement_given=True
    )
    for event, fields in acts:
        builder.add(event, "03-03 10:30", av=["av1"], **fields)
    return builder


ANNOUNCEMENT = ("service", {"method": "announcement", "other_methods_failed": True})


def test_mangshi_12_filming_only_an_announcement_service_needs_no_notice() -> None:
    # 第十二条(一) addresses the party, who is absent where service is by 公告
    assert notice_findings(without_notice(ANNOUNCEMENT)) == []
    assert notice_findings(without_notice(ANNOUNCEMENT, ANNOUNCEMENT)) == []


def test_mangshi_12_a_recording_that_also_films_another_act_needs_the_notice() -> None:
    (finding,) = notice_findings(without_notice(ANNOUNCEMENT, ("inquiry", {})))
    assert (finding.article, finding.severity, finding.events) == (
        "第十二条",
        "violation",
        ("av1",),
    )
    (direct,) = notice_findings(without_notice(("service", {"method": "direct"})))
    assert direct.article == "第十二条"


def test_mangshi_12_a_recording_that_films_no_recorded_act_still_needs_the_notice() -> None:
    (finding,) = notice_findings(without_notice())
    assert finding.article == "第十二条"
