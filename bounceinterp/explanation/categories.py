"""Per category (docs/categories.md): what happened, what the sender can do, a note for the
administrator.

Data only. Each sentence is marked with ``N_`` for ``pybabel extract`` and translated at render
time. A category missing here is explained as ``undefined``; the tests check that every category
of the taxonomy is present.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .markers import N_


@dataclass(frozen=True)
class CategoryText:
    #: What happened, in plain words, for the sender.
    happened: str
    #: What can be done about it, in order (the verdict adds "send it again" where it fits).
    steps: tuple[str, ...]
    #: One sentence for the mail administrator.
    admin: str
    #: Steps added after "wait" when the recipient is only delayed.
    delayed_steps: tuple[str, ...] = ()
    #: The cause in one line, for the verdict at the top.
    cause: str = ""
    #: The steps already say how to send again (to a corrected address, without the
    #: attachment...): the verdict adds no "send it again" step of its own.
    resends: bool = False


TELL_ADMIN = N_("Forward this report to your mail administrator.")
TELL_ADMIN_OR_ISP = N_("Forward this report to your mail administrator or your email provider.")
TELL_PERSON_IF_REPEATED = N_("If it keeps failing, let the person know in another way.")
OTHER_ACCOUNT = N_(
    "Until it is solved, you can send from another account, a webmail address for example."
)
OTHER_PROGRAM = N_("Try sending the message again from another program or from webmail.")
CHECK_ADDRESS = N_("Check the address.")
TELL_ADMIN_IF_REPEATED = N_("If it fails again, forward this report to your mail administrator.")

CATEGORIES: dict[str, CategoryText] = {
    "user_unknown": CategoryText(
        N_(
            "Often this is a typing mistake, or the person has left the organisation and their "
            "mailbox was removed."
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
        N_("The person has a new address; the report sometimes gives it."),
        (
            N_("If the report gives the new address, send your message again to it."),
            N_("Otherwise ask the person for their new address and update your address book."),
        ),
        N_("The recipient's server says the mailbox has moved to another address."),
    ),
    "mailbox_full": CategoryText(
        N_("The mailbox cannot take new messages until the person makes room."),
        (N_("Let the person know in another way that their mailbox is full."),),
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
        N_("The domain has declared that none of its addresses receives email."),
        (N_("Ask the person for an address that receives email."),),
        N_("The domain publishes a null MX record (RFC 7505) or otherwise refuses all mail."),
    ),
    "host_down": CategoryText(
        N_(
            "The recipient's mail server did not answer, or refused the connection. Your message "
            "itself is not the problem."
        ),
        (N_("Let the person know in another way that their mail server seems unreachable."),),
        N_("Connections to the recipient's mail server were refused or timed out."),
    ),
    "network_error": CategoryText(
        N_(
            "For example a name lookup failed, or the message went round in a loop between servers."
        ),
        (TELL_PERSON_IF_REPEATED,),
        N_(
            "DNS failure, routing loop or other network trouble on the way to the recipient's "
            "server."
        ),
    ),
    "expired": CategoryText(
        N_("Your mail server kept trying for several days, then gave up."),
        (N_("Check the address."), TELL_PERSON_IF_REPEATED),
        N_("The message stayed in the queue until its maximum lifetime ran out."),
    ),
    "greylisted": CategoryText(
        N_(
            "This is a common protection against spam and is normal for a first message: a server "
            "that tries again a little later gets through."
        ),
        (
            N_(
                "If this keeps happening, forward this report to your mail administrator: "
                "your server may not be retrying as it should."
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
        (N_("If you send many messages at once, spread them out over time."),),
        N_(
            "The receiving server throttled the sending server (too many messages, recipients or "
            "connections)."
        ),
        (TELL_ADMIN_OR_ISP,),
    ),
    "blocked": CategoryText(
        N_(
            "The reason is the server that sent your message, not you or what you wrote. Often "
            "that server's internet address is on a list of suspected spam sources."
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
                "Send through your email provider's mail server (the one set up in your mail "
                "program): this usually avoids the problem."
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
            "SPF is the list of servers a domain allows to send its mail. The check fails very "
            "often when a message is forwarded from one address to another, because the "
            "forwarding server is not on that list."
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
                "website form), tell your mail administrator: the service may need to be "
                "authorised."
            ),
        ),
        N_(
            "Rejected under the sender domain's DMARC policy: neither SPF nor DKIM passed in "
            "alignment with the From domain."
        ),
    ),
    "auth_failure": CategoryText(
        N_(
            "Checks such as SPF, DKIM or DMARC prove where a message comes from; one of them did "
            "not pass, and the report does not say which."
        ),
        (TELL_ADMIN,),
        N_("Sender authentication failed (SPF, DKIM or DMARC; the report does not say which)."),
    ),
    "rejected": CategoryText(
        N_(
            "The recipient's address is not the problem: the server does not accept mail from "
            "your address or its domain."
        ),
        (
            N_("Check that your mail program uses your correct address."),
            TELL_ADMIN,
        ),
        N_("The envelope sender (MAIL FROM) address or its domain was refused."),
    ),
    "no_relaying": CategoryText(
        N_(
            "The server that received the message refused it because it does not handle mail for "
            "this address. Usually a setting is wrong on one side."
        ),
        (N_("Check the recipient's address."), TELL_ADMIN),
        N_(
            "Relaying denied: check the recipient domain's MX records and the client's "
            "authentication."
        ),
    ),
    "security_error": CategoryText(
        N_(
            "For example a login or an encryption setting did not match what one of the servers "
            "requires."
        ),
        (TELL_ADMIN,),
        N_(
            "A security or authentication requirement was not met (for example invalid SMTP "
            "AUTH credentials)."
        ),
    ),
    "failed_starttls": CategoryText(
        N_(
            "One of the servers requires encryption, and setting it up failed, for example "
            "because of a certificate."
        ),
        (TELL_ADMIN,),
        N_(
            "TLS was required but could not be negotiated (certificate, protocol version or "
            "REQUIRETLS)."
        ),
    ),
    "spam_detected": CategoryText(
        N_(
            "Spam filters look at the wording, the links and the attachments, and sometimes "
            "mistake an ordinary message for spam."
        ),
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
        N_("The organisation refuses, for example, certain types of attachment or content."),
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
        N_(
            "The recipient's server accepted the message at first; the filter stopped it "
            "afterwards."
        ),
        (
            N_(
                "Let the person know in another way; they can ask their mail administrator to let "
                "your messages through."
            ),
        ),
        N_("A filter on the recipient's side dropped the message after accepting it."),
    ),
    "content_error": CategoryText(
        N_("Usually the program that sent the message is the cause, not what you wrote."),
        (OTHER_PROGRAM, TELL_ADMIN),
        N_("Malformed headers or body (MIME structure, encoding or characters)."),
    ),
    "not_compliant_rfc": CategoryText(
        N_(
            "The recipient's server insists on these standards; usually the program that produced "
            "the message is the cause, not what you wrote."
        ),
        (OTHER_PROGRAM, TELL_ADMIN),
        N_("The message violates RFC 5322 (for example a missing or repeated header)."),
    ),
    "message_too_big": CategoryText(
        N_("Usually the attachments make the message too large."),
        (
            N_(
                "Send the message again with smaller attachments, or share large files with a "
                "download link."
            ),
        ),
        N_("The message size exceeds the limit of the receiving server or mailbox."),
    ),
    "exceed_limit": CategoryText(
        N_("The limit is not the message's size but, for example, the number of recipients."),
        (N_("Send the message to fewer recipients at a time."),),
        N_("A count or size limit other than the message size was exceeded."),
    ),
    "syntax_error": CategoryText(
        N_(
            "A technical error occurred while the message was being handed from one server to "
            "the other, usually because of a setting or a fault on one side."
        ),
        (TELL_ADMIN,),
        N_("SMTP syntax or protocol error during the transaction."),
    ),
    "system_error": CategoryText(
        N_("The problem is on the recipient's side; your message is not the cause."),
        (TELL_PERSON_IF_REPEATED,),
        N_("The receiving server failed internally or is misconfigured."),
    ),
    "system_full": CategoryText(
        N_(
            "The server cannot store new messages until its administrators free some space. Your "
            "message is not the cause."
        ),
        (TELL_PERSON_IF_REPEATED,),
        N_("The receiving server's storage is full."),
    ),
    "mailer_error": CategoryText(
        N_(
            "Your message reached the recipient's server, but putting it into the mailbox failed "
            "there."
        ),
        (TELL_PERSON_IF_REPEATED,),
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
        N_("The server's own words, in the part for your mail administrator, may say more."),
        (CHECK_ADDRESS, TELL_ADMIN_IF_REPEATED),
        N_("The report gives too little detail to decide the cause; see the server's own words."),
    ),
    "undefined": CategoryText(
        N_("The server's own words, in the part for your mail administrator, may say more."),
        (CHECK_ADDRESS, TELL_ADMIN_IF_REPEATED),
        N_("No rule recognised the cause; see the server's own words."),
    ),
    "vacation": CategoryText(
        N_(
            "This is an automatic reply, such as an out-of-office message. It is not a delivery "
            "failure: your message did arrive."
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


#: The cause in one line, for the verdict at the top of an explanation.
CAUSES: dict[str, str] = {
    "user_unknown": N_("This address does not exist on the recipient's mail server."),
    "mailbox_disabled": N_("The recipient's mailbox has been disabled."),
    "has_moved": N_("The person no longer uses this address."),
    "mailbox_full": N_("The recipient's mailbox is full."),
    "host_unknown": N_("The domain of this address does not exist or receives no mail."),
    "not_accept": N_("The recipient's domain accepts no email."),
    "host_down": N_("The recipient's mail server could not be reached."),
    "network_error": N_("There is a network problem between the mail servers."),
    "expired": N_("Your mail server could not deliver it in time; the report does not say why."),
    "greylisted": N_("The recipient's server asked your server to come back later."),
    "rate_limited": N_("The recipient's server is limiting the mail it takes from your server."),
    "blocked": N_("The recipient's server refuses mail from the server that sent yours."),
    "bad_reputation": N_("The recipient's server distrusts the server or domain that sent it."),
    "require_ptr": N_("The server that sent your message has no proper name (reverse DNS)."),
    "spf_fail": N_(
        "The SPF check failed: the server that delivered your message is not authorised to send "
        "for your address."
    ),
    "dkim_fail": N_("The message's digital signature (DKIM) could not be verified."),
    "dmarc_fail": N_("The message failed your domain's DMARC policy."),
    "auth_failure": N_("The recipient's server could not confirm that the message is yours."),
    "rejected": N_("The recipient's server refused your address as the sender."),
    "no_relaying": N_("The receiving server does not pass mail on to this destination."),
    "security_error": N_("A security requirement between the mail servers was not met."),
    "failed_starttls": N_("The mail servers could not set up an encrypted connection."),
    "spam_detected": N_("The recipient's server took your message for spam."),
    "virus_detected": N_("The recipient's server found harmful software in your message."),
    "policy_violation": N_("The recipient's organisation does not accept this kind of message."),
    "filtered": N_("A filter on the recipient's side stopped the message."),
    "content_error": N_("The message is technically malformed."),
    "not_compliant_rfc": N_("The message does not follow the email standards."),
    "message_too_big": N_("The message is too large for the recipient's server."),
    "exceed_limit": N_("The message goes over a limit of the recipient's server."),
    "syntax_error": N_("The mail servers did not understand each other."),
    "system_error": N_("The recipient's mail server had an internal problem."),
    "system_full": N_("The recipient's mail server has run out of space."),
    "mailer_error": N_("The program that files mail on the recipient's side failed."),
    "suppressed": N_("Your sending service did not send to this address (suppression list)."),
    "on_hold": N_("The report gives too little detail to say why."),
    "undefined": N_("The report does not say why."),
}

#: The cause of a delay whose cause the report does not give.
DELAY_CAUSE_UNKNOWN = N_("Your mail server has not managed to deliver it yet; no reason is given.")

#: Categories whose steps already say how to send the message again.
RESENDS = frozenset(
    {"user_unknown", "has_moved", "host_unknown", "not_accept", "message_too_big",
     "virus_detected", "policy_violation", "spam_detected", "exceed_limit", "suppressed",
     "spf_fail", "content_error", "not_compliant_rfc"}
)  # fmt: skip


def category_text(category: str | None) -> CategoryText:
    """The texts of ``category``; those of ``undefined`` for an unknown one."""
    name = category if category in CATEGORIES else "undefined"
    found = CATEGORIES[name]
    return replace(found, cause=CAUSES.get(name, CAUSES["undefined"]), resends=name in RESENDS)
