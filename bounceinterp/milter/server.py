"""The daemon: listen, run one :class:`~.session.Session` per MTA connection, rewrite in worker
threads under a deadline, log one line per message, and stop cleanly on SIGTERM or SIGINT.

A connection that breaks the protocol, stalls or disappears is closed alone; the MTA then
applies its default action (accept, as documented) to that message. Nothing one connection
does reaches another, and nothing stops the listener but a signal.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import logging.handlers
import os
import signal
import socket
import stat
import sys
import threading

from bounceinterp.i18n import gettext as _
from bounceinterp.limits import DEFAULT_LIMITS
from bounceinterp.rewrite import Edits, rewrite_edits

from .config import Config, ConfigError, load_language_map
from .protocol import ProtocolError, read_packet
from .session import Outcome, Session

log = logging.getLogger("bounceinterp.milter")

#: How long in-flight work may go on after a stop signal before it is abandoned (seconds).
STOP_GRACE = 3.0


class Rewriter:
    """Runs ``rewrite_edits`` in daemon threads (at most ``workers`` at once), so that the
    event loop keeps serving other connections and a rewrite can be given up after
    ``timeout`` seconds without waiting for it (its thread ends on its own time budget)."""

    def __init__(self, config: Config, workers: int = 2) -> None:
        self.limits = DEFAULT_LIMITS.with_overrides(
            max_message_bytes=config.max_message_bytes, time_budget=config.rewrite_timeout
        )
        self.timeout = config.rewrite_timeout
        # The last language choice is the configured default, never the daemon's locale.
        self.fallback = config.default_lang or ""
        self.slots = asyncio.Semaphore(workers)

    async def __call__(self, raw: bytes, lang: str | None, header_only: bool) -> Edits | None:
        async with asyncio.timeout(self.timeout):
            await self.slots.acquire()
            loop = asyncio.get_running_loop()
            future: asyncio.Future[Edits | None] = loop.create_future()

            def settle(result: Edits | None, error: BaseException | None) -> None:
                self.slots.release()
                if future.done():  # given up already
                    return
                if error is not None:
                    future.set_exception(error)
                else:
                    future.set_result(result)

            def work() -> None:
                result, error = None, None
                try:
                    result = rewrite_edits(
                        raw,
                        lang,
                        header_only=header_only,
                        limits=self.limits,
                        fallback_lang=self.fallback,
                    )
                except BaseException as exc:
                    error = exc
                with contextlib.suppress(RuntimeError):  # the loop is gone: nobody waits
                    loop.call_soon_threadsafe(settle, result, error)

            threading.Thread(target=work, name="rewrite", daemon=True).start()
            return await future


class Watchdog:
    """Ends a connection on which the MTA stays silent for ``timeout`` seconds (between
    packets, inside one, or not reading our replies). One timer per connection, re-armed only
    when it fires: marking progress is one assignment per packet, where a timeout context
    around each read would cost more than the read itself."""

    def __init__(self, timeout: float, task: asyncio.Task) -> None:
        self.loop = asyncio.get_running_loop()
        self.timeout = timeout
        self.task = task
        self.last = self.loop.time()
        #: Handling a command (a rewrite has its own deadline): silence is ours, not the MTA's.
        self.busy = False
        self.expired = False
        self.handle = self.loop.call_at(self.last + timeout, self._check)

    def touch(self) -> None:
        self.last = self.loop.time()

    def _check(self) -> None:
        now = self.loop.time()
        if self.busy or now - self.last < self.timeout:
            since = now if self.busy else self.last
            self.handle = self.loop.call_at(since + self.timeout, self._check)
            return
        self.expired = True
        self.task.cancel()

    def close(self) -> None:
        self.handle.cancel()


class Server:
    """The listener and its connections."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.rewriter: Rewriter | None = None
        self.listener: asyncio.Server | None = None
        self.connections: dict[asyncio.Task, Watchdog] = {}
        self.stopping = asyncio.Event()
        self.language_map = config.language_map

    def reload(self) -> None:
        """Read the language map again (SIGHUP); a map with a mistake leaves the old one."""
        path = self.config.language_map_file
        if path is None:
            return
        try:
            self.language_map = load_language_map(path)
        except ConfigError as exc:
            log.error("language map not reloaded, the old one stays: %s", exc)
            return
        log.info("language map reloaded: %d entries", len(self.language_map.entries))

    async def start(self) -> None:
        self.rewriter = Rewriter(self.config)
        spec = self.config.socket
        if spec.family == "unix":
            remove_stale_socket(spec.path)
            self.listener = await asyncio.start_unix_server(self.connection, spec.path)
            os.chmod(spec.path, self.config.socket_mode)
        else:
            family = socket.AF_INET6 if spec.family == "inet6" else socket.AF_INET
            self.listener = await asyncio.start_server(
                self.connection, spec.host, spec.port, family=family
            )

    async def serve(self) -> None:
        """Serve until :meth:`stop` is called, then finish or abandon what is in flight."""
        await self.stopping.wait()
        assert self.listener is not None
        self.listener.close()
        if self.config.socket.family == "unix":
            with contextlib.suppress(OSError):
                os.unlink(self.config.socket.path)
        for task, watchdog in list(self.connections.items()):
            if not watchdog.busy:
                task.cancel()
        if self.connections:
            await asyncio.wait(list(self.connections), timeout=STOP_GRACE)
        for task in list(self.connections):
            task.cancel()
        if self.connections:
            await asyncio.wait(list(self.connections), timeout=1.0)
        log.info("stopped")

    def stop(self) -> None:
        self.stopping.set()

    async def connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None and self.rewriter is not None
        watchdog = self.connections[task] = Watchdog(self.config.timeout, task)
        session = Session(self.config, self.rewriter, log_outcome, lambda: self.language_map)
        try:
            while not session.closed and not self.stopping.is_set():
                command, data = await read_packet(reader)
                watchdog.busy = True
                replies = await session.handle(command, data)
                watchdog.busy = False
                watchdog.touch()
                if replies:
                    writer.write(b"".join(replies))
                    await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass  # the MTA went away: its default action covers the message
        except ProtocolError as exc:
            log.warning("connection closed: %s", exc)
        except asyncio.CancelledError:
            if watchdog.expired:
                log.warning("connection closed: no data for %s s", self.config.timeout)
        except Exception:  # a bug of ours: this connection only
            log.exception("connection closed after an internal error")
        finally:
            watchdog.close()
            session.abandon()
            self.connections.pop(task, None)
            writer.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(writer.wait_closed(), 1.0)


