"""Chinese error pages that say what happened without leaking what exists."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    reason = str(exception) if exception and str(exception) else "您无权访问该页面。"
    return render(request, "errors/error.html", {"code": 403, "reason": reason}, status=403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/error.html", {"code": 404, "reason": "页面不存在。"}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without the request's context: the failure may lie in what the context
    # processors read (the session, the user, the database).
    return HttpResponse(loader.get_template("errors/500.html").render(), status=500)
