"""decision_classify and the catalogue: each kind of criterion, the fine threshold, the
situations of 第六条 the record shows, the profile's own major lists."""

from __future__ import annotations

import pytest

from liuhen.cases.errors import CaseInputError, CaseStateError
from liuhen.cases.services import case_event_record
from liuhen.ledger.models import LedgerEntry
from liuhen.review.classification import decision_classify
from liuhen.review.models import MajorDecisionCriterion
from liuhen.review.services import CriterionInput, review_catalogue_set
from tests.cases.conftest import days_ago
from tests.review.conftest import Desk

CATALOGUE = [
    CriterionInput(kind="measure", label="吊销许可证或者执照", measures=["revoke_license"]),
    CriterionInput(
        kind="fine",
        label="较大数额罚款",
        action="penalty",
        fine_threshold="10000",
        basis="听证数额",
    ),
    CriterionInput(kind="situation", label="涉及重大公共利益", situation="public_interest"),
]


@pytest.fixture
def catalogued(henan: Desk) -> Desk:
    review_catalogue_set(actor=henan.head, agency=henan.agency, criteria=CATALOGUE)
    return henan


def test_a_listed_measure_makes_the_decision_major_citing_the_catalogue(catalogued: Desk) -> None:
    result = decision_classify(case=catalogued.case(), measures=["revoke_license"])
    assert result.major
    assert any("目录清单：吊销许可证或者执照" in r for r in result.reasons)


@pytest.mark.parametrize(("amount", "major"), [(9999.99, False), (10000, True), (50000, True)])
def test_the_fine_threshold_counts_from_the_amount_itself(
    catalogued: Desk, amount: float, major: bool
) -> None:
    result = decision_classify(case=catalogued.case(), measures=["fine"], fine_amount=amount)
    assert result.major is major
    if major:
        assert "10000 元" in result.reasons[0]


def test_a_criterion_for_another_kind_of_act_does_not_apply(catalogued: Desk) -> None:
    result = decision_classify(
        case=catalogued.case(action="inspection"), measures=["fine"], fine_amount=90000
    )
    assert not result.major


def test_a_stated_situation_of_article_6_makes_it_major(catalogued: Desk) -> None:
    result = decision_classify(
        case=catalogued.case(), measures=["warning"], flags=["public_interest"]
    )
    assert result.major


def test_an_ordinary_decision_is_not_major(catalogued: Desk) -> None:
    result = decision_classify(case=catalogued.case(), measures=["warning"])
    assert result == type(result)(major=False, reasons=[])


def test_a_hearing_held_makes_it_major_under_henan_review(henan: Desk) -> None:
    opened = henan.case()
    case_event_record(actor=None, case=opened, type="hearing", at=days_ago(1))
    result = decision_classify(case=opened, measures=["fine"], fine_amount=100)
    assert result.major
    assert result.reasons == ["henan-review：经过听证程序作出行政执法决定"]


def test_a_complex_case_is_major_under_henan_review(henan: Desk) -> None:
    result = decision_classify(case=henan.case(complex=True), measures=["warning"])
    assert "henan-review：案件情况疑难复杂、涉及多个法律关系" in result.reasons


def test_the_fangcheng_plan_lists_suspension_as_major(fangcheng: Desk) -> None:
    result = decision_classify(case=fangcheng.case(), measures=["suspend_business"])
    assert result.major
    assert result.reasons == ["fangcheng-plan：责令停产停业属于该规定所列重大执法决定"]


def test_the_same_suspension_is_not_major_by_list_under_dehong(dehong: Desk) -> None:
    assert not decision_classify(case=dehong.case(), measures=["suspend_business"]).major


def test_a_case_already_major_stays_major(henan: Desk) -> None:
    result = decision_classify(case=henan.case(major=True), measures=["warning"])
    assert result.major


def test_setting_the_catalogue_retires_the_old_entries_and_is_ledgered(catalogued: Desk) -> None:
    # when the catalogue is set again with one entry
    review_catalogue_set(
        actor=catalogued.reviewer,
        agency=catalogued.agency,
        criteria=[
            CriterionInput(kind="measure", label="责令停产停业", measures=["suspend_business"])
        ],
    )
    # then only that entry is active, the old ones kept as retired, each change ledgered
    active = MajorDecisionCriterion.objects.filter(agency=catalogued.agency, active=True)
    assert [c.label for c in active] == ["责令停产停业"]
    assert MajorDecisionCriterion.objects.filter(retired_at__isnull=False).count() == 3
    assert LedgerEntry.objects.filter(action="review.catalogue_set").count() == 2


@pytest.mark.parametrize(
    ("entry", "field"),
    [
        (CriterionInput(kind="measure", label="x", measures=["arrest"]), "criteria[0].measures"),
        (CriterionInput(kind="fine", label="x", fine_threshold="-5"), "criteria[0].fine_threshold"),
        (CriterionInput(kind="situation", label="x", situation="weather"), "criteria[0].situation"),
        (CriterionInput(kind="measure", label=" ", measures=["seal"]), "criteria[0].label"),
    ],
)
def test_a_bad_entry_is_refused_and_nothing_changes(
    catalogued: Desk, entry: CriterionInput, field: str
) -> None:
    before = list(MajorDecisionCriterion.objects.filter(active=True).values_list("pk", flat=True))
    with pytest.raises(CaseInputError) as refused:
        review_catalogue_set(actor=catalogued.head, agency=catalogued.agency, criteria=[entry])
    assert refused.value.field == field
    after = list(MajorDecisionCriterion.objects.filter(active=True).values_list("pk", flat=True))
    assert after == before


def test_only_a_head_or_legal_reviewer_sets_the_catalogue(henan: Desk) -> None:
    with pytest.raises(CaseStateError, match="负责人"):
        review_catalogue_set(actor=henan.handler, agency=henan.agency, criteria=CATALOGUE)


def test_a_situation_the_handler_states_is_major_citing_article_6(henan: Desk) -> None:
    result = decision_classify(case=henan.case(), measures=["fine"], flags=["party_rights"])
    assert result.major
    assert result.listed
    assert result.reasons == [
        "henan-review 第六条（三）：直接关系行政相对人或者第三人重大权益（承办机构认定）"
    ]


def test_a_ground_of_the_profile_alone_is_not_the_agency_listing(fangcheng: Desk) -> None:
    result = decision_classify(case=fangcheng.case(), measures=["revoke_license"])
    assert result.major
    assert not result.listed
