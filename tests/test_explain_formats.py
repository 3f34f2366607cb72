"""The four output formats carry the same explanation."""

# ruff: noqa: RUF001 - French text uses the typographic apostrophe

from __future__ import annotations

import json

import pytest
from explain_samples import NOW, failure, flat, spf_after_forward

from bounceinterp.explanation import explain, explanation_dict


def test_text_is_the_default_and_has_every_part() -> None:
    text = explain(spf_after_forward(), lang="en", now=NOW)
    assert text == explain(spf_after_forward(), lang="en", format="text", now=NOW)
    body = flat(text)
    assert body.startswith("Your message could not be delivered")
    assert (
        "Your message “Endives au fromage” of Friday, November 27, 2026 at 9:13 AM to "
        "jacqueline@example.com could not be delivered." in body
    )
    assert "This is final" in body
    assert "What you can do" in body
    assert "For your mail administrator" in body
    assert "Status code: 5.7.23 (the SPF check failed)" in body
    assert "Forwarded by: mail.example.fr" in body
    assert "SRS (Sender Rewriting Scheme)" in body
    assert "Technical details" in body
    assert text.index("For your mail administrator") < text.index("Technical details")


def test_forwarded_spf_failure_tells_the_sender_they_are_not_the_cause() -> None:
    body = flat(explain(spf_after_forward(), lang="en", now=NOW))
    assert "Your message first reached mail.example.fr" in body
    assert "you are very probably not the cause" in body
    assert "This is for the recipient's mail administrator" in body


def test_blocklist_fact_names_the_list_and_its_delisting_page() -> None:
    interpretation = failure()
    interpretation.recipients[0].category = "blocked"
    interpretation.recipients[0].facts = {
        "blocklist": "zen.spamhaus.org",
        "delist_url": "https://check.spamhaus.org/",
    }
    body = flat(explain(interpretation, lang="fr", now=NOW))
    assert "figure sur zen.spamhaus.org" in body
    assert "demandez le retrait sur https://check.spamhaus.org/" in body
    assert "passer inaperçue" in body


def test_require_ptr_gives_reverse_dns_advice_with_the_address() -> None:
    interpretation = failure()
    interpretation.recipients[0].category = "require_ptr"
    interpretation.recipients[0].facts = {"client_ip": "198.51.100.4"}
    body = flat(explain(interpretation, lang="de", now=NOW))
    assert "Geben Sie 198.51.100.4 einen Reverse-DNS-Namen (PTR)" in body


def test_provider_help_page_is_pointed_out() -> None:
    interpretation = failure()
    interpretation.recipients[0].facts = {
        "help_url": "https://help.example.net/550",
        "provider_code": "TSS04",
    }
    body = flat(explain(interpretation, lang="es", now=NOW))
    assert "remite a esta página para más información: https://help.example.net/550." in body
    assert "Código de error del proveedor: TSS04" in body


def test_technical_text_is_kept_verbatim_at_the_end() -> None:
    raw = "This is the mail system at host mail.example.org.\n\n  <jacqueline@example.com>: x"
    report = spf_after_forward()
    report.technical_text = raw
    text = explain(report, lang="en", now=NOW)
    tail = text[text.index("Technical details") :]
    assert "\n".join(f"  > {line}".rstrip() for line in raw.splitlines()) in tail


def test_markdown_has_headings_steps_and_a_fence() -> None:
    text = explain(spf_after_forward(), lang="fr", format="markdown", now=NOW)
    assert text.startswith("# Votre message n’a pas pu être distribué\n")
    assert "\n## Ce que vous pouvez faire\n" in text
    assert "\n1. Prévenez la personne" in text
    assert "- **Code d’état**\u00a0: 5.7.23 (" in text
    assert "```\n550 5.7.23 <jacqueline@example.com>" in text
    # Dates come from Babel, not from the bounce: readable, not backslash-escaped.
    assert "du vendredi 27 novembre 2026 à 09:13 à destination de `jacqueline@example.com`" in text


def test_html_has_the_same_content() -> None:
    page = explain(spf_after_forward(), lang="de", format="html", now=NOW)
    assert "<h1" in page and "Ihre Nachricht konnte nicht zugestellt werden</h1>" in page
    assert "„Endives au fromage“" in page
    assert "<ol" in page and "<pre" in page


def test_json_embeds_the_explanation() -> None:
    interpretation = spf_after_forward()
    data = json.loads(explain(interpretation, lang="pl", format="json", now=NOW))
    expected = interpretation.to_dict()
    assert {key: data[key] for key in expected} == expected
    assert data["explanation"] == explanation_dict(interpretation, "pl", now=NOW)
    assert data["explanation"]["lang"] == "pl"
    assert data["explanation"]["title"] == "Twoja wiadomość nie została dostarczona"


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown format"):
        explain(failure(), format="pdf")


def test_missing_subject_and_date_still_make_a_headline() -> None:
    interpretation = failure(original=None)
    body = flat(explain(interpretation, lang="nl", now=NOW))
    assert "Je bericht aan jacqueline@example.com kon niet worden bezorgd." in body


def test_recipients_explained_alike_are_explained_once_under_all_their_names() -> None:
    from explain_samples import recipient

    interpretation = failure()
    interpretation.recipients = [
        recipient(address=f"user{n}@example.com", category="user_unknown", status="5.1.1",
                  diagnostic=f"550 5.1.1 <user{n}@example.com>: Recipient address rejected")
        for n in range(5)
    ] + [recipient(address="full@example.org", category="mailbox_full", status="4.2.2",
                   diagnostic="452 4.2.2 Mailbox full", who_acts="recipient")]  # fmt: skip
    text = flat(explain(interpretation, lang="en", now=NOW))
    assert "user0@example.com, user1@example.com, user2@example.com, and 2 other recipients" in text
    assert (
        text.count("This address does not exist on the recipient's mail server.") == 2
    )  # table, box
    data = explanation_dict(interpretation, "en", now=NOW)
    assert [told["address"] for told in data["recipients"]] == [
        *(f"user{n}@example.com" for n in range(5)),
        "full@example.org",
    ]


def test_a_mass_bounce_explains_at_most_thirty_groups() -> None:
    from explain_samples import recipient

    from bounceinterp.explanation.content import MOST_SECTIONS

    interpretation = failure()
    interpretation.recipients = [
        recipient(
            address=f"u{n}@example.com",
            category="user_unknown",
            status="5.1.1",
            diagnostic=f"550 5.1.1 error number {n}",
        )
        for n in range(MOST_SECTIONS + 12)
    ]
    text = flat(explain(interpretation, lang="en", now=NOW))
    assert "12 more recipients are listed only in the table above." in text
    assert "u41@example.com" in text  # in the table
