"""What every browser journey does: log in and out through the page as a person would, and
type a time into a `datetime-local` input (China time)."""

from __future__ import annotations

import datetime as dt

from playwright.sync_api import Page, expect

from liuhen.rules.clock import CHINA
from liuhen.workbench.demo import DEMO_PASSWORD


def log_in(page: Page, base: str, username: str, password: str = DEMO_PASSWORD) -> None:
    """Log in from the home page; with the demo password, wait for the 工作台."""
    page.goto(base + "/")
    expect(page.get_by_role("heading", name="登录")).to_be_visible()
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    if password == DEMO_PASSWORD:
        expect(page.get_by_role("heading", name="工作台")).to_be_visible()


def log_out(page: Page) -> None:
    page.get_by_role("button", name="退出", exact=True).click()


def china_input(moment: dt.datetime) -> str:
    """The value a `datetime-local` input shows for `moment` (China time, to the minute)."""
    return moment.astimezone(CHINA).strftime("%Y-%m-%dT%H:%M")
