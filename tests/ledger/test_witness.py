"""Witnesses catch what the chain cannot: a rewritten, truncated or forked log."""

from __future__ import annotations

import dataclasses
import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from liuhen.ledger.chain import ChainVerifier, entry_hash, entry_new, verify_chain
from liuhen.ledger.checkpoints import (
    BadSignature,
    CheckpointError,
    SignedCheckpoint,
    UnknownSigningKey,
    checkpoint_create,
    checkpoint_from_json,
    checkpoint_sign,
    checkpoint_to_json,
    trusted_keys,
)
from liuhen.ledger.digests import HashAlgorithm, hash_algorithm, hash_algorithm_check
from liuhen.ledger.merkle import consistency_proof, leaf_hash, merkle_root
from liuhen.ledger.witness import (
    Acceptance,
    ConsistencyProof,
    ForkDetected,
    LogRewritten,
    LogTruncated,
    WitnessError,
    checkpoint_file_name,
    checkpoint_publish,
    checkpoints_held,
    consistency_proof_from_json,
    consistency_proof_to_json,
    witness_accept,
    witness_copy_check,
    witness_copy_check_leaves,
)

from .chain_samples import Row, chain_build, chain_relink, leaves_of

SHA256 = hash_algorithm("sha256")
LOG = "liuhen:gz-tianhe"
AT = datetime(2026, 3, 3, 8, 0, tzinfo=UTC)


@pytest.fixture
def key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


@pytest.fixture
def trusted(key: Ed25519PrivateKey) -> dict[str, Ed25519PublicKey]:
    return trusted_keys(key.public_key())


def sign_at(
    rows: list[Row],
    size: int,
    key: Ed25519PrivateKey,
    algorithm: HashAlgorithm = SHA256,
    minutes: int = 0,
) -> SignedCheckpoint:
    """The checkpoint the platform signs over the first `size` rows."""
    root = merkle_root(leaves_of(rows[:size], algorithm), algorithm=algorithm)
    checkpoint = checkpoint_create(
        log_id=LOG,
        tree_size=size,
        root_hash=root,
        algorithm=algorithm.name,
        at=AT + timedelta(minutes=minutes),
    )
    return checkpoint_sign(checkpoint, key)


def check_copy(
    held: SignedCheckpoint,
    rows: list[Row],
    trusted: dict[str, Ed25519PublicKey],
    algorithm: HashAlgorithm = SHA256,
) -> None:
    witness_copy_check_leaves(
        held, leaves_of(rows, algorithm), log_id=LOG, trusted_keys=trusted, algorithm=algorithm
    )


# --- publishing to a folder ------------------------------------------------------------------


def test_publishing_drops_one_canonical_file_per_tree_size(
    tmp_path: Path, key: Ed25519PrivateKey
) -> None:
    rows = chain_build(20, SHA256)
    for size in (5, 12, 20):
        checkpoint_publish(tmp_path, sign_at(rows, size, key))
    assert sorted(os.listdir(tmp_path)) == [checkpoint_file_name(s) for s in (5, 12, 20)]
    assert checkpoint_file_name(12) == "checkpoint-00000000000000000012.json"
    signed = sign_at(rows, 12, key)
    assert (tmp_path / checkpoint_file_name(12)).read_bytes() == checkpoint_to_json(signed)
    assert [s.checkpoint.tree_size for s in checkpoints_held(tmp_path)] == [5, 12, 20]


def test_publishing_the_same_tree_again_keeps_the_first_file(
    tmp_path: Path, key: Ed25519PrivateKey
) -> None:
    rows = chain_build(10, SHA256)
    first = checkpoint_publish(tmp_path, sign_at(rows, 10, key))
    original = first.read_bytes()
    assert checkpoint_publish(tmp_path, sign_at(rows, 10, key, minutes=5)) == first
    assert first.read_bytes() == original


def test_publishing_another_root_for_a_published_size_is_a_fork(
    tmp_path: Path, key: Ed25519PrivateKey
) -> None:
    rows = chain_build(10, SHA256)
    path = checkpoint_publish(tmp_path, sign_at(rows, 10, key))
    original = path.read_bytes()
    other = chain_build(10, SHA256)
    entry, _ = other[9]
    other[9] = (dataclasses.replace(entry, actor_id="999"), "")
    with pytest.raises(ForkDetected, match="two roots for tree size 10"):
        checkpoint_publish(tmp_path, sign_at(other, 10, key, minutes=1))
    assert path.read_bytes() == original
    assert os.listdir(tmp_path) == [path.name]


