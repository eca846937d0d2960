"""Demo data: real government trees for every jurisdiction profile, their justice bureaus as
supervisors, realistic officers, every role filled and a log-in per role.

The data is an organisation file (`demo_org.json`, format liuhen.org/1) loaded exactly as an
administrator's onboarding file would be, so loading is idempotent and goes through the services.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from liuhen.accounts.roles import Role
from liuhen.workbench.org_file import OrgFileResult, org_file_load

DEMO_PASSWORD = "Liuhen-Demo-2026"  # noqa: S105 - the demo log-ins' published password


@cache
def demo_document() -> str:
    return resources.files("liuhen.workbench").joinpath("demo_org.json").read_text("utf-8")


def demo_users() -> list[dict[str, Any]]:
    users: list[dict[str, Any]] = json.loads(demo_document())["users"]
    return users


def demo_load() -> OrgFileResult:
    """Load the demo organisation (idempotent). Side effects: see org_file_load."""
    return org_file_load(actor=None, data=demo_document(), source="demo_org.json")


def demo_logins() -> list[tuple[str, str, str]]:
    """(username, name, roles and agency) for every demo log-in, for printing."""
    rows = []
    for user in demo_users():
        if user.get("superuser"):
            what = "平台管理员（系统管理）"
        else:
            roles = "、".join(Role(r).label for r in user.get("roles", []))
            what = f"{roles} · {user['agency']}"
        rows.append((user["username"], user["full_name"], what))
    return rows
