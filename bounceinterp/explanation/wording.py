"""The sentences that do not depend on the category, keyed by the verdict (``verdict.py``).

Data only: every sentence is marked with ``N_`` for ``pybabel extract`` and translated where it
is used. Placeholders: ``%(subject)s`` the original's subject, ``%(date)s`` / ``%(time)s`` when it
was sent, ``%(recipient)s`` the address the sender wrote.
"""

from __future__ import annotations

from .markers import N_

#: (what happened, has subject, has date) -> headline. ``expired`` (the server gave up) reads
#: like a failure: the message was not delivered.
_NOT_DELIVERED: dict[tuple[bool, bool], str] = {
    (True, True): N_(
        "Your message “%(subject)s” of %(date)s at %(time)s to %(recipient)s could not be "
        "delivered."
    ),
    (True, False): N_("Your message “%(subject)s” to %(recipient)s could not be delivered."),
    (False, True): N_(
        "Your message of %(date)s at %(time)s to %(recipient)s could not be delivered."
    ),
    (False, False): N_("Your message to %(recipient)s could not be delivered."),
}
HEADLINES: dict[tuple[str, bool, bool], str] = {
    **{("failed", *key): text for key, text in _NOT_DELIVERED.items()},
    **{("expired", *key): text for key, text in _NOT_DELIVERED.items()},
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
}

#: The headline's complement when the message was forwarded to another address.
FORWARDED_TO = N_("It had been forwarded to %(final)s, which is where it failed.")

#: Stands for the recipient when the report does not name one.
UNKNOWN_RECIPIENT = N_("an address the report does not name")

#: Is it over? By what happened (and, for a failure, whether retrying can work).
FINAL = N_(
    "This is final: the server has stopped trying, and sending the same message to the same "
    "address will fail again until the cause is fixed."
)
GAVE_UP = N_(
    "The server tried for a while, then gave up, so the message was not delivered. The cause "
    "may be temporary: sending the message again later may work."
)
STOPPED = N_("The server has stopped trying to deliver this message.")
DELAY_UNTIL = N_(
    "This is not final. Nothing is lost yet: the server keeps trying until %(date)s at "
    "%(time)s (%(relative)s)."
)
DELAY_UNTIL_PASSED = N_(
    "When this notice was sent, the server was still trying, and it was to keep trying until "
    "%(date)s at %(time)s. If no failure notice has come since, the message has probably been "
    "delivered."
)
DELAY_OPEN = N_(
    "This is not final. Nothing is lost yet: the server keeps trying, and you will get another "
    "notice if it gives up."
)

#: Steps chosen by the verdict, around the category's own steps.
DELAY_WAIT = N_(
    "There is nothing to do for now. Please do not send the message again: it may still "
    "arrive, and would then arrive twice."
)
DELAY_NO_RESEND = N_(
    "Do not send the message again: the server is still trying, and once the cause is fixed "
    "its next attempt can deliver it."
)
RESEND_AFTER_FIX = N_("Once the cause is fixed, send the message again.")
RESEND_LATER = N_("Send the message again later.")

#: Who must act -> who can fix it. ``nobody`` is said only of a delay that clears by itself.
WHO_ACTS: dict[str, str] = {
    "nobody": N_(
        "Nobody needs to do anything for now: the mail servers sort this out by themselves."
    ),
    "sender": N_("You can fix this yourself."),
    "sender_admin": N_(
        "This is for your mail administrator or your email provider, whoever runs the server "
        "that sends your mail."
    ),
    "recipient": N_(
        "This is for the recipient to fix; let them know in another way, by phone for example."
    ),
    "recipient_admin": N_(
        "This is for the recipient's mail administrator; the recipient can pass it on to them."
    ),
}

#: The short "who acts" of the summary table and the journey strip.
WHO_ACTS_SHORT: dict[str, str] = {
    "nobody": N_("nobody, for now"),
    "sender": N_("you"),
    "sender_admin": N_("your mail administrator"),
    "recipient": N_("the recipient"),
    "recipient_admin": N_("the recipient's mail administrator"),
}

#: What happened, short, for the summary table.
HAPPENED_SHORT: dict[str, str] = {
    "failed": N_("not delivered, final"),
    "expired": N_("not delivered, the server gave up"),
    "delayed": N_("not delivered yet, still trying"),
    "delivered": N_("delivered"),
    "relayed": N_("passed on"),
}

#: The journey of a message, for the strip at the top: the stops, and the marks on them.
JOURNEY: dict[str, str] = {
    "sender": N_("You"),
    "sender_server": N_("Your mail server"),
    "recipient_server": N_("The recipient's server"),
    "recipient": N_("The recipient"),
}
#: Before the one thing to do, in the verdict box.
TODO_LABEL = N_("First thing to do:")
# TRANSLATORS: a stop of the journey strip and what is known about it, on one line:
# "The recipient's server (example.net)".
JOURNEY_DETAIL = N_("%(stop)s (%(detail)s)")
STOPPED_HERE = N_("stopped here")
STILL_TRYING_HERE = N_("waiting here")
ACTS_HERE = N_("must act")

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
        "This is a complaint report: a mail provider tells you that one of its users marked a "
        "message from your address or domain as spam. It is not a delivery failure."
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

#: Section headings.
WHAT_TO_DO = N_("What you can do")
FOR_ADMIN = N_("For your mail administrator")
TECHNICAL = N_("Technical details")
RECIPIENTS = N_("Recipients")
HOW_DECIDED = N_("How this was decided")
