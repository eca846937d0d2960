"""Loading an organisation file (`liuhen org import FILE`): agencies, officers, log-ins and roles.

How a province onboards dozens of agencies at once, and how the demo data is loaded. The file is
JSON in the format `liuhen.org/1` (docs/org-file-format.md). Every record goes through the same
services as the web forms; the whole file is one transaction, so a file with any bad record
changes nothing, and every problem is reported as `FILE: section[N].field: message`.

Records that already exist (an agency of the same name, an officer with the same certificate
number, a user with the same username) are kept as they are, so loading a file twice is harmless.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from liuhen.accounts.models import User
from liuhen.accounts.services import membership_add, role_grant, user_create
from liuhen.agencies.models import Agency, Officer, OfficerStatus
from liuhen.agencies.services import (
    agency_create,
    officer_link_user,
    officer_register,
    officer_set_status,
    supervision_derive,
)

FORMAT = "liuhen.org/1"
_STR = str
_FIELDS: dict[str, dict[str, tuple[type, bool]]] = {
    # field: (JSON type, required)
    "agencies": {
        "name": (_STR, True),
        "short_name": (_STR, False),
        "kind": (_STR, True),
        "level": (_STR, True),
        "credit_code": (_STR, True),
        "parent": (_STR, False),
        "system": (_STR, False),
        "division_code": (_STR, False),
        "profile": (_STR, False),
        "entrusted_by": (_STR, False),
        "address": (_STR, False),
        "phone": (_STR, False),
    },
    "officers": {
        "agency": (_STR, True),
        "name": (_STR, True),
        "certificate_number": (_STR, True),
        "enforcement_area": (_STR, True),
        "position": (_STR, False),
        "certificate_valid_until": (_STR, False),
        "status": (_STR, False),
        "status_reason": (_STR, False),
    },
    "users": {
        "username": (_STR, True),
        "full_name": (_STR, True),
        "password": (_STR, False),
        "agency": (_STR, False),
        "title": (_STR, False),
        "roles": (list, False),
        "officer": (_STR, False),
        "superuser": (bool, False),
        "phone": (_STR, False),
    },
}


class OrgFileError(Exception):
    """The file was refused; `problems` are `FILE: path: message` lines, nothing was written."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class OrgFileResult:
    created: dict[str, int] = field(
        default_factory=lambda: {"agencies": 0, "officers": 0, "users": 0}
    )
    kept: dict[str, int] = field(default_factory=lambda: {"agencies": 0, "officers": 0, "users": 0})


def _shape_problems(source: str, document: Any) -> list[str]:
    if not isinstance(document, dict):
        return [f"{source}: 顶层应为 JSON 对象"]
    problems = []
    if document.get("format") != FORMAT:
        problems.append(f"{source}: format: 应为 {FORMAT!r}，现为 {document.get('format')!r}")
    for key in document:
        if key not in {"format", "about", *_FIELDS}:
            problems.append(f"{source}: {key}: 未知的字段")
    for section, fields in _FIELDS.items():
        records = document.get(section, [])
        if not isinstance(records, list):
            problems.append(f"{source}: {section}: 应为数组")
            continue
        for index, record in enumerate(records):
            where = f"{source}: {section}[{index}]"
            if not isinstance(record, dict):
                problems.append(f"{where}: 应为 JSON 对象")
                continue
            for key, value in record.items():
                if key not in fields:
                    problems.append(f"{where}.{key}: 未知的字段")
                elif not isinstance(value, fields[key][0]):
                    problems.append(f"{where}.{key}: 类型错误（应为 {_type_name(fields[key][0])}）")
            for key, (_, required) in fields.items():
                if required and key not in record:
                    problems.append(f"{where}.{key}: 缺少必填字段")
    return problems


def _type_name(kind: type) -> str:
    return {str: "字符串", list: "数组", bool: "布尔值"}[kind]


