"""Browser tests drive Debian's Chromium (/usr/bin/chromium) through Playwright; they never
download a browser. Missing Chromium is a failure, not a skip: `make test` installs it as root."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from liuhen.evidence.stores import evidence_stores_reset
from liuhen.workbench.demo import demo_load

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(
            "浏览器测试需要 Debian 的 chromium（/usr/bin/chromium）："
            "以 root 运行 make test 会自动安装"
        )
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test
    # body are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai")
    context.set_default_timeout(15_000)
    opened = context.new_page()
    yield opened
    context.close()


@pytest.fixture
def demo_site(transactional_db: None, live_server, settings, tmp_path: Path) -> str:  # type: ignore[no-untyped-def]
    """The demo data on a live server with an evidence store of the test's own (small upload
    chunks, so a test file spans several); the server's base URL."""
    settings.LIUHEN_EVIDENCE_ROOT = tmp_path / "evidence"
    settings.LIUHEN_UPLOAD_CHUNK_SIZE = 256 * 1024
    evidence_stores_reset()
    demo_load()
    return str(live_server.url)
