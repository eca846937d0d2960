"""`liuhen verify` over stored originals: a flipped byte, a missing file, a doctored row."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from liuhen.evidence.models import EvidenceObject
from liuhen.evidence.services import evidence_ingest
from liuhen.evidence.store import LocalStore
from liuhen.evidence.stores import evidence_store
from liuhen.evidence.verification import evidence_verify
from tests.world import World


@pytest.fixture
def stored(world: World) -> list[str]:
    return [
        evidence_ingest(
            actor=None,
            agency=world.mangshi_emergency,
            source=io.BytesIO(f"recording {n}".encode() * 1000),
            filename=f"{n}.mp4",
        ).object_id
        for n in range(3)
    ]


def _path(sha256: str):  # type: ignore[no-untyped-def]
    store = evidence_store()
    assert isinstance(store, LocalStore)
    return store.object_path(sha256)


def test_untouched_originals_verify(stored: list[str]) -> None:
    report = evidence_verify()
    assert (report.objects, report.problems) == (3, [])


def test_a_flipped_byte_is_found_and_named(stored: list[str]) -> None:
    path = _path(stored[1])
    path.chmod(0o644)
    data = bytearray(path.read_bytes())
    data[100] ^= 0x01
    path.write_bytes(bytes(data))
    problems = evidence_verify().problems
    assert problems
    assert all(p.startswith(f"证据原件 {stored[1]}") for p in problems)


def test_a_missing_file_is_found(stored: list[str]) -> None:
    path = _path(stored[0])
    path.chmod(0o644)
    path.unlink()
    assert any(stored[0] in p for p in evidence_verify().problems)


def test_a_doctored_row_disagrees_with_the_ledger(stored: list[str]) -> None:
    EvidenceObject.objects.filter(sha256=stored[2]).update(sm3="0" * 64)
    problems = evidence_verify(only=stored[2]).problems
    assert any("与留痕账本的存入记录" in p for p in problems)


def test_sampling_checks_only_k_objects(stored: list[str]) -> None:
    assert evidence_verify(sample=2).objects == 2


def test_the_command_checks_one_object(
    stored: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    call_command("verify", "--quiet", "--object", stored[0])
    assert "证据原件 1 个" in capsys.readouterr().out


def test_the_command_exits_1_on_a_damaged_object(stored: list[str]) -> None:
    path = _path(stored[0])
    path.chmod(0o644)
    path.write_bytes(b"replaced")
    with pytest.raises(CommandError) as raised:
        call_command("verify", "--quiet", "--skip-ledger")
    assert raised.value.returncode == 1
