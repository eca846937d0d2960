"""agency_create / agency_update: the rules of the government tree."""

import pytest
from django.core.exceptions import ValidationError

from liuhen.agencies.models import Agency, AgencyKind
from liuhen.agencies.services import agency_create, agency_update
from tests.factories import credit_code, department, government
from tests.world import World


def _errors(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return exc.value.message_dict


def test_a_department_is_created_under_its_government(db: None) -> None:
    mangshi = government("芒市人民政府", level="county", profile="dehong")
    bureau = department("芒市应急管理局", government=mangshi)
    assert bureau.parent == mangshi
    assert bureau.profile == "mangshi"


def test_an_unknown_profile_is_refused_and_nothing_is_written(db: None) -> None:
    mangshi = government("芒市人民政府", level="county")
    with pytest.raises(ValidationError) as exc:
        department("芒市应急管理局", government=mangshi, profile="yunnan")
    assert "未知的适用规定组合：yunnan" in _errors(exc)["profile"][0]
    assert not Agency.objects.filter(name="芒市应急管理局").exists()


def test_a_duplicate_credit_code_names_the_holder(db: None) -> None:
    mangshi = government("芒市人民政府", level="county")
    with pytest.raises(ValidationError) as exc:
        agency_create(
            actor=None,
            name="另一个政府",
            credit_code=mangshi.credit_code,
            kind=AgencyKind.GOVERNMENT,
            level="county",
        )
    assert "已由「芒市人民政府」使用" in _errors(exc)["credit_code"][0]


def test_an_invalid_credit_code_is_refused(db: None) -> None:
    with pytest.raises(ValidationError) as exc:
        agency_create(
            actor=None, name="某政府", credit_code="123", kind=AgencyKind.GOVERNMENT, level="county"
        )
    assert "18位" in _errors(exc)["credit_code"][0]


def test_an_agency_cannot_be_made_its_own_ancestor(world: World) -> None:
    with pytest.raises(ValidationError) as exc:
        agency_update(actor=None, agency=world.yunnan, parent=world.mangshi)
    assert "循环" in _errors(exc)["parent"][0]
    world.yunnan.refresh_from_db()
    assert world.yunnan.parent is None


def test_an_agency_cannot_be_its_own_parent(world: World) -> None:
    with pytest.raises(ValidationError) as exc:
        agency_update(actor=None, agency=world.mangshi_emergency, parent=world.mangshi_emergency)
    assert "循环" in _errors(exc)["parent"][0]


def test_a_government_sits_under_a_higher_government(db: None) -> None:
    county = government("某县人民政府", level="county")
    with pytest.raises(ValidationError) as exc:
        government("某市人民政府", level="prefecture", parent=county)
    assert "更高层级" in _errors(exc)["parent"][0]


def test_a_department_needs_a_government(db: None) -> None:
    with pytest.raises(ValidationError) as exc:
        agency_create(
            actor=None,
            name="无主管部门",
            credit_code=credit_code(),
            kind=AgencyKind.DEPARTMENT,
            level="county",
            system="应急管理",
        )
    assert "隶属于一级人民政府" in _errors(exc)["parent"][0]


def test_a_department_needs_its_enforcement_system(db: None) -> None:
    mangshi = government("芒市人民政府", level="county")
    with pytest.raises(ValidationError) as exc:
        department("芒市某局", government=mangshi, system="")
    assert "执法系统" in _errors(exc)["system"][0]


def test_a_department_has_its_governments_level(db: None) -> None:
    mangshi = government("芒市人民政府", level="county")
    with pytest.raises(ValidationError) as exc:
        agency_create(
            actor=None,
            name="芒市某局",
            credit_code=credit_code(),
            kind=AgencyKind.DEPARTMENT,
            level="prefecture",
            parent=mangshi,
            system="应急管理",
        )
    assert "层级应与上级" in _errors(exc)["level"][0]


def test_an_entrusted_organisation_names_its_principal(world: World) -> None:
    with pytest.raises(ValidationError) as exc:
        agency_create(
            actor=None,
            name="某执法队",
            credit_code=credit_code(),
            kind=AgencyKind.ENTRUSTED,
            level="county",
        )
    assert "委托机关" in _errors(exc)["entrusted_by"][0]


def test_an_entrusted_organisation_cannot_entrust_again(world: World) -> None:
    with pytest.raises(ValidationError) as exc:
        agency_create(
            actor=None,
            name="转委托的组织",
            credit_code=credit_code(),
            kind=AgencyKind.ENTRUSTED,
            level="county",
            entrusted_by=world.mangshi_brigade,
        )
    assert "不得再委托" in _errors(exc)["entrusted_by"][0]


def test_only_an_entrusted_organisation_has_a_principal(world: World) -> None:
    with pytest.raises(ValidationError) as exc:
        agency_update(actor=None, agency=world.mangshi_market, entrusted_by=world.mangshi_emergency)
    assert "只有受委托组织" in _errors(exc)["entrusted_by"][0]


def test_update_refuses_fields_that_are_not_editable(world: World) -> None:
    with pytest.raises(ValidationError, match="不能修改的字段：id"):
        agency_update(actor=None, agency=world.mangshi, id=99)
