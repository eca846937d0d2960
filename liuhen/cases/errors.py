"""The errors the case services raise, in Chinese, naming what is wrong.

`CaseInputError` is a ValidationError keyed by field, so a form shows it next to the field.
The rules engine speaks English (its messages are a command-line contract); here its reasons are
put into Chinese for the people recording a case, naming the field by its Chinese label only (the
field's key travels separately, as `CaseInputError.field`, for API clients).
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

from liuhen.rules import vocabulary as v
from liuhen.rules.timeline import TimelineError


class CaseInputError(ValidationError):
    """Bad input for a case: `field` names the input (a vocabulary field, or `type`, `at` …)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__({field: [message]})
        self.field = field
        self.text = message

    def __str__(self) -> str:
        return self.text


class CaseStateError(ValidationError):
    """The case is not in a state that allows the act (archived, wrong stage, a guard fails)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.text = message

    def __str__(self) -> str:
        return self.text


# The engine's reasons (liuhen/rules/timeline.py, fields.py, clock.py) in Chinese; first match wins.
_REASONS: tuple[tuple[str, str], ...] = (
    (r"^required field missing", "必须填写"),
    (r"^unknown field", "不是该类记录的字段"),
    (r"^unknown event type", "未知的记录类型"),
    (r"^unknown value", "不是允许的取值"),
    (r"^expected one of", "不是允许的取值"),
    (r"^expected true or false", "应为“是”或“否”"),
    (r"^expected a number", "应为数字"),
    (r"^must not be negative", "不能为负数"),
    (r"^expected a string", "应为文字"),
    (r"^expected an event id string", "应为记录编号"),
    (r"^expected an event type string", "应为记录类型"),
    (r"^expected a list", "应为列表"),
    (r"^expected an (event )?object", "格式不正确"),
    (r"^expected an RFC 3339 time string", "应为时间"),
    (r"must not be empty", "不能为空"),
    (r"^null is not allowed", "不能为空"),
    (r"has no UTC offset", "时间缺少时区（如 +08:00）"),
    (r"is not RFC 3339", "时间格式不正确"),
    (r"is not a real date", "不是有效的日期时间"),
    (r"is outside the years", "不是有效的日期时间"),
    (r"^no event has the id", "引用的记录不存在"),
    (r"event, expected", "引用的记录类型不对"),
    (r"^duplicate id", "编号重复"),
    (r"starts after it ends", "晚于结束时间"),
)
_INTERRUPTION_LABELS = {f.name: f.label for f in v.INTERRUPTION_FIELDS}


def field_label(type_name: str, field: str) -> str:
    if type_name in v.EVENT_TYPES:
        spec = v.event_fields(type_name).get(field)
        if spec is not None:
            return spec.label
    return {"type": "记录类型", "at": "时间", "id": "编号"}.get(field, field)


def _where(type_name: str, field: str, rest: str) -> str:
    """“中止记录”第 1 项的“恢复时间” for `interruptions` + `[0].resumed_at`."""
    where = f"“{field_label(type_name, field)}”"
    item = re.match(r"\[(\d+)\](?:\.(\w+))?", rest)
    if item is not None:
        where += f"第 {int(item.group(1)) + 1} 项"
        if item.group(2):
            sub = item.group(2)
            where += f"的“{_INTERRUPTION_LABELS.get(sub, sub)}”"
    return where


def reason_text(reason: str) -> str:
    """The engine's reason in Chinese."""
    return next((zh for pattern, zh in _REASONS if re.search(pattern, reason)), "有误")


def translate(error: TimelineError, *, type_name: str) -> CaseInputError:
    """The engine's `events[N].FIELD[...]: reason` as a Chinese error on FIELD."""
    match = re.match(r"events\[\d+\]\.?([A-Za-z_]*)(.*)$", error.path)
    field = match.group(1) if match and match.group(1) else "type"
    rest = match.group(2) if match else ""
    return CaseInputError(field, f"{_where(type_name, field, rest)}{reason_text(error.reason)}")
