"""The one-pass pipeline: every consumer sees every byte, in order, whatever the source does."""

from __future__ import annotations

import hashlib
import io
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from liuhen.evidence.store.pump import pump, read_full


class Trickle:
    """A source that answers each read with at most `step` bytes, like a socket."""

    def __init__(self, data: bytes, step: int) -> None:
        self._stream = io.BytesIO(data)
        self._step = step

    def read(self, size: int = -1) -> bytes:
        return self._stream.read(min(size, self._step))


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=5000), chunk=st.integers(1, 700), step=st.integers(1, 900))
def test_every_consumer_receives_all_bytes_in_order(data: bytes, chunk: int, step: int) -> None:
    # Given a source returning short reads, when two consumers are fed
    seen: list[bytearray] = [bytearray(), bytearray()]
    total = pump(Trickle(data, step), [seen[0].extend, seen[1].extend], chunk_size=chunk)
    # Then both got exactly the source's bytes, and the count says so
    assert total == len(data)
    assert bytes(seen[0]) == data
    assert bytes(seen[1]) == data


def test_full_buffers_are_filled_despite_short_reads() -> None:
    buffer = bytearray(10)
    assert read_full(Trickle(b"abcdefghijklmno", 3), buffer) == 10
    assert bytes(buffer) == b"abcdefghij"


def test_consumers_of_one_chunk_run_at_the_same_time() -> None:
    # Given two consumers that each wait for the other inside the same chunk
    barrier = threading.Barrier(2, timeout=5)

    def meet(_chunk: memoryview) -> None:
        barrier.wait()

    # When pumped, they meet (sequential consumers would time out and break the barrier)
    pump(io.BytesIO(b"x" * 10), [meet, meet], chunk_size=4)


def test_a_failing_consumer_stops_the_pass_with_its_error() -> None:
    fed = bytearray()

    def fail_on_second(chunk: memoryview) -> None:
        if fed:
            raise OSError("disk full")
        fed.extend(chunk)

    with pytest.raises(OSError, match="disk full"):
        pump(io.BytesIO(b"a" * 100), [fail_on_second, hashlib.sha256().update], chunk_size=10)
    assert bytes(fed) == b"a" * 10


def test_a_failing_source_is_reported_after_consumers_finish() -> None:
    class Broken(io.RawIOBase):
        calls = 0

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
            self.calls += 1
            if self.calls > 2:
                raise ConnectionResetError("client went away")
            buffer[:4] = b"abcd"
            return 4

    got = bytearray()
    with pytest.raises(ConnectionResetError):
        pump(Broken(), [got.extend], chunk_size=8)
    assert bytes(got) == b"abcdabcd"


def test_chunk_size_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        pump(io.BytesIO(b""), [], chunk_size=0)
