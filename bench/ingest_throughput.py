"""Evidence ingest through the service against `cp FILE DEST && sync` and against SM3 alone.

    .venv/bin/python bench/ingest_throughput.py                    # 2 GiB, 3 runs, in /tmp
    .venv/bin/python bench/ingest_throughput.py --size-mib 512 --runs 5 --dir /var/tmp

Issue 4's targets: ingest in SHA-256-only mode at most 1.5x `cp && sync`; ingest with SHA-256 and
SM3 at most 1.2x hashing the file with SM3 alone; peak memory at most 150 MB either way.

Every method runs in its own child process (so each peak RSS is its own), all methods in turn in
each round, rounds repeated; the medians are compared, side by side from one run. The source file
is read once before the rounds so that every method starts from the same page cache.
"ingest" is `evidence_ingest` with the local store on a migrated SQLite database: hashing, the
durable write, media facts, the database rows and the ledger entry, committed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import resource
import shutil
import ssl
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

MiB = 1024 * 1024
METHODS = (
    "cp+sync",
    "sm3 alone",
    "sha256 alone",
    "sha256+sm3 one thread",
    "ingest sha256",
    "ingest sha256+sm3",
)


def hash_file(path: Path, algorithms: list[str]) -> None:
    """Read in 8 MiB chunks and update each hash in turn, in this one thread."""
    hashers = [hashlib.new(name) for name in algorithms]
    buffer = bytearray(8 * MiB)
    view = memoryview(buffer)
    with path.open("rb", buffering=0) as source:
        while count := source.readinto(buffer):
            for hasher in hashers:
                hasher.update(view[:count])


def peak_rss_bytes() -> int:
    """This process's peak resident memory (VmHWM). Not getrusage's ru_maxrss: Linux carries
    that over from the parent across fork and exec, so a child would report the parent's peak."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def service_ready(destination: Path, *, with_sm3: bool) -> tuple[Any, Any]:
    """Django on a fresh SQLite database beside `destination`, migrated, with one agency: the
    set-up is not timed; the ingest then goes through `evidence_ingest` (store, media facts,
    database rows, ledger entry, commit) exactly as an upload does."""
    data = destination.parent / f"{destination.name}-data"
    os.environ.update(
        DJANGO_SETTINGS_MODULE="liuhen.settings",
        LIUHEN_DATA_DIR=str(data),
        LIUHEN_EVIDENCE_BACKEND="local",
        LIUHEN_EVIDENCE_ROOT=str(destination),
        LIUHEN_EVIDENCE_SM3="1" if with_sm3 else "0",
        LIUHEN_LEDGER_CHECKPOINT_EVERY="0",
    )
    # Migrating in its own process keeps its memory out of this process's peak.
    liuhen_command = Path(sys.executable).parent / "liuhen"
    subprocess.run([str(liuhen_command), "migrate", "--verbosity", "0"], check=True)  # noqa: S603
    import django

    django.setup()

    from liuhen.agencies.credit_code import credit_code_build
    from liuhen.agencies.models import AgencyKind, AgencyLevel
    from liuhen.agencies.services import agency_create
    from liuhen.evidence.services import evidence_ingest

    agency = agency_create(
        actor=None,
        name="基准测试局",
        credit_code=credit_code_build(
            registry="1", category="1", division="533103", org_body="BENCH001"
        ),
        kind=AgencyKind.GOVERNMENT,
        level=AgencyLevel.COUNTY,
        profile="dehong",
    )
    return evidence_ingest, agency


def child(method: str, source: Path, destination: Path) -> None:
    """Run one method once and print its time and memory as JSON."""
    tracemalloc.start()
    baseline = peak_rss_bytes()
    started = time.perf_counter()
    if method == "cp+sync":
        command = ["/bin/sh", "-c", 'cp "$0" "$1" && sync', str(source), str(destination)]
        subprocess.run(command, check=True)  # noqa: S603 - our own paths
    elif method == "sm3 alone":
        hash_file(source, ["sm3"])
    elif method == "sha256 alone":
        hash_file(source, ["sha256"])
    elif method == "sha256+sm3 one thread":
        hash_file(source, ["sha256", "sm3"])
    else:
        evidence_ingest, agency = service_ready(destination, with_sm3=method == "ingest sha256+sm3")
        tracemalloc.reset_peak()
        started = time.perf_counter()
        evidence_ingest(actor=None, agency=agency, source=source, filename="body-camera.mp4")
    seconds = time.perf_counter() - started
    _, traced_peak = tracemalloc.get_traced_memory()
    print(
        json.dumps(
            {
                "seconds": seconds,
                "peak_rss_mb": peak_rss_bytes() / 1e6,
                "baseline_rss_mb": baseline / 1e6,
                "python_heap_peak_mb": traced_peak / 1e6,
            }
        )
    )


