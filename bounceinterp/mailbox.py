"""Messages out of files, directories, Maildir folders, mbox files and standard input.

``messages(paths)`` yields one :class:`Message` per message found, in a deterministic order,
each with a stable label and either its raw bytes or the reason it could not be read: nothing
found is skipped silently. Inputs are only ever opened for reading; nothing is created, locked,
moved, renamed or written (a Maildir message stays in ``new/``, an mbox keeps its mtime).

How an input is recognised:

- ``-`` is standard input, read like a file.
- A **directory with** ``cur/``, ``new/`` **and** ``tmp/`` **is a Maildir**: every file of
  ``cur/`` then ``new/`` (sorted by name, names starting with ``.`` skipped) is one message;
  ``tmp/`` holds deliveries in progress and is not read; its other subdirectories (Maildir++
  folders such as ``.Sent``) are walked; its other files (``dovecot-uidlist``, ...) are index
  data, not mail.
- **Any other directory** is walked recursively in name order; entries whose name starts with
  ``.`` are skipped, and of the rest only regular files (symbolic links followed) are read: a
  link to nothing is an error item, a FIFO or device is left alone.
- **A file is an mbox when its first line starts with** ``From `` (the mbox separator; a
  message file cannot start so, since a header line needs a colon). Otherwise the whole file is
  one message, even an empty one. A file compressed with gzip, bzip2 or xz (recognised by its
  magic bytes) is decompressed while it is read, then recognised the same way.

An mbox is read line by line, never whole: a message starts at every line beginning with
``From `` (mboxo/mboxrd writers quote such lines in bodies as ``>From ``); the empty line
before the next separator belongs to the separator; in a message, one ``>`` is removed from
lines of the form ``>From ``, ``>>From `` ... (the mboxrd rule; an mboxo file is read the same
way).

Labels: the path as given (``bounce.eml``, ``box/cur/1700000000.M1P2.host:2,S``), with
``#N`` (counted from 1) for the Nth message of an mbox (``box.mbox#3``, ``-#2`` for stdin).
A label is also a path: given ``box.mbox#3`` (and no file has that very name), the reader
yields the third message of ``box.mbox`` only, so that ``bounceinterp explain box.mbox#3``
shows the message a report pointed to.
"""

from __future__ import annotations

import bz2
import errno
import gzip
import io
import lzma
import os
import stat
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import BinaryIO

__all__ = ["STDIN", "Message", "MessageReader", "is_maildir", "messages"]

#: The name that means standard input.
STDIN = "-"
#: The separator line of an mbox starts with these bytes.
SEPARATOR = b"From "
#: How much is read at once; a line longer than this is taken in pieces, so that a file
#: without line breaks never has to fit in memory as one line.
_BLOCK = 256 * 1024
#: Errors a damaged or truncated compressed stream raises while it is read.
_READ_ERRORS = (OSError, EOFError, lzma.LZMAError, zlib.error, ValueError)
#: Subdirectories of a Maildir that hold messages, in the order they are read.
_MAILDIR_MESSAGES = ("cur", "new")
_MAILDIR_PARTS = ("cur", "new", "tmp")


@dataclass(frozen=True, slots=True)
class Message:
    """One message found in an input: its raw bytes, or why it could not be read."""

    #: Where it came from: the path as given, ``#N`` for the Nth message of an mbox that
    #: holds several (a file of one message is labelled by its path alone).
    label: str
    #: The message exactly as stored (an mbox message without its ``From`` line and with
    #: ``>From`` unquoted); None when it could not be read.
    raw: bytes | None = None
    #: Why it could not be read (the system's words, e.g. "Permission denied").
    error: str | None = None
    #: True when the message was longer than the reader's ``max_bytes`` and ``raw`` holds only
    #: its beginning.
    truncated: bool = False

    @property
    def ok(self) -> bool:
        return self.raw is not None


@dataclass(frozen=True, slots=True)
class _Source:
    """One thing to open: a file (single message or mbox), a Maildir entry, stdin, or an
    error met while looking for files."""

    label: str
    path: str | None = None
    #: A Maildir entry is always exactly one message.
    single: bool = False
    error: str | None = None
    #: Only the message with this number (a label ``box.mbox#3`` given back as a path).
    pick: int | None = None


