"""An officer uploads a recording in the browser: chunked, hashed, progress shown, stored."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from liuhen.agencies.models import Agency
from liuhen.evidence.models import EvidenceHolding
from liuhen.evidence.stores import evidence_stores_reset
from tests.browser.journeys import log_in

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_an_officer_uploads_a_recording(demo_site: str, page: Page, tmp_path: Path) -> None:
    recording = tmp_path / "bodycam-0915.mp4"
    recording.write_bytes(os.urandom(700 * 1024))  # three chunks
    bureau = Agency.objects.get(name="芒市应急管理局")

    log_in(page, demo_site, "mangshi.handler")
    page.goto(f"{demo_site}/evidence/agency/{bureau.pk}/")
    page.set_input_files("#evidence-file", str(recording))
    page.get_by_label("说明").fill("现场检查执法记录仪视频")
    page.get_by_role("button", name="上传", exact=True).click()
    digest = hashlib.sha256(recording.read_bytes()).hexdigest()
    expect(page.get_by_text(f"已存储：SHA-256 {digest}")).to_be_visible()
    expect(page.get_by_role("cell", name="bodycam-0915.mp4")).to_be_visible()
    holding = EvidenceHolding.objects.get()
    assert (holding.object_id, holding.description) == (digest, "现场检查执法记录仪视频")
    evidence_stores_reset()
