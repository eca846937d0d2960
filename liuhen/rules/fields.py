"""Field-level validation of a timeline: one checker per kind of field in `vocabulary.py`.

A checker returns the value as the engine keeps it (a time as an aware datetime in China time, a
list of ids as a tuple …) or raises BadValue with the reason and the rest of the path
(`[2]`, `.resumed_at`), so that the caller names `FILE: events[N].FIELD…: reason`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import Any

from liuhen.rules import vocabulary as v
from liuhen.rules.clock import BadTime, json_kind, parse_time

FieldValue = Any  # bool | str | float | datetime | tuple[...] | None, as the vocabulary says
Ids = dict[str, tuple[int, str]] | None


class BadValue(Exception):
    """A bad value; `suffix` continues the field's path ([2], .at …)."""

    def __init__(self, reason: str, suffix: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.suffix = suffix


def _null(spec: v.FieldSpec) -> None:
    if not spec.nullable:
        raise BadValue("null is not allowed here")


def _bool(spec: v.FieldSpec, value: Any, ids: Ids) -> FieldValue:
    if value is True or value is False:
        return value
    if value is None:
        return _null(spec)
    raise BadValue(f"expected true or false, got {json_kind(value)}")


def _str(spec: v.FieldSpec, value: Any, ids: Ids) -> FieldValue:
    if value.__class__ is str:
        if not value and spec.name == "id":
            raise BadValue("an id must not be empty")
        return value
    if value is None:
        return _null(spec)
    raise BadValue(f"expected a string, got {json_kind(value)}")


def _number(spec: v.FieldSpec, value: Any, ids: Ids) -> FieldValue:
    if value is None:
        return _null(spec)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise BadValue(f"expected a number, got {json_kind(value)}")
    if value < 0:
        raise BadValue("must not be negative")
    return value


def _time(spec: v.FieldSpec, value: Any, ids: Ids) -> FieldValue:
    if value is None:
        return _null(spec)
    try:
        return parse_time(value)
    except BadTime as error:
        raise BadValue(str(error)) from None


def _enum_value(spec: v.FieldSpec, value: Any) -> str:
    if value.__class__ is str and value in _ENUMS[id(spec)]:
        return str(value)
    if not isinstance(value, str):
        raise BadValue(f"expected one of {', '.join(spec.values)}, got {json_kind(value)}")
    shown = json.dumps(value, ensure_ascii=False)
    raise BadValue(f"unknown value {shown} (allowed: {', '.join(spec.values)})")


def _enum(spec: v.FieldSpec, value: Any, ids: Ids) -> FieldValue:
    if value is None:
        return _null(spec)
    return _enum_value(spec, value)


def _enum_list(spec: v.FieldSpec, value: Any, ids: Ids) -> FieldValue:
    if value is None:
        return _null(spec)
    if not isinstance(value, list):
        raise BadValue(f"expected a list, got {json_kind(value)}")
    checked = []
    for i, item in enumerate(value):
        try:
            checked.append(_enum_value(spec, item))
        except BadValue as bad:
            raise BadValue(bad.reason, f"[{i}]") from None
    return tuple(checked)


def _ref_value(spec: v.FieldSpec, value: Any, ids: Ids) -> str:
    if value.__class__ is not str:
        raise BadValue(f"expected an event id string, got {json_kind(value)}")
    assert ids is not None
    target = ids.get(value)
    if target is not None and target[1] in _TARGETS[id(spec)]:
        return str(value)
    shown = json.dumps(value, ensure_ascii=False)
    if target is None:
        raise BadValue(f"no event has the id {shown}")
    allowed = _TARGETS[id(spec)]
    wanted = " or ".join(sorted(allowed)) if len(allowed) <= 3 else "an act event"
    raise BadValue(f"{shown} is a {target[1] or 'malformed'} event, expected {wanted}")


def _ref(spec: v.FieldSpec, value: Any, ids: Ids) -> FieldValue:
    if value is None:
        return _null(spec)
    return _ref_value(spec, value, ids)


def _ref_list(spec: v.FieldSpec, value: Any, ids: Ids) -> FieldValue:
    if value is None:
        return _null(spec)
    if not isinstance(value, list):
        raise BadValue(f"expected a list of event ids, got {json_kind(value)}")
    checked = []
    for i, item in enumerate(value):
        try:
            checked.append(_ref_value(spec, item, ids))
        except BadValue as bad:
            raise BadValue(bad.reason, f"[{i}]") from None
    return tuple(checked)


def _interruptions(spec: v.FieldSpec, value: Any, ids: Ids) -> FieldValue:
    from liuhen.rules.model import Interruption

    if value is None:
        return _null(spec)
    if not isinstance(value, list):
        raise BadValue(f"expected a list of interruptions, got {json_kind(value)}")
    checked = []
    for i, raw in enumerate(value):
        if not isinstance(raw, dict):
            raise BadValue(f"expected an object, got {json_kind(raw)}", f"[{i}]")
        values: dict[str, Any] = {name: f.empty for name, f in _INTERRUPTION_FIELDS.items()}
        for key, item in raw.items():
            field = _INTERRUPTION_FIELDS.get(key)
            if field is None:
                allowed = ", ".join(_INTERRUPTION_FIELDS)
                raise BadValue(f"unknown field (allowed: {allowed})", f"[{i}].{key}")
            try:
                values[key] = CHECKS[field.kind](field, item, None)
            except BadValue as bad:
                raise BadValue(bad.reason, f"[{i}].{key}{bad.suffix}") from None
        for field in v.INTERRUPTION_FIELDS:
            if field.required and field.name not in raw:
                raise BadValue("required field missing", f"[{i}].{field.name}")
        checked.append(Interruption(**values))
    return tuple(checked)


Checker = Callable[[v.FieldSpec, Any, Ids], FieldValue]
CHECKS: dict[str, Checker] = {
    "bool": _bool,
    "str": _str,
    "number": _number,
    "time": _time,
    "enum": _enum,
    "enum_list": _enum_list,
    "ref": _ref,
    "ref_list": _ref_list,
    "interruptions": _interruptions,
}
_INTERRUPTION_FIELDS = {f.name: f for f in v.INTERRUPTION_FIELDS}
_ALL_SPECS = [
    *v.CASE_FIELDS,
    *v.COMMON_FIELDS,
    *v.INTERRUPTION_FIELDS,
    *(f for t in v.EVENT_TYPES.values() for f in t.fields),
]
_ENUMS = {id(f): frozenset(f.values) for f in _ALL_SPECS}
_TARGETS = {id(f): v.ref_targets(f) for f in _ALL_SPECS}
