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
import time
from datetime import timedelta
from pathlib import Path

import pytest

from liuhen.evidence.store import LocalStore
from tests.evidence.store.crash_child import INGESTS, planned_content
from tests.evidence.store.rgw import REPOSITORY

KILLS = 6
MAX_RUNS = 30


def run_child(root: Path, first: int, kill_after_acks: int | None, delay: float) -> list[str]:
    """Run the child from `first`; SIGKILL it `delay` seconds after its `kill_after_acks`-th
    acknowledgement, i.e. most likely inside the next ingest (None: let it finish). Return the
    complete lines it printed."""
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.evidence.store.crash_child", str(root), str(first)],
        cwd=REPOSITORY,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline() == "READY\n"
    lines: list[str] = []
    if kill_after_acks is not None:
        while len(lines) < kill_after_acks:
            line = child.stdout.readline()
            if not line:
                break
            lines.append(line)
        time.sleep(delay)
        os.kill(child.pid, signal.SIGKILL)
    lines.extend(child.stdout)
    child.wait()
    return [line for line in lines if line.endswith("\n")]


def leftovers_of(root: Path) -> list[Path]:
    """Temporary files of killed ingests: content, and facts caught mid-write."""
    if not root.exists():
        return []
    return list((root / "tmp").glob("*")) + list((root / "facts").glob("*/*/.*.tmp"))


@pytest.mark.slow
def test_sigkill_during_ingests_loses_no_acknowledged_object(tmp_path: Path) -> None:
    root = tmp_path / "store"
    chooser = random.Random()
    acknowledged: dict[int, str] = {}
    first = 0
    runs = 0
    while first < INGESTS:
        # Kill at random moments until KILLS kills happened and one of them landed inside an
        # ingest (on a busy machine a kill can fall between two); then let the child finish.
        killing = (runs < KILLS or not leftovers_of(root)) and first < INGESTS - 10
        acks = chooser.randint(1, 8) if killing else None
        for line in run_child(root, first, acks, chooser.uniform(0, 0.02)):
            _, number, digest = line.split()
            acknowledged[int(number)] = digest
            first = int(number) + 1
        runs += 1
        assert runs < MAX_RUNS, "the child stopped making progress"

    store = LocalStore(root)
    assert sorted(acknowledged) == list(range(INGESTS))
    for index, sha256 in acknowledged.items():
        assert sha256 == hashlib.sha256(planned_content(index)).hexdigest()
        assert store.verify(sha256).ok, store.verify(sha256).describe()
    for name in store.iter_objects():  # nothing half-written under a final name
        assert store.verify(name).ok, store.verify(name).describe()

    # The killed ingests left temporary files; with their processes dead, sweep removes them all.
    leftovers = leftovers_of(root)
    assert leftovers, "no kill landed inside an ingest: the test proved nothing this time"
    report = store.sweep(older_than=timedelta(0))
    assert sorted(report.removed) == sorted(str(p) for p in leftovers)
    assert list((root / "tmp").iterdir()) == []
    assert list((root / "facts").glob("*/*/.*.tmp")) == []
