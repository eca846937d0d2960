"""The small condition language of the packs: event selectors (`applies.py` holds the case
conditions, `finders.py` how a case answers a selector list).

A selector names event types and, optionally, field values the event must have:
`"inquiry"` or `{type = "service", where = {method = ["left", "announcement"]}}`. A boolean in
`where` compares with the event's fact (absent = false); a list-valued field matches when it
shares a value with the list. Further keys narrow the events by their place in the case (`after`,
`not_after`, `first`, `first_since`), the case (`actions`), other selectors (`unless`), the
decision's majority (`major`) and, for recordings, what they filmed (`unless_only_films`).
Everything is checked against `vocabulary.py` when a pack loads, so a typo in a pack is an error
at start-up, never a duty that silently never fires.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from liuhen.rules import vocabulary as v
from liuhen.rules.caseview import CaseView
from liuhen.rules.finders import finder
from liuhen.rules.model import Event

_NO_EVENTS: tuple[Event, ...] = ()
_AT_INDEX = attrgetter("at", "index")


class PackError(ValueError):
    """A pack file that does not follow the pack format; the message names file and key."""


@dataclass(frozen=True, slots=True)
class Selector:
    types: tuple[str, ...]
    where: tuple[tuple[str, Any], ...] = ()  # (field, True/False | frozenset of values)
    after: tuple[str, ...] = ()  # only events with one of these types at or before them
    not_after: tuple[str, ...] = ()  # only events with none of these types at or before them
    first: bool = False  # only the earliest matching event
    actions: frozenset[str] | None = None  # only in cases of these kinds
    unless: tuple[Selector, ...] = ()  # not events that one of these selects
    major: bool | None = None  # only decisions that are (or are not) major under the profile
    # only the first of each run: the first selected event after each event of these types
    first_since: tuple[str, ...] = ()
    # (recordings) not a recording whose filmed acts (those listing it in `av`) are all, and at
    # least one, of the kind these select
    unless_only_films: tuple[Selector, ...] = ()

    # whether an event of one of `types` has the `where` values; compiled once, see _matcher
    matches: Callable[[Event], bool] = field(init=False, repr=False, compare=False)

    # one type and a `where`, nothing else: the commonest question after a plain type
    where_only: bool = field(init=False, repr=False, compare=False)
    # the events `unless` excludes, worked out once per case and shared (see finders)
    find_unless: Callable[[CaseView], Sequence[Event]] | None = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        object.__setattr__(self, "matches", _matcher(self.types, self.where))
        where_only = len(self.types) == 1 and bool(self.where) and _only(self, "where")
        object.__setattr__(self, "where_only", where_only)
        object.__setattr__(self, "find_unless", finder(self.unless) if self.unless else None)

    @property
    def plain(self) -> bool:
        """Every event of one type, as it stands: the answer is the case's own index."""
        return len(self.types) == 1 and _only(self, None)

    @property
    def plain_in_case(self) -> bool:
        """Every event of its one type, in the cases of its kinds (`actions`)."""
        return len(self.types) == 1 and _only(self, "actions")

    def find(self, view: CaseView) -> list[Event]:
        """Matching events up to as_of, in time order."""
        if self.where_only:
            matches = self.matches
            return [e for e in view.by_type.get(self.types[0], _NO_EVENTS) if matches(e)]
        if self.actions is not None and view.case.action not in self.actions:
            return []
        if len(self.types) == 1:
            candidates = view.of_type(self.types[0])
            if not self.where:
                if self.plain_in_case:
                    return candidates  # type: ignore[return-value]  # read-only by contract
                found = list(candidates)
            else:
                found = [e for e in candidates if self.matches(e)]
        else:
            found = [e for t in self.types for e in view.of_type(t) if self.matches(e)]
            found.sort(key=_AT_INDEX)
        if self.after and found:
            first = _earliest(view, self.after)
            found = [e for e in found if first is not None and first <= e.at]
        if self.not_after and found:
            first = _earliest(view, self.not_after)
            found = [e for e in found if first is None or e.at < first]
        if self.major is not None and found:
            found = [e for e in found if view.decision_major(e) is self.major]
        if self.find_unless is not None and found:
            excluded = {e.index for e in self.find_unless(view)}
            found = [e for e in found if e.index not in excluded]
        if self.first_since and found:
            found = _first_of_each_run(view, found, self.first_since)
        if self.unless_only_films and found:
            found = _drop_films_only(view, found, self.unless_only_films)
        if self.first and found:
            return found[:1]
        return found

    def describe(self) -> str:
        text = "或".join(v.label(t) for t in self.types)
        details = []
        for name, wanted in self.where:
            spec = _field(self.types[0], name)
            if isinstance(wanted, bool):
                details.append(spec.label if wanted else f"未{spec.label}")
            else:
                details.append("、".join(sorted(_value_label(name, w) for w in wanted)))
        return f"{text}（{'，'.join(details)}）" if details else text


