"""The ``bounceinterp`` command: a thin front door over the library.

Exit codes: 0 every input was read, 1 at least one input could not be read, 2 usage error,
3 the output could not be written, 130 interrupted (``launch``).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from . import __version__
from .escapes import json_text
from .i18n import gettext as _
from .i18n import process_language, translations

if TYPE_CHECKING:
    pass

EXIT_OK, EXIT_INPUT_FAILED, EXIT_USAGE, EXIT_OUTPUT_FAILED = 0, 1, 2, 3
EXIT_INTERRUPTED = 130
FORMATS = ("text", "json", "html", "markdown")


def build_parser() -> argparse.ArgumentParser:
    from .cli_help import epilog, use_reader_language
    from .cli_limits import add_limit_options

    use_reader_language()
    parser = argparse.ArgumentParser(
        prog="bounceinterp",
        description=_("Explain bounces and delivery status notifications in plain words."),
        epilog=epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {__version__}",
        help=_("show program's version number and exit"),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    explain = commands.add_parser("explain", help=_("explain one or more bounce messages"))
    explain.add_argument(
        "files",
        nargs="+",
        metavar="PATH",
        help=_("message files, directories, Maildir folders or mbox files; - for standard input"),
    )
    explain.add_argument("--format", choices=FORMATS, default="text", help=_("output format"))
    explain.add_argument("--lang", help=_("language of the explanation (e.g. fr, de, pt-BR)"))
    explain.add_argument(
        "--why", action="store_true", help=_("show the rule, evidence and confidence per recipient")
    )
    explain.add_argument(
        "--rules",
        metavar="DIR",
        help=_("directory of your own rules, used before the bundled ones"),
    )
    explain.add_argument(
        "-j",
        "--jobs",
        type=_whole_number,
        metavar="N",
        help=_("number of worker processes (default: one per core)"),
    )
    add_limit_options(explain)
    explain.set_defaults(handler=run_explain)

    from .report.command import add_parser as add_report_parser

    add_report_parser(commands)

    rules = commands.add_parser("rules", help=_("work with the classification rules"))
    rules_commands = rules.add_subparsers(dest="rules_command", metavar="COMMAND")
    rules_commands.required = True
    check = rules_commands.add_parser(
        "check", help=_("validate rule files and run their examples and counterexamples")
    )
    check.add_argument("directory", nargs="?", metavar="DIR", help=_("rules directory to check"))
    check.set_defaults(handler=run_rules_check)

    languages = commands.add_parser("languages", help=_("list the available languages"))
    languages.set_defaults(handler=run_languages)

    from .milter.cli import add_parser as add_milter_parser
    from .rewrite_cli import add_parser as add_rewrite_parser

    add_rewrite_parser(commands)
    add_milter_parser(commands)
    return parser


def _whole_number(text: str) -> int:
    from .report.command import positive_number

    return positive_number(text)


def run_explain(args: argparse.Namespace) -> int:
    from .cli_limits import limits_from
    from .explain_batch import Settings, explained
    from .mailbox import messages
    from .report.run import default_jobs

    limits = limits_from(args)
    unsupported = bool(args.lang) and not language_available(args.lang)
    warned: set[str] = set()
    if args.rules is not None:
        problem = rules_problem(args.rules)
        if problem:
            print(f"bounceinterp: {problem}", file=sys.stderr)
            return EXIT_USAGE
    status = EXIT_OK
    if "-" in args.files and sys.stdin is not None and sys.stdin.isatty():
        waiting = _("reading a message from standard input (end it with Ctrl-D)")
        print(f"bounceinterp: {waiting}", file=sys.stderr)
    settings = Settings(args.format, args.lang, args.why, args.rules, limits)
    found = messages(args.files, max_bytes=limits.max_message_bytes)
    for index, item in enumerate(explained(found, settings, args.jobs or default_jobs())):
        if item.error is not None:
            status = report_failure(args, item.label, item.error)
            continue
        chosen = item.language
        if unsupported and chosen and chosen not in warned and (args.format != "json" or args.lang):
            warned.add(chosen)
            warn_language(args.lang, chosen)
        if args.format == "json":
            print(item.output)
        else:
            if len(args.files) > 1 or item.label != args.files[0]:  # several files, a mailbox
                print(("\n" if index else "") + f"==> {item.label} <==")
            print(item.output, end="")
    return status


def report_failure(args: argparse.Namespace, name: str, message: str) -> int:
    """One line on stderr (and an ``"error"`` line in JSON mode) for a message that failed."""
    print(f"bounceinterp: {message}", file=sys.stderr)
    if args.format == "json":
        print(json_text({"file": name, "error": message}))
    return EXIT_INPUT_FAILED


def language_available(wanted: str) -> bool:
    from .i18n import negotiate, parse_language_list

    return negotiate(parse_language_list(wanted)) is not None


def warn_language(wanted: str, chosen: str) -> None:
    """Say on stderr that ``--lang`` names no available language and which one explains the
    message instead (the message's own, else this system's, else English)."""
    from babel import Locale

    message = _("no explanation in {wanted}; explaining in {used} ({name}) instead")
    name = Locale.parse(chosen).get_display_name(chosen)
    print(f"bounceinterp: {message.format(wanted=wanted, used=chosen, name=name)}",
          file=sys.stderr)  # fmt: skip


def run_rules_check(args: argparse.Namespace) -> int:
    from .classify.rulecheck import check

    try:
        report = check(args.directory)
    except FileNotFoundError as exc:  # no such directory: the command was mistyped
        print(f"bounceinterp: {exc}", file=sys.stderr)
        return EXIT_USAGE
    for problem in report.problems:
        print(problem)
    print(check_summary(report.rules, report.examples, len(report.problems)))
    return EXIT_OK if report.ok else EXIT_INPUT_FAILED


def check_summary(rules: int, examples: int, problems: int) -> str:
    """``130 rules, 365 examples and counterexamples checked, 0 problems`` (plurals by count)."""
    catalog = translations(process_language())
    parts = {
        "rules": catalog.ngettext("{count} rule", "{count} rules", rules).format(count=rules),
        "examples": catalog.ngettext(
            "{count} example or counterexample checked",
            "{count} examples and counterexamples checked",
            examples,
        ).format(count=examples),
        "problems": catalog.ngettext("{count} problem", "{count} problems", problems).format(
            count=problems
        ),
    }
    # TRANSLATORS: the summary of "rules check": "130 rules, 365 examples and counterexamples
    # checked, 0 problems"; each part is translated on its own (with its plural).
    return _("{rules}, {examples}, {problems}").format(**parts)


def rules_problem(directory: str) -> str | None:
    """Why the user's rules directory cannot be used, or None when it loads."""
    from .classify.rulebook import RuleError, load

    try:
        load(directory)
    except FileNotFoundError as exc:
        return str(exc)
    except (RuleError, OSError) as exc:
        return _("invalid rules in {directory}: {reason}").format(directory=directory, reason=exc)
    return None


