"""A resumable upload survives a restart of the real server (gunicorn) between chunks."""

from __future__ import annotations

import hashlib
import http.cookiejar
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow
CHUNK = 256 * 1024
PASSWORD = "Handler-Password-2026"
ORG = {
    "format": "liuhen.org/1",
    "agencies": [
        {
            "name": "芒市人民政府",
            "kind": "government",
            "level": "county",
            "credit_code": "11533103MB0000019H",
            "profile": "dehong",
        },
        {
            "name": "芒市应急管理局",
            "kind": "department",
            "level": "county",
            "parent": "芒市人民政府",
            "system": "应急管理",
            "credit_code": "11533103MB0000027C",
            "profile": "mangshi",
        },
    ],
    "officers": [
        {
            "agency": "芒市应急管理局",
            "name": "李明",
            "certificate_number": "53310320190015",
            "enforcement_area": "芒市",
        }
    ],
    "users": [
        {
            "username": "li.ming",
            "full_name": "李明",
            "password": PASSWORD,
            "agency": "芒市应急管理局",
            "roles": ["handler"],
            "officer": "53310320190015",
        }
    ],
}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Server:
    def __init__(self, data_dir: Path) -> None:
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "LIUHEN_"))},
            "LIUHEN_DATA_DIR": str(data_dir),
            "LIUHEN_UPLOAD_CHUNK_SIZE": str(CHUNK),
            "LIUHEN_LEDGER_CHECKPOINT_EVERY": "0",
        }
        self.env.pop("DATABASE_URL", None)
        self.port = _free_port()
        self.process: subprocess.Popen[bytes] | None = None

    def liuhen(self, *args: str, stdin: bytes | None = None) -> None:
        subprocess.run(
            [sys.executable, "-m", "liuhen.cli", *args],
            env=self.env,
            input=stdin,
            check=True,
            capture_output=True,
            timeout=120,
        )

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "liuhen.cli",
                "serve",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "1",
            ],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        # a loaded machine may take a while to import Django and answer: a slow answer is a
        # retry, not a failure, until the deadline
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.url}/accounts/login/", timeout=10)  # noqa: S310
                return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.3)
        raise AssertionError("the server did not start")

    def kill(self) -> None:
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


class Browser:
    def __init__(self, server: Server) -> None:
        self.server = server
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def csrf(self) -> str:
        return next(c.value for c in self.cookies if c.name == "csrftoken")

    def log_in(self) -> None:
        self.opener.open(f"{self.server.url}/accounts/login/")
        form = urllib.parse.urlencode(
            {"username": "li.ming", "password": PASSWORD, "csrfmiddlewaretoken": self.csrf()}
        ).encode()
        self.opener.open(f"{self.server.url}/accounts/login/", data=form)

    def call(self, method: str, path: str, body: bytes = b"", **headers: str) -> Any:
        request = urllib.request.Request(  # noqa: S310
            self.server.url + path,
            data=body or None,
            method=method,
            headers={"X-CSRFToken": self.csrf(), "Referer": self.server.url + "/", **headers},
        )
        with self.opener.open(request, timeout=60) as response:
            return json.loads(response.read())


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    running = Server(tmp_path / "data")
    running.liuhen("migrate", "--noinput")
    running.liuhen("org", "import", "-", stdin=json.dumps(ORG).encode())
    running.start()
    yield running
    if running.process and running.process.poll() is None:
        running.kill()


def test_an_upload_resumes_after_the_server_is_killed(server: Server) -> None:
    data = os.urandom(4 * CHUNK + 123)
    client = Browser(server)
    client.log_in()
    begun = client.call(
        "POST",
        "/evidence/uploads/",
        json.dumps({"agency": 2, "filename": "bodycam.mp4", "size": len(data)}).encode(),
        **{"Content-Type": "application/json"},
    )
    upload = begun["upload_id"]
    for offset in (0, CHUNK):
        chunk = data[offset : offset + CHUNK]
        client.call(
            "PUT",
            f"/evidence/uploads/{upload}/chunks/{offset}",
            chunk,
            **{"X-Content-SHA256": hashlib.sha256(chunk).hexdigest()},
        )

    server.kill()
    server.start()

    client.log_in()  # sessions live in the database: the same session would do; a new one too
    status = client.call("GET", f"/evidence/uploads/{upload}/")
    assert status["missing"] == [[2 * CHUNK, len(data)]]
    for start, end in status["missing"]:
        for offset in range(start, end, CHUNK):
            chunk = data[offset : min(offset + CHUNK, end)]
            client.call(
                "PUT",
                f"/evidence/uploads/{upload}/chunks/{offset}",
                chunk,
                **{"X-Content-SHA256": hashlib.sha256(chunk).hexdigest()},
            )
    stored = client.call("POST", f"/evidence/uploads/{upload}/complete")
    assert stored["sha256"] == hashlib.sha256(data).hexdigest()
    server.liuhen("verify", "--quiet")