class _Loader:
    def __init__(self, source: str, actor: User | None) -> None:
        self.source = source
        self.actor = actor
        self.problems: list[str] = []
        self.result = OrgFileResult()
        self.agencies: dict[str, Agency] = {}

    def attempt(self, where: str, action: Callable[[], Any]) -> Any:
        """Run one record's services in a savepoint, turning refusals into report lines."""
        try:
            with transaction.atomic():
                return action()
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for name, errors in exc.error_dict.items():
                    for error in errors:
                        for message in error.messages:
                            self.problems.append(f"{self.source}: {where}.{name}: {message}")
            else:
                self.problems.extend(f"{self.source}: {where}: {m}" for m in exc.messages)
        return None

    def agency_ref(self, where: str, name: str) -> Agency | None:
        agency = self.agencies.get(name) or Agency.objects.filter(name=name).first()
        if agency is None:
            self.problems.append(f"{self.source}: {where}: 未知的执法主体「{name}」（须先登记）")
        return agency

    def load_agency(self, index: int, record: dict[str, Any]) -> None:
        where = f"agencies[{index}]"
        existing = Agency.objects.filter(name=record["name"]).first()
        if existing is not None:
            if existing.kind != record["kind"] or existing.level != record["level"]:
                self.problems.append(
                    f"{self.source}: {where}.name: 已有同名主体「{existing.name}」，"
                    f"但类别或层级不同（{existing.get_kind_display()}，{existing.get_level_display()}）"
                )
                return
            self.agencies[existing.name] = existing
            self.result.kept["agencies"] += 1
            return
        fields = dict(record)
        for ref in ("parent", "entrusted_by"):
            if ref in fields:
                fields[ref] = self.agency_ref(f"{where}.{ref}", fields[ref])
                if fields[ref] is None:
                    return
        created = self.attempt(where, lambda: agency_create(actor=self.actor, **fields))
        if created is not None:
            self.agencies[created.name] = created
            self.result.created["agencies"] += 1

    def load_officer(self, index: int, record: dict[str, Any]) -> None:
        where = f"officers[{index}]"
        holder = (
            Officer.objects.filter(certificate_number=record["certificate_number"])
            .select_related("agency")
            .first()
        )
        if holder is not None:
            if (holder.name, holder.agency.name) != (record["name"], record["agency"]):
                self.problems.append(
                    f"{self.source}: {where}.certificate_number: "
                    f"执法证号 {holder.certificate_number} "
                    f"已登记给「{holder.agency.name}」的{holder.name}"
                )
            else:
                self.result.kept["officers"] += 1
            return
        agency = self.agency_ref(f"{where}.agency", record["agency"])
        valid_until = None
        if "certificate_valid_until" in record:
            try:
                valid_until = dt.date.fromisoformat(record["certificate_valid_until"])
            except ValueError:
                self.problems.append(
                    f"{self.source}: {where}.certificate_valid_until: 日期应为 YYYY-MM-DD"
                )
                return
        if agency is None:
            return
        status = record.get("status", OfficerStatus.ACTIVE)

        def register() -> Officer:
            officer = officer_register(
                actor=self.actor,
                agency=agency,
                name=record["name"],
                certificate_number=record["certificate_number"],
                enforcement_area=record["enforcement_area"],
                position=record.get("position", ""),
                certificate_valid_until=valid_until,
            )
            if status != OfficerStatus.ACTIVE:
                officer = officer_set_status(
                    actor=self.actor,
                    officer=officer,
                    status=status,
                    reason=record.get("status_reason", ""),
                )
            return officer

        if self.attempt(where, register) is not None:
            self.result.created["officers"] += 1

    def load_user(self, index: int, record: dict[str, Any]) -> None:
        where = f"users[{index}]"
        person = User.objects.filter(username=record["username"]).first()
        if person is None:
            person = self.attempt(
                where,
                lambda: user_create(
                    actor=self.actor,
                    username=record["username"],
                    full_name=record["full_name"],
                    password=record.get("password"),
                    phone=record.get("phone", ""),
                    is_superuser=record.get("superuser", False),
                ),
            )
            if person is None:
                return
            self.result.created["users"] += 1
        elif person.full_name != record["full_name"]:
            self.problems.append(
                f"{self.source}: {where}.username: "
                f"用户名 {person.username} 已由{person.full_name}使用"
            )
            return
        else:
            self.result.kept["users"] += 1
        if "agency" not in record:
            if record.get("roles") or "officer" in record:
                self.problems.append(
                    f"{self.source}: {where}.agency: 有角色或执法证的人员须注明所属主体"
                )
            return
        agency = self.agency_ref(f"{where}.agency", record["agency"])
        if agency is None:
            return
        self.attempt(
            where,
            lambda: membership_add(
                actor=self.actor, user=person, agency=agency, title=record.get("title", "")
            ),
        )
        if "officer" in record:
            officer = Officer.objects.filter(certificate_number=record["officer"]).first()
            if officer is None:
                self.problems.append(
                    f"{self.source}: {where}.officer: 未登记的执法证号 {record['officer']}"
                )
                return
            if officer.user_id != person.pk:
                self.attempt(
                    where,
                    lambda: officer_link_user(actor=self.actor, officer=officer, user=person),
                )
        for role in record.get("roles", []):
            self.attempt(
                where,
                partial(role_grant, actor=self.actor, user=person, agency=agency, role=str(role)),
            )


def org_file_load(*, actor: User | None, data: bytes | str, source: str) -> OrgFileResult:
    """Load an organisation file, all of it or nothing.

    Side effects: agencies, their standard supervision relations, officers, users, memberships
    and roles, through the services, in one transaction. Raises OrgFileError listing every
    problem (nothing written then).
    """
    try:
        document = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise OrgFileError([f"{source}: 不是有效的 UTF-8 JSON：{exc}"]) from exc
    problems = _shape_problems(source, document)
    if problems:
        raise OrgFileError(problems)
    loader = _Loader(source, actor)
    with transaction.atomic():
        for index, record in enumerate(document.get("agencies", [])):
            loader.load_agency(index, record)
        for agency in loader.agencies.values():
            loader.attempt("agencies", partial(supervision_derive, actor=actor, agency=agency))
        for index, record in enumerate(document.get("officers", [])):
            loader.load_officer(index, record)
        for index, record in enumerate(document.get("users", [])):
            loader.load_user(index, record)
        if loader.problems:
            raise OrgFileError(loader.problems)
    return loader.result
