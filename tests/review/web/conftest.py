"""The review pages over HTTP: a signed-in client per person of a Desk (tests/review/conftest)."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from liuhen.accounts.models import User
from tests.factories import PASSWORD


def signed_in(user: User) -> Client:
    client = Client()
    response = client.post(
        reverse("accounts:login"), {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302, response.content.decode()[:300]
    return client
