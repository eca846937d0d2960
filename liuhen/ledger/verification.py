"""Checking the stored ledger: every entry re-hashed from its content, the chain, the Merkle roots
of the checkpoints, their signatures, and the copies witnesses hold.

Leaves are rebuilt from each row's content, never taken from the stored hashes, so a database
rewritten consistently (every hash recomputed) still fails against a witness's checkpoint.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from liuhen.ledger.canonical import canonical_time
from liuhen.ledger.chain import ENTRY_FIELDS, ChainVerifier
from liuhen.ledger.checkpoints import (
    CheckpointError,
    checkpoint_from_json,
    checkpoint_verify,
    public_key_id,
)
from liuhen.ledger.merkle import RootBuilder, leaf_hash
from liuhen.ledger.models import LedgerCheckpoint, LedgerEntry
from liuhen.ledger.services import ledger_algorithm, ledger_signing_key
from liuhen.ledger.witness import WitnessError, checkpoints_held, witness_copy_check_leaves

Progress = Callable[[int, int], None]


@dataclass
class LedgerReport:
    entries: int = 0
    checkpoints: int = 0
    witness_copies: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _row_entry(row: tuple[object, ...]) -> tuple[object, ...]:
    """A database row in ENTRY_FIELDS order (+ stored hash), in the chain's string forms.

    A value edited into the wrong type is passed on as it is: the verifier reports it malformed.
    """
    sequence, recorded_at, actor_id, action, object_type, object_id, payload, previous, stored = row
    return (
        sequence,
        canonical_time(recorded_at) if hasattr(recorded_at, "tzinfo") else recorded_at,  # type: ignore[arg-type]
        None if actor_id is None else str(actor_id),
        action,
        object_type,
        object_id,
        payload,
        previous,
        stored,
    )


def ledger_verify(*, progress: Progress | None = None) -> LedgerReport:
    """Re-hash every entry and check the chain, the checkpoints and the witnesses' copies."""
    algorithm = ledger_algorithm()
    report = LedgerReport()
    total = LedgerEntry.objects.count()
    verifier = ChainVerifier(algorithm)
    leaves: list[bytes] = []
    columns = [*ENTRY_FIELDS, "entry_hash"]
    others = LedgerEntry.objects.exclude(algorithm=algorithm.name).values_list(
        "sequence", "algorithm"
    )
    for sequence, other in others[:10]:
        report.problems.append(
            f"留痕记录 #{sequence}: 哈希算法为 {other}，本账本使用 {algorithm.name}"
        )
    rows = LedgerEntry.objects.order_by("sequence").values_list(*columns)
    for row in rows.iterator(chunk_size=5000):
        recomputed = verifier.add_row(_row_entry(row))
        leaves.append(b"" if recomputed is None else leaf_hash(recomputed, algorithm=algorithm))
        report.entries += 1
        if progress and report.entries % 1000 == 0:
            progress(report.entries, total)
    if progress:
        progress(report.entries, total)
    for problem in verifier.report.problems:
        report.problems.append(f"留痕记录 #{problem.sequence}: {problem.kind}: {problem.message}")
    _check_checkpoints(report, leaves)
    _check_witnesses(report, leaves)
    return report


def _trusted() -> dict[str, object]:
    public = ledger_signing_key().public_key()
    return {public_key_id(public): public}


def _check_checkpoints(report: LedgerReport, leaves: list[bytes]) -> None:
    algorithm = ledger_algorithm()
    trusted = _trusted()
    builder = RootBuilder(algorithm)
    for stored in LedgerCheckpoint.objects.order_by("tree_size"):
        report.checkpoints += 1
        where = f"检查点 @{stored.tree_size}"
        try:
            signed = checkpoint_from_json(stored.signed_json)
            checkpoint = checkpoint_verify(signed, trusted)  # type: ignore[arg-type]
        except CheckpointError as error:
            report.problems.append(f"{where}: 签名或格式无效：{error}")
            continue
        if checkpoint.tree_size != stored.tree_size or checkpoint.root_hash != stored.root_hash:
            report.problems.append(f"{where}: 数据库中的条数或根哈希与签名内容不一致")
        if stored.tree_size > len(leaves):
            report.problems.append(f"{where}: 账本只有 {len(leaves)} 条，少于检查点的条数")
            continue
        if b"" in leaves[builder.size : stored.tree_size]:
            report.problems.append(f"{where}: 范围内有无法解析的记录，根哈希无法重算")
            continue
        builder.extend(leaves[builder.size : stored.tree_size])
        if builder.root().hex() != checkpoint.root_hash:
            report.problems.append(f"{where}: 由记录内容重算的根哈希与签名的根哈希不一致")


def _check_witnesses(report: LedgerReport, leaves: list[bytes]) -> None:
    if b"" in leaves:
        return
    algorithm = ledger_algorithm()
    trusted = _trusted()
    folders = [Path(settings.LIUHEN_LEDGER_PUBLISH_DIR), *settings.LIUHEN_LEDGER_WITNESS_DIRS]
    for folder in folders:
        if not folder.is_dir():
            continue
        try:
            held = checkpoints_held(folder)
        except (WitnessError, CheckpointError, OSError) as error:
            report.problems.append(f"见证副本 {folder}: 无法读取：{error}")
            continue
        for signed in held:
            report.witness_copies += 1
            try:
                witness_copy_check_leaves(
                    signed,
                    leaves,
                    log_id=settings.LIUHEN_LEDGER_LOG_ID,
                    trusted_keys=trusted,  # type: ignore[arg-type]
                    algorithm=algorithm,
                )
            except (WitnessError, CheckpointError) as error:
                size = signed.checkpoint.tree_size
                report.problems.append(f"见证副本 {folder} @{size}: {error}")