def remove_stale_socket(path: str) -> None:
    """Remove a socket file left by a daemon that died; refuse to take over a live one or to
    remove anything that is not a socket."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISSOCK(mode):
        raise OSError(_("{path} exists and is not a socket").format(path=path))
    probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        probe.connect(path)
    except (ConnectionRefusedError, FileNotFoundError):
        os.unlink(path)
        return
    finally:
        probe.close()
    raise OSError(_("another process is listening on {path}").format(path=path))


def log_outcome(outcome: Outcome) -> None:
    """The one log line of a message."""
    parts = [
        f"queue={outcome.queue_id or '-'}",
        f"action={outcome.action}",
        f"category={outcome.category or '-'}",
        f"lang={outcome.lang or '-'}",
        f"ms={outcome.ms:.1f}",
    ]
    if outcome.detail:
        parts.append(f"detail={outcome.detail}")
    log.info(" ".join(parts))


def setup_logging(target: str, syslog_address: str = "/dev/log") -> None:
    """Log lines to stderr or to syslog (facility mail); the library's warnings go along.
    Without a syslog socket the lines go to stderr, after one line that says so."""
    stderr = logging.StreamHandler(sys.stderr)
    stderr.setFormatter(logging.Formatter("bounceinterp-milter: %(message)s"))
    handler: logging.Handler = stderr
    problem = None
    if target == "syslog":
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as probe:
                probe.connect(syslog_address)  # the handler itself would fail only later
            handler = logging.handlers.SysLogHandler(
                address=syslog_address, facility=logging.handlers.SysLogHandler.LOG_MAIL
            )
            handler.setFormatter(logging.Formatter("bounceinterp-milter[%(process)d]: %(message)s"))
        except OSError as exc:
            problem = f"no syslog at {syslog_address} ({exc.strerror or exc}): logging to stderr"
    root = logging.getLogger("bounceinterp")
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)
    root.propagate = False
    if problem:
        log.warning("%s", problem)


#: A bounce of our own, rewritten once per language before listening: rules, patterns and
#: catalogs load then, not while the first real bounce waits.
WARM_UP = (
    b"From: MAILER-DAEMON@localhost\r\n"
    b"Subject: Undelivered Mail Returned to Sender\r\n"
    b"MIME-Version: 1.0\r\n"
    b'Content-Type: multipart/report; report-type=delivery-status; boundary="b"\r\n'
    b"\r\n--b\r\nContent-Type: text/plain\r\n\r\nThe message could not be delivered.\r\n"
    b"--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; localhost\r\n"
    b"\r\nFinal-Recipient: rfc822; nobody@localhost\r\nAction: failed\r\nStatus: 5.1.1\r\n"
    b"\r\n--b--\r\n"
)


def warm_up() -> None:
    from bounceinterp.i18n import available_languages

    for lang in available_languages():
        try:
            rewrite_edits(WARM_UP, lang)
        except Exception:  # the same bug would show on real mail, and be logged there
            log.exception("warm-up rewrite failed")
            return


async def _main(config: Config) -> int:
    server = Server(config)
    try:  # first: a socket problem is told in the language of the terminal
        await server.start()
    except OSError as exc:
        message = _("cannot listen on {socket}: {reason}").format(
            socket=config.socket, reason=exc.strerror or str(exc)
        )
        log.error("%s", message)
        if config.log == "syslog":  # the person who started it reads the terminal
            print(f"bounceinterp: {message}", file=sys.stderr)
        return 1
    warm_up()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, server.stop)
    loop.add_signal_handler(signal.SIGHUP, server.reload)
    log.info("listening on %s", config.socket)  # ready: signals are handled from here on
    await server.serve()
    return 0


def run(config: Config) -> int:
    """Run the daemon until a stop signal; 0 on a clean stop, 1 when it cannot listen."""
    setup_logging(config.log)
    return asyncio.run(_main(config))
