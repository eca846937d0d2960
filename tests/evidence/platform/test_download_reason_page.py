"""A download without a reason, from a browser: a Chinese page asking for it, not raw JSON."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.utils import timezone

from liuhen.accounts.middleware import SESSION_LOGIN_AT
from liuhen.accounts.roles import Role
from liuhen.evidence.models import EvidenceHolding
from liuhen.evidence.services import evidence_ingest
from liuhen.ledger.models import LedgerEntry
from tests.factories import staff
from tests.world import World

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.fixture
def client(world: World) -> Client:
    user = staff(world.mangshi_emergency, Role.HANDLER, username="li.ming")
    client = Client()
    client.force_login(user)
    session = client.session
    session[SESSION_LOGIN_AT] = timezone.now().isoformat()
    session.save()
    return client


@pytest.fixture
def holding(world: World) -> EvidenceHolding:
    return evidence_ingest(
        actor=None,
        agency=world.mangshi_emergency,
        source=io.BytesIO(b"scan"),
        filename="现场检查笔录.pdf",
    )


def test_a_browser_gets_a_page_asking_for_the_reason(
    client: Client, holding: EvidenceHolding
) -> None:
    # when a person follows the download link without a reason
    response = client.get(f"/evidence/holdings/{holding.pk}/download", headers={"Accept": BROWSER})
    # then they get an HTML page in Chinese with a form for the reason, nothing ledgered
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    text = response.content.decode()
    assert "下载证据原件须说明事由" in text
    assert 'name="reason"' in text
    assert "现场检查笔录.pdf" in text
    assert not LedgerEntry.objects.filter(action="evidence.download").exists()


def test_an_api_or_htmx_client_keeps_the_json_answer(
    client: Client, holding: EvidenceHolding
) -> None:
    url = f"/evidence/holdings/{holding.pk}/download"
    for headers in ({"Accept": "application/json"}, {"Accept": BROWSER, "HX-Request": "true"}):
        response = client.get(url, headers=headers)
        assert response.status_code == 400
        assert "须说明事由" in response.json()["error"]
