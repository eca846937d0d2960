"""`{% review_panel case %}`: the case's legal-review state on the case page, so the cases app
needs one line in its template and nothing in its views."""

from __future__ import annotations

from typing import Any

from django import template

from liuhen.accounts.models import User
from liuhen.cases.models import Case
from liuhen.review.presenters import case_review

register = template.Library()


@register.inclusion_tag("review/_case_panel.html", takes_context=True)
def review_panel(context: template.Context, case: Case) -> dict[str, Any]:
    user = context["request"].user
    if not isinstance(user, User):
        return {"panel": None}
    return {
        "case": case,
        "panel": case_review(user=user, case=case),
        "csrf_token": context.get("csrf_token"),
    }


@register.filter
def cut_end_stop(text: str) -> str:
    """A reviewer's sentence without its closing stop, where the page joins it to more text
    (“不充分。；建议：” otherwise)."""
    return str(text).rstrip().rstrip("。；;，,.")
