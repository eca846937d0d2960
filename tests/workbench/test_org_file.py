"""`liuhen org import`: an organisation file loads whole or not at all, naming every problem."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from liuhen.accounts.models import RoleGrant, User
from liuhen.agencies.models import Agency, Officer, Supervision
from liuhen.workbench.org_file import OrgFileError, org_file_load
from tests.factories import credit_code


def _document(**changes: Any) -> dict[str, Any]:
    document: dict[str, Any] = {
        "format": "liuhen.org/1",
        "agencies": [
            {
                "name": "芒市人民政府",
                "kind": "government",
                "level": "county",
                "credit_code": credit_code(),
                "profile": "dehong",
            },
            {
                "name": "芒市司法局",
                "kind": "justice",
                "level": "county",
                "parent": "芒市人民政府",
                "system": "司法行政",
                "credit_code": credit_code(),
                "profile": "dehong",
            },
            {
                "name": "芒市应急管理局",
                "kind": "department",
                "level": "county",
                "parent": "芒市人民政府",
                "system": "应急管理",
                "credit_code": credit_code(),
                "profile": "mangshi",
            },
        ],
        "officers": [
            {
                "agency": "芒市应急管理局",
                "name": "李明",
                "certificate_number": "53310320190015",
                "enforcement_area": "芒市行政区域",
            },
        ],
        "users": [
            {
                "username": "li.ming",
                "full_name": "李明",
                "agency": "芒市应急管理局",
                "roles": ["handler"],
                "officer": "53310320190015",
            },
        ],
    }
    document.update(changes)
    return document


def _load(document: dict[str, Any]) -> Any:
    return org_file_load(
        actor=None, data=json.dumps(document, ensure_ascii=False), source="org.json"
    )


def test_a_good_file_loads_everything_and_derives_supervision(db: None) -> None:
    result = _load(_document())
    assert result.created == {"agencies": 3, "officers": 1, "users": 1}
    assert Supervision.objects.filter(
        supervisor__name="芒市司法局", supervised__name="芒市应急管理局"
    ).exists()
    assert RoleGrant.objects.get(membership__user__username="li.ming").role == "handler"
    assert not User.objects.get(username="li.ming").has_usable_password()


def test_loading_twice_keeps_what_exists(db: None) -> None:
    document = _document()
    _load(document)
    again = _load(document)
    assert again.created == {"agencies": 0, "officers": 0, "users": 0}
    assert again.kept == {"agencies": 3, "officers": 1, "users": 1}


def test_one_bad_record_writes_nothing_and_is_named(db: None) -> None:
    document = _document()
    document["officers"].append(
        {
            "agency": "芒市应急管理局",
            "name": "王芳",
            "certificate_number": "53310320190015",
            "enforcement_area": "芒市",
        }
    )
    with pytest.raises(OrgFileError) as exc:
        _load(document)
    assert exc.value.problems == [
        "org.json: officers[1].certificate_number: "
        "执法证号 53310320190015 已登记给「芒市应急管理局」的李明"
    ]
    assert not Agency.objects.exists()
    assert not Officer.objects.exists()


def test_an_unknown_profile_is_named(db: None) -> None:
    document = _document()
    document["agencies"][2]["profile"] = "kunming"
    with pytest.raises(OrgFileError) as exc:
        _load(document)
    assert exc.value.problems[0].startswith(
        "org.json: agencies[2].profile: 未知的适用规定组合：kunming"
    )


def test_a_parent_that_does_not_exist_is_named(db: None) -> None:
    document = _document()
    document["agencies"][2]["parent"] = "芒市政府"
    with pytest.raises(OrgFileError) as exc:
        _load(document)
    assert (
        "org.json: agencies[2].parent: 未知的执法主体「芒市政府」（须先登记）" in exc.value.problems
    )


def test_a_role_the_person_cannot_hold_is_named(db: None) -> None:
    document = _document()
    document["users"].append(
        {
            "username": "zhao.lei",
            "full_name": "赵磊",
            "agency": "芒市应急管理局",
            "roles": ["handler"],
        }
    )
    with pytest.raises(OrgFileError) as exc:
        _load(document)
    assert exc.value.problems[0].startswith("org.json: users[1].role: 承办人须为「芒市应急管理局」")
    assert not User.objects.exists()


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"format": "liuhen.org/2"}, "org.json: format: 应为 'liuhen.org/1'，现为 'liuhen.org/2'"),
        ({"people": []}, "org.json: people: 未知的字段"),
        (
            {"officers": [{"agency": "x", "name": "y", "certificate_number": "1234567"}]},
            "org.json: officers[0].enforcement_area: 缺少必填字段",
        ),
        (
            {"users": [{"username": "a.b", "full_name": "甲", "superuser": "yes"}]},
            "org.json: users[0].superuser: 类型错误（应为 布尔值）",
        ),
        (
            {"users": [{"username": "a.b", "full_name": "甲", "nickname": "x"}]},
            "org.json: users[0].nickname: 未知的字段",
        ),
    ],
)
def test_malformed_files_are_refused_before_anything_runs(
    db: None, change: dict[str, Any], problem: str
) -> None:
    with pytest.raises(OrgFileError) as exc:
        _load(_document(**change))
    assert problem in exc.value.problems


def test_the_command_exits_2_and_prints_every_problem(
    db: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError) as exc:
        call_command("org", "import", str(path))
    assert exc.value.returncode == 2
    assert f"{path}: 不是有效的 UTF-8 JSON" in capsys.readouterr().err


def test_the_command_reports_what_it_did(
    db: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "org.json"
    path.write_text(json.dumps(_document(), ensure_ascii=False), encoding="utf-8")
    call_command("org", "import", str(path))
    assert "执法主体：新建 3，已存在保持不变 0" in capsys.readouterr().out
