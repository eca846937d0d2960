"""Building sample timelines in a few lines: for tests, the benchmark and documentation.

    CaseBuilder(action="penalty").filmed("inquiry", "03-03 10:30").add("case.closed", "03-31 10:00")

Times may be written `MM-DD HH:MM` (2026, China time) or as full RFC 3339 strings. `filmed`
adds a recording that spans the act (with notice and voice statement) and lists it in `av`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from liuhen.rules.clock import CHINA, parse_time
from liuhen.rules.vocabulary import FORMAT

_SHORT = re.compile(r"(\d{2})-(\d{2}) (\d{2}):(\d{2})")


def when(text: str, year: int = 2026) -> str:
    """`03-03 10:00` -> `2026-03-03T10:00:00+08:00`; full RFC 3339 passes through."""
    match = _SHORT.fullmatch(text)
    if match is None:
        return text
    month, day, hour, minute = match.groups()
    return f"{year}-{month}-{day}T{hour}:{minute}:00+08:00"


def shifted(text: str, minutes: int) -> str:
    moment = parse_time(when(text)) + timedelta(minutes=minutes)
    return moment.astimezone(CHINA).isoformat()


@dataclass
class CaseBuilder:
    action: str = "penalty"
    procedure: str = "general"
    source: str = "ex_officio"
    case_id: str = "TEST-1"
    flags: dict[str, bool] = field(default_factory=dict)
    events: list[dict[str, Any]] = field(default_factory=list)
    _recordings: int = 0

    def add(self, type_name: str, at: str, **fields: Any) -> CaseBuilder:
        event: dict[str, Any] = {"type": type_name, "at": when(at)}
        for key, value in fields.items():
            key = key.rstrip("_")  # for_ -> for
            if key in ("start", "due") and isinstance(value, str):
                value = when(value)
            if key == "interruptions":
                value = [
                    {
                        k: when(x) if k in ("at", "resumed_at") and isinstance(x, str) else x
                        for k, x in i.items()
                    }
                    for i in value
                ]
            event[key] = value
        self.events.append(event)
        return self

    def record(self, at: str, *, minutes: int = 10, **fields: Any) -> str:
        """Add a recording ending `minutes` after `at` (starting as long before); returns its id."""
        self._recordings += 1
        recording_id = fields.pop("id", f"av{self._recordings}")
        values = {"notice_given": True, "statement_given": True, **fields}
        self.add(
            "av.recorded",
            shifted(at, minutes),
            id=recording_id,
            start=shifted(at, -minutes),
            **values,
        )
        return recording_id

    def filmed(self, type_name: str, at: str, **fields: Any) -> CaseBuilder:
        recording = self.record(at)
        return self.add(type_name, at, av=[recording], **fields)

    def document(self, profile: str | None = None) -> dict[str, Any]:
        case: dict[str, Any] = {
            "id": self.case_id,
            "action": self.action,
            "procedure": self.procedure,
            "source": self.source,
            **self.flags,
        }
        document: dict[str, Any] = {"format": FORMAT, "case": case, "events": list(self.events)}
        if profile is not None:
            document["profile"] = profile
        return document


def case(
    action: str = "penalty", procedure: str = "general", source: str = "ex_officio", **flags: bool
) -> CaseBuilder:
    return CaseBuilder(action=action, procedure=procedure, source=source, flags=flags)


def at_2026(text: str) -> datetime:
    return parse_time(when(text))
