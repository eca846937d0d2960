"""POST /api/v1/check: the findings `liuhen check` prints, for one document over HTTP."""

from __future__ import annotations

import json
from pathlib import Path

from liuhen.accounts.roles import Role
from liuhen.rules import check_timeline, findings_document, parse_timeline
from liuhen.rules.clock import parse_time
from tests.api.conftest import api_as
from tests.factories import staff
from tests.world import World

EXAMPLES = Path(__file__).resolve().parents[1] / "rules" / "examples"


def test_the_findings_equal_the_engines(world: World) -> None:
    api = api_as(staff(world.mangshi_emergency, Role.HANDLER))
    document = json.loads(
        (EXAMPLES / "av-stored-46-hours-after-recording.timeline.json").read_text()
    )
    as_of = "2026-04-01T00:00:00+08:00"
    response = api.client.post(
        f"/api/v1/check?profile=guangdong&as_of={as_of.replace('+', '%2B')}",
        json.dumps(document),
        content_type="application/json",
        headers=api.headers,
    )
    assert response.status_code == 200, response.content
    moment = parse_time(as_of)
    expected = findings_document(
        [check_timeline(parse_timeline(document, source="x"), profile="guangdong", as_of=moment)],
        as_of=moment,
    )
    assert response.json() == expected
    assert response.json()["cases"][0]["findings"][0]["article"]


def test_a_bad_document_gets_the_specs_message(world: World) -> None:
    api = api_as(staff(world.mangshi_emergency, Role.HANDLER))
    document = json.loads((EXAMPLES / "bad-naive-time.timeline.json").read_text())
    response = api.post("/check", document)
    assert response.status_code == 422
    body = response.json()
    assert body["field"] == "events[3].at"
    assert "no UTC offset" in body["error"]


def test_a_document_without_profile_is_refused(world: World) -> None:
    api = api_as(staff(world.mangshi_emergency, Role.HANDLER))
    document = json.loads((EXAMPLES / "clean-general-penalty.timeline.json").read_text())
    document.pop("profile", None)
    response = api.post("/check", document)
    assert response.status_code == 422
    assert response.json()["field"] == "profile"
