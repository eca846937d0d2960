"""A docking station with a device token uploads a recording in chunks, resumes, completes, and
links it to a case: the storage time is the server's, never the station's."""

from __future__ import annotations

import datetime as dt
import hashlib
import os

from django.utils import timezone

from liuhen.accounts.roles import Role
from liuhen.api.models import ApiTokenKind
from liuhen.api.services import api_token_issue
from liuhen.cases.models import CaseEvent
from liuhen.evidence.models import EvidenceHolding
from liuhen.rules.clock import CHINA
from tests.api.conftest import ApiClient
from tests.factories import case, staff
from tests.world import World

CHUNK = 256 * 1024


def _station(world: World) -> ApiClient:
    admin = staff(world.mangshi_emergency, Role.SYSADMIN)
    keeper = staff(world.mangshi_emergency, Role.HANDLER)
    _, token = api_token_issue(
        actor=admin, user=keeper, name="一号采集站", kind=ApiTokenKind.DEVICE
    )
    return ApiClient(token)


def _put(station: ApiClient, upload_id: str, data: bytes, offset: int) -> int:
    piece = data[offset : offset + CHUNK]
    response = station.put(
        f"/evidence/uploads/{upload_id}/chunks/{offset}",
        piece,
        **{"X-Content-SHA256": hashlib.sha256(piece).hexdigest()},
    )
    return int(response.status_code)


def test_a_station_uploads_resumes_and_completes(world: World) -> None:
    station = _station(world)
    data = os.urandom(3 * CHUNK + 100)
    begun = station.post(
        "/evidence/uploads",
        {"agency_id": world.mangshi_emergency.pk, "filename": "DSJ_0001.mp4", "size": len(data)},
    )
    assert begun.status_code == 201, begun.content
    upload_id = begun.json()["upload_id"]
    assert _put(station, upload_id, data, 0) == 200
    assert _put(station, upload_id, data, 2 * CHUNK) == 200
    missing = station.get(f"/evidence/uploads/{upload_id}").json()["missing"]
    assert missing == [[CHUNK, 2 * CHUNK], [3 * CHUNK, len(data)]]
    for offset in (CHUNK, 3 * CHUNK):
        assert _put(station, upload_id, data, offset) == 200
    done = station.post(f"/evidence/uploads/{upload_id}/complete")
    assert done.status_code == 200
    assert done.json()["sha256"] == hashlib.sha256(data).hexdigest()


def test_a_corrupt_chunk_is_refused_with_a_clear_error(world: World) -> None:
    station = _station(world)
    data = os.urandom(CHUNK)
    upload_id = station.post(
        "/evidence/uploads",
        {"agency_id": world.mangshi_emergency.pk, "filename": "a.mp4", "size": len(data)},
    ).json()["upload_id"]
    response = station.put(
        f"/evidence/uploads/{upload_id}/chunks/0", data, **{"X-Content-SHA256": "0" * 64}
    )
    assert response.status_code in (400, 409)
    assert response.json()["error"]
    assert station.get(f"/evidence/uploads/{upload_id}").json()["received_bytes"] == 0


def test_an_attached_recording_is_stored_at_the_servers_ingest_time(world: World) -> None:
    station = _station(world)
    data = os.urandom(CHUNK)
    upload_id = station.post(
        "/evidence/uploads",
        {"agency_id": world.mangshi_emergency.pk, "filename": "b.mp4", "size": len(data)},
    ).json()["upload_id"]
    _put(station, upload_id, data, 0)
    holding_id = station.post(f"/evidence/uploads/{upload_id}/complete").json()["holding_id"]
    opened = case(world.mangshi_emergency, at=timezone.now() - dt.timedelta(days=1))
    end = (timezone.now() - dt.timedelta(hours=3)).astimezone(CHINA)
    response = station.post(
        f"/cases/{opened.pk}/recordings",
        {
            "holding_id": holding_id,
            "start": (end - dt.timedelta(minutes=30)).isoformat(),
            "end": end.isoformat(),
            "device": "DSJ-V9 SN 0001",
            "notice_given": True,
            "statement_given": True,
        },
    )
    assert response.status_code == 201, response.content
    stored = CaseEvent.objects.get(case=opened, type="av.stored")
    assert stored.at == EvidenceHolding.objects.get(pk=holding_id).added_at
    assert stored.fields["of"] == response.json()["event_id"]


def test_another_agencys_station_cannot_upload_here(world: World) -> None:
    station = _station(world)
    response = station.post(
        "/evidence/uploads",
        {"agency_id": world.baoshan_emergency.pk, "filename": "c.mp4", "size": 10},
    )
    assert response.status_code == 404
