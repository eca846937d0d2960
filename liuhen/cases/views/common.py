"""What every case view needs: the signed-in user and the case as the access functions allow."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from liuhen.accounts.access import AccessDenied
from liuhen.accounts.models import User
from liuhen.cases.access import CaseAction, access_case_by_id
from liuhen.cases.models import Case
from liuhen.cases.queries import RowsPage


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


@dataclass(frozen=True, slots=True)
class Pager:
    """Links to the previous and next page of one list of a page (None: no such page)."""

    number: int
    size: int
    previous: str | None
    next: str | None


def pager(request: HttpRequest, name: str, page: RowsPage[Any]) -> Pager:
    """The links of list `page`, read with GET parameter `name`; the other parameters kept."""

    def url(number: int) -> str:
        query = request.GET.copy()
        query[name] = str(number)
        return f"?{query.urlencode()}"

    return Pager(
        page.number,
        page.size,
        url(page.number - 1) if page.number > 1 else None,
        url(page.number + 1) if page.has_next else None,
    )


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"
