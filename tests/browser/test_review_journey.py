"""Legal review in the browser under the fangcheng profile (henan-review): the handler submits
the materials of 第八条, the legal reviewer returns them with reasons, the handler resubmits the
prefilled form, the reviewer records the eight points and passes, and the handler records the
decision the gate had held back."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from liuhen.accounts.models import User
from liuhen.agencies.models import Agency, Officer
from liuhen.cases.models import Case, CaseEvent
from liuhen.cases.services import PartyInput, case_event_record, case_open
from liuhen.evidence.services import evidence_ingest
from liuhen.evidence.stores import evidence_stores_reset
from liuhen.review.models import LegalReview, ReviewState
from liuhen.review.rules import REPORT_ITEMS, REVIEW_POINTS
from liuhen.rules.clock import CHINA
from tests.browser.journeys import log_in, log_out

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

TITLE = "方城县某超市销售不合格食品案"


def _case(now: dt.datetime) -> Case:
    """A penalty case of 方城县市场监督管理局 handled by fangcheng.handler, the decision drafted,
    and an inquiry record in the agency's evidence store."""
    agency = Agency.objects.get(name="方城县市场监督管理局")
    handler = User.objects.get(username="fangcheng.handler")
    evidence_ingest(
        actor=handler,
        agency=agency,
        source=io.BytesIO("询问笔录（测试）".encode()),
        filename="询问笔录_不合格食品.pdf",
    )
    opened = case_open(
        actor=handler,
        agency=agency,
        title=TITLE,
        action="penalty",
        source="ex_officio",
        parties=[PartyInput(kind="organisation", name="方城县某某超市")],
        officers=[Officer.objects.get(user=handler)],
        first_event_type="case.initiated",
        at=now - dt.timedelta(days=5),
        fields={"urgent": True},
    )
    case_event_record(
        actor=handler,
        case=opened,
        type="decision.drafted",
        at=now - dt.timedelta(hours=3),
        fields=dict.fromkeys(
            ("drafter", "reviewer", "legal_basis", "evidence", "discretion"), True
        ),
    )
    return opened


def test_submit_return_resubmit_pass_and_decide(demo_site: str, page: Page) -> None:
    base = demo_site
    case = _case(timezone.now())
    case_url = f"{base}/cases/{case.pk}/"

    # the handler sees that the decision needs a review and submits the materials
    log_in(page, base, "fangcheng.handler")
    page.goto(case_url)
    panel = page.locator("#review-panel")
    expect(panel).to_contain_text("需要法制审核")
    panel.get_by_role("link", name="提交法制审核").click()
    expect(page.get_by_role("heading", name="提交法制审核")).to_be_visible()
    page.get_by_label("拟作出的行政执法决定（决定内容）").fill("拟处罚款八千元")
    page.get_by_label("罚款", exact=True).check()
    page.get_by_label("罚款数额（元）").fill("8000")
    # without the report and the evidence the form says what is missing
    page.get_by_role("button", name="提交法制审核").click()
    expect(page.get_by_role("alert")).to_contain_text("送审材料不齐全")
    expect(page.get_by_role("alert")).to_contain_text("基本事实")
    for item in REPORT_ITEMS:
        page.get_by_label(f"调查终结报告：{item.label}").fill(f"{item.label}：见报告（初稿）")
    page.locator("fieldset", has_text="调查取证相关材料").get_by_role(
        "checkbox", name=re.compile("询问笔录_不合格食品")
    ).check()
    page.get_by_role("button", name="提交法制审核").click()
    expect(page.get_by_text("已送交法制审核：第1轮")).to_be_visible()
    log_out(page)

    # the legal reviewer finds it in the queue with its clock, and returns it with reasons
    log_in(page, base, "fangcheng.legal")
    page.get_by_role("link", name="法制审核", exact=True).click()
    row = page.locator("tr", has_text=TITLE).first
    expect(row).to_contain_text("剩余")
    row.get_by_role("link", name=case.number).click()
    page.get_by_role("button", name="开始审核").click()
    expect(page.get_by_text("已开始审核")).to_be_visible()
    facts = page.locator("#point-facts")
    facts.get_by_label("存在问题").check()
    facts.get_by_label(re.compile("审核意见$")).fill("缺少进货查验记录")
    facts.get_by_role("button", name="记录意见").click()
    expect(page.locator("#point-facts")).to_contain_text("已保存")
    returning = page.get_by_role("form", name="退回")
    returning.get_by_label("主要事实不清，证据不足").check()
    returning.get_by_label("理由（具体审核意见）").fill("未查明进货来源，证据不足")
    returning.get_by_role("button", name="退回").click()
    expect(page.get_by_text("已退回承办机构")).to_be_visible()
    expect(page.locator("#opinion")).to_contain_text("法制审核意见书_")
    log_out(page)

    # the handler reads the return on the case page and resubmits the prefilled form
    log_in(page, base, "fangcheng.handler")
    page.goto(case_url)
    expect(panel).to_contain_text("未查明进货来源，证据不足")
    panel.get_by_role("link", name="重新提交法制审核").click()
    expect(page.get_by_label("拟作出的行政执法决定（决定内容）")).to_have_value("拟处罚款八千元")
    page.get_by_label("调查终结报告：调查取证情况").fill("补充调取进货查验记录和供货商询问笔录")
    page.get_by_role("button", name="提交法制审核").click()
    expect(page.get_by_text("已送交法制审核：第2轮")).to_be_visible()
    log_out(page)

    # the reviewer records the eight points of 第九条 and passes
    second = LegalReview.objects.get(case=case, round=2)
    log_in(page, base, "fangcheng.legal")
    page.goto(f"{base}/review/{second.pk}/")
    expect(page.get_by_text("补充调取进货查验记录和供货商询问笔录")).to_be_visible()
    page.get_by_role("button", name="开始审核").click()
    for point in REVIEW_POINTS:
        row = page.locator(f"#point-{point.key}")
        row.get_by_label(re.compile("审核意见$")).fill("经审查，符合规定")
        row.get_by_role("button", name="记录意见").click()
        expect(page.locator(f"#point-{point.key}")).to_contain_text("已保存")
    page.get_by_role("form", name="审核通过").get_by_role("button", name="审核通过").click()
    expect(page.get_by_text("审核通过，已出具法制审核意见书")).to_be_visible()
    second.refresh_from_db()
    assert second.state == ReviewState.PASSED
    expect(page.locator("#opinion")).to_contain_text(f"法制审核意见书_{case.number}_第2轮.pdf")
    log_out(page)

    # the handler records the decision, which the gate now lets through
    log_in(page, base, "fangcheng.handler")
    page.goto(case_url)
    expect(panel).to_contain_text("审核通过")
    page.locator(".act-menu").get_by_role("link", name="作出决定", exact=True).click()
    page.get_by_label("发生时间").fill(
        (timezone.now() + dt.timedelta(minutes=1)).astimezone(CHINA).strftime("%Y-%m-%dT%H:%M")
    )
    page.get_by_label("罚款", exact=True).check()
    page.get_by_label("罚款数额（元）").fill("8000")
    page.get_by_role("button", name="记录", exact=True).click()
    expect(page.get_by_text("已记录“作出决定”")).to_be_visible()
    assert CaseEvent.objects.filter(case=case, type="decision.made").exists()
    evidence_stores_reset()
