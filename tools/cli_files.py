"""Generate the shell completions and the manual page of ``bounceinterp`` from its parser.

    python tools/cli_files.py          # write share/...
    python tools/cli_files.py --check  # exit 1 when a file is not what the parser gives

Completions come from shtab, the manual page from argparse-manpage (both in the ``test``
extra); the help is the English one (C locale). tests/test_cli_files.py runs ``--check``, so
the committed files follow every change of the options.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.update({"LC_ALL": "C", "LANGUAGE": "", "LANG": "C"})  # before bounceinterp reads it

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import shtab  # noqa: E402
from build_manpages.manpage import Manpage  # noqa: E402

from bounceinterp import __version__  # noqa: E402
from bounceinterp.cli import build_parser  # noqa: E402

#: What the manual page says of itself; the date is the release's (its "last changed").
MANPAGE = {
    "date": "2026-12-01",
    "project_name": "bounceinterp",
    "version": __version__,
    "manual_title": "User Commands",
    "description": "explain bounces and delivery status notifications in plain words",
}

FILES = {
    "share/bash-completion/completions/bounceinterp": lambda p: shtab.complete(p, "bash"),
    "share/zsh/site-functions/_bounceinterp": lambda p: shtab.complete(p, "zsh"),
    "share/man/man1/bounceinterp.1": lambda p: str(Manpage(p, MANPAGE)),
}


def generated() -> dict[str, str]:
    found = {}
    for name, make in FILES.items():
        parser = build_parser()
        parser.prog = "bounceinterp"
        found[name] = make(parser).rstrip("\n") + "\n"
    return found


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    options.add_argument("--check", action="store_true")
    args = options.parse_args()
    stale = []
    for name, text in generated().items():
        path = ROOT / name
        if args.check:
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {name}")
    for name in stale:
        print(f"out of date: {name} (run python tools/cli_files.py)", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
