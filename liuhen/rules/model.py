"""The timeline model: frozen dataclasses for the case, its events and a whole timeline.

Both validators (`validators.py`, the fast path for valid input, and `timeline.py`, the careful path
that names the first problem) build these; the duties only read them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import datetime
from operator import attrgetter
from typing import Any

from liuhen.rules.fields import FieldValue


class TimelineError(ValueError):
    """Bad input. `str()` is the exact line written to standard error."""

    def __init__(self, source: str, path: str, reason: str) -> None:
        super().__init__(source, path, reason)
        self.source = source
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        if self.path:
            return f"{self.source}: {self.path}: {self.reason}"
        return f"{self.source}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Interruption:
    at: datetime
    resumed_at: datetime | None
    reason_stated: bool
    reported: bool
    written_explanation: bool


@dataclass(frozen=True, slots=True)
class CaseFacts:
    id: str
    action: str
    procedure: str
    source: str
    major: bool
    major_incident: bool
    complex: bool


@dataclass(frozen=True, slots=True)
class Event:
    """One dated fact. `values` holds every field of its type, absent ones at their default."""

    index: int  # position in the file, from 0
    type: str
    at: datetime
    id: str | None
    values: Mapping[str, FieldValue] = field(repr=False)

    @property
    def ref(self) -> str:
        """How findings name the event: its id, or `#N` for its position in the file."""
        return self.id if self.id is not None else f"#{self.index}"

    @property
    def av(self) -> tuple[str, ...]:
        av: tuple[str, ...] = self.values["av"]
        return av

    def flag(self, name: str) -> bool:
        return bool(self.values.get(name, False))

    def get(self, name: str) -> FieldValue:
        return self.values.get(name)


@dataclass(frozen=True, slots=True)
class Timeline:
    source: str
    profile: str | None
    case: CaseFacts
    events: tuple[Event, ...]  # ordered by time, then file order
    by_type: Mapping[str, tuple[Event, ...]] = field(default_factory=dict, repr=False)
    by_id: Mapping[str, Event] = field(default_factory=dict, repr=False)

    @classmethod
    def indexed(
        cls,
        source: str,
        profile: str | None,
        case: CaseFacts,
        events: list[Event],
        by_id: dict[str, Event] | None = None,
    ) -> Timeline:
        """A timeline of `events` (given in file order) sorted by time, indexed by type and id
        once, for every later check. `by_id` may be passed where the caller has built it."""
        # the list is in file order and the sort is stable: time, then file order
        events.sort(key=_AT)
        by_type: dict[str, list[Event]] = {}
        for event in events:
            bucket = by_type.get(event.type)
            if bucket is None:
                by_type[event.type] = [event]
            else:
                bucket.append(event)
        if by_id is None:
            by_id = {event.id: event for event in events if event.id is not None}
        return cls(
            source,
            profile,
            case,
            tuple(events),
            {k: tuple(b) for k, b in by_type.items()},
            by_id,
        )


_AT = attrgetter("at")


class EventDraft:
    """An Event being built: the frozen Event's twin, with the same slots but assignable.

    A new event is filled in as a draft and then given its real class (`finish`). The object
    layout is identical, so CPython allows the __class__ assignment, and plain slot stores cost a
    fraction of a frozen dataclass's __init__ (object.__setattr__ per field). At tens of thousands
    of events a second that is a tenth of validation. The result is an ordinary frozen Event.
    """

    __slots__ = ("at", "id", "index", "type", "values")
    index: int
    type: str
    at: datetime
    id: str | None
    values: dict[str, Any]

    def finish(self) -> Event:
        self.__class__ = Event  # type: ignore[assignment]
        return self  # type: ignore[return-value]


assert sorted(EventDraft.__slots__) == sorted(f.name for f in fields(Event))


def new_event(
    index: int, type_name: str, at: datetime, event_id: str | None, values: dict[str, Any]
) -> Event:
    """Event(...), built as an EventDraft."""
    event = EventDraft()
    event.index = index
    event.type = type_name
    event.at = at
    event.id = event_id
    event.values = values
    return event.finish()


def frozen_setters(cls: type, names: tuple[str, ...]) -> tuple[Any, ...]:
    """The slot setters of a frozen dataclass, to build instances without its slow __init__."""
    return tuple(cls.__dict__[name].__set__ for name in names)


_CASE_FIELDS = tuple(f.name for f in fields(CaseFacts))
_CASE_SETTERS = frozen_setters(CaseFacts, _CASE_FIELDS)


def new_case(values: Mapping[str, Any]) -> CaseFacts:
    """CaseFacts(**values), checked values only, the same way as `new_event`."""
    case = object.__new__(CaseFacts)
    for setter, name in zip(_CASE_SETTERS, _CASE_FIELDS, strict=True):
        setter(case, values[name])
    return case
