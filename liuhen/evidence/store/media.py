"""Facts about a recording read from the file itself: format, duration, streams, when and on
which device it was made.

Why from the file: the upload form's "recorded at" is what the officer typed; the container's own
tags are what the camera wrote. Both are kept, and a difference is itself worth a look. PyAV
(FFmpeg, bundled in its wheel) reads them; nothing is decoded, so this is fast on a 4 GB file.
Any input is accepted: a photo, a PDF, random bytes or a truncated upload give a result saying the
file is not readable media, never an exception.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from fractions import Fraction
from pathlib import Path
from typing import Any, BinaryIO

import av

# Demuxers that take any text for a picture (ANSI art, binary text): a .txt is not a video.
_TEXT_CODECS = {"ansi", "bintext", "xbin", "idf"}
_MEDIA_KINDS = {"video", "audio"}
# Tag names, lower-cased, in order of preference; the camera's own namespace first.
_CREATED = ("com.apple.quicktime.creationdate", "creation_time", "date", "datetimeoriginal")
_MAKE = ("com.apple.quicktime.make", "com.android.manufacturer", "make", "manufacturer")
_MODEL = ("com.apple.quicktime.model", "com.android.model", "model", "device_model")
_SOFTWARE = ("com.apple.quicktime.software", "com.android.version", "software", "encoder")
_LOCATION = ("com.apple.quicktime.location.iso6709", "location", "location-eng")
# Containers with no creation time store zero: 1904 (QuickTime's epoch) or 1970 (Unix's).
_UNSET_BEFORE = datetime(1971, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class StreamFacts:
    kind: str
    """video, audio, subtitle, data, attachment."""
    codec: str | None
    duration_seconds: float | None = None
    width: int | None = None
    height: int | None = None
    frame_rate: float | None = None
    sample_rate: int | None = None
    channels: int | None = None


@dataclass(frozen=True)
class DeviceFacts:
    make: str | None = None
    model: str | None = None
    serial: str | None = None
    software: str | None = None


@dataclass(frozen=True)
class MediaFacts:
    readable: bool
    problem: str | None = None
    """Why the file is not readable media (None when it is)."""
    container: str | None = None
    duration_seconds: float | None = None
    bit_rate: int | None = None
    created_at: datetime | None = None
    """When the device says it recorded, in UTC; None if it does not say."""
    device: DeviceFacts = field(default_factory=DeviceFacts)
    location: str | None = None
    """ISO 6709 as the device wrote it, e.g. +31.2304+121.4737/."""
    streams: tuple[StreamFacts, ...] = ()
    tags: dict[str, str] = field(default_factory=dict)
    """Every container tag as written, so nothing the device said is lost."""

    def as_json(self) -> dict[str, Any]:
        """A JSON-ready dict for the evidence row (datetime as ISO 8601)."""
        data = asdict(self)
        data["created_at"] = self.created_at.isoformat() if self.created_at else None
        data["streams"] = list(data["streams"])
        return data


def media_facts(source: Path | str | BinaryIO) -> MediaFacts:
    """Read the facts of a file path or a seekable binary stream."""
    try:
        container = av.open(str(source) if isinstance(source, Path | str) else source, "r")
    except Exception as error:  # FFmpeg's errors, OSError, and whatever odd input provokes
        return MediaFacts(readable=False, problem=f"不是可读取的音视频文件：{_reason(error)}")
    try:
        return _facts(container)
    except Exception as error:
        return MediaFacts(readable=False, problem=f"音视频文件无法解析：{_reason(error)}")
    finally:
        container.close()


def _facts(container: Any) -> MediaFacts:
    streams = tuple(_stream(stream) for stream in container.streams)
    media = [s for s in streams if s.kind in _MEDIA_KINDS and s.codec not in _TEXT_CODECS]
    if not media:
        return MediaFacts(readable=False, problem="文件中没有音频或视频流")
    tags = {str(key): str(value) for key, value in (container.metadata or {}).items()}
    lowered = _lowered(tags)
    for stream in container.streams:  # a camera may tag the stream, not the container
        for key, value in _lowered(stream.metadata or {}).items():
            lowered.setdefault(key, value)
    duration = container.duration / av.time_base if container.duration else None
    if duration is None:
        durations = [s.duration_seconds for s in media if s.duration_seconds]
        duration = max(durations) if durations else None
    return MediaFacts(
        readable=True,
        container=container.format.name,
        duration_seconds=duration,
        bit_rate=container.bit_rate or None,
        created_at=_created_at(lowered),
        device=DeviceFacts(
            make=_first(lowered, _MAKE),
            model=_first(lowered, _MODEL),
            serial=_serial(lowered),
            software=_first(lowered, _SOFTWARE),
        ),
        location=_first(lowered, _LOCATION),
        streams=streams,
        tags=tags,
    )


def _stream(stream: Any) -> StreamFacts:
    context = stream.codec_context
    kind = str(stream.type)
    duration = None
    if stream.duration is not None and stream.time_base is not None:
        duration = float(stream.duration * stream.time_base)
    facts = StreamFacts(
        kind=kind, codec=context.name if context else None, duration_seconds=duration
    )
    if kind == "video" and context is not None:
        rate = stream.average_rate or stream.guessed_rate
        return replace(
            facts,
            width=context.width or None,
            height=context.height or None,
            frame_rate=round(float(Fraction(rate)), 3) if rate else None,
        )
    if kind == "audio" and context is not None:
        layout = getattr(context, "layout", None)
        return replace(
            facts,
            sample_rate=context.sample_rate or None,
            channels=(layout.nb_channels if layout is not None else None) or None,
        )
    return facts


def _lowered(tags: Any) -> dict[str, str]:
    return {
        str(key).lower(): str(value).strip() for key, value in tags.items() if str(value).strip()
    }


def _first(tags: dict[str, str], names: tuple[str, ...]) -> str | None:
    return next((tags[name] for name in names if name in tags), None)


def _serial(tags: dict[str, str]) -> str | None:
    """Cameras name it differently (serial, serial_number, com.vendor.serialnumber …)."""
    return next((value for key, value in tags.items() if "serial" in key), None)


def _created_at(tags: dict[str, str]) -> datetime | None:
    for name in _CREATED:
        text = tags.get(name)
        if not text:
            continue
        try:
            moment = datetime.fromisoformat(text.replace(" UTC", "Z"))
        except ValueError:
            continue
        if moment.tzinfo is None:
            # QuickTime and MP4 define creation_time as UTC; FFmpeg writes it without a zone
            # for some containers.
            moment = moment.replace(tzinfo=UTC)
        moment = moment.astimezone(UTC)
        if moment >= _UNSET_BEFORE:
            return moment
    return None


def _reason(error: Exception) -> str:
    text = str(error) or type(error).__name__
    return text[:300]
