"""What an enhanced status code (RFC 3463 and later) means, in the reader's language.

The registry's own titles (``classify.statuscodes``) are English; the explanation needs the
meaning in every catalog language, so the codes a bounce commonly carries are worded here as
msgids. Any other code is described by its class and subject ("Permanent failure: mailbox"),
which every catalog also translates. English readers get the registry title for the rest.
"""

from __future__ import annotations

from gettext import NullTranslations

from bounceinterp.classify.statuscodes import describe

from .markers import N_

#: "X.subject.detail" -> meaning.
DETAILS: dict[str, str] = {
    "X.0.0": N_("no further detail given"),
    "X.1.0": N_("problem with an address"),
    "X.1.1": N_("the recipient's mailbox does not exist"),
    "X.1.2": N_("the recipient's domain does not exist or receives no mail"),
    "X.1.3": N_("the recipient's address is not written correctly"),
    "X.1.4": N_("the recipient's address is ambiguous"),
    "X.1.6": N_("the recipient's mailbox has moved"),
    "X.1.7": N_("the sender's address is not written correctly"),
    "X.1.8": N_("the sender's domain is not valid"),
    "X.1.10": N_("the recipient's domain accepts no mail (null MX)"),
    "X.2.0": N_("problem with the recipient's mailbox"),
    "X.2.1": N_("the recipient's mailbox is disabled"),
    "X.2.2": N_("the recipient's mailbox is full"),
    "X.2.3": N_("the message is too big for the recipient's mailbox"),
    "X.2.4": N_("a mailing list could not be expanded"),
    "X.3.0": N_("problem with the receiving mail system"),
    "X.3.1": N_("the receiving mail system is full"),
    "X.3.2": N_("the receiving mail system is not accepting messages"),
    "X.3.4": N_("the message is too big for the receiving system"),
    "X.3.5": N_("the receiving mail system is misconfigured"),
    "X.4.0": N_("network or routing problem"),
    "X.4.1": N_("the receiving server did not answer"),
    "X.4.2": N_("the connection to the receiving server broke off"),
    "X.4.3": N_("a name lookup (DNS) failed"),
    "X.4.4": N_("no route to the recipient's server was found"),
    "X.4.5": N_("the mail system is overloaded"),
    "X.4.6": N_("the message went round in a loop"),
    "X.4.7": N_("the delivery time ran out"),
    "X.5.0": N_("problem in the conversation between the servers"),
    "X.5.1": N_("a command was not understood"),
    "X.5.2": N_("a command was not written correctly"),
    "X.5.3": N_("too many recipients at once"),
    "X.5.4": N_("a command had invalid details"),
    "X.6.0": N_("problem with the message's content"),
    "X.6.1": N_("a part of the message is of a type that is not supported"),
    "X.6.5": N_("the message could not be converted"),
    "X.6.7": N_("addresses with accented or non-Latin characters are not accepted"),
    "X.7.0": N_("security or policy problem"),
    "X.7.1": N_("delivery not authorised, message refused"),
    "X.7.8": N_("the login details were rejected"),
    "X.7.10": N_("encryption is required"),
    "X.7.13": N_("the user's account is disabled"),
    "X.7.20": N_("no valid DKIM signature was found"),
    "X.7.21": N_("no acceptable DKIM signature was found"),
    "X.7.22": N_("no valid DKIM signature matching the author was found"),
    "X.7.23": N_("the SPF check failed"),
    "X.7.24": N_("the SPF check could not be completed"),
    "X.7.25": N_("the sending IP address has no valid reverse DNS name"),
    "X.7.26": N_("several authentication checks failed"),
    "X.7.27": N_("the sender's domain accepts no mail (null MX)"),
    "X.7.28": N_("too many similar messages were received (mail flood)"),
    "X.7.29": N_("the ARC check failed"),
    "X.7.30": N_("encrypted delivery (REQUIRETLS) is required"),
}

CLASSES: dict[str, str] = {
    "2": N_("success"),
    "4": N_("temporary failure"),
    "5": N_("permanent failure"),
}

SUBJECTS: dict[str, str] = {
    "0": N_("other or undefined"),
    "1": N_("addressing"),
    "2": N_("mailbox"),
    "3": N_("mail system"),
    "4": N_("network and routing"),
    "5": N_("mail delivery protocol"),
    "6": N_("message content"),
    "7": N_("security or policy"),
}

# TRANSLATORS: a status code's class and subject, e.g. "permanent failure, mailbox".
CLASS_AND_SUBJECT = N_("%(class)s, %(subject)s")


def _registry_title(status: str) -> str | None:
    try:
        return describe(status)
    except (OSError, KeyError, ValueError):
        return None


def meaning(status: str | None, catalog: NullTranslations, lang: str) -> str | None:
    """The meaning of ``status`` (``"5.7.23"``) in the catalog's language, or None if unreadable."""
    if not status:
        return None
    parts = status.strip().split(".")
    if len(parts) != 3 or not all(part.isdigit() for part in parts):
        return None
    klass, subject, detail = parts
    key = f"X.{int(subject)}.{int(detail)}"
    if key in DETAILS:
        return catalog.gettext(DETAILS[key])
    if lang == "en":
        title = _registry_title(status)
        if title:
            return title
    if klass in CLASSES and str(int(subject)) in SUBJECTS:
        return catalog.gettext(CLASS_AND_SUBJECT) % {
            "class": catalog.gettext(CLASSES[klass]),
            "subject": catalog.gettext(SUBJECTS[str(int(subject))]),
        }
    return None