def messages(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    stdin: BinaryIO | None = None,
    max_bytes: int | None = None,
) -> MessageReader:
    """Every message of ``paths`` (one path or several), in order; see the module docstring.

    ``stdin`` is the binary stream ``-`` stands for (default ``sys.stdin.buffer``).
    ``max_bytes`` bounds the memory one message may take: a longer message is cut there
    (``Message.truncated``) and the rest of it skipped while reading. Never raises on an
    unreadable input: each one is a :class:`Message` with ``error`` set.
    """
    return MessageReader(paths, stdin=stdin, max_bytes=max_bytes)


class MessageReader:
    """The iterable :func:`messages` returns; ``bytes_read`` counts the bytes read from disk
    so far (before decompression), for a progress display."""

    def __init__(
        self,
        paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
        *,
        stdin: BinaryIO | None = None,
        max_bytes: int | None = None,
    ) -> None:
        if isinstance(paths, str | os.PathLike):
            paths = [paths]
        self.paths = [os.fspath(path) for path in paths]
        self.stdin = stdin
        self.max_bytes = max_bytes
        self.bytes_read = 0

    def __iter__(self) -> Iterator[Message]:
        for source in _sources(self.paths):
            if source.error is not None:
                yield Message(source.label, error=source.error)
            elif source.path is None:
                stream = self.stdin if self.stdin is not None else sys.stdin.buffer
                yield from self._read(stream, source)
            else:
                try:
                    handle = open(source.path, "rb", buffering=0)  # noqa: SIM115 (closed below)
                except OSError as exc:
                    yield Message(source.label, error=_reason(exc))
                    continue
                with handle:
                    yield from self._read(handle, source)

    def total_bytes(self) -> int | None:
        """The size on disk of every file to read, or None when an input has no known size
        (standard input, a pipe). Walks the inputs a second time; meant for a progress bar."""
        total = 0
        for source in _sources(self.paths):
            if source.error is not None:
                continue
            if source.path is None:
                return None
            try:
                info = os.stat(source.path)
            except OSError:
                continue
            if not stat.S_ISREG(info.st_mode):
                return None
            total += info.st_size
        return total

    def _read(self, raw_stream: BinaryIO, source: _Source) -> Iterator[Message]:
        counted = _Counted(raw_stream, self)
        try:
            stream = _decompressed(io.BufferedReader(counted, _BLOCK))
        except _READ_ERRORS as exc:
            yield Message(source.label, error=_reason(exc))
            return
        yield from _split(stream, source, self.max_bytes)


def is_maildir(path: str | os.PathLike[str]) -> bool:
    """True when ``path`` is a directory with ``cur``, ``new`` and ``tmp`` subdirectories."""
    return all(os.path.isdir(os.path.join(path, part)) for part in _MAILDIR_PARTS)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


# --- finding what to read ------------------------------------------------------------------


def _sources(paths: list[str]) -> Iterator[_Source]:
    for path in paths:
        if path == STDIN:
            yield _Source(STDIN)
            continue
        try:
            info = os.stat(path)
        except OSError as exc:
            yield _labelled(path) or _Source(path, error=_reason(exc))
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from _walk(path, set())
        else:  # a file, or a pipe such as <(zcat box.gz): read it as given
            yield _Source(path, path, single=is_message_file(path))


def _labelled(label: str) -> _Source | None:
    """A label given back as a path: ``box.mbox#3`` is the third message of ``box.mbox``."""
    path, mark, number = label.rpartition("#")
    if mark and number.isdigit() and int(number) >= 1 and os.path.isfile(path):
        return _Source(label, path, pick=int(number))
    return None


def _entries(directory: str) -> list[os.DirEntry[str]]:
    with os.scandir(directory) as listing:
        return sorted(listing, key=lambda entry: entry.name)


def _walk(directory: str, seen: set[tuple[int, int]]) -> Iterator[_Source]:
    try:
        info = os.stat(directory)
        if (info.st_dev, info.st_ino) in seen:  # a link back to a directory already walked
            return
        seen.add((info.st_dev, info.st_ino))
        entries = _entries(directory)
    except OSError as exc:
        yield _Source(directory, error=_reason(exc))
        return
    subdirectories = {entry.name for entry in entries if is_dir(entry)}
    maildir = all(part in subdirectories for part in _MAILDIR_PARTS)
    if maildir:
        for part in _MAILDIR_MESSAGES:
            yield from _maildir_part(os.path.join(directory, part))
    for entry in entries:
        if maildir:
            if entry.name in _MAILDIR_PARTS or not is_dir(entry):
                continue  # messages read above; other files are the server's index data
        elif entry.name.startswith("."):
            continue
        path = os.path.join(directory, entry.name)
        if is_dir(entry):
            yield from _walk(path, seen)
        else:
            yield from _file_entry(entry, path, single=is_message_file(path))


