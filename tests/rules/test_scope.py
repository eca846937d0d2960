"""Which kinds of act a text binds: kinds reached only through 等 are advice, judged per decision
where the decision's measures tell its kind (henan-record, henan-publicity, henan-review)."""

from __future__ import annotations

from duty_cases import findings_for

from liuhen.rules.samples import case

SEVEN_DAYS = "publish-license-penalty-decision-within-7-working-days"
TWENTY_DAYS = "publish-other-decision-within-20-working-days"


def unpublished(action: str, measures: list[str]):  # type: ignore[no-untyped-def]
    """A decision never published, in a case of `action`."""
    return case(action).add("decision.made", "03-04 10:00", id="dec", measures=measures)


def severities(builder, rule: str, as_of: str = "12-31 00:00") -> list[str]:  # type: ignore[no-untyped-def]
    return [f.severity for f in findings_for(builder, "henan", as_of) if f.rule == rule]


def test_a_fine_in_a_fee_case_is_a_penalty_decision_bound_by_henan_publicity_21() -> None:
    # 第二条 names 行政处罚; the fine makes this decision one, whatever the case is labelled
    (finding,) = [
        f
        for f in findings_for(unpublished("fee", ["fine"]), "henan", "12-31 00:00")
        if f.rule == SEVEN_DAYS
    ]
    assert (finding.article, finding.severity, finding.events) == (
        "第二十一条",
        "violation",
        ("dec",),
    )


def test_a_decision_of_a_fee_case_that_shows_no_named_kind_stays_advice() -> None:
    assert severities(unpublished("fee", ["other"]), TWENTY_DAYS) == ["advice"]
    assert severities(unpublished("fee", []), TWENTY_DAYS) == ["advice"]


def test_a_bound_decision_keeps_its_pending_deadline_an_advisory_one_lists_none() -> None:
    assert severities(unpublished("fee", ["fine"]), SEVEN_DAYS, as_of="03-06 00:00") == ["pending"]
    assert severities(unpublished("fee", ["other"]), TWENTY_DAYS, as_of="03-06 00:00") == []


def test_the_publication_of_a_penalty_decision_in_a_fee_case_is_bound_by_henan_publicity_18() -> (
    None
):
    def published(measures: list[str]):  # type: ignore[no-untyped-def]
        builder = unpublished("fee", measures)
        return builder.add("decision.published", "03-05 10:00", full_text=True)  # not redacted

    rule = "redact-personal-and-business-data"
    assert severities(published(["fine"]), rule) == ["violation"]
    assert severities(published(["other"]), rule) == ["advice"]


def test_a_general_procedure_fine_in_a_fee_case_needs_review_under_henan_review_18() -> None:
    rule = "review-general-procedure-penalty-before-decision"
    assert severities(unpublished("fee", ["fine"]), rule) == ["violation"]
    reviewed = (
        case("fee")
        .add("legal_review.submitted", "03-02 10:00")
        .add("legal_review.passed", "03-03 10:00")
        .add("decision.made", "03-04 10:00", measures=["fine"])
    )
    assert severities(reviewed, rule) == []


def test_acts_of_a_fee_case_that_are_not_about_a_decision_stay_advice() -> None:
    # henan-record 第二十二条: storage of a recording, nothing to do with any decision's kind
    builder = unpublished("fee", ["fine"]).add(
        "av.recorded",
        "03-03 11:00",
        id="av1",
        start="03-03 10:00",
        notice_given=True,
        statement_given=True,
    )
    assert severities(builder, "hn-av-stored-same-day") == ["advice"]
