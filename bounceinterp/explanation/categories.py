"""Per category (TAXONOMY.md): what happened, what the sender can do, a note for the administrator.

Data only. Each sentence is marked with ``N_`` for ``pybabel extract`` and translated at render
time. A category missing here is explained as ``undefined``; the tests check that every category
of the taxonomy is present.
"""

from __future__ import annotations

from dataclasses import dataclass

from .markers import N_


@dataclass(frozen=True)
class CategoryText:
    #: What happened, in plain words, for the sender.
    happened: str
    #: What the sender can do, in order.
    steps: tuple[str, ...]
    #: One sentence for the mail administrator.
    admin: str
    #: Steps added after "wait" when the recipient is only delayed.
    delayed_steps: tuple[str, ...] = ()


TELL_ADMIN = N_("Forward this report to your mail administrator.")
TELL_ADMIN_OR_ISP = N_("Forward this report to your mail administrator or internet provider.")
RETRY_LATER = N_("Send the message again later.")
TELL_PERSON_IF_REPEATED = N_("If it keeps failing, let the person know in another way.")
OTHER_ACCOUNT = N_(
    "Until it is solved, you can send from another account, a webmail address for example."
)
OTHER_PROGRAM = N_("Try sending the message again from another program or from webmail.")
CHECK_AND_RETRY = N_("Check the address and send the message again later.")
TELL_ADMIN_IF_REPEATED = N_("If it fails again, forward this report to your mail administrator.")

