"""The hash chain of ledger entries: each entry's hash covers its content and the previous hash.

An entry's hash is `H(entry_bytes(entry))`, where `entry_bytes` is the RFC 8785 canonical JSON of
the object

    {"action", "actor_id", "object_id", "object_type", "payload", "previous_hash",
     "recorded_at", "sequence"}

with `payload` embedded as the JSON object it is (not as a string), so the bytes are the canonical
JSON of the whole entry and anyone with a JCS library can recompute them. The first entry's
`previous_hash` is the genesis value: the all-zero digest, 64 hex zeros for SHA-256 and SM3.

The payload is kept as its canonical text, because a database JSON column (PostgreSQL jsonb) does
not keep bytes: it reorders keys and drops duplicates, and the hash would no longer match.

Verification streams: `ChainVerifier` keeps only the previous entry's sequence and hash, so a
billion-row ledger is checked in constant memory, and every problem names the row and sequence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from liuhen.ledger.canonical import canonical_json, canonical_time, is_canonical_time
from liuhen.ledger.canonical import json_string as _json_string
from liuhen.ledger.digests import HashAlgorithm

GENESIS_HASH = "0" * 64

_ACTION = re.compile(r"[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+")
_TEXT_LIMIT = 200


# The entry's fields in dataclass order: `LedgerEntry(*row)` for a row selected in this order.
ENTRY_FIELDS = (
    "sequence",
    "recorded_at",
    "actor_id",
    "action",
    "object_type",
    "object_id",
    "payload",
    "previous_hash",
)


class LedgerEntryError(ValueError):
    """An entry field with a value the ledger cannot hash unambiguously; names the field."""


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    """One ledger row's hashed content, built by the Django side from a row or a new write.

    All identifiers are strings (`str(user.pk)`), so an integer 5 and a string "5" can never be
    two spellings of one entry. `recorded_at` is `canonical_time(...)`; `payload` is the canonical
    JSON text of an object (see `entry_payload`); `previous_hash` is lowercase hex.
    """

    sequence: int
    recorded_at: str
    actor_id: str | None
    action: str
    object_type: str
    object_id: str
    payload: str
    previous_hash: str

    def __post_init__(self) -> None:
        if type(self.sequence) is not int or self.sequence < 1:
            raise LedgerEntryError(f"sequence: expected an integer from 1, got {self.sequence!r}")
        if not is_canonical_time(self.recorded_at):
            raise LedgerEntryError(
                f"recorded_at: expected UTC 'YYYY-MM-DDTHH:MM:SS.ffffffZ' (canonical_time), "
                f"got {self.recorded_at!r}"
            )
        if self.actor_id is not None:
            _check_text("actor_id", self.actor_id, allow_empty=False)
        if not isinstance(self.action, str) or _ACTION.fullmatch(self.action) is None:
            raise LedgerEntryError(
                f"action: expected dotted lower-case words like 'agency.create', got "
                f"{self.action!r}"
            )
        _check_text("object_type", self.object_type, allow_empty=True)
        _check_text("object_id", self.object_id, allow_empty=True)
        if not isinstance(self.payload, str) or not (
            self.payload.startswith("{") and self.payload.endswith("}")
        ):
            raise LedgerEntryError(
                "payload: expected the canonical JSON text of an object (entry_payload(...)), "
                f"got {self.payload!r:.80}"
            )
        previous = self.previous_hash
        # strip() with the hex digits is the fastest full check of a string's characters.
        if (
            not isinstance(previous, str)
            or not previous
            or len(previous) % 2
            or previous.strip("0123456789abcdef")
        ):
            raise LedgerEntryError(
                f"previous_hash: expected lowercase hex, got {self.previous_hash!r}"
            )


def entry_payload(payload: Mapping[str, object]) -> str:
    """The canonical JSON text to store as an entry's payload; refuses floats, datetimes …"""
    if not isinstance(payload, dict):
        raise LedgerEntryError(f"payload: expected a dict, got {type(payload).__name__}")
    return canonical_json(payload).decode("utf-8")


