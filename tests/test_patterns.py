"""``bounceinterp.patterns``: the shortcuts taken before a search give the search's answer."""

from __future__ import annotations

import random

import pytest
from fixture_reading import FIXTURES

from bounceinterp import patterns
from bounceinterp.classify import rulebook
from bounceinterp.parse import parse
from bounceinterp.read import LATE_MTA_FAMILIES, MTA_FAMILIES, PROVIDER_FAMILIES
from bounceinterp.read.text import notice_text


def test_both_keyword_scans_find_the_same_keywords():
    book = rulebook.load(None)
    keywords = patterns.KeywordSet(book._by_keyword)
    pieces = [*sorted(book._by_keyword), " ", "550 5.7.1 ", "\n", "é", "x"]
    generator = random.Random(7)
    for _ in range(300):
        text = "".join(generator.choice(pieces) for _ in range(generator.randint(0, 40)))
        assert keywords.found_by_pairs(text) == keywords.found_by_trie(text), text


def test_the_trie_takes_over_after_the_first_texts():
    keywords = patterns.KeywordSet(["spam", "spamhaus", "quota"])
    for _ in range(patterns.KeywordSet.TRIE_AFTER):
        assert keywords.found("listed at spamhaus") == {"spam", "spamhaus"}
    assert keywords._scanner is None
    assert keywords.found("over quota") == {"quota"}
    assert keywords._scanner is not None


@pytest.mark.parametrize(
    ("pattern", "flags", "expected"),
    [
        (r"^This is the qmail-send program at ", "m", {"this is the qmail-send program at "}),
        (
            r"(?:Delivery has failed|Undeliverable)\s+to",
            "i",
            {"delivery has failed", "undeliverable"},
        ),
        (r"could\s+not\s+be\s+delivered", "i", {"delivered"}),
        (r"(?:ab|c)d", "", None),  # a branch too short to select anything
        (r"\p{L}+ failed", "", None),  # the regex module's syntax: no prefilter, always searched
    ],
)
def test_required_literals_are_read_from_the_pattern(pattern, flags, expected):
    found = patterns.required_literals(patterns.LazyPattern(pattern, flags))
    assert (set(found) if found is not None else None) == expected


FAMILIES = [*PROVIDER_FAMILIES, *(f for f, _ in MTA_FAMILIES), *(f for f, _ in LATE_MTA_FAMILIES)]


def test_wherever_a_family_is_recognised_its_literals_are_there():
    texts = [notice_text(parse(path.read_bytes())) for path in sorted(FIXTURES.glob("*.eml"))]
    recognised = 0
    for family in FAMILIES:
        recognise = patterns.format_patterns(family)["recognise"]
        needed = patterns.required_literals(recognise)
        for text in texts:
            if patterns.search(recognise, text) is not None:
                recognised += 1
                assert needed is None or any(x in text.lower() for x in needed), family
    assert recognised >= 20


def test_a_long_text_gets_the_clock_even_with_a_bundled_pattern(monkeypatch, caplog):
    monkeypatch.setattr(patterns, "LAST_RESORT_TIMEOUT", 0.01)
    slow = patterns.LazyPattern(r"(a+)+$")
    text = "a" * patterns.CLOCKED_TEXT + "!"
    with patterns.abandoned_searches() as abandoned:
        assert patterns.search(slow, text) is None
    assert abandoned and "took longer than" in caplog.text