def test_a_corrupt_held_file_is_reported_with_its_path(
    tmp_path: Path, key: Ed25519PrivateKey
) -> None:
    path = checkpoint_publish(tmp_path, sign_at(chain_build(3, SHA256), 3, key))
    path.chmod(0o644)
    path.write_bytes(path.read_bytes()[:-10])
    with pytest.raises(WitnessError, match=str(path)):
        checkpoints_held(tmp_path)


# --- the witness receiving checkpoints -------------------------------------------------------


def test_a_witness_keeps_each_checkpoint_that_extends_the_last(
    tmp_path: Path, key: Ed25519PrivateKey, trusted: dict[str, Ed25519PublicKey]
) -> None:
    rows = chain_build(40, SHA256)
    leaves = leaves_of(rows, SHA256)
    assert witness_accept(tmp_path, sign_at(rows, 10, key), [], trusted, algorithm=SHA256) == (
        Acceptance.STORED
    )
    proof = consistency_proof(leaves, 10, 40, algorithm=SHA256)
    received = sign_at(rows, 40, key, minutes=10)
    assert witness_accept(tmp_path, received, proof, trusted, algorithm=SHA256) == Acceptance.STORED
    assert witness_accept(tmp_path, received, [], trusted, algorithm=SHA256) == (
        Acceptance.ALREADY_HELD
    )
    older = sign_at(rows, 20, key, minutes=20)
    assert witness_accept(tmp_path, older, [], trusted, algorithm=SHA256) == (
        Acceptance.OLDER_THAN_HELD
    )
    assert [s.checkpoint.tree_size for s in checkpoints_held(tmp_path)] == [10, 40]


def test_a_witness_served_a_smaller_newest_checkpoint_reports_truncation(
    tmp_path: Path, key: Ed25519PrivateKey, trusted: dict[str, Ed25519PublicKey]
) -> None:
    rows = chain_build(40, SHA256)
    witness_accept(tmp_path, sign_at(rows, 40, key), [], trusted, algorithm=SHA256)
    rolled_back = sign_at(rows, 30, key, minutes=60)
    with pytest.raises(LogTruncated, match=r"newest checkpoint of 30 entries.*holds one of 40"):
        witness_accept(tmp_path, rolled_back, [], trusted, algorithm=SHA256, is_latest=True)


def test_a_witness_refuses_a_new_tree_that_does_not_extend_its_copy(
    tmp_path: Path, key: Ed25519PrivateKey, trusted: dict[str, Ed25519PublicKey]
) -> None:
    rows = chain_build(40, SHA256)
    witness_accept(tmp_path, sign_at(rows, 10, key), [], trusted, algorithm=SHA256)
    entry, stored = rows[4]
    rewritten = chain_relink(
        [*rows[:4], (dataclasses.replace(entry, object_id="77"), stored), *rows[5:]], 4, SHA256
    )
    proof = consistency_proof(leaves_of(rewritten, SHA256), 10, 40, algorithm=SHA256)
    with pytest.raises(LogRewritten, match="does not extend the one held of size 10"):
        witness_accept(tmp_path, sign_at(rewritten, 40, key), proof, trusted, algorithm=SHA256)
    assert [s.checkpoint.tree_size for s in checkpoints_held(tmp_path)] == [10]


def test_a_witness_refuses_unsigned_or_foreign_checkpoints(
    tmp_path: Path, key: Ed25519PrivateKey, trusted: dict[str, Ed25519PublicKey]
) -> None:
    rows = chain_build(5, SHA256)
    stranger = sign_at(rows, 5, Ed25519PrivateKey.generate())
    with pytest.raises(UnknownSigningKey):
        witness_accept(tmp_path, stranger, [], trusted, algorithm=SHA256)
    signed = sign_at(rows, 5, key)
    forged = dataclasses.replace(
        signed, checkpoint=dataclasses.replace(signed.checkpoint, tree_size=6)
    )
    with pytest.raises(BadSignature):
        witness_accept(tmp_path, forged, [], trusted, algorithm=SHA256)
    assert checkpoints_held(tmp_path) == []


def test_a_witness_shown_two_roots_for_one_size_reports_a_fork(
    tmp_path: Path, key: Ed25519PrivateKey, trusted: dict[str, Ed25519PublicKey]
) -> None:
    rows = chain_build(12, SHA256)
    witness_accept(tmp_path, sign_at(rows, 12, key), [], trusted, algorithm=SHA256)
    entry, stored = rows[11]
    forked = [*rows[:11], (dataclasses.replace(entry, action="case.close"), stored)]
    with pytest.raises(ForkDetected):
        witness_accept(tmp_path, sign_at(forked, 12, key, minutes=1), [], trusted, algorithm=SHA256)


