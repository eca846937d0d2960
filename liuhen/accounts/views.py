"""Log-in and log-out pages."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_http_methods, require_POST

from liuhen.accounts.forms import LoginForm
from liuhen.accounts.middleware import SESSION_LOGIN_AT
from liuhen.accounts.models import LoginOutcome, User
from liuhen.accounts.services import LoginRefused, login_attempt, login_event_record


@never_cache
@csrf_protect
@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = login_attempt(
                request=request,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password"],
            )
        except LoginRefused as refused:
            form.add_error(None, str(refused))
        else:
            login(request, user)
            request.session[SESSION_LOGIN_AT] = timezone.now().isoformat()
            return redirect(next_url or "workbench:home")
    limits = {
        "max_failures": settings.LIUHEN_LOGIN_MAX_FAILURES,
        "lockout_minutes": settings.LIUHEN_LOGIN_LOCKOUT_MINUTES,
        "idle_minutes": settings.SESSION_COOKIE_AGE // 60,
    }
    return render(request, "accounts/login.html", {"form": form, "next": next_url, **limits})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        assert isinstance(request.user, User)
        login_event_record(
            request=request,
            username=request.user.get_username(),
            user=request.user,
            outcome=LoginOutcome.LOGOUT,
        )
    logout(request)
    return redirect("accounts:login")
