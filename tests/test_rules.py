"""The rule database: schema checks, examples, decision order, user rules, facts, safety."""

from __future__ import annotations

from pathlib import Path

import pytest

from bounceinterp import interpret, patterns
from bounceinterp.classify import decide, rulebook
from bounceinterp.classify.rulebook import Subject
from bounceinterp.classify.rulecheck import check
from bounceinterp.cli import main

FIXTURES = Path(__file__).parent / "fixtures"


def dsn(diagnostic: str, status: str = "5.0.0", original_headers: str = "") -> bytes:
    """A minimal Postfix-style RFC 3464 report refusing pat@example.com with ``diagnostic``."""
    headers = original_headers or (
        "From: Sam <sam@example.org>\nTo: pat@example.com\nSubject: Hello\n"
        "Message-ID: <m1@example.org>\n"
    )
    text = f"""From: MAILER-DAEMON@mail.example.org (Mail Delivery System)
To: sam@example.org
Subject: Undelivered Mail Returned to Sender
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B1"

--B1
Content-Type: text/plain

The mail system could not deliver your message.

--B1
Content-Type: message/delivery-status

Reporting-MTA: dns; mail.example.org

Final-Recipient: rfc822; pat@example.com
Action: failed
Status: {status}
Remote-MTA: dns; mx.example.com
Diagnostic-Code: smtp; {diagnostic}

--B1
Content-Type: text/rfc822-headers

{headers}
--B1--
"""
    return text.encode()


def only(report):
    assert len(report.recipients) == 1
    return report.recipients[0]


# --- the rule files themselves ---------------------------------------------------------------


def test_bundled_rules_pass_their_own_check(capsys):
    assert main(["rules", "check"]) == 0
    assert "0 problems" in capsys.readouterr().out


def test_every_category_has_a_deciding_rule():
    from bounceinterp.classify.statuscodes import categories

    decided = {r.category for r in rulebook.load().deciding}
    by_kind = {"vacation", "feedback", "delivered", "undefined"}  # decided by the report's kind
    assert set(categories()) - by_kind <= decided


def test_a_rule_with_a_bad_field_fails_the_check(tmp_path, capsys):
    (tmp_path / "mine.yaml").write_text(
        "stage: phrase\nrules:\n  - id: mine/bad\n    category: no_such_category\n"
        "    description: x\n    match: {keywords: [x]}\n    examples: ['x']\n"
    )
    assert main(["rules", "check", str(tmp_path)]) == 1
    assert "unknown category" in capsys.readouterr().out


def test_a_counterexample_that_matches_fails_the_check(tmp_path):
    (tmp_path / "mine.yaml").write_text(
        "stage: phrase\nrules:\n  - id: mine/loose\n    category: mailbox_full\n"
        "    description: too loose\n    match: {keywords: [full]}\n"
        "    examples: ['552 mailbox full']\n    counterexamples: ['550 disk full on our side']\n"
    )
    report = check(tmp_path)
    assert not report.ok
    assert "counterexample matches" in report.problems[0]


# --- decision order ----------------------------------------------------------------------------


def test_clear_text_beats_a_generic_status():
    user = only(interpret(dsn("552 Mailbox full, try again later", status="5.0.0")))
    assert user.category == "mailbox_full"
    assert user.rule == "phrase/mailbox-full/en"
    assert user.evidence == "mailbox full"


def test_a_specific_status_is_not_overridden_by_vague_text():
    user = only(interpret(dsn("550 5.1.1 <pat@example.com>: Recipient address rejected.", "5.1.1")))
    assert user.category == "user_unknown"
    assert user.rule == "status/X.1.1"


def test_vague_text_decides_when_the_status_says_nothing():
    user = only(interpret(dsn("550 <pat@example.com>: Recipient address rejected.", "5.0.0")))
    assert user.category == "user_unknown"
    assert user.rule == "phrase/user-unknown/address-rejected"


def test_provider_rules_come_before_phrase_rules():
    text = "550 5.2.0 Mail rejete. Mail rejected. OFR_506 [506]"
    assert only(interpret(dsn(text, "5.2.0"))).rule == "orange/spam"


@pytest.mark.parametrize(
    ("text", "status", "reply"),
    [
        ("452 we cannot say", None, 452),
        ("550 5.7.1 Not allowed", "5.7.1", 550),
        ("550 5.0.0 Rejected", "5.0.0", 550),
        ("554 5.5.0 Transaction failed", "5.5.0", 554),
        ("451 4.3.0 Try later", "4.3.0", 451),
        ("550 5.4.399 Routing issue", "5.4.399", 550),
        ("something odd happened", None, None),
    ],
)
def test_a_vague_code_or_a_bare_reply_decides_nothing_on_its_own(text, status, reply):
    decision = decide(
        Subject.make(text, status=status, reply_code=reply, action="failed"), rulebook.load()
    )
    assert (decision.category, decision.rule) == ("on_hold", "vague")


