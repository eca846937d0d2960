"""Parsing and validating timelines: every kind of bad input names file, event index and field."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from liuhen.rules.cli import main
from liuhen.rules.timeline import TimelineError, parse_timeline

EXAMPLES = Path(__file__).parent / "examples"
CLEAN = json.loads((EXAMPLES / "clean-general-penalty.timeline.json").read_text())


def broken(change: Any) -> dict[str, Any]:
    document = copy.deepcopy(CLEAN)
    change(document)
    return document


def set_event(index: int, **fields: Any) -> Any:
    def change(document: dict[str, Any]) -> None:
        for key, value in fields.items():
            if value is ...:
                del document["events"][index][key]
            else:
                document["events"][index][key] = value

    return change


BAD = [
    ("unknown type", set_event(4, type="inquiry.made"), "events[4].type", "unknown event type"),
    ("unknown field", set_event(4, colour="red"), "events[4].colour", "unknown field"),
    ("unknown enum value", set_event(23, method="pigeon"), "events[23].method", "unknown value"),
    (
        "string for a boolean",
        set_event(2, notice_given="true"),
        "events[2].notice_given",
        "expected true or false",
    ),
    (
        "null where not allowed",
        set_event(2, statement_given=None),
        "events[2].statement_given",
        "null",
    ),
    (
        "reference to a missing id",
        set_event(3, av=["av9"]),
        "events[3].av[0]",
        "no event has the id",
    ),
    (
        "reference to the wrong type",
        set_event(7, of="ins1"),
        "events[7].of",
        "expected av.recorded",
    ),
    ("duplicate id", set_event(4, id="ins1"), "events[4].id", "duplicate id"),
    (
        "missing required field",
        set_event(21, measures=...),
        "events[21].measures",
        "required field missing",
    ),
    ("missing at", set_event(5, at=...), "events[5].at", "required field missing"),
    (
        "recording that starts after it ends",
        set_event(2, start="2026-03-03T12:00:00+08:00"),
        "events[2].start",
        "starts after it ends",
    ),
    (
        "time without offset",
        set_event(0, at="2026-03-02T08:45:00"),
        "events[0].at",
        "no UTC offset",
    ),
    ("date only", set_event(0, at="2026-03-02"), "events[0].at", "not RFC 3339"),
    (
        "impossible date",
        set_event(0, at="2026-02-30T08:45:00+08:00"),
        "events[0].at",
        "not a real date",
    ),
    ("number for a time", set_event(0, at=20260302), "events[0].at", "a number"),
    ("list for av", set_event(3, av="av1"), "events[3].av", "list of event ids"),
    ("negative fine", set_event(21, fine_amount=-5), "events[21].fine_amount", "negative"),
    (
        "string amount",
        set_event(21, fine_amount="5000"),
        "events[21].fine_amount",
        "expected a number",
    ),
    (
        "bad measure",
        set_event(21, measures=["fine", "flogging"]),
        "events[21].measures[1]",
        "unknown value",
    ),
    ("recording without id", set_event(2, id=...), "events[2].id", "required"),
    (
        "bad interruption",
        set_event(2, interruptions=[{"at": "2026-03-03T10:20:00+08:00"}]),
        "events[2].interruptions[0].resumed_at",
        "required field missing",
    ),
    (
        "event not an object",
        lambda d: d["events"].__setitem__(6, "field.returned"),
        "events[6]",
        "expected an event object",
    ),
    (
        "bad format",
        lambda d: d.__setitem__("format", "liuhen.case-timeline/2"),
        "format",
        "must be",
    ),
    ("no format", lambda d: d.pop("format"), "format", "required"),
    ("unknown top-level field", lambda d: d.__setitem__("extra", 1), "extra", "unknown field"),
    ("events not a list", lambda d: d.__setitem__("events", {}), "events", "expected a list"),
    ("no case", lambda d: d.pop("case"), "case", "required"),
    (
        "unknown action",
        lambda d: d["case"].__setitem__("action", "taxation"),
        "case.action",
        "unknown value",
    ),
    ("no source", lambda d: d["case"].pop("source"), "case.source", "required field missing"),
    (
        "string major",
        lambda d: d["case"].__setitem__("major", "yes"),
        "case.major",
        "expected true or false",
    ),
    (
        "unknown case field",
        lambda d: d["case"].__setitem__("agency", "x"),
        "case.agency",
        "unknown field",
    ),
    (
        "profile not a string",
        lambda d: d.__setitem__("profile", 3),
        "profile",
        "expected a profile id",
    ),
]


@pytest.mark.parametrize(("name", "change", "path", "reason"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_is_rejected_naming_file_event_and_field(
    name: str, change: Any, path: str, reason: str
) -> None:
    with pytest.raises(TimelineError) as caught:
        parse_timeline(json.dumps(broken(change)), source="case.json")
    message = str(caught.value)
    assert message.startswith(f"case.json: {path}: "), message
    assert reason in message


def test_not_json_is_rejected() -> None:
    with pytest.raises(TimelineError, match=r"^x.json: not valid JSON: .* line 1 column"):
        parse_timeline(b"{", source="x.json")


def test_a_reference_may_point_forward_in_the_file() -> None:
    # the recording av1 (events[2]) moved after the inspection that lists it
    document = broken(lambda d: d["events"].append(d["events"].pop(2)))
    timeline = parse_timeline(document, source="forward")
    inspection = next(e for e in timeline.events if e.type == "onsite_inspection")
    assert inspection.av == ("av1",)
    assert inspection.index == 2


def test_events_are_ordered_by_time_and_keep_their_file_index() -> None:
    timeline = parse_timeline(json.dumps(CLEAN), source="clean")
    assert [e.at for e in timeline.events] == sorted(e.at for e in timeline.events)
    inspection = next(e for e in timeline.events if e.type == "onsite_inspection")
    assert inspection.index == 3
    assert inspection.ref == "ins1"
    notice = next(e for e in timeline.events if e.type == "rights_notice")
    assert notice.ref == "#5"


def test_absent_booleans_are_false_and_enums_take_their_default() -> None:
    document = broken(lambda d: d["case"].pop("procedure"))
    timeline = parse_timeline(document, source="dict")
    assert timeline.case.procedure == "general"
    assert timeline.case.major is False
    returned = next(e for e in timeline.events if e.type == "field.returned")
    assert returned.flag("remote") is False


def test_any_offset_is_converted_to_china_time() -> None:
    document = broken(set_event(0, at="2026-03-02T00:45:00Z"))
    timeline = parse_timeline(document, source="dict")
    approval = next(e for e in timeline.events if e.type == "initiation.approved")
    assert approval.at.isoformat() == "2026-03-02T08:45:00+08:00"


def write(tmp_path: Path, document: dict[str, Any], name: str = "case.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_the_command_line_profile_overrides_the_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, {**CLEAN, "profile": "guangdong"})
    assert main(["check", path, "--profile", "henan", "--as-of", "2026-12-31T00:00:00+08:00"]) == 0
    assert json.loads(capsys.readouterr().out)["cases"][0]["profile"] == "henan"
    assert main(["check", path, "--as-of", "2026-12-31T00:00:00+08:00"]) == 0
    assert json.loads(capsys.readouterr().out)["cases"][0]["profile"] == "guangdong"


def test_no_profile_at_all_is_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, CLEAN)
    assert main(["check", path]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"{path}: profile: ")


def test_an_unknown_profile_in_the_file_is_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, {**CLEAN, "profile": "shanghai"})
    assert main(["check", path]) == 2
    assert capsys.readouterr().err.startswith(f"{path}: profile: unknown profile")


@pytest.mark.parametrize(
    ("args", "complaint"),
    [
        (["--profile", "shanghai"], "--profile: unknown profile"),
        (["--profile", "henan", "--as-of", "2026-12-31"], "--as-of:"),
        (["--profile", "henan", "--as-of", "2026-12-31T00:00:00"], "no UTC offset"),
        (["--profile", "henan", "--format", "xml"], "invalid choice"),
    ],
)
def test_bad_usage_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], complaint: str
) -> None:
    path = write(tmp_path, CLEAN)
    assert main(["check", path, *args]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert complaint in err


def test_a_missing_file_is_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = str(tmp_path / "nope.json")
    assert main(["check", missing, "--profile", "henan"]) == 2
    assert capsys.readouterr().err.startswith(f"{missing}: cannot read")


def test_each_bad_file_gets_its_own_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one = write(tmp_path, broken(set_event(4, type="x")), "one.json")
    two = write(tmp_path, broken(set_event(2, notice_given=1)), "two.json")
    good = write(tmp_path, CLEAN, "good.json")
    assert main(["check", good, one, two, "--profile", "henan"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines()[0].startswith(f"{one}: events[4].type: ")
    assert err.splitlines()[1].startswith(f"{two}: events[2].notice_given: ")


def test_as_of_defaults_to_now(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, CLEAN)
    assert main(["check", path, "--profile", "henan"]) == 0
    as_of = json.loads(capsys.readouterr().out)["as_of"]
    assert as_of.endswith("+08:00")
    assert as_of >= "2026-"


def test_events_after_as_of_are_ignored(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # As of 2026-03-04 10:00 the clean case has av1 stored; av5 and av2 do not exist yet
    path = write(tmp_path, CLEAN)
    assert (
        main(["check", path, "--profile", "guangdong", "--as-of", "2026-03-04T10:00:00+08:00"]) == 0
    )
    findings = json.loads(capsys.readouterr().out)["cases"][0]["findings"]
    assert all(f["severity"] != "violation" for f in findings)
    assert "av5" not in json.dumps(findings)


def test_findings_sort_by_regulation_then_article_order_then_due(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = broken(
        lambda d: d["events"].append(
            {"type": "av.edited", "of": "av1", "at": "2026-04-01T10:00:00+08:00"}
        )
    )
    document["events"][2]["notice_given"] = (
        False  # 第十七条 in dehong, before 第三十一条 (not string order)
    )
    document["events"][7]["at"] = "2026-03-10T09:00:00+08:00"  # stored late: 第二十九条
    path = write(tmp_path, document)
    assert (
        main(["check", path, "--profile", "mangshi", "--as-of", "2026-12-31T00:00:00+08:00"]) == 1
    )
    findings = json.loads(capsys.readouterr().out)["cases"][0]["findings"]
    order = [(f["regulation"], f["article"]) for f in findings if f["severity"] == "violation"]
    assert order == sorted(
        order,
        key=lambda ra: (
            ra[0],
            __import__("liuhen.rules.articles", fromlist=["x"]).article_key(ra[1]),
        ),
    )
    dehong = [a for r, a in order if r == "dehong-record"]
    assert dehong.index("第十七条") < dehong.index("第二十九条") < dehong.index("第三十一条")


def test_a_finding_names_events_without_ids_by_file_position(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = broken(set_event(5, av=...))  # rights_notice (#5) unfilmed: mangshi-record 第七条
    path = write(tmp_path, document)
    main(["check", path, "--profile", "mangshi", "--as-of", "2026-12-31T00:00:00+08:00"])
    findings = json.loads(capsys.readouterr().out)["cases"][0]["findings"]
    assert ["#5"] in [f["events"] for f in findings if f["article"] == "第七条"]


def test_json_is_the_default_for_a_non_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, CLEAN)
    main(["check", path, "--profile", "henan", "--as-of", "2026-12-31T00:00:00+08:00"])
    assert json.loads(capsys.readouterr().out)["format"] == "liuhen.findings/1"
