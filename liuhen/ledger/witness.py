"""Witnesses: copies of checkpoints kept outside the platform, and the checks that use them.

A hash chain alone does not stop someone with the database from rewriting every entry and
recomputing every hash. What stops them is a checkpoint they cannot recall: the supervising
justice bureau keeps each signed tree head it is shown, and the log must later prove that its
current tree extends every one of them. Three outcomes prove tampering:

- two different roots for one tree size (a fork: the log showed different histories);
- a witness checkpoint larger than the log (entries were deleted: truncation or rollback);
- a smaller witness checkpoint the current tree does not extend (history was rewritten).

Here: publishing to a folder (one file per tree size, never overwritten), the witness's side of
receiving a checkpoint, the platform's check of a witness's copy, and the JSON of a consistency
proof for the HTTP endpoint. The endpoint itself is a Django view elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from liuhen.ledger.canonical import CanonicalJSONError, canonical_json, json_parse_strict
from liuhen.ledger.checkpoints import (
    Checkpoint,
    CheckpointError,
    SignedCheckpoint,
    checkpoint_from_json,
    checkpoint_to_json,
    checkpoint_verify,
    write_once,
)
from liuhen.ledger.digests import HashAlgorithm
from liuhen.ledger.merkle import ProofError, consistency_proof, merkle_root, verify_consistency

PROOF_FORMAT = "liuhen-consistency/1"

_FILE_NAME = re.compile(r"checkpoint-(\d{20})\.json")


class WitnessError(Exception):
    """A witness copy that cannot be checked (another log, another algorithm, unreadable)."""


class ForkDetected(WitnessError):
    """Two different roots for the same tree size: the log showed two histories."""


class LogTruncated(WitnessError):
    """A witness holds a bigger tree than the log has: entries were deleted or rolled back."""


class LogRewritten(WitnessError):
    """The log's tree does not extend a witness's checkpoint: past entries were changed."""


class Acceptance(StrEnum):
    STORED = "stored"
    ALREADY_HELD = "already_held"
    OLDER_THAN_HELD = "older_than_held"


@dataclass(frozen=True, slots=True)
class ConsistencyProof:
    old_size: int
    new_size: int
    hashes: tuple[bytes, ...]


def checkpoint_file_name(tree_size: int) -> str:
    """Zero-padded to 20 digits (any 64-bit size), so names sort in tree-size order."""
    return f"checkpoint-{tree_size:020d}.json"


def checkpoint_publish(folder: Path, signed: SignedCheckpoint) -> Path:
    """Drop the checkpoint into `folder` as its own file, atomically; idempotent for one tree.

    Publishing the same tree again (same size and root, even re-signed later) keeps the first file.
    A different root for a size already published is a fork: ForkDetected, and the file stays.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / checkpoint_file_name(signed.checkpoint.tree_size)
    if not write_once(path, checkpoint_to_json(signed), mode=0o644):
        _same_tree_or_fork(_read(path).checkpoint, signed.checkpoint, path)
    return path


