"""An unexpected failure answers with a Chinese 500 page, not Django's bare English one."""

from __future__ import annotations

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import path

from liuhen import urls as site


def _broken(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("boom")


# the site's URLs (and its error handlers) plus one view that fails
urlpatterns = [path("broken/", _broken), *site.urlpatterns]
handler500 = site.handler500


@pytest.mark.urls(__name__)
def test_a_failing_view_shows_the_chinese_500_page(db: None) -> None:
    # when a view raises
    response = Client(raise_request_exception=False).get("/broken/")
    # then the page says in Chinese what happened and what to do, without the exception
    text = response.content.decode()
    assert response.status_code == 500
    assert "服务器内部错误" in text
    assert "联系本单位的系统管理员" in text
    assert "Server Error" not in text
    assert "boom" not in text
