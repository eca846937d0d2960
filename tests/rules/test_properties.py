"""Property tests: random valid timelines never crash; random corruptions are rejected (exit 2)."""

from __future__ import annotations

import contextlib
import copy
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, find, given, settings
from hypothesis import strategies as st
from strategies import enum_values, timelines

from liuhen.rules import vocabulary as v
from liuhen.rules.calendar import WorkCalendar
from liuhen.rules.cli import main
from liuhen.rules.evaluator import check_timeline
from liuhen.rules.findings import findings_document
from liuhen.rules.profiles import PROFILES
from liuhen.rules.samples import at_2026
from liuhen.rules.timeline import TimelineError, parse_timeline

SETTINGS = settings(
    max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
CALENDAR = WorkCalendar()


@SETTINGS
@given(
    document=timelines(),
    as_of=st.sampled_from(["03-01 00:00", "12-31 00:00", "2027-06-30T00:00:00+08:00"]),
)
def test_random_valid_timelines_never_crash(document: dict[str, Any], as_of: str) -> None:
    timeline = parse_timeline(json.dumps(document), source="random")
    for profile in PROFILES:
        result = check_timeline(timeline, profile=profile, as_of=at_2026(as_of), calendar=CALENDAR)
        keys = [f.sort_key() for f in result.findings]
        assert keys == sorted(keys)
        for finding in result.findings:
            assert finding.severity in ("violation", "pending", "advice")
            assert True
            assert finding.events
            assert all(isinstance(e, str) for e in finding.events)
        json.dumps(findings_document([result], as_of=result.as_of), ensure_ascii=False)


def corrupt(document: dict[str, Any], data: st.DataObject) -> tuple[dict[str, Any], str]:
    """Break the document in one way the contract calls bad input; return it and the blamed path."""
    broken = copy.deepcopy(document)
    events = broken["events"]
    kinds = ["unknown_type", "unknown_field", "missing_case_field", "bad_format", "bad_case_enum"]
    if events:
        kinds += [
            "bad_time",
            "naive_time",
            "string_bool",
            "dangling_ref",
            "missing_at",
            "null_value",
        ]
    with_enum = [
        i
        for i, e in enumerate(events)
        if any(
            v.event_fields(e["type"])[k].kind == "enum" for k in e if k in v.event_fields(e["type"])
        )
    ]
    if with_enum:
        kinds.append("bad_enum")
    ids = [i for i, e in enumerate(events) if "id" in e]
    if len(ids) >= 2:
        kinds.append("duplicate_id")
    recordings = [i for i, e in enumerate(events) if e["type"] == "av.recorded"]
    if recordings:
        kinds.append("start_after_end")
    kind = data.draw(st.sampled_from(kinds), label="corruption")
    index = data.draw(st.integers(0, len(events) - 1), label="event") if events else 0
    if kind == "unknown_type":
        if events:
            events[index]["type"] = "no.such_event"
            return broken, f"events[{index}].type"
        broken["events"] = [{"type": "no.such_event", "at": "2026-03-02T09:00:00+08:00"}]
        return broken, "events[0].type"
    if kind == "unknown_field":
        if events:
            events[index]["colour"] = "red"
            return broken, f"events[{index}].colour"
        broken["case"]["colour"] = "red"
        return broken, "case.colour"
    if kind == "missing_case_field":
        field = data.draw(st.sampled_from(["id", "action", "source"]))
        broken["case"].pop(field)
        return broken, f"case.{field}"
    if kind == "bad_format":
        broken["format"] = "liuhen.case-timeline/0"
        return broken, "format"
    if kind == "bad_case_enum":
        broken["case"]["action"] = "taxidermy"
        return broken, "case.action"
    if kind == "bad_time":
        events[index]["at"] = "2026-13-01T00:00:00+08:00"
        return broken, f"events[{index}].at"
    if kind == "naive_time":
        events[index]["at"] = "2026-03-01T00:00:00"
        return broken, f"events[{index}].at"
    if kind == "string_bool":
        bools = [k for k, s in v.event_fields(events[index]["type"]).items() if s.kind == "bool"]
        if bools:
            events[index][bools[0]] = "true"
            return broken, f"events[{index}].{bools[0]}"
        events[index]["av"] = "true"
        return broken, f"events[{index}].av"
    if kind == "dangling_ref":
        events[index]["av"] = ["nowhere"]
        return broken, f"events[{index}].av[0]"
    if kind == "missing_at":
        events[index].pop("at")
        return broken, f"events[{index}].at"
    if kind == "null_value":
        events[index]["at"] = None
        return broken, f"events[{index}].at"
    if kind == "bad_enum":
        index = data.draw(st.sampled_from(with_enum))
        field = next(
            k
            for k in events[index]
            if k in v.event_fields(events[index]["type"])
            and v.event_fields(events[index]["type"])[k].kind == "enum"
        )
        events[index][field] = "not-a-value"
        return broken, f"events[{index}].{field}"
    if kind == "duplicate_id":
        first, second = ids[0], ids[1]
        events[second]["id"] = events[first]["id"]
        return broken, f"events[{second}].id"
    index = recordings[0]
    events[index]["start"] = "2099-01-01T00:00:00+08:00"
    return broken, f"events[{index}].start"


@SETTINGS
@given(document=timelines(max_events=12), data=st.data())
def test_random_corruptions_are_rejected_with_exit_2(
    document: dict[str, Any], data: st.DataObject, tmp_path_factory: pytest.TempPathFactory
) -> None:
    broken, blamed = corrupt(document, data)
    path = Path(tmp_path_factory.mktemp("c")) / "case.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(
            ["check", str(path), "--profile", "henan", "--as-of", "2026-12-31T00:00:00+08:00"]
        )
    assert status == 2
    out, err = out.getvalue(), err.getvalue()  # type: ignore[assignment]
    assert out == ""
    assert err.startswith(f"{path}: ")
    with pytest.raises(TimelineError) as caught:
        parse_timeline(json.dumps(broken), source="x")
    # the first problem in file order is reported; the corruption is at or after it
    assert caught.value.path.split(".")[0].split("[")[0] in (
        "events",
        "case",
        "format",
        blamed.split(".")[0],
    )