def entry_new(
    *,
    sequence: int,
    previous_hash: str,
    recorded_at: datetime,
    actor_id: str | None,
    action: str,
    object_type: str,
    object_id: str,
    payload: Mapping[str, object],
) -> LedgerEntry:
    """The entry for a new write, from Python values (an aware datetime, a payload dict)."""
    return LedgerEntry(
        sequence=sequence,
        recorded_at=canonical_time(recorded_at),
        actor_id=actor_id,
        action=action,
        object_type=object_type,
        object_id=object_id,
        payload=entry_payload(payload),
        previous_hash=previous_hash,
    )


def genesis_hash(algorithm: HashAlgorithm) -> str:
    """The `previous_hash` of entry 1: the all-zero digest of the algorithm's size."""
    return "00" * algorithm.digest_size


def entry_bytes(entry: LedgerEntry) -> bytes:
    """The canonical JSON bytes of the entry, equal to `canonical_json` of it as a dict.

    Written out by hand because it runs once per row on every verification; a test holds it equal
    to the general encoder.
    """
    actor = "null" if entry.actor_id is None else _json_string(entry.actor_id)
    return (
        f'{{"action":{_json_string(entry.action)},"actor_id":{actor},'
        f'"object_id":{_json_string(entry.object_id)},'
        f'"object_type":{_json_string(entry.object_type)},'
        f'"payload":{entry.payload},"previous_hash":"{entry.previous_hash}",'
        f'"recorded_at":"{entry.recorded_at}","sequence":{entry.sequence}}}'
    ).encode("utf-8", "surrogatepass")  # a lone surrogate cannot stop a verification


def entry_hash(entry: LedgerEntry, algorithm: HashAlgorithm) -> bytes:
    """H(entry_bytes(entry)): the value stored with the row and the leaf of the Merkle tree."""
    return algorithm.digest(entry_bytes(entry))


class ChainProblemKind(StrEnum):
    MALFORMED = "malformed_row"  # a field the ledger never writes (wrong type or form)
    CONTENT = "content_mismatch"  # the row's fields no longer hash to its stored hash
    LINK = "broken_link"  # previous_hash is not the stored hash of the row before
    GAP = "gap"  # sequence numbers missing before this row
    DUPLICATE = "duplicate"  # the same sequence number as the row before
    ORDER = "out_of_order"  # a smaller sequence number than the row before


@dataclass(frozen=True, slots=True)
class ChainProblem:
    """What is wrong and where: `row` counts rows as read (from 1), `sequence` is the row's own."""

    kind: ChainProblemKind
    row: int
    sequence: int
    message: str

    def __str__(self) -> str:
        return f"row {self.row} (sequence {self.sequence}): {self.kind}: {self.message}"


@dataclass
class ChainReport:
    entries: int = 0
    canonical_bytes: int = 0
    last_sequence: int = 0
    head_hash: str | None = None  # the stored hash of the last row read
    problems: list[ChainProblem] = field(default_factory=list)  # the first `max_problems`
    problem_count: int = 0

    @property
    def ok(self) -> bool:
        return self.problem_count == 0


