"""The resumable upload API: chunks with their hashes, resume, corrupt chunks, access."""

from __future__ import annotations

import hashlib
import json
import os
from typing import Any

import pytest
from django.test import Client

from liuhen.accounts.roles import Role
from liuhen.evidence.models import EvidenceHolding
from liuhen.ledger.models import LedgerEntry
from tests.factories import PASSWORD, staff
from tests.world import World

CHUNK = 256 * 1024


def _client(username: str) -> Client:
    from django.utils import timezone

    from liuhen.accounts.middleware import SESSION_LOGIN_AT

    client = Client()
    assert client.login(username=username, password=PASSWORD)
    session = client.session
    session[SESSION_LOGIN_AT] = timezone.now().isoformat()
    session.save()
    return client


def _begin(client: Client, agency_id: int, data: bytes, **extra: Any) -> dict[str, Any]:
    response = client.post(
        "/evidence/uploads/",
        json.dumps({"agency": agency_id, "filename": "执法记录仪.mp4", "size": len(data), **extra}),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content.decode()
    return dict(response.json())


def _put(client: Client, upload_id: str, offset: int, chunk: bytes, digest: str | None = None):  # type: ignore[no-untyped-def]
    return client.generic(
        "PUT",
        f"/evidence/uploads/{upload_id}/chunks/{offset}",
        chunk,
        content_type="application/octet-stream",
        headers={"X-Content-SHA256": digest or hashlib.sha256(chunk).hexdigest()},
    )


@pytest.fixture
def handler(world: World) -> str:
    return staff(world.mangshi_emergency, Role.HANDLER, username="li.ming").username


def test_a_file_uploads_in_chunks_resumes_and_completes(world: World, handler: str) -> None:
    client = _client(handler)
    data = os.urandom(3 * CHUNK + 1000)
    status = _begin(client, world.mangshi_emergency.pk, data)
    assert status["missing"] == [[0, len(data)]]
    _put(client, status["upload_id"], 0, data[:CHUNK])
    _put(client, status["upload_id"], 2 * CHUNK, data[2 * CHUNK : 3 * CHUNK])
    # the connection broke; the client asks what is missing
    status = client.get(f"/evidence/uploads/{status['upload_id']}/").json()
    assert status["missing"] == [[CHUNK, 2 * CHUNK], [3 * CHUNK, len(data)]]
    for start, end in status["missing"]:
        _put(client, status["upload_id"], start, data[start:end])
    done = client.post(f"/evidence/uploads/{status['upload_id']}/complete").json()
    assert done["sha256"] == hashlib.sha256(data).hexdigest()
    assert EvidenceHolding.objects.get(pk=done["holding_id"]).filename == "执法记录仪.mp4"
    again = client.post(f"/evidence/uploads/{status['upload_id']}/complete").json()
    assert again["holding_id"] == done["holding_id"]
    assert LedgerEntry.objects.filter(action="evidence.ingest").count() == 1


def test_a_corrupt_chunk_is_refused_naming_its_offset(world: World, handler: str) -> None:
    client = _client(handler)
    data = os.urandom(2 * CHUNK)
    status = _begin(client, world.mangshi_emergency.pk, data)
    response = _put(client, status["upload_id"], CHUNK, data[CHUNK:], digest="0" * 64)
    assert response.status_code == 400
    assert f"偏移 {CHUNK} 处的分块已损坏" in response.json()["error"]
    status = client.get(f"/evidence/uploads/{status['upload_id']}/").json()
    assert status["missing"] == [[0, 2 * CHUNK]]


def test_completing_an_incomplete_upload_is_refused(world: World, handler: str) -> None:
    client = _client(handler)
    data = os.urandom(2 * CHUNK)
    status = _begin(client, world.mangshi_emergency.pk, data)
    _put(client, status["upload_id"], 0, data[:CHUNK])
    response = client.post(f"/evidence/uploads/{status['upload_id']}/complete")
    assert response.status_code == 400
    assert not EvidenceHolding.objects.exists()


def test_a_declared_hash_that_does_not_match_is_refused(world: World, handler: str) -> None:
    client = _client(handler)
    data = os.urandom(CHUNK)
    status = _begin(client, world.mangshi_emergency.pk, data, sha256="1" * 64)
    _put(client, status["upload_id"], 0, data)
    response = client.post(f"/evidence/uploads/{status['upload_id']}/complete")
    assert response.status_code == 400
    assert not EvidenceHolding.objects.exists()


def test_another_agencys_member_cannot_upload_there(world: World) -> None:
    outsider = staff(world.mangshi_market, Role.HANDLER, username="wang.fang")
    response = _client(outsider.username).post(
        "/evidence/uploads/",
        json.dumps({"agency": world.mangshi_emergency.pk, "filename": "x", "size": 1}),
        content_type="application/json",
    )
    assert response.status_code == 403


def test_a_supervisor_sees_but_does_not_add(world: World, handler: str) -> None:
    supervisor = staff(world.dehong_justice, Role.SUPERVISOR, username="li.na")
    client = _client(supervisor.username)
    assert client.get(f"/evidence/agency/{world.mangshi_emergency.pk}/").status_code == 200
    response = client.post(
        "/evidence/uploads/",
        json.dumps({"agency": world.mangshi_emergency.pk, "filename": "x", "size": 1}),
        content_type="application/json",
    )
    assert response.status_code == 403


def test_only_the_uploader_continues_an_upload(world: World, handler: str) -> None:
    data = os.urandom(CHUNK)
    status = _begin(_client(handler), world.mangshi_emergency.pk, data)
    colleague = staff(world.mangshi_emergency, Role.HANDLER, username="yang.jianguo")
    response = _put(_client(colleague.username), status["upload_id"], 0, data)
    assert response.status_code == 403


def test_a_download_needs_a_reason_and_is_ledgered(world: World, handler: str) -> None:
    from liuhen.evidence.services import evidence_ingest

    holding = evidence_ingest(
        actor=None,
        agency=world.mangshi_emergency,
        source=__import__("io").BytesIO(b"scan"),
        filename="现场检查笔录.pdf",
    )
    client = _client(handler)
    refused = client.get(f"/evidence/holdings/{holding.pk}/download")
    assert refused.status_code == 400
    assert "须说明事由" in refused.json()["error"]
    response = client.get(f"/evidence/holdings/{holding.pk}/download?reason=行政复议答复")
    assert b"".join(response.streaming_content) == b"scan"
    entry = LedgerEntry.objects.get(action="evidence.download")
    assert json.loads(entry.payload)["reason"] == "行政复议答复"


def test_the_sweep_command_removes_abandoned_uploads(
    world: World, handler: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from django.core.management import call_command

    client = _client(handler)
    status = _begin(client, world.mangshi_emergency.pk, os.urandom(CHUNK))
    call_command("evidence", "sweep", "--upload-hours", "0")
    assert "上传会话：清理 1 项" in capsys.readouterr().out
    assert client.get(f"/evidence/uploads/{status['upload_id']}/").status_code == 404
