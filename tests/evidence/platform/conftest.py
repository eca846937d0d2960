"""The evidence app on the database: each test gets its own store folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from liuhen.evidence.stores import evidence_stores_reset
from tests.world import World, build_world


@pytest.fixture(autouse=True)
def evidence_root(settings, tmp_path: Path) -> Iterator[Path]:  # type: ignore[no-untyped-def]
    settings.LIUHEN_EVIDENCE_ROOT = tmp_path / "evidence"
    settings.LIUHEN_UPLOAD_CHUNK_SIZE = 256 * 1024
    evidence_stores_reset()
    yield tmp_path / "evidence"
    evidence_stores_reset()


@pytest.fixture
def world(db: None) -> World:
    return build_world()