CATEGORIES: dict[str, CategoryText] = {
    "user_unknown": CategoryText(
        N_(
            "This address does not exist on the recipient's mail server. Often it is a typing "
            "mistake, or the person has left the organisation and the mailbox was removed."
        ),
        (
            N_(
                "Check the address letter by letter, for example against an earlier message "
                "from this person."
            ),
            N_(
                "If it looks right, ask the person for their current address in another way, "
                "by phone for example."
            ),
        ),
        N_("The recipient's server says this mailbox does not exist. Retrying will not help."),
    ),
    "mailbox_disabled": CategoryText(
        N_(
            "The address exists, but its mailbox has been disabled or suspended, for example "
            "because it has not been used for a long time."
        ),
        (N_("Ask the person in another way whether they still use this address."),),
        N_("The mailbox exists but is disabled or suspended on the recipient's server."),
    ),
    "has_moved": CategoryText(
        N_("The person no longer uses this address: they have a new one."),
        (
            N_("If the report gives the new address, send your message again to it."),
            N_("Otherwise ask the person for their new address and update your address book."),
        ),
        N_("The recipient's server says the mailbox has moved to another address."),
    ),
    "mailbox_full": CategoryText(
        N_("The recipient's mailbox is full, so it cannot take new messages for now."),
        (
            N_("Let the person know in another way that their mailbox is full."),
            N_("Send your message again in a day or two, or once they have made room."),
        ),
        N_("The recipient's mailbox is over its storage quota."),
        (
            N_(
                "Let the person know in another way that their mailbox is full: your message will "
                "arrive once they make room."
            ),
        ),
    ),
    "host_unknown": CategoryText(
        N_(
            "The part of the address after the @ (the domain) does not exist or has no mail "
            "server. This is usually a typing mistake in that part."
        ),
        (
            N_("Check the part after the @, for example “gmial.com” instead of “gmail.com”."),
            N_("Correct the address and send the message again."),
        ),
        N_("The recipient's domain does not resolve, or has no MX or address record."),
    ),
    "not_accept": CategoryText(
        N_("The recipient's domain has declared that it accepts no email at all."),
        (N_("Ask the person for an address that receives email."),),
        N_("The domain publishes a null MX record (RFC 7505) or otherwise refuses all mail."),
    ),
    "host_down": CategoryText(
        N_(
            "The recipient's mail server could not be reached: it did not answer, or refused the "
            "connection. Your message itself is not the problem."
        ),
        (
            RETRY_LATER,
            N_("Let the person know in another way that their mail server seems unreachable."),
        ),
        N_("Connections to the recipient's mail server were refused or timed out."),
    ),
    "network_error": CategoryText(
        N_(
            "A network problem between the mail servers prevented delivery, for example a failed "
            "name lookup or a routing loop."
        ),
        (RETRY_LATER, TELL_PERSON_IF_REPEATED),
        N_(
            "DNS failure, routing loop or other network trouble on the way to the recipient's "
            "server."
        ),
    ),
    "expired": CategoryText(
        N_(
            "Your mail server tried to deliver the message for several days, then gave up. The "
            "report does not say what prevented delivery."
        ),
        (
            N_("Check the address, then send the message again."),
            TELL_PERSON_IF_REPEATED,
        ),
        N_("The message stayed in the queue until its maximum lifetime ran out."),
    ),
    "greylisted": CategoryText(
        N_(
            "The recipient's server asked your server to come back a little later. This is a "
            "common protection against spam and is normal for a first message."
        ),
        (
            N_(
                "Nothing to do: your server tries again by itself, and the message usually arrives "
                "within the hour."
            ),
        ),
        N_(
            "Temporary refusal (greylisting): the sending server should retry after the requested "
            "delay."
        ),
    ),
    "rate_limited": CategoryText(
        N_(
            "The recipient's server received too many messages or connections from your mail "
            "server in a short time, and asked it to slow down."
        ),
        (
            RETRY_LATER,
            N_("If you send many messages at once, spread them out over time."),
        ),
        N_(
            "The receiving server throttled the sending server (too many messages, recipients or "
            "connections)."
        ),
        (TELL_ADMIN_OR_ISP,),
    ),
    "blocked": CategoryText(
        N_(
            "The recipient's server refused the message because of the server that sent it, not "
            "because of you or of what you wrote. Often that server's internet address is on a "
            "list of suspected spam sources."
        ),
        (TELL_ADMIN_OR_ISP, OTHER_ACCOUNT),
        N_(
            "The sending IP address or host is refused by the recipient's server, typically "
            "because it is on a DNS blocklist."
        ),
        (TELL_ADMIN_OR_ISP,),
    ),
    "bad_reputation": CategoryText(
        N_(
            "The recipient's server refused the message because the server or the domain that "
            "sent it has a poor reputation, for example after spam was sent from it."
        ),
        (TELL_ADMIN_OR_ISP, OTHER_ACCOUNT),
        N_(
            "Refused for the poor reputation of the sending IP address or domain; check the "
            "receiving provider's postmaster tools and the sending volume."
        ),
        (TELL_ADMIN_OR_ISP,),
    ),
    "require_ptr": CategoryText(
        N_(
            "The recipient's server refused the message because the server that sent it has no "
            "proper name on the internet. This often happens when mail is sent directly from a "
            "home or office internet connection."
        ),
        (
            TELL_ADMIN_OR_ISP,
            N_(
                "Sending through your provider's mail server (the one set up in your mail "
                "program) usually avoids this."
            ),
        ),
        N_(
            "The sending IP address has no reverse DNS (PTR) record, or it does not match the "
            "name the server announces."
        ),
        (TELL_ADMIN_OR_ISP,),
    ),
    "spf_fail": CategoryText(
        N_(
            "The recipient's server could not confirm that the server which delivered your "
            "message may send mail for your address (a check called SPF). This happens very "
            "often when a message is forwarded from one address to another."
        ),
        (
            N_(
                "Forward this report to your mail administrator: your domain's SPF record may "
                "not list the server you send from."
            ),
            N_(
                "If the recipient's address forwards mail elsewhere, ask the person for the "
                "address where their mail finally arrives, and write to that one."
            ),
        ),
        N_(
            "SPF failed for the IP address that delivered the message: check the sending "
            "domain's SPF record or, if the message was forwarded, the forwarder (SRS)."
        ),
    ),
    "dkim_fail": CategoryText(
        N_(
            "The recipient's server could not verify the digital signature (DKIM) that proves "
            "the message really comes from your domain."
        ),
        (TELL_ADMIN,),
        N_(
            "No valid DKIM signature, or none matching the author's domain: check the signing "
            "setup and whether a gateway changed the message after signing."
        ),
    ),
    "dmarc_fail": CategoryText(
        N_(
            "The message failed the checks that prove it really comes from your domain (DMARC), "
            "and your domain asks servers to refuse such messages."
        ),
        (
            TELL_ADMIN,
            N_(
                "If you send through a service that uses your address (a newsletter tool, a "
                "website form), say so: it may need to be authorised."
            ),
        ),
        N_(
            "Rejected under the sender domain's DMARC policy: neither SPF nor DKIM passed in "
            "alignment with the From domain."
        ),
    ),
    "auth_failure": CategoryText(
        N_("The recipient's server could not confirm that the message really comes from you."),
        (TELL_ADMIN,),
        N_("Sender authentication failed (SPF, DKIM or DMARC; the report does not say which)."),
    ),
    "rejected": CategoryText(
        N_("The recipient's server refused your own address, the sender's, not the recipient's."),
        (
            N_("Check that your mail program uses your correct address."),
            TELL_ADMIN,
        ),
        N_("The envelope sender (MAIL FROM) address or its domain was refused."),
    ),
    "no_relaying": CategoryText(
        N_(
            "The server that received the message does not pass mail on to this destination, so "
            "it refused it. Usually a setting is wrong on one side."
        ),
        (N_("Check the recipient's address."), TELL_ADMIN),
        N_(
            "Relaying denied: check the recipient domain's MX records and the client's "
            "authentication."
        ),
    ),
    "security_error": CategoryText(
        N_(
            "A security requirement between the mail servers was not met, for example a login or "
            "an encryption setting."
        ),
        (TELL_ADMIN,),
        N_(
            "A security or authentication requirement was not met (for example invalid SMTP "
            "AUTH credentials)."
        ),
    ),
    "failed_starttls": CategoryText(
        N_("The mail servers could not set up the encrypted connection one of them requires."),
        (TELL_ADMIN,),
        N_(
            "TLS was required but could not be negotiated (certificate, protocol version or "
            "REQUIRETLS)."
        ),
    ),
    "spam_detected": CategoryText(
        N_("The recipient's server judged that your message looked like spam, and refused it."),
        (
            N_(
                "Send a shorter, plain message, without many links or attachments and without "
                "advertising wording."
            ),
            N_("If it is refused again, contact the person in another way."),
        ),
        N_("The content was classified as spam by the receiving server's filter."),
    ),
    "virus_detected": CategoryText(
        N_(
            "The recipient's server found what it believes is a virus or other harmful software "
            "in your message, usually in an attachment."
        ),
        (
            N_("Check your computer with an up-to-date security program."),
            N_("Send the message again without the attachment, or share the file another way."),
        ),
        N_("The receiving server's malware scanner flagged the message."),
    ),
    "policy_violation": CategoryText(
        N_(
            "The recipient's organisation does not accept this kind of message, for example "
            "certain types of attachment or content."
        ),
        (
            N_(
                "Send the message again without attachments, or share files another way, with a "
                "download link for example."
            ),
            N_("If you are not sure what was refused, ask the person."),
        ),
        N_(
            "Refused by a local policy of the receiving server (attachment type, content rule or "
            "sender restriction)."
        ),
    ),
    "filtered": CategoryText(
        N_("The message was accepted at first, then stopped by a filter on the recipient's side."),
        (
            N_(
                "Let the person know in another way; they can ask their mail administrator to let "
                "your messages through."
            ),
        ),
        N_("A filter on the recipient's side dropped the message after accepting it."),
    ),
    "content_error": CategoryText(
        N_(
            "Your message was refused because it is technically malformed. This is usually "
            "caused by the program that sent it, not by what you wrote."
        ),
        (OTHER_PROGRAM, TELL_ADMIN),
        N_("Malformed headers or body (MIME structure, encoding or characters)."),
    ),
    "not_compliant_rfc": CategoryText(
        N_(
            "Your message does not follow the email standards that the recipient's server "
            "insists on, usually because of the program that produced it."
        ),
        (OTHER_PROGRAM, TELL_ADMIN),
        N_("The message violates RFC 5322 (for example a missing or repeated header)."),
    ),
    "message_too_big": CategoryText(
        N_(
            "Your message is larger than the recipient's server accepts, usually because of its "
            "attachments."
        ),
        (
            N_(
                "Send the message again with smaller attachments, or share large files with a "
                "download link."
            ),
        ),
        N_("The message size exceeds the limit of the receiving server or mailbox."),
    ),
    "exceed_limit": CategoryText(
        N_(
            "Your message went over a limit of the recipient's server other than its size, for "
            "example the number of recipients."
        ),
        (N_("Send the message to fewer recipients at a time."),),
        N_("A count or size limit other than the message size was exceeded."),
    ),
    "syntax_error": CategoryText(
        N_(
            "The mail servers did not understand each other: a technical error occurred while "
            "the message was being handed over."
        ),
        (TELL_ADMIN,),
        N_("SMTP syntax or protocol error during the transaction."),
    ),
    "system_error": CategoryText(
        N_("The recipient's mail server had an internal problem. Your message is not the cause."),
        (RETRY_LATER, TELL_PERSON_IF_REPEATED),
        N_("The receiving server failed internally or is misconfigured."),
    ),
    "system_full": CategoryText(
        N_("The recipient's mail server has run out of storage space."),
        (RETRY_LATER, TELL_PERSON_IF_REPEATED),
        N_("The receiving server's storage is full."),
    ),
    "mailer_error": CategoryText(
        N_("The program that puts messages into mailboxes on the recipient's side failed."),
        (RETRY_LATER, TELL_PERSON_IF_REPEATED),
        N_("A local delivery program on the receiving side failed (command or filter error)."),
    ),
    "suppressed": CategoryText(
        N_(
            "Your sending service did not even try: this address is on its list of addresses "
            "not to write to, usually after earlier failures or a complaint."
        ),
        (
            N_("Check that the address is right and that the person still wants your messages."),
            N_("If so, ask your sending service to take the address off its suppression list."),
        ),
        N_("The address is on the sending service's suppression list."),
    ),
    "on_hold": CategoryText(
        N_(
            "The message could not be delivered, but the report gives too little detail to say why."
        ),
        (CHECK_AND_RETRY, TELL_ADMIN_IF_REPEATED),
        N_("The report gives too little detail to decide the cause; see the server's own words."),
    ),
    "undefined": CategoryText(
        N_("The report does not say clearly why the message was not delivered."),
        (CHECK_AND_RETRY, TELL_ADMIN_IF_REPEATED),
        N_("No rule recognised the cause; see the server's own words."),
    ),
    "vacation": CategoryText(
        N_(
            "This is an automatic reply, for example an out-of-office message. It is not a "
            "delivery failure: your message arrived."
        ),
        (
            N_(
                "Nothing to do. Read the reply itself: it may say when the person is back or whom "
                "to contact instead."
            ),
        ),
        N_("An automatic reply (RFC 3834), not a delivery status notification."),
    ),
    "feedback": CategoryText(
        N_(
            "This is a complaint report: someone who received a message marked it as spam. It is "
            "not a delivery failure."
        ),
        (N_("If you send mailings, stop writing to the person who complained."),),
        N_("An abuse or feedback-loop report (RFC 5965)."),
    ),
    "delivered": CategoryText(
        N_("Your message was delivered."),
        (N_("Nothing to do."),),
        N_("A delivery status notification reporting success."),
    ),
}


def category_text(category: str | None) -> CategoryText:
    """The texts of ``category``; those of ``undefined`` for an unknown one."""
    return CATEGORIES.get(category or "undefined", CATEGORIES["undefined"])
