"""Media facts read from the file itself, and no crash on anything that is not media."""

from __future__ import annotations

import io
import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from liuhen.evidence.store import media_facts
from tests.evidence.store.media_files import write_mp4, write_wav


def test_a_phone_video_gives_format_duration_streams_time_and_device(tmp_path: Path) -> None:
    video = write_mp4(
        tmp_path / "IMG_0001.MOV",
        seconds=2,
        tags={
            "creation_time": "2026-11-20T08:30:00.000000Z",
            "com.apple.quicktime.make": "Apple",
            "com.apple.quicktime.model": "iPhone 15",
            "com.apple.quicktime.location.ISO6709": "+31.2304+121.4737+004.000/",
        },
    )
    facts = media_facts(video)
    assert facts.readable
    assert facts.problem is None
    assert facts.container is not None
    assert "mp4" in facts.container
    assert facts.duration_seconds == pytest.approx(2.0, abs=0.1)
    assert facts.created_at == datetime(2026, 11, 20, 8, 30, tzinfo=UTC)
    assert (facts.device.make, facts.device.model) == ("Apple", "iPhone 15")
    assert facts.location == "+31.2304+121.4737+004.000/"
    video_stream, audio_stream = facts.streams
    assert (video_stream.kind, video_stream.codec) == ("video", "mpeg4")
    assert (video_stream.width, video_stream.height, video_stream.frame_rate) == (320, 240, 25.0)
    assert (audio_stream.kind, audio_stream.codec) == ("audio", "aac")
    assert (audio_stream.sample_rate, audio_stream.channels) == (16000, 1)
    assert facts.tags["com.apple.quicktime.model"] == "iPhone 15"


def test_a_body_cameras_serial_and_local_time_creation_date(tmp_path: Path) -> None:
    video = write_mp4(
        tmp_path / "DSJ.MP4",
        tags={
            "com.apple.quicktime.creationdate": "2026-11-20T16:30:05+0800",
            "make": "执法记录仪厂",
            "model": "DSJ-X9",
            "device_serial_number": "DSJ2026110001",
        },
    )
    facts = media_facts(video)
    assert facts.created_at == datetime(2026, 11, 20, 8, 30, 5, tzinfo=UTC)
    assert (facts.device.make, facts.device.model) == ("执法记录仪厂", "DSJ-X9")
    assert facts.device.serial == "DSJ2026110001"
    assert facts.device.software is not None
    assert facts.device.software.startswith("Lavf")


def test_an_unset_creation_time_is_none_not_1970(tmp_path: Path) -> None:
    facts = media_facts(
        write_mp4(tmp_path / "a.mp4", tags={"creation_time": "1970-01-01T00:00:00Z"})
    )
    assert facts.readable
    assert facts.created_at is None


def test_a_wav_recording_gives_its_audio_facts(tmp_path: Path) -> None:
    facts = media_facts(write_wav(tmp_path / "interview.wav", seconds=1.5))
    assert facts.readable
    assert facts.container == "wav"
    assert facts.duration_seconds == pytest.approx(1.5, abs=0.01)
    (stream,) = facts.streams
    assert (stream.kind, stream.codec, stream.sample_rate, stream.channels) == (
        "audio",
        "pcm_s16le",
        8000,
        2,
    )
    assert facts.created_at is None
    assert facts.device.model is None


def test_facts_are_read_from_an_open_stream_too(tmp_path: Path) -> None:
    data = write_mp4(tmp_path / "a.mp4", tags={"model": "M1"}).read_bytes()
    facts = media_facts(io.BytesIO(data))
    assert facts.readable
    assert facts.device.model == "M1"


def test_facts_serialise_to_json(tmp_path: Path) -> None:
    facts = media_facts(
        write_mp4(tmp_path / "a.mp4", tags={"creation_time": "2026-01-02T03:04:05Z"})
    )
    restored = json.loads(json.dumps(facts.as_json()))
    assert restored["created_at"] == "2026-01-02T03:04:05+00:00"
    assert restored["streams"][0]["width"] == 320


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("random.bin", os.urandom(100_000)),
        ("notes.txt", "现场笔录\n".encode() * 200),
        ("empty.mp4", b""),
        ("photo.pdf", b"%PDF-1.7\n" + os.urandom(2000)),
    ],
)
def test_anything_that_is_not_media_gives_a_result_not_an_exception(
    tmp_path: Path, name: str, content: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    facts = media_facts(path)
    assert not facts.readable
    assert facts.problem
    assert facts.streams == ()
    assert facts.created_at is None


def test_a_truncated_upload_is_not_readable_media(tmp_path: Path) -> None:
    data = write_mp4(tmp_path / "whole.mp4", tags={}).read_bytes()
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(data[: len(data) // 2])  # the index (moov) is at the end
    facts = media_facts(cut)
    assert not facts.readable
    assert "不是可读取的音视频文件" in (facts.problem or "")


def test_a_missing_file_is_reported_not_raised(tmp_path: Path) -> None:
    facts = media_facts(tmp_path / "nowhere.mp4")
    assert not facts.readable
    assert "No such file" in (facts.problem or "")
