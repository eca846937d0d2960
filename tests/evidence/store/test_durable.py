"""The durability helpers: direct writes with a buffered tail, atomic replacement."""

from __future__ import annotations

import mmap
import os
from pathlib import Path

from liuhen.evidence.store.durable import DurableWriter, make_dirs, open_new_file, write_file_atomic


def test_aligned_chunks_go_direct_and_an_unaligned_tail_switches_to_buffered(
    tmp_path: Path,
) -> None:
    path = tmp_path / "new"
    fd = open_new_file(path)
    writer = DurableWriter(fd)
    started_direct = writer.direct
    aligned = mmap.mmap(-1, 8192)  # page-aligned, like the pipeline's buffers
    aligned.write(os.urandom(8192))
    try:
        writer.write(memoryview(aligned))
        assert writer.direct == started_direct
        writer.write(memoryview(b"tail "))
        assert not writer.direct
        writer.write(memoryview(b"more"))
        writer.finish()
    finally:
        os.close(fd)
    assert path.read_bytes() == aligned[:] + b"tail " + b"more"


def test_an_unaligned_buffer_falls_back_instead_of_failing(tmp_path: Path) -> None:
    path = tmp_path / "new"
    fd = open_new_file(path)
    writer = DurableWriter(fd)
    data = bytearray(os.urandom(4096 + 1))
    try:
        writer.write(memoryview(data)[1:])  # 4096 bytes at an odd address
        writer.finish()
    finally:
        os.close(fd)
    assert path.read_bytes() == bytes(data[1:])


def test_an_atomic_write_replaces_the_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "facts.json"
    write_file_atomic(target, b"old")
    write_file_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in target.parent.iterdir()) == ["facts.json"]


def test_make_dirs_creates_every_missing_level(tmp_path: Path) -> None:
    make_dirs(tmp_path / "x" / "y" / "z")
    make_dirs(tmp_path / "x" / "y" / "z")  # again: nothing to do, no error
    assert (tmp_path / "x" / "y" / "z").is_dir()
