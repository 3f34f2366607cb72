"""The command line's help in one language: argparse's own words ("usage:", "options", its error
messages) translated by our catalogs, and the examples and exit codes shown after the options.

argparse looks its words up with ``gettext`` in its own domain, which has no translations on
most systems, so French help would be half English; its module-level ``_`` and ``ngettext``
are pointed at the reader's catalog instead. The msgids below are argparse's, listed so that
``pybabel extract`` finds them.
"""

from __future__ import annotations

import argparse

from .i18n import process_language, translations


def N_(message: str) -> str:  # the gettext marker (explanation.markers), without its package
    return message


#: argparse's words that our commands can show (Python 3.11 to 3.13).
ARGPARSE_WORDS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("expected one argument"),
    N_("expected at least one argument"),
    N_("not allowed with argument %s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
)

EXAMPLES = N_("examples:")
EXAMPLE_LINES = (
    ("bounceinterp explain message.eml", N_("explain a bounce in your language")),
    ("bounceinterp explain --lang de --format html bounce.eml", N_("as a web page, in German")),
    (
        "bounceinterp explain --why ~/Maildir/.Bounces",
        N_("every message of a Maildir folder, with the evidence"),
    ),
    (
        "bounceinterp report --format html -o report.html bounces.mbox",
        N_("what goes wrong in a mailbox, and what to fix first"),
    ),
    (
        "bounceinterp rewrite - < bounce.eml",
        N_("the bounce with its explanation inside (for procmail, maildrop, Sieve)"),
    ),
)
EXIT_CODES = N_("exit codes:")
EXIT_CODE_LINES = (
    ("0", N_("every message was read")),
    ("1", N_("at least one message could not be read; the others were explained")),
    ("2", N_("usage error: a wrong option, or rules that do not load")),
    ("3", N_("the output could not be written (disk full, closed output, broken pipe)")),
    ("130", N_("interrupted (Ctrl-C)")),
)


def use_reader_language() -> None:
    """Make argparse speak the language of the process locale."""
    catalog = translations(process_language())
    argparse._ = catalog.gettext  # type: ignore[attr-defined]
    argparse.ngettext = catalog.ngettext  # type: ignore[attr-defined]


def epilog() -> str:
    """Examples and exit codes, after the options of ``bounceinterp --help``."""
    gettext = translations(process_language()).gettext
    lines = [gettext(EXAMPLES)]
    for command, meaning in EXAMPLE_LINES:
        lines += [f"  {command}", f"      {gettext(meaning)}"]
    lines += ["", gettext(EXIT_CODES)]
    lines += [f"  {code:>3}  {gettext(meaning)}" for code, meaning in EXIT_CODE_LINES]
    return "\n".join(lines)
