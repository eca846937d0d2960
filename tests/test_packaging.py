"""A plain (not editable) install gives a working `liuhen` command from any directory, with the
regulation texts, templates and static assets inside the package.

Offline: the wheel is built with this virtualenv's setuptools and installed without its
dependencies into a fresh virtualenv that borrows this one's site-packages through a .pth file.
"""

from __future__ import annotations

import os
import site
import subprocess
import sys
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


def _run(argv: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        argv,
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
        **kwargs,  # type: ignore[call-overload]
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("install")
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "-w",
            str(work / "dist"),
            str(REPO),
        ],
        cwd=work,
    )
    wheel = next((work / "dist").glob("liuhen-*.whl"))
    target = work / "venv"
    venv.EnvBuilder(with_pip=True).create(target)
    _run([str(target / "bin" / "pip"), "install", "--no-deps", "--no-index", str(wheel)])
    purelib = Path(
        _run(
            [
                str(target / "bin" / "python"),
                "-c",
                "import sysconfig; print(sysconfig.get_path('purelib'))",
            ]
        ).stdout.strip()
    )
    (purelib / "borrowed-deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    return target


def _env(data_dir: Path) -> dict[str, str]:
    # The installed command must stand alone: its own SQLite in a fresh data folder.
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "PYTHON", "LIUHEN_")) and k != "DATABASE_URL"
    }
    env["LIUHEN_DATA_DIR"] = str(data_dir)
    return env


def test_the_package_carries_its_data_files(installed: Path) -> None:
    script = (
        "import importlib.resources as r, liuhen; "
        "print(liuhen.__file__); "
        "print(r.files('liuhen.rules').joinpath('texts', 'dehong-record.txt').is_file()); "
        "print(r.files('liuhen').joinpath('templates', 'base.html').is_file()); "
        "print(r.files('liuhen').joinpath('static', 'vendor', 'htmx', 'htmx.min.js').is_file())"
    )
    out = _run([str(installed / "bin" / "python"), "-c", script], cwd="/").stdout.split()
    assert str(REPO) not in out[0], "imported the working tree, not the installed package"
    assert out[1:] == ["True", "True", "True"]


def test_the_command_works_from_any_directory(installed: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "somewhere-else"
    elsewhere.mkdir()
    env = _env(tmp_path / "data")
    liuhen = str(installed / "bin" / "liuhen")
    _run([liuhen, "migrate", "--noinput", "-v0"], cwd=elsewhere, env=env)
    assert (tmp_path / "data" / "liuhen.sqlite3").exists()
    commands = _run([liuhen, "help"], cwd=elsewhere, env=env).stdout
    assert "demo" in commands
    assert "serve" in commands
    page = _run(
        [
            str(installed / "bin" / "python"),
            "-c",
            "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE','liuhen.settings'); "
            "django.setup(); from django.test import Client; "
            "r = Client().get('/'); print(r.status_code); print('登录' in r.content.decode())",
        ],
        cwd=elsewhere,
        env=env,
    ).stdout.split()
    assert page == ["200", "True"]
