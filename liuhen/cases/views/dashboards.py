"""我的待办 (an officer's due and overdue duties) and the agency dashboard (heads, supervisors)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from liuhen.accounts.access import AccessDenied
from liuhen.agencies.models import Officer
from liuhen.cases.access import access_events_awaiting_approval
from liuhen.cases.presenters import time_left
from liuhen.cases.queries import (
    DUE_WINDOWS,
    agency_dashboard,
    dashboard_agencies,
    dashboard_default_agency,
    due_filter_cases,
    due_rows,
    rows_page,
)
from liuhen.cases.views.common import pager, request_user
from liuhen.rules import vocabulary as v
from liuhen.workbench.panels import staffing_panel


@login_required
@require_GET
def my_dues(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    now = timezone.now()
    window = request.GET.get("window", "7d")
    if window not in DUE_WINDOWS:
        window = "7d"
    case_id = request.GET.get("case", "")
    is_officer = Officer.objects.filter(user=user).exists()
    mine = is_officer and request.GET.get("scope", "mine") == "mine"
    dues = rows_page(
        due_rows(
            user=user,
            window=window,
            case_id=int(case_id) if case_id.isdigit() else None,
            mine=mine,
            now=now,
        ),
        request.GET.get("page"),
    )
    rows = [(d, time_left(d.due_at, now), d.due_at <= now) for d in dues.rows]
    awaiting = [
        (event, v.label(event.type))
        for event in access_events_awaiting_approval(user=user).exclude(recorded_by=user)[:100]
    ]
    return render(
        request,
        "cases/my_dues.html",
        {
            "rows": rows,
            "pager": pager(request, "page", dues),
            "awaiting": awaiting,
            "windows": [(k, label) for k, (label, _) in DUE_WINDOWS.items()],
            "window": window,
            "case_id": case_id,
            "cases": due_filter_cases(user=user, mine=mine)[:200],
            "mine": mine,
            "is_officer": is_officer,
        },
    )


@login_required
@require_GET
def agency_board(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    agencies = list(dashboard_agencies(user=user))
    if not agencies:
        raise AccessDenied("您没有可查看案件的执法主体")
    wanted = request.GET.get("agency", "")
    agency = next((a for a in agencies if str(a.pk) == wanted), None)
    if agency is None:
        agency = dashboard_default_agency(user=user) or agencies[0]
    now = timezone.now()
    pages = {name: request.GET.get(name) for name in ("overdue", "violations", "awaiting")}
    board = agency_dashboard(user=user, agency=agency, now=now, pages=pages)
    return render(
        request,
        "cases/agency_dashboard.html",
        {
            "board": board,
            "agencies": agencies,
            # henan-review 第五条 where it binds: the head answers for the review body's staffing
            "staffing": staffing_panel(agency),
            "overdue": [(d, time_left(d.due_at, now)) for d in board.overdue.rows],
            "pagers": {
                "overdue": pager(request, "overdue", board.overdue),
                "violations": pager(request, "violations", board.with_violations),
                "awaiting": pager(request, "awaiting", board.awaiting),
            },
        },
    )
