"""`liuhen demo`: every profile, real hierarchy, every role, idempotent."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from liuhen.accounts.models import RoleGrant, User
from liuhen.accounts.roles import Role
from liuhen.agencies.models import Agency, Officer, Supervision
from liuhen.agencies.tree import agency_ancestors
from liuhen.rules.profiles import PROFILES
from liuhen.workbench.demo import demo_load, demo_users


@pytest.fixture
def demo(db: None) -> None:
    demo_load()


def test_every_profile_has_an_agency(demo: None) -> None:
    profiles = set(Agency.objects.exclude(profile="").values_list("profile", flat=True))
    assert profiles == set(PROFILES)


@pytest.mark.parametrize(
    ("bureau", "chain"),
    [
        ("芒市应急管理局", ["芒市人民政府", "德宏傣族景颇族自治州人民政府", "云南省人民政府"]),
        ("方城县市场监督管理局", ["方城县人民政府", "南阳市人民政府", "河南省人民政府"]),
        ("广州市应急管理局", ["广州市人民政府", "广东省人民政府"]),
        (
            "克拉玛依市白碱滩区发展和改革委员会",
            ["克拉玛依市白碱滩区人民政府", "克拉玛依市人民政府", "新疆维吾尔自治区人民政府"],
        ),
    ],
)
def test_bureaus_sit_in_their_real_hierarchy(demo: None, bureau: str, chain: list[str]) -> None:
    agency = Agency.objects.get(name=bureau)
    assert [a.name for a in agency_ancestors(agency)] == chain


@pytest.mark.parametrize(
    ("bureau", "justice"),
    [
        ("芒市应急管理局", {"芒市司法局", "德宏州司法局"}),
        ("方城县市场监督管理局", {"方城县司法局", "南阳市司法局", "河南省司法厅"}),
        ("广州市应急管理局", {"广州市司法局", "广东省司法厅"}),
        ("克拉玛依市白碱滩区发展和改革委员会", {"克拉玛依市白碱滩区司法局", "克拉玛依市司法局"}),
    ],
)
def test_each_levels_justice_bureau_supervises(demo: None, bureau: str, justice: set[str]) -> None:
    supervisors = set(
        Supervision.objects.filter(supervised__name=bureau, basis="justice").values_list(
            "supervisor__name", flat=True
        )
    )
    assert supervisors == justice


def test_every_role_is_filled(demo: None) -> None:
    assert set(RoleGrant.objects.values_list("role", flat=True)) == set(Role.values)


def test_every_handler_holds_an_active_certificate(demo: None) -> None:
    for grant in RoleGrant.objects.filter(role=Role.HANDLER).select_related("membership__user"):
        officer = Officer.objects.get(user=grant.membership.user)
        assert officer.status == "active"
        assert officer.agency_id == grant.membership.agency_id


def test_loading_twice_changes_nothing(demo: None) -> None:
    counts = (Agency.objects.count(), Officer.objects.count(), User.objects.count())
    result = demo_load()
    assert result.created == {"agencies": 0, "officers": 0, "users": 0}
    assert (Agency.objects.count(), Officer.objects.count(), User.objects.count()) == counts


def test_the_command_prints_the_log_ins(db: None, capsys: pytest.CaptureFixture[str]) -> None:
    call_command("demo")
    out = capsys.readouterr().out
    for spec in demo_users():
        assert spec["username"] in out
    assert "admin" in out
