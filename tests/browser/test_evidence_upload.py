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
from liuhen.workbench.demo import DEMO_PASSWORD, demo_load

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_an_officer_uploads_a_recording(
    transactional_db: None,
    live_server,
    page: Page,
    settings,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    settings.LIUHEN_EVIDENCE_ROOT = tmp_path / "evidence"
    settings.LIUHEN_UPLOAD_CHUNK_SIZE = 256 * 1024
    evidence_stores_reset()
    demo_load()
    recording = tmp_path / "bodycam-0915.mp4"
    recording.write_bytes(os.urandom(700 * 1024))  # three chunks
    bureau = Agency.objects.get(name="芒市应急管理局")

    page.goto(live_server.url + "/")
    page.get_by_label("用户名").fill("mangshi.handler")
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.goto(f"{live_server.url}/evidence/agency/{bureau.pk}/")
    page.set_input_files("#evidence-file", str(recording))
    page.get_by_label("说明").fill("现场检查执法记录仪视频")
    page.get_by_role("button", name="上传", exact=True).click()
    digest = hashlib.sha256(recording.read_bytes()).hexdigest()
    expect(page.get_by_text(f"已存储：SHA-256 {digest}")).to_be_visible()
    expect(page.get_by_role("cell", name="bodycam-0915.mp4")).to_be_visible()
    holding = EvidenceHolding.objects.get()
    assert (holding.object_id, holding.description) == (digest, "现场检查执法记录仪视频")
    evidence_stores_reset()
