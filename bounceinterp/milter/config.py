"""The milter's configuration: where it listens, and which language each recipient reads.

The language map is a text file, one entry a line::

    # address or @domain      language
    alice@example.org         fr
    @example.de               de
    bob@example.de            pt-BR    # an entry for the address beats its domain's

Blank lines and everything after a ``#`` are ignored. The language is any tag that one of the
catalogs serves (``pt-BR`` is Portuguese); it is checked when the map is loaded. Addresses and
domains are compared without regard to case. One copy of a message serves all its recipients,
so the first envelope recipient with an entry (its address, else its ``@domain``) decides.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bounceinterp.i18n import gettext as _
from bounceinterp.i18n import negotiate
from bounceinterp.limits import DEFAULT_LIMITS


class ConfigError(Exception):
    """A configuration mistake, with a message for the person who made it."""


@dataclass(frozen=True)
class SocketSpec:
    """``unix:/path`` (also ``local:``), ``inet:PORT@HOST`` or ``inet6:PORT@HOST``."""

    family: str  # "unix", "inet" or "inet6"
    path: str = ""
    host: str = ""
    port: int = 0

    def __str__(self) -> str:
        if self.family == "unix":
            return f"unix:{self.path}"
        return f"{self.family}:{self.port}@{self.host}"


def parse_socket(spec: str) -> SocketSpec:
    """The socket of a Sendmail-style spec; an inet spec without a host listens on loopback."""
    family, sep, rest = spec.partition(":")
    family = family.lower()
    if sep and family in ("unix", "local"):
        if not rest.startswith("/"):
            raise ConfigError(_("the socket path must be absolute: {spec}").format(spec=spec))
        return SocketSpec("unix", path=rest)
    if sep and family in ("inet", "inet6"):
        port_text, _at, host = rest.partition("@")
        if port_text.isdigit() and 0 < int(port_text) < 65536:
            default_host = "127.0.0.1" if family == "inet" else "::1"
            return SocketSpec(family, host=host or default_host, port=int(port_text))
        raise ConfigError(_("invalid port in socket {spec}").format(spec=spec))
    raise ConfigError(
        _("invalid socket {spec}: use unix:/path or inet:PORT@HOST").format(spec=spec)
    )


def language_code(tag: str) -> str | None:
    """The catalog that serves language ``tag``, or None."""
    return negotiate([tag]) if tag else None


def normalize_address(address: str) -> str:
    """An envelope address as the map compares it: no angle brackets nor source route, lower
    case."""
    address = address.strip()
    if address.startswith("<") and address.endswith(">"):
        address = address[1:-1]
    if address.startswith("@") and ":" in address:  # <@relay:user@host>, RFC 5321 4.1.2
        address = address.split(":", 1)[1]
    return address.strip().lower()


@dataclass(frozen=True)
class LanguageMap:
    """Address and ``@domain`` entries, each a catalog code."""

    entries: dict[str, str] = field(default_factory=dict)

    def language_for(self, recipients: list[str]) -> str | None:
        """The language of the first recipient that has an entry (address, then domain)."""
        for recipient in recipients:
            address = normalize_address(recipient)
            found = self.entries.get(address)
            if found is None and "@" in address:
                found = self.entries.get("@" + address.rsplit("@", 1)[1])
            if found is not None:
                return found
        return None


def load_language_map(path: str | Path) -> LanguageMap:
    """The map in file ``path``; :class:`ConfigError` names the file and line of a mistake."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise ConfigError(
            _("cannot read the language map {file}: {reason}").format(file=path, reason=reason)
        ) from exc
    entries: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        fields = line.split("#", 1)[0].split()
        if not fields:
            continue
        where = f"{path}:{number}"
        if len(fields) != 2:
            raise ConfigError(
                _("{where}: expected an address or @domain and a language").format(where=where)
            )
        key, tag = normalize_address(fields[0]), fields[1]
        local, at, domain = key.rpartition("@")
        if not at or not domain.strip(".") or "@" in local:
            raise ConfigError(
                _("{where}: {key} is neither an address nor an @domain").format(
                    where=where, key=fields[0]
                )
            )
        code = language_code(tag)
        if code is None:
            raise ConfigError(
                _("{where}: no catalog for language {lang}").format(where=where, lang=tag)
            )
        if key in entries:
            raise ConfigError(_("{where}: {key} is listed twice").format(where=where, key=key))
        entries[key] = code
    return LanguageMap(entries)


@dataclass(frozen=True)
class Config:
    """Everything the daemon needs, checked."""

    socket: SocketSpec
    language_map: LanguageMap = field(default_factory=LanguageMap)
    #: The file the map was read from, read again on SIGHUP.
    language_map_file: str | None = None
    default_lang: str | None = None
    header_only: bool = False
    max_message_bytes: int = DEFAULT_LIMITS.max_message_bytes
    #: Seconds the MTA may stay silent on a connection (longer than Postfix's smtpd_timeout,
    #: 300 s, so that a slow SMTP client never costs its message the rewrite).
    timeout: float = 600.0
    #: Seconds one rewrite may take before the message goes on unchanged (well under Postfix's
    #: milter_content_timeout, 300 s).
    rewrite_timeout: float = 10.0
    log: str = "stderr"
    #: Permissions of a unix socket: the MTA (user postfix) must be able to connect.
    socket_mode: int = 0o666
