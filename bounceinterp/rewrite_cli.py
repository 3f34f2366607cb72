"""``bounceinterp rewrite FILE|-``: a filter for delivery agents (procmail, maildrop, Sieve).

The message goes to stdout rewritten when it is a bounce, byte for byte as it came otherwise,
exit 0. A message larger than ``--max-message-bytes`` is copied through unchanged, however
large. Only input that cannot be read at all exits 1, with one line on stderr and nothing on
stdout, so that the delivery agent keeps its own copy of the message (procmail's ``w`` flag,
maildrop's ``xfilter``, Sieve's ``filter``).
"""

from __future__ import annotations

import argparse
import shutil
import sys

from .i18n import gettext as _
from .limits import DEFAULT_LIMITS

EXIT_OK, EXIT_INPUT_FAILED = 0, 1


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Add the ``rewrite`` subcommand to the main parser's ``commands``."""
    rewrite = commands.add_parser(
        "rewrite", help=_("write a bounce with its explanation inside, other mail unchanged")
    )
    rewrite.add_argument("file", metavar="FILE", help=_("message file, or - for stdin"))
    rewrite.add_argument("--lang", help=_("language of the explanation (e.g. fr, de, pt-BR)"))
    rewrite.add_argument(
        "--header-only",
        action="store_true",
        help=_("only add the X-Bounce-* headers, never replace the body"),
    )
    rewrite.add_argument(
        "--max-message-bytes",
        type=int,
        metavar="N",
        default=DEFAULT_LIMITS.max_message_bytes,
        help=_("larger messages pass unchanged (default: 10 MiB)"),
    )
    from .cli_limits import add_limit_options

    add_limit_options(rewrite, message_bytes=False)
    rewrite.set_defaults(handler=run_rewrite)


def run_rewrite(args: argparse.Namespace) -> int:
    from .rewrite import rewrite

    limit = max(args.max_message_bytes, 1)
    try:
        source = sys.stdin.buffer if args.file == "-" else open(args.file, "rb")  # noqa: SIM115
    except OSError as exc:
        return _failed(args.file, exc)
    out = sys.stdout.buffer
    try:
        with source:
            head = source.read(limit + 1)
            if len(head) > limit:  # too large to read: pass it through as it is
                out.write(head)
                shutil.copyfileobj(source, out)
                out.flush()
                return EXIT_OK
    except OSError as exc:
        return _failed(args.file, exc)
    from .cli_limits import limits_from

    limits = limits_from(args).with_overrides(max_message_bytes=limit)
    out.write(rewrite(head, args.lang, header_only=args.header_only, limits=limits))
    out.flush()
    return EXIT_OK


def _failed(name: str, exc: OSError) -> int:
    reason = exc.strerror or str(exc)
    message = _("cannot read {file}: {reason}").format(file=name, reason=reason)
    print(f"bounceinterp: {message}", file=sys.stderr)
    return EXIT_INPUT_FAILED
