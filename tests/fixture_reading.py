"""Reading the fixtures of tests/fixtures, shared by the test modules."""

from pathlib import Path

from bounceinterp.api import extract
from bounceinterp.model import Interpretation
from bounceinterp.parse import parse

FIXTURES = Path(__file__).parent / "fixtures"
#: LF, CRLF and CR-only: every extractor must read all three alike.
NEWLINES = [b"\n", b"\r\n", b"\r"]


def read(name: str, newline: bytes = b"\n") -> Interpretation:
    """The extractors' reading of fixture ``name`` (before classification), with its line
    endings changed to ``newline``."""
    return extract(parse((FIXTURES / name).read_bytes().replace(b"\n", newline)))
