"""officer_register / officer_set_status: certificates are unique and their status is kept."""

import pytest
from django.core.exceptions import ValidationError

from liuhen.agencies.models import Officer, OfficerStatus
from liuhen.agencies.services import officer_register, officer_set_status
from tests.world import World


def _register(world: World, number: str, **overrides: object) -> Officer:
    fields: dict[str, object] = {
        "actor": None,
        "agency": world.mangshi_emergency,
        "name": "李明",
        "certificate_number": number,
        "enforcement_area": "芒市行政区域",
    }
    fields.update(overrides)
    return officer_register(**fields)  # type: ignore[arg-type]


def test_an_officer_is_registered_active(world: World) -> None:
    officer = _register(world, "53310320190015")
    assert officer.status == OfficerStatus.ACTIVE
    assert officer.certificate_number == "53310320190015"


def test_a_duplicate_certificate_number_is_refused_naming_its_holder(world: World) -> None:
    _register(world, "53310320190015")
    with pytest.raises(ValidationError) as exc:
        _register(world, "5331 0320 1900 15", agency=world.mangshi_market, name="王芳")
    message = exc.value.message_dict["certificate_number"][0]
    assert "已登记给「芒市应急管理局」的李明" in message
    assert Officer.objects.count() == 1


def test_a_malformed_certificate_number_is_refused(world: World) -> None:
    with pytest.raises(ValidationError) as exc:
        _register(world, "执法证1")
    assert "6至30位" in exc.value.message_dict["certificate_number"][0]


def test_officers_belong_to_an_enforcement_body_not_a_government(world: World) -> None:
    with pytest.raises(ValidationError) as exc:
        _register(world, "53310320190016", agency=world.mangshi)
    assert "人民政府" in exc.value.message_dict["agency"][0]


def test_suspending_needs_a_reason(world: World) -> None:
    officer = _register(world, "53310320190015")
    with pytest.raises(ValidationError) as exc:
        officer_set_status(actor=None, officer=officer, status=OfficerStatus.SUSPENDED)
    assert "理由" in exc.value.message_dict["reason"][0]
    officer.refresh_from_db()
    assert officer.status == OfficerStatus.ACTIVE


def test_a_suspended_certificate_can_be_reinstated(world: World) -> None:
    officer = _register(world, "53310320190015")
    officer_set_status(actor=None, officer=officer, status="suspended", reason="考核不合格")
    reinstated = officer_set_status(actor=None, officer=officer, status="active")
    assert reinstated.status == OfficerStatus.ACTIVE
    assert reinstated.status_reason == ""


def test_a_revoked_certificate_is_final(world: World) -> None:
    officer = _register(world, "53310320190015")
    officer_set_status(actor=None, officer=officer, status="revoked", reason="调离执法岗位")
    with pytest.raises(ValidationError) as exc:
        officer_set_status(actor=None, officer=officer, status="active")
    assert "已注销" in exc.value.message_dict["status"][0]
