"""Automatic replies, spam complaint reports and ordinary mail are not failures, and never read
like one: no failure headline, no "final or not", only what the notice is and what to do."""

from __future__ import annotations

import re

import pytest
from explain_samples import LANGUAGES, NOW, auto_reply, feedback_report, flat
from test_explain_categories import ENGLISH_SENTENCES

from bounceinterp.explanation import explain, wording
from bounceinterp.explanation.categories import CATEGORIES as CATEGORY_TEXTS
from bounceinterp.explanation.categories import DELAY_CAUSE_UNKNOWN
from bounceinterp.explanation.content import build_document
from bounceinterp.explanation.document import Document, Fields, Paragraph, Steps, VerdictBox
from bounceinterp.i18n import translations
from bounceinterp.model import Interpretation, RecipientStatus

#: Everything that presents a notice as a failed or delayed delivery.
FAILURE_SENTENCES = (
    *(text for (action, _, _), text in wording.HEADLINES.items() if action != "delivered"),
    wording.TITLES["failure"],
    wording.TITLES["delay"],
    wording.FINAL,
    wording.GAVE_UP,
    wording.STOPPED,
    wording.DELAY_UNTIL,
    wording.DELAY_UNTIL_PASSED,
    wording.DELAY_OPEN,
    wording.DELAY_WAIT,
    DELAY_CAUSE_UNKNOWN,
    wording.DELAY_NO_RESEND,
    wording.RESEND_AFTER_FIX,
    wording.RESEND_LATER,
    *wording.WHO_ACTS.values(),
)


def templates(document: Document) -> list[str]:
    """Every catalog sentence of ``document`` (before its values are filled in)."""
    found = [document.title]
    for section in document.sections:
        if section.heading is not None:
            found.append(section.heading.template)
        for block in section.blocks:
            if isinstance(block, Paragraph):
                found.append(block.phrase.template)
            elif isinstance(block, VerdictBox):
                found += [block.headline.template, *(line.template for line in block.lines)]
            elif isinstance(block, Steps):
                found += [step.template for step in block.items]
            elif isinstance(block, Fields):
                found += [label for label, _ in block.items]
    return found


def assert_neutral(interpretation: Interpretation, lang: str) -> str:
    """The explanation in ``lang`` says what the notice is and nothing of a failure."""
    gettext = translations(lang).gettext
    document = build_document(interpretation, lang, NOW)
    shown = templates(document)
    assert [s for s in FAILURE_SENTENCES if gettext(s) in shown] == []
    assert document.title == gettext(wording.TITLES[interpretation.kind])
    text = explain(interpretation, lang=lang, now=NOW)
    assert flat(gettext(wording.KIND_SUMMARIES[interpretation.kind])) in flat(text)
    for sentence in FAILURE_SENTENCES:
        if "%(" not in sentence:
            assert flat(gettext(sentence)) not in flat(text)
    return text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_complaint_report_is_not_explained_as_a_failure(lang: str) -> None:
    text = assert_neutral(feedback_report(), lang)
    gettext = translations(lang).gettext
    assert flat(gettext(CATEGORY_TEXTS["feedback"].steps[0])) in flat(text)
    # The administrator still gets the classification and the report's fields.
    assert re.search("feedback ?[(\uff08]", text)
    assert "feedback-type: abuse" in text
    # The feedback type is the report's field, not a server's answer.
    assert flat(gettext("What the server said, word for word:")) not in flat(text)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_auto_reply_is_not_explained_as_a_failure(lang: str) -> None:
    text = assert_neutral(auto_reply(), lang)
    gettext = translations(lang).gettext
    assert flat(gettext(CATEGORY_TEXTS["vacation"].steps[0])) in flat(text)
    # The reply's author, which the extractor makes its recipient, is named.
    sender = gettext(wording.AUTO_REPLY_FROM) % {"sender": "jacqueline@example.com"}
    assert flat(sender) in flat(text)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_mail_that_is_not_a_report_is_not_a_failure(lang: str) -> None:
    notice = Interpretation(recipients=[RecipientStatus(address="someone@example.com")])
    assert_neutral(notice, lang)


@pytest.mark.parametrize("output_format", ["markdown", "html"])
@pytest.mark.parametrize("lang", ["fr", "de"])
def test_every_format_keeps_the_notice_neutral(lang: str, output_format: str) -> None:
    gettext = translations(lang).gettext
    for notice in (feedback_report(), auto_reply()):
        page = explain(notice, lang=lang, format=output_format, now=NOW)
        assert gettext(wording.TITLES[notice.kind]) in page
        assert gettext(wording.TITLES["failure"]) not in page
        assert gettext(wording.STOPPED) not in page


def test_auto_reply_names_the_author_of_the_reply_when_known() -> None:
    text = flat(explain(auto_reply("Jacqueline <away@example.com>"), lang="en", now=NOW))
    assert "The automatic reply comes from Jacqueline <away@example.com>." in text


def test_complaint_about_several_recipients_counts_no_failures() -> None:
    report = feedback_report("a@example.com", "b@example.com")
    text = assert_neutral(report, "en")
    assert "did not get your message" not in text
    assert "was delivered or passed on" not in text
    # the two are explained alike: once, under both their names
    assert text.count("For your mail administrator") == 1
    assert "a@example.com and b@example.com\n=" in text


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_no_english_left_in_notices(lang: str) -> None:
    for notice in (feedback_report(), auto_reply(), feedback_report("a@example.com", "b@x.org")):
        english = [
            t
            for t in templates(build_document(notice, "en", NOW))
            if re.search("[a-z]{3}", re.sub(r"%\(\w+\)s", "", t))
        ]
        shown = templates(build_document(notice, lang, NOW))
        assert [t for t in english if t in shown] == []
        assert [s for s in ENGLISH_SENTENCES if s in flat(explain(notice, lang=lang))] == []
