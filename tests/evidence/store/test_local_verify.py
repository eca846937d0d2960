"""Verification of the local store: any flipped byte is found, and said precisely."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from liuhen.evidence.store import LocalStore


def flip(path: Path, position: int, bit: int = 0) -> None:
    path.chmod(0o644)
    data = bytearray(path.read_bytes())
    data[position] ^= 1 << bit
    path.write_bytes(bytes(data))


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(min_size=1, max_size=3000), where=st.floats(0, 1), bit=st.integers(0, 7))
def test_any_flipped_bit_in_an_object_is_detected(
    tmp_path_factory: object, data: bytes, where: float, bit: int
) -> None:
    store = LocalStore(tmp_path_factory.mktemp("store"), chunk_size=512)  # type: ignore[attr-defined]
    stored = store.ingest(io.BytesIO(data))
    flip(store.object_path(stored.sha256), min(int(where * len(data)), len(data) - 1), bit)
    verification = store.verify(stored.sha256)
    assert not verification.ok
    assert {p.code for p in verification.problems} == {"sha256-mismatch", "sm3-mismatch"}


def test_an_intact_object_verifies_against_its_name_its_facts_and_the_ledger(
    store: LocalStore,
) -> None:
    stored = store.ingest(io.BytesIO(b"x" * 1000))
    verification = store.verify(stored.sha256, expected_sm3=stored.sm3, expected_size=1000)
    assert verification.ok
    assert verification.bytes_read == 1000
    assert verification.describe().endswith("完好")


def test_the_report_says_what_is_wrong_and_against_what(store: LocalStore) -> None:
    stored = store.ingest(io.BytesIO(b"x" * 1000))
    flip(store.object_path(stored.sha256), 999)
    verification = store.verify(stored.sha256, expected_size=1001)
    codes = [p.code for p in verification.problems]
    assert codes == ["sha256-mismatch", "sm3-mismatch", "expected-size-mismatch"]
    assert f"名称为 {stored.sha256}" in verification.problems[0].message
    assert "台账记录为 1001 字节" in verification.problems[2].message


def test_a_truncated_object_reports_its_size(store: LocalStore) -> None:
    stored = store.ingest(io.BytesIO(b"x" * 1000))
    path = store.object_path(stored.sha256)
    path.chmod(0o644)
    os.truncate(path, 10)
    codes = {p.code for p in store.verify(stored.sha256).problems}
    assert {"sha256-mismatch", "size-mismatch"} <= codes


def test_a_missing_object_is_reported(store: LocalStore) -> None:
    stored = store.ingest(io.BytesIO(b"gone"))
    store.object_path(stored.sha256).unlink()
    assert [p.code for p in store.verify(stored.sha256).problems] == ["missing"]


def test_edited_or_missing_facts_are_reported(store: LocalStore) -> None:
    stored = store.ingest(io.BytesIO(b"facts"))
    facts = store.root / "facts" / stored.sha256[:2] / stored.sha256[2:4] / f"{stored.sha256}.json"
    record = json.loads(facts.read_text())
    facts.write_text(json.dumps({**record, "sm3": "0" * 64}))
    assert [p.code for p in store.verify(stored.sha256).problems] == ["sm3-mismatch"]
    facts.write_text("{not json")
    assert [p.code for p in store.verify(stored.sha256).problems] == ["facts-unreadable"]
    facts.unlink()
    assert [p.code for p in store.verify(stored.sha256).problems] == ["facts-missing"]


def test_verify_each_walks_every_object_or_a_random_sample(store: LocalStore) -> None:
    names = sorted(store.ingest(io.BytesIO(bytes([n]) * 10)).sha256 for n in range(20))
    assert sorted(store.iter_objects()) == names
    flip(store.object_path(names[3]), 0)
    results = list(store.verify_each())
    assert [r.sha256 for r in results if not r.ok] == [names[3]]
    sample = [r.sha256 for r in store.verify_each(sample=5, seed=7)]
    assert len(set(sample)) == 5
    assert set(sample) <= set(names)
    assert sample == [r.sha256 for r in store.verify_each(sample=5, seed=7)]
    assert sorted(store.sample_objects(50)) == names


def test_stray_files_in_the_objects_tree_are_not_taken_for_objects(store: LocalStore) -> None:
    stored = store.ingest(io.BytesIO(b"real"))
    folder = store.object_path(stored.sha256).parent
    (folder / "notes.txt").write_text("hello")
    (folder / ("f" * 64)).write_text("misplaced: wrong folder for its name")
    assert list(store.iter_objects()) == [stored.sha256]
