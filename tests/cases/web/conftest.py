"""People of 芒市应急管理局 (profile mangshi) with every case role, and others who look in."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pytest
from django.test import Client
from django.utils import timezone

from liuhen.accounts.middleware import SESSION_LOGIN_AT
from liuhen.accounts.models import User
from liuhen.accounts.roles import Role
from liuhen.agencies.models import Officer
from liuhen.cases.models import Case
from liuhen.cases.services import PartyInput, case_open
from liuhen.evidence.models import EvidenceHolding
from liuhen.evidence.services import evidence_ingest
from tests.cases.conftest import days_ago
from tests.factories import staff
from tests.world import World


@dataclass
class People:
    handler: User
    partner: User  # a second handler, for on-site acts
    reviewer: User
    approver: User
    supervisor: User  # at 芒市司法局, which supervises the bureau
    outsider: User  # a handler of 保山市应急管理局


@pytest.fixture
def people(world: World) -> People:
    bureau = world.mangshi_emergency
    return People(
        handler=staff(bureau, Role.HANDLER, username="zhang.handler"),
        partner=staff(bureau, Role.HANDLER, username="li.handler"),
        reviewer=staff(bureau, Role.REVIEWER, username="wang.reviewer"),
        approver=staff(bureau, Role.APPROVER, username="zhao.approver"),
        supervisor=staff(world.mangshi_justice, Role.SUPERVISOR, username="sun.supervisor"),
        outsider=staff(world.baoshan_emergency, Role.HANDLER, username="qian.outsider"),
    )


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    session = client.session
    session[SESSION_LOGIN_AT] = timezone.now().isoformat()
    session.save()
    return client


@pytest.fixture
def handled(world: World, people: People) -> Case:
    """A case whose officers are the two handlers (urgent start ten days ago)."""
    return case_open(
        actor=people.handler,
        agency=world.mangshi_emergency,
        title="某化工公司未按规定开展安全培训案",
        action="penalty",
        source="ex_officio",
        parties=[
            PartyInput(
                kind="person",
                name="张三",
                id_number="533103199001011234",
                address="芒市勇罕街道团结路 12 号",
                contact="13800001234",
            )
        ],
        officers=[
            Officer.objects.get(user=people.handler),
            Officer.objects.get(user=people.partner),
        ],
        first_event_type="case.initiated",
        at=days_ago(10),
        fields={"urgent": True},
    )


@pytest.fixture
def holding(world: World, people: People) -> EvidenceHolding:
    return evidence_ingest(
        actor=people.handler,
        agency=world.mangshi_emergency,
        source=io.BytesIO(b"body camera recording"),
        filename="DSJ_0001.mp4",
    )