def _matcher(types: tuple[str, ...], where: tuple[tuple[str, Any], ...]) -> Callable[[Event], bool]:
    """`where` as one function. Every event holds every field of its type (an absent boolean is
    false), and a pack may only select on a field all its types have, as a boolean, an enum or a
    list of enum values."""
    if not where:
        return _any_event
    specs = v.event_fields(types[0])
    tests = tuple(_test(name, wanted, specs[name].kind) for name, wanted in where)
    if len(tests) == 1:
        return tests[0]

    def matches(event: Event) -> bool:
        for test in tests:  # noqa: SIM110 (a loop makes no generator per event)
            if not test(event):
                return False
        return True

    return matches


def _test(name: str, wanted: Any, kind: str) -> Callable[[Event], bool]:
    if isinstance(wanted, bool):
        return lambda event: event.values[name] is wanted
    if kind == "enum_list":  # a list-valued field matches when it shares a value with `wanted`
        return lambda event: not wanted.isdisjoint(event.values[name])
    return lambda event: event.values[name] in wanted


def _only(selector: Selector, condition: str | None) -> bool:
    """Whether the selector sets no condition other than `condition`."""
    conditions = {
        "where": bool(selector.where),
        "after": bool(selector.after),
        "not_after": bool(selector.not_after),
        "first": selector.first,
        "actions": selector.actions is not None,
        "unless": bool(selector.unless),
        "major": selector.major is not None,
        "first_since": bool(selector.first_since),
        "unless_only_films": bool(selector.unless_only_films),
    }
    return not any(set_ for name, set_ in conditions.items() if name != condition)


def _any_event(event: Event) -> bool:
    return True


def _first_of_each_run(view: CaseView, found: list[Event], types: tuple[str, ...]) -> list[Event]:
    """The first of `found` after each event of `types`, and the first of all (events at the same
    instant are ordered as in the file)."""
    boundaries = sorted((e.at, e.index) for t in types for e in view.of_type(t))
    kept: list[Event] = []
    last_run = -1
    for event in found:
        run = bisect_left(boundaries, (event.at, event.index))  # boundaries before the event
        if run != last_run:
            kept.append(event)
            last_run = run
    return kept


def _drop_films_only(
    view: CaseView, recordings: list[Event], kinds: tuple[Selector, ...]
) -> list[Event]:
    """The recordings, less those whose filmed acts are all (and at least one) of these kinds."""
    # only a recording that an act of these kinds lists can film nothing else
    listed = {
        av_id
        for s in kinds
        for t in s.types
        for act in view.of_type(t)
        if s.matches(act)
        for av_id in act.values["av"]
    }
    if not listed:
        return recordings
    return [
        r
        for r in recordings
        if r.id not in listed or not all(matches_any(kinds, act) for act in view.recorded_by(r.ref))
    ]


def _earliest(view: CaseView, types: tuple[str, ...]) -> Any:
    times = [view.of_type(t)[0].at for t in types if view.of_type(t)]
    return min(times) if times else None


def _value_label(field_name: str, value: str) -> str:
    tables = {
        "method": {**v.SERVICE_METHODS, **v.ENFORCEMENT_METHODS},
        "measure": v.MEASURES,
        "measures": v.DECISION_MEASURES,
        "for": v.COPY_PURPOSES,
        "av_exempt": v.AV_EXEMPTIONS,
    }
    return tables.get(field_name, {}).get(value, value)


def _field(type_name: str, name: str) -> v.FieldSpec:
    return v.event_fields(type_name)[name]


