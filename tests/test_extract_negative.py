"""Messages that are not bounces, and auto-replies that are not bounces."""

import pytest
from fixture_reading import read


@pytest.mark.parametrize(
    "name",
    [
        "newsletter.eml",
        "conversation_quoting_bounce.eml",
        "conversation_forwarding_bounce.eml",
        "challenge_response.eml",
        "auto_reply_null_sender.eml",
        "mailman_held_for_moderation.eml",
    ],
)
def test_never_a_bounce(name):
    assert not read(name).is_bounce


def test_exchange_auto_reply_with_null_sender_is_an_auto_reply():
    report = read("auto_reply_null_sender.eml")
    assert report.kind == "auto_reply"
    assert [r.address for r in report.recipients] == ["xavier@example.org"]


def test_a_bounce_marked_auto_replied_is_a_bounce():
    report = read("exim_user_unknown.eml")
    assert report.kind == "failure"
