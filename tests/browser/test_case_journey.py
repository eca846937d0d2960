"""A case from opening to archive in the browser: an officer opens it, films an on-site
inspection and attaches the upload, the compliance panel follows, the reviewer and the head
approve the decision, the decision is served, the case is closed and archived."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from liuhen.agencies.models import Officer
from liuhen.cases.models import Case, CaseEvent, EventStatus
from liuhen.evidence.stores import evidence_stores_reset
from tests.browser.journeys import china_input, log_in, log_out

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def _record(page: Page, act: str, at: dt.datetime) -> None:
    """Open an act's form from the case page's menu and fill its time."""
    page.locator(".act-menu").get_by_role("link", name=act, exact=True).click()
    expect(page.get_by_role("heading", name=f"记录：{act}")).to_be_visible()
    page.get_by_label("发生时间").fill(china_input(at))


def test_a_case_from_opening_to_archive(demo_site: str, page: Page, tmp_path: Path) -> None:
    base = demo_site
    now = timezone.now()
    lead = Officer.objects.get(certificate_number="53310320190015")
    partner = Officer.objects.get(certificate_number="53310320200032")

    # an officer opens a case: an urgent start two hours ago, one party, two officers
    log_in(page, base, "mangshi.handler")
    page.get_by_role("link", name="案件", exact=True).click()
    page.get_by_role("link", name="登记案件").click()
    page.locator("#id_title").fill("某化工公司未按规定开展安全生产教育培训案")
    page.locator("#id_action").select_option("penalty")
    page.locator("#id_source").select_option("ex_officio")
    page.locator("#id_party-0-kind").select_option("organisation")
    page.locator("#id_party-0-name").fill("芒市某某化工有限公司")
    page.locator("#id_party-0-id_number").fill("91533103MA6N000000")
    page.locator("#id_lead").select_option(str(lead.pk))
    page.locator(f"input[name=assistants][value='{partner.pk}']").check()
    page.locator("#id_first_event_type").select_option("case.initiated")
    page.locator("#id_at").fill(china_input(now - dt.timedelta(hours=2)))
    page.locator("#id_urgent").check()
    page.get_by_role("button", name="登记案件").click()
    case = Case.objects.get()
    expect(page.get_by_role("heading", name=f"{case.number} · {case.title}")).to_be_visible()
    panel = page.locator("#compliance")
    expect(panel).to_contain_text("情况紧急先行启动的，应当在启动后24小时内补办审批手续")
    expect(panel).not_to_contain_text("分类整理")

    # films the on-site inspection: uploads the video, then attaches it to the case
    video = tmp_path / "DSJ_20261123_0915.mp4"
    video.write_bytes(os.urandom(600 * 1024))
    page.set_input_files("#recording-file", str(video))
    page.locator("form[data-resumable-upload]").get_by_role(
        "button", name="上传", exact=True
    ).click()
    digest = hashlib.sha256(video.read_bytes()).hexdigest()
    expect(page.get_by_text(f"已存储：SHA-256 {digest}")).to_be_visible()
    expect(page.get_by_role("button", name="登记音像记录")).to_be_visible()
    page.get_by_label("开始记录时间").fill(china_input(now - dt.timedelta(minutes=90)))
    page.get_by_label("结束记录时间").fill(china_input(now - dt.timedelta(minutes=30)))
    page.get_by_label("记录设备（型号、编号）").fill("DSJ-V9 0012")
    page.get_by_label("记录中告知当事人等在场人员正在音像记录").check()
    page.get_by_label("开始时语音说明了时间、地点、执法人员和执法行为").check()
    page.get_by_role("button", name="登记音像记录").click()
    expect(page.get_by_text("储存时间为服务器收到文件的时间")).to_be_visible()
    # the compliance panel now asks for the recording to be catalogued within 2 working days
    expect(panel).to_contain_text("存入服务器后2个工作日内分类整理、命名和描述")
    expect(panel).to_contain_text("mangshi-record 第十七条")

    _record(page, "现场检查", now - dt.timedelta(minutes=80))
    page.locator("input[name=av]").first.check()
    page.get_by_role("button", name="记录", exact=True).click()
    expect(page.get_by_text("已记录“现场检查”")).to_be_visible()
    expect(page.locator(".stagebar li.current")).to_have_text("调查取证")
    page.get_by_role("button", name="记录分类整理、命名、描述").click()
    expect(panel).not_to_contain_text("存入服务器后2个工作日内分类整理、命名和描述")

    # the decision waits for the reviewer and the head
    _record(page, "作出决定", now - dt.timedelta(minutes=10))
    page.get_by_label("警告").check()
    page.get_by_role("button", name="记录", exact=True).click()
    expect(page.get_by_text("待审批后生效")).to_be_visible()
    log_out(page)
    for username, step in (("mangshi.reviewer", "审核"), ("mangshi.head", "批准")):
        log_in(page, base, username)
        page.goto(f"{base}/cases/{case.pk}/")
        page.get_by_role("button", name=f"{step}同意").click()
        expect(page.get_by_text(f"已{step}“作出决定”：同意")).to_be_visible()
        log_out(page)
    decision = CaseEvent.objects.get(case=case, type="decision.made")
    assert decision.status == EventStatus.EFFECTIVE

    # the handler serves the decision, closes the case and archives it
    log_in(page, base, "mangshi.handler")
    page.goto(f"{base}/cases/{case.pk}/")
    expect(page.locator(".stagebar li.current")).to_have_text("审查决定")
    later = timezone.now()
    _record(page, "送达", later)
    page.get_by_label("送达方式").select_option("direct")
    # the statements of 留置送达 are dimmed for a direct service
    witness = page.locator("label.check", has_text="见证人签名")
    expect(witness).to_have_class(re.compile("not-for-method"))
    page.get_by_label("送达回证或回执签收留存").check()
    page.get_by_role("button", name="记录", exact=True).click()
    expect(page.locator(".stagebar li.current")).to_have_text("送达执行")
    _record(page, "结案", later)
    page.get_by_role("button", name="记录", exact=True).click()
    expect(page.locator(".stagebar li.current")).to_have_text("归档管理")
    _record(page, "立卷归档", later)
    page.get_by_role("button", name="记录", exact=True).click()
    expect(page.get_by_text("已归档", exact=False).first).to_be_visible()
    case.refresh_from_db()
    assert case.archived_at is not None
    assert not page.locator(".act-menu").count()
    evidence_stores_reset()
