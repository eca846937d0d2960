"""Where Liuhen keeps its state on disk.

Plain Python (no Django) because the rules engine, which runs without Django, also needs to find
the data folder: a holiday schedule loaded by one process must be seen by every later one.
"""

from __future__ import annotations

import os
from pathlib import Path


def data_dir() -> Path:
    """The folder holding the database, media, keys and loaded calendars.

    `LIUHEN_DATA_DIR` wins; otherwise the XDG data folder of the user running the command, so that
    an installed `liuhen` works from any directory.
    """
    configured = os.environ.get("LIUHEN_DATA_DIR")
    if configured:
        return Path(configured).expanduser().resolve()
    xdg = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(xdg).expanduser().resolve() / "liuhen"
