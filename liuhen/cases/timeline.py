"""A case's events as the timeline vocabulary (docs/spec/case-timeline.md): what is exported,
what `liuhen check` reads, and what every new event is validated against."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from liuhen.cases.errors import CaseInputError
from liuhen.cases.models import Case, CaseEvent, EventStatus
from liuhen.rules import vocabulary as v
from liuhen.rules.clock import format_time, parse_time


def case_facts_json(case: Case) -> dict[str, Any]:
    return {
        "id": case.number,
        "action": case.action,
        "procedure": case.procedure,
        "source": case.source,
        "major": case.major,
        "major_incident": case.major_incident,
        "complex": case.complex,
    }


def event_json(event: CaseEvent) -> dict[str, Any]:
    return {"type": event.type, "id": event.event_id, "at": format_time(event.at), **event.fields}


def timeline_document(case: Case, events: Iterable[CaseEvent]) -> dict[str, Any]:
    document: dict[str, Any] = {"format": v.FORMAT}
    if case.profile:
        document["profile"] = case.profile
    document["case"] = case_facts_json(case)
    document["events"] = [event_json(e) for e in events]
    return document


def effective_events(case: Case) -> list[CaseEvent]:
    """Effective events by time, then recording order (how a reader expects the file)."""
    return list(case.events.filter(status=EventStatus.EFFECTIVE).order_by("at", "position"))


def case_timeline_document(*, case: Case) -> dict[str, Any]:
    """The case's effective timeline, exactly per the spec (it round-trips through
    `liuhen.rules.parse_timeline`). Events awaiting approval or returned are not part of it."""
    return timeline_document(case, effective_events(case))


def _time_text(name: str, value: Any) -> Any:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise CaseInputError(name, f"“{name}”的时间须带时区")
        return format_time(value)
    return value


def fields_to_json(fields: Mapping[str, Any]) -> dict[str, Any]:
    """Fields as JSON values: datetimes become RFC 3339 text, tuples lists (no validation:
    the timeline parser judges the result)."""
    out: dict[str, Any] = {}
    for name, value in fields.items():
        if isinstance(value, list | tuple):
            out[name] = [
                {k: _time_text(f"{name}.{k}", x) for k, x in item.items()}
                if isinstance(item, Mapping)
                else _time_text(name, item)
                for item in value
            ]
        else:
            out[name] = _time_text(name, value)
    return out


def _normal_time(value: Any) -> Any:
    return format_time(parse_time(value)) if isinstance(value, str) else value


def fields_normalise(type_name: str, fields: Mapping[str, Any]) -> dict[str, Any]:
    """Validated fields with every time written in +08:00 (the stored form)."""
    specs = v.event_fields(type_name)
    out = dict(fields)
    for name, value in fields.items():
        spec = specs.get(name)
        if spec is None:
            continue
        if spec.kind == "time":
            out[name] = _normal_time(value)
        elif spec.kind == "interruptions":
            out[name] = [
                {k: _normal_time(x) if k in ("at", "resumed_at") else x for k, x in item.items()}
                for item in value
            ]
    return out
