"""Front-end assets are vendored at pinned versions and nothing is loaded from elsewhere."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "liuhen"
VENDOR = PACKAGE / "static" / "vendor"
EXTERNAL = re.compile(r"""(src|href)\s*=\s*["'](https?:)?//""", re.IGNORECASE)


def _manifest() -> dict:  # type: ignore[type-arg]
    return json.loads((VENDOR / "assets.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "item",
    [f for asset in _manifest()["assets"] for f in asset["files"]],
    ids=lambda item: item["to"],
)
def test_vendored_files_match_their_pinned_hash(item: dict[str, str]) -> None:
    digest = hashlib.sha256((VENDOR / item["to"]).read_bytes()).hexdigest()
    assert digest == item["sha256"]


def test_every_asset_names_an_exact_version() -> None:
    for asset in _manifest()["assets"]:
        assert re.fullmatch(r"\d+\.\d+\.\d+", asset["version"]), asset


def test_no_template_loads_anything_from_another_host() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)}:{number}"
        for path in PACKAGE.rglob("*.html")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if EXTERNAL.search(line)
    ]
    assert offenders == []


@pytest.mark.parametrize("path", ["/static/liuhen/liuhen.css", "/static/vendor/htmx/htmx.min.js"])
def test_the_app_serves_its_own_assets(client, path: str) -> None:  # type: ignore[no-untyped-def]
    response = client.get(path)
    assert response.status_code == 200
    assert b"".join(response.streaming_content)


def test_every_page_links_assets_that_are_served(client) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/").content.decode()
    linked = re.findall(r"""(?:src|href)="(/static/[^"]+)\"""", page)
    assert linked
    for path in linked:
        assert client.get(path).status_code == 200, path
