"""`applies`: the facts of a case a duty binds (its kind, procedure, source, majority, and the
events it has or lacks), parsed from a pack into one predicate per duty."""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any

from liuhen.rules import vocabulary as v
from liuhen.rules.caseview import CaseView
from liuhen.rules.conditions import PackError, parse_selectors
from liuhen.rules.finders import finder

CasePredicate = Callable[[CaseView], bool]
_CASE_KEYS = (
    "actions",
    "procedure",
    "source",
    "major",
    "major_incident",
    "complex",
    "has",
    "lacks",
    "any",
)


def parse_applies(raw: Any, where: str, *, actions: frozenset[str]) -> CasePredicate:
    """`applies = {actions, procedure, source, major, major_incident, complex, has, lacks, any}`."""
    if raw is None:
        return _always
    if not isinstance(raw, dict):
        raise PackError(f"{where}: expected a table")
    unknown = set(raw) - set(_CASE_KEYS)
    if unknown:
        raise PackError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    tests: list[CasePredicate] = []
    if "actions" in raw:
        wanted = raw["actions"]
        if not isinstance(wanted, list) or not set(wanted) <= actions:
            raise PackError(
                f"{where}.actions: must be a list of action kinds the regulation covers"
            )
        allowed = frozenset(wanted)
        tests.append(lambda view: view.case.action in allowed)
    for key, table in (("procedure", v.PROCEDURES), ("source", v.SOURCES)):
        if key in raw:
            value = raw[key]
            values = [value] if isinstance(value, str) else value
            if not isinstance(values, list) or not values or any(x not in table for x in values):
                raise PackError(f"{where}.{key}: expected one or a list of {', '.join(table)}")
            tests.append(_case_in(key, frozenset(values)))
    if "major" in raw:
        major = _bool(raw["major"], f"{where}.major")
        tests.append(lambda view: view.is_major is major)
    for key in ("major_incident", "complex"):
        if key in raw:
            tests.append(_case_equals(key, _bool(raw[key], f"{where}.{key}")))
    if "has" in raw:
        has = finder(parse_selectors(raw["has"], f"{where}.has"))
        tests.append(lambda view: bool(has(view)))
    if "lacks" in raw:
        lacks = finder(parse_selectors(raw["lacks"], f"{where}.lacks"))
        tests.append(lambda view: not lacks(view))
    if "any" in raw:
        options = raw["any"]
        if not isinstance(options, list) or not options:
            raise PackError(f"{where}.any: expected a list of conditions")
        alternatives = [
            parse_applies(o, f"{where}.any[{i}]", actions=actions) for i, o in enumerate(options)
        ]
        tests.append(_any_of(tuple(alternatives)))
    if not tests:
        return _always
    if len(tests) == 1:
        return tests[0]
    return _all_of(tuple(tests))


def _all_of(tests: tuple[CasePredicate, ...]) -> CasePredicate:
    def all_of(view: CaseView) -> bool:
        for test in tests:  # noqa: SIM110 (a loop makes no generator per case)
            if not test(view):
                return False
        return True

    return all_of


def _any_of(tests: tuple[CasePredicate, ...]) -> CasePredicate:
    def any_of(view: CaseView) -> bool:
        for test in tests:  # noqa: SIM110 (a loop makes no generator per case)
            if test(view):
                return True
        return False

    return any_of


def _always(view: CaseView) -> bool:
    return True


def _bool(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise PackError(f"{where}: expected true or false")
    return value


def _case_in(key: str, values: frozenset[str]) -> CasePredicate:
    fact = attrgetter(key)
    return lambda view: fact(view.case) in values


def _case_equals(key: str, value: object) -> CasePredicate:
    fact = attrgetter(key)
    return lambda view: fact(view.case) == value
