"""The process the crash test kills: ingests planned files, acknowledging each after ingest.

Run as `python -m tests.evidence.store.crash_child ROOT FIRST_INDEX`. Prints READY once the store
is open, then `ACK <index> <sha256>` after each ingest has returned, exactly as the Django service
acknowledges a client only after the store returned and the ledger committed.
"""

from __future__ import annotations

import io
import random
import sys
from pathlib import Path

from liuhen.evidence.store import LocalStore

INGESTS = 100
KiB = 1024


def planned_content(index: int) -> bytes:
    """Random bytes of a random size, the same every time for the same index."""
    chooser = random.Random(20261123 + index)
    kind = chooser.random()
    if kind < 0.6:
        size = chooser.randint(0, 64 * KiB)
    elif kind < 0.9:
        size = chooser.randint(64 * KiB, 2048 * KiB)
    else:
        size = chooser.randint(2048 * KiB, 8192 * KiB)
    return chooser.randbytes(size)


def main(root: str, first: int) -> None:
    store = LocalStore(Path(root), chunk_size=256 * KiB)
    print("READY", flush=True)
    for index in range(first, INGESTS):
        stored = store.ingest(io.BytesIO(planned_content(index)))
        print(f"ACK {index} {stored.sha256}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
