"""Build hook: prepare the bundled data (parsed rules, compiled catalogs) for every build,
wheels and editable installs alike (``bounceinterp/datacache.py`` says why and how)."""

from __future__ import annotations

import sys
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class PrepareData(BuildHookInterface):
    PLUGIN_NAME = "prepare-data"

    def initialize(self, version: str, build_data: dict) -> None:
        root = Path(self.root)
        sys.path.insert(0, str(root))
        try:
            from bounceinterp.datacache import build
        finally:
            sys.path.pop(0)
        build(root / "rules", root / "locales")
