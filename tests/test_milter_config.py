"""The milter's configuration: socket specs, the language map, and ``milter --check``."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bounceinterp.milter.config import (
    ConfigError,
    LanguageMap,
    SocketSpec,
    load_language_map,
    parse_socket,
)
from bounceinterp.milter.session import fold


@pytest.mark.parametrize(
    ("spec", "parsed"),
    [
        ("unix:/run/bounceinterp/m.sock", SocketSpec("unix", path="/run/bounceinterp/m.sock")),
        ("local:/var/spool/postfix/bi.sock", SocketSpec("unix", path="/var/spool/postfix/bi.sock")),
        ("inet:8891@127.0.0.1", SocketSpec("inet", host="127.0.0.1", port=8891)),
        ("inet:8891", SocketSpec("inet", host="127.0.0.1", port=8891)),
        ("inet6:8891@::1", SocketSpec("inet6", host="::1", port=8891)),
    ],
)  # fmt: skip
def test_socket_specs(spec, parsed):
    assert parse_socket(spec) == parsed


@pytest.mark.parametrize(
    "spec", ["unix:relative.sock", "inet:0@127.0.0.1", "inet:70000", "inet:port@h", "tcp:25", "/x"]
)
def test_bad_socket_specs(spec):
    with pytest.raises(ConfigError):
        parse_socket(spec)


def test_the_map_reads_addresses_domains_comments_and_language_tags(tmp_path):
    path = tmp_path / "langs"
    path.write_text(
        "# readers\n\n"
        "Alice@Example.ORG   fr-CA   # Quebec: the French catalog\n"
        "@example.de         de\n"
        "bob@example.de      pt_BR\n"
        "\t@mail.example.pl\tpl\n",
        encoding="utf-8",
    )
    languages = load_language_map(path)
    assert languages.entries == {
        "alice@example.org": "fr",
        "@example.de": "de",
        "bob@example.de": "pt",
        "@mail.example.pl": "pl",
    }
    assert languages.language_for(["<alice@example.ORG>"]) == "fr"
    assert languages.language_for(["<BOB@example.de>"]) == "pt"  # the address beats its domain
    assert languages.language_for(["<eva@example.de>"]) == "de"
    assert languages.language_for(["<x@sub.example.de>"]) is None  # domains match exactly
    assert languages.language_for(["<x@example.net>", "<@relay:y@mail.example.pl>"]) == "pl"
    assert languages.language_for(["<>", "postmaster"]) is None
    assert LanguageMap().language_for(["<alice@example.org>"]) is None


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("alice@example.org\n", "langs:1: expected an address or @domain and a language"),
        ("alice@example.org fr de\n", "langs:1: expected an address or @domain and a language"),
        ("# ok\nalice fr\n", "langs:2: alice is neither an address nor an @domain"),
        ("@ fr\n", "langs:1: @ is neither an address nor an @domain"),
        ("alice@example.org xx\n", "langs:1: no catalog for language xx"),
        ("a@example.org fr\nA@Example.org de\n", "langs:2: a@example.org is listed twice"),
    ],
)
def test_map_mistakes_name_the_line(tmp_path, text, problem, monkeypatch):
    monkeypatch.setenv("LANGUAGE", "en")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "langs").write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_language_map("langs")
    assert str(caught.value) == problem


def test_folding_keeps_words_whole_and_lines_short():
    value = " ".join(["=?utf-8?q?word_" + "x" * 20 + "?="] * 6)
    folded = fold("X-Bounce-Summary", value)
    lines = folded.split("\n")
    assert len(lines) > 1 and all(line.startswith(" ") for line in lines[1:])
    assert " ".join(line.strip() for line in lines) == value
    assert len("X-Bounce-Summary: " + lines[0]) <= 78
    assert all(len(line) <= 78 for line in lines[1:])
    assert fold("Subject", "a\r\nBcc: x") == "a  Bcc: x"  # no line break survives


def check(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bounceinterp", "milter", "--check", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "LANGUAGE": "en", **(env or {})},
    )


def test_check_accepts_a_valid_configuration(tmp_path):
    (tmp_path / "langs").write_text("@example.de de\nalice@example.org fr\n")
    result = check("--socket", f"unix:{tmp_path}/m.sock", "--lang-map", str(tmp_path / "langs"),
                   "--default-lang", "es")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"configuration valid: socket unix:{tmp_path}/m.sock, language map entries: 2"
    ]
    assert not (tmp_path / "m.sock").exists()  # checking does not listen


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--socket", "tcp:25"], "invalid socket tcp:25: use unix:/path or inet:PORT@HOST"),
        (["--socket", "unix:/nonexistent-dir/m.sock"],
         "the directory of the socket does not exist: /nonexistent-dir"),
        (["--socket", "inet:8891", "--lang-map", "/nonexistent-map"],
         "cannot read the language map /nonexistent-map: No such file or directory"),
        (["--socket", "inet:8891", "--default-lang", "tlh"], "no catalog for language tlh"),
        (["--socket", "inet:8891", "--timeout", "0"], "--timeout must be a positive number"),
        (["--socket", "inet:8891", "--socket-mode", "999"], "invalid socket mode 999"),
    ],
)  # fmt: skip
def test_check_refuses_a_wrong_configuration_in_one_line(args, message):
    result = check(*args)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"bounceinterp: {message}"]
    assert result.stdout == ""


def test_check_names_the_line_of_a_map_mistake(tmp_path):
    (tmp_path / "langs").write_text("alice@example.org fr\n@example.de\n")
    result = check("--socket", "inet:8891", "--lang-map", str(tmp_path / "langs"))
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"bounceinterp: {tmp_path}/langs:2: expected an address or @domain and a language"
    )
