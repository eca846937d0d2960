"""The API object: authentication, error mapping, routers. Mounted at /api/v1/ (liuhen/urls.py);
the OpenAPI document is /api/v1/openapi.json and its pages /api/v1/docs, served from the
package's own static files (no CDN)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as SchemaError
from ninja.renderers import JSONRenderer

from liuhen.accounts.access import AccessDenied
from liuhen.api.auth import ActiveSessionAuth, TokenAuth
from liuhen.api.routes_cases import router as cases_router
from liuhen.api.routes_evidence import router as evidence_router
from liuhen.api.routes_rules import router as rules_router
from liuhen.cases.errors import CaseInputError, CaseStateError
from liuhen.evidence.store import StoreError
from liuhen.rules import TimelineError, UnknownProfile


class ChineseJSON(JSONRenderer):
    # messages are Chinese: send them readable, not as \u escapes
    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title="留痕 Liuhen API",
    version="1",
    description=(
        "行政执法案件、执法行为、证据上传与合规检查接口。时间一律为带时区的 RFC 3339；"
        "事件与字段采用案件时间线规范（liuhen.case-timeline/1）。"
    ),
    auth=[TokenAuth(), ActiveSessionAuth()],
    urls_namespace="api",
    renderer=ChineseJSON(),
)
api.add_router("/cases", cases_router, tags=["案件"])
api.add_router("/evidence", evidence_router, tags=["证据"])
api.add_router("/check", rules_router, tags=["合规检查"])


def _error(
    request: HttpRequest, status: int, message: str, field: str | None = None
) -> HttpResponse:
    body = {"error": message} if field is None else {"error": message, "field": field}
    return api.create_response(request, body, status=status)


@api.exception_handler(AccessDenied)
def _denied(request: HttpRequest, error: AccessDenied) -> HttpResponse:
    # the same answer for "not yours" and "does not exist": ids do not leak
    return _error(request, 404, str(error) or "不存在或无权访问")


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
    return _error(request, 401, "未认证：请提供有效的令牌（Authorization: Bearer …）或先登录")


@api.exception_handler(CaseInputError)
def _case_input(request: HttpRequest, error: CaseInputError) -> HttpResponse:
    return _error(request, 422, error.text, error.field)


@api.exception_handler(CaseStateError)
def _case_state(request: HttpRequest, error: CaseStateError) -> HttpResponse:
    return _error(request, 409, error.text)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, error: ValidationError) -> HttpResponse:
    if hasattr(error, "error_dict"):
        field, messages = next(iter(error.message_dict.items()))
        return _error(request, 422, "；".join(messages), field)
    return _error(request, 422, "；".join(error.messages))


@api.exception_handler(TimelineError)
def _timeline(request: HttpRequest, error: TimelineError) -> HttpResponse:
    return _error(request, 422, str(error), error.path or None)


@api.exception_handler(UnknownProfile)
def _profile(request: HttpRequest, error: UnknownProfile) -> HttpResponse:
    return _error(request, 422, str(error), "profile")


@api.exception_handler(StoreError)
def _store(request: HttpRequest, error: StoreError) -> HttpResponse:
    return _error(request, 409 if "不同的内容" in str(error) else 400, str(error))


@api.exception_handler(SchemaError)
def _schema(request: HttpRequest, error: SchemaError) -> HttpResponse:
    first = error.errors[0] if error.errors else {}
    where = ".".join(str(part) for part in first.get("loc", ()) if part not in ("body", "query"))
    reason = first.get("msg", "请求格式错误")
    return _error(request, 422, f"{where or '请求'}：{reason}", where or None)
