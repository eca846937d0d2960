"""One pass over a stream, many consumers: hashes and a writer fed the same chunks in parallel.

Why threads: SM3 runs at about a third of SHA-256's speed, so hashing both one after the other
costs their sum, while two threads cost only the slower one (hashlib and os.write release the GIL
for large buffers). The next chunk is read while the consumers work on the current one, so reads
overlap hashing and writing. Memory stays constant: two buffers of `chunk_size`, reused; they
are anonymous memory maps, hence page-aligned, which direct (O_DIRECT) writes require.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import mmap
from collections.abc import Callable, Sequence
from typing import Protocol

Consumer = Callable[[memoryview], object]
"""Gets each chunk in order; must not keep the view after returning (the buffer is reused)."""

DEFAULT_CHUNK_SIZE = 8 * 1024 * 1024


class Readable(Protocol):
    """A binary stream: a file, a socket's file object, Django's request, boto3's body."""

    def read(self, size: int = ..., /) -> bytes: ...


def read_full(source: Readable, buffer: bytearray | mmap.mmap) -> int:
    """Fill `buffer` from `source`; fewer bytes than its length means the stream has ended.

    Pipes and sockets return short reads long before the end, and S3 needs full-size parts, so a
    single read() is not enough.
    """
    filled = 0
    readinto = getattr(source, "readinto", None)
    with memoryview(buffer) as view:
        while filled < len(buffer):
            if readinto is not None:
                with view[filled:] as rest:
                    got = readinto(rest)
                if got is None:  # a non-blocking stream with nothing yet: ask again
                    continue
            else:
                data = source.read(len(buffer) - filled)
                got = len(data)
                view[filled : filled + got] = data
            if not got:
                break
            filled += got
    return filled


def pump(source: Readable, consumers: Sequence[Consumer], *, chunk_size: int) -> int:
    """Feed every chunk of `source` to every consumer; return the number of bytes read.

    All consumers of a chunk finish before its buffer is refilled. If a consumer or the source
    raises, the other consumers of the chunk in flight still finish (they use the buffer), then
    the first error is raised.
    """
    if chunk_size <= 0:
        raise ValueError("chunk_size must be positive")
    buffers = (mmap.mmap(-1, chunk_size), mmap.mmap(-1, chunk_size))
    try:
        return _pump(source, consumers, buffers, chunk_size)
    finally:
        for buffer in buffers:
            # A consumer's traceback may still hold a view of it: then the garbage collector
            # unmaps it later, and the consumer's error is the one that matters.
            with contextlib.suppress(BufferError):
                buffer.close()


def _pump(
    source: Readable,
    consumers: Sequence[Consumer],
    buffers: tuple[mmap.mmap, mmap.mmap],
    chunk_size: int,
) -> int:
    total = 0
    with concurrent.futures.ThreadPoolExecutor(
        max_workers=max(1, len(consumers)), thread_name_prefix="liuhen-pump"
    ) as pool:
        current = 0
        filled = read_full(source, buffers[current])
        while filled:
            view = memoryview(buffers[current])[:filled]
            futures = [pool.submit(consumer, view) for consumer in consumers]
            total += filled
            following = 1 - current
            try:
                # A short read already told us the stream ended: no need to ask again.
                filled = read_full(source, buffers[following]) if filled == chunk_size else 0
            finally:
                concurrent.futures.wait(futures)
                view.release()
            for future in futures:
                future.result()
            current = following
    return total