@pytest.mark.parametrize("type_name", sorted(v.EVENT_TYPES))
def test_the_strategy_draws_every_event_type(type_name: str) -> None:
    @settings(max_examples=10, deadline=None, database=None)
    @given(document=timelines(max_events=3, include=(type_name,)))
    def valid_with_it(document: dict[str, Any]) -> None:
        assert any(e["type"] == type_name for e in document["events"])
        timeline = parse_timeline(document, source="one-type")
        check_timeline(
            timeline, profile="fangcheng", as_of=at_2026("12-31 00:00"), calendar=CALENDAR
        )

    valid_with_it()


ENUMS = sorted(
    {
        (s.name, s.kind, s.values)
        for t in v.EVENT_TYPES
        for s in v.event_fields(t).values()
        if s.kind in ("enum", "enum_list")
    }
    | {(s.name, s.kind, s.values) for s in v.CASE_FIELDS if s.kind == "enum"}
)


@pytest.mark.parametrize(
    ("name", "kind", "values"), ENUMS, ids=[f"{e[0]}:{len(e[2])}" for e in ENUMS]
)
def test_the_strategy_draws_every_enum_value(name: str, kind: str, values: tuple[str, ...]) -> None:
    strategy = enum_values(v.FieldSpec(name, kind, name, values=values))  # type: ignore[arg-type]
    for value in values:
        drawn = find(
            strategy,
            lambda x, value=value: value == x or (isinstance(x, list) and value in x),
            settings=settings(database=None),
        )
        assert value == drawn or value in drawn