def _maildir_part(directory: str) -> Iterator[_Source]:
    try:
        entries = _entries(directory)
    except OSError as exc:
        yield _Source(directory, error=_reason(exc))
        return
    for entry in entries:
        if not entry.name.startswith(".") and not is_dir(entry):
            yield from _file_entry(entry, os.path.join(directory, entry.name), single=True)


#: Names of files that hold one message by definition (RFC 5322 "message/rfc822" files), even
#: when their first line is an mbox "From " line, as mail programs save them.
MESSAGE_SUFFIXES = (".eml",)


def is_message_file(path: str) -> bool:
    return path.lower().endswith(MESSAGE_SUFFIXES)


def is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _file_entry(entry: os.DirEntry[str], path: str, single: bool) -> Iterator[_Source]:
    """A directory entry to read: a regular file (links followed); a dangling link is an
    error; FIFOs, sockets and devices are not mail files and are left alone."""
    try:
        info = entry.stat()
    except OSError as exc:
        yield _Source(path, error=_reason(exc))
        return
    if stat.S_ISREG(info.st_mode):
        yield _Source(path, path, single=single)


# --- reading -------------------------------------------------------------------------------


class _Counted(io.RawIOBase):
    """A raw stream over ``stream`` that adds the bytes it reads to ``reader.bytes_read``."""

    def __init__(self, stream: BinaryIO, reader: MessageReader) -> None:
        # readinto1 where there is one: what a pipe has now, without waiting for a full block.
        self._readinto = getattr(stream, "readinto1", None) or stream.readinto  # type: ignore[attr-defined]
        self._reader = reader

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        count = self._readinto(buffer) or 0
        self._reader.bytes_read += count
        return count

    def close(self) -> None:  # the caller closes the underlying stream (never stdin)
        super().close()


def _decompressed(stream: io.BufferedReader) -> io.BufferedIOBase:
    """``stream``, or a decompressing reader over it when it starts with a gzip, bzip2 or xz
    signature. (The reader lives as long as the message iteration; closing it would close
    nothing of ours, so no context manager.)"""
    head = stream.peek(6)[:6]
    opened: io.BufferedIOBase
    if head.startswith(b"\x1f\x8b"):
        opened = gzip.GzipFile(fileobj=stream, mode="rb")
    elif head.startswith(b"BZh") and head[3:4].isdigit():
        opened = bz2.BZ2File(stream, mode="rb")
    elif head.startswith(b"\xfd7zXZ\x00"):
        opened = lzma.LZMAFile(stream, mode="rb")  # noqa: SIM115
    else:
        return stream
    # Not wrapped in another buffer: a large buffered read would lose every line before the
    # point where a truncated stream breaks; the readers' own small buffers keep them.
    return opened


class _Collector:
    """The pieces of one message, kept up to ``limit`` bytes."""

    def __init__(self, limit: int | None) -> None:
        self.pieces: list[bytes] = []
        self.size = 0
        self.limit = limit
        self.truncated = False

    def add(self, piece: bytes) -> None:
        if self.limit is not None and self.size + len(piece) > self.limit:
            piece = piece[: max(self.limit - self.size, 0)]
            self.truncated = True
        self.pieces.append(piece)
        self.size += len(piece)

    def message(self, label: str, drop_separator_line: bool = False) -> Message:
        data = b"".join(self.pieces)
        if drop_separator_line:  # the empty line an mbox writer puts before the next "From "
            if data.endswith(b"\r\n\r\n") or data == b"\r\n":
                data = data[:-2]
            elif data.endswith(b"\n\n") or data == b"\n":
                data = data[:-1]
        return Message(label, data, truncated=self.truncated)


_QUOTED = b">" + SEPARATOR


