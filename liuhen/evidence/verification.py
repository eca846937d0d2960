"""Checking stored originals: each object re-hashed from its content (SHA-256 and SM3) against
its database row, and each row against the ledger entry that recorded the ingest."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from liuhen.evidence.models import EvidenceObject
from liuhen.evidence.stores import evidence_store
from liuhen.ledger.models import LedgerEntry

Progress = Callable[[int, int], None]


@dataclass
class EvidenceReport:
    objects: int = 0
    bytes_read: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def evidence_verify(
    *, only: str | None = None, sample: int | None = None, progress: Progress | None = None
) -> EvidenceReport:
    """Verify every stored original (or one, or a random sample of `sample`)."""
    report = EvidenceReport()
    rows = EvidenceObject.objects.order_by("sha256")
    if only is not None:
        rows = rows.filter(sha256=only.lower())
        if not rows.exists():
            report.problems.append(f"证据原件 {only}: 数据库中没有该对象")
            return report
    chosen = list(rows.values_list("sha256", "sm3", "size"))
    if sample is not None and sample < len(chosen):
        chosen = random.SystemRandom().sample(chosen, sample)
    ledgered = _ledger_index({sha for sha, _, _ in chosen})
    store = evidence_store()
    total = len(chosen)
    for index, (sha256, sm3, size) in enumerate(chosen, 1):
        verification = store.verify(sha256, expected_sm3=sm3 or None, expected_size=size)
        report.objects += 1
        report.bytes_read += verification.bytes_read
        for problem in verification.problems:
            report.problems.append(f"证据原件 {sha256}: {problem.message}")
        recorded = ledgered.get(sha256)
        if recorded is None:
            report.problems.append(f"证据原件 {sha256}: 留痕账本中没有存入记录")
        elif (recorded.get("sm3"), recorded.get("size")) != (sm3, size):
            report.problems.append(
                f"证据原件 {sha256}: 数据库记录（SM3 {sm3}，{size} 字节）与留痕账本的存入记录"
                f"（SM3 {recorded.get('sm3')}，{recorded.get('size')} 字节）不一致"
            )
        if progress:
            progress(index, total)
    return report


def _ledger_index(wanted: set[str]) -> dict[str, dict[str, object]]:
    found: dict[str, dict[str, object]] = {}
    entries = LedgerEntry.objects.filter(action="evidence.ingest").order_by("sequence")
    for payload in entries.values_list("payload", flat=True).iterator(2000):
        data = json.loads(payload)
        sha = data.get("sha256")
        if sha in wanted and sha not in found:
            found[sha] = data
    return found