def run_languages(args: argparse.Namespace) -> int:
    from babel import Locale

    from .i18n import available_languages

    for code in available_languages():
        print(f"{code}\t{Locale.parse(code).get_display_name(code)}")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command. Whatever happens to the output (a full disk, a closed or broken pipe)
    is one line on stderr and exit code 3; Ctrl-C is exit code 130, quietly."""
    # Library warnings (a pattern that timed out, an extractor that failed) as one line each.
    logging.basicConfig(level=logging.WARNING, format="bounceinterp: %(message)s")
    if sys.stdout is None:  # started with standard output closed (">&-")
        return _output_failed(os.strerror(9))
    # Text read from broken mail can hold lone surrogates (undecodable bytes of an address):
    # write them as \udcff escapes rather than fail on the terminal's encoding.
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="backslashreplace")
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        status = args.handler(args)
        sys.stdout.flush()
    except KeyboardInterrupt:
        _silence_stdout()
        return EXIT_INTERRUPTED
    except OSError as exc:  # inputs are read by bounceinterp.messages(), which never raises
        return _output_failed(exc.strerror or str(exc), exc.filename)
    return status


def _output_failed(reason: str, file: object = None) -> int:
    _silence_stdout()
    if file is not None:
        message = _("cannot write {file}: {reason}").format(file=file, reason=reason)
    else:
        message = _("cannot write the output: {reason}").format(reason=reason)
    if sys.stderr is not None:
        print(f"bounceinterp: {message}", file=sys.stderr)
    return EXIT_OUTPUT_FAILED


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so that the interpreter's last flush of what is
    still buffered cannot fail again at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, AttributeError, ValueError):
        pass


if __name__ == "__main__":
    sys.exit(main())
