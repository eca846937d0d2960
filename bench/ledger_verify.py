"""Ledger verification speed: the hash chain and the RFC 9162 Merkle tree, SHA-256 beside SM3.

    .venv/bin/python bench/ledger_verify.py                  # 100,000 and 1,000,000 entries
    .venv/bin/python bench/ledger_verify.py 20000 --runs 5   # any counts

Entries carry realistic payloads (about 300 bytes of canonical JSON, Chinese text, 1,024 distinct
payloads) and are held as plain row tuples, as a database cursor returns them. Timed, per size and
algorithm, each run interleaving the algorithms so both see the same machine state:

- chain: `ChainVerifier.add_row` on each row (build the `LedgerEntry`, checking every field;
  recompute the entry hash and compare it with the stored one; check the link and the sequence),
  in entries/s and in MB/s of canonical entry bytes hashed;
- leaves: the Merkle leaf hash of every entry hash;
- root: the RFC 9162 root of all leaves (`merkle_root`);
- inclusion: one audit path for a random entry; consistency: one proof from a random older size.

Medians of `--runs` runs (3 by default). Generating the rows is not timed. Peak memory is the
process's peak resident set (ru_maxrss), which includes the generated rows of both algorithms.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import ssl
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from liuhen.ledger.canonical import canonical_json, canonical_time
from liuhen.ledger.chain import ChainVerifier, LedgerEntry, entry_hash, genesis_hash
from liuhen.ledger.digests import HashAlgorithm, hash_algorithm_check
from liuhen.ledger.merkle import (
    consistency_proof,
    inclusion_proof,
    leaf_hash,
    merkle_root,
    verify_consistency,
    verify_inclusion,
)

T = TypeVar("T")
Row = tuple[int, str, str | None, str, str, str, str, str, str]
ACTIONS = ("case.open", "evidence.ingest", "evidence.view", "case.decide", "document.serve")
PLACES = ("广州市天河区体育西路", "芒市勇罕街", "防城港市港口区", "克拉玛依市白碱滩区")


def payloads(rng: random.Random, count: int = 1024) -> list[str]:
    """Canonical payload texts of about 300 bytes, like a service's record of one act."""
    result = []
    for number in range(count):
        payload = {
            "case_id": f"GD-2026-{rng.randrange(10**6):06d}",
            "officers": [f"4401{rng.randrange(10**6):06d}", f"4401{rng.randrange(10**6):06d}"],
            "place": f"{rng.choice(PLACES)}{rng.randrange(1, 300)}号",
            "note": "现场检查，出示执法证件，告知当事人陈述申辩权利" + "并制作笔录" * (number % 3),
            "evidence": f"sha256:{rng.getrandbits(256):064x}",
            "amount_fen": rng.randrange(10**7),
        }
        result.append(canonical_json(payload).decode("utf-8"))
    return result


