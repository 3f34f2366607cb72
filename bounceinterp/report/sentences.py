"""How each action is said: one sentence with its evidence, one sentence of advice.

``describe`` turns an action and its tally into the reader's words: "Your sending IP
203.0.113.7 is listed on Spamhaus PBL: 41 bounces from 9 domains since Nov 3, 2026." and what
to do. Every sentence is a catalog message (``%(name)s`` placeholders, plurals through
``ngettext``); dates, numbers and lists come from Babel (:mod:`.speech`).
"""

from __future__ import annotations

from dataclasses import dataclass

from .actions import DOMAIN_ACTIONS, ActionKey, ActionTally, most_common
from .safe import shown
from .speech import Reader
from .wording import CATEGORY_NAMES

#: How many examples a sentence names.
EXAMPLES = 3


@dataclass(frozen=True)
class Said:
    """An action in words: the finding with its evidence, and what to do."""

    text: str
    advice: str


def describe(key: ActionKey, tally: ActionTally, reader: Reader) -> Said:
    """The sentences of one action, in the reader's language. Values from the bounces are
    made inert (:func:`shown`); the renderers escape them for their format."""
    values = {
        "ip": shown(key.subject),
        "forwarder": shown(key.subject),
        "domain": shown(key.subject),
        "blocklist": shown(key.detail),
        "evidence": evidence(key, tally, reader),
        "examples": _examples(tally, reader),
        "category": reader._(CATEGORY_NAMES.get(key.detail, CATEGORY_NAMES["undefined"])),
        "url": shown(most_common(tally.delist_urls, 1)[0]) if tally.delist_urls else "",
        "message": shown(tally.example_message),
        "count": reader.number(len(tally.examples)),
    }
    text, advice = _SENTENCES[key.kind](key, tally, reader)
    return Said(_one_period(text % values), _one_period(advice % values))


def _one_period(sentence: str) -> str:
    """A sentence whose last value already ends with a period (a Russian date ends "2026 g.")
    takes no second one."""
    return sentence[:-1] if sentence.endswith("..") else sentence


def evidence(key: ActionKey, tally: ActionTally, reader: Reader) -> str:
    """``41 bounces from 9 domains since 3 Nov 2026`` (the domains left out when the action is
    about one domain)."""
    by_domain = key.kind in DOMAIN_ACTIONS
    since = reader.day(tally.first.date()) if tally.first is not None else None
    domains = len(tally.domains)
    if domains == 1:
        from_domains = shown(next(iter(tally.domains)))
    else:
        # TRANSLATORS: the recipient domains in "41 bounces from %(domains)s since ...": write
        # it in the form that goes after "from" in that sentence.
        from_domains = reader.ngettext("%(num)s domain", "%(num)s domains", domains)
    n = tally.bounces
    if by_domain or not domains:
        if since:
            return reader.ngettext("%(num)s bounce since %(date)s",
                                 "%(num)s bounces since %(date)s", n, date=since)  # fmt: skip
        return reader.ngettext("%(num)s bounce", "%(num)s bounces", n)
    if since:
        return reader.ngettext(
            "%(num)s bounce from %(domains)s since %(date)s",
            "%(num)s bounces from %(domains)s since %(date)s",
            n,
            domains=from_domains,
            date=since,
        )
    return reader.ngettext(
        "%(num)s bounce from %(domains)s", "%(num)s bounces from %(domains)s", n,
        domains=from_domains,
    )  # fmt: skip


def _examples(tally: ActionTally, reader: Reader) -> str:
    """``a@example.com, b@example.net and 7 others``."""
    names = [shown(name) for name in most_common(tally.examples, EXAMPLES)]
    rest = len(tally.examples) - len(names)
    if rest > 0:
        # TRANSLATORS: the end of a list of examples: "a@example.com, b@example.net and 7
        # others".
        names.append(reader.ngettext("%(num)s other", "%(num)s others", rest))
    return reader.listing(names)


