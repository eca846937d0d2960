"""Ledger append through the services against raw sqlite3 inserts of the same rows.

Both sides: SQLite in WAL mode with synchronous=FULL, one row per transaction, a database file in
a fresh temporary folder on the same disk. Reported: rows per second for each side and the ratio
(the issue's target: the service path at least 0.3× the raw path), medians of 3 runs.

    .venv/bin/python bench/ledger_append.py [--rows 2000] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROWS_DEFAULT = 2000


def _django(data_dir: Path) -> None:
    os.environ["LIUHEN_DATA_DIR"] = str(data_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "liuhen.settings"
    os.environ["LIUHEN_LEDGER_CHECKPOINT_EVERY"] = "0"  # checkpoints are the worker's job
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def service_run(rows: int) -> tuple[float, list[tuple[object, ...]]]:
    """Time `rows` log-in audit records (LoginEvent row + ledger entry, one transaction each)."""
    from liuhen.accounts.models import LoginOutcome
    from liuhen.accounts.services import login_event_record
    from liuhen.ledger.chain import ENTRY_FIELDS
    from liuhen.ledger.models import LedgerEntry

    start_sequence = LedgerEntry.objects.count()
    started = time.perf_counter()
    for n in range(rows):
        login_event_record(request=None, username=f"officer{n % 50}", outcome=LoginOutcome.FAILURE)
    elapsed = time.perf_counter() - started
    copied = list(
        LedgerEntry.objects.filter(sequence__gt=start_sequence)
        .order_by("sequence")
        .values_list(*ENTRY_FIELDS, "entry_hash", "algorithm")
    )
    return elapsed, copied


def append_run(rows: int) -> float:
    """Time `rows` bare ledger appends, each in its own transaction (the mechanism alone)."""
    from django.db import transaction

    from liuhen.ledger.services import ledger_append

    started = time.perf_counter()
    for n in range(rows):
        with transaction.atomic():
            ledger_append(
                actor=None,
                action="bench.append",
                object_type="bench.row",
                object_id=str(n),
                payload={"username": f"officer{n % 50}", "outcome": "failure", "ip": None},
            )
    return time.perf_counter() - started


def raw_run(path: Path, rows: list[tuple[object, ...]]) -> float:
    """Insert the same ledger rows with the sqlite3 module, one transaction each."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute(
        "CREATE TABLE IF NOT EXISTS entry (id INTEGER PRIMARY KEY, sequence INTEGER UNIQUE, "
        "recorded_at TEXT, actor_id INTEGER, action TEXT, object_type TEXT, object_id TEXT, "
        "payload TEXT, previous_hash TEXT, entry_hash TEXT, algorithm TEXT)"
    )
    connection.execute("DELETE FROM entry")
    started = time.perf_counter()
    for row in rows:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute(
            "INSERT INTO entry (sequence, recorded_at, actor_id, action, object_type, object_id, "
            "payload, previous_hash, entry_hash, algorithm) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (row[0], str(row[1]), *row[2:]),
        )
        connection.execute("COMMIT")
    elapsed = time.perf_counter() - started
    connection.close()
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=ROWS_DEFAULT)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    folder = Path(
        tempfile.mkdtemp(prefix="liuhen-bench-ledger-", dir=Path.cwd() / "var")
        if (Path.cwd() / "var").is_dir()
        else tempfile.mkdtemp(prefix="liuhen-bench-")
    )
    _django(folder)
    service_times, append_times, raw_times = [], [], []
    for _ in range(args.runs):
        elapsed, rows = service_run(args.rows)
        service_times.append(elapsed)
        append_times.append(append_run(args.rows))
        raw_times.append(raw_run(folder / "raw.sqlite3", rows))
    service = statistics.median(service_times)
    append = statistics.median(append_times)
    raw = statistics.median(raw_times)
    print(f"rows per run: {args.rows}, runs: {args.runs}, folder: {folder}")
    print(
        f"service path (LoginEvent + ledger entry): {args.rows / service:,.0f} rows/s "
        f"(median {service:.3f} s)"
    )
    print(
        f"raw sqlite3 inserts of the same ledger rows: {args.rows / raw:,.0f} rows/s "
        f"(median {raw:.3f} s)"
    )
    print(
        f"bare ledger_append, own transaction: {args.rows / append:,.0f} rows/s "
        f"(median {append:.3f} s)"
    )
    print(f"ratio service/raw throughput: {raw / service:.2f}× (target ≥ 0.3×)")
    print(f"ratio bare append/raw throughput: {raw / append:.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
