"""The shell completions and the manual page in share/ are what the parser gives today."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_completions_and_manual_page_follow_the_parser():
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "cli_files.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_the_bash_completion_knows_every_command():
    text = (ROOT / "share/bash-completion/completions/bounceinterp").read_text()
    for command in ("explain", "report", "rewrite", "milter", "languages", "rules"):
        assert command in text