def checkpoints_held(folder: Path) -> list[SignedCheckpoint]:
    """Every checkpoint file in `folder`, smallest tree first; signatures not yet checked."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    names = sorted(p.name for p in folder.iterdir() if _FILE_NAME.fullmatch(p.name))
    return [_read(folder / name) for name in names]


def witness_accept(
    folder: Path,
    received: SignedCheckpoint,
    proof: Sequence[bytes],
    trusted_keys: Mapping[str, Ed25519PublicKey],
    *,
    algorithm: HashAlgorithm,
    is_latest: bool = False,
) -> Acceptance:
    """The witness's side: keep `received` only if it is signed and extends what is held.

    `proof` is the log's consistency proof from the witness's latest checkpoint to `received`
    (empty when the witness holds none). Raises CheckpointError for a bad signature, ForkDetected,
    or LogRewritten when the log's new tree does not extend the witness's latest one. With
    `is_latest` (the log served it as its newest), a tree smaller than one held is LogTruncated.
    """
    new = checkpoint_verify(received, trusted_keys)
    _same_log_algorithm(new, algorithm, "received checkpoint")
    held = checkpoints_held(folder)
    if not held:
        checkpoint_publish(folder, received)
        return Acceptance.STORED
    latest = checkpoint_verify(held[-1], trusted_keys)
    _same_log(latest, new, Path(folder) / checkpoint_file_name(latest.tree_size))
    same_size = [h for h in held if h.checkpoint.tree_size == new.tree_size]
    if same_size:
        _same_tree_or_fork(same_size[0].checkpoint, new, Path(folder))
        return Acceptance.ALREADY_HELD
    if new.tree_size < latest.tree_size:
        if is_latest:
            raise LogTruncated(
                f"log {new.log_id} serves a newest checkpoint of {new.tree_size} entries "
                f"({new.timestamp}), but this witness holds one of {latest.tree_size} "
                f"({latest.timestamp}): entries were deleted or the log was rolled back"
            )
        return Acceptance.OLDER_THAN_HELD
    try:
        verify_consistency(
            latest.tree_size, new.tree_size, latest.root, new.root, proof, algorithm=algorithm
        )
    except ProofError as error:
        raise LogRewritten(
            f"log {new.log_id}: the checkpoint of size {new.tree_size} ({new.timestamp}) does not "
            f"extend the one held of size {latest.tree_size} ({latest.timestamp}): {error}"
        ) from None
    checkpoint_publish(folder, received)
    return Acceptance.STORED


def witness_copy_check(
    held: SignedCheckpoint,
    *,
    log_id: str,
    log_size: int,
    log_root: bytes,
    proof: Sequence[bytes],
    trusted_keys: Mapping[str, Ed25519PublicKey],
    algorithm: HashAlgorithm,
) -> Checkpoint:
    """The platform's side: does today's log (size, root recomputed from the entries) extend a
    checkpoint a witness holds? `proof` is `consistency_proof(leaves, held size, log_size)`.

    Raises CheckpointError (the copy is not ours), WitnessError (another log or algorithm),
    LogTruncated or LogRewritten. Returns the held checkpoint when the log extends it.
    """
    copy = checkpoint_verify(held, trusted_keys)
    if copy.log_id != log_id:
        raise WitnessError(f"the witness copy is of log {copy.log_id!r}, not {log_id!r}")
    _same_log_algorithm(copy, algorithm, "witness copy")
    when = f"signed at {copy.timestamp}"
    if copy.tree_size > log_size:
        raise LogTruncated(
            f"log {log_id}: a witness holds a checkpoint of {copy.tree_size} entries ({when}) but "
            f"the log now has {log_size}: entries were deleted or the log was rolled back"
        )
    try:
        verify_consistency(
            copy.tree_size, log_size, copy.root, log_root, proof, algorithm=algorithm
        )
    except ProofError as error:
        raise LogRewritten(
            f"log {log_id}: the current tree of {log_size} entries does not extend the witness's "
            f"checkpoint of {copy.tree_size} entries ({when}, root {copy.root_hash}): {error}"
        ) from None
    return copy


def witness_copy_check_leaves(
    held: SignedCheckpoint,
    leaves: Sequence[bytes],
    *,
    log_id: str,
    trusted_keys: Mapping[str, Ed25519PublicKey],
    algorithm: HashAlgorithm,
) -> Checkpoint:
    """`witness_copy_check` against the log's leaf hashes, computing the root and the proof.

    Pass leaves recomputed from the entries' content (`ChainVerifier.add` returns each entry's
    hash), not the stored hashes, so a consistently rewritten database is caught.
    """
    size = len(leaves)
    held_size = held.checkpoint.tree_size
    proof = (
        consistency_proof(leaves, held_size, size, algorithm=algorithm) if held_size < size else []
    )
    return witness_copy_check(
        held,
        log_id=log_id,
        log_size=size,
        log_root=merkle_root(leaves, algorithm=algorithm),
        proof=proof,
        trusted_keys=trusted_keys,
        algorithm=algorithm,
    )


def consistency_proof_to_json(proof: ConsistencyProof) -> bytes:
    """`{"format", "new_size", "old_size", "proof": [hex, …]}` in canonical JSON, for HTTP."""
    return canonical_json(
        {
            "format": PROOF_FORMAT,
            "new_size": proof.new_size,
            "old_size": proof.old_size,
            "proof": [element.hex() for element in proof.hashes],
        }
    )


def consistency_proof_from_json(data: bytes | str) -> ConsistencyProof:
    """Parse a received proof; a bad field raises CheckpointError naming it."""
    try:
        document = json_parse_strict(data.decode("utf-8") if isinstance(data, bytes) else data)
    except (CanonicalJSONError, UnicodeDecodeError) as error:
        raise CheckpointError(f"consistency proof: not JSON the ledger accepts: {error}") from None
    if not isinstance(document, dict):
        raise CheckpointError("consistency proof: expected a JSON object")
    expected = {"format", "new_size", "old_size", "proof"}
    if set(document) != expected:
        wrong = sorted(set(document) ^ expected)[0]
        state = "missing" if wrong in expected else "unknown"
        raise CheckpointError(f"consistency proof field {wrong!r}: {state} field")
    if document["format"] != PROOF_FORMAT:
        raise CheckpointError(f"consistency proof field 'format': expected {PROOF_FORMAT!r}")
    sizes = {}
    for name in ("old_size", "new_size"):
        value = document[name]
        if type(value) is not int or value < 0:
            raise CheckpointError(
                f"consistency proof field {name!r}: expected a non-negative integer"
            )
        sizes[name] = value
    elements = document["proof"]
    if not isinstance(elements, list):
        raise CheckpointError("consistency proof field 'proof': expected a list of hex hashes")
    hashes = []
    for position, element in enumerate(elements):
        if not isinstance(element, str) or re.fullmatch(r"(?:[0-9a-f]{2})+", element) is None:
            raise CheckpointError(f"consistency proof field 'proof[{position}]': expected hex")
        hashes.append(bytes.fromhex(element))
    return ConsistencyProof(sizes["old_size"], sizes["new_size"], tuple(hashes))


def _read(path: Path) -> SignedCheckpoint:
    try:
        return checkpoint_from_json(path.read_bytes())
    except (OSError, CheckpointError) as error:
        raise WitnessError(f"{path}: {error}") from None


def _same_tree_or_fork(held: Checkpoint, new: Checkpoint, where: Path) -> None:
    _same_log(held, new, where)
    if held.root_hash != new.root_hash:
        raise ForkDetected(
            f"log {new.log_id} has two roots for tree size {new.tree_size}: {held.root_hash} "
            f"({held.timestamp}, held in {where}) and {new.root_hash} ({new.timestamp})"
        )


def _same_log(held: Checkpoint, new: Checkpoint, where: Path) -> None:
    if (held.log_id, held.algorithm) != (new.log_id, new.algorithm):
        raise WitnessError(
            f"{where} holds checkpoints of log {held.log_id!r} ({held.algorithm}), not of "
            f"{new.log_id!r} ({new.algorithm}): one folder per log"
        )


def _same_log_algorithm(checkpoint: Checkpoint, algorithm: HashAlgorithm, what: str) -> None:
    if checkpoint.algorithm != algorithm.name:
        raise WitnessError(
            f"the {what} of log {checkpoint.log_id!r} uses {checkpoint.algorithm}, "
            f"the log uses {algorithm.name}"
        )
