"""The OpenAPI document lists every endpoint; its pages load their assets from this server."""

from __future__ import annotations

from django.test import Client

from liuhen.accounts.roles import Role
from tests.api.conftest import browser_as
from tests.factories import staff
from tests.world import World


def test_the_schema_lists_cases_evidence_and_check(world: World) -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    paths = set(schema["paths"])
    assert {
        "/api/v1/cases",
        "/api/v1/cases/{case_id}/events",
        "/api/v1/cases/{case_id}/timeline",
        "/api/v1/cases/{case_id}/findings",
        "/api/v1/evidence/uploads",
        "/api/v1/evidence/uploads/{upload_id}/chunks/{offset}",
        "/api/v1/check",
    } <= paths
    assert (
        "BearerAuth" in str(schema["components"]["securitySchemes"])
        or schema["components"]["securitySchemes"]
    )


def test_the_docs_page_uses_no_cdn(world: World) -> None:
    browser = browser_as(staff(world.mangshi_emergency, Role.HANDLER))
    page = browser.get("/api/v1/docs").content.decode()
    assert "swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()
