"""Case page and dashboard latency on a generated database (bench/case_data.py): p50/p95/max.

    export LIUHEN_DATA_DIR=/tmp/bench-cases-sqlite      # or DATABASE_URL=postgres://…
    .venv/bin/python bench/case_pages.py                # the HTML pages and the REST API
    .venv/bin/python bench/case_pages.py --users dehong.supervisor --dashboard-url /supervision/
    .venv/bin/python bench/case_pages.py --dashboard-url query:dashboard   # queries alone

Each user (default a handler and an agency head of 芒市应急管理局) gets a browser session as the
log-in page leaves it (`force_login` plus the session's log-in time, which the session-lifetime
middleware requires), then requests, through Django's test `Client` in this process (the whole
middleware stack, URL routing, views, templates or JSON; no network), the case page of
`--cases` random cases the user may view and each dashboard `--repeat` times, after a few
unmeasured warm-up requests. Every response must be 200. The SQL queries of each request are
counted with `CaptureQueriesContext`.

By default: the case page (`/cases/{id}/`) and the API case detail; the agency dashboard
(`/cases/dashboard/`), 我的待办 (`/cases/dues/`) and the API case list. `query:dashboard`
measures the queries a dashboard runs, without the page, in this process: the user's dues
overdue or due within 7 days (`access_case_dues`), the acts awaiting the user's approval
(`access_events_awaiting_approval`), cases by stage and the cases with the most violations
(`access_case_compliance`: the cache's counts, not its findings documents), 200 rows of each,
every row's case and agency read.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

DEFAULT_CASE_URLS = ("/cases/{id}/", "/api/v1/cases/{id}")
DEFAULT_DASHBOARD_URLS = ("/cases/dashboard/", "/cases/dues/", "/api/v1/cases?limit=50")
ROWS = 200


@dataclass
class Result:
    page: str
    user: str
    times_ms: list[float]
    queries: list[int]

    def row(self) -> str:
        times = sorted(self.times_ms)
        p95 = times[max(0, round(0.95 * len(times)) - 1)]
        low, high = min(self.queries), max(self.queries)
        queries = str(low) if low == high else f"{low}–{high}"
        return (
            f"| {self.page} | {self.user} | {len(times)} | {statistics.median(times):.1f} | "
            f"{p95:.1f} | {times[-1]:.1f} | {queries} |"
        )


def dashboard_queries(user: Any) -> int:
    """The dashboard's data as its page reads it; returns the number of rows read."""
    from django.db.models import Count

    from liuhen.cases.access import (
        CaseAction,
        access_case_compliance,
        access_case_dues,
        access_cases,
        access_events_awaiting_approval,
    )

    rows = 0
    for due in access_case_dues(user=user, within=dt.timedelta(days=7))[:ROWS]:
        rows += bool(due.case.number and due.case.agency.name)
    for event in access_events_awaiting_approval(user=user)[:ROWS]:
        rows += bool(event.case.number and (event.recorded_by is None or event.recorded_by.pk))
    cases = access_cases(user=user, action=CaseAction.VIEW)
    rows += len(list(cases.order_by().values("stage").annotate(n=Count("id"))))
    for compliance in access_case_compliance(user=user).filter(violations__gt=0)[:ROWS]:
        rows += bool(compliance.case.number and compliance.case.agency.name)
    return rows


def browser(user: Any) -> Any:
    from django.contrib.sessions.backends.base import SessionBase
    from django.test import Client
    from django.utils import timezone

    from liuhen.accounts.middleware import SESSION_LOGIN_AT

    client = Client()
    client.force_login(user)
    session: SessionBase = client.session
    session[SESSION_LOGIN_AT] = timezone.now().isoformat()
    session.save()
    return client


def measure(
    page: str, user: Any, targets: list[str], *, warmup: int = 3
) -> tuple[list[float], list[int]]:
    """Request each target (a URL, or query:dashboard) once, after `warmup` unmeasured ones."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = browser(user)
    call: Callable[[str], Any]

    def get(url: str) -> Any:
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{page}: GET {url} as {user.username}: {response.status_code}")
        return response

    call = (lambda _url: dashboard_queries(user)) if page == "query:dashboard" else get
    for url in targets[:warmup]:
        call(url)
    times: list[float] = []
    counts: list[int] = []
    for url in targets:
        # Django keeps a connection's last 9,000 queries only; a request across that limit
        # would be counted as none
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as queries:
            began = time.perf_counter()
            call(url)
            times.append((time.perf_counter() - began) * 1000)
        counts.append(len(queries.captured_queries))
    return times, counts


def describe() -> str:
    from django.db import connection

    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    server = ""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            server = f" {cursor.fetchone()[0]}"
    else:
        import sqlite3

        server = f" {sqlite3.sqlite_version}"
    return (
        f"{connection.vendor}{server}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, load average {load}"
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", nargs="+", default=["mangshi.handler", "mangshi.head"])
    parser.add_argument("--cases", type=int, default=300, help="case pages per user")
    parser.add_argument("--repeat", type=int, default=100, help="requests per dashboard")
    parser.add_argument(
        "--case-url", action="append", help="'{id}' is the case's primary key (repeatable)"
    )
    parser.add_argument(
        "--dashboard-url", action="append", help="a URL path, or query:dashboard (repeatable)"
    )
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "liuhen.settings")
    import django

    django.setup()
    from django.conf import settings

    from liuhen.accounts.models import User
    from liuhen.cases.access import CaseAction, access_cases
    from liuhen.cases.models import Case, CaseEvent

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    rng = random.Random(args.seed)
    print(
        f"{Case.objects.count():,} cases, {CaseEvent.objects.count():,} events; {describe()}",
        flush=True,
    )
    results: list[Result] = []
    for username in args.users:
        user = User.objects.get(username=username)
        ids = list(access_cases(user=user, action=CaseAction.VIEW).values_list("id", flat=True))
        if not ids:
            raise SystemExit(f"{username} may view no case")
        chosen = rng.sample(ids, min(args.cases, len(ids)))
        for template in args.case_url or DEFAULT_CASE_URLS:
            urls = [template.format(id=i) for i in chosen]
            times, counts = measure(template, user, urls)
            results.append(Result(template, username, times, counts))
            print(results[-1].row(), flush=True)
        for url in args.dashboard_url or DEFAULT_DASHBOARD_URLS:
            times, counts = measure(url, user, [url] * args.repeat)
            results.append(Result(url, username, times, counts))
            print(results[-1].row(), flush=True)
    print(f"\nafter: load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("\n| page | user | requests | p50 ms | p95 ms | max ms | queries |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for result in results:
        print(result.row())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
