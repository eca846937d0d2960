"""The agency's 重大执法决定法制审核目录清单 (henan-review 第七条): read by everyone in the agency
(and its supervisors), set by its 负责人 or 法制审核人员 (as `review_catalogue_set` requires)."""

from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import BaseFormSet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from liuhen.accounts.access import AgencyAction, access_agencies, access_agency_by_id
from liuhen.accounts.roles import Role
from liuhen.agencies.models import Agency
from liuhen.cases.errors import CaseInputError
from liuhen.review.forms.catalogue import (
    CriterionForm,
    CriterionFormSet,
    catalogue_entries,
    criterion_initial,
)
from liuhen.review.models import MajorDecisionCriterion
from liuhen.review.roles import holds
from liuhen.review.rules import MAJOR_SITUATIONS, label_of
from liuhen.review.services import review_catalogue_set
from liuhen.review.views.common import request_user
from liuhen.rules.vocabulary import ACTIONS, DECISION_MEASURES

EDITORS = (Role.APPROVER, Role.LEGAL_REVIEWER)


def _agency(request: HttpRequest, agency_id: int) -> Agency:
    return access_agency_by_id(
        user=request_user(request), agency_id=agency_id, action=AgencyAction.VIEW
    )


def _rows(agency: Agency) -> list[dict[str, object]]:
    rows = []
    for c in MajorDecisionCriterion.objects.filter(agency=agency, active=True).order_by("id"):
        if c.kind == "measure":
            what = "、".join(DECISION_MEASURES.get(m, m) for m in c.measures)
        elif c.kind == "fine" and c.fine_threshold is not None:
            what = f"罚款数额达到 {c.fine_threshold.normalize():f} 元"
        else:
            what = label_of(MAJOR_SITUATIONS, c.situation)
        rows.append(
            {
                "criterion": c,
                "what": what,
                "action": ACTIONS.get(c.action, "不限"),
            }
        )
    return rows


@login_required
@require_GET
def catalogue_index(request: HttpRequest) -> HttpResponse:
    agencies = list(access_agencies(user=request_user(request), action=AgencyAction.VIEW)[:200])
    if len(agencies) == 1:
        return redirect("review:catalogue", agency_id=agencies[0].pk)
    return render(request, "review/catalogue_index.html", {"agencies": agencies})


@login_required
@require_GET
def catalogue(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = _agency(request, agency_id)
    return render(
        request,
        "review/catalogue.html",
        {
            "agency": agency,
            "rows": _rows(agency),
            "can_edit": holds(request_user(request), agency.pk, *EDITORS),
        },
    )


def _place(formset: BaseFormSet[CriterionForm], kept: list[int], error: CaseInputError) -> bool:
    """Show a service error on `criteria[i].field` on row i's field (False: not a row's)."""
    match = re.match(r"criteria\[(\d+)\]\.(\w+)$", error.field)
    if not match or int(match.group(1)) >= len(kept):
        return False
    form = formset.forms[kept[int(match.group(1))]]
    name = match.group(2)
    form.add_error(name if name in form.fields else None, error.text)
    return True


@login_required
@require_http_methods(["GET", "POST"])
def catalogue_edit(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = _agency(request, agency_id)
    user = request_user(request)
    top: list[str] = []
    if request.method == "POST":
        formset = CriterionFormSet(request.POST, prefix="criteria")
        if formset.is_valid():
            entries = catalogue_entries(formset)
            try:
                created = review_catalogue_set(
                    actor=user, agency=agency, criteria=[e for _, e in entries]
                )
            except CaseInputError as error:
                if not _place(formset, [i for i, _ in entries], error):
                    top = error.messages
            except ValidationError as error:
                top = error.messages
            else:
                messages.success(
                    request, f"已更新重大执法决定法制审核目录清单（{len(created)} 项）"
                )
                return redirect("review:catalogue", agency_id=agency.pk)
    else:
        active = MajorDecisionCriterion.objects.filter(agency=agency, active=True).order_by("id")
        formset = CriterionFormSet(
            prefix="criteria", initial=[criterion_initial(c) for c in active]
        )
    invalid = request.method == "POST"
    return render(
        request,
        "review/catalogue_edit.html",
        {
            "agency": agency,
            "formset": formset,
            "top_errors": top,
            "can_edit": holds(user, agency.pk, *EDITORS),
        },
        status=400 if invalid else 200,
    )