def test_a_delay_whose_cause_is_not_found_is_expired_even_with_a_vague_code():
    subject = Subject.make("451 4.7.1 Try again later", status="4.7.1", reply_code=451,
                           action="delayed")  # fmt: skip
    assert decide(subject, rulebook.load()).category in ("expired", "greylisted")
    subject = Subject.make("421 4.0.0 Something", status="4.0.0", reply_code=421, action="delayed")
    assert decide(subject, rulebook.load()).category == "expired"


def test_nothing_known_is_undefined():
    decision = decide(Subject.make(""), rulebook.load())
    assert (decision.category, decision.rule, decision.confidence) == ("undefined", "none", 0.0)


def test_the_remote_servers_own_code_is_preferred_to_the_summary_status():
    user = only(interpret(dsn("550 5.7.1 IP address blacklisted by recipient", status="5.1.1")))
    assert user.status == "5.7.1"
    assert user.category == "blocked"


# --- providers, languages, facts ----------------------------------------------------------------


def test_spamhaus_listing_names_the_list_and_the_delisting_page():
    text = "554 5.7.1 Service unavailable; Client host [192.0.2.10] blocked using zen.spamhaus.org"
    user = only(interpret(dsn(text, "5.7.1")))
    assert user.category == "blocked"
    assert user.facts["blocklist"] == "Spamhaus ZEN"
    assert user.facts["delist_url"] == "https://check.spamhaus.org/"
    assert user.facts["client_ip"] == "192.0.2.10"


def test_a_sorbs_listing_is_reported_as_a_dead_list():
    text = "554 5.7.1 Service unavailable; Client host [192.0.2.10] blocked using dnsbl.sorbs.net"
    user = only(interpret(dsn(text, "5.7.1")))
    assert user.facts["blocklist_status"] == "defunct"
    assert "delist_url" not in user.facts


def test_microsoft_banned_ip_points_to_the_delisting_portal():
    text = "550 5.7.606 Access denied, banned sending IP [198.51.100.9]."
    user = only(interpret(dsn(text, "5.7.606")))
    assert (user.category, user.facts["delist_url"]) == ("blocked", "https://sender.office.com/")


def test_greylisting_is_its_own_category_and_not_permanent():
    text = "450 4.2.0 <pat@example.com>: Recipient address rejected: Greylisted, see postgrey"
    user = only(interpret(dsn(text, "4.2.0")))
    assert user.category == "greylisted"
    assert user.permanent is False


def test_diagnostics_in_other_languages():
    book = rulebook.load()
    cases = {
        "550 5.1.1 Benutzer unbekannt": "user_unknown",
        "552 5.2.2 Boîte aux lettres pleine": "mailbox_full",
        "550 5.1.1 usuario desconocido": "user_unknown",
        "552 5.2.2 casella piena": "mailbox_full",
        "550 5.1.1 usuário desconhecido": "user_unknown",
        "552 メールボックスがいっぱいです": "mailbox_full",
    }
    for text, category in cases.items():
        assert decide(Subject.make(text), book).category == category, text


def test_spf_fail_after_forwarding_names_the_forwarder():
    report = interpret((FIXTURES / "postfix_spf_fail_after_forward.eml").read_bytes())
    user = only(report)
    assert user.category == "spf_fail"
    assert user.rule == "auth/spf"
    assert user.facts["forwarded_by"] == "mail.lab.example.edu"
    assert user.facts["client_ip"] == "192.0.2.7"


def test_spf_fail_with_an_srs_return_path_names_the_forwarder():
    headers = (
        "Return-Path: <SRS0=abcd=TT=example.org=sam@relay.example.net>\n"
        "From: Sam <sam@example.org>\nTo: pat@example.com\nSubject: Hi\n"
    )
    text = "550 5.7.23 SPF fail - not authorized"
    user = only(interpret(dsn(text, "5.7.23", original_headers=headers)))
    assert user.facts["forwarded_by"] == "relay.example.net"


def test_spf_fail_without_forwarding_evidence_names_no_forwarder():
    user = only(interpret(dsn("550 5.7.23 SPF fail - not authorized", "5.7.23")))
    assert user.category == "spf_fail"
    assert "forwarded_by" not in user.facts


# --- user rules, safety, the command line --------------------------------------------------------

