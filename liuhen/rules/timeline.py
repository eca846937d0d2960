"""Parse and validate a case timeline (JSON) into frozen dataclasses.

Validation is driven by `vocabulary.py`. The first problem in file order is reported as
`FILE: events[N].FIELD: reason` (`TimelineError`), and nothing of a rejected file is checked.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from liuhen.rules import vocabulary as v
from liuhen.rules.clock import json_kind
from liuhen.rules.fields import CHECKS, BadValue, FieldValue
from liuhen.rules.model import (
    CaseFacts,
    Event,
    Interruption,
    Timeline,
    TimelineError,
    new_case,
    new_event,
)
from liuhen.rules.validators import fast_timeline

__all__ = [
    "CaseFacts",
    "Event",
    "Interruption",
    "Timeline",
    "TimelineError",
    "parse_timeline",
]


@dataclass(frozen=True, slots=True)
class _TypeRules:
    fields: dict[str, v.FieldSpec]
    required: tuple[str, ...]
    defaults: dict[str, FieldValue]


def _compile_rules() -> dict[str, _TypeRules]:
    rules = {}
    for name in v.EVENT_TYPES:
        fields = v.event_fields(name)
        rules[name] = _TypeRules(
            fields=fields,
            required=tuple(f.name for f in fields.values() if f.required),
            defaults={f.name: f.empty for f in fields.values() if f.name not in ("id", "at")},
        )
    return rules


_RULES = _compile_rules()
_CASE_FIELDS = {f.name: f for f in v.CASE_FIELDS}


def parse_timeline(data: bytes | str | Mapping[str, Any], *, source: str) -> Timeline:
    """Validate a timeline document and return it ordered by time; TimelineError if bad."""
    document = _decode(data, source) if isinstance(data, bytes | str) else data
    timeline = fast_timeline(document, source)
    if timeline is None:  # something is wrong (or unusual): find it and name it
        timeline = _Parser(source).timeline(document)
    return timeline


def _decode(data: bytes | str, source: str) -> Any:
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise TimelineError(
                source, "", f"not UTF-8 text ({error.reason} at byte {error.start})"
            ) from None
        if data.startswith("\ufeff"):
            data = data[1:]
    try:
        return json.loads(data)
    except json.JSONDecodeError as error:
        reason = f"not valid JSON: {error.msg} at line {error.lineno} column {error.colno}"
        raise TimelineError(source, "", reason) from None
    except RecursionError:
        raise TimelineError(source, "", "not valid JSON: nested too deeply") from None


class _Parser:
    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, path: str, reason: str) -> TimelineError:
        return TimelineError(self.source, path, reason)

    def timeline(self, document: Any) -> Timeline:
        if not isinstance(document, dict):
            raise self.fail(
                "", f"expected a JSON object at the top level, got {json_kind(document)}"
            )
        for key in document:
            if key not in v.TOP_LEVEL_FIELDS:
                raise self.fail(key, f"unknown field (allowed: {', '.join(v.TOP_LEVEL_FIELDS)})")
        if "format" not in document:
            raise self.fail("format", f'required field missing (must be "{v.FORMAT}")')
        if document["format"] != v.FORMAT:
            raise self.fail("format", f'must be "{v.FORMAT}", got {json.dumps(document["format"])}')
        profile = document.get("profile")
        if "profile" in document and not isinstance(profile, str):
            raise self.fail("profile", f"expected a profile id string, got {json_kind(profile)}")
        if "case" not in document:
            raise self.fail("case", "required field missing")
        case = self.case(document["case"])
        if "events" not in document:
            raise self.fail("events", "required field missing")
        raw_events = document["events"]
        if not isinstance(raw_events, list):
            raise self.fail("events", f"expected a list of events, got {json_kind(raw_events)}")
        ids = self.first_ids(raw_events)
        events = [self.event(index, raw, ids) for index, raw in enumerate(raw_events)]
        return Timeline.indexed(self.source, profile, case, events)

    def case(self, raw: Any) -> CaseFacts:
        if not isinstance(raw, dict):
            raise self.fail("case", f"expected an object, got {json_kind(raw)}")
        values = {name: spec.empty for name, spec in _CASE_FIELDS.items()}
        for key, value in raw.items():
            spec = _CASE_FIELDS.get(key)
            if spec is None:
                raise self.fail(
                    f"case.{key}", f"unknown field (allowed: {', '.join(_CASE_FIELDS)})"
                )
            values[key] = self.value(f"case.{key}", spec, value, None)
        for spec in v.CASE_FIELDS:
            if spec.required and spec.name not in raw:
                raise self.fail(f"case.{spec.name}", "required field missing")
        if not values["id"]:
            raise self.fail("case.id", "must not be empty")
        return new_case(values)

    @staticmethod
    def first_ids(raw_events: list[Any]) -> dict[str, tuple[int, str]]:
        """id -> (index, type) of its first use, so references may point forward in the file."""
        ids: dict[str, tuple[int, str]] = {}
        for index, raw in enumerate(raw_events):
            if isinstance(raw, dict):
                event_id = raw.get("id")
                if isinstance(event_id, str) and event_id not in ids:
                    type_name = raw.get("type")
                    ids[event_id] = (index, type_name if isinstance(type_name, str) else "")
        return ids

    def event(self, index: int, raw: Any, ids: dict[str, tuple[int, str]]) -> Event:
        where = f"events[{index}]"
        if not isinstance(raw, dict):
            raise self.fail(where, f"expected an event object, got {json_kind(raw)}")
        if "type" not in raw:
            raise self.fail(f"{where}.type", "required field missing")
        type_name = raw["type"]
        if not isinstance(type_name, str):
            raise self.fail(
                f"{where}.type", f"expected an event type string, got {json_kind(type_name)}"
            )
        rules = _RULES.get(type_name)
        if rules is None:
            raise self.fail(
                f"{where}.type", f"unknown event type {json.dumps(type_name, ensure_ascii=False)}"
            )
        values = dict(rules.defaults)
        event_id: str | None = None
        at: datetime | None = None
        for key, value in raw.items():
            if key == "type":
                continue
            spec = rules.fields.get(key)
            if spec is None:
                allowed = ", ".join(["type", *rules.fields])
                raise self.fail(
                    f"{where}.{key}", f"unknown field for {type_name} (allowed: {allowed})"
                )
            try:
                checked = CHECKS[spec.kind](spec, value, ids)
            except BadValue as bad:
                raise self.fail(f"{where}.{key}{bad.suffix}", bad.reason) from None
            if key == "id":
                event_id = checked
            elif key == "at":
                at = checked
            else:
                values[key] = checked
        for name in rules.required:
            if name not in raw:
                raise self.fail(f"{where}.{name}", "required field missing")
        if event_id is not None:
            first = ids[event_id][0]
            if first != index:
                raise self.fail(
                    f"{where}.id", f'duplicate id "{event_id}" (first used by events[{first}])'
                )
        if type_name == "av.recorded":
            if event_id is None:
                raise self.fail(
                    f"{where}.id",
                    "required field missing (other events refer to a recording by id)",
                )
            assert at is not None
            if values["start"] > at:
                raise self.fail(
                    f"{where}.start", "the recording starts after it ends (start is later than at)"
                )
        assert at is not None
        return new_event(index, type_name, at, event_id, values)

    def value(
        self, path: str, spec: v.FieldSpec, value: Any, ids: dict[str, tuple[int, str]] | None
    ) -> FieldValue:
        """The checked value; the path is only built when the value is bad."""
        try:
            return CHECKS[spec.kind](spec, value, ids)
        except BadValue as bad:
            raise self.fail(f"{path}{bad.suffix}", bad.reason) from None
