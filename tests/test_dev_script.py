"""`./dev`, run in a scratch copy with a stand-in Python so nothing is installed."""

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# A stand-in interpreter: reports FAKE_VERSION, "creates" a venv by copying
# itself, and does nothing for pip or manage.py.
FAKE = """#!/bin/sh
case "$1" in
  -c) case "$2" in
        *version_info*) echo "${FAKE_VERSION:-3.13}";;
        *_base_executable*) cat "$(dirname "$0")/../base" 2>/dev/null || realpath "$0";;
      esac;;
  -m) if [ "$2" = venv ]; then
        mkdir -p "$3/bin" && cp "$0" "$3/bin/python" && realpath "$0" > "$3/base"
      fi;;
  manage.py) echo "manage.py $2" >> "$(dirname "$0")/../../calls";;
esac
"""


@pytest.fixture
def project(tmp_path):
    shutil.copy(ROOT / "dev", tmp_path / "dev")
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    return tmp_path


def fake_python(where: Path, version: str = "3.13") -> Path:
    path = where / f"python{version}"
    path.write_text(FAKE.replace("${FAKE_VERSION:-3.13}", f"${{FAKE_VERSION:-{version}}}"))
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return path


def dev(project: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(project / "dev"), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": os.environ["PATH"], "HOME": str(project), **env},
    )


def test_a_python_that_does_not_exist_is_named_and_nothing_is_made(project):
    result = dev(project, "run", PYTHON="/nowhere/python3.12")
    assert result.returncode == 1
    assert result.stderr == (
        "dev: PYTHON=/nowhere/python3.12 finns inte eller går inte att köra; ange sökvägen "
        "till en Python 3.12 eller nyare, eller ta bort PYTHON.\n"
    )
    assert not (project / ".venv").exists()


def test_a_python_too_old_is_refused_not_replaced(project, tmp_path_factory):
    old = fake_python(tmp_path_factory.mktemp("bin"), "3.11")
    result = dev(project, "run", PYTHON=str(old))
    assert result.returncode == 1
    assert result.stderr == (
        f"dev: PYTHON={old} är Python 3.11, men Färdplan behöver Python 3.12 eller nyare "
        "(Django 6); ange en nyare eller ta bort PYTHON.\n"
    )
    assert not (project / ".venv").exists()


def test_the_first_run_says_what_it_is_doing(project, tmp_path_factory):
    python = fake_python(tmp_path_factory.mktemp("bin"), "3.13")
    result = dev(project, "run", PYTHON=str(python))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"dev: Skapar .venv med Python 3.13 ({python}).",
        "dev: Installerar Färdplans paket i .venv (första gången tar det ett par minuter) …",
        "dev: Paketen är installerade.",
        "dev: Uppdaterar databasens tabeller (migrate) …",
        "dev: Lägger in demodata (planer och en användare per roll) …",
    ]
    assert (project / "calls").read_text().split("\n")[:2] == [
        "manage.py ensure_database",
        "manage.py migrate",
    ]


def test_a_venv_from_another_python_is_rebuilt_with_the_one_asked_for(project, tmp_path_factory):
    bin_dir = tmp_path_factory.mktemp("bin")
    dev(project, "run", PYTHON=str(fake_python(bin_dir, "3.12")))
    wanted = fake_python(bin_dir, "3.13")
    result = dev(project, "run", PYTHON=str(wanted))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:2] == [
        f"dev: Bygger om .venv med PYTHON={wanted} (den var gjord med {bin_dir / 'python3.12'}).",
        f"dev: Skapar .venv med Python 3.13 ({wanted}).",
    ]
