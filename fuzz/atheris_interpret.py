"""A coverage-guided fuzz harness for atheris (``pip install atheris``).

    python fuzz/atheris_interpret.py -atheris_runs=100000 tests/fixtures/ ../shared/corpus/dev/

The directories are libFuzzer's corpus: the bundled fixtures and, when it is there, the shared
corpus, as seeds. Each input is interpreted, explained in a language and a format chosen from
its first bytes, and rewritten; any exception is a finding (atheris stops and writes the input).
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from bounceinterp import explain, interpret, rewrite

LANGUAGES = ("en", "fr", "de", "ja", "ar", "ru", "zh_Hans", None)
FORMATS = ("text", "html", "markdown", "json")


def test_one_input(data: bytes) -> None:
    report = interpret(data)
    choice = data[0] if data else 0
    explain(report, lang=LANGUAGES[choice % len(LANGUAGES)], format=FORMATS[choice % len(FORMATS)])
    rewrite(data, LANGUAGES[(choice >> 3) % len(LANGUAGES)])


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
