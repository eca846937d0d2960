"""The errors the case services raise, in Chinese, naming what is wrong.

`CaseInputError` is a ValidationError keyed by field, so a form shows it next to the field.
The rules engine speaks English (its messages are a command-line contract); here its reasons are
put into Chinese for the people recording a case, with the engine's own words kept after them.
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


_REASONS: tuple[tuple[str, str], ...] = (
    (r"^required field missing", "必须填写"),
    (r"^unknown field", "不是该类记录的字段"),
    (r"^unknown event type", "未知的记录类型"),
    (r"^unknown value", "不是允许的取值"),
    (r"^expected true or false", "应为“是”或“否”"),
    (r"^expected a number", "应为数字"),
    (r"^must not be negative", "不能为负数"),
    (r"^expected a string", "应为文字"),
    (r"^expected a list", "应为列表"),
    (r"^null is not allowed", "不能为空"),
    (r"has no UTC offset", "时间缺少时区（如 +08:00）"),
    (r"is not RFC 3339", "时间格式不正确"),
    (r"is not a real date", "不是有效的日期时间"),
    (r"^no event has the id", "引用的记录不存在"),
    (r"event, expected", "引用的记录类型不对"),
    (r"^duplicate id", "编号重复"),
    (r"starts after it ends", "开始时间晚于结束时间"),
)


def field_label(type_name: str, field: str) -> str:
    if type_name in v.EVENT_TYPES:
        spec = v.event_fields(type_name).get(field)
        if spec is not None:
            return spec.label
    return {"type": "记录类型", "at": "时间", "id": "编号"}.get(field, field)


def translate(error: TimelineError, *, type_name: str) -> CaseInputError:
    """The engine's `events[N].FIELD[...]: reason` as a Chinese error on FIELD."""
    match = re.match(r"events\[\d+\]\.?([A-Za-z_]*)(.*)$", error.path)
    field = match.group(1) if match and match.group(1) else "type"
    rest = match.group(2) if match else ""
    chinese = next((zh for pattern, zh in _REASONS if re.search(pattern, error.reason)), "有误")
    where = f"“{field_label(type_name, field)}”（{field}{rest}）"
    return CaseInputError(field, f"{where}{chinese}：{error.reason}")