def rows_build(count: int, algorithm: HashAlgorithm, texts: list[str]) -> list[Row]:
    """`count` valid rows as (fields…, previous_hash, stored_hash), chained with `algorithm`."""
    rng = random.Random(7)
    start = datetime(2026, 1, 5, 1, 0, tzinfo=UTC)
    rows: list[Row] = []
    previous = genesis_hash(algorithm)
    for sequence in range(1, count + 1):
        entry = LedgerEntry(
            sequence=sequence,
            recorded_at=canonical_time(start + timedelta(seconds=sequence * 7)),
            actor_id=str(rng.randrange(1, 400)),
            action=ACTIONS[sequence % len(ACTIONS)],
            object_type="cases.case",
            object_id=str(sequence // 20 + 1),
            payload=texts[rng.randrange(len(texts))],
            previous_hash=previous,
        )
        stored = entry_hash(entry, algorithm).hex()
        rows.append((*_fields(entry), stored))
        previous = stored
    return rows


def _fields(entry: LedgerEntry) -> tuple[int, str, str | None, str, str, str, str, str]:
    return (
        entry.sequence,
        entry.recorded_at,
        entry.actor_id,
        entry.action,
        entry.object_type,
        entry.object_id,
        entry.payload,
        entry.previous_hash,
    )


def timed(action: Callable[[], T]) -> tuple[float, T]:
    began = time.perf_counter()
    result = action()
    return time.perf_counter() - began, result


def run_once(rows: list[Row], algorithm: HashAlgorithm, rng: random.Random) -> dict[str, float]:
    def chain() -> tuple[int, list[bytes | None]]:
        verifier = ChainVerifier(algorithm)
        add_row = verifier.add_row
        hashes = [add_row(row) for row in rows]
        if not verifier.report.ok:
            raise SystemExit(f"benchmark rows do not verify: {verifier.report.problems[:3]}")
        return verifier.report.canonical_bytes, hashes

    seconds_chain, (canonical_bytes, hashes) = timed(chain)
    seconds_leaves, leaves = timed(
        lambda: [leaf_hash(h, algorithm=algorithm) for h in hashes if h is not None]
    )
    seconds_root, root = timed(lambda: merkle_root(leaves, algorithm=algorithm))
    size = len(leaves)
    index = rng.randrange(size)
    seconds_inclusion, path = timed(
        lambda: inclusion_proof(leaves, index, size, algorithm=algorithm)
    )
    verify_inclusion(leaves[index], index, size, path, root, algorithm=algorithm)
    old = rng.randrange(1, size)
    seconds_consistency, proof = timed(
        lambda: consistency_proof(leaves, old, size, algorithm=algorithm)
    )
    old_root = merkle_root(leaves[:old], algorithm=algorithm)
    verify_consistency(old, size, old_root, root, proof, algorithm=algorithm)
    return {
        "chain_s": seconds_chain,
        "entries_per_s": size / seconds_chain,
        "mb_per_s": canonical_bytes / seconds_chain / 1e6,
        "bytes_per_entry": canonical_bytes / size,
        "leaves_s": seconds_leaves,
        "root_s": seconds_root,
        "inclusion_s": seconds_inclusion,
        "consistency_s": seconds_consistency,
    }


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), {model}; "
        f"Python {platform.python_version()}, {ssl.OPENSSL_VERSION}; {platform.platform()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--algorithms", nargs="+", default=["sha256", "sm3"])
    arguments = parser.parse_args()
    algorithms = [hash_algorithm_check(name) for name in arguments.algorithms]
    texts = payloads(random.Random(1))
    print(f"machine: {machine()}")
    print(
        f"load average at start: {os.getloadavg()[0]:.2f} (other work on the machine skews results)"
    )
    print(f"runs: {arguments.runs}, medians shown; algorithms interleaved within each run\n")
    header = (
        "| entries | algorithm | chain verify | entries/s | MB/s | bytes/entry | leaf hashes "
        "| Merkle root | inclusion proof | consistency proof |"
    )
    print(header)
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size in arguments.sizes:
        rows = {a.name: rows_build(size, a, texts) for a in algorithms}
        results: dict[str, list[dict[str, float]]] = {a.name: [] for a in algorithms}
        rng = random.Random(size)
        for _ in range(arguments.runs):
            for algorithm in algorithms:
                results[algorithm.name].append(run_once(rows[algorithm.name], algorithm, rng))
        for algorithm in algorithms:
            median = {
                key: statistics.median(run[key] for run in results[algorithm.name])
                for key in results[algorithm.name][0]
            }
            print(
                f"| {size:,} | {algorithm.name} | {median['chain_s']:.2f} s "
                f"| {median['entries_per_s']:,.0f} | {median['mb_per_s']:.1f} "
                f"| {median['bytes_per_entry']:.0f} | {median['leaves_s']:.2f} s "
                f"| {median['root_s']:.2f} s | {median['inclusion_s']:.2f} s "
                f"| {median['consistency_s']:.2f} s |",
                flush=True,
            )
        del rows
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak resident memory: {peak_mb:,.0f} MB (includes the generated rows)")
    print(f"load average at end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
