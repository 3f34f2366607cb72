"""Every category is explained in every language, and no English is left in the others."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po
from explain_samples import CATEGORIES, LANGUAGES, NOW, failure, flat, recipient

from bounceinterp.classify import statuscodes
from bounceinterp.explanation import explain
from bounceinterp.explanation.categories import CATEGORIES as CATEGORY_TEXTS
from bounceinterp.explanation.content import build_document
from bounceinterp.explanation.document import Fields, Paragraph, Steps, Verbatim
from bounceinterp.model import Interpretation
from bounceinterp.resources import locales_dir

FACTS = {
    "blocked": {
        "blocklist": "zen.spamhaus.org",
        "blocklist_status": "listed",
        "delist_url": "https://check.spamhaus.org/",
    },
    "message_too_big": {"max_size": "10 MB"},
    "spam_detected": {
        "provider": "example-mail",
        "provider_code": "TSS04",
        "help_url": "https://help.example.net/errors",
    },
    "require_ptr": {"client_ip": "192.0.2.7"},
    "spf_fail": {"forwarded_by": "mail.example.fr", "client_ip": "192.0.2.7"},
    "mailbox_full": {"quota": "2 GB"},
}
OTHER_LANGUAGES = [lang for lang in LANGUAGES if lang != "en"]


def _english_sentences() -> list[str]:
    """Msgids of the template that are whole sentences with no placeholder."""
    with (locales_dir() / "bounceinterp.pot").open("rb") as handle:
        catalog = read_po(handle)
    sentences = []
    for message in catalog:
        for msgid in message.id if isinstance(message.id, tuple) else (message.id,):
            if msgid and "%(" not in msgid and "{" not in msgid and len(msgid.split()) >= 3:
                sentences.append(msgid)
    return sentences


ENGLISH_SENTENCES = _english_sentences()


def _reader_texts(interpretation: Interpretation, lang: str) -> list[str]:
    """Everything a reader sees except text copied from the bounce (values and verbatim blocks)."""
    document = build_document(interpretation, lang, NOW)
    texts = [document.title]
    for section in document.sections:
        if section.heading is not None and section.heading.template.strip("%()s"):
            texts.append(section.heading.plain())
        for block in section.blocks:
            if isinstance(block, Paragraph):
                texts.append(block.phrase.plain())
            elif isinstance(block, Steps):
                texts += [step.plain() for step in block.items]
            elif isinstance(block, Fields):
                texts += [label for label, _ in block.items]
            elif isinstance(block, Verbatim):
                texts.append(block.label)
    return texts


def _interpretation(category: str, action: str) -> Interpretation:
    return failure(
        recipient(
            category=category,
            action=action,
            status="5.7.1" if action == "failed" else "4.7.1",
            facts=FACTS.get(category, {}),
            rule=f"test/{category}",
            confidence=0.9,
        ),
        kind="failure" if action == "failed" else "delay",
    )


def test_every_taxonomy_category_has_texts() -> None:
    assert set(CATEGORY_TEXTS) == set(CATEGORIES)


def test_every_category_of_the_rule_database_has_texts() -> None:
    assert set(statuscodes.categories()) <= set(CATEGORY_TEXTS)


@pytest.mark.parametrize("action", ["failed", "delayed"])
@pytest.mark.parametrize("category", CATEGORIES)
def test_category_renders_in_english(category: str, action: str) -> None:
    text = explain(_interpretation(category, action), lang="en", now=NOW)
    assert "jacqueline@example.com" in text
    assert flat(CATEGORY_TEXTS[category].happened) in flat(text) or (
        action == "delayed" and category == "expired"
    )


@pytest.mark.parametrize("action", ["failed", "delayed"])
@pytest.mark.parametrize("category", CATEGORIES)
@pytest.mark.parametrize("lang", OTHER_LANGUAGES)
def test_no_english_left(lang: str, category: str, action: str) -> None:
    interpretation = _interpretation(category, action)
    english = explain(interpretation, lang="en", now=NOW)
    text = explain(interpretation, lang=lang, now=NOW)
    said = flat(text)
    assert text != english
    leftovers = [s for s in ENGLISH_SENTENCES if s in said]
    assert leftovers == []
    english_pieces = [p for p in _reader_texts(interpretation, "en") if re.search("[a-z]{3}", p)]
    shown = _reader_texts(interpretation, lang)
    assert [piece for piece in english_pieces if piece in shown] == []


@pytest.mark.parametrize("kind", ["auto_reply", "feedback", "not_a_bounce", "success", "relayed"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_notices_that_are_not_failures_get_a_short_honest_text(kind: str, lang: str) -> None:
    interpretation = Interpretation(kind=kind, from_address="robot@example.net")
    text = explain(interpretation, lang=lang, now=NOW)
    english = explain(interpretation, lang="en", now=NOW)
    if lang != "en":
        assert text != english
        assert [s for s in ENGLISH_SENTENCES if s in flat(text)] == []
    if kind == "auto_reply":
        assert "robot@example.net" in text


def test_auto_reply_says_it_is_not_a_failure() -> None:
    text = flat(explain(Interpretation(kind="auto_reply"), lang="en"))
    assert "It is not a delivery failure: your message did arrive." in text


def test_plurals_follow_the_language() -> None:
    recipients = [recipient(address=f"r{n}@example.com") for n in range(5)]
    polish = flat(explain(failure(*recipients), lang="pl", now=NOW))
    assert "5 odbiorców nie otrzymało wiadomości." in polish
    polish_two = flat(explain(failure(*recipients[:2]), lang="pl", now=NOW))
    assert "2 odbiorcy nie otrzymali wiadomości." in polish_two
    english = flat(explain(failure(*recipients[:2]), lang="en", now=NOW))
    assert "2 recipients did not get your message." in english
