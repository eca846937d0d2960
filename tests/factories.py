"""Test data built through the services, so tests meet the same rules users do."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django.utils import timezone

from liuhen.accounts.models import User
from liuhen.accounts.roles import Role
from liuhen.accounts.services import membership_add, role_grant, user_create
from liuhen.agencies.credit_code import credit_code_build
from liuhen.agencies.models import Agency, AgencyKind, Officer
from liuhen.agencies.services import agency_create, officer_link_user, officer_register
from liuhen.cases.models import Case

_seq = itertools.count(1)
PASSWORD = "correct-horse-battery"


def credit_code(division: str = "533103") -> str:
    return credit_code_build(
        registry="1", category="1", division=division, org_body=f"MB{next(_seq):06d}"
    )


def government(name: str, *, level: str, parent: Agency | None = None, profile: str = "") -> Agency:
    return agency_create(
        actor=None,
        name=name,
        credit_code=credit_code(),
        kind=AgencyKind.GOVERNMENT,
        level=level,
        parent=parent,
        profile=profile,
    )


def department(
    name: str,
    *,
    government: Agency,
    system: str = "应急管理",
    kind: str = AgencyKind.DEPARTMENT,
    profile: str = "mangshi",
) -> Agency:
    return agency_create(
        actor=None,
        name=name,
        credit_code=credit_code(),
        kind=kind,
        level=government.level,
        parent=government,
        system=system,
        profile=profile,
    )


def user(username: str | None = None, *, full_name: str = "测试用户") -> User:
    return user_create(
        actor=None,
        username=username or f"user{next(_seq)}",
        full_name=full_name,
        password=PASSWORD,
    )


def officer(agency: Agency, *, name: str = "李明", linked_user: User | None = None) -> Officer:
    record = officer_register(
        actor=None,
        agency=agency,
        name=name,
        certificate_number=f"5331032026{next(_seq):04d}",
        enforcement_area="芒市行政区域",
    )
    if linked_user is not None:
        record = officer_link_user(actor=None, officer=record, user=linked_user)
    return record


def staff(agency: Agency, *roles: str, username: str | None = None) -> User:
    """A member of `agency` holding `roles` (a handler gets an officer record first)."""
    person = user(username)
    membership_add(actor=None, user=person, agency=agency)
    if Role.HANDLER in roles:
        officer(agency, name=person.full_name, linked_user=person)
    for role in roles:
        role_grant(actor=None, user=person, agency=agency, role=role)
    return person


def case(
    agency: Agency,
    *,
    actor: User | None = None,
    officers: int = 2,
    first_event_type: str = "case.initiated",
    at: dt.datetime | None = None,
    fields: dict[str, object] | None = None,
    action: str = "penalty",
    source: str = "ex_officio",
    **options: Any,
) -> Case:
    """A case opened through `case_open` with `officers` officers of the agency. By default an
    urgent start (no approval chain), a day ago."""
    from liuhen.cases.services import PartyInput, case_open

    return case_open(
        actor=actor,
        agency=agency,
        title="某公司未按规定开展安全生产教育培训案",
        action=action,
        source=source,
        parties=[
            PartyInput(kind="organisation", name="某某化工有限公司", id_number="91533103MA6N000000")
        ],
        officers=[officer(agency, name=f"执法员{i}") for i in range(officers)],
        first_event_type=first_event_type,
        at=at or timezone.now() - dt.timedelta(days=1),
        fields={"urgent": True}
        if fields is None and first_event_type == "case.initiated"
        else fields,
        **options,
    )
