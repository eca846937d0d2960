"""The agency's 重大执法决定法制审核目录清单: read by its members, set by its 负责人 or 法制审核人员
(as review_catalogue_set requires); a refused edit keeps the catalogue as it was."""

from __future__ import annotations

from django.urls import reverse

from liuhen.review.models import MajorDecisionCriterion
from liuhen.review.services import CriterionInput, review_catalogue_set
from tests.review.conftest import Desk
from tests.review.web.conftest import signed_in


def _rows(*rows: dict[str, object]) -> dict[str, object]:
    data: dict[str, object] = {
        "criteria-TOTAL_FORMS": str(len(rows)),
        "criteria-INITIAL_FORMS": "0",
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        data.update({f"criteria-{i}-{k}": v for k, v in row.items()})
    return data


def test_every_member_reads_the_catalogue(henan: Desk) -> None:
    review_catalogue_set(
        actor=henan.head,
        agency=henan.agency,
        criteria=[CriterionInput(kind="fine", label="较大数额罚款", fine_threshold=50000)],
    )
    page = signed_in(henan.outsider).get(reverse("review:catalogue", args=[henan.agency.pk]))
    text = page.content.decode()
    assert "较大数额罚款" in text
    assert "罚款数额达到 50000 元" in text
    assert reverse("review:catalogue_edit", args=[henan.agency.pk]) not in text


def test_the_head_sets_the_catalogue(henan: Desk) -> None:
    client = signed_in(henan.head)
    assert (
        reverse("review:catalogue_edit", args=[henan.agency.pk])
        in client.get(reverse("review:catalogue", args=[henan.agency.pk])).content.decode()
    )
    response = client.post(
        reverse("review:catalogue_edit", args=[henan.agency.pk]),
        _rows(
            {"kind": "measure", "label": "吊销许可证件", "measures": ["revoke_license"]},
            {
                "kind": "fine",
                "label": "较大数额罚款",
                "fine_threshold": "50000",
                "basis": "听证标准",
            },
            {"kind": "", "label": ""},  # an empty row is skipped
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    active = MajorDecisionCriterion.objects.filter(agency=henan.agency, active=True)
    assert sorted(active.values_list("label", flat=True)) == ["吊销许可证件", "较大数额罚款"]


def test_a_bad_row_is_refused_on_its_field_and_the_catalogue_is_kept(henan: Desk) -> None:
    review_catalogue_set(
        actor=henan.head,
        agency=henan.agency,
        criteria=[CriterionInput(kind="fine", label="原有事项", fine_threshold=1000)],
    )
    response = signed_in(henan.reviewer).post(
        reverse("review:catalogue_edit", args=[henan.agency.pk]),
        _rows({"kind": "fine", "label": "较大数额罚款", "fine_threshold": "-3"}),
    )
    assert response.status_code == 400
    assert "第1项：罚款数额须为正数" in response.content.decode()
    active = MajorDecisionCriterion.objects.filter(agency=henan.agency, active=True)
    assert list(active.values_list("label", flat=True)) == ["原有事项"]


def test_a_handler_cannot_set_the_catalogue(henan: Desk) -> None:
    response = signed_in(henan.handler).post(
        reverse("review:catalogue_edit", args=[henan.agency.pk]),
        _rows({"kind": "fine", "label": "较大数额罚款", "fine_threshold": "100"}),
    )
    assert response.status_code == 400
    assert "设定重大执法决定目录须由本单位的负责人（批准人）或法制审核人员办理" in (
        response.content.decode()
    )
    assert not MajorDecisionCriterion.objects.filter(agency=henan.agency).exists()


def test_another_agency_cannot_read_it(henan: Desk, fangcheng: Desk) -> None:
    response = signed_in(fangcheng.handler).get(reverse("review:catalogue", args=[henan.agency.pk]))
    assert response.status_code == 403
