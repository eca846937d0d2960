"""Ledger chains for the tests: realistic entries, and the edits an attacker would make."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

from liuhen.ledger.chain import LedgerEntry, entry_hash, entry_new, genesis_hash
from liuhen.ledger.digests import HashAlgorithm
from liuhen.ledger.merkle import leaf_hash

Row = tuple[LedgerEntry, str]

START = datetime(2026, 3, 3, 1, 30, tzinfo=UTC)
ACTIONS = ("case.open", "evidence.ingest", "evidence.view", "case.decide", "case.close")


def payload_for(sequence: int) -> dict[str, object]:
    return {
        "case_id": f"GD-2026-{sequence:06d}",
        "officer": "张三",
        "place": "广州市天河区体育西路 103 号",
        "note": f"现场检查第 {sequence} 次，出示执法证件，告知当事人权利",
        "amount_fen": 1000 * sequence,
        "flags": ["recorded", "notified"],
    }


def chain_build(count: int, algorithm: HashAlgorithm) -> list[Row]:
    """`count` valid rows, as the Django side would store them: (entry, stored hash hex)."""
    rows: list[Row] = []
    previous = genesis_hash(algorithm)
    for sequence in range(1, count + 1):
        entry = entry_new(
            sequence=sequence,
            previous_hash=previous,
            recorded_at=START + timedelta(minutes=sequence),
            actor_id=str(100 + sequence % 7),
            action=ACTIONS[sequence % len(ACTIONS)],
            object_type="cases.case",
            object_id=str(sequence // 3 + 1),
            payload=payload_for(sequence),
        )
        previous = entry_hash(entry, algorithm).hex()
        rows.append((entry, previous))
    return rows


def chain_relink(rows: list[Row], start: int, algorithm: HashAlgorithm) -> list[Row]:
    """Recompute every link and stored hash from row index `start`: a consistent rewrite."""
    result = list(rows[:start])
    previous = result[-1][1] if result else genesis_hash(algorithm)
    for entry, _ in rows[start:]:
        entry = dataclasses.replace(entry, previous_hash=previous)
        previous = entry_hash(entry, algorithm).hex()
        result.append((entry, previous))
    return result


def leaves_of(rows: list[Row], algorithm: HashAlgorithm) -> list[bytes]:
    """The Merkle leaf hashes of the log: leaf_hash(entry hash recomputed from content)."""
    return [leaf_hash(entry_hash(entry, algorithm), algorithm=algorithm) for entry, _ in rows]


def flip_hex(text: str, position: int) -> str:
    """One hex digit changed (one to four bits flipped): what a single corrupted byte looks like."""
    new = "1" if text[position] == "0" else "0"
    return text[:position] + new + text[position + 1 :]
