"""The regulation packs as data: quotes, coverage of every article, and the per-duty tests."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import test_duties_contents
import test_duties_deadlines
import test_duties_followup
import test_duties_recording
import test_duties_retention
import test_duties_review
import test_duties_sequence

from liuhen.rules.articles import article_key, normalise, numbered_articles
from liuhen.rules.cli import main
from liuhen.rules.conditions import PackError
from liuhen.rules.coverage import coverage_rows
from liuhen.rules.packs import PACKS, load_pack, load_packs

PACK_IDS = sorted(load_packs())
NUMBERED = [p for p in PACK_IDS if p != "fangcheng-plan"]

# fangcheng-plan has no numbered articles; its sections as the text lays them out (lines 1-150)
FANGCHENG_SECTIONS = [
    "通知",
    "前言",
    "一",
    "二",
    "三",
    "三（一）",
    *[f"三（一）{n}" for n in range(1, 9)],
    "三（二）",
    "三（二）1",
    "三（二）2",
    "三（二）3",
    "三（二）4",
    "三（二）4（1）",
    "三（二）4（2）",
    "三（二）4（3）",
    "三（二）5",
    "三（二）6",
    "三（二）7",
    "三（三）",
    "三（三）1",
    "三（三）2",
    "三（三）3",
    "四",
    "四（一）",
    "四（二）",
    "四（三）",
    "四（四）",
    "附件",
]


def all_scenarios() -> list[object]:
    modules = (
        test_duties_contents,
        test_duties_deadlines,
        test_duties_followup,
        test_duties_recording,
        test_duties_retention,
        test_duties_review,
        test_duties_sequence,
    )
    return [s for m in modules for s in m.SCENARIOS]


def test_every_duty_has_a_breaching_and_a_compliant_case() -> None:
    tested = {(d.regulation, d.rule, d.article) for s in all_scenarios() for d in s.duties}  # type: ignore[attr-defined]
    duties = {(p.id, d.id, d.article) for p in load_packs().values() for d in p.duties}
    assert duties - tested == set()
    assert tested - duties == set()


@pytest.mark.parametrize("pack_id", PACK_IDS)
def test_every_quote_is_in_the_regulation_text(pack_id: str) -> None:
    pack = load_packs()[pack_id]
    text = normalise(pack.text_body())
    for duty in pack.duties:
        assert normalise(duty.quote) in text, f"{duty.id}: {duty.quote}"


@pytest.mark.parametrize("pack_id", NUMBERED)
def test_every_article_of_the_text_appears_once_in_coverage(pack_id: str) -> None:
    in_text = numbered_articles(load_packs()[pack_id].text_body())
    in_coverage = [r.article for r in coverage_rows(pack_id)]
    assert in_coverage == in_text


def test_every_section_of_the_fangcheng_plan_appears_once_in_coverage() -> None:
    assert sorted(r.article for r in coverage_rows("fangcheng-plan")) == sorted(FANGCHENG_SECTIONS)


def test_the_text_article_count_is_right() -> None:
    counts = {p: len(numbered_articles(load_packs()[p].text_body())) for p in NUMBERED}
    assert counts == {
        "baijiantan-record": 33,
        "dehong-record": 42,
        "guangdong-record": 31,
        "henan-publicity": 26,
        "henan-record": 28,
        "henan-review": 19,
        "mangshi-record": 30,
    }


def test_articles_sort_in_the_texts_numeral_order() -> None:
    labels = ["第二十三条", "第九条", "第十条", "第一百零二条", "第三条"]
    assert sorted(labels, key=article_key) == [
        "第三条",
        "第九条",
        "第十条",
        "第二十三条",
        "第一百零二条",
    ]
    assert sorted(["三（二）4（3）", "三（一）6", "三（一）10"], key=article_key) == [
        "三（一）6",
        "三（一）10",
        "三（二）4（3）",
    ]


def test_each_row_names_duties_or_a_reason(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "coverage"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(coverage_rows())
    for line in lines:
        regulation, article, checked = line.split("\t")
        assert regulation in PACK_IDS
        assert article
        assert checked


def test_coverage_in_json(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    assert main(["rules", "coverage", "--regulation", "guangdong-record", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[22] == {
        "regulation": "guangdong-record",
        "article": "第二十三条",
        "duties": ["gd-av-stored-24h"],
        "not_checkable": None,
    }


def write_pack(tmp_path: Path, change: tuple[str, str]) -> Path:
    text = (PACKS / "guangdong-record.toml").read_text(encoding="utf-8")
    assert change[0] in text
    path = tmp_path / "guangdong-record.toml"
    path.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        (('check = "within"', 'check = "whithin"'), "unknown mechanism"),
        (
            ('quote = "行政执法人员应当在24小时内', 'quote = "行政执法人员应当在42小时内'),
            "not found in the regulation's text",
        ),
        (('severity = "violation"', 'severity = "serious"'), "must be violation or advice"),
        (('act = ["av.stored"]', 'act = ["av.stowed"]'), "unknown event type"),
        (
            ('article = "第二十三条"\nquote', 'article = "第九十九条"\nquote'),
            "not in the pack's [[articles]]",
        ),
        (("hours = 24, from", "hours = 0, from"), "positive whole number"),
    ],
)
def test_a_broken_pack_is_refused_with_its_key(
    tmp_path: Path, change: tuple[str, str], complaint: str
) -> None:
    with pytest.raises(PackError, match=re.escape(complaint)):
        load_pack(write_pack(tmp_path, change))
