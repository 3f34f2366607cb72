"""Mailing-list refusals (fml, Google Groups, Mailman) and the X-Failed-Recipients fallback."""

import pytest
from fixture_reading import FIXTURES, NEWLINES, read


def test_fml_not_a_member_names_the_list():
    report = read("fml_not_member.eml")
    assert report.format == "fml"
    [club] = report.recipients
    assert club.address == "club@lists.example.org"
    assert club.action == "failed"
    assert club.diagnostic.startswith("You are not a member of this mailing list")


@pytest.mark.parametrize("newline", NEWLINES)
def test_google_groups_refusal_names_the_group(newline):
    report = read("googlegroups_cannot_post.eml", newline)
    assert report.format == "googlegroups"
    assert report.kind == "failure"
    [group] = report.recipients
    assert group.address == "hikers@googlegroups.com"
    assert "may not have permission to post messages to the group" in group.diagnostic
    assert report.original.subject == "Trail closed on Saturday"


def test_mailman_rejection_names_the_list():
    report = read("mailman_rejected.eml")
    assert report.format == "mailman"
    [staff] = report.recipients
    assert staff.address == "staff@lists.example.org"
    assert "Non-members are not allowed" in staff.diagnostic


def test_mailman_held_post_is_not_a_bounce():
    assert read("mailman_held_for_moderation.eml").kind == "not_a_bounce"


def test_x_failed_recipients_alone_is_enough():
    report = read("x_failed_recipients_only.eml")
    assert report.format == "general"
    [victor] = report.recipients
    assert victor.address == "victor@example.org"
    assert victor.status == "5.2.1"
    assert victor.reply_code == 550
    assert report.original.subject == "Old account"


@pytest.mark.parametrize("newline", NEWLINES)
def test_quoted_printable_text_of_an_unreadable_mime_structure_is_decoded(newline):
    # multipart/mixed without a boundary: the body is read as plain text, still encoded
    report = read("failed_recipients_broken_mime_qp.eml", newline)
    assert report.format == "general"
    [henry] = report.recipients
    assert henry.address == "henry@example.org"
    assert "check the spelling and try again" in henry.diagnostic  # over a soft line break
    assert henry.diagnostic.endswith("does not exist; check the spelling and try again")
    assert (henry.status, henry.reply_code) == ("5.1.1", 550)


def test_parse_says_when_it_read_the_message_as_plain_text():
    from bounceinterp.parse import parse

    broken = (FIXTURES / "failed_recipients_broken_mime_qp.eml").read_bytes()
    assert parse(broken).read_as_plain_text
    assert not parse((FIXTURES / "x_failed_recipients_only.eml").read_bytes()).read_as_plain_text