def parse_selector(raw: Any, where: str) -> Selector:
    if isinstance(raw, str):
        raw = {"type": raw}
    if not isinstance(raw, dict):
        raise PackError(f"{where}: expected an event type or a table {{type, where}}")
    unknown = set(raw) - {
        "type",
        "where",
        "after",
        "not_after",
        "first",
        "actions",
        "unless",
        "major",
        "first_since",
        "unless_only_films",
    }
    if unknown:
        raise PackError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    types = raw.get("type")
    types = [types] if isinstance(types, str) else types
    if not isinstance(types, list) or not types:
        raise PackError(f"{where}.type: expected an event type or a list of them")
    for name in types:
        if name not in v.EVENT_TYPES:
            raise PackError(f"{where}.type: unknown event type {name!r}")
    conditions: list[tuple[str, Any]] = []
    for name, wanted in (raw.get("where") or {}).items():
        specs = [v.event_fields(type_name).get(name) for type_name in types]
        for type_name, found in zip(types, specs, strict=True):
            if found is None:
                raise PackError(f"{where}.where.{name}: {type_name} has no such field")
        spec = specs[0]
        assert spec is not None
        if spec.kind == "bool":
            if not isinstance(wanted, bool):
                raise PackError(f"{where}.where.{name}: expected true or false")
            conditions.append((name, wanted))
        elif spec.kind in ("enum", "enum_list"):
            wanted_list = [wanted] if isinstance(wanted, str) else wanted
            if not isinstance(wanted_list, list) or not wanted_list:
                raise PackError(f"{where}.where.{name}: expected a value or a list of values")
            for item in wanted_list:
                if item not in spec.values:
                    raise PackError(
                        f"{where}.where.{name}: {item!r} is not one of {', '.join(spec.values)}"
                    )
            conditions.append((name, frozenset(wanted_list)))
        else:
            raise PackError(
                f"{where}.where.{name}: only boolean and enum fields can be selected on"
            )
    order: dict[str, tuple[str, ...]] = {}
    for key in ("after", "not_after", "first_since"):
        listed = raw.get(key, [])
        listed = [listed] if isinstance(listed, str) else listed
        if not isinstance(listed, list) or any(t not in v.EVENT_TYPES for t in listed):
            raise PackError(f"{where}.{key}: expected event types")
        order[key] = tuple(listed)
    first = raw.get("first", False)
    if not isinstance(first, bool):
        raise PackError(f"{where}.first: expected true or false")
    actions = raw.get("actions")
    if actions is not None and (
        not isinstance(actions, list) or not set(actions) <= set(v.ACTIONS)
    ):
        raise PackError(f"{where}.actions: expected a list of action kinds")
    major = raw.get("major")
    if major is not None and (not isinstance(major, bool) or types != ["decision.made"]):
        raise PackError(f"{where}.major: true or false, for decision.made only")
    unless = parse_selectors(raw["unless"], f"{where}.unless") if "unless" in raw else ()
    only_films: tuple[Selector, ...] = ()
    if "unless_only_films" in raw:
        if types != ["av.recorded"]:
            raise PackError(f"{where}.unless_only_films: for av.recorded only")
        only_films = parse_selectors(raw["unless_only_films"], f"{where}.unless_only_films")
        if any(not s.where_only and not s.plain for s in only_films):
            raise PackError(f"{where}.unless_only_films: give only a type and `where`")
    return Selector(
        tuple(types),
        tuple(conditions),
        order["after"],
        order["not_after"],
        first,
        frozenset(actions) if actions is not None else None,
        unless,
        major,
        order["first_since"],
        only_films,
    )


# Equal selector lists are one object.
_INTERNED: dict[tuple[Selector, ...], tuple[Selector, ...]] = {}


def parse_selectors(raw: Any, where: str) -> tuple[Selector, ...]:
    items = raw if isinstance(raw, list) else [raw]
    if not items:
        raise PackError(f"{where}: expected at least one event selector")
    parsed = tuple(parse_selector(item, f"{where}[{i}]") for i, item in enumerate(items))
    return _INTERNED.setdefault(parsed, parsed)


def matches_any(selectors: tuple[Selector, ...], event: Event) -> bool:
    return any(event.type in s.types and s.matches(event) for s in selectors)


def describe_all(selectors: tuple[Selector, ...]) -> str:
    return "或".join(s.describe() for s in selectors)
