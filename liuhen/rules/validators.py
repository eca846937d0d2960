"""The fast path of timeline validation: one builder per event type, compiled from `vocabulary.py`
when the module is imported.

A builder checks a valid event with as little work as possible and gives up (None) at the first
doubt, without saying why. A document that any builder gives up on goes, whole, through the
careful validator in `timeline.py`, which finds and names the first problem in file order. So no
error is ever worded here, and a rejection reads the same whichever path met it first; the price of
a bad file is one extra pass over it. References may point forward in the file, so they are
collected while building and resolved once every id is known.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, get_args

from liuhen.rules import vocabulary as v
from liuhen.rules.clock import MIDNIGHTS, TIMES_OF_DAY, BadTime, parse_time
from liuhen.rules.fields import CHECKS, BadValue
from liuhen.rules.model import CaseFacts, Event, EventDraft, Timeline, new_case

# (id, the event types it may name), resolved once the whole file has been read
Refs = list[tuple[str, frozenset[str]]]
# (position in the file, the event, references to resolve, events by id so far) -> the event
Builder = Callable[[int, dict[str, Any], Refs, dict[str, Event]], Event | None]


def _unknown(index: int, raw: dict[str, Any], refs: Refs, by_id: dict[str, Event]) -> None:
    """The builder of an unknown (or missing) type."""
    return None


def fast_timeline(document: Any, source: str) -> Timeline | None:
    """The timeline of a valid document, or None if anything about it is in doubt."""
    if document.__class__ is not dict:
        return None
    keys = document.keys()
    if not (keys <= _TOP_LEVEL and keys >= _TOP_LEVEL_REQUIRED):
        return None
    if document["format"] != v.FORMAT:
        return None
    profile = document.get("profile")
    if "profile" in keys and profile.__class__ is not str:
        return None
    case = _case(document["case"])
    raw_events = document["events"]
    if case is None or raw_events.__class__ is not list:
        return None
    events: list[Event] = []
    by_id: dict[str, Event] = {}
    refs: Refs = []
    builders = _BUILDERS
    try:
        for index, raw in enumerate(raw_events):
            if raw.__class__ is not dict:
                return None
            event = builders.get(raw.get("type"), _unknown)(index, raw, refs, by_id)
            if event is None:
                return None
            events.append(event)
    except TypeError:  # a type that is not even hashable
        return None
    for target_id, allowed in refs:
        target = by_id.get(target_id)
        if target is None or target.type not in allowed:
            return None
    return Timeline.indexed(source, profile, case, events, by_id)


def _time(value: Any) -> datetime | None:
    """The time, or None if it is not one."""
    try:
        return parse_time(value)
    except BadTime:
        return None


_BOOL, _TIME, _STR, _ENUM, _ENUM_LIST, _REF, _REF_LIST, _OTHER = (
    "bool",
    "time",
    "str",
    "enum",
    "enum_list",
    "ref",
    "ref_list",
    "other",
)
_ID, _AT = "id", "at"
_MISSING = object()
_KINDS = {
    kind: kind if kind in (_BOOL, _TIME, _STR, _ENUM, _ENUM_LIST, _REF, _REF_LIST) else _OTHER
    for kind in get_args(v.FieldKind)
}


def _builder(type_name: str) -> Builder:
    specs = v.event_fields(type_name)
    # `type` is there (it chose this builder); a required field starts as _MISSING, which no
    # value replaces but its own. Other events refer to a recording by its id, and a recording
    # cannot end before it starts.
    recording = type_name == "av.recorded"
    required = tuple(n for n, spec in specs.items() if spec.required and n not in ("id", "at"))
    defaults: dict[str, Any] = {
        name: _MISSING if name in required else spec.empty
        for name, spec in specs.items()
        if name not in ("id", "at")
    }
    # the kind of each key, as interned constants compared by identity
    kinds = {name: _KINDS[spec.kind] for name, spec in specs.items()}
    kinds.update({"id": _ID, "at": _AT})
    enums = {name: frozenset(spec.values) for name, spec in specs.items() if spec.values}
    targets = {name: v.ref_targets(spec) for name, spec in specs.items() if spec.refs}
    # rare kinds (numbers, interruptions) use the careful checker: a BadValue is a doubt
    careful = {
        name: (CHECKS[spec.kind], spec)
        for name, spec in specs.items()
        if spec.kind in ("number", "interruptions")
    }
    midnights, times_of_day = MIDNIGHTS, TIMES_OF_DAY

    def build(index: int, raw: dict[str, Any], refs: Refs, by_id: dict[str, Event]) -> Event | None:
        values = defaults.copy()
        event_id: str | None = None
        at: datetime | None = None
        # Any exception is a doubt too, for the careful path to name: an unknown field (KeyError),
        # a time that is not a real date (ValueError), a value of the wrong type (TypeError) …
        try:
            for key, value in raw.items():
                if key == "type":  # it chose this builder
                    continue
                kind = kinds[key]
                if kind is _AT or kind is _TIME:
                    # clock.parse_china_seconds, inlined (two calls less for each of ~35 times
                    # per case) for the times whose date and time of day it has seen before
                    if (
                        value.__class__ is str
                        and (midnight := midnights.get(value[:10])) is not None
                        and (since := times_of_day.get(value[10:])) is not None
                    ):
                        value = midnight + since
                    else:
                        value = _time(value)
                        if value is None:
                            return None
                    if kind is _AT:
                        at = value
                        continue
                elif kind is _BOOL:
                    if value is not True and value is not False:
                        return None
                elif kind is _REF_LIST:
                    if value.__class__ is not list:
                        return None
                    wanted = targets[key]
                    for item in value:
                        if item.__class__ is not str:
                            return None
                        refs.append((item, wanted))
                    value = tuple(value)
                elif kind is _REF:
                    if value.__class__ is not str:
                        return None
                    refs.append((value, targets[key]))
                elif kind is _ID:
                    if value.__class__ is not str or not value:
                        return None
                    event_id = value
                    continue
                elif kind is _ENUM:
                    if value.__class__ is not str or value not in enums[key]:
                        return None
                elif kind is _STR:
                    if value.__class__ is not str:
                        return None
                elif kind is _ENUM_LIST:
                    if value.__class__ is not list:
                        return None
                    options = enums[key]
                    for item in value:
                        if item.__class__ is not str or item not in options:
                            return None
                    value = tuple(value)
                else:
                    check, spec = careful[key]
                    value = check(spec, value, None)
                values[key] = value
            if at is None:
                return None
            for name in required:
                if values[name] is _MISSING:
                    return None
            if recording and (event_id is None or values["start"] > at):
                return None
        except (KeyError, ValueError, TypeError, BadValue):
            return None
        event = EventDraft()  # model.new_event, inlined
        event.index = index
        event.type = type_name
        event.at = at
        event.id = event_id
        event.values = values
        event.__class__ = Event  # type: ignore[assignment]  # EventDraft.finish, inlined
        if event_id is not None:
            if event_id in by_id:  # a duplicate
                return None
            by_id[event_id] = event  # type: ignore[assignment]
        return event  # type: ignore[return-value]

    return build


_BUILDERS: dict[str, Builder] = {name: _builder(name) for name in v.EVENT_TYPES}
_TOP_LEVEL = frozenset(v.TOP_LEVEL_FIELDS)
_TOP_LEVEL_REQUIRED = frozenset({"format", "case", "events"})

_CASE_SPECS = {spec.name: spec for spec in v.CASE_FIELDS}
_CASE_KEYS = frozenset(_CASE_SPECS)
_CASE_REQUIRED = frozenset(name for name, spec in _CASE_SPECS.items() if spec.required)
_CASE_DEFAULTS = {name: spec.empty for name, spec in _CASE_SPECS.items()}
_CASE_CHECKS = tuple(
    (name, spec.kind, frozenset(spec.values)) for name, spec in _CASE_SPECS.items()
)
assert {kind for _, kind, _ in _CASE_CHECKS} <= {"bool", "enum", "str"}


def _case(raw: Any) -> CaseFacts | None:
    if raw.__class__ is not dict:
        return None
    keys = raw.keys()
    if not (keys <= _CASE_KEYS and keys >= _CASE_REQUIRED):
        return None
    values = {**_CASE_DEFAULTS, **raw}
    for name, kind, options in _CASE_CHECKS:
        value = values[name]
        if kind == "bool":
            if value is not True and value is not False:
                return None
        elif value.__class__ is not str:
            return None
        elif kind == "enum":
            if value not in options:
                return None
        elif not value and name == "id":  # 案号 must not be empty
            return None
    return new_case(values)
