"""Leftovers of crashed ingests are swept; work in progress never is."""

from __future__ import annotations

import io
import os
import time
from datetime import timedelta

from liuhen.evidence.store import LocalStore


def age(path: os.PathLike[str], seconds: float) -> None:
    past = time.time() - seconds
    os.utime(path, (past, past))


def test_an_old_unlocked_temporary_file_is_removed(store: LocalStore) -> None:
    leftover = store.root / "tmp" / "4242-deadbeef.part"
    leftover.write_bytes(b"x" * 100)
    age(leftover, 3600)
    report = store.sweep(older_than=timedelta(minutes=30))
    assert report.removed == [str(leftover)]
    assert report.removed_bytes == 100
    assert not leftover.exists()


def test_a_recent_temporary_file_is_kept(store: LocalStore) -> None:
    leftover = store.root / "tmp" / "4242-cafe.part"
    leftover.write_bytes(b"x")
    assert store.sweep(older_than=timedelta(minutes=30)).removed == []
    assert leftover.exists()


def test_a_slow_ingest_holding_its_lock_is_never_swept(store: LocalStore) -> None:
    # Given an ingest in progress whose temporary file looks old
    temporary, fd = store._new_temporary()
    try:
        age(temporary, 3600)
        report = store.sweep(older_than=timedelta(0))
        assert report.removed == []
        assert report.kept_in_use == 1
        assert temporary.exists()
    finally:
        os.close(fd)
        temporary.unlink()


def test_facts_without_an_object_are_removed_but_an_objects_facts_are_kept(
    store: LocalStore,
) -> None:
    kept = store.ingest(io.BytesIO(b"kept"))
    orphan = store.root / "facts" / "ab" / "cd" / ("abcd" + "0" * 60 + ".json")
    orphan.parent.mkdir(parents=True)
    orphan.write_text("{}")
    age(orphan, 3600)
    facts = store.root / "facts" / kept.sha256[:2] / kept.sha256[2:4] / f"{kept.sha256}.json"
    age(facts, 3600)
    report = store.sweep(older_than=timedelta(minutes=1))
    assert report.removed == [str(orphan)]
    assert facts.exists()
    assert store.verify(kept.sha256).ok
