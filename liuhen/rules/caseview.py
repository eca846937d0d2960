"""One case as the duties see it at `as_of`: events up to then, indexed once.

Built once per check; every mechanism reads from here so that no duty scans the whole timeline
more than it must (the target is thousands of cases a second).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence
from datetime import datetime

from liuhen.rules.calendar import WorkCalendar
from liuhen.rules.timeline import CaseFacts, Event, Timeline

_NO_EVENTS: tuple[Event, ...] = ()


class CaseView:
    __slots__ = (
        "_links",
        "_recorded_by",
        "_return_times",
        "_returns",
        "as_of",
        "by_id",
        "by_type",
        "calendar",
        "case",
        "closed_at",
        "events",
        "fallback",
        "found",
        "is_major",
        "major_measures",
        "major_situations",
    )

    def __init__(
        self,
        timeline: Timeline,
        *,
        as_of: datetime,
        calendar: WorkCalendar,
        major_measures: frozenset[str] = frozenset(),
        major_situations: frozenset[str] = frozenset(),
    ) -> None:
        events = timeline.events
        self.case: CaseFacts = timeline.case
        self.major_measures = major_measures
        self.major_situations = major_situations
        self.as_of = as_of
        self.calendar = calendar
        self.fallback: set[int] = set()
        self.found: dict[int, Sequence[Event]] = {}  # the finders' answers (conditions.finder)
        if not events or events[-1].at <= as_of:
            self.events = events
            self.by_type: Mapping[str, Sequence[Event]] = timeline.by_type
            self.by_id: Mapping[str, Event] = timeline.by_id
        else:
            events = tuple(e for e in events if e.at <= as_of)
            self.events = events
            by_type: dict[str, list[Event]] = {}
            for event in events:
                by_type.setdefault(event.type, []).append(event)
            self.by_type = by_type
            self.by_id = {e.id: e for e in events if e.id is not None}
        by_type = self.by_type  # type: ignore[assignment]
        closing = by_type.get("case.closed")
        self.closed_at: datetime | None = closing[0].at if closing else None
        decisions = by_type.get("decision.made", _NO_EVENTS)
        if decisions:
            self.is_major = self.case.major or any(map(self.decision_major, decisions))
        else:
            self.is_major = self._major_before_decision(as_of)
        self._links: dict[str, dict[str, list[Event]]] = {}
        self._recorded_by: dict[str, list[Event]] | None = None
        self._returns: list[Event] | None = None
        self._return_times: list[datetime] = []

    def _major_before_decision(self, until: datetime | None) -> bool:
        """Grounds known before any decision: the case's list entry, complexity, a hearing held."""
        if self.case.major:
            return True
        if until is None:
            return False
        if "complex" in self.major_situations and self.case.complex:
            return True
        if "hearing" in self.major_situations:
            return any(h.at <= until for h in self.by_type.get("hearing", _NO_EVENTS))
        return False

    def decision_major(self, decision: Event) -> bool:
        """MAJOR(D): the case is on the agency's list, or a regulation of the profile makes D major
        by its measures or by a situation the record shows (a hearing in D's window, complexity)."""
        if self.case.major:
            return True
        if self.major_measures and self.major_measures.intersection(
            decision.values.get("measures", ())
        ):
            return True
        if "complex" in self.major_situations and self.case.complex:
            return True
        if "hearing" in self.major_situations:
            start = None
            for other in self.by_type.get("decision.made", _NO_EVENTS):
                if other.at < decision.at:
                    start = other.at
            for hearing in self.by_type.get("hearing", _NO_EVENTS):
                if (start is None or hearing.at > start) and hearing.at <= decision.at:
                    return True
        return False

    def of_type(self, type_name: str) -> Sequence[Event]:
        return self.by_type.get(type_name, _NO_EVENTS)

    def linked(self, type_name: str, target_id: str) -> list[Event] | tuple[Event, ...]:
        """Events of a type whose `of` names target_id, in time order."""
        index = self._links.get(type_name)
        if index is None:
            index = {}
            for event in self.by_type.get(type_name, _NO_EVENTS):
                index.setdefault(event.values["of"], []).append(event)
            self._links[type_name] = index
        return index.get(target_id, _NO_EVENTS)

    def recorded_by(self, recording_id: str) -> list[Event] | tuple[Event, ...]:
        """The events whose `av` lists this recording."""
        if self._recorded_by is None:
            index: dict[str, list[Event]] = {}
            for event in self.events:
                for av_id in event.values["av"]:
                    index.setdefault(av_id, []).append(event)
            self._recorded_by = index
        return self._recorded_by.get(recording_id, _NO_EVENTS)

    def event_by_ref(self, ref: str) -> Event | None:
        """The event a finding names: by its id, or `#N` for the N-th event of the file."""
        event = self.by_id.get(ref)
        if event is None and ref.startswith("#") and ref[1:].isdigit():
            index = int(ref[1:])
            event = next((e for e in self.events if e.index == index and e.id is None), None)
        return event

    def decision_before(self, event: Event) -> Event | None:
        """The latest decision made at or before the event."""
        latest = None
        for decision in self.by_type.get("decision.made", _NO_EVENTS):
            if decision.at <= event.at:
                latest = decision
        return latest

    def return_for(self, recording: Event) -> tuple[datetime, bool]:
        """When the officers returned after this recording, and whether the trip was remote.

        A `field.returned` covers every recording that ended before it and after the previous
        return; where no return follows a recording, the officers count as returned when it ended.
        """
        if self._returns is None:
            self._returns = list(self.by_type.get("field.returned", _NO_EVENTS))
            self._return_times = [e.at for e in self._returns]
        position = bisect_left(self._return_times, recording.at)
        if position < len(self._returns):
            back = self._returns[position]
            return back.at, back.flag("remote")
        return recording.at, False
