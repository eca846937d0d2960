"""Finders: the events a selector list picks out of a case, worked out once per case.

A duty holds a finder for each selector list it uses (made once, when its pack loads); equal
selector lists share one finder, so that duties asking the same question of a case share one
answer. A plain type is answered straight from the case's index by type.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import count
from operator import attrgetter
from typing import TYPE_CHECKING

from liuhen.rules.caseview import CaseView
from liuhen.rules.model import Event

if TYPE_CHECKING:
    from liuhen.rules.conditions import Selector

Finder = Callable[[CaseView], Sequence[Event]]
_FINDERS: dict[tuple[Selector, ...], Finder] = {}
_MEMO_KEYS = count()
_AT_INDEX = attrgetter("at", "index")
_NO_EVENTS: tuple[Event, ...] = ()


def finder(selectors: tuple[Selector, ...]) -> Finder:
    """The function that returns the selected events up to as_of, in time order (callers must not
    change the answer). Made once per selector list when a pack loads; the answer is worked out
    once per case and shared by every duty that asks the same question."""
    found = _FINDERS.get(selectors)
    if found is None:
        found = _FINDERS[selectors] = _finder(selectors)
    return found


def _finder(selectors: tuple[Selector, ...]) -> Finder:
    if len(selectors) == 1 and selectors[0].plain:
        type_name = selectors[0].types[0]

        def of_type(view: CaseView) -> Sequence[Event]:
            return view.by_type.get(type_name, _NO_EVENTS)

        return of_type
    key = next(_MEMO_KEYS)
    if len(selectors) == 1:
        find = selectors[0].find

        def memoised_one(view: CaseView) -> Sequence[Event]:
            memo = view.found
            found = memo.get(key)
            if found is None:
                found = memo[key] = find(view)
            return found

        return memoised_one
    # each part is a type (all its events, straight from the case's index) or a selector to run
    parts = tuple(s.types[0] if s.plain else s for s in selectors)
    types = [t for s in selectors for t in s.types]
    overlap = len(types) != len(set(types))  # two parts may select the same event

    def memoised(view: CaseView) -> Sequence[Event]:
        memo = view.found
        found = memo.get(key)
        if found is None:
            found = memo[key] = _union(view, parts, overlap)
        return found

    return memoised


def _union(view: CaseView, parts: tuple[str | Selector, ...], overlap: bool) -> Sequence[Event]:
    """The events any part selects, each once, in time order."""
    by_type = view.by_type
    lists = []
    for part in parts:
        events = by_type.get(part, _NO_EVENTS) if isinstance(part, str) else part.find(view)
        if events:
            lists.append(events)
    if len(lists) <= 1:
        return lists[0] if lists else _NO_EVENTS
    if overlap:
        merged = list({e.index: e for events in lists for e in events}.values())
    else:
        merged = [e for events in lists for e in events]
    merged.sort(key=_AT_INDEX)
    return merged


def find_all(selectors: tuple[Selector, ...], view: CaseView) -> Sequence[Event]:
    """The selected events up to as_of, in time order (see `finder`, which duties hold)."""
    return finder(selectors)(view)
