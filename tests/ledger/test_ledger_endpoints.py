"""What a witness polls: checkpoints, consistency proofs and the public key, all verifiable."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from liuhen.ledger.checkpoints import (
    checkpoint_from_json,
    checkpoint_verify,
    public_key_from_pem,
    trusted_keys,
)
from liuhen.ledger.merkle import verify_consistency
from liuhen.ledger.services import (
    ledger_algorithm,
    ledger_checkpoint_create,
    ledger_checkpoint_if_due,
)
from liuhen.ledger.witness import consistency_proof_from_json
from tests.factories import government


@pytest.fixture(autouse=True)
def _own_folder(settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings.LIUHEN_LEDGER_PUBLISH_DIR = tmp_path / "published"


def _trusted(client: Client):  # type: ignore[no-untyped-def]
    return trusted_keys(public_key_from_pem(client.get("/ledger/public-key.pem").content))


def test_no_checkpoint_yet_is_404(db: None, client: Client) -> None:
    assert client.get("/ledger/checkpoints/latest.json").status_code == 404


def test_the_latest_checkpoint_verifies_with_the_published_key(db: None, client: Client) -> None:
    government("芒市人民政府", level="county")
    created = ledger_checkpoint_create()
    assert created is not None
    response = client.get("/ledger/checkpoints/latest.json")
    checkpoint = checkpoint_verify(checkpoint_from_json(response.content), _trusted(client))
    assert (checkpoint.tree_size, checkpoint.root_hash) == (created.tree_size, created.root_hash)


def test_a_consistency_proof_links_two_checkpoints(db: None, client: Client) -> None:
    government("芒市人民政府", level="county")
    old = ledger_checkpoint_create()
    government("德宏州人民政府", level="prefecture")
    new = ledger_checkpoint_create()
    assert old is not None
    assert new is not None
    response = client.get(f"/ledger/consistency.json?from={old.tree_size}&to={new.tree_size}")
    proof = consistency_proof_from_json(response.content)
    verify_consistency(
        old.tree_size,
        new.tree_size,
        bytes.fromhex(old.root_hash),
        bytes.fromhex(new.root_hash),
        proof.hashes,
        algorithm=ledger_algorithm(),
    )


@pytest.mark.parametrize("query", ["", "?from=1", "?from=a&to=2", "?from=5&to=3", "?from=1&to=99"])
def test_a_bad_proof_request_is_400(db: None, client: Client, query: str) -> None:
    government("芒市人民政府", level="county")
    ledger_checkpoint_create()
    assert client.get(f"/ledger/consistency.json{query}").status_code == 400


def test_a_checkpoint_is_due_after_n_entries(db: None, settings) -> None:  # type: ignore[no-untyped-def]
    settings.LIUHEN_LEDGER_CHECKPOINT_EVERY = 3
    settings.LIUHEN_LEDGER_CHECKPOINT_SECONDS = 3600
    government("芒市人民政府", level="county")
    first = ledger_checkpoint_if_due()  # the very first checkpoint is always due
    assert first is not None
    government("德宏州人民政府", level="prefecture")  # one more entry: not yet due
    assert ledger_checkpoint_if_due() is None
    for name in ("保山市人民政府", "临沧市人民政府"):
        government(name, level="prefecture")
    later = ledger_checkpoint_if_due()
    assert later is not None
    assert later.tree_size == first.tree_size + 3
