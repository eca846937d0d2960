"""`liuhen verify` on the database: every kind of tampering is found, and where."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from liuhen.ledger.append_only import append_only_lifted
from liuhen.ledger.canonical import canonical_time
from liuhen.ledger.chain import entry_hash, entry_new
from liuhen.ledger.models import LedgerCheckpoint, LedgerEntry
from liuhen.ledger.services import ledger_algorithm, ledger_checkpoint_create
from liuhen.ledger.verification import ledger_verify
from tests.world import build_world


@pytest.fixture
def folders(settings, tmp_path: Path) -> tuple[Path, Path]:  # type: ignore[no-untyped-def]
    published, witness = tmp_path / "published", tmp_path / "witness"
    settings.LIUHEN_LEDGER_PUBLISH_DIR = published
    settings.LIUHEN_LEDGER_WITNESS_DIRS = [witness]
    return published, witness


@pytest.fixture
def ledger(db: None, folders: tuple[Path, Path], django_capture_on_commit_callbacks) -> int:  # type: ignore[no-untyped-def]
    """A world's worth of entries, a checkpoint published, and a witness holding a copy."""
    build_world()
    with django_capture_on_commit_callbacks(execute=True):
        checkpoint = ledger_checkpoint_create()
    assert checkpoint is not None
    published, witness = folders
    shutil.copytree(published, witness)
    return checkpoint.tree_size


def _update(sql: str, params: list[object]) -> None:
    with append_only_lifted(connection), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_an_untouched_ledger_verifies(ledger: int) -> None:
    report = ledger_verify()
    assert report.problems == []
    assert report.entries == ledger
    assert report.checkpoints == 1
    assert report.witness_copies == 2  # the platform's published copy and the witness's


def test_a_flipped_byte_in_a_payload_names_the_entry(ledger: int) -> None:
    entry = LedgerEntry.objects.get(sequence=7)
    tampered = entry.payload[:-2] + "X}"  # one character of the canonical JSON changed
    _update("UPDATE ledger_entry SET payload = %s WHERE sequence = 7", [tampered])
    problems = ledger_verify().problems
    assert any(p.startswith("留痕记录 #7:") for p in problems), problems


@pytest.mark.parametrize(
    ("column", "value"),
    [("action", "agency.delete"), ("object_id", "999"), ("previous_hash", "0" * 64)],
)
def test_an_edited_field_is_found(ledger: int, column: str, value: str) -> None:
    _update(f"UPDATE ledger_entry SET {column} = %s WHERE sequence = 5", [value])  # noqa: S608
    problems = ledger_verify().problems
    assert any("#5" in p for p in problems), problems


def test_a_deleted_entry_is_found_as_a_gap(ledger: int) -> None:
    _update("DELETE FROM ledger_entry WHERE sequence = 3", [])
    problems = ledger_verify().problems
    assert any("#4: gap" in p for p in problems), problems


def test_a_flipped_byte_in_a_checkpoint_is_found(ledger: int) -> None:
    stored = LedgerCheckpoint.objects.get()
    document = json.loads(stored.signed_json)
    document["root_hash"] = ("1" if document["root_hash"][0] != "1" else "2") + document[
        "root_hash"
    ][1:]
    _update(
        "UPDATE ledger_checkpoint SET signed_json = %s WHERE id = %s",
        [json.dumps(document), stored.pk],
    )
    problems = ledger_verify().problems
    assert any(p.startswith(f"检查点 @{ledger}: 签名或格式无效") for p in problems), problems


def test_a_truncated_ledger_is_found_by_the_witness(ledger: int) -> None:
    last = LedgerEntry.objects.order_by("-sequence").first()
    assert last is not None
    _update("DELETE FROM ledger_entry WHERE sequence = %s", [last.sequence])
    problems = ledger_verify().problems
    assert any("见证副本" in p and "deleted or the log was rolled back" in p for p in problems)


def test_a_consistently_rewritten_chain_is_found_against_the_witness(
    ledger: int, folders: tuple[Path, Path]
) -> None:
    """The attacker holds the database and the signing key: they rewrite entry 5, recompute every
    later hash, and sign a fresh checkpoint. Only the witness's copy can tell."""
    algorithm = ledger_algorithm()
    rows = list(LedgerEntry.objects.order_by("sequence"))
    previous = rows[3].entry_hash
    with append_only_lifted(connection), connection.cursor() as cursor:
        for row in rows[4:]:
            payload = json.loads(row.payload)
            if row.sequence == 5:
                payload["forged"] = "yes"
            rewritten = entry_new(
                sequence=row.sequence,
                previous_hash=previous,
                recorded_at=row.recorded_at,
                actor_id=None if row.actor_id is None else str(row.actor_id),
                action=row.action,
                object_type=row.object_type,
                object_id=row.object_id,
                payload=payload,
            )
            assert rewritten.recorded_at == canonical_time(row.recorded_at)
            previous = entry_hash(rewritten, algorithm).hex()
            cursor.execute(
                "UPDATE ledger_entry SET payload = %s, previous_hash = %s, entry_hash = %s "
                "WHERE sequence = %s",
                [rewritten.payload, rewritten.previous_hash, previous, row.sequence],
            )
        cursor.execute("DELETE FROM ledger_checkpoint")
    shutil.rmtree(folders[0])  # and clears the platform's own published folder
    assert ledger_checkpoint_create() is not None  # the forger re-signs
    problems = ledger_verify().problems
    assert not any(p.startswith("留痕记录") for p in problems), "the chain itself looks intact"
    assert any("见证副本" in p and "does not extend" in p for p in problems), problems


def test_the_command_exits_1_and_names_the_problem(
    ledger: int, capsys: pytest.CaptureFixture[str]
) -> None:
    _update("UPDATE ledger_entry SET object_id = %s WHERE sequence = 2", ["tampered"])
    with pytest.raises(CommandError) as raised:
        call_command("verify", "--quiet")
    assert raised.value.returncode == 1
    assert "留痕记录 #2" in capsys.readouterr().err


def test_the_command_reports_a_clean_ledger(
    ledger: int, capsys: pytest.CaptureFixture[str]
) -> None:
    call_command("verify", "--quiet")
    assert "全部一致" in capsys.readouterr().out
