"""The supervision relation: justice bureaus, superior departments, entrusting agencies."""

import pytest
from django.core.exceptions import ValidationError

from liuhen.agencies.models import Supervision, SupervisionBasis
from liuhen.agencies.services import supervision_end, supervision_establish
from tests.world import World


def _supervisors(world: World, agency_name: str) -> set[tuple[str, str]]:
    return set(
        Supervision.objects.filter(supervised__name=agency_name, ended_at__isnull=True).values_list(
            "supervisor__name", "basis"
        )
    )


def test_a_county_bureau_is_supervised_by_both_justice_bureaus_and_its_superior(
    world: World,
) -> None:
    assert _supervisors(world, "芒市应急管理局") == {
        ("芒市司法局", "justice"),
        ("德宏州司法局", "justice"),
        ("德宏州应急管理局", "superior_department"),
    }


def test_a_superior_department_of_another_system_does_not_supervise(world: World) -> None:
    assert ("德宏州市场监管局", "superior_department") not in _supervisors(world, "芒市应急管理局")
    with pytest.raises(ValidationError, match="不属同一执法系统"):
        supervision_establish(
            actor=None,
            supervisor=world.dehong_market,
            supervised=world.mangshi_emergency,
            basis=SupervisionBasis.SUPERIOR_DEPARTMENT,
        )


def test_a_justice_bureau_does_not_supervise_another_prefecture(world: World) -> None:
    assert _supervisors(world, "保山市应急管理局") == set()
    with pytest.raises(ValidationError, match="无权监督"):
        supervision_establish(
            actor=None,
            supervisor=world.dehong_justice,
            supervised=world.baoshan_emergency,
            basis=SupervisionBasis.JUSTICE,
        )


def test_a_lower_justice_bureau_does_not_supervise_upward(world: World) -> None:
    with pytest.raises(ValidationError, match="无权监督"):
        supervision_establish(
            actor=None,
            supervisor=world.mangshi_justice,
            supervised=world.dehong_emergency,
            basis=SupervisionBasis.JUSTICE,
        )


def test_a_justice_bureau_supervises_lower_governments_not_its_own(world: World) -> None:
    assert ("德宏州司法局", "justice") in _supervisors(world, "芒市人民政府")
    with pytest.raises(ValidationError, match="不监督本级人民政府"):
        supervision_establish(
            actor=None,
            supervisor=world.dehong_justice,
            supervised=world.dehong,
            basis=SupervisionBasis.JUSTICE,
        )


def test_the_entrusting_agency_supervises_its_entrusted_organisation(world: World) -> None:
    assert ("芒市应急管理局", "entrusting") in _supervisors(world, "芒市应急执法大队")


def test_only_the_principal_supervises_on_the_entrusting_basis(world: World) -> None:
    with pytest.raises(ValidationError, match="不是「芒市应急执法大队」的委托机关"):
        supervision_establish(
            actor=None,
            supervisor=world.mangshi_market,
            supervised=world.mangshi_brigade,
            basis=SupervisionBasis.ENTRUSTING,
        )


def test_the_tree_alone_is_not_supervision(world: World) -> None:
    # 芒市人民政府 is the parent of 芒市应急管理局 in the tree, but no relation was derived.
    assert ("芒市人民政府", "justice") not in _supervisors(world, "芒市应急管理局")
    with pytest.raises(ValidationError, match="不是司法行政机关"):
        supervision_establish(
            actor=None,
            supervisor=world.mangshi,
            supervised=world.mangshi_emergency,
            basis=SupervisionBasis.JUSTICE,
        )


def test_an_ended_relation_is_kept_and_can_start_again(world: World) -> None:
    relation = Supervision.objects.get(
        supervisor=world.dehong_justice, supervised=world.mangshi_emergency
    )
    supervision_end(actor=None, supervision=relation)
    assert ("德宏州司法局", "justice") not in _supervisors(world, "芒市应急管理局")
    again = supervision_establish(
        actor=None,
        supervisor=world.dehong_justice,
        supervised=world.mangshi_emergency,
        basis=SupervisionBasis.JUSTICE,
    )
    assert again.pk != relation.pk
    assert Supervision.objects.filter(supervisor=world.dehong_justice).count() >= 2