class ChainVerifier:
    """Checks rows one at a time, in the order the log stores them (by sequence).

    Feed it `(entry, stored_hash)` with `add`; it returns the recomputed hash so the same pass can
    build the Merkle tree from content rather than from stored hashes. `after_sequence` and
    `after_hash` resume from a row already trusted (a sampled or incremental check).
    """

    def __init__(
        self,
        algorithm: HashAlgorithm,
        *,
        after_sequence: int = 0,
        after_hash: str | None = None,
        max_problems: int = 1000,
    ) -> None:
        self.algorithm = algorithm
        self.max_problems = max_problems
        self.report = ChainReport(last_sequence=after_sequence)
        self._previous_hash = genesis_hash(algorithm) if after_hash is None else after_hash
        self._hash_length = 2 * algorithm.digest_size

    def add(self, entry: LedgerEntry, stored_hash: str) -> bytes:
        report = self.report
        report.entries += 1
        row = report.entries
        sequence = entry.sequence
        expected_sequence = report.last_sequence + 1
        if sequence != expected_sequence:
            self._sequence_problem(row, sequence, report.last_sequence)
        if entry.previous_hash != self._previous_hash:
            before = "the genesis value" if expected_sequence == 1 else "the row before has hash"
            self._problem(
                ChainProblemKind.LINK,
                row,
                sequence,
                f"previous_hash is {entry.previous_hash}, but {before} {self._previous_hash}",
            )
        data = entry_bytes(entry)
        report.canonical_bytes += len(data)
        computed = self.algorithm.digest(data)
        computed_hex = computed.hex()
        if computed_hex != stored_hash:
            if not isinstance(stored_hash, str) or len(stored_hash) != self._hash_length:
                detail = f"the stored hash {stored_hash!r} is not a {self.algorithm.name} digest"
            else:
                detail = f"the row says {stored_hash}"
            self._problem(
                ChainProblemKind.CONTENT,
                row,
                sequence,
                f"the row's fields hash to {computed_hex} ({self.algorithm.name}), but {detail}: "
                "the row was changed after it was written",
            )
        report.last_sequence = sequence
        report.head_hash = stored_hash
        self._previous_hash = stored_hash
        return computed

    def add_row(self, row: Sequence[object]) -> bytes | None:
        """Check a raw row: the `ENTRY_FIELDS` values in order, then the stored hash.

        The shape of a database cursor row (`values_list(*ENTRY_FIELDS, "entry_hash")`). A row
        that cannot even be an entry (a field edited into the wrong type or form) is reported as
        malformed, and checking goes on; it has no recomputed hash, so None is returned.
        """
        stored_hash = row[len(ENTRY_FIELDS)]
        try:
            entry = LedgerEntry(*row[: len(ENTRY_FIELDS)])  # type: ignore[arg-type]
        except LedgerEntryError as error:
            report = self.report
            report.entries += 1
            sequence = row[0] if type(row[0]) is int else report.last_sequence + 1
            self._problem(ChainProblemKind.MALFORMED, report.entries, sequence, str(error))
            report.last_sequence = sequence
            report.head_hash = self._previous_hash = str(stored_hash)
            return None
        return self.add(entry, str(stored_hash))

    def _sequence_problem(self, row: int, sequence: int, last: int) -> None:
        if sequence > last + 1:
            missing = f"{last + 1}" if sequence == last + 2 else f"{last + 1}..{sequence - 1}"
            self._problem(
                ChainProblemKind.GAP, row, sequence, f"entries {missing} are missing before it"
            )
        elif sequence == last:
            self._problem(
                ChainProblemKind.DUPLICATE, row, sequence, "the row before has the same sequence"
            )
        else:
            self._problem(
                ChainProblemKind.ORDER,
                row,
                sequence,
                f"comes after sequence {last}: rows are not in order or a sequence was changed",
            )

    def _problem(self, kind: ChainProblemKind, row: int, sequence: int, message: str) -> None:
        report = self.report
        report.problem_count += 1
        if len(report.problems) < self.max_problems:
            report.problems.append(ChainProblem(kind, row, sequence, message))


def verify_chain(
    rows: Iterable[tuple[LedgerEntry, str]],
    algorithm: HashAlgorithm,
    *,
    max_problems: int = 1000,
) -> ChainReport:
    """Verify a whole chain from entry 1: `rows` yields `(entry, stored_hash)` in stored order."""
    verifier = ChainVerifier(algorithm, max_problems=max_problems)
    for entry, stored_hash in rows:
        verifier.add(entry, stored_hash)
    return verifier.report


def _check_text(name: str, value: object, *, allow_empty: bool) -> None:
    if not isinstance(value, str):
        raise LedgerEntryError(f"{name}: expected a string, got {type(value).__name__} {value!r}")
    if not value.isascii() and any("\ud800" <= ch <= "\udfff" for ch in value):
        raise LedgerEntryError(f"{name}: holds a lone surrogate, which is not Unicode text")
    if not value and not allow_empty:
        raise LedgerEntryError(f"{name}: must not be empty (use None for no actor)")
    if len(value) > _TEXT_LIMIT:
        raise LedgerEntryError(f"{name}: longer than {_TEXT_LIMIT} characters")
