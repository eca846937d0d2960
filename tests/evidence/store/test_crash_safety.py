"""A real SIGKILL at random moments during 100 ingests loses no acknowledged object and leaves
no corrupt one under its final name.

SIGKILL keeps the page cache, so this proves the protocol (temporary file, link to the final name
only when complete, acknowledgement after return), not the fsyncs; those are in the code
(durable.py) because a power cut cannot be simulated in a test.
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import threading
from datetime import timedelta
from pathlib import Path

import pytest

from liuhen.evidence.store import LocalStore
from tests.evidence.store.crash_child import INGESTS, planned_content
from tests.evidence.store.rgw import REPOSITORY

KILLS = 6


def run_child(root: Path, first: int, kill_after: float | None) -> list[str]:
    """Run the child from `first`; SIGKILL it `kill_after` seconds after READY (None: let it
    finish). Return the complete lines it printed."""
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.evidence.store.crash_child", str(root), str(first)],
        cwd=REPOSITORY,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline() == "READY\n"
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(child.stdout or []))
    reader.start()
    if kill_after is not None:
        reader.join(kill_after)
        os.kill(child.pid, signal.SIGKILL)
    reader.join()
    child.wait()
    return [line for line in lines if line.endswith("\n")]


@pytest.mark.slow
def test_sigkill_during_ingests_loses_no_acknowledged_object(tmp_path: Path) -> None:
    root = tmp_path / "store"
    chooser = random.Random()
    acknowledged: dict[int, str] = {}
    first = 0
    runs = 0
    while first < INGESTS:
        kill_after = chooser.uniform(0.05, 0.8) if runs < KILLS else None
        for line in run_child(root, first, kill_after):
            _, number, digest = line.split()
            acknowledged[int(number)] = digest
            first = int(number) + 1
        runs += 1
        assert runs < KILLS + 3, "the child stopped making progress"

    store = LocalStore(root)
    assert sorted(acknowledged) == list(range(INGESTS))
    for index, sha256 in acknowledged.items():
        assert sha256 == hashlib.sha256(planned_content(index)).hexdigest()
        assert store.verify(sha256).ok, store.verify(sha256).describe()
    for name in store.iter_objects():  # nothing half-written under a final name
        assert store.verify(name).ok, store.verify(name).describe()

    # The killed ingests left temporary files (content, and facts caught mid-write); with their
    # processes dead, sweep removes them all.
    leftovers = list((root / "tmp").iterdir()) + list((root / "facts").glob("*/*/.*.tmp"))
    assert leftovers, "no kill landed inside an ingest: the test proved nothing this time"
    report = store.sweep(older_than=timedelta(0))
    assert sorted(report.removed) == sorted(str(p) for p in leftovers)
    assert list((root / "tmp").iterdir()) == []
    assert list((root / "facts").glob("*/*/.*.tmp")) == []
