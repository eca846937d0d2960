"""What every case view needs: the signed-in user and the case as the access functions allow."""

from __future__ import annotations

from django.http import HttpRequest

from liuhen.accounts.access import AccessDenied
from liuhen.accounts.models import User
from liuhen.cases.access import CaseAction, access_case_by_id
from liuhen.cases.models import Case


def request_user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def case_for(request: HttpRequest, case_id: int, action: CaseAction) -> Case:
    return access_case_by_id(user=request_user(request), case_id=case_id, action=action)


def may(request: HttpRequest, case: Case, action: CaseAction) -> bool:
    try:
        access_case_by_id(user=request_user(request), case_id=case.pk, action=action)
    except AccessDenied:
        return False
    return True


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"
