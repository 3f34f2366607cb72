"""A small program that uses bounceinterp as another project would: type-checked with
``mypy --strict`` by tests/test_typing.py, which also requires that nothing here is ``Any``."""

from __future__ import annotations

import sys
from pathlib import Path

import bounceinterp
from bounceinterp import Category, Interpretation, Limits, RecipientStatus, WhoActs


def needs_the_sender(recipient: RecipientStatus) -> bool:
    who: WhoActs | None = recipient.who_acts
    return who in ("sender", "sender_admin")


def summary(report: Interpretation) -> list[str]:
    lines: list[str] = []
    for recipient in report.recipients:
        category: Category = recipient.category
        address: str = recipient.address or "?"
        lines.append(f"{address}: {category} (sender acts: {needs_the_sender(recipient)})")
    return lines


def main(paths: list[str]) -> int:
    limits = Limits(max_message_bytes=2_000_000)
    for message in bounceinterp.messages(paths):
        if message.raw is None:
            print(f"{message.label}: {message.error}", file=sys.stderr)
            continue
        report = bounceinterp.interpret(message.raw, limits=limits)
        if report.is_bounce:
            print("\n".join(summary(report)))
            text: str = bounceinterp.explain(report, lang="fr", format="text")
            print(text)
    raw = Path(paths[0]).read_bytes() if paths else b""
    rewritten: bytes = bounceinterp.rewrite(raw, "de")
    schema_version: str = bounceinterp.SCHEMA_VERSION
    data = report_fields(bounceinterp.interpret(raw))
    return 0 if rewritten and schema_version and data is not None else 1


def report_fields(report: Interpretation) -> dict[str, object]:
    return dict(report.to_dict())


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
