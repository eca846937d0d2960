"""Hypothesis strategies for case timelines, derived from `vocabulary.py`: every event type, every
field and every enum value the vocabulary names can be drawn."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from hypothesis import strategies as st

from liuhen.rules import vocabulary as v

START = datetime(2025, 11, 1, tzinfo=timezone(timedelta(hours=8)))
OFFSETS = [timezone(timedelta(hours=8)), UTC, timezone(timedelta(hours=-5, minutes=-30))]


@st.composite
def times(draw: st.DrawFn, after: datetime | None = None) -> tuple[datetime, str]:
    base = after or START
    moment = base + timedelta(minutes=draw(st.integers(0, 60 * 24 * 500)))
    zone = draw(st.sampled_from(OFFSETS))
    text = moment.astimezone(zone).isoformat()
    if zone is UTC and draw(st.booleans()):
        text = text.replace("+00:00", "Z")
    return moment, text


def enum_values(spec: v.FieldSpec) -> st.SearchStrategy[Any]:
    """Every value an enum (or list of enum values) field may take."""
    if spec.kind == "enum_list":
        return st.lists(st.sampled_from(spec.values), max_size=3)
    return st.sampled_from(spec.values)


def field_value(draw: st.DrawFn, spec: v.FieldSpec, ids: dict[str, list[str]]) -> Any:
    if spec.kind == "bool":
        return draw(st.booleans())
    if spec.kind == "str":
        return draw(st.text(max_size=12))
    if spec.kind == "number":
        return draw(st.one_of(st.integers(0, 10**6), st.floats(0, 1e6, allow_nan=False)))
    if spec.kind == "time":
        return draw(times())[1]
    if spec.kind in ("enum", "enum_list"):
        return draw(enum_values(spec))
    if spec.kind in ("ref", "ref_list"):
        pool = [i for t in v.ref_targets(spec) for i in ids.get(t, [])]
        if spec.kind == "ref":
            return draw(st.sampled_from(pool))
        return draw(st.lists(st.sampled_from(pool), max_size=2)) if pool else []
    if spec.kind == "interruptions":
        items = []
        for _ in range(draw(st.integers(0, 2))):
            _, at = draw(times())
            resumed = draw(st.one_of(st.none(), times().map(lambda t: t[1])))
            item = {"at": at, "resumed_at": resumed}
            for flag in ("reason_stated", "reported", "written_explanation"):
                if draw(st.booleans()):
                    item[flag] = draw(st.booleans())
            items.append(item)
        return items
    raise AssertionError(spec.kind)


@st.composite
def timelines(
    draw: st.DrawFn, max_events: int = 30, include: tuple[str, ...] = ()
) -> dict[str, Any]:
    """A valid timeline document: referenced events exist, recordings start before they end."""
    case: dict[str, Any] = {
        "id": draw(st.text(min_size=1, max_size=10)),
        "action": draw(st.sampled_from(tuple(v.ACTIONS))),
        "source": draw(st.sampled_from(tuple(v.SOURCES))),
    }
    for spec in v.CASE_FIELDS:
        if not spec.required and draw(st.booleans()):
            case[spec.name] = field_value(draw, spec, {})
    count = draw(st.integers(0, max_events))
    types = draw(st.lists(st.sampled_from(tuple(v.EVENT_TYPES)), min_size=count, max_size=count))
    types += include
    # an event that must name a recording or an act gets one to name
    needs = {
        t
        for name in types
        for s in v.event_fields(name).values()
        if s.required and s.kind == "ref"
        for t in s.refs
    }
    if "av.recorded" in needs and "av.recorded" not in types:
        types.append("av.recorded")
    if "*act" in needs and not any(v.EVENT_TYPES[t].act for t in types):
        types.append("inquiry")
    # recordings and acts first get ids, so that every reference can name one
    ids: dict[str, list[str]] = {}
    named: list[str | None] = []
    for index, type_name in enumerate(types):
        give_id = type_name == "av.recorded" or v.EVENT_TYPES[type_name].act or draw(st.booleans())
        event_id = f"e{index}" if give_id else None
        named.append(event_id)
        if event_id:
            ids.setdefault(type_name, []).append(event_id)
    events = []
    for type_name, event_id in zip(types, named, strict=True):
        fields = v.event_fields(type_name)
        moment, text = draw(times())
        event: dict[str, Any] = {"type": type_name, "at": text}
        if event_id is not None:
            event["id"] = event_id
        for spec in fields.values():
            if spec.name in ("id", "at"):
                continue
            pool_ok = spec.kind not in ("ref", "ref_list") or any(
                ids.get(t) for t in v.ref_targets(spec)
            )
            if spec.name == "start":
                earlier = moment - timedelta(minutes=draw(st.integers(0, 600)))
                event["start"] = earlier.astimezone(OFFSETS[0]).isoformat()
            elif spec.required and pool_ok:
                event[spec.name] = field_value(draw, spec, ids)
            elif spec.required:
                event = {}  # an `of` with nothing to name: drop the event
                break
            elif draw(st.integers(0, 2)) == 0 and pool_ok:
                event[spec.name] = field_value(draw, spec, ids)
        if event:
            events.append(event)
    kept = {e.get("id") for e in events}
    for event in events:  # references to dropped events would be dangling
        if event.get("of") is not None and event["of"] not in kept:
            event["of"] = next(
                iter(sorted(i for i in kept if i and i in ids.get("av.recorded", []))), None
            )
        if "av" in event:
            event["av"] = [a for a in event["av"] if a in kept]
    events = [e for e in events if e.get("of", "") is not None]
    return {"format": v.FORMAT, "case": case, "events": events}
