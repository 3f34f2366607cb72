"""The command line's flags for the reading limits (``bounceinterp.limits``), shared by
``explain``, ``report`` and ``rewrite``."""

from __future__ import annotations

import argparse

from .i18n import gettext as _
from .limits import DEFAULT_LIMITS, Limits


def _positive(kind: type[int] | type[float]):
    def read(text: str) -> int | float:
        try:
            value = kind(text)
        except ValueError:
            value = 0
        if not value > 0 or value == float("inf"):
            raise argparse.ArgumentTypeError(
                _("{value} is not a positive number").format(value=text)
            )
        return value

    return read


def _size(count: int) -> str:
    """A byte count as the other options of the command write it: "10 MiB"."""
    mebibyte = 1024 * 1024
    return f"{count // mebibyte} MiB" if count % mebibyte == 0 else str(count)


def add_limit_options(parser: argparse.ArgumentParser, message_bytes: bool = True) -> None:
    """``--max-message-bytes`` (unless the command has its own), ``--max-recipients`` and
    ``--time-budget``; their defaults are the library's."""
    if message_bytes:
        parser.add_argument(
            "--max-message-bytes",
            type=_positive(int),
            metavar="N",
            help=_(
                "read at most N bytes of each message; the rest is not examined, and a warning "
                "says so (default: {default})"
            ).format(default=_size(DEFAULT_LIMITS.max_message_bytes)),
        )
    parser.add_argument(
        "--max-recipients",
        type=_positive(int),
        metavar="N",
        help=_("read at most N recipients per bounce (default: {default})").format(
            default=DEFAULT_LIMITS.max_recipients
        ),
    )
    parser.add_argument(
        "--time-budget",
        type=_positive(float),
        metavar="SECONDS",
        help=_(
            "CPU time per message after which the recipients left are classified by their "
            "codes only; a last-resort net (default: {default})"
        ).format(default=f"{DEFAULT_LIMITS.time_budget:g}"),
    )


def limits_from(args: argparse.Namespace) -> Limits:
    return DEFAULT_LIMITS.with_overrides(
        max_message_bytes=getattr(args, "max_message_bytes", None),
        max_recipients=args.max_recipients,
        time_budget=args.time_budget,
    )
