"""Chinese error pages that say what happened without leaking what exists."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    reason = str(exception) if exception and str(exception) else "您无权访问该页面。"
    return render(request, "errors/error.html", {"code": 403, "reason": reason}, status=403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/error.html", {"code": 404, "reason": "页面不存在。"}, status=404)
