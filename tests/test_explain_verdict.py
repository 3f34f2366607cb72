"""One verdict per recipient drives every sentence: the parts of an explanation cannot
contradict each other, and the JSON tells the same verdict as the text.

Every category of the taxonomy, with every action (failed for good, given up after retries,
delayed) and every party who may have to act, in every language."""

from __future__ import annotations

import itertools

import pytest
from explain_samples import CATEGORIES, LANGUAGES, NOW, RETRY_UNTIL, failure, recipient

from bounceinterp.explanation import explanation_dict, wording
from bounceinterp.explanation.content import build_document
from bounceinterp.explanation.document import Paragraph, Steps, VerdictBox
from bounceinterp.explanation.render_text import render_text
from bounceinterp.i18n import translations

DELIVERY_CATEGORIES = [c for c in CATEGORIES if c not in ("vacation", "feedback", "delivered")]
ACTIONS = {
    # action, status, permanent: what the classifier leaves for each
    "failed": ("failed", "5.0.0", True),
    "expired": ("failed", "4.4.7", False),
    "delayed": ("delayed", "4.4.1", False),
}
WHO = ("nobody", "sender", "sender_admin", "recipient", "recipient_admin")


def interpretation(category: str, happened: str, who: str):
    action, status, permanent = ACTIONS[happened]
    return failure(
        recipient(
            action=action,
            status=status,
            category=category,
            permanent=permanent,
            who_acts=who,
            will_retry_until=RETRY_UNTIL if action == "delayed" else None,
        ),
        kind="delay" if action == "delayed" else "failure",
    )


def sentences(document) -> list[str]:
    """Every catalog sentence the document says (templates, before values are filled in)."""
    found = []
    for section in document.sections:
        for block in section.blocks:
            if isinstance(block, VerdictBox):
                found += [block.headline.template, *(line.template for line in block.lines)]
                if block.todo is not None:
                    found.append(block.todo.template)
            elif isinstance(block, Paragraph):
                found.append(block.phrase.template)
            elif isinstance(block, Steps):
                found += [step.template for step in block.items]
    return found


COMBINATIONS = list(itertools.product(DELIVERY_CATEGORIES, ACTIONS, WHO))


@pytest.mark.parametrize(("category", "happened", "who"), COMBINATIONS)
def test_no_part_contradicts_another(category, happened, who):
    lang = "en"
    gettext = translations(lang).gettext
    document = build_document(interpretation(category, happened, who), lang, NOW)
    said = set(sentences(document))
    final = {gettext(s) for s in (wording.FINAL, wording.GAVE_UP, wording.STOPPED)}
    waiting = {gettext(s) for s in (wording.DELAY_WAIT, wording.WHO_ACTS["nobody"])}
    [told] = document.told
    if happened == "delayed":
        # a delay is never called final nor given up, and is told until when it is tried
        assert not said & final
        assert told.final is False and told.happened == "delayed"
        assert gettext(wording.DELAY_UNTIL) in said
        assert gettext(wording.RESEND_LATER) not in said
        assert gettext(wording.RESEND_AFTER_FIX) not in said
    else:
        # "nothing to do" never follows a returned message
        assert not said & waiting
        assert told.final is True
    # "you can fix this" never beside "nothing to do"
    assert not (gettext(wording.WHO_ACTS["sender"]) in said and said & waiting)
    # "this is final" never beside "send it again later"
    assert not (gettext(wording.FINAL) in said and gettext(wording.RESEND_LATER) in said)
    # exactly one "who acts", and it is the verdict's
    who_said = [w for w, text in wording.WHO_ACTS.items() if gettext(text) in said]
    assert who_said == [told.who_acts]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(("category", "happened"), list(itertools.product(
    ("user_unknown", "mailbox_full", "blocked", "host_down", "greylisted", "expired", "spf_fail"),
    ACTIONS,
)))  # fmt: skip
def test_the_json_tells_the_verdict_the_text_tells(lang, category, happened):
    found = interpretation(category, happened, "sender_admin")
    explained = explanation_dict(found, lang, now=NOW)
    # Compared without white space: Chinese and Japanese lines break between any two characters.
    text = "".join(render_text(build_document(found, lang, NOW)).split())
    assert "".join(explained["text"].split()) == text
    [told] = explained["recipients"]
    assert told["final"] is (happened != "delayed")
    # a returned message whose cause clears with time (greylisting, an expiry) was given up on
    gave_up = happened == "failed" and category in ("greylisted", "expired")
    assert told["happened"] == ("expired" if gave_up else happened)
    assert (told["retry_until"] is not None) is (happened == "delayed")
    for part in [told["headline"], *told["lines"], *told["steps"]]:
        assert "".join(part.split()) in text
    gettext = translations(lang).gettext
    assert gettext(wording.WHO_ACTS[told["who_acts"]]) in told["lines"]


def test_a_greylisted_message_finally_returned_is_not_told_to_wait():
    document = build_document(interpretation("greylisted", "expired", "nobody"), "en", NOW)
    said = sentences(document)
    assert wording.GAVE_UP in said
    assert wording.DELAY_WAIT not in said and wording.WHO_ACTS["nobody"] not in said
    assert wording.RESEND_LATER in said


def test_an_exim_style_delay_of_a_full_mailbox_asks_the_recipient_and_not_to_resend():
    document = build_document(interpretation("mailbox_full", "delayed", "recipient"), "en", NOW)
    said = sentences(document)
    assert wording.WHO_ACTS["recipient"] in said
    assert wording.WHO_ACTS["sender"] not in said and wording.DELAY_WAIT not in said
    assert wording.DELAY_NO_RESEND in said
    assert "The message stayed in the queue until its maximum lifetime ran out." not in said
