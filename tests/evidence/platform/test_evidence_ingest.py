"""evidence_ingest: stored, recorded and ledgered together; the same bytes stored once."""

from __future__ import annotations

import io
import json
from pathlib import Path

from liuhen.accounts.roles import Role
from liuhen.evidence.models import EvidenceHolding, EvidenceObject
from liuhen.evidence.services import evidence_ingest
from liuhen.evidence.stores import evidence_store
from liuhen.ledger.models import LedgerEntry
from tests.evidence.store.media_files import write_mp4
from tests.factories import staff
from tests.world import World


def test_an_ingest_is_stored_recorded_and_ledgered(world: World) -> None:
    handler = staff(world.mangshi_emergency, Role.HANDLER)
    holding = evidence_ingest(
        actor=handler,
        agency=world.mangshi_emergency,
        source=io.BytesIO(b"inquiry record scan"),
        filename="询问笔录.pdf",
    )
    assert evidence_store().verify(holding.object_id).ok
    entry = LedgerEntry.objects.get(action="evidence.ingest")
    payload = json.loads(entry.payload)
    assert payload["sha256"] == holding.object.sha256
    assert payload["sm3"] == holding.object.sm3 != ""
    assert (entry.actor_id, payload["filename"]) == (handler.pk, "询问笔录.pdf")


def test_the_same_bytes_are_stored_once_and_held_twice(world: World) -> None:
    for agency in (world.mangshi_emergency, world.mangshi_market):
        evidence_ingest(actor=None, agency=agency, source=io.BytesIO(b"same"), filename="a.jpg")
    assert EvidenceObject.objects.count() == 1
    assert EvidenceHolding.objects.count() == 2
    assert [
        json.loads(p)["new_object"]
        for p in LedgerEntry.objects.filter(action="evidence.ingest")
        .order_by("sequence")
        .values_list("payload", flat=True)
    ] == [
        True,
        False,
    ]


def test_media_facts_are_read_from_the_file(world: World, tmp_path: Path) -> None:
    video = write_mp4(tmp_path / "bodycam.mp4", tags={"model": "DSJ-V9", "make": "警用执法记录仪"})
    holding = evidence_ingest(
        actor=None, agency=world.mangshi_emergency, source=video, filename="bodycam.mp4"
    )
    media = holding.object.media
    assert media["readable"] is True
    assert media["device"]["model"] == "DSJ-V9"
    assert 0.9 < media["duration_seconds"] < 1.2


def test_a_path_in_the_name_is_dropped(world: World) -> None:
    holding = evidence_ingest(
        actor=None,
        agency=world.mangshi_emergency,
        source=io.BytesIO(b"x"),
        filename="C:\\Users\\警员\\..\\现场照片.jpg",
    )
    assert holding.filename == "现场照片.jpg"
