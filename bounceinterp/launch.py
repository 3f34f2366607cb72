"""The ``bounceinterp`` console script: Ctrl-C at any moment, even while the modules are still
loading, ends the command with exit code 130 and no traceback. (In the first milliseconds of
CPython's own start-up, before this module runs, CPython answers Ctrl-C itself.)"""

from __future__ import annotations

import sys

EXIT_INTERRUPTED = 130


def main() -> int:
    try:
        from .cli import main as run

        return run()
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
