"""The MTA side of the milter protocol, for tests: a blocking client that offers what Postfix
offers, sends a message the way Postfix does (header values with their leading space, body
in CRLF chunks of at most 65535 bytes) and returns the filter's replies as they came."""

from __future__ import annotations

import os
import socket
import struct
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: What Postfix 3.7 offers in option negotiation (milter_protocol = 6).
ALL_ACTIONS = 0x1FF
ALL_PROTOCOL = 0x1FFFFF
NR_BITS = 0x80 | 0x1000 | 0x2000 | 0x4000 | 0x8000 | 0x10000 | 0x20000 | 0x40000 | 0x80000
NO_REPLY = {b"C": 0x1000, b"H": 0x2000, b"M": 0x4000, b"R": 0x8000, b"T": 0x10000,
            b"U": 0x20000, b"L": 0x80, b"N": 0x40000, b"B": 0x80000}  # fmt: skip
HDR_LEADSPC = 0x100000
MODIFICATIONS = (b"h", b"i", b"m", b"b")


def packet(command: bytes, data: bytes = b"") -> bytes:
    return struct.pack(">I", len(data) + 1) + command + data


@dataclass
class Result:
    """The replies to one message: the decisive reply, the command it answered, and the
    modifications sent before it."""

    reply: bytes
    at: bytes
    modifications: list[tuple[bytes, bytes]] = field(default_factory=list)

    def headers_added(self) -> list[tuple[str, str]]:
        return [_name_value(data) for cmd, data in self.modifications if cmd == b"h"]

    def headers_changed(self) -> list[tuple[int, str, str]]:
        found = []
        for cmd, data in self.modifications:
            if cmd == b"m":
                (index,) = struct.unpack(">I", data[:4])
                found.append((index, *_name_value(data[4:])))
        return found

    def body_chunks(self) -> list[bytes]:
        return [data for cmd, data in self.modifications if cmd == b"b"]


def _name_value(data: bytes) -> tuple[str, str]:
    name, value, _ = data.split(b"\0")
    return name.decode(), value.decode()


def split_message(raw: bytes) -> tuple[list[tuple[bytes, bytes]], bytes]:
    """Headers (name, value with its leading space and folding, as Postfix sends them with
    SMFIP_HDR_LEADSPC) and the body of a CRLF message."""
    head, _, body = raw.partition(b"\r\n\r\n")
    headers: list[tuple[bytes, bytes]] = []
    for line in head.split(b"\r\n"):
        if line[:1] in (b" ", b"\t") and headers:
            name, value = headers[-1]
            headers[-1] = (name, value + b"\n" + line)
        else:
            name, _, value = line.partition(b":")
            headers.append((name, value))
    return headers, body


class MilterClient:
    def __init__(self, path: str, timeout: float = 15.0) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(timeout)
        self.sock.connect(path)
        self.protocol = 0

    def close(self) -> None:
        self.sock.close()

    def __enter__(self) -> MilterClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- packets ----------------------------------------------------------------------------

    def send(self, command: bytes, data: bytes = b"") -> None:
        self.sock.sendall(packet(command, data))

    def read(self) -> tuple[bytes, bytes]:
        (length,) = struct.unpack(">I", self._exactly(4))
        data = self._exactly(length)
        return data[:1], data[1:]

    def _exactly(self, size: int) -> bytes:
        chunks = b""
        while len(chunks) < size:
            chunk = self.sock.recv(size - len(chunks))
            if not chunk:
                raise EOFError("the filter closed the connection")
            chunks += chunk
        return chunks

    def closed_by_peer(self) -> bool:
        """Whether the filter has closed the connection (waits up to the socket timeout)."""
        try:
            return self.sock.recv(1) == b""
        except ConnectionResetError:
            return True

    # -- protocol steps ---------------------------------------------------------------------

    def negotiate(
        self, actions: int = ALL_ACTIONS, protocol: int = ALL_PROTOCOL, version: int = 6
    ) -> tuple[int, int, int]:
        self.send(b"O", struct.pack(">III", version, actions, protocol))
        command, data = self.read()
        assert command == b"O", command
        agreed = struct.unpack(">III", data[:12])
        self.protocol = agreed[2]
        return agreed

    def expects_reply(self, command: bytes) -> bool:
        flag = NO_REPLY.get(command)
        return flag is None or not self.protocol & flag

    def step(self, command: bytes, data: bytes = b"") -> tuple[bytes, bytes] | None:
        """Send one command; its reply when the filter owes one."""
        self.send(command, data)
        return self.read() if self.expects_reply(command) else None

    def message(
        self,
        raw: bytes,
        sender: str = "<>",
        recipients: tuple[str, ...] = ("<alice@example.org>",),
        queue_id: str = "4Xq7Zk1Bc2",
        body_chunk: int = 65535,
    ) -> Result:
        """Send one whole message (CRLF ``raw``) as Postfix does; stop at the first ACCEPT."""
        self.send(b"D", b"M" + b"i\0" + queue_id.encode() + b"\0")
        steps: list[tuple[bytes, bytes]] = [(b"M", sender.encode() + b"\0")]
        steps += [(b"R", rcpt.encode() + b"\0") for rcpt in recipients]
        headers, body = split_message(raw)
        leadspc = self.protocol & HDR_LEADSPC
        for name, value in headers:
            steps.append((b"L", name + b"\0" + (value if leadspc else value.lstrip()) + b"\0"))
        steps.append((b"N", b""))
        steps += [(b"B", body[i : i + body_chunk]) for i in range(0, len(body), body_chunk)]
        for command, data in steps:
            reply = self.step(command, data)
            if reply is not None and reply[0] != b"c":
                return Result(reply[0], command)
        self.send(b"E", b"")
        modifications = []
        while True:
            command, data = self.read()
            if command in MODIFICATIONS:
                modifications.append((command, data))
                continue
            return Result(command, b"E", modifications)


def crlf(raw: bytes) -> bytes:
    return raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


class MilterProcess:
    """``bounceinterp milter`` as a child process on a unix socket."""

    def __init__(self, socket_path: str, *args: str, env: dict[str, str] | None = None) -> None:
        self.path = socket_path
        self.log_path = Path(socket_path).with_suffix(".log")
        self.stderr = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bounceinterp", "milter", "--socket", f"unix:{socket_path}",
             *args],
            stderr=self.stderr,
            cwd=ROOT,
            env={**os.environ, **(env or {})},
        )  # fmt: skip
        self.wait_listening()

    def wait_listening(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while b"listening on" not in self.log_path.read_bytes():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"milter did not start:\n{self.log()}")
            time.sleep(0.01)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def log_lines(self, word: str = "action=") -> list[str]:
        return [line for line in self.log().splitlines() if word in line]

    def wait_log(self, word: str, count: int = 1, timeout: float = 10.0) -> list[str]:
        deadline = time.monotonic() + timeout
        while len(self.log_lines(word)) < count:
            if time.monotonic() > deadline:
                raise TimeoutError(f"no {count} log line(s) with {word!r}:\n{self.log()}")
            time.sleep(0.01)
        return self.log_lines(word)

    def stop(self, timeout: float = 15.0) -> int:
        if self.process.poll() is None:
            self.process.terminate()
        code = self.process.wait(timeout)
        self.stderr.close()
        return code

    def kill(self) -> None:
        self.process.kill()
        self.process.wait(10)
        self.stderr.close()
