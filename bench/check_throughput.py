"""Throughput of `liuhen check` in one process: parse + validate + check of ~30-event timelines.

    .venv/bin/python bench/check_throughput.py                # 10,000 and 100,000 cases, 3 runs
    .venv/bin/python bench/check_throughput.py 5000 --runs 1  # any counts
    .venv/bin/python bench/check_throughput.py --source DIR   # another checkout, side by side

Timelines are generated in batches of 1,000 (mixed profiles, kinds of act and compliance). Each
case is then parsed from JSON bytes (decode + validate) and checked, one after the other as
`liuhen check` does; only parsing and checking are timed, each separately, so the report gives
"parse + validate + check" and "check only" rates. Each run is a fresh process (cold caches, its
own peak resident memory, which includes one generated batch; the packs are loaded before the
clock starts); the numbers reported are the medians of the runs. The calendar is the process's
current calendar, as in `liuhen check`.
`--source DIR` imports the engine from another checkout (DIR/liuhen), for before/after ratios
measured side by side on the same machine: runs of the two are interleaved.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parents[1]

CHINA = timezone(timedelta(hours=8))
AS_OF = datetime(2026, 12, 31, tzinfo=CHINA)
ACTS = (
    "inquiry",
    "onsite_inspection",
    "survey",
    "sampling",
    "evidence_collection",
    "rights_notice",
)


def stamp(moment: datetime) -> str:
    return moment.isoformat()


def timeline(rng: random.Random, number: int) -> dict[str, Any]:
    """One realistic case of about 30 events; about half breach something."""
    action = rng.choices(["penalty", "inspection", "license", "compulsory"], [6, 2, 1, 1])[0]
    start = datetime(2026, 1, 5, 9, tzinfo=CHINA) + timedelta(days=rng.randrange(300))
    sloppy = rng.random() < 0.5
    events: list[dict[str, Any]] = []

    def add(type_name: str, at: datetime, **fields: Any) -> None:
        events.append({"type": type_name, "at": stamp(at), **fields})

    add("initiation.approved", start - timedelta(minutes=15))
    add("case.initiated", start)
    moment = start + timedelta(days=1, hours=1)
    for i in range(rng.randint(1, 3)):
        av_id = f"av{i}"
        end = moment + timedelta(minutes=40)
        notice = not (sloppy and rng.random() < 0.2)
        add(
            "av.recorded",
            end,
            id=av_id,
            start=stamp(moment),
            notice_given=notice,
            statement_given=True,
        )
        for j, act in enumerate(rng.sample(ACTS, 2)):
            add(act, moment + timedelta(minutes=5 + 10 * j), av=[av_id])
        add("field.returned", end + timedelta(hours=1), remote=rng.random() < 0.1)
        delay = (
            timedelta(hours=rng.choice([2, 3, 30]))
            if sloppy and rng.random() < 0.3
            else timedelta(hours=2)
        )
        add("av.stored", end + delay, of=av_id)
        add("av.catalogued", end + delay + timedelta(hours=4), of=av_id)
        add("av.backed_up", end + delay + timedelta(hours=14), of=av_id)
        moment += timedelta(days=rng.randint(1, 3))
    add("statement", moment - timedelta(hours=20), waived=True, av=["av0"])
    add(
        "decision.drafted",
        moment,
        drafter=True,
        reviewer=True,
        legal_basis=True,
        evidence=True,
        discretion=not (sloppy and rng.random() < 0.3),
    )
    add("org_review", moment + timedelta(days=1))
    add("legal_review.submitted", moment + timedelta(days=1, hours=4))
    add("legal_review.passed", moment + timedelta(days=rng.choice([2, 3, 9])))
    add("decision.approved", moment + timedelta(days=10))
    add("decision.pre_notice", moment + timedelta(days=10, hours=5))
    decided = moment + timedelta(days=16)
    measures = {"penalty": ["fine"], "license": ["license_granted"], "compulsory": ["seize"]}.get(
        action, ["other"]
    )
    add("decision.made", decided, id="dec", measures=measures, fine_amount=5000)
    add(
        "av.recorded",
        decided + timedelta(hours=5, minutes=20),
        id="avs",
        start=stamp(decided + timedelta(hours=5)),
        notice_given=True,
        statement_given=True,
    )
    add(
        "service",
        decided + timedelta(hours=5, minutes=10),
        method="direct",
        receipt=not (sloppy and rng.random() < 0.2),
        av=["avs"],
    )
    add("av.stored", decided + timedelta(hours=7), of="avs")
    add("av.catalogued", decided + timedelta(hours=9), of="avs")
    add("av.backed_up", decided + timedelta(hours=20), of="avs")
    add(
        "decision.published",
        decided + timedelta(days=rng.choice([2, 3, 12])),
        redacted=True,
        full_text=True,
    )
    add("fulfilled", decided + timedelta(days=5))
    add("case.closed", decided + timedelta(days=6))
    if not (sloppy and rng.random() < 0.2):
        add("case.archived", decided + timedelta(days=rng.choice([10, 16, 50])))
    rng.shuffle(events)
    return {
        "format": "liuhen.case-timeline/1",
        "profile": rng.choice(list(PROFILES)),
        "case": {
            "id": f"BENCH-{number}",
            "action": action,
            "procedure": "general",
            "source": "ex_officio",
        },
        "events": events,
    }


# the engine's profiles, in its order (checked in `run`): the cases are drawn from them
PROFILES = ("dehong", "mangshi", "baijiantan", "guangdong", "henan", "fangcheng")


def run(total: int, seed: int = 2026) -> dict[str, float]:
    """One run in this process: generate, then parse and check `total` cases."""
    from liuhen.rules.calendar import current_calendar
    from liuhen.rules.cli import checking
    from liuhen.rules.evaluator import check_timeline
    from liuhen.rules.packs import load_packs
    from liuhen.rules.profiles import PROFILES as ENGINE_PROFILES
    from liuhen.rules.timeline import parse_timeline

    assert tuple(ENGINE_PROFILES) == PROFILES
    load_packs()  # once per process (about 0.2 s), as at the start of `liuhen check`: not timed
    rng = random.Random(seed)
    calendar = current_calendar()
    clock = time.perf_counter_ns
    checked = events = violating = 0
    parsing = checking_ns = 0
    cpu = 0.0
    while checked < total:
        batch = [
            json.dumps(timeline(rng, checked + i), ensure_ascii=False).encode()
            for i in range(min(1000, total - checked))
        ]
        began_cpu = time.process_time()
        with checking():
            for number, data in enumerate(batch):
                t0 = clock()
                parsed = parse_timeline(data, source=f"bench-{number}")
                t1 = clock()
                result = check_timeline(
                    parsed, profile=parsed.profile or "henan", as_of=AS_OF, calendar=calendar
                )
                t2 = clock()
                parsing += t1 - t0
                checking_ns += t2 - t1
                events += len(parsed.events)
                violating += result.has_violation
        cpu += time.process_time() - began_cpu
        checked += len(batch)
    seconds = (parsing + checking_ns) / 1e9
    return {
        "cases": checked,
        "seconds": seconds,
        "cases_per_second": checked / seconds,
        "check_only_per_second": checked / (checking_ns / 1e9),
        "cases_per_cpu_second": checked / cpu,
        "events_per_case": events / checked,
        "violating_share": violating / checked,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def one_run(total: int, source: Path) -> dict[str, float]:
    """A run in a fresh process importing the engine from `source`."""
    output = subprocess.run(  # noqa: S603 (this very script, with our own arguments)
        [sys.executable, __file__, str(total), "--one", "--source", str(source)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result: dict[str, float] = json.loads(output)
    return result


def describe_machine() -> str:
    model = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{os.cpu_count()} CPUs ({model}), {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, one process, one core per run"
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("totals", nargs="*", type=int, default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--source", type=Path, action="append")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    sources = options.source or [HERE]
    if options.one:  # a single run, in this (fresh) process
        sys.path.insert(0, str(sources[0]))
        print(json.dumps(run(options.totals[0])))
        return 0
    print(describe_machine())
    for total in options.totals:
        results: dict[Path, list[dict[str, float]]] = {source: [] for source in sources}
        for _ in range(options.runs):
            for source in sources:  # interleaved, so that both see the same machine
                load = os.getloadavg()[0]
                result = one_run(total, source)
                result["load_before"] = load
                result["load_after"] = os.getloadavg()[0]
                results[source].append(result)
        for source in sources:
            runs = results[source]

            def median(key: str, runs: list[dict[str, float]] = runs) -> float:
                return statistics.median(r[key] for r in runs)

            print(
                f"{source}: {total:>7} cases, median of {len(runs)}: "
                f"parse+validate+check {median('cases_per_second'):6.0f} cases/s "
                f"({median('cases_per_cpu_second'):.0f} per CPU-second), "
                f"check only {median('check_only_per_second'):6.0f} cases/s, "
                f"peak RSS {median('peak_rss_mb'):.0f} MB, "
                f"{median('events_per_case'):.1f} events/case, "
                f"{median('violating_share'):.0%} with a violation"
            )
            for r in runs:
                print(
                    f"    run: {r['cases_per_second']:6.0f} cases/s, "
                    f"check only {r['check_only_per_second']:6.0f}, "
                    f"{r['seconds']:6.2f} s, peak RSS {r['peak_rss_mb']:.0f} MB, "
                    f"load average {r['load_before']:.2f} → {r['load_after']:.2f}"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
