"""The milter's log lines: one per message, to stderr or to syslog (facility mail)."""

from __future__ import annotations

import logging
import os
import socket
import tempfile

import pytest

from bounceinterp.milter.server import log_outcome, setup_logging
from bounceinterp.milter.session import Outcome


@pytest.fixture
def restore_logging():
    logger = logging.getLogger("bounceinterp")
    saved = (logger.handlers[:], logger.level, logger.propagate)
    yield
    for handler in logger.handlers:
        if handler not in saved[0]:
            handler.close()
    logger.handlers[:], logger.level, logger.propagate = saved


def test_a_log_line_says_queue_action_category_language_and_time(restore_logging, capsys):
    setup_logging("stderr")
    log_outcome(Outcome("rewritten", "4Xq7Zk1Bc2", "user_unknown", "fr", 3.14159))
    log_outcome(Outcome("error", None, detail="KeyError"))
    assert capsys.readouterr().err.splitlines() == [
        "bounceinterp-milter: queue=4Xq7Zk1Bc2 action=rewritten category=user_unknown lang=fr"
        " ms=3.1",
        "bounceinterp-milter: queue=- action=error category=- lang=- ms=0.0 detail=KeyError",
    ]


def test_syslog_lines_are_mail_info(restore_logging):
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "log")
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as syslog:
            syslog.bind(path)
            syslog.settimeout(10)
            setup_logging("syslog", syslog_address=path)
            log_outcome(Outcome("skipped", "ABC123", ms=0.2))
            line = syslog.recv(4096).decode()
    assert line.startswith(f"<22>bounceinterp-milter[{os.getpid()}]: queue=ABC123 action=skipped")


def test_without_syslog_the_lines_go_to_stderr_after_saying_so(restore_logging, capsys):
    setup_logging("syslog", syslog_address="/nonexistent/log")
    log_outcome(Outcome("skipped", "ABC124"))
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("bounceinterp-milter: no syslog at /nonexistent/log")
    assert err[1].startswith("bounceinterp-milter: queue=ABC124 action=skipped")
