"""``bounceinterp report PATH...``: read mailboxes, fold, render; the command-line front door.

Exit codes as for ``explain``: 0 every message was read, 1 some could not be (each one is a
line on stderr and in the report; all the others are counted), 2 usage error (including an
output file that cannot be written and a ``--rules`` directory that does not load).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from typing import TYPE_CHECKING, Any, TextIO

from bounceinterp.escapes import json_text
from bounceinterp.i18n import gettext as _
from bounceinterp.limits import DEFAULT_LIMITS

if TYPE_CHECKING:  # the working modules are imported when a report is made, not to parse
    from .fold import Summary
    from .speech import Reader

EXIT_OK, EXIT_INPUT_FAILED, EXIT_USAGE = 0, 1, 2
FORMATS = ("table", "json", "csv", "html")
#: Longer messages are read in part: interpret() reads no further than its own limit anyway,
#: and one huge message must not take the memory of a thousand.
READ_LIMIT = DEFAULT_LIMITS.max_message_bytes + 1


def positive_number(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(
            _("{value} is not a whole number of at least 1").format(value=value)
        )
    return number


def add_parser(commands: Any) -> None:
    """The ``report`` subcommand, on the CLI's subparsers."""
    report = commands.add_parser(
        "report", help=_("count the bounces in mailboxes and say what to fix first")
    )
    report.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help=_("message files, directories, Maildir folders or mbox files; - for standard input"),
    )
    report.add_argument("--format", choices=FORMATS, default="table", help=_("output format"))
    report.add_argument(
        "-o", "--output", metavar="FILE", help=_("write the report to FILE, not standard output")
    )
    report.add_argument("--lang", help=_("language of the report (e.g. fr, de, pt-BR)"))
    report.add_argument(
        "-j",
        "--jobs",
        type=positive_number,
        metavar="N",
        help=_("number of worker processes (default: one per core)"),
    )
    report.add_argument(
        "--top",
        type=positive_number,
        default=10,
        metavar="N",
        help=_("how many actions, and rows per table, to show (default: 10)"),
    )
    report.add_argument(
        "--rules",
        metavar="DIR",
        help=_("directory of your own rules, used before the bundled ones"),
    )
    from bounceinterp.cli_limits import add_limit_options

    add_limit_options(report)
    report.set_defaults(handler=run_report)


class Output:
    """Where the report goes: standard output, or a file replaced only once the report is
    complete (a half-written report never takes the place of the last good one)."""

    def __init__(self, path: str | None) -> None:
        self.path = path
        self._temporary: str | None = None
        if path is None or path == "-":
            self.stream: TextIO = sys.stdout
            return
        if os.path.exists(path) and not os.path.isfile(path):  # /dev/stdout, a FIFO
            self.stream = open(path, "w", encoding="utf-8", errors="backslashreplace", newline="")  # noqa: SIM115
            return
        directory, name = os.path.split(os.path.abspath(path))
        descriptor, self._temporary = tempfile.mkstemp(prefix=f".{name}.", dir=directory)
        try:
            mode = os.stat(path).st_mode & 0o777 if os.path.exists(path) else _default_mode()
            os.chmod(self._temporary, mode)
            self.stream = open(  # noqa: SIM115 (closed by commit or discard)
                descriptor, "w", encoding="utf-8", errors="backslashreplace", newline=""
            )
        except OSError:
            os.close(descriptor)
            os.unlink(self._temporary)
            raise

    def commit(self) -> None:
        self.stream.flush()
        if self.stream is sys.stdout:
            return
        self.stream.close()
        if self._temporary is not None:
            os.replace(self._temporary, self.path)  # type: ignore[arg-type]

    def discard(self) -> None:
        if self.stream is sys.stdout:
            return
        self.stream.close()
        if self._temporary is not None and os.path.exists(self._temporary):
            os.unlink(self._temporary)


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def render(format: str, data: dict[str, Any], reader: Reader, top: int) -> str:
    from .render_html import render_html
    from .render_table import render_table

    if format == "json":
        return json_text(data, indent=2) + "\n"
    if format == "html":
        return render_html(data, reader, top)
    return render_table(data, reader, top)


def run_report(args: argparse.Namespace) -> int:
    from bounceinterp.cli import rules_problem

    from .speech import reader_for
    from .view import report_data

    if args.rules is not None:
        problem = rules_problem(args.rules)
        if problem:
            print(f"bounceinterp: {problem}", file=sys.stderr)
            return EXIT_USAGE
    reader = reader_for(args.lang)
    try:
        output = Output(args.output)
    except OSError as exc:
        message = _("cannot write {file}: {reason}").format(
            file=args.output, reason=exc.strerror or exc
        )
        print(f"bounceinterp: {message}", file=sys.stderr)
        return EXIT_USAGE
    try:
        summary = fold_into(output, args, reader)
        if args.format != "csv":
            data = report_data(summary, reader, args.top)
            output.stream.write(render(args.format, data, reader, args.top))
        output.commit()
    except BaseException:
        output.discard()
        raise
    return EXIT_INPUT_FAILED if summary.errors else EXIT_OK


def fold_into(output: Output, args: argparse.Namespace, reader: Reader) -> Summary:
    """Read and interpret every message, fold it, and (for CSV) write its rows at once."""
    from bounceinterp.cli_limits import limits_from
    from bounceinterp.mailbox import messages

    from .fold import Summary
    from .progress import Progress
    from .render_csv import CsvWriter
    from .run import default_jobs, records
    from .safe import shown

    limits = limits_from(args)
    source = messages(args.paths, max_bytes=limits.max_message_bytes + 1)
    progress = Progress(
        sys.stderr, reader, total=source.total_bytes, done=lambda: source.bytes_read
    )
    writer = CsvWriter(output.stream) if args.format == "csv" else None
    summary = Summary()
    try:
        for record in records(
            source,
            jobs=args.jobs or default_jobs(),
            rules=args.rules,
            diagnostics=writer is not None,
            limits=limits,
        ):
            summary.add(record)
            if record.error is not None:
                progress.note(f"bounceinterp: {shown(record.error)}")
            if writer is not None:
                writer.write(record)
            progress.update(summary.messages + len(summary.errors))
    finally:
        progress.close()
    return summary