# --- the sentences of each kind of action ------------------------------------------------
# Each returns (finding, advice) templates, translated; describe() fills them. The finding
# ends with the evidence ("%(evidence)s": "41 bounces from 9 domains since 3 Nov 2026").

Sentences = tuple[str, str]


def _blocklisted(key: ActionKey, tally: ActionTally, r: Reader) -> Sentences:
    if key.subject:
        text = r._("Your sending IP %(ip)s is listed on %(blocklist)s: %(evidence)s.")
    else:
        text = r._("Your mail server is listed on %(blocklist)s: %(evidence)s.")
    if tally.delist_urls:
        advice = r._(
            "Find out why it is listed and fix that, then ask for removal at %(url)s; until "
            "then, send through your provider's mail relay."
        )
    else:
        advice = r._(
            "Find out why it is listed and fix that, then ask %(blocklist)s for removal; until "
            "then, send through your provider's mail relay."
        )
    return text, advice


def _defunct_blocklist(key: ActionKey, tally: ActionTally, r: Reader) -> Sentences:
    return (
        r._(
            "Some servers still refuse your mail because of %(blocklist)s, a blocklist that no "
            "longer exists: %(evidence)s."
        ),
        r._(
            "There is nothing to delist: ask the postmasters of those servers to stop using "
            "this list."
        ),
    )


def _blocked(key: ActionKey, tally: ActionTally, r: Reader) -> Sentences:
    if key.subject:
        text = r._("Recipients' servers refuse mail from your sending IP %(ip)s: %(evidence)s.")
    else:
        text = r._("Recipients' servers refuse mail from your mail server: %(evidence)s.")
    advice = r._(
        "Look up your server's IP address on the common blocklists and on the refusing "
        "providers' postmaster pages, and ask for removal once the cause is fixed."
    )
    return text, advice


def _bad_reputation(key: ActionKey, tally: ActionTally, r: Reader) -> Sentences:
    if key.subject:
        text = r._(
            "Recipients' servers refuse mail from your sending IP %(ip)s for its poor "
            "reputation: %(evidence)s."
        )
    else:
        text = r._("Recipients' servers refuse your mail for its poor reputation: %(evidence)s.")
    advice = r._(
        "Look for hacked accounts and unwanted bulk mail, send less at a time, and follow the "
        "providers' postmaster tools (Google Postmaster Tools, Microsoft SNDS)."
    )
    return text, advice


def _no_reverse_dns(key: ActionKey, tally: ActionTally, r: Reader) -> Sentences:
    if key.subject:
        text = r._("No reverse DNS name for your sending IP %(ip)s: %(evidence)s.")
    else:
        text = r._("Your mail server has no valid reverse DNS name: %(evidence)s.")
    advice = r._(
        "Ask whoever provides this IP address (your host or internet provider) for a PTR "
        "record that names your mail server as it introduces itself (HELO); or send through "
        "your provider's mail relay."
    )
    return text, advice


def _forwarded_auth(key: ActionKey, tally: ActionTally, r: Reader) -> Sentences:
    text = {
        "spf_fail": r._("Mail forwarded by %(forwarder)s fails SPF: %(evidence)s."),
        "dkim_fail": r._("Mail forwarded by %(forwarder)s fails DKIM: %(evidence)s."),
        "dmarc_fail": r._("Mail forwarded by %(forwarder)s fails DMARC: %(evidence)s."),
    }.get(
        key.detail,
        r._("Mail forwarded by %(forwarder)s fails sender authentication: %(evidence)s."),
    )
    if key.detail == "spf_fail":
        advice = r._(
            "Ask the administrators of %(forwarder)s to rewrite the sender address when they "
            "forward (SRS), or ask your correspondents for their direct address."
        )
    else:
        advice = r._(
            "Ask the administrators of %(forwarder)s to forward messages unchanged and to use "
            "SRS (and ARC), or ask your correspondents for their direct address."
        )
    return text, advice


