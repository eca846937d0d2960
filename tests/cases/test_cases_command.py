"""`liuhen cases export` and `liuhen cases import`."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from liuhen.cases.models import Case, CaseDue, DueStatus
from liuhen.rules import parse_timeline
from tests.cases.test_case_import import DOCUMENT
from tests.factories import case, staff
from tests.world import World


def test_export_writes_the_timeline_of_a_case(world: World) -> None:
    opened = case(world.mangshi_emergency)
    out = io.StringIO()
    call_command("cases", "export", opened.number, stdout=out)
    timeline = parse_timeline(out.getvalue(), source="-")
    assert timeline.case.id == opened.number


def test_export_of_an_unknown_number_fails(world: World) -> None:
    with pytest.raises(CommandError, match="没有案号"):
        call_command("cases", "export", "无此案号", stdout=io.StringIO())


def test_import_prints_a_summary_per_file_and_refuses_bad_files(
    world: World, tmp_path: Path
) -> None:
    # given a good file and one with an unknown event type
    person = staff(world.mangshi_emergency, "handler", username="importer")
    good, bad = tmp_path / "good.json", tmp_path / "bad.json"
    good.write_text(json.dumps(DOCUMENT, ensure_ascii=False), encoding="utf-8")
    broken = {**DOCUMENT, "case": {**DOCUMENT["case"], "id": "另一案"}}
    broken["events"] = [*DOCUMENT["events"], {"type": "coffee", "at": "2026-03-05T09:00:00Z"}]
    bad.write_text(json.dumps(broken, ensure_ascii=False), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    # when both are imported
    with pytest.raises(CommandError, match="1 个文件未导入"):
        call_command(
            "cases",
            "import",
            str(good),
            str(bad),
            "--agency",
            str(world.mangshi_emergency.pk),
            "--user",
            person.username,
            stdout=out,
            stderr=err,
        )
    # then the good one is in with its summary, the bad one named and left out
    assert "已导入 芒应急罚〔2026〕17号（5 条记录）：违规" in out.getvalue()
    assert "bad.json: 未导入" in err.getvalue()
    assert "events[5].type" in err.getvalue()
    assert list(Case.objects.values_list("number", flat=True)) == ["芒应急罚〔2026〕17号"]


def test_refresh_marks_a_passed_deadline_overdue(world: World) -> None:
    # given an urgent start whose 24-hour approval deadline passed without any write since
    opened = case(world.mangshi_emergency)
    CaseDue.objects.filter(case=opened).update(status=DueStatus.PENDING)
    # when the daily refresh runs
    out = io.StringIO()
    call_command("cases", "refresh", stdout=out)
    # then the duty is overdue
    assert CaseDue.objects.get(case=opened, article="第十条").status == DueStatus.OVERDUE
    assert "已重新计算 1 个案件" in out.getvalue()
