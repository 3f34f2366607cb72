"""A private Postfix instance for tests and benchmarks: its own configuration, queue, Maildirs
and log under one directory, SMTP on a free loopback port, no chroot, no systemd, nothing ever
leaves the machine. Follows the design notes on a private Postfix for tests.

Usage::

    with PostfixInstance(milter_socket="/path/milter.sock") as mta:
        smtplib.SMTP("127.0.0.1", mta.port).sendmail("", ["alice@bounceinterp.test"], raw)
        path = mta.wait_for("alice", b"token")
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

POSTFIX = "/usr/sbin/postfix"
SENDMAIL = "/usr/sbin/sendmail"
POSTQUEUE = "/usr/sbin/postqueue"
#: The Debian package's service table (the one `postfix -c DIR` instances start from).
MASTER_CF = "/etc/postfix/master.cf"
DOMAIN = "bounceinterp.test"
#: Virtual Maildir users of the instance.
USERS = ("alice", "bob", "carol", "dave", "erin", "frank")
#: Mail to this domain goes to a loopback port where nothing listens: it is deferred, then
#: bounced, by the instance itself.
UNREACHABLE = "unreachable.test"


#: Header fields Postfix puts on top of a delivered file, in this order: virtual(8)'s
#: Return-Path, X-Original-To and Delivered-To, then smtpd's Received (folded).
DELIVERY_FIELDS = (b"return-path", b"x-original-to", b"delivered-to", b"received")


def without_delivery_fields(delivered: bytes) -> bytes:
    """A file delivered from SMTP without the fields Postfix put on top of it."""
    lines = delivered.split(b"\n")
    index = 0
    for name in DELIVERY_FIELDS:
        if not lines[index].lower().startswith(name + b":"):
            raise ValueError(f"expected a {name!r} field, not {lines[index]!r}")
        index += 1
        while lines[index][:1] in (b" ", b"\t"):
            index += 1
    return b"\n".join(lines[index:])


def postfix_available() -> bool:
    return os.path.exists(POSTFIX)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PostfixInstance:
    """One Postfix instance. ``milter_socket`` is used by smtpd (mail from other servers) and
    by cleanup for mail the instance writes itself (bounces, delay warnings)."""

    def __init__(
        self,
        milter_socket: str | None,
        *,
        base: str | None = None,
        delay_warning: bool = True,
        extra: dict[str, str] | None = None,
    ) -> None:
        self.base = Path(base or tempfile.mkdtemp(prefix="bi-postfix-"))
        os.chmod(self.base, 0o755)  # postfix and the mailbox uid must get through
        self.conf = self.base / "etc"
        self.milter_socket = milter_socket
        self.port = free_port()
        #: A second smtpd without milters, for benchmarks that compare.
        self.plain_port = free_port()
        self.dead_port = free_port()  # nothing listens there
        self.delay_warning = delay_warning
        self.extra = extra or {}

    # -- life cycle -------------------------------------------------------------------------

    def setup(self) -> None:
        for name in ("etc", "spool", "data", "vmail", "run"):
            (self.base / name).mkdir(exist_ok=True)
        os.chmod(self.base / "run", 0o755)
        shutil.chown(self.base / "data", "postfix")
        shutil.chown(self.base / "vmail", 65534, 65534)
        shutil.copy(MASTER_CF, self.conf / "master.cf")
        (self.conf / "main.cf").write_text(self._main_cf())
        (self.conf / "vmailbox").write_text(
            "".join(f"{user}@{DOMAIN} {DOMAIN}/{user}/\n" for user in USERS)
        )
        (self.conf / "transport").write_text(f"{UNREACHABLE} smtp:[127.0.0.1]:{self.dead_port}\n")
        self._master_cf()

    def start(self) -> None:
        self.postfix("start")
        deadline = time.monotonic() + 10
        for port in (self.port, self.plain_port):
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise RuntimeError(
                            f"postfix is not on port {port}:\n{self.log()}"
                        ) from None
                    time.sleep(0.02)

    def stop(self) -> None:
        """Stop the instance and wait for its master process to be gone."""
        try:
            pid = int((self.base / "spool" / "pid" / "master.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            pid = None
        subprocess.run(
            [POSTFIX, "-c", str(self.conf), "stop"], capture_output=True, check=False, timeout=30
        )
        deadline = time.monotonic() + 10
        while pid is not None and time.monotonic() < deadline:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.02)

    def remove(self) -> None:
        shutil.rmtree(self.base, ignore_errors=True)

    def __enter__(self) -> PostfixInstance:
        self.setup()
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
        self.remove()

    # -- using it ---------------------------------------------------------------------------

    def postfix(self, *args: str) -> None:
        result = subprocess.run(
            [POSTFIX, "-c", str(self.conf), *args], capture_output=True, text=True, timeout=60
        )
        if result.returncode != 0:  # postfix writes its errors to the log, not stderr
            raise RuntimeError(f"postfix {' '.join(args)} failed: {result.stderr}\n{self.log()}")

    def sendmail(self, sender: str, recipients: list[str], raw: bytes) -> None:
        """Submit ``raw`` locally, as a user of this host would (pickup, not smtpd)."""
        subprocess.run(
            [SENDMAIL, "-C", str(self.conf), "-f", sender, "-i", "--", *recipients],
            input=raw,
            check=True,
            timeout=30,
        )

    def flush(self) -> None:
        """Ask Postfix to try every queued message now."""
        subprocess.run(
            [POSTQUEUE, "-c", str(self.conf), "-f"], capture_output=True, check=False, timeout=30
        )

    def maildir(self, user: str) -> Path:
        return self.base / "vmail" / DOMAIN / user / "new"

    def deliveries(self, user: str) -> list[Path]:
        folder = self.maildir(user)
        return sorted(folder.iterdir()) if folder.is_dir() else []

    def wait_for(
        self,
        user: str,
        token: bytes,
        timeout: float = 30,
        count: int = 1,
        flush_every: float | None = None,
    ) -> list[Path]:
        """The first ``count`` messages in ``user``'s Maildir that contain ``token``, waiting
        up to ``timeout`` seconds for them. With ``flush_every``, the queue is flushed that
        often meanwhile (``postqueue -f``), as an administrator would: on a busy machine the
        queue manager can otherwise leave a deferred message waiting for a later scan."""
        deadline = time.monotonic() + timeout
        flushed = time.monotonic()
        while True:
            if flush_every is not None and time.monotonic() - flushed > flush_every:
                self.flush()
                flushed = time.monotonic()
            found = [path for path in self.deliveries(user) if token in path.read_bytes()]
            if len(found) >= count:
                return found[:count]
            if time.monotonic() > deadline:
                raise TimeoutError(
                    f"{count} message(s) with {token!r} not delivered to {user} within"
                    f" {timeout} s\n{self.log()[-4000:]}"
                )
            time.sleep(0.02)

    def log(self) -> str:
        path = self.base / "postfix.log"
        return path.read_text(errors="replace") if path.exists() else ""

    # -- configuration ----------------------------------------------------------------------

    def _main_cf(self) -> str:
        base, conf = self.base, self.conf
        milter = f"unix:{self.milter_socket}" if self.milter_socket else ""
        settings = {
            "compatibility_level": "3.6",
            "queue_directory": f"{base}/spool",
            "data_directory": f"{base}/data",
            "mail_owner": "postfix",
            "setgid_group": "postdrop",
            "myhostname": f"mx.{DOMAIN}",
            "mydomain": DOMAIN,
            "myorigin": "$myhostname",
            "inet_interfaces": "127.0.0.1",
            "inet_protocols": "ipv4",
            "mynetworks": "127.0.0.0/8",
            "mydestination": "",
            "local_recipient_maps": "",
            "alias_maps": "",
            "alias_database": "",
            "biff": "no",
            "relayhost": "",
            "default_transport": "error:outbound mail disabled in test instance",
            "relay_transport": "error:outbound mail disabled in test instance",
            "transport_maps": f"texthash:{conf}/transport",
            "smtpd_relay_restrictions": "permit_mynetworks, reject_unauth_destination",
            "local_header_rewrite_clients": "",
            "virtual_mailbox_domains": DOMAIN,
            "virtual_mailbox_base": f"{base}/vmail",
            "virtual_mailbox_maps": f"texthash:{conf}/vmailbox",
            "virtual_uid_maps": "static:65534",
            "virtual_gid_maps": "static:65534",
            "smtpd_milters": milter,
            "non_smtpd_milters": milter,
            "internal_mail_filter_classes": "bounce",
            "milter_default_action": "accept",
            "milter_protocol": "6",
            "milter_connect_timeout": "5s",
            "milter_command_timeout": "10s",
            "milter_content_timeout": "30s",
            "smtp_connect_timeout": "2s",
            # fast retries and short lifetimes: a delay warning, then a bounce, in seconds
            "queue_run_delay": "1s",
            "minimal_backoff_time": "1s",
            "maximal_backoff_time": "1s",
            "maximal_queue_lifetime": "6s",
            "bounce_queue_lifetime": "6s",
            "delay_warning_time": "1s" if self.delay_warning else "0h",
            "maillog_file": f"{base}/postfix.log",
            "maillog_file_prefixes": "/var, /dev/stdout, /tmp",
        }
        settings.update(self.extra)
        return "".join(f"{name} = {value}\n" for name, value in settings.items())

    def _master_cf(self) -> None:
        path = self.conf / "master.cf"
        lines = []
        for line in path.read_text().splitlines():
            fields = line.split()
            if fields[:2] == ["smtp", "inet"]:
                lines.append(f"127.0.0.1:{self.port} inet n - n - - smtpd")
                line = f"127.0.0.1:{self.plain_port} inet n - n - - smtpd -o smtpd_milters="
            lines.append(line)
        path.write_text("\n".join(lines) + "\n")
        subprocess.run(
            ["postconf", "-c", str(self.conf), "-F", "*/*/chroot = n"], check=True, timeout=30
        )
