"""Audio-video records of a case: attaching an uploaded file, cataloguing and back-up marks."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from liuhen.cases.access import CaseAction
from liuhen.cases.forms.recording import InterruptionFormSet, RecordingAttachForm, interruptions
from liuhen.cases.models import CaseEvent
from liuhen.cases.presenters import recording_row
from liuhen.cases.queries import attachable_holdings
from liuhen.cases.services import (
    case_recording_attach,
    case_recording_backup_mark,
    case_recording_catalogue,
)
from liuhen.cases.views.common import case_for, is_htmx, request_user
from liuhen.workbench.form_errors import form_add_service_error


@login_required
@require_POST
def recording_attach(request: HttpRequest, case_id: int) -> HttpResponse:
    case = case_for(request, case_id, CaseAction.RECORD)
    user = request_user(request)
    form = RecordingAttachForm(request.POST, holdings=attachable_holdings(user=user, case=case))
    breaks = InterruptionFormSet(request.POST, prefix="interruption")
    if form.is_valid() and breaks.is_valid():
        try:
            event = case_recording_attach(
                actor=user,
                case=case,
                holding=form.cleaned_data["holding"],
                start=form.cleaned_data["start"],
                end=form.cleaned_data["end"],
                device=form.cleaned_data["device"],
                notice_given=form.cleaned_data["notice_given"],
                statement_given=form.cleaned_data["statement_given"],
                interruptions=interruptions(breaks),
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(
                request, f"已登记音像记录 {event.event_id}，储存时间为服务器收到文件的时间"
            )
            return redirect("cases:detail", case_id=case.pk)
    return render(
        request,
        "cases/recording_form.html",
        {"case": case, "attach_form": form, "interruptions": breaks},
        status=400,
    )


def _follow_up(request: HttpRequest, case_id: int, event_id: int, *, backup: bool) -> HttpResponse:
    case = case_for(request, case_id, CaseAction.RECORD)
    recording = get_object_or_404(CaseEvent, pk=event_id, case=case)
    service = case_recording_backup_mark if backup else case_recording_catalogue
    error = ""
    try:
        service(actor=request_user(request), case=case, recording=recording)
    except ValidationError as refused:
        error = "；".join(refused.messages)
    if is_htmx(request):
        # the row alone, and an event that makes the compliance panel refresh itself
        response = render(
            request,
            "cases/_recording_row.html",
            {"case": case, "can_record": True, "error": error, **recording_row(recording)},
        )
        if not error:
            response["HX-Trigger"] = "case-recorded"
        return response
    if error:
        messages.error(request, error)
    else:
        what = "异地备份" if backup else "分类整理、命名、描述"
        messages.success(request, f"已记录音像记录 {recording.event_id} 的{what}")
    return redirect("cases:detail", case_id=case.pk)


@login_required
@require_POST
def recording_catalogue(request: HttpRequest, case_id: int, event_id: int) -> HttpResponse:
    return _follow_up(request, case_id, event_id, backup=False)


@login_required
@require_POST
def recording_backup(request: HttpRequest, case_id: int, event_id: int) -> HttpResponse:
    return _follow_up(request, case_id, event_id, backup=True)