def _unquoted(piece: bytes, at_line_start: bool) -> bytes:
    """One ``>`` less on every line of the form ``>From ``, ``>>From `` ... (mboxrd)."""
    found = piece.find(_QUOTED)
    if found < 0:
        return piece
    parts = []
    kept = 0
    while found >= 0:
        start = found
        while start > 0 and piece[start - 1] == 0x3E:  # ">"
            start -= 1
        if (start == 0 and at_line_start) or (start > 0 and piece[start - 1] == 0x0A):
            parts.append(piece[kept:start])
            kept = start + 1
        found = piece.find(_QUOTED, found + len(_QUOTED))
    parts.append(piece[kept:])
    return b"".join(parts)


def _split(stream: io.BufferedIOBase, source: _Source, max_bytes: int | None) -> Iterator[Message]:
    """The messages of one opened input: the whole of it, or each message of an mbox (only the
    one asked for when the source picks one)."""
    index = 0
    label = source.label
    held: Message | None = None
    # read1: what one step of reading gives (a block of a file, what a pipe or a decompressor
    # has), so that the data before a break in a damaged stream is kept.
    read = getattr(stream, "read1", stream.read)
    try:
        data = read(_BLOCK)
        while 0 < len(data) < len(SEPARATOR):  # enough to recognise an mbox
            more = read(_BLOCK)
            if not more:
                break
            data += more
        if source.single or not data.startswith(SEPARATOR):
            if source.pick not in (None, 1):
                yield Message(source.label, error=os.strerror(errno.ENOENT))
                return
            collector = _Collector(max_bytes)
            while data:
                collector.add(data)
                if collector.truncated:  # the rest is not examined: not even read (/dev/zero)
                    break
                data = read(_BLOCK)
            yield collector.message(source.label)
            return
        label = _numbered(source, 1)
        # A file with one message after its "From " line is that message, labelled by the
        # file alone (a message saved from a mail program): the first is held until a second
        # shows the file to be a mailbox.
        for number, message in _mbox(read, source, max_bytes, data):
            if number == 1 and source.pick is None:
                held = message
            else:
                if held is not None:
                    yield held
                    held = None
                yield message
            index, label = number, _numbered(source, number + 1)
        if held is not None:
            yield replace(held, label=source.label)
    except _READ_ERRORS as exc:  # the message being read when the input broke off
        if held is not None:
            yield held
        yield Message(label, error=_reason(exc))
        return
    if source.pick is not None and source.pick > index:
        yield Message(source.label, error=os.strerror(errno.ENOENT))


def _mbox(
    read: Callable[[int], bytes], source: _Source, max_bytes: int | None, data: bytes
) -> Iterator[tuple[int, Message]]:
    """``(number, message)`` for each message of an mbox whose first bytes are ``data``.

    Works on blocks of complete lines with ``bytes.find``, not line by line: a message starts
    after each line that begins with ``From ``. A line longer than a block is taken in pieces
    (``at_line_start`` then says that the next piece continues it).
    """
    pick = source.pick
    index = 0
    collector = _Collector(max_bytes)
    at_line_start = True
    in_separator = False  # inside a "From " line whose end has not been read yet
    eof = False
    while True:
        if not eof and b"\n" not in data and len(data) < _BLOCK:
            more = read(_BLOCK)
            if more:
                data += more
                continue
            eof = True
        if not data:
            break
        end = data.rfind(b"\n") + 1 or len(data)  # complete lines; else a piece of one
        region, data = data[:end], data[end:]
        position = 0
        if in_separator:
            newline = region.find(b"\n")
            if newline < 0:
                continue
            position, in_separator, at_line_start = newline + 1, False, True
        while position < len(region):
            if at_line_start and region.startswith(SEPARATOR, position):
                separator = position
            else:
                found = region.find(b"\nFrom ", position)
                separator = found + 1 if found >= 0 else -1
            stop = separator if separator >= 0 else len(region)
            if stop > position and pick in (None, index):
                collector.add(_unquoted(region[position:stop], at_line_start))
            if separator < 0:
                at_line_start = region.endswith(b"\n")
                break
            if index and pick in (None, index):
                yield index, collector.message(_numbered(source, index), True)
                collector = _Collector(max_bytes)
            index += 1
            if pick is not None and index > pick:
                return
            newline = region.find(b"\n", separator)
            if newline < 0:
                in_separator, at_line_start = True, False
                break
            position, at_line_start = newline + 1, True
    if index and pick in (None, index):
        yield index, collector.message(_numbered(source, index), True)


def _numbered(source: _Source, index: int) -> str:
    return source.label if source.pick is not None else f"{source.label}#{index}"
