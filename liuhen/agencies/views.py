"""Pages for agencies, officers, members and roles. Views parse input, ask the access functions,
call a service, and render; they hold no rules of their own."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from liuhen.accounts.access import (
    AccessDenied,
    AgencyAction,
    access_agencies,
    access_agency_by_id,
    access_officer_by_id,
    access_officers,
    agency_ids_for,
)
from liuhen.accounts.models import Membership, User
from liuhen.accounts.services import member_enrol, role_grant, role_revoke
from liuhen.agencies.forms import (
    AgencyContactForm,
    AgencyForm,
    MemberForm,
    OfficerForm,
    OfficerStatusForm,
    RoleGrantForm,
)
from liuhen.agencies.models import Agency, Officer, Supervision
from liuhen.agencies.services import (
    agency_create,
    agency_update,
    officer_register,
    officer_set_status,
)
from liuhen.workbench.form_errors import form_add_service_error
from liuhen.workbench.panels import regulations_binding


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _tree_rows(agencies: list[Agency]) -> list[tuple[Agency, int]]:
    """Depth-first order for display; an agency whose parent is not visible starts a root."""
    by_parent: dict[int | None, list[Agency]] = {}
    ids = {a.pk for a in agencies}
    for agency in agencies:
        key = agency.parent_id if agency.parent_id in ids else None
        by_parent.setdefault(key, []).append(agency)
    rows: list[tuple[Agency, int]] = []

    def walk(parent: int | None, depth: int) -> None:
        for child in sorted(
            by_parent.get(parent, []), key=lambda a: (a.kind != "government", a.name)
        ):
            rows.append((child, depth))
            walk(child.pk, depth + 1)

    walk(None, 0)
    return rows


@login_required
def agency_list(request: HttpRequest) -> HttpResponse:
    agencies = list(access_agencies(user=_user(request), action=AgencyAction.VIEW))
    return render(
        request,
        "agencies/list.html",
        {"rows": _tree_rows(agencies), "can_create": _user(request).is_superuser},
    )


@login_required
@require_http_methods(["GET", "POST"])
def agency_new(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not user.is_superuser:
        raise AccessDenied("只有平台管理员可以登记新的执法主体")
    form = AgencyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            agency = agency_create(actor=user, **form.cleaned_data)
        except ValidationError as exc:
            form_add_service_error(form, exc)
        else:
            messages.success(request, f"已登记「{agency.name}」")
            return redirect("agencies:detail", agency.pk)
    return render(request, "agencies/form.html", {"form": form, "title": "登记执法主体"})


@login_required
@require_http_methods(["GET", "POST"])
def agency_edit(request: HttpRequest, agency_id: int) -> HttpResponse:
    """Platform administrators change everything, an agency's own 系统管理员 its contact data:
    the tree, the profile and the credit code decide which regulations bind and who supervises."""
    user = _user(request)
    agency = access_agency_by_id(user=user, agency_id=agency_id, action=AgencyAction.MANAGE)
    form_class = AgencyForm if user.is_superuser else AgencyContactForm
    initial = {name: getattr(agency, name) for name in form_class.base_fields}
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        changes = {k: v for k, v in form.cleaned_data.items() if v != initial[k]}
        try:
            agency = agency_update(actor=user, agency=agency, **changes)
        except ValidationError as exc:
            form_add_service_error(form, exc)
        else:
            messages.success(request, f"已保存「{agency.name}」")
            return redirect("agencies:detail", agency.pk)
    return render(
        request,
        "agencies/form.html",
        {"form": form, "title": f"修改「{agency.name}」", "agency": agency},
        status=400 if form.errors else 200,
    )


@login_required
def agency_detail(request: HttpRequest, agency_id: int) -> HttpResponse:
    user = _user(request)
    agency = access_agency_by_id(user=user, agency_id=agency_id, action=AgencyAction.VIEW)
    managed = agency_ids_for(user=user, action=AgencyAction.MANAGE)
    can_manage = managed is None or agency.pk in managed
    members = (
        Membership.objects.filter(agency=agency)
        .select_related("user")
        .prefetch_related("roles")
        .order_by("user__full_name")
    )
    context = {
        "agency": agency,
        "can_manage": can_manage,
        "regulations": regulations_binding(agency),
        "officers": agency.officers.order_by("name"),
        "members": members,
        "supervisors": Supervision.objects.filter(supervised=agency, ended_at__isnull=True)
        .select_related("supervisor")
        .order_by("supervisor__name"),
        "supervises": Supervision.objects.filter(supervisor=agency, ended_at__isnull=True)
        .select_related("supervised")
        .order_by("supervised__name"),
        "entrusted": agency.entrusted_organisations.order_by("name"),
        "officer_form": OfficerForm(),
        "member_form": MemberForm(),
        "role_form": RoleGrantForm(members=_member_choices(agency)),
        "status_form": OfficerStatusForm(),
    }
    return render(request, "agencies/detail.html", context)


def _member_choices(agency: Agency) -> list[tuple[int, str]]:
    return [
        (m.user_id, f"{m.user.full_name}（{m.user.username}）")
        for m in Membership.objects.filter(agency=agency).select_related("user")
    ]


def _managed_agency(request: HttpRequest, agency_id: int) -> Agency:
    return access_agency_by_id(user=_user(request), agency_id=agency_id, action=AgencyAction.MANAGE)


def _form_page(request: HttpRequest, agency: Agency, form: object, title: str) -> HttpResponse:
    return render(
        request, "agencies/form.html", {"form": form, "title": title, "agency": agency}, status=400
    )


@login_required
@require_POST
def officer_new(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = _managed_agency(request, agency_id)
    form = OfficerForm(request.POST)
    if form.is_valid():
        try:
            officer = officer_register(actor=_user(request), agency=agency, **form.cleaned_data)
        except ValidationError as exc:
            form_add_service_error(form, exc)
        else:
            messages.success(request, f"已登记执法人员 {officer}")
            return redirect("agencies:detail", agency.pk)
    return _form_page(request, agency, form, f"为「{agency.name}」登记执法人员")


@login_required
@require_POST
def officer_status(request: HttpRequest, officer_id: int) -> HttpResponse:
    officer = access_officer_by_id(
        user=_user(request), officer_id=officer_id, action=AgencyAction.MANAGE
    )
    form = OfficerStatusForm(request.POST)
    if form.is_valid():
        try:
            officer = officer_set_status(actor=_user(request), officer=officer, **form.cleaned_data)
        except ValidationError as exc:
            form_add_service_error(form, exc)
        else:
            messages.success(
                request, f"{officer.name} 的执法证状态已改为「{officer.get_status_display()}」"
            )
            return redirect("agencies:detail", officer.agency_id)
    return _form_page(request, officer.agency, form, f"变更 {officer} 的执法证状态")


@login_required
@require_POST
def member_new(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = _managed_agency(request, agency_id)
    form = MemberForm(request.POST)
    if form.is_valid():
        try:
            membership = member_enrol(actor=_user(request), agency=agency, **form.cleaned_data)
        except ValidationError as exc:
            form_add_service_error(form, exc)
        else:
            messages.success(request, f"已为「{agency.name}」添加人员 {membership.user}")
            return redirect("agencies:detail", agency.pk)
    return _form_page(request, agency, form, f"为「{agency.name}」添加人员")


@login_required
@require_POST
def role_new(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = _managed_agency(request, agency_id)
    form = RoleGrantForm(request.POST, members=_member_choices(agency))
    if form.is_valid():
        person = User.objects.get(pk=int(form.cleaned_data["user"]))
        try:
            grant = role_grant(
                actor=_user(request), user=person, agency=agency, role=form.cleaned_data["role"]
            )
        except ValidationError as exc:
            form_add_service_error(form, exc)
        else:
            messages.success(request, f"已授予 {person.full_name}「{grant.get_role_display()}」")
            return redirect("agencies:detail", agency.pk)
    return _form_page(request, agency, form, f"在「{agency.name}」授予角色")


@login_required
@require_POST
def role_remove(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = _managed_agency(request, agency_id)
    user_id = request.POST.get("user", "")
    person = (
        Membership.objects.filter(agency=agency, user_id=int(user_id)).first()
        if user_id.isdigit()
        else None
    )
    if person is None:
        messages.error(request, "该人员不属于本单位")
        return redirect("agencies:detail", agency.pk)
    try:
        role_revoke(
            actor=_user(request), user=person.user, agency=agency, role=request.POST.get("role", "")
        )
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, f"已撤销 {person.user.full_name} 的角色")
    return redirect("agencies:detail", agency.pk)


@login_required
def officer_list(request: HttpRequest) -> HttpResponse:
    officers = access_officers(user=_user(request), action=AgencyAction.VIEW)
    query = request.GET.get("q", "").strip()
    if query:
        officers = officers.filter(
            Q(name__icontains=query) | Q(certificate_number__icontains=query)
        )
    status = request.GET.get("status", "")
    if status:
        officers = officers.filter(status=status)
    page: list[Officer] = list(officers.order_by("agency__name", "name")[:500])
    return render(
        request, "agencies/officers.html", {"officers": page, "q": query, "status": status}
    )
