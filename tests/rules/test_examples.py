"""The contract's examples give exactly the expected violations under every profile."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from liuhen.rules.cli import main

EXAMPLES = Path(__file__).parent / "examples"
ROOT = Path(__file__).resolve().parents[2]
PAIRS = [
    (name, profile)
    for name in ("clean-general-penalty", "av-stored-46-hours-after-recording")
    for profile in json.loads((EXAMPLES / f"{name}.expected.json").read_text())[
        "violations_by_profile"
    ]
]


@pytest.mark.parametrize(("name", "profile"), PAIRS)
def test_example_gives_exactly_the_expected_violations(
    name: str, profile: str, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = json.loads((EXAMPLES / f"{name}.expected.json").read_text())
    status = main(
        [
            "check",
            str(EXAMPLES / f"{name}.timeline.json"),
            "--profile",
            profile,
            "--as-of",
            expected["as_of"],
        ]
    )
    document = json.loads(capsys.readouterr().out)
    (case,) = document["cases"]
    violations = [
        {"regulation": f["regulation"], "article": f["article"]}
        for f in case["findings"]
        if f["severity"] == "violation"
    ]
    assert violations == expected["violations_by_profile"][profile]
    assert status == (1 if violations else 0)
    assert "warnings" not in case


def test_the_46_hour_finding_reads_as_the_spec_shows(capsys: pytest.CaptureFixture[str]) -> None:
    main(
        [
            "check",
            str(EXAMPLES / "av-stored-46-hours-after-recording.timeline.json"),
            "--profile",
            "guangdong",
            "--as-of",
            "2026-12-31T00:00:00+08:00",
        ]
    )
    document = json.loads(capsys.readouterr().out)
    assert document["format"] == "liuhen.findings/1"
    assert document["as_of"] == "2026-12-31T00:00:00+08:00"
    (finding,) = document["cases"][0]["findings"]
    assert finding["regulation"] == "guangdong-record"
    assert finding["article"] == "第二十三条"
    assert finding["severity"] == "violation"
    assert finding["due"] == "2026-03-04T11:00:00+08:00"
    assert finding["events"] == ["av1"]
    assert "av1" in finding["message"]
    assert "2026-03-05 09:00" in finding["message"]
    assert set(finding) == {"regulation", "article", "severity", "duty", "due", "events", "message"}


def test_the_naive_time_example_is_rejected(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(EXAMPLES / "bad-naive-time.timeline.json")
    assert (
        main(["check", path, "--profile", "guangdong", "--as-of", "2026-12-31T00:00:00+08:00"]) == 2
    )
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"{path}: events[3].at: ")


def run(
    *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "liuhen.cli", *args],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        check=False,
    )


def test_the_console_command_checks_the_examples_in_one_run() -> None:
    result = run(
        "check",
        str(EXAMPLES / "clean-general-penalty.timeline.json"),
        str(EXAMPLES / "av-stored-46-hours-after-recording.timeline.json"),
        "--profile",
        "mangshi",
        "--as-of",
        "2026-12-31T00:00:00+08:00",
    )
    assert result.returncode == 1, result.stderr
    document = json.loads(result.stdout)
    assert [c["case"] for c in document["cases"]] == [
        "EXAMPLE-clean-general-penalty",
        "EXAMPLE-av-stored-46-hours-after-recording",
    ]
    assert result.stderr == b""


def test_one_bad_file_means_nothing_on_standard_output() -> None:
    result = run(
        "check",
        str(EXAMPLES / "clean-general-penalty.timeline.json"),
        str(EXAMPLES / "bad-naive-time.timeline.json"),
        "--profile",
        "henan",
        "--as-of",
        "2026-12-31T00:00:00+08:00",
    )
    assert result.returncode == 2
    assert result.stdout == b""
    assert b"bad-naive-time.timeline.json: events[3].at:" in result.stderr


def test_standard_input_is_read_for_a_dash_and_named_dash() -> None:
    data = (EXAMPLES / "bad-naive-time.timeline.json").read_bytes()
    result = run("check", "-", "--profile", "dehong", stdin=data)
    assert result.returncode == 2
    assert result.stderr.decode().startswith("-: events[3].at: ")
    good = (EXAMPLES / "clean-general-penalty.timeline.json").read_bytes()
    result = run(
        "check", "-", "--profile", "dehong", "--as-of", "2026-12-31T00:00:00+08:00", stdin=good
    )
    assert result.returncode == 0
    assert json.loads(result.stdout)["cases"][0]["profile"] == "dehong"


def test_the_text_report_is_chinese_and_grouped_by_stage() -> None:
    result = run(
        "check",
        str(EXAMPLES / "av-stored-46-hours-after-recording.timeline.json"),
        "--profile",
        "fangcheng",
        "--as-of",
        "2026-12-31T00:00:00+08:00",
        "--format",
        "text",
    )
    text = result.stdout.decode()
    assert result.returncode == 1
    assert "【归档管理】" in text
    assert "河南省行政执法全过程记录办法 第二十二条" in text
    assert "期限：2026-03-04 00:00" in text
