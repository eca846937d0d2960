"""The API on the database: a government tree, an evidence store per test, token clients."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from liuhen.accounts.models import User
from liuhen.api.services import api_token_issue
from liuhen.evidence.stores import evidence_stores_reset
from tests.world import World, build_world


@pytest.fixture(autouse=True)
def evidence_root(settings, tmp_path: Path) -> Iterator[Path]:  # type: ignore[no-untyped-def]
    settings.LIUHEN_EVIDENCE_ROOT = tmp_path / "evidence"
    settings.LIUHEN_UPLOAD_CHUNK_SIZE = 256 * 1024
    evidence_stores_reset()
    yield tmp_path / "evidence"
    evidence_stores_reset()


@pytest.fixture
def world(db: None) -> World:
    return build_world()


class ApiClient:
    """A client that sends a bearer token and JSON bodies to /api/v1/."""

    def __init__(self, token: str | None) -> None:
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(f"/api/v1{path}", params, headers=self.headers)

    def post(self, path: str, body: Any = None) -> Any:
        return self.client.post(
            f"/api/v1{path}",
            json.dumps(body if body is not None else {}),
            content_type="application/json",
            headers=self.headers,
        )

    def put(self, path: str, data: bytes, **headers: str) -> Any:
        return self.client.put(
            f"/api/v1{path}",
            data,
            content_type="application/octet-stream",
            headers={**self.headers, **headers},
        )


def api_as(user: User, *, name: str = "测试令牌") -> ApiClient:
    _, token = api_token_issue(actor=user, user=user, name=name)
    return ApiClient(token)


def browser_as(user: User, *, enforce_csrf_checks: bool = False) -> Client:
    """A logged-in browser session, as the log-in page leaves it."""
    from django.utils import timezone

    from liuhen.accounts.middleware import SESSION_LOGIN_AT
    from tests.factories import PASSWORD

    browser = Client(enforce_csrf_checks=enforce_csrf_checks)
    assert browser.login(username=user.username, password=PASSWORD)
    session = browser.session
    session[SESSION_LOGIN_AT] = timezone.now().isoformat()
    session.save()
    return browser
