"""The JSON report validates against the schema the package ships, for every fixture and, when
the shared corpus is there, for every message of it; the schema's vocabularies are the code's."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from fixture_reading import FIXTURES
from jsonschema import Draft202012Validator

from bounceinterp import SCHEMA_VERSION, interpret, report_schema
from bounceinterp.classify.statuscodes import categories
from bounceinterp.explanation import explanation_dict
from bounceinterp.vocabulary import CATEGORIES, HAPPENED, KINDS, REFUSED, WHO_ACTS

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
VALIDATOR = Draft202012Validator(
    report_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER
)


def problems(report: dict) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATOR.iter_errors(report)
    ]


def test_the_schema_is_a_valid_schema():
    Draft202012Validator.check_schema(report_schema())


def test_its_vocabularies_are_the_code_s():
    defs = report_schema()["$defs"]
    assert defs["report"]["properties"]["kind"]["enum"] == list(KINDS)
    assert defs["recipient"]["properties"]["category"]["enum"] == list(CATEGORIES)
    assert defs["recipient"]["properties"]["who_acts"]["enum"] == [*WHO_ACTS, None]
    assert defs["recipient"]["properties"]["refused"]["enum"] == [*REFUSED, None]
    assert defs["told"]["properties"]["happened"]["enum"] == list(HAPPENED)
    assert set(CATEGORIES) == set(categories())  # and rules/categories.yaml


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.eml")), ids=lambda p: p.name)
def test_every_fixture_report_validates(path):
    result = interpret(path.read_bytes())
    report = result.to_dict()
    assert report["schema_version"] == SCHEMA_VERSION
    report["explanation"] = explanation_dict(result, "de")
    assert problems(report) == []


def test_the_command_s_lines_validate_errors_included(tmp_path):
    missing = tmp_path / "missing.eml"
    result = subprocess.run(
        [sys.executable, "-m", "bounceinterp", "explain", "--format", "json", "--lang", "fr",
         str(FIXTURES / "gmail_multi_recipient.eml"), str(missing)],
        capture_output=True, check=False,
    )  # fmt: skip
    lines = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert len(lines) == 2 and "error" in lines[1]
    assert [problems(line) for line in lines] == [[], []]


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not beside the project")
def test_every_corpus_report_validates():
    failing = {}
    paths = sorted(p for p in CORPUS.rglob("*.eml"))
    for path in paths:
        found = problems(interpret(path.read_bytes()).to_dict())
        if found:
            failing[str(path.relative_to(CORPUS))] = found[:3]
    assert len(paths) > 1000
    assert failing == {}
