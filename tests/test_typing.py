"""The package is typed (py.typed): a downstream program passes ``mypy --strict``, and what it
gets from the public API is never ``Any``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

DOWNSTREAM = Path(__file__).parent / "typing" / "downstream.py"


def mypy(*options: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental", "--cache-dir", "/dev/null",
         "--python-version", "3.11", *options, str(DOWNSTREAM)],
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip


def test_the_package_ships_its_type_information():
    import bounceinterp

    assert (Path(bounceinterp.__file__).parent / "py.typed").is_file()


@pytest.mark.parametrize(
    "options",
    [("--strict",), ("--strict", "--disallow-any-expr")],
    ids=["strict", "no-Any"],
)
def test_a_downstream_program_passes_mypy_strict(options):
    result = mypy(*options)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_package_itself_passes_mypy():
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental", "--cache-dir", "/dev/null"],
        capture_output=True,
        text=True,
        check=False,
        cwd=root,
    )
    assert result.returncode == 0, result.stdout + result.stderr