def run_child(method: str, source: Path, destination: Path) -> dict[str, float]:
    output = subprocess.run(  # noqa: S603 - this very script
        [sys.executable, __file__, "--child", method, str(source), str(destination)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result: dict[str, float] = json.loads(output.strip().splitlines()[-1])
    return result


def make_source(path: Path, size: int) -> None:
    with path.open("wb") as output:
        remaining = size
        while remaining:
            block = os.urandom(min(8 * MiB, remaining))
            output.write(block)
            remaining -= len(block)
        output.flush()
        os.fsync(output.fileno())
    hash_file(path, [])  # into the page cache, the same for every method


def machine(work: Path) -> str:
    cpu = "unknown CPU"
    with open("/proc/cpuinfo") as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as info:
        memory_gib = int(info.readline().split()[1]) / 1024 / 1024
    df = ["/bin/df", "-T", str(work)]
    filesystem = subprocess.run(df, capture_output=True, text=True).stdout.split("\n")[1].split()  # noqa: S603
    return (
        f"{cpu}, {os.cpu_count()} cores, {memory_gib:.0f} GiB RAM; {filesystem[1]} on "
        f"{filesystem[0]}; {platform.system()} {platform.release()}; Python "
        f"{platform.python_version()}, {ssl.OPENSSL_VERSION}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mib", type=int, default=2048)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()))
    parser.add_argument("--child", nargs=3, metavar=("METHOD", "SOURCE", "DESTINATION"))
    arguments = parser.parse_args()
    if arguments.child:
        method, source, destination = arguments.child
        child(method, Path(source), Path(destination))
        return
    size = arguments.size_mib * MiB
    free = shutil.disk_usage(arguments.dir).free
    if free < 2 * size + 1024 * MiB:
        sys.exit(f"{arguments.dir} has {free // MiB} MiB free; need {2 * size // MiB + 1024} MiB")
    results: dict[str, list[dict[str, float]]] = {method: [] for method in METHODS}
    with tempfile.TemporaryDirectory(prefix="liuhen-bench-", dir=arguments.dir) as folder:
        work = Path(folder)
        print(f"machine: {machine(work)}", flush=True)
        print(f"load average before: {os.getloadavg()}", flush=True)
        print(f"source: {arguments.size_mib} MiB of random bytes in {work}", flush=True)
        source = work / "source.bin"
        make_source(source, size)
        for round_number in range(1, arguments.runs + 1):
            for method in METHODS:
                destination = work / "destination"
                results[method].append(run_child(method, source, destination))
                shutil.rmtree(work / "destination-data", ignore_errors=True)
                if destination.is_dir():
                    shutil.rmtree(destination)
                else:
                    destination.unlink(missing_ok=True)
                os.sync()
                seconds = results[method][-1]["seconds"]
                print(f"round {round_number} {method:24} {seconds:7.2f} s", flush=True)
    print(f"load average after: {os.getloadavg()}", flush=True)
    report(results, size, arguments.runs)


def report(results: dict[str, list[dict[str, float]]], size: int, runs: int) -> None:
    median = {m: statistics.median(r["seconds"] for r in results[m]) for m in METHODS}
    print(f"\n| method | median of {runs} (s) | MB/s | peak RSS (MB) | Python heap peak (MB) |")
    print("|---|---:|---:|---:|---:|")
    for method in METHODS:
        peak = max(r["peak_rss_mb"] for r in results[method])
        heap = max(r["python_heap_peak_mb"] for r in results[method])
        rate = size / median[method] / 1e6
        print(f"| {method} | {median[method]:.2f} | {rate:.0f} | {peak:.0f} | {heap:.1f} |")
    sha_ratio = median["ingest sha256"] / median["cp+sync"]
    dual_ratio = median["ingest sha256+sm3"] / median["sm3 alone"]
    peak = max(r["peak_rss_mb"] for m in METHODS if m.startswith("ingest") for r in results[m])
    print()
    print(f"ingest sha256 / cp+sync = {sha_ratio:.2f} (target <= 1.5)")
    print(f"ingest sha256+sm3 / sm3 alone = {dual_ratio:.2f} (target <= 1.2)")
    print(f"ingest peak RSS = {peak:.0f} MB (target <= 150 MB)")


if __name__ == "__main__":
    main()