def _authentication(key: ActionKey, tally: ActionTally, r: Reader) -> Sentences:
    return {
        "spf_fail": (
            r._("Your mail fails SPF checks: %(evidence)s."),
            r._(
                "Make sure the SPF record of your domain lists every server and service that "
                "sends its mail."
            ),
        ),
        "dkim_fail": (
            r._("Your mail fails DKIM checks: %(evidence)s."),
            r._(
                "Make sure your server signs outgoing mail with DKIM and that the public key "
                "published in your DNS matches its key."
            ),
        ),
        "dmarc_fail": (
            r._("Your mail fails your domain's DMARC policy: %(evidence)s."),
            r._(
                "Make sure SPF or DKIM passes for the domain of your From address, then check "
                "your DMARC record."
            ),
        ),
    }.get(
        key.detail,
        (
            r._("Your mail fails sender authentication: %(evidence)s."),
            r._("Check the SPF, DKIM and DMARC records of your domain."),
        ),
    )


def _rate_limited(key: ActionKey, tally: ActionTally, r: Reader) -> Sentences:
    return (
        r._("The servers of %(domain)s are slowing down your mail: %(evidence)s."),
        r._(
            "Send in smaller batches spread over time; your server sends deferred messages "
            "again by itself."
        ),
    )


def _unreachable(key: ActionKey, tally: ActionTally, r: Reader) -> Sentences:
    return (
        r._("The mail servers of %(domain)s cannot be reached: %(evidence)s."),
        r._(
            "Nothing is lost while your server keeps trying; if it lasts, tell your "
            "correspondents at %(domain)s in another way."
        ),
    )


def _expired(key: ActionKey, tally: ActionTally, r: Reader) -> Sentences:
    return (
        r._("Your server gave up delivering to %(domain)s after days of retrying: %(evidence)s."),
        r._("Check the addresses, send again, and if it fails again, warn the people concerned."),
    )


def _tls_failed(key: ActionKey, tally: ActionTally, r: Reader) -> Sentences:
    return (
        r._("Encrypted delivery (TLS) to %(domain)s fails: %(evidence)s."),
        r._("Check your server's TLS settings (protocol versions, certificates, ciphers)."),
    )


def _remote_trouble(key: ActionKey, tally: ActionTally, r: Reader) -> Sentences:
    return (
        r._("The mail system of %(domain)s is failing: %(evidence)s."),
        r._(
            "Nothing is wrong on your side: send again later, or tell your correspondents in "
            "another way."
        ),
    )


def _user_unknown(key: ActionKey, tally: ActionTally, r: Reader) -> Sentences:
    count = len(tally.examples)
    text = r.catalog.ngettext(
        "%(count)s address does not exist (%(examples)s): %(evidence)s.",
        "%(count)s addresses do not exist (%(examples)s): %(evidence)s.",
        count,
    )
    advice = r.catalog.ngettext(
        "Check it for typing mistakes, then remove it from your address book and mailing "
        "lists: retrying will not help.",
        "Check them for typing mistakes, then remove them from your address book and mailing "
        "lists: retrying will not help.",
        count,
    )
    return text, advice


def _address_inactive(key: ActionKey, tally: ActionTally, r: Reader) -> Sentences:
    count = len(tally.examples)
    text = r.catalog.ngettext(
        "%(count)s address is disabled or no longer used (%(examples)s): %(evidence)s.",
        "%(count)s addresses are disabled or no longer used (%(examples)s): %(evidence)s.",
        count,
    )
    advice = r.catalog.ngettext(
        "Ask this person for their current address in another way.",
        "Ask these people for their current address in another way.",
        count,
    )
    return text, advice


