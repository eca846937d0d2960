"""The hash algorithms and the entry chain: every edit of a stored row is found, at its row."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import tracemalloc
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from liuhen.ledger import digests
from liuhen.ledger.canonical import canonical_json
from liuhen.ledger.chain import (
    ENTRY_FIELDS,
    GENESIS_HASH,
    ChainProblemKind,
    ChainVerifier,
    LedgerEntry,
    LedgerEntryError,
    entry_bytes,
    entry_hash,
    entry_new,
    entry_payload,
    genesis_hash,
    verify_chain,
)
from liuhen.ledger.digests import (
    HashAlgorithm,
    HashAlgorithmUnavailable,
    UnknownHashAlgorithm,
    hash_algorithm,
    hash_algorithm_check,
)

from .chain_samples import START, chain_build, chain_relink, flip_hex

SHA256 = hash_algorithm("sha256")
SM3 = hash_algorithm("sm3")


# --- hash algorithms -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "vector"),
    [
        ("sha256", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("sm3", "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"),
    ],
)
def test_each_algorithm_passes_its_start_up_check_with_the_published_vector(
    name: str, vector: str
) -> None:
    algorithm = hash_algorithm_check(name)
    assert algorithm.name == name
    assert algorithm.digest(b"abc").hex() == vector
    streamed = algorithm.hasher()
    streamed.update(b"ab")
    streamed.update(b"c")
    assert streamed.hexdigest() == vector


def test_an_unknown_algorithm_name_is_refused_listing_the_known_ones() -> None:
    with pytest.raises(UnknownHashAlgorithm, match="sha256, sm3"):
        hash_algorithm("md5")


def test_start_up_fails_clearly_when_openssl_has_no_sm3(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_sm3(name: str, *args: object) -> object:
        raise ValueError(f"unsupported hash type {name}")

    monkeypatch.setattr(digests.hashlib, "new", no_sm3)
    with pytest.raises(HashAlgorithmUnavailable, match="'sm3' is not available"):
        hash_algorithm_check("sm3")


def test_start_up_fails_when_the_algorithm_gives_the_wrong_digest(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def wrong(data: bytes) -> bytes:
        return hashlib.sha256(data + b"!").digest()

    broken = HashAlgorithm("sha256", 32, wrong, hashlib.sha256)
    monkeypatch.setattr(digests, "_sha256", lambda: broken)
    with pytest.raises(HashAlgorithmUnavailable, match="published test vector is ba7816bf"):
        hash_algorithm_check("sha256")


# --- entries ---------------------------------------------------------------------------------


def test_the_entry_bytes_are_pinned_because_witnesses_recompute_them() -> None:
    entry = entry_new(
        sequence=1,
        previous_hash=GENESIS_HASH,
        recorded_at=START,
        actor_id="7",
        action="agency.create",
        object_type="agencies.agency",
        object_id="12",
        payload={"name": "天河区市场监督管理局", "level": 3},
    )
    expected = (
        '{"action":"agency.create","actor_id":"7","object_id":"12",'
        '"object_type":"agencies.agency","payload":{"level":3,"name":"天河区市场监督管理局"},'
        f'"previous_hash":"{"0" * 64}","recorded_at":"2026-03-03T01:30:00.000000Z","sequence":1}}'
    ).encode()
    assert entry_bytes(entry) == expected
    assert entry_hash(entry, SHA256) == hashlib.sha256(expected).digest()
    assert entry_hash(entry, SM3) == hashlib.new("sm3", expected).digest()


def test_the_genesis_value_is_the_all_zero_digest() -> None:
    assert genesis_hash(SHA256) == GENESIS_HASH == "0" * 64
    assert genesis_hash(SM3) == "0" * 64


texts = st.text(max_size=30)


@settings(max_examples=100, deadline=None)
@given(
    sequence=st.integers(min_value=1, max_value=2**53 - 1),
    actor=st.none() | texts.filter(bool),
    object_type=texts,
    object_id=texts,
    payload=st.dictionaries(texts, texts | st.integers(-1000, 1000) | st.none(), max_size=4),
)
def test_entry_bytes_are_the_canonical_json_of_the_entry(
    sequence: int, actor: str | None, object_type: str, object_id: str, payload: dict[str, object]
) -> None:
    entry = LedgerEntry(
        sequence=sequence,
        recorded_at="2026-03-03T01:30:00.000000Z",
        actor_id=actor,
        action="case.open",
        object_type=object_type,
        object_id=object_id,
        payload=entry_payload(payload),
        previous_hash="ab" * 32,
    )
    as_dict = {field.name: getattr(entry, field.name) for field in dataclasses.fields(entry)}
    as_dict["payload"] = json.loads(entry.payload)
    assert entry_bytes(entry) == canonical_json(as_dict)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"sequence": 0}, "sequence"),
        ({"sequence": True}, "sequence"),
        ({"recorded_at": "2026-03-03T09:30:00+08:00"}, "recorded_at"),
        ({"actor_id": 7}, "actor_id"),
        ({"actor_id": ""}, "actor_id"),
        ({"action": "Agency Create"}, "action"),
        ({"object_id": 12}, "object_id"),
        ({"object_type": "x" * 201}, "object_type"),
        ({"payload": "[1,2]"}, "payload"),
        ({"previous_hash": "ABCD"}, "previous_hash"),
    ],
)
def test_an_entry_with_an_ambiguous_field_is_refused_naming_it(
    change: dict[str, Any], field: str
) -> None:
    entry, _ = chain_build(1, SHA256)[0]
    with pytest.raises(LedgerEntryError, match=f"^{field}:"):
        dataclasses.replace(entry, **change)


def test_a_payload_with_a_float_is_refused_before_it_reaches_the_ledger() -> None:
    with pytest.raises(ValueError, match=r"\$\.fine: floats are not allowed"):
        entry_payload({"fine": 200.5})


# --- chain verification ----------------------------------------------------------------------


def test_an_untouched_chain_verifies_and_reports_its_head() -> None:
    rows = chain_build(50, SHA256)
    report = verify_chain(rows, SHA256)
    assert report.ok
    assert report.problems == []
    assert (report.entries, report.last_sequence, report.head_hash) == (50, 50, rows[-1][1])
    assert report.canonical_bytes == sum(len(entry_bytes(entry)) for entry, _ in rows)


def test_verifier_returns_the_hashes_recomputed_from_content() -> None:
    rows = chain_build(5, SHA256)
    verifier = ChainVerifier(SHA256)
    assert [verifier.add(entry, stored).hex() for entry, stored in rows] == [h for _, h in rows]


def _problems(rows: list[tuple[LedgerEntry, str]]) -> list[tuple[ChainProblemKind, int, int]]:
    return [(p.kind, p.row, p.sequence) for p in verify_chain(rows, SHA256).problems]


def test_a_changed_byte_in_a_payload_is_found_at_its_sequence() -> None:
    rows = chain_build(30, SHA256)
    entry, stored = rows[16]
    rows[16] = (dataclasses.replace(entry, payload=entry.payload.replace("张三", "李四")), stored)
    assert _problems(rows) == [(ChainProblemKind.CONTENT, 17, 17)]


def test_a_flipped_digit_in_a_previous_hash_breaks_content_and_link_at_that_row() -> None:
    rows = chain_build(30, SHA256)
    entry, stored = rows[9]
    rows[9] = (dataclasses.replace(entry, previous_hash=flip_hex(entry.previous_hash, 40)), stored)
    assert _problems(rows) == [(ChainProblemKind.LINK, 10, 10), (ChainProblemKind.CONTENT, 10, 10)]


def test_a_changed_sequence_number_is_found_at_that_row() -> None:
    rows = chain_build(30, SHA256)
    entry, stored = rows[11]
    rows[11] = (dataclasses.replace(entry, sequence=13), stored)
    assert _problems(rows) == [
        (ChainProblemKind.GAP, 12, 13),
        (ChainProblemKind.CONTENT, 12, 13),
        (ChainProblemKind.DUPLICATE, 13, 13),
    ]


def test_a_row_whose_content_and_stored_hash_were_both_edited_breaks_the_next_link() -> None:
    rows = chain_build(30, SHA256)
    entry, _ = rows[4]
    edited = dataclasses.replace(entry, actor_id="999")
    rows[4] = (edited, entry_hash(edited, SHA256).hex())
    assert _problems(rows) == [(ChainProblemKind.LINK, 6, 6)]


def test_a_flipped_digit_in_a_stored_hash_is_found() -> None:
    rows = chain_build(30, SHA256)
    entry, stored = rows[20]
    rows[20] = (entry, flip_hex(stored, 0))
    assert _problems(rows) == [(ChainProblemKind.CONTENT, 21, 21), (ChainProblemKind.LINK, 22, 22)]


def test_a_deleted_row_is_a_gap_and_a_broken_link() -> None:
    rows = chain_build(30, SHA256)
    del rows[7:10]
    problems = verify_chain(rows, SHA256).problems
    assert [(p.kind, p.row, p.sequence) for p in problems] == [
        (ChainProblemKind.GAP, 8, 11),
        (ChainProblemKind.LINK, 8, 11),
    ]
    assert "entries 8..10 are missing" in problems[0].message


def test_a_missing_first_entry_is_reported() -> None:
    rows = chain_build(5, SHA256)[1:]
    assert _problems(rows) == [(ChainProblemKind.GAP, 1, 2), (ChainProblemKind.LINK, 1, 2)]


def test_rows_out_of_order_are_reported() -> None:
    rows = chain_build(6, SHA256)
    rows[2], rows[3] = rows[3], rows[2]
    kinds = [(p.kind, p.row) for p in verify_chain(rows, SHA256).problems]
    assert (ChainProblemKind.GAP, 3) in kinds
    assert (ChainProblemKind.ORDER, 4) in kinds


def _raw(rows: list[tuple[LedgerEntry, str]]) -> list[tuple[object, ...]]:
    """Rows as a cursor returns them: values_list(*ENTRY_FIELDS, "entry_hash")."""
    return [(*(getattr(entry, name) for name in ENTRY_FIELDS), stored) for entry, stored in rows]


def test_raw_cursor_rows_verify_like_entries() -> None:
    rows = chain_build(10, SHA256)
    verifier = ChainVerifier(SHA256)
    hashes = [verifier.add_row(row) for row in _raw(rows)]
    assert verifier.report.ok
    assert [h.hex() if h else None for h in hashes] == [stored for _, stored in rows]


def test_a_row_edited_into_an_impossible_form_is_reported_and_checking_goes_on() -> None:
    raw = _raw(chain_build(10, SHA256))
    raw[3] = (raw[3][0], "2026-03-03 09:34", *raw[3][2:])  # recorded_at no longer canonical
    raw[6] = (raw[6][0], raw[6][1], 42, *raw[6][3:])  # actor_id no longer a string
    verifier = ChainVerifier(SHA256)
    hashes = [verifier.add_row(row) for row in raw]
    problems = verifier.report.problems
    assert [(p.kind, p.row, p.sequence) for p in problems] == [
        (ChainProblemKind.MALFORMED, 4, 4),
        (ChainProblemKind.MALFORMED, 7, 7),
    ]
    assert problems[0].message.startswith("recorded_at:")
    assert problems[1].message.startswith("actor_id:")
    assert hashes[3] is None
    assert hashes[4] is not None


def test_a_consistent_rewrite_passes_the_chain_alone() -> None:
    # Why witnesses exist (test_witness.py catches this): whoever holds the database can edit a
    # row and recompute every later hash, and the chain is valid again.
    rows = chain_build(30, SHA256)
    entry, stored = rows[3]
    rows[3] = (dataclasses.replace(entry, payload=entry.payload.replace("张三", "李四")), stored)
    assert verify_chain(chain_relink(rows, 3, SHA256), SHA256).ok


def test_problems_beyond_the_limit_are_counted_not_kept() -> None:
    rows = [(entry, "00" * 32) for entry, _ in chain_build(40, SHA256)]
    report = verify_chain(rows, SHA256, max_problems=5)
    assert len(report.problems) == 5
    assert report.problem_count == 40 + 39  # every content hash, every link after the first


def test_a_check_can_resume_after_a_trusted_row() -> None:
    rows = chain_build(20, SHA256)
    verifier = ChainVerifier(SHA256, after_sequence=10, after_hash=rows[9][1])
    for entry, stored in rows[10:]:
        verifier.add(entry, stored)
    assert verifier.report.ok
    assert verifier.report.entries == 10


def test_a_sm3_chain_verifies_under_sm3_and_not_under_sha256() -> None:
    rows = chain_build(20, SM3)
    assert verify_chain(rows, SM3).ok
    assert rows[0][1] != chain_build(1, SHA256)[0][1]
    problems = verify_chain(rows, SHA256).problems
    assert [(p.kind, p.row) for p in problems] == [
        (ChainProblemKind.CONTENT, row) for row in range(1, 21)
    ]


def test_verification_streams_in_constant_memory() -> None:
    template, _ = chain_build(1, SHA256)[0]

    def rows(count: int) -> Iterator[tuple[LedgerEntry, str]]:
        previous = GENESIS_HASH
        for sequence in range(1, count + 1):
            entry = dataclasses.replace(template, sequence=sequence, previous_hash=previous)
            previous = entry_hash(entry, SHA256).hex()
            yield entry, previous

    tracemalloc.start()
    try:
        report = verify_chain(rows(1_000), SHA256)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert report.ok
    assert report.entries == 1_000
    assert peak < 100_000  # bytes: a few rows; keeping 1,000 rows would take over 500 KB