USER_RULE = """stage: phrase
rules:
  - id: local/frobnicator-full
    category: system_full
    description: Our appliance says "frobnicator full" when its spool disk is full.
    match: {keywords: ['frobnicator full']}
    examples: ['452 4.3.1 frobnicator full']
"""


def test_a_users_rules_directory_takes_precedence(tmp_path):
    (tmp_path / "local.yaml").write_text(USER_RULE)
    raw = dsn("452 4.3.1 frobnicator full, mailbox full", "4.3.1")
    assert only(interpret(raw)).category == "mailbox_full"
    user = only(interpret(raw, rules=tmp_path))
    assert (user.category, user.rule) == ("system_full", "local/frobnicator-full")
    assert check(tmp_path).ok


def test_a_rule_that_times_out_is_skipped_and_logged(monkeypatch, caplog):
    rule = rulebook.compile_rule(
        {
            "id": "slow/backtracking",
            "category": "blocked",
            "description": "catastrophic backtracking",
            "match": {"keywords": ["a"], "diagnostic": "(a+)+$"},
            "examples": ["aaa"],
        },
        "phrase",
        "test",
        origin=0,  # a caller's rule: the last-resort clock protects against its patterns
    )
    book = rulebook.build([rule])
    monkeypatch.setattr(patterns, "LAST_RESORT_TIMEOUT", 0.01)
    with patterns.abandoned_searches() as abandoned:
        decision = decide(Subject.make("a" * 5000 + "!"), book)
    assert decision.rule != "slow/backtracking"
    assert "took longer than" in caplog.text
    assert abandoned and "was skipped" in abandoned[0]


def test_explain_why_shows_rule_evidence_and_confidence(capsys):
    fixture = str(FIXTURES / "postfix_spf_fail_after_forward.eml")
    assert main(["explain", "--why", "--lang", "en", fixture]) == 0
    out = capsys.readouterr().out
    assert "How this was decided" in out
    assert "decided by rule auth/spf" in out
    assert "Matched: SPF fail" in out
    assert "Fact forwarded_by: mail.lab.example.edu" in out
    assert "The sender is mail software: mailer-daemon" in out


def test_explain_rules_option_uses_the_directory(tmp_path, capsys):
    (tmp_path / "local.yaml").write_text(USER_RULE)
    message = tmp_path / "bounce.eml"
    message.write_bytes(dsn("452 4.3.1 frobnicator full", "4.3.1"))
    assert main(["explain", "--why", "--rules", str(tmp_path), str(message)]) == 0
    assert "local/frobnicator-full" in capsys.readouterr().out


def test_interpret_refuses_a_rules_directory_that_does_not_exist(tmp_path):
    with pytest.raises(FileNotFoundError, match="no rules directory"):
        interpret(dsn("550 5.1.1 user unknown", "5.1.1"), rules=tmp_path / "missing")


def test_interpret_refuses_rules_that_do_not_validate(tmp_path):
    (tmp_path / "local.yaml").write_text(USER_RULE.replace("system_full", "no_such_category"))
    with pytest.raises(rulebook.RuleError, match="local/frobnicator-full"):
        interpret(dsn("550 5.1.1 user unknown", "5.1.1"), rules=tmp_path)


def test_a_classification_failure_keeps_what_was_read(monkeypatch):
    import bounceinterp.classify as classify

    def broken(subject, book):
        raise RuntimeError("rule engine bug")

    monkeypatch.setattr(classify, "decide", broken)
    report = interpret(dsn("550 5.1.1 user unknown", "5.1.1"))
    user = only(report)
    assert report.is_bounce and report.format == "rfc3464"
    assert (user.address, user.status, user.category) == ("pat@example.com", "5.1.1", "undefined")
    assert any("rule engine bug" in warning for warning in report.warnings)


# --- rule files that cannot be read: a RuleError naming file and rule, never a traceback --------


def _bad_rule(tmp_path, text: str | bytes) -> Path:
    path = tmp_path / "mine.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text)
    return path


BAD_RULES = {
    "not utf-8": USER_RULE.encode().replace(b"Our appliance", b"Notre \xe9quipement"),
    "example reply_code": USER_RULE.replace(
        "examples: ['452 4.3.1 frobnicator full']",
        "examples: [{diagnostic: '452 frobnicator full', reply_code: abc}]",
    ),
    "match reply_code": USER_RULE.replace(
        "match: {keywords: ['frobnicator full']}",
        "match: {keywords: ['frobnicator full'], reply_code: [abc]}",
    ),
    "facts as a list": USER_RULE.replace(
        "    match:", "    facts: [blocklist, delist_url]\n    match:"
    ),
    "example facts as a list": USER_RULE.replace(
        "examples: ['452 4.3.1 frobnicator full']",
        "examples: [{diagnostic: '452 frobnicator full', facts: [quota]}]",
    ),
    "priority": USER_RULE.replace("    match:", "    priority: high\n    match:"),
    "match as a list": USER_RULE.replace(
        "match: {keywords: ['frobnicator full']}", "match: [{keywords: ['frobnicator full']}]"
    ),
}


