"""The JSON Schema of the report (``report.schema.json``, shipped with the package)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

SCHEMA_PATH = Path(__file__).with_name("report.schema.json")


@cache
def report_schema() -> dict[str, Any]:
    """The schema every ``Interpretation.to_dict()`` and every line of
    ``bounceinterp explain --format json`` validates against (JSON Schema 2020-12)."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