# --- the platform checking witnesses' copies -------------------------------------------------


def test_a_log_that_grew_honestly_passes_every_witness_copy(
    key: Ed25519PrivateKey, trusted: dict[str, Ed25519PublicKey]
) -> None:
    rows = chain_build(60, SHA256)
    for size in (0, 1, 17, 32, 59, 60):
        check_copy(sign_at(rows, size, key), rows, trusted)


def test_a_consistently_rewritten_chain_is_caught_by_the_witness_copy(
    key: Ed25519PrivateKey, trusted: dict[str, Ed25519PublicKey]
) -> None:
    rows = chain_build(100, SHA256)
    held = sign_at(rows, 60, key)  # the bureau fetched this checkpoint last month
    entry, stored = rows[29]
    edited = dataclasses.replace(entry, payload=entry.payload.replace("张三", "李四"))
    rewritten = chain_relink([*rows[:29], (edited, stored), *rows[30:]], 29, SHA256)
    assert verify_chain(rewritten, SHA256).ok  # the chain alone cannot tell
    with pytest.raises(LogRewritten, match="does not extend the witness's checkpoint of 60"):
        check_copy(held, rewritten, trusted)


def test_a_rewrite_after_the_witness_copy_is_not_blamed_on_it(
    key: Ed25519PrivateKey, trusted: dict[str, Ed25519PublicKey]
) -> None:
    # Entries the witness never saw can only be caught by a later checkpoint; the held one still
    # proves the first 60 entries are intact.
    rows = chain_build(100, SHA256)
    held = sign_at(rows, 60, key)
    entry, stored = rows[80]
    rewritten = chain_relink(
        [*rows[:80], (dataclasses.replace(entry, actor_id="5"), stored), *rows[81:]], 80, SHA256
    )
    check_copy(held, rewritten, trusted)


def test_a_truncated_log_is_caught_by_a_bigger_witness_copy(
    key: Ed25519PrivateKey, trusted: dict[str, Ed25519PublicKey]
) -> None:
    rows = chain_build(100, SHA256)
    held = sign_at(rows, 100, key)
    truncated = rows[:80]
    assert verify_chain(truncated, SHA256).ok  # deleting the newest rows leaves a valid chain
    with pytest.raises(LogTruncated, match=r"holds a checkpoint of 100 entries.*now has 80"):
        check_copy(held, truncated, trusted)


def test_truncating_and_writing_new_entries_is_caught(
    key: Ed25519PrivateKey, trusted: dict[str, Ed25519PublicKey]
) -> None:
    rows = chain_build(90, SHA256)
    held = sign_at(rows, 90, key)
    # Delete entries 71..90 and write 40 others in their place: the log is longer than the
    # witness's copy, and its chain is valid.
    others = [
        (dataclasses.replace(entry, actor_id="666"), stored)
        for entry, stored in chain_build(110, SHA256)[70:]
    ]
    replaced = chain_relink([*rows[:70], *others], 70, SHA256)
    assert verify_chain(replaced, SHA256).ok
    with pytest.raises(LogRewritten, match="110 entries does not extend"):
        check_copy(held, replaced, trusted)


def test_a_same_size_copy_with_another_root_is_a_rewrite(
    key: Ed25519PrivateKey, trusted: dict[str, Ed25519PublicKey]
) -> None:
    rows = chain_build(30, SHA256)
    held = sign_at(rows, 30, key)
    entry, stored = rows[0]
    rewritten = chain_relink(
        [(dataclasses.replace(entry, object_id="0"), stored), *rows[1:]], 0, SHA256
    )
    with pytest.raises(LogRewritten, match="two roots for the same size 30"):
        check_copy(held, rewritten, trusted)


def test_a_tampered_witness_copy_is_refused_not_trusted(
    key: Ed25519PrivateKey, trusted: dict[str, Ed25519PublicKey]
) -> None:
    rows = chain_build(30, SHA256)
    held = sign_at(rows, 30, key)
    document = json.loads(checkpoint_to_json(held))
    document["tree_size"] = 31
    with pytest.raises(BadSignature):
        check_copy(checkpoint_from_json(json.dumps(document)), rows, trusted)


