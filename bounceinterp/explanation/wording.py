"""The sentences that do not depend on the category: headlines, final or not, who must act.

Data only: every sentence is marked with ``N_`` for ``pybabel extract`` and translated where it
is used. Placeholders: ``%(subject)s`` the original's subject, ``%(date)s`` / ``%(time)s`` when it
was sent, ``%(recipient)s`` the recipient's address.
"""

from __future__ import annotations

from .markers import N_

#: (action, has subject, has date) -> headline.
HEADLINES: dict[tuple[str, bool, bool], str] = {
    ("failed", True, True): N_(
        "Your message “%(subject)s” of %(date)s at %(time)s to %(recipient)s could not be "
        "delivered."
    ),
    ("failed", True, False): N_(
        "Your message “%(subject)s” to %(recipient)s could not be delivered."
    ),
    ("failed", False, True): N_(
        "Your message of %(date)s at %(time)s to %(recipient)s could not be delivered."
    ),
    ("failed", False, False): N_("Your message to %(recipient)s could not be delivered."),
    ("delayed", True, True): N_(
        "Your message “%(subject)s” of %(date)s at %(time)s to %(recipient)s has not been "
        "delivered yet."
    ),
    ("delayed", True, False): N_(
        "Your message “%(subject)s” to %(recipient)s has not been delivered yet."
    ),
    ("delayed", False, True): N_(
        "Your message of %(date)s at %(time)s to %(recipient)s has not been delivered yet."
    ),
    ("delayed", False, False): N_("Your message to %(recipient)s has not been delivered yet."),
    ("delivered", True, True): N_(
        "Your message “%(subject)s” of %(date)s at %(time)s to %(recipient)s was delivered."
    ),
    ("delivered", True, False): N_("Your message “%(subject)s” to %(recipient)s was delivered."),
    ("delivered", False, True): N_(
        "Your message of %(date)s at %(time)s to %(recipient)s was delivered."
    ),
    ("delivered", False, False): N_("Your message to %(recipient)s was delivered."),
    ("relayed", True, True): N_(
        "Your message “%(subject)s” of %(date)s at %(time)s to %(recipient)s was passed on to a "
        "system that sends no delivery reports."
    ),
    ("relayed", True, False): N_(
        "Your message “%(subject)s” to %(recipient)s was passed on to a system that sends no "
        "delivery reports."
    ),
    ("relayed", False, True): N_(
        "Your message of %(date)s at %(time)s to %(recipient)s was passed on to a system that "
        "sends no delivery reports."
    ),
    ("relayed", False, False): N_(
        "Your message to %(recipient)s was passed on to a system that sends no delivery reports."
    ),
    ("expanded", True, True): N_(
        "Your message “%(subject)s” of %(date)s at %(time)s to %(recipient)s was accepted and "
        "passed on to the members of this list or group."
    ),
    ("expanded", True, False): N_(
        "Your message “%(subject)s” to %(recipient)s was accepted and passed on to the members "
        "of this list or group."
    ),
    ("expanded", False, True): N_(
        "Your message of %(date)s at %(time)s to %(recipient)s was accepted and passed on to the "
        "members of this list or group."
    ),
    ("expanded", False, False): N_(
        "Your message to %(recipient)s was accepted and passed on to the members of this list "
        "or group."
    ),
}

#: Stands for the recipient when the report does not name one.
UNKNOWN_RECIPIENT = N_("an address the report does not name")

#: Failed recipients: is it final?
FINAL = N_(
    "This is final: the server will not try again, and sending the same message to the same "
    "address will fail until the cause is fixed."
)
STOPPED_TEMPORARY = N_(
    "The server has stopped trying, but the cause is temporary: sending the message again later "
    "may work."
)
STOPPED = N_("The server has stopped trying to deliver this message.")

#: Delayed recipients: nothing is lost yet.
DELAY_UNTIL = N_(
    "This is not final. Nothing is lost yet: the server keeps trying until %(date)s at "
    "%(time)s (%(relative)s)."
)
DELAY_UNTIL_PASSED = N_(
    "This was not final when the notice was written: the server was to keep trying until "
    "%(date)s at %(time)s. If no failure notice has come since, the message has probably been "
    "delivered."
)
DELAY_OPEN = N_(
    "This is not final. Nothing is lost yet: the server keeps trying, and you will get another "
    "notice if it gives up."
)
#: The first step for every delayed recipient.
DELAY_WAIT = N_(
    "For now there is nothing to do. Please do not send the message again: it may still "
    "arrive, and would then arrive twice."
)
#: What happened, for a delay whose cause the report does not give.
DELAY_CAUSE_UNKNOWN = N_(
    "The server has not managed to deliver the message yet, and the report does not say why."
)

#: who_acts -> who can fix it.
WHO_ACTS: dict[str, str] = {
    "nobody": N_(
        "Nobody needs to do anything for now: the mail servers sort this out by themselves."
    ),
    "sender": N_("You can fix this yourself."),
    "sender_admin": N_(
        "This is for your mail administrator or your internet provider, whoever runs the server "
        "that sends your mail."
    ),
    "recipient": N_(
        "This is for the recipient to fix; let them know in another way, by phone for example."
    ),
    "recipient_admin": N_(
        "This is for the recipient's mail administrator; the recipient can pass it on to them."
    ),
}

#: Interpretation.kind -> title of the explanation.
TITLES: dict[str, str] = {
    "failure": N_("Your message could not be delivered"),
    "delay": N_("Your message has not been delivered yet"),
    "success": N_("Your message was delivered"),
    "relayed": N_("Your message was passed on"),
    "auto_reply": N_("Automatic reply"),
    "feedback": N_("Spam complaint report"),
    "not_a_bounce": N_("Not a delivery report"),
}

#: What a notice of this kind is, when it is not a failure or a delay.
KIND_SUMMARIES: dict[str, str] = {
    "auto_reply": N_(
        "This is an automatic reply, such as an out-of-office message. It is not a delivery "
        "failure: your message did arrive."
    ),
    "feedback": N_(
        "This is a complaint report: a mail provider tells the sender that one of its users "
        "marked a message as spam. It is not a delivery failure."
    ),
    "not_a_bounce": N_(
        "This message does not look like a delivery report: nothing in it says that a message "
        "of yours failed."
    ),
    "success": N_("The report says your message was delivered."),
    "relayed": N_(
        "The report says your message was passed on to a system that sends no delivery reports, "
        "so no further news will come."
    ),
    "failure": N_(
        "The report says a message could not be delivered, but it names no recipient. The "
        "server's own text is below."
    ),
    "delay": N_(
        "The report says a message has not been delivered yet, but it names no recipient. The "
        "server's own text is below."
    ),
}

AUTO_REPLY_FROM = N_("The automatic reply comes from %(sender)s.")

#: Interpretation.kind -> the Subject of a rewritten bounce; %(subject)s is the subject of the
#: message that bounced (the title alone when the bounce does not give it).
REWRITE_SUBJECTS: dict[str, str] = {
    "failure": N_("Not delivered: %(subject)s"),
    "delay": N_("Not delivered yet: %(subject)s"),
}
