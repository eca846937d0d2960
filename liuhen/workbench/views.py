"""The signed-in person's home page (one section per role held), the supervision overview and the
regulation texts."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from liuhen.accounts.access import AccessDenied
from liuhen.accounts.context import roles_held
from liuhen.accounts.models import User
from liuhen.accounts.roles import Role
from liuhen.accounts.views import login_view
from liuhen.rules.profiles import PROFILES
from liuhen.workbench.panels import home_context, supervised_rows
from liuhen.workbench.regulation_texts import REGULATIONS, regulation_paragraphs


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def home(request: HttpRequest) -> HttpResponse:
    # The front door answers 200 with the log-in form rather than a redirect, so that a plain
    # fetch of http://127.0.0.1:8000/ (a health check, a first visit) shows where to log in.
    if not request.user.is_authenticated:
        return login_view(request)
    return render(request, "workbench/home.html", home_context(_user(request)))


@login_required
def supervision(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if Role.SUPERVISOR not in roles_held(user):
        raise AccessDenied("只有监督人员可以查看执法监督概况")
    return render(request, "workbench/supervision.html", {"rows": supervised_rows(user)})


@login_required
def regulations(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "workbench/regulations.html",
        {"regulations": REGULATIONS.values(), "profiles": PROFILES.values()},
    )


@login_required
def regulation(request: HttpRequest, regulation_id: str) -> HttpResponse:
    entry = REGULATIONS.get(regulation_id)
    if entry is None:
        raise Http404("没有这部规定")
    return render(
        request,
        "workbench/regulation.html",
        {"entry": entry, "paragraphs": regulation_paragraphs(regulation_id)},
    )
