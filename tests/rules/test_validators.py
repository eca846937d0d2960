"""The fast validator and the careful one agree: same timeline for valid input, and the fast one
gives up (hands over to the careful one) on everything the careful one rejects."""

from __future__ import annotations

import copy
import dataclasses
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import timelines
from test_properties import corrupt

from liuhen.rules.model import Event
from liuhen.rules.timeline import TimelineError, _Parser, parse_timeline
from liuhen.rules.validators import fast_timeline

SETTINGS = settings(
    max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)


@SETTINGS
@given(document=timelines())
def test_a_valid_timeline_takes_the_fast_path_and_equals_the_careful_one(
    document: dict[str, Any],
) -> None:
    document = json.loads(json.dumps(document))  # as the decoder gives it
    fast = fast_timeline(document, "x")
    assert fast is not None
    careful = _Parser("x").timeline(copy.deepcopy(document))
    assert fast == careful
    assert list(fast.by_type) == list(careful.by_type)
    assert [e.values for e in fast.events] == [e.values for e in careful.events]


@SETTINGS
@given(document=timelines(max_events=12), data=st.data())
def test_the_fast_path_gives_up_on_every_corruption(
    document: dict[str, Any], data: st.DataObject
) -> None:
    broken, _ = corrupt(json.loads(json.dumps(document)), data)
    assert fast_timeline(broken, "x") is None
    with pytest.raises(TimelineError):
        parse_timeline(broken, source="x")


ODD_EVENTS = [
    {"type": [], "at": "2026-03-02T09:00:00+08:00"},  # an unhashable type
    {"type": {"a": 1}, "at": "2026-03-02T09:00:00+08:00"},
    {"type": None, "at": "2026-03-02T09:00:00+08:00"},
    {"at": "2026-03-02T09:00:00+08:00"},
    {"type": "inquiry", "at": "2026-03-02T09:00:00+08:00", "av": "av1"},
    {"type": "inquiry", "at": "2026-03-02T09:00:00+08:00", "av": [["av1"]]},
    {"type": "inquiry", "at": "2026-03-02T09:00:00+08:00", "note": None},
    {"type": "inquiry", "at": "2026-03-02T09:00:00+08:00", "id": ""},
    {"type": "inquiry", "at": "2026-03-02T09:00:00+08:00", "av_exempt": None},
    {"type": "av.stored", "at": "2026-03-02T09:00:00+08:00"},  # `of` missing
    {"type": "av.stored", "at": "2026-03-02T09:00:00+08:00", "of": None},
    {"type": "decision.made", "at": "2026-03-02T09:00:00+08:00", "measures": "fine"},
    {"type": "decision.made", "at": "2026-03-02T09:00:00+08:00", "measures": [], "fine_amount": -1},
    {
        "type": "decision.made",
        "at": "2026-03-02T09:00:00+08:00",
        "measures": [],
        "fine_amount": True,
    },
    "inquiry",
]


@pytest.mark.parametrize("event", ODD_EVENTS, ids=[json.dumps(e) for e in ODD_EVENTS])
def test_odd_events_are_rejected_with_a_message_never_a_crash(event: object) -> None:
    document = {
        "format": "liuhen.case-timeline/1",
        "case": {"id": "x", "action": "penalty", "source": "ex_officio"},
        "events": [
            {
                "type": "av.recorded",
                "id": "av1",
                "start": "2026-03-02T08:00:00+08:00",
                "at": "2026-03-02T08:30:00+08:00",
            },
            event,
        ],
    }
    assert fast_timeline(document, "x") is None
    with pytest.raises(TimelineError) as caught:
        parse_timeline(json.dumps(document), source="x")
    assert str(caught.value).startswith("x: events[1]")


def test_events_built_on_the_fast_path_are_ordinary_frozen_events() -> None:
    timeline = parse_timeline(
        json.dumps(
            {
                "format": "liuhen.case-timeline/1",
                "case": {"id": "x", "action": "penalty", "source": "ex_officio"},
                "events": [{"type": "inquiry", "id": "i1", "at": "2026-03-02T09:00:00+08:00"}],
            }
        ),
        source="x",
    )
    (event,) = timeline.events
    assert type(event) is Event
    assert event == Event(0, "inquiry", event.at, "i1", dict(event.values))
    with pytest.raises(dataclasses.FrozenInstanceError):
        event.at = event.at  # type: ignore[misc]
