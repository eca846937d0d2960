"""Rules-engine tests run on plain Python: no Django, no database, no network."""

from __future__ import annotations

from pathlib import Path

import pytest

EXAMPLES = Path(__file__).parent / "examples"


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own data folder, so no loaded calendar leaks between tests."""
    folder = tmp_path / "liuhen-data"
    monkeypatch.setenv("LIUHEN_DATA_DIR", str(folder))
    from liuhen.rules.calendar import forget_current_calendar

    forget_current_calendar()
    return folder
