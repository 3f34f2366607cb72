"""``bounceinterp milter``: the options, their checks, and ``--check``.

Exit codes: 0 clean stop (or a valid configuration with ``--check``), 1 cannot listen, 2 the
configuration is wrong (one line on stderr says what).
"""

from __future__ import annotations

import argparse
import os
import sys

from bounceinterp.i18n import gettext as _
from bounceinterp.limits import DEFAULT_LIMITS

from .config import Config, ConfigError, LanguageMap, language_code, load_language_map, parse_socket

EXIT_OK, EXIT_CANNOT_LISTEN, EXIT_CONFIG = 0, 1, 2


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Add the ``milter`` subcommand to the main parser's ``commands``."""
    milter = commands.add_parser(
        "milter", help=_("run the mail filter that rewrites bounces in transit")
    )
    milter.add_argument(
        "--socket",
        required=True,
        metavar="SPEC",
        help=_("where to listen: unix:/path or inet:PORT@HOST"),
    )
    milter.add_argument(
        "--lang-map",
        metavar="FILE",
        help=_("file of 'address-or-@domain language' lines: the language of each recipient"),
    )
    milter.add_argument(
        "--default-lang",
        metavar="LANG",
        help=_("language when neither the map nor the bounce names one (default: English)"),
    )
    milter.add_argument(
        "--header-only",
        action="store_true",
        help=_("only add the X-Bounce-* headers, never replace the body"),
    )
    milter.add_argument(
        "--max-message-bytes",
        type=int,
        metavar="N",
        help=_("larger messages pass unchanged (default: 10 MiB)"),
    )
    milter.add_argument(
        "--timeout",
        type=float,
        metavar="SECONDS",
        default=600.0,
        help=_("close a connection on which the mail server says nothing for this long"),
    )
    milter.add_argument(
        "--rewrite-timeout",
        type=float,
        metavar="SECONDS",
        default=10.0,
        help=_("let a message pass unchanged when its rewrite takes longer than this"),
    )
    milter.add_argument(
        "--socket-mode",
        metavar="OCTAL",
        default="666",
        help=_("permissions of a unix socket (default: 666)"),
    )
    milter.add_argument(
        "--log", choices=("stderr", "syslog"), default="stderr", help=_("where log lines go")
    )
    milter.add_argument(
        "--check",
        action="store_true",
        help=_("check the configuration, print one line and exit (0 valid, 2 invalid)"),
    )
    milter.set_defaults(handler=run)


def build_config(args: argparse.Namespace) -> Config:
    """The configuration the options describe; :class:`ConfigError` says what is wrong."""
    spec = parse_socket(args.socket)
    if spec.family == "unix":
        directory = os.path.dirname(spec.path)
        if not os.path.isdir(directory):
            raise ConfigError(
                _("the directory of the socket does not exist: {dir}").format(dir=directory)
            )
    language_map = load_language_map(args.lang_map) if args.lang_map else LanguageMap()
    default = None
    if args.default_lang:
        default = language_code(args.default_lang)
        if default is None:
            raise ConfigError(_("no catalog for language {lang}").format(lang=args.default_lang))
    for name, value in (("--timeout", args.timeout), ("--rewrite-timeout", args.rewrite_timeout)):
        if not value > 0:
            raise ConfigError(_("{option} must be a positive number").format(option=name))
    max_bytes = args.max_message_bytes
    if max_bytes is not None and max_bytes <= 0:
        raise ConfigError(
            _("{option} must be a positive number").format(option="--max-message-bytes")
        )
    try:
        mode = int(args.socket_mode, 8)
    except ValueError:
        mode = -1
    if not 0 <= mode <= 0o777:
        raise ConfigError(_("invalid socket mode {mode}").format(mode=args.socket_mode))
    return Config(
        socket=spec,
        language_map=language_map,
        language_map_file=args.lang_map,
        default_lang=default,
        header_only=args.header_only,
        timeout=args.timeout,
        rewrite_timeout=args.rewrite_timeout,
        log=args.log,
        socket_mode=mode,
        max_message_bytes=max_bytes or DEFAULT_LIMITS.max_message_bytes,
    )


def run(args: argparse.Namespace) -> int:
    try:
        config = build_config(args)
    except ConfigError as exc:
        print(f"bounceinterp: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    if args.check:
        entries = len(config.language_map.entries)
        print(
            _("configuration valid: socket {socket}, language map entries: {count}").format(
                socket=config.socket, count=entries
            )
        )
        return EXIT_OK
    from .server import run as serve

    return serve(config)
