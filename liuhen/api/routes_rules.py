"""`POST /api/v1/check`: `liuhen check` over HTTP for one timeline document (for systems that
record cases elsewhere). Same validation, same findings document."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Body, Router
from pydantic import AwareDatetime

from liuhen.rules import TimelineError, check_timeline, findings_document, parse_timeline
from liuhen.rules.clock import CHINA

router = Router()


@router.post("", summary="检查一份案件时间线", response=dict[str, Any])
def check(
    request: HttpRequest,
    document: dict[str, Any] = Body(..., description="liuhen.case-timeline/1 文档"),  # noqa: B008
    profile: str | None = None,
    as_of: AwareDatetime | None = None,
) -> dict[str, Any]:
    """Findings as `liuhen check --format json` prints them. `profile` overrides the document's;
    `as_of` defaults to now. A bad document is refused with 422 and the spec's message."""
    timeline = parse_timeline(document, source="request")
    chosen = profile or timeline.profile
    if not chosen:
        raise TimelineError("request", "profile", "no profile in the document and none given")
    moment: datetime = (as_of or timezone.now()).astimezone(CHINA)
    result = check_timeline(timeline, profile=chosen, as_of=moment)
    return findings_document([result], as_of=moment)