def _mailbox_full(key: ActionKey, tally: ActionTally, r: Reader) -> Sentences:
    count = len(tally.examples)
    text = r.catalog.ngettext(
        "%(count)s mailbox is full (%(examples)s): %(evidence)s.",
        "%(count)s mailboxes are full (%(examples)s): %(evidence)s.",
        count,
    )
    advice = r.catalog.ngettext(
        "Tell this person in another way; send again once they have made room.",
        "Tell these people in another way; send again once they have made room.",
        count,
    )
    return text, advice


def _domain_unknown(key: ActionKey, tally: ActionTally, r: Reader) -> Sentences:
    count = len(tally.examples)
    text = r.catalog.ngettext(
        "%(count)s recipient domain does not exist or accepts no mail (%(examples)s): "
        "%(evidence)s.",
        "%(count)s recipient domains do not exist or accept no mail (%(examples)s): %(evidence)s.",
        count,
    )
    advice = r._(
        "These are often typing mistakes (gmial.com for gmail.com): correct the addresses."
    )
    return text, advice


def _spam(key: ActionKey, tally: ActionTally, r: Reader) -> Sentences:
    return (
        r._("Your messages are refused as spam: %(evidence)s."),
        r._(
            "Look at what these messages have in common (links, attachments, wording, sending "
            "volume), and ask your correspondents to add you to their contacts."
        ),
    )


def _virus(key: ActionKey, tally: ActionTally, r: Reader) -> Sentences:
    return (
        r._("Your messages are refused as carrying a virus: %(evidence)s."),
        r._(
            "Scan the computers that sent them with an up-to-date security program, and look "
            "for hacked accounts."
        ),
    )


def _policy(key: ActionKey, tally: ActionTally, r: Reader) -> Sentences:
    return (
        r._("Your messages break the recipients' local rules: %(evidence)s."),
        r._(
            "Read the servers' own words (bounceinterp explain %(message)s): often an "
            "attachment type or a word is refused."
        ),
    )


def _too_big(key: ActionKey, tally: ActionTally, r: Reader) -> Sentences:
    return (
        r._("Your messages are too large for the recipients' servers: %(evidence)s."),
        r._("Share large files through a download link instead of attaching them."),
    )


def _sender_refused(key: ActionKey, tally: ActionTally, r: Reader) -> Sentences:
    return (
        r._("Recipients' servers refuse your sender address: %(evidence)s."),
        r._(
            "Check that these recipients accept you as a sender (a mailing list may take posts "
            "from its members only) and that your sender domain has an MX or address record in "
            "DNS."
        ),
    )


def _relay_refused(key: ActionKey, tally: ActionTally, r: Reader) -> Sentences:
    return (
        r._("Servers refuse to relay your mail: %(evidence)s."),
        r._(
            "Make sure your server delivers to the recipients' own mail servers (MX), or logs "
            "in to its relay."
        ),
    )


def _other(key: ActionKey, tally: ActionTally, r: Reader) -> Sentences:
    return (
        # TRANSLATORS: %(category)s is the name of a cause of bounces ("Limit exceeded",
        # "Cause not recognised", ...).
        r._("%(category)s: %(evidence)s."),
        r._("See the details of one of them with: bounceinterp explain %(message)s"),
    )


_SENTENCES = {
    "blocklisted": _blocklisted,
    "defunct_blocklist": _defunct_blocklist,
    "blocked": _blocked,
    "bad_reputation": _bad_reputation,
    "no_reverse_dns": _no_reverse_dns,
    "forwarded_auth": _forwarded_auth,
    "authentication": _authentication,
    "rate_limited": _rate_limited,
    "unreachable": _unreachable,
    "expired": _expired,
    "tls_failed": _tls_failed,
    "remote_trouble": _remote_trouble,
    "user_unknown": _user_unknown,
    "address_inactive": _address_inactive,
    "mailbox_full": _mailbox_full,
    "domain_unknown": _domain_unknown,
    "spam": _spam,
    "virus": _virus,
    "policy": _policy,
    "too_big": _too_big,
    "sender_refused": _sender_refused,
    "relay_refused": _relay_refused,
    "other": _other,
}
