"""api_token_issue / api_token_revoke: a token is shown once, stored as a hash, ledgered, and
issued only by the person or the system administrator of their agency."""

from __future__ import annotations

import hashlib

import pytest
from django.core.exceptions import ValidationError

from liuhen.accounts.roles import Role
from liuhen.api.models import ApiToken, ApiTokenKind
from liuhen.api.services import api_token_issue, api_token_revoke
from liuhen.ledger.models import LedgerEntry
from tests.factories import staff
from tests.world import World


def test_the_token_is_returned_once_and_only_its_hash_is_stored(world: World) -> None:
    officer = staff(world.mangshi_emergency, Role.HANDLER)
    row, token = api_token_issue(actor=officer, user=officer, name="笔记本")
    assert token.startswith("lh_")
    assert len(token) > 40
    assert row.digest == hashlib.sha256(token.encode()).hexdigest()
    assert token not in set(ApiToken.objects.values_list("digest", "prefix", "name")[0])


def test_issuing_is_ledgered_without_the_token(world: World) -> None:
    officer = staff(world.mangshi_emergency, Role.HANDLER)
    row, token = api_token_issue(actor=officer, user=officer, name="笔记本")
    entry = LedgerEntry.objects.get(action="api_token.issue", object_id=str(row.pk))
    assert entry.actor_id == officer.pk
    assert token not in entry.payload


def test_a_system_administrator_issues_a_device_token_for_a_member(world: World) -> None:
    admin = staff(world.mangshi_emergency, Role.SYSADMIN)
    archivist = staff(world.mangshi_emergency, Role.ARCHIVIST)
    row, _ = api_token_issue(
        actor=admin, user=archivist, name="一号采集站", kind=ApiTokenKind.DEVICE
    )
    assert (row.user, row.kind, row.created_by) == (archivist, "device", admin)


def test_a_stranger_may_not_issue_a_token_for_someone_else(world: World) -> None:
    other_admin = staff(world.baoshan_emergency, Role.SYSADMIN)
    officer = staff(world.mangshi_emergency, Role.HANDLER)
    with pytest.raises(ValidationError) as refused:
        api_token_issue(actor=other_admin, user=officer, name="偷偷签发")
    assert "无权" in str(refused.value)
    assert not ApiToken.objects.exists()


def test_a_token_needs_a_name(world: World) -> None:
    officer = staff(world.mangshi_emergency, Role.HANDLER)
    with pytest.raises(ValidationError) as refused:
        api_token_issue(actor=officer, user=officer, name="  ")
    assert "name" in refused.value.message_dict


def test_revoking_twice_is_refused(world: World) -> None:
    officer = staff(world.mangshi_emergency, Role.HANDLER)
    row, _ = api_token_issue(actor=officer, user=officer, name="笔记本")
    revoked = api_token_revoke(actor=officer, token=row)
    assert revoked.revoked_at is not None
    assert LedgerEntry.objects.filter(action="api_token.revoke").count() == 1
    with pytest.raises(ValidationError):
        api_token_revoke(actor=officer, token=row)
