"""A system manager logs in, registers an officer, gives a new colleague a role, logs out."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from liuhen.accounts.models import RoleGrant
from liuhen.agencies.models import Officer
from liuhen.workbench.demo import DEMO_PASSWORD, demo_load
from tests.browser.journeys import log_in

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_a_wrong_password_is_refused_on_the_page(
    transactional_db: None, live_server, page: Page
) -> None:  # type: ignore[no-untyped-def]
    demo_load()
    log_in(page, live_server.url, "mangshi.admin", "not-the-password")
    expect(page.get_by_text("用户名或密码错误")).to_be_visible()


def test_system_manager_journey(transactional_db: None, live_server, page: Page) -> None:  # type: ignore[no-untyped-def]
    demo_load()
    log_in(page, live_server.url, "mangshi.admin", DEMO_PASSWORD)
    expect(page.get_by_role("heading", name="工作台")).to_be_visible()
    expect(page.get_by_text("孙伟 · 系统管理员")).to_be_visible()

    page.get_by_role("link", name="管理「芒市应急管理局」的人员与角色").click()
    page.get_by_text("登记执法人员", exact=True).click()
    form = page.locator("form[action$='/officers/new/']")
    form.get_by_label("姓名").fill("王芳")
    form.get_by_label("执法证号").fill("53310320260120")
    form.get_by_label("执法区域").fill("芒市行政区域")
    form.get_by_role("button", name="登记").click()
    expect(page.get_by_text("已登记执法人员 王芳（53310320260120）")).to_be_visible()
    assert Officer.objects.get(certificate_number="53310320260120").agency.name == "芒市应急管理局"

    page.get_by_text("添加人员（新建账号）").click()
    form = page.locator("form[action$='/members/new/']")
    form.get_by_label("用户名").fill("wang.fang")
    form.get_by_label("姓名").fill("王芳")
    form.get_by_label("初始密码").fill("Wang-Fang-2026!")
    form.get_by_role("button", name="添加").click()
    expect(page.get_by_text("已为「芒市应急管理局」添加人员")).to_be_visible()

    page.get_by_text("授予角色").click()
    form = page.locator("form[action$='/roles/new/']")
    form.get_by_label("人员").select_option(label="王芳（wang.fang）")
    form.get_by_label("角色").select_option(label="档案管理员")
    form.get_by_role("button", name="授予").click()
    expect(page.get_by_text("已授予 王芳「档案管理员」")).to_be_visible()
    assert RoleGrant.objects.filter(
        membership__user__username="wang.fang", role="archivist"
    ).exists()

    page.get_by_role("button", name="退出").click()
    expect(page.get_by_role("heading", name="登录")).to_be_visible()
