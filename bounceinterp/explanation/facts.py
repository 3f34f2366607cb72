"""What the facts pulled out of a bounce add to its explanation.

Facts (``RecipientStatus.facts``) come from the rules: the blocklist that lists the sending
server and its delisting page, the sending IP address, the forwarder of a forwarded message,
the mailbox quota. Each known fact adds sentences for the sender, advice for the administrator,
or a labelled value; unknown facts are left to the technical details.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from gettext import NullTranslations

from .categories import OTHER_ACCOUNT
from .document import Phrase
from .markers import N_

#: Facts (the rule database's vocabulary) shown as labelled values for the administrator.
#: ``retry_until`` is shown as a date by the recipient's section, ``remote_host`` as its server.
FIELD_LABELS: dict[str, str] = {
    "blocklist": N_("Blocklist"),
    "blocklist_status": N_("Blocklist status"),
    "delist_url": N_("Delisting page"),
    "client_ip": N_("IP address the message came from"),
    "forwarded_by": N_("Forwarded by"),
    "quota": N_("Mailbox quota"),
    "max_size": N_("Size limit"),
    "provider": N_("Mail provider"),
    "provider_code": N_("Provider's error code"),
    "help_url": N_("Provider's help page"),
}

HELP_URL = N_("The server's answer points to this page for more information: %(url)s.")

FORWARDED = N_(
    "Your message first reached %(forwarder)s, which forwards the recipient's mail to another "
    "mailbox; it is the forwarded copy that was refused."
)
FORWARDED_SPF = N_(
    "So you are very probably not the cause: the recipient's mail forwarding is, because the "
    "final server does not trust the forwarding server."
)
FORWARDED_SPF_STEPS = (
    N_("Let the person know in another way that their mail forwarding refuses messages."),
    N_("Ask them for the address where their mail finally arrives, and write to that one."),
)
FORWARDED_SPF_ADMIN = N_(
    "The message was forwarded by %(forwarder)s without rewriting the envelope sender, so the "
    "final server checked SPF against the forwarder's IP address and failed. The forwarder "
    "should rewrite the envelope sender with SRS (Sender Rewriting Scheme) or sign with ARC, or "
    "the final server should accept mail forwarded by %(forwarder)s."
)
BLOCKLISTED = N_(
    "The sending server is on %(blocklist)s, a list of suspected spam sources. Servers that "
    "do not use this list still accept its mail, so the listing may have gone unnoticed until now."
)
BLOCKLIST_ADMIN = N_(
    "Find out why the address was listed (an infected computer, a compromised account, an open "
    "relay), fix it, then ask %(blocklist)s for removal."
)
BLOCKLIST_ADMIN_URL = N_(
    "Find out why the address was listed (an infected computer, a compromised account, an open "
    "relay), fix it, then ask for removal at %(url)s."
)
POLICY_RANGE = N_(
    "Your message was sent from an IP address in a range of home or dynamic addresses that "
    "should not deliver mail directly to other servers. Nothing is wrong with you or your "
    "message: the mail has to go through your email provider's server."
)
POLICY_RANGE_LISTED = N_(
    "Your message was sent from an IP address that %(blocklist)s lists as a home or dynamic "
    "address, which should not deliver mail directly to other servers. Nothing is wrong with you "
    "or your message: the mail has to go through your email provider's server."
)
POLICY_STEPS = (
    N_(
        "Forward this report to your mail administrator: the server should send through your "
        "email provider's mail relay (a smarthost) instead of delivering directly."
    ),
    OTHER_ACCOUNT,
)
POLICY_ADMIN = N_(
    "The sending IP address is in a range that should not deliver directly (a home, dynamic or "
    "consumer range). Relay outgoing mail through the provider's smarthost; asking for removal "
    "does not help while mail still leaves from such an address."
)
PTR_ADMIN_IP = N_(
    "Give %(ip)s a reverse DNS (PTR) name that points back to the same address and matches the "
    "name the server announces (HELO). For a home or office connection only the internet "
    "access provider can set it. If that is not possible, relay outgoing mail through the email "
    "provider's smarthost."
)
PTR_ADMIN = N_(
    "Give the sending IP address a reverse DNS (PTR) name that points back to the same address "
    "and matches the name the server announces (HELO). For a home or office connection only the "
    "internet access provider can set it. If that is not possible, relay outgoing mail through "
    "the email provider's smarthost."
)


@dataclass
class FactText:
    sender: list[Phrase] = field(default_factory=list)
    #: Replaces the category's steps when the facts make them more precise.
    steps: tuple[Phrase, ...] | None = None
    admin: list[Phrase] = field(default_factory=list)
    fields: list[tuple[str, Phrase]] = field(default_factory=list)
    #: The sender's sentences say what happened better than the category's paragraph (a home
    #: or dynamic range: "not your fault" once, not twice).
    replaces_happened: bool = False


def _value(text: str) -> Phrase:
    return Phrase("%(value)s", {"value": text})


def fact_text(category: str, facts: dict[str, str], catalog: NullTranslations) -> FactText:
    """Sentences, steps and labelled values that ``facts`` add for a recipient of ``category``."""
    gettext = catalog.gettext
    out = FactText()
    forwarder = facts.get("forwarded_by")
    blocklist = facts.get("blocklist")
    url = facts.get("delist_url")
    client_ip = facts.get("client_ip")

    if forwarder:
        out.sender.append(Phrase(gettext(FORWARDED), {"forwarder": forwarder}))
        if category in ("spf_fail", "auth_failure", "dmarc_fail", "dkim_fail"):
            out.sender.append(Phrase(gettext(FORWARDED_SPF)))
            out.steps = tuple(Phrase(gettext(step)) for step in FORWARDED_SPF_STEPS)
            out.admin.append(Phrase(gettext(FORWARDED_SPF_ADMIN), {"forwarder": forwarder}))
    if facts.get("listing_kind") == "policy":
        # A range that should not send directly: relay through the provider, do not delist.
        if blocklist:
            out.sender.append(Phrase(gettext(POLICY_RANGE_LISTED), {"blocklist": blocklist}))
        else:
            out.sender.append(Phrase(gettext(POLICY_RANGE)))
        out.steps = tuple(Phrase(gettext(step)) for step in POLICY_STEPS)
        out.admin.append(Phrase(gettext(POLICY_ADMIN)))
        out.replaces_happened = True
    elif blocklist:
        out.sender.append(Phrase(gettext(BLOCKLISTED), {"blocklist": blocklist}))
        if url:
            out.admin.append(Phrase(gettext(BLOCKLIST_ADMIN_URL), {"url": url}))
        else:
            out.admin.append(Phrase(gettext(BLOCKLIST_ADMIN), {"blocklist": blocklist}))
    if facts.get("help_url"):
        out.sender.append(Phrase(gettext(HELP_URL), {"url": facts["help_url"]}))
    if category == "require_ptr":
        if client_ip:
            out.admin.append(Phrase(gettext(PTR_ADMIN_IP), {"ip": client_ip}))
        else:
            out.admin.append(Phrase(gettext(PTR_ADMIN)))
    for name, label in FIELD_LABELS.items():
        if facts.get(name):
            out.fields.append((gettext(label), _value(facts[name])))
    return out
