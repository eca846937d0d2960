"""A resumable upload survives the server process being killed between (and during) chunks."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from liuhen.evidence.store import LocalStore
from tests.evidence.store.rgw import REPOSITORY

CHUNK = 256 * 1024


class Server:
    def __init__(self, root: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.evidence.store.upload_child", str(root)],
            cwd=REPOSITORY,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def send(self, **request: Any) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()

    def ask(self, **request: Any) -> dict[str, Any]:
        self.send(**request)
        assert self.process.stdout is not None
        answer: dict[str, Any] = json.loads(self.process.stdout.readline())
        return answer

    def kill(self) -> None:
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait()


def chunk_request(upload_id: str, data: bytes, offset: int) -> dict[str, Any]:
    piece = data[offset : offset + CHUNK]
    return {
        "op": "chunk",
        "upload_id": upload_id,
        "offset": offset,
        "data": base64.b64encode(piece).decode(),
        "sha256": hashlib.sha256(piece).hexdigest(),
    }


@pytest.mark.slow
def test_an_upload_resumes_after_the_server_is_killed(tmp_path: Path) -> None:
    data = os.urandom(12 * CHUNK + 100)
    offsets = list(range(0, len(data), CHUNK))
    # Given a server that acknowledged the first six chunks
    first = Server(tmp_path)
    upload_id = first.ask(op="begin", total_size=len(data), chunk_size=CHUNK)["upload_id"]
    for offset in offsets[:6]:
        first.ask(**chunk_request(upload_id, data, offset))
    # When it is killed while receiving the seventh
    first.send(**chunk_request(upload_id, data, offsets[6]))
    first.kill()
    # Then a new server process knows every acknowledged chunk and asks only for the rest
    second = Server(tmp_path)
    missing = second.ask(op="status", upload_id=upload_id)["missing"]
    assert missing in ([[6 * CHUNK, len(data)]], [[7 * CHUNK, len(data)]])
    for offset in offsets:
        if any(start <= offset < end for start, end in missing):
            second.ask(**chunk_request(upload_id, data, offset))
    assert second.ask(op="status", upload_id=upload_id)["missing"] == []
    stored = second.ask(op="complete", upload_id=upload_id)
    second.stop()
    assert stored["sha256"] == hashlib.sha256(data).hexdigest()
    store = LocalStore(tmp_path)
    assert store.verify(stored["sha256"]).ok
    assert store.open(stored["sha256"]).read() == data