def test_unreadable_rule_files_are_rule_errors_naming_file_and_rule(tmp_path):
    for case, text in BAD_RULES.items():
        _bad_rule(tmp_path, text)
        with pytest.raises(rulebook.RuleError) as error:
            rulebook.read_directory(tmp_path)
        message = str(error.value)
        assert "mine.yaml" in message, case
        if case != "not utf-8":  # the file cannot be decoded, so no rule can be named
            assert "local/frobnicator-full" in message, case
        report = check(tmp_path)
        assert not report.ok and "mine.yaml" in report.problems[0], case


def test_unreadable_rule_files_are_one_line_on_the_command_line(tmp_path, capsys):
    message = tmp_path / "bounce.eml"
    message.write_bytes(dsn("452 4.3.1 frobnicator full", "4.3.1"))
    for case, text in BAD_RULES.items():
        rules = tmp_path / "rules"
        rules.mkdir(exist_ok=True)
        _bad_rule(rules, text)
        rulebook._load.cache_clear()
        assert main(["explain", "--rules", str(rules), str(message)]) == 2, case
        err = capsys.readouterr().err
        assert "mine.yaml" in err and "Traceback" not in err, case
        assert len(err.strip().splitlines()) == 1, case
        assert main(["rules", "check", str(rules)]) == 1, case
        assert "mine.yaml" in capsys.readouterr().out, case


def test_rules_check_of_a_missing_directory_is_a_usage_error(tmp_path, capsys):
    assert main(["rules", "check", str(tmp_path / "missing")]) == 2
    out, err = capsys.readouterr()
    assert "no rules directory" in err and "missing" in err
    assert "problems" not in out


def test_rules_check_summary_says_one_problem_in_the_singular(monkeypatch):
    from bounceinterp.cli import check_summary

    monkeypatch.setenv("LANGUAGE", "en")
    assert check_summary(1, 1, 1) == "1 rule, 1 example or counterexample checked, 1 problem"
    assert check_summary(2, 3, 0) == "2 rules, 3 examples and counterexamples checked, 0 problems"


def test_rule_errors_are_in_the_users_language(monkeypatch, tmp_path):
    monkeypatch.setenv("LANGUAGE", "fr")
    with pytest.raises(FileNotFoundError) as error:
        rulebook.read_directory(tmp_path / "missing")
    assert "no rules directory" not in str(error.value)
    assert str(tmp_path / "missing") in str(error.value)


# --- wording that must decide, and wording that must not -------------------------------------


def test_google_send_mail_as_is_decided_by_googles_wording_not_the_servers_response():
    book = rulebook.load()
    response = "Unspecified Error (SENT_FIRST_EHLO): Smtp server does not advertise AUTH capability"
    assert decide(Subject.make(response), book).rule != "google/send-mail-as"
    notice = (
        "** Message not delivered ** You're sending this from a different address or alias "
        "using the 'Send mail as' feature. Learn more here: "
        "https://support.google.com/mail/?p=CustomFromDenied The response was: " + response
    )
    decision = decide(Subject.make(notice, format="googlenotice"), book)
    assert (decision.category, decision.rule) == ("rejected", "google/send-mail-as")


def test_envelope_sender_is_a_refusal_only_with_a_refusal_word():
    book = rulebook.load()
    received = "(envelope sender: <sam@example.org>) by relay.example.net; 550 rejected"
    assert decide(Subject.make(received), book).rule != "phrase/rejected/envelope-sender"
    refused = decide(Subject.make("553 Envelope sender <sam@example.org> refused"), book)
    assert (refused.category, refused.rule) == ("rejected", "phrase/rejected/envelope-sender")


def test_the_client_ip_after_required_only_for_reverse_dns():
    book = rulebook.load()
    ptr = Subject.make("550 5.7.25 Reverse DNS required: 198.51.100.61")
    assert book.facts(ptr, "require_ptr")["client_ip"] == "198.51.100.61"
    auth = Subject.make("530 5.7.0 Authentication required: 198.51.100.61")
    assert "client_ip" not in book.facts(auth, "blocked")


def test_a_misconfigured_spf_record_is_not_a_system_error():
    decision = decide(Subject.make("550 SPF record misconfigured for example.org"), rulebook.load())
    assert decision.category != "system_error"
