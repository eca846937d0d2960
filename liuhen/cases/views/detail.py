"""The case page: header, parties, officers, the timeline by stage, the live compliance panel
and the to-do list, with the buttons the user's roles open."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from liuhen.cases.access import CaseAction, case_rights
from liuhen.cases.approval_preview import approval_previews
from liuhen.cases.forms.acts import act_menu
from liuhen.cases.forms.opening import PartyForm
from liuhen.cases.forms.people import OfficerAssignForm
from liuhen.cases.forms.recording import InterruptionFormSet, RecordingAttachForm
from liuhen.cases.models import Case, EventStatus
from liuhen.cases.presenters import (
    approvable_steps,
    cached_findings,
    finding_views,
    next_steps,
    party_view,
    stage_bar,
    stage_moves,
    timeline_groups,
)
from liuhen.cases.queries import assignable_officers, attachable_holdings, case_events
from liuhen.cases.stages import effective_types
from liuhen.cases.views.common import case_for, request_user
from liuhen.rules.clock import parse_time
from liuhen.workbench.panels import regulations_binding


def compliance_context(case: Case) -> dict[str, Any]:
    """The compliance cache (refreshed by every write and daily), read at the present moment:
    the time left is counted from now, and a deadline passed since is shown as overdue."""
    now = timezone.now()
    raw, warnings, computed_at = cached_findings(case)
    findings = finding_views(raw, now=now)
    return {
        "case": case,
        "findings": findings,
        "violations": [f for f in findings if f.severity == "violation"],
        "pending": [f for f in findings if f.severity == "pending"],
        "advice": [f for f in findings if f.severity == "advice"],
        "warnings": warnings,
        "as_of": now,
        "computed_at": computed_at,
    }


def case_context(request: HttpRequest, case: Case) -> dict[str, Any]:
    user = request_user(request)
    events = case_events(case)
    types = effective_types(case)
    compliance = compliance_context(case)
    rights = case_rights(user=user, case=case)  # once: every question below reads it
    can_record = rights.record and case.archived_at is None
    steps = approvable_steps(rights)
    groups = timeline_groups(case, events)
    previews = approval_previews(case=case, events=events, steps=steps)
    for group in groups:
        for view in group.events:
            view.preview = previews.get(view.event.pk)
    recordings = [
        e for e in events if e.type == "av.recorded" and e.status == EventStatus.EFFECTIVE
    ]
    follow_ups = {
        (e.type, e.fields.get("of"))
        for e in events
        if e.type in ("av.catalogued", "av.backed_up") and e.status == EventStatus.EFFECTIVE
    }
    context: dict[str, Any] = {
        "case": case,
        "stage_bar": stage_bar(case),
        "regulations": regulations_binding(case.agency),
        "parties": [party_view(p, visible=rights.party_details) for p in case.parties.all()],
        "officers": case.officers.filter(released_at__isnull=True).select_related("officer"),
        "groups": groups,
        "todo": next_steps(case, findings=compliance["findings"], events=events, types=types),
        "can_record": can_record,
        "can_export": rights.export,
        "steps": steps,
        "moves": stage_moves(case, types) if can_record else [],
        "menu": act_menu(case) if can_record else [],
        "recordings": [
            (
                r,
                parse_time(r.fields["start"]),
                ("av.catalogued", r.event_id) in follow_ups,
                ("av.backed_up", r.event_id) in follow_ups,
            )
            for r in recordings
        ],
        **{
            k: compliance[k]
            for k in ("violations", "pending", "advice", "warnings", "as_of", "computed_at")
        },
    }
    if can_record:
        context["assign_form"] = OfficerAssignForm(officers=assignable_officers(case))
        context["party_form"] = PartyForm(prefix="new-party")
        holdings = attachable_holdings(user=user, case=case)
        context["attach_form"] = RecordingAttachForm(holdings=holdings)
        context["interruptions"] = InterruptionFormSet(prefix="interruption")
        context["has_holdings"] = holdings.exists()
        context["chunk_size"] = settings.LIUHEN_UPLOAD_CHUNK_SIZE
    return context


@login_required
@require_GET
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    case = case_for(request, case_id, CaseAction.VIEW)
    return render(request, "cases/detail.html", case_context(request, case))


@login_required
@require_GET
def case_compliance(request: HttpRequest, case_id: int) -> HttpResponse:
    """The compliance panel alone (htmx refreshes it after recording, and every minute)."""
    case = case_for(request, case_id, CaseAction.VIEW)
    return render(request, "cases/_compliance.html", compliance_context(case))
