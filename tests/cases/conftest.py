"""The cases app on the database: a government tree, and an evidence store per test."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.utils import timezone

from liuhen.evidence.stores import evidence_stores_reset
from tests.world import World, build_world


@pytest.fixture(autouse=True)
def evidence_root(settings, tmp_path: Path) -> Iterator[Path]:  # type: ignore[no-untyped-def]
    settings.LIUHEN_EVIDENCE_ROOT = tmp_path / "evidence"
    evidence_stores_reset()
    yield tmp_path / "evidence"
    evidence_stores_reset()


@pytest.fixture
def world(db: None) -> World:
    return build_world()


def days_ago(days: float, *, hours: float = 0) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days, hours=hours)
