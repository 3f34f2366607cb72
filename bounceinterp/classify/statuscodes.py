"""The enhanced status code registry and the SMTP reply codes, from ``rules/`` (data only)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from ..resources import load_yaml, rules_dir


@dataclass(frozen=True)
class CodeInfo:
    code: str
    title: str
    description: str
    category: str
    references: tuple[str, ...] = ()
    permanent_hint: bool | None = None


def _read_codes(filename: str) -> dict[str, CodeInfo]:
    """The ``codes`` table of a code file, by the code as written there (``X.1.1``, ``550``)."""
    data = load_yaml(rules_dir() / filename)
    return {
        str(code): CodeInfo(
            code=str(code),
            title=entry["title"],
            description=entry.get("description", ""),
            category=entry.get("category", "undefined"),
            references=tuple(entry.get("references", ())),
            permanent_hint=entry.get("permanent_hint"),
        )
        for code, entry in data["codes"].items()
    }


@cache
def _status_table() -> dict[str, CodeInfo]:
    return _read_codes("status-codes.yaml")


@cache
def _reply_table() -> dict[str, CodeInfo]:
    return _read_codes("reply-codes.yaml")


@cache
def categories() -> dict[str, dict[str, Any]]:
    """The category vocabulary with each category's usual permanence and who must act."""
    return load_yaml(rules_dir() / "categories.yaml")["categories"]


def status_info(status: str | None) -> CodeInfo | None:
    """The registry entry of an enhanced status code such as ``5.1.1`` (looked up as X.1.1)."""
    if not status or status.count(".") != 2:
        return None
    return _status_table().get("X." + status.split(".", 1)[1])


def reply_info(code: int | None) -> CodeInfo | None:
    return _reply_table().get(str(code)) if code is not None else None


def describe(status: str | None) -> str | None:
    """The registry title of a status code, for people (``5.1.1`` -> "Bad destination ...")."""
    info = status_info(status)
    return info.title if info else None
