"""A real S3 server for the tests: Ceph RGW started by scripts/start-rgw.sh, shared safely.

Several pytest processes (xdist workers, two developers' runs) may want it at once. Each
registers its pid in `<folder>.users/` under a lock; the script itself is idempotent and
serialised, so the second one finds the gateway running. The last process to leave stops the
gateway, but only if the tests started it: one that CI or a developer started stays up.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import boto3
from botocore.config import Config

REPOSITORY = Path(__file__).resolve().parents[3]
SCRIPT = REPOSITORY / "scripts" / "start-rgw.sh"
PACKAGES = "radosgw ceph-mon ceph-osd ceph-common"
BINARIES = ("ceph-mon", "ceph-osd", "radosgw", "radosgw-admin", "ceph", "monmaptool", "rados")


@dataclass(frozen=True)
class S3Server:
    endpoint: str
    access_key: str
    secret_key: str
    ceph_conf: Path | None
    """The cluster's ceph.conf when we know it (to damage objects below S3, in RADOS)."""


def server_folder() -> Path:
    return Path(os.environ.get("LIUHEN_RGW_DIR") or Path(tempfile.gettempdir()) / "liuhen-rgw")


def missing_binaries() -> list[str]:
    return [name for name in BINARIES if shutil.which(name) is None]


def answers(endpoint: str, access_key: str, secret_key: str) -> bool:
    """Whether an S3 server at `endpoint` accepts these credentials."""
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=access_key,
        aws_secret_access_key=secret_key,
        region_name="us-east-1",
        config=Config(connect_timeout=3, read_timeout=10, retries={"max_attempts": 1}),
    )
    try:
        client.list_buckets()
    except Exception:
        return False
    return True


def _port_open(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(1)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _live_users(users: Path) -> list[Path]:
    alive = []
    for entry in users.glob("*.pid"):
        try:
            os.kill(int(entry.stem), 0)
        except (ProcessLookupError, ValueError):
            entry.unlink(missing_ok=True)  # a worker killed without teardown
            continue
        except PermissionError:
            pass
        alive.append(entry)
    return alive


@contextlib.contextmanager
def running_gateway() -> Iterator[S3Server]:
    """Start (or join) the tests' gateway for the duration of the block."""
    folder = server_folder()
    port = int(os.environ.get("LIUHEN_RGW_PORT", "7480"))
    endpoint = f"http://127.0.0.1:{port}"
    users = Path(f"{folder}.users")
    users.mkdir(parents=True, exist_ok=True)
    me = users / f"{os.getpid()}.pid"
    with open(f"{folder}.users.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        first = not _live_users(users)
        status = subprocess.run(["bash", str(SCRIPT), "status", str(folder)], capture_output=True)
        if first:
            (users / "owned").unlink(missing_ok=True)
        ours = status.returncode == 0
        if not ours and _port_open(port) and answers(endpoint, "devkey", "devsecret"):
            # Another copy of the script (the shared tools, another clone) runs a gateway on
            # this port with the same development user: use it as it is.
            server = S3Server(endpoint, "devkey", "devsecret", None)
        else:
            if not ours:
                started = subprocess.run(
                    ["bash", str(SCRIPT), "start", str(folder)],
                    capture_output=True,
                    text=True,
                    timeout=600,
                )
                if started.returncode != 0:
                    raise RuntimeError(
                        f"scripts/start-rgw.sh failed ({started.returncode}):\n"
                        f"{started.stdout}\n{started.stderr}"
                    )
                (users / "owned").touch()
            server = S3Server(endpoint, "devkey", "devsecret", folder / "ceph.conf")
        me.touch()
    try:
        yield server
    finally:
        with open(f"{folder}.users.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            me.unlink(missing_ok=True)
            last = not _live_users(users)
            keep = os.environ.get("LIUHEN_TEST_RGW_KEEP") == "1"
            if last and (users / "owned").exists() and not keep:
                subprocess.run(["bash", str(SCRIPT), "stop", str(folder)], capture_output=True)
                (users / "owned").unlink(missing_ok=True)
