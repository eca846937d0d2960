"""The minimal read-only pages: the reviewer's queue and one round; others get 403."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from liuhen.review.services import review_pass
from tests.factories import PASSWORD
from tests.review.conftest import Desk


def _client(username: str) -> Client:
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:300]
    return client


def test_the_reviewer_sees_the_queue_and_the_round(henan: Desk) -> None:
    opened = henan.case()
    review = henan.submit(opened)
    client = _client(henan.reviewer.username)
    page = client.get(reverse("review:list")).content.decode()
    assert "待审核" in page
    assert opened.number in page
    detail = client.get(reverse("review:detail", args=[review.pk])).content.decode()
    assert "行政执法程序是否合法" in detail
    assert "基本事实" in detail


def test_a_passed_round_shows_the_opinion_files(henan: Desk) -> None:
    review = review_pass(actor=henan.reviewer, review=henan.in_review(henan.case()))
    detail = _client(henan.handler.username).get(reverse("review:detail", args=[review.pk]))
    assert detail.status_code == 200
    text = detail.content.decode()
    assert review.opinion_number in text
    assert ".pdf" in text
    assert ".docx" in text


def test_a_member_without_a_role_is_refused(henan: Desk) -> None:
    review = henan.submit(henan.case())
    response = _client(henan.outsider.username).get(reverse("review:detail", args=[review.pk]))
    assert response.status_code == 403


def test_the_navigation_leads_a_legal_reviewer_to_the_reviews(henan: Desk) -> None:
    page = _client(henan.reviewer.username).get(reverse("workbench:home")).content.decode()
    assert f'href="{reverse("review:list")}"' in page
    other = _client(henan.outsider.username).get(reverse("workbench:home")).content.decode()
    assert f'href="{reverse("review:list")}"' not in other
