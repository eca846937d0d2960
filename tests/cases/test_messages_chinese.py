"""What the pages show of a refusal is Chinese only: the validator's reasons translated, the
field named by its Chinese label, no internal type or guard names (the API still gets the
field's key, separately)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from liuhen.cases.errors import CaseInputError, translate
from liuhen.cases.models import Case
from liuhen.cases.services import case_event_record
from liuhen.cases.stages import TRANSITIONS
from liuhen.rules import vocabulary as v
from liuhen.rules.timeline import TimelineError
from tests.cases.conftest import days_ago
from tests.factories import case
from tests.world import World

ASCII_WORD = re.compile(r"[A-Za-z]{2,}")


@pytest.fixture
def opened(world: World) -> Case:
    opened = case(world.mangshi_emergency, at=days_ago(2))
    case_event_record(
        actor=None,
        case=opened,
        type="av.recorded",
        at=days_ago(1, hours=-1),
        fields={"start": days_ago(1), "notice_given": True, "statement_given": True},
    )
    return opened


# the common mistakes, one per reason the validator gives for a field of an event
BAD: list[tuple[str, dict[str, Any]]] = [
    ("compulsory_measure", {"measure": "arrest"}),
    ("compulsory_measure", {"measure": 3}),
    ("compulsory_measure", {}),
    ("statement", {"waived": "true"}),
    ("decision.made", {"measures": ["fine"], "fine_amount": -5}),
    ("decision.made", {"measures": ["fine"], "fine_amount": "五千"}),
    ("decision.made", {"measures": "fine"}),
    ("decision.made", {"measures": ["fine", "jail"], "fine_amount": 5}),
    ("onsite_inspection", {"av": ["e99"]}),
    ("onsite_inspection", {"av": "e2"}),
    ("onsite_inspection", {"av": [7]}),
    ("onsite_inspection", {"note": 7}),
    ("onsite_inspection", {"av_exempt": None}),
    ("av.stored", {"of": "e1"}),
    ("rectification.ordered", {"due": "2026-12-01T09:00:00"}),
    ("rectification.ordered", {"due": "2026-12-01 9点"}),
    ("rectification.ordered", {"due": "2026-02-30T09:00:00+08:00"}),
    ("rectification.ordered", {"due": 20261201}),
    ("av.recorded", {"start": "2099-11-30T09:00:00+08:00"}),
    (
        "av.recorded",
        {"start": days_ago(1), "notice_given": True, "interruptions": [{"resumed_at": None}]},
    ),
    (
        "av.recorded",
        {"start": days_ago(1), "notice_given": True, "interruptions": [{"at": "昨天"}]},
    ),
    ("av.recorded", {"start": days_ago(1), "interruptions": ["中止"]}),
]


@pytest.mark.parametrize(("type_name", "fields"), BAD)
def test_a_refusal_reads_in_chinese_only(
    opened: Case, type_name: str, fields: dict[str, Any]
) -> None:
    # when a bad event is recorded
    with pytest.raises(CaseInputError) as refused:
        case_event_record(actor=None, case=opened, type=type_name, at=days_ago(0.5), fields=fields)
    # then what the page shows has no English and no field key, and the key travels apart
    assert not ASCII_WORD.search(refused.value.text), refused.value.text
    assert refused.value.field in v.event_fields(type_name)
    assert "有误" not in refused.value.text, "a reason without a translation"


def test_an_interruptions_item_is_named_by_its_labels() -> None:
    error = TimelineError("案号", "events[3].interruptions[0].resumed_at", "required field missing")
    translated = translate(error, type_name="av.recorded")
    assert (translated.field, translated.text) == (
        "interruptions",
        "“中止记录”第 1 项的“恢复时间”必须填写",
    )


@pytest.mark.parametrize("transition", TRANSITIONS, ids=lambda t: f"{t.source}-{t.target}")
def test_stage_guards_name_no_internal_types(transition: Any) -> None:
    for guard in transition.guards:
        assert not ASCII_WORD.search(guard.failure), guard.failure
