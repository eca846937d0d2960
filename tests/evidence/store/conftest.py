"""Fixtures of the evidence store's tests: plain Python, no Django, no database.

The S3 tests run against a real Ceph RADOS Gateway (Object Lock is the point; an emulator proves
nothing about it). Set LIUHEN_TEST_S3_ENDPOINT (and LIUHEN_TEST_S3_ACCESS_KEY / _SECRET_KEY) to
use a gateway already running; otherwise the session starts one with scripts/start-rgw.sh, and
fails, never skips, when the Ceph packages are missing.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest

from liuhen.evidence.store import LocalStore, S3Config, S3Store
from tests.evidence.store.rgw import PACKAGES, S3Server, missing_binaries, running_gateway

MiB = 1024 * 1024


def pytest_configure(config: pytest.Config) -> None:
    # Registered here too so the suite also runs with -p no:xdist under --strict-markers.
    config.addinivalue_line("markers", "xdist_group(name): run these tests in one xdist worker")


@pytest.fixture
def store(tmp_path: Path) -> LocalStore:
    """A local store with small chunks, so a few MiB exercise many pipeline rounds."""
    return LocalStore(tmp_path / "store", chunk_size=256 * 1024)


@pytest.fixture(scope="session")
def s3_server() -> Iterator[S3Server]:
    endpoint = os.environ.get("LIUHEN_TEST_S3_ENDPOINT")
    if endpoint:
        conf = os.environ.get("LIUHEN_RGW_DIR")
        yield S3Server(
            endpoint,
            os.environ.get("LIUHEN_TEST_S3_ACCESS_KEY", "devkey"),
            os.environ.get("LIUHEN_TEST_S3_SECRET_KEY", "devsecret"),
            Path(conf) / "ceph.conf" if conf else None,
        )
        return
    missing = missing_binaries()
    if missing:
        pytest.fail(
            "S3 测试需要真实的 Ceph RADOS Gateway，缺少程序 "
            f"{', '.join(missing)}：请安装 Debian 软件包 {PACKAGES}"
            "（make test 以 root 运行时会自动安装），或设置 LIUHEN_TEST_S3_ENDPOINT",
            pytrace=False,
        )
    with running_gateway() as server:
        yield server


def s3_config(server: S3Server, **overrides: object) -> S3Config:
    settings: dict[str, object] = {
        "bucket": f"liuhen-test-{secrets.token_hex(6)}",
        "access_key": server.access_key,
        "secret_key": server.secret_key,
        "endpoint_url": server.endpoint,
        "retention_days": 1,
        "part_size": 5 * MiB,
        **overrides,
    }
    return S3Config(**settings)  # type: ignore[arg-type]


@pytest.fixture
def s3_store(s3_server: S3Server) -> S3Store:
    """A store on a fresh Object Lock bucket (locked objects outlive a test: never reuse one)."""
    store = S3Store(s3_config(s3_server))
    store.ensure_bucket()
    return store
