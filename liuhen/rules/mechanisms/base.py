"""What every mechanism shares: the duty's metadata, parameter reading and the registry.

A mechanism turns a duty's parameters (from its pack) into a small function
`check(view) -> list[Finding]`, compiled once when the packs load.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from liuhen.rules import vocabulary as v
from liuhen.rules.caseview import CaseView
from liuhen.rules.clock import format_short
from liuhen.rules.conditions import PackError, Selector, parse_selectors
from liuhen.rules.findings import Finding, Severity, new_finding
from liuhen.rules.periods import Period, PeriodError, parse_period
from liuhen.rules.timeline import Event

Check = Callable[[CaseView], list[Finding]]


@dataclass(frozen=True, slots=True)
class DutyInfo:
    id: str
    regulation: str
    article: str
    duty: str
    severity: Severity  # violation or advice: how the text words the duty
    stage: str

    def breach(self, *, due: datetime | None, events: tuple[str, ...], message: str) -> Finding:
        return new_finding(
            self.regulation,
            self.article,
            self.severity,
            self.duty,
            due,
            events,
            message,
            self.id,
            self.stage,
        )

    def pending(
        self, *, due: datetime | None, events: tuple[str, ...], message: str
    ) -> Finding | None:
        """A duty still open; only a binding duty is listed as pending (advice waits for breach)."""
        if self.severity != "violation":
            return None
        return new_finding(
            self.regulation,
            self.article,
            "pending",
            self.duty,
            due,
            events,
            message,
            self.id,
            self.stage,
        )


class Params:
    """A duty's `[duties.params]` table, read key by key; `done()` rejects leftovers."""

    def __init__(self, raw: Any, where: str) -> None:
        if raw is None:
            raw = {}
        if not isinstance(raw, dict):
            raise PackError(f"{where}: expected a table")
        self.raw = raw
        self.where = where
        self.used: set[str] = set()

    def _get(self, name: str, required: bool) -> Any:
        self.used.add(name)
        if name not in self.raw:
            if required:
                raise PackError(f"{self.where}.{name}: required")
            return None
        return self.raw[name]

    def selectors(self, name: str, *, required: bool = True) -> tuple[Selector, ...]:
        raw = self._get(name, required)
        return () if raw is None else parse_selectors(raw, f"{self.where}.{name}")

    def groups(self, name: str) -> tuple[tuple[Selector, ...], ...]:
        """A list of groups, each a list of alternatives: all groups must be met."""
        raw = self._get(name, True)
        if not isinstance(raw, list) or not raw:
            raise PackError(f"{self.where}.{name}: expected a list of groups")
        return tuple(parse_selectors(g, f"{self.where}.{name}[{i}]") for i, g in enumerate(raw))

    def bool_fields(self, name: str, selectors: tuple[Selector, ...]) -> tuple[str, ...]:
        raw = self._get(name, True)
        if not isinstance(raw, list) or not raw:
            raise PackError(f"{self.where}.{name}: expected a list of boolean fields")
        for field_name in raw:
            for selector in selectors:
                for type_name in selector.types:
                    spec = v.event_fields(type_name).get(field_name)
                    if spec is None or spec.kind != "bool":
                        raise PackError(
                            f"{self.where}.{name}: {type_name} has no boolean field {field_name!r}"
                        )
        return tuple(raw)

    def names(
        self, name: str, allowed: tuple[str, ...], *, default: tuple[str, ...]
    ) -> tuple[str, ...]:
        raw = self._get(name, False)
        if raw is None:
            return default
        if not isinstance(raw, list) or any(item not in allowed for item in raw):
            raise PackError(f"{self.where}.{name}: expected a list of {', '.join(allowed)}")
        return tuple(raw)

    def choice(self, name: str, allowed: tuple[str, ...], *, default: str) -> str:
        raw = self._get(name, False)
        if raw is None:
            return default
        if raw not in allowed:
            raise PackError(f"{self.where}.{name}: expected one of {', '.join(allowed)}")
        return str(raw)

    def flag(self, name: str) -> bool:
        raw = self._get(name, False)
        if raw is None:
            return False
        if not isinstance(raw, bool):
            raise PackError(f"{self.where}.{name}: expected true or false")
        return raw

    def raw_value(self, name: str) -> Any:
        return self._get(name, False)

    def integer(self, name: str, *, default: int) -> int:
        raw = self._get(name, False)
        if raw is None:
            return default
        if isinstance(raw, bool) or not isinstance(raw, int) or raw < 0:
            raise PackError(f"{self.where}.{name}: expected a whole number ≥ 0")
        return raw

    def done(self) -> None:
        unknown = set(self.raw) - self.used
        if unknown:
            raise PackError(f"{self.where}: unknown parameter(s) {', '.join(sorted(unknown))}")


@dataclass(frozen=True, slots=True)
class DeadlineSpec:
    """A duty's period with its exceptions (remote return, special circumstance, extension)."""

    period: Period
    remote: Period | None = None
    special: Period | None = None
    extension: Period | None = None


def parse_deadline(raw: Any, where: str) -> DeadlineSpec | None:
    if raw is None:
        return None
    try:
        period = parse_period(raw, where)
        exceptions = {}
        for key in ("remote", "special", "extension"):
            if key in raw:
                exceptions[key] = parse_period(
                    raw[key], f"{where}.{key}", anchored=key != "extension"
                )
    except PeriodError as error:
        raise PackError(str(error)) from None
    extension = exceptions.get("extension")
    if extension is not None and extension.kind != period.kind:
        raise PackError(
            f"{where}.extension: must be counted like the period itself ({period.kind})"
        )
    return DeadlineSpec(period, exceptions.get("remote"), exceptions.get("special"), extension)


MechanismFactory = Callable[[DutyInfo, Params, "DeadlineSpec | None"], Check]
MECHANISMS: dict[str, MechanismFactory] = {}
NEEDS_DEADLINE: set[str] = set()
# What makes a duty of each mechanism worth running: the parameter naming its triggering events,
# or a fixed set of event types. A case without any of them cannot breach the duty.
TRIGGERS: dict[str, str | frozenset[str]] = {}


def mechanism(
    name: str, *, deadline: bool = False, triggers: str | frozenset[str] = "acts"
) -> Callable[[MechanismFactory], MechanismFactory]:
    def register(factory: MechanismFactory) -> MechanismFactory:
        MECHANISMS[name] = factory
        TRIGGERS[name] = triggers
        if deadline:
            NEEDS_DEADLINE.add(name)
        return factory

    return register


def refs(event: Event) -> tuple[str, ...]:
    """The ids a finding about this event names: the event, and the recording it concerns."""
    target = event.values.get("of")
    if isinstance(target, str):
        return (event.ref, target)
    return (event.ref,)


def describe(event: Event) -> str:
    """`询问 inq1（2026-03-03 10:30）`."""
    return f"{v.label(event.type)} {event.ref}（{format_short(event.at)}）"


def labels(type_name: str, fields: tuple[str, ...]) -> str:
    specs = v.event_fields(type_name)
    return "、".join(specs[name].label for name in fields)
