"""Small recordings made with PyAV itself, so the media tests need no sample files or tools."""

from __future__ import annotations

import math
import struct
from pathlib import Path

import av


def write_mp4(
    path: Path, *, tags: dict[str, str], seconds: int = 1, width: int = 320, height: int = 240
) -> Path:
    """MPEG-4 video at 25 fps and AAC mono audio at 16 kHz, with container tags (any name: the
    mov muxer's use_metadata_tags writes them as the camera's own would be)."""
    with av.open(str(path), "w", options={"movflags": "use_metadata_tags"}) as output:
        for key, value in tags.items():
            output.metadata[key] = value
        video = output.add_stream("mpeg4", rate=25)
        video.width, video.height, video.pix_fmt = width, height, "yuv420p"
        audio = output.add_stream("aac", rate=16000)
        audio.layout = "mono"
        for index in range(25 * seconds):
            frame = av.VideoFrame(width, height, "yuv420p")
            for plane in frame.planes:
                plane.update(bytes([index * 9 % 256]) * plane.buffer_size)
            frame.pts = index
            output.mux(video.encode(frame))
        output.mux(video.encode(None))
        samples = audio.codec_context.frame_size or 1024
        for block in range(16000 * seconds // samples):
            sound = av.AudioFrame(format="fltp", layout="mono", samples=samples)
            sound.sample_rate = 16000
            wave = [
                0.3 * math.sin(2 * math.pi * 440 * (block * samples + k) / 16000)
                for k in range(samples)
            ]
            sound.planes[0].update(struct.pack(f"<{samples}f", *wave))
            sound.pts = block * samples
            output.mux(audio.encode(sound))
        output.mux(audio.encode(None))
    return path


def write_wav(path: Path, *, seconds: float, rate: int = 8000, channels: int = 2) -> Path:
    """PCM 16-bit audio, like a recorder's interview file."""
    layout = "stereo" if channels == 2 else "mono"
    with av.open(str(path), "w") as output:
        stream = output.add_stream("pcm_s16le", rate=rate)
        stream.layout = layout
        total = int(rate * seconds)
        for start in range(0, total, 1000):
            count = min(1000, total - start)
            frame = av.AudioFrame(format="s16", layout=layout, samples=count)
            frame.sample_rate = rate
            frame.planes[0].update(bytes(2 * channels * count))
            frame.pts = start
            output.mux(stream.encode(frame))
        output.mux(stream.encode(None))
    return path
