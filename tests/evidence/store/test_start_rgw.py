"""scripts/start-rgw.sh: idempotent, and careful with folders it did not make."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.evidence.store.rgw import SCRIPT, S3Server


def run(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(SCRIPT), *arguments], capture_output=True, text=True, timeout=600
    )


def test_a_folder_it_did_not_make_is_neither_wiped_nor_stopped(tmp_path: Path) -> None:
    (tmp_path / "run").mkdir()
    (tmp_path / "run" / "mon.a.pid").write_text("1\n")
    (tmp_path / "thesis.docx").write_text("precious")
    started = run("start", str(tmp_path))
    assert started.returncode == 2
    assert "not made by this script" in started.stderr
    assert run("stop", str(tmp_path)).returncode == 0
    assert (tmp_path / "thesis.docx").read_text() == "precious"


def test_status_of_a_folder_with_nothing_running_is_not_running(tmp_path: Path) -> None:
    status = run("status", str(tmp_path))
    assert status.returncode == 1
    assert "not running" in status.stdout


@pytest.mark.xdist_group("rgw")
def test_starting_again_finds_the_running_gateway(s3_server: S3Server) -> None:
    if s3_server.ceph_conf is None:
        pytest.fail(
            "the gateway in use was not started by scripts/start-rgw.sh from a known folder"
        )
    folder = str(s3_server.ceph_conf.parent)
    before = run("status", folder)
    again = run("start", folder)
    assert again.returncode == 0
    assert again.stdout == before.stdout  # same endpoint, same pids: nothing restarted
    assert f"RGW up: {s3_server.endpoint}" in again.stdout