def test_a_copy_of_another_log_or_algorithm_is_refused(
    key: Ed25519PrivateKey, trusted: dict[str, Ed25519PublicKey]
) -> None:
    rows = chain_build(10, SHA256)
    held = sign_at(rows, 10, key)
    leaves = leaves_of(rows, SHA256)
    with pytest.raises(WitnessError, match="is of log 'liuhen:gz-tianhe', not 'liuhen:other'"):
        witness_copy_check_leaves(
            held, leaves, log_id="liuhen:other", trusted_keys=trusted, algorithm=SHA256
        )
    sm3 = hash_algorithm("sm3")
    with pytest.raises(WitnessError, match="uses sha256, the log uses sm3"):
        witness_copy_check_leaves(held, leaves, log_id=LOG, trusted_keys=trusted, algorithm=sm3)


def test_the_check_works_from_a_proof_alone_as_a_remote_witness_does(
    key: Ed25519PrivateKey, trusted: dict[str, Ed25519PublicKey]
) -> None:
    rows = chain_build(50, SHA256)
    leaves = leaves_of(rows, SHA256)
    current = sign_at(rows, 50, key)
    proof = ConsistencyProof(20, 50, tuple(consistency_proof(leaves, 20, 50, algorithm=SHA256)))
    received = consistency_proof_from_json(consistency_proof_to_json(proof))
    assert received == proof
    witness_copy_check(
        sign_at(rows, 20, key),
        log_id=LOG,
        log_size=current.checkpoint.tree_size,
        log_root=current.checkpoint.root,
        proof=received.hashes,
        trusted_keys=trusted,
        algorithm=SHA256,
    )


@pytest.mark.parametrize(
    ("document", "words"),
    [
        ({"format": "liuhen-consistency/1", "old_size": 1, "new_size": 2}, "'proof': missing"),
        (
            {"format": "x", "old_size": 1, "new_size": 2, "proof": []},
            "'format': expected 'liuhen-consistency/1'",
        ),
        (
            {"format": "liuhen-consistency/1", "old_size": -1, "new_size": 2, "proof": []},
            "'old_size': expected a non-negative integer",
        ),
        (
            {"format": "liuhen-consistency/1", "old_size": 1, "new_size": 2, "proof": ["zz"]},
            r"'proof\[0\]': expected hex",
        ),
        (
            {"format": "liuhen-consistency/1", "old_size": 1, "new_size": 2, "proof": [], "x": 1},
            "'x': unknown field",
        ),
    ],
)
def test_a_malformed_consistency_proof_names_the_field(
    document: dict[str, object], words: str
) -> None:
    with pytest.raises(CheckpointError, match=words):
        consistency_proof_from_json(json.dumps(document))


# --- 国密 mode, end to end -------------------------------------------------------------------


def test_sm3_mode_end_to_end(
    tmp_path: Path, key: Ed25519PrivateKey, trusted: dict[str, Ed25519PublicKey]
) -> None:
    sm3 = hash_algorithm_check("sm3")
    rows = chain_build(64, sm3)
    verifier = ChainVerifier(sm3)
    leaves = [leaf_hash(verifier.add(entry, stored), algorithm=sm3) for entry, stored in rows]
    assert verifier.report.ok
    witness = tmp_path / "bureau"
    held = sign_at(rows, 40, key, sm3)
    assert json.loads(checkpoint_to_json(held))["algorithm"] == "sm3"
    assert witness_accept(witness, held, [], trusted, algorithm=sm3) == Acceptance.STORED
    proof = consistency_proof(leaves, 40, 64, algorithm=sm3)
    assert witness_accept(witness, sign_at(rows, 64, key, sm3), proof, trusted, algorithm=sm3) == (
        Acceptance.STORED
    )
    for copy in checkpoints_held(witness):
        check_copy(copy, rows, trusted, sm3)

    entry, stored = rows[10]
    rewritten = chain_relink(
        [*rows[:10], (dataclasses.replace(entry, actor_id="1"), stored), *rows[11:]], 10, sm3
    )
    assert verify_chain(rewritten, sm3).ok
    for copy in checkpoints_held(witness):
        with pytest.raises(LogRewritten):
            check_copy(copy, rewritten, trusted, sm3)
    # The same entries under SHA-256 give other hashes: nothing verifies across algorithms.
    first = entry_new(
        sequence=1,
        previous_hash="0" * 64,
        recorded_at=AT,
        actor_id=None,
        action="system.start",
        object_type="",
        object_id="",
        payload={},
    )
    assert entry_hash(first, sm3) != entry_hash(first, SHA256)
