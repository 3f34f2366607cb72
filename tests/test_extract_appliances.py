"""Notices of mail filters and appliances (m-FILTER, MailMarshal, MailFoundry) and of Japanese
carriers, read by the pattern-driven ``textnotice`` extractor."""

from fixture_reading import read


def test_kddi_mailbox_full_with_iso_2022_jp_text():
    report = read("kddi_mailbox_full.eml")
    assert report.format == "jpcarrier"
    [recipient] = report.recipients
    assert recipient.address == "niaj@mx.dion.ne.jp"
    assert recipient.action == "failed"
    assert recipient.status is None and recipient.reply_code is None
    assert recipient.diagnostic == "As their mailbox is full."
    assert report.original.subject == "Spring schedule"


def test_mfilter_sections():
    report = read("mfilter_user_unknown.eml")
    assert report.format == "mfilter"
    [recipient] = report.recipients
    assert recipient.address == "peggy@example.org"
    assert recipient.status == "5.1.1"
    assert recipient.reply_code == 550
    assert "User unknown" in recipient.diagnostic
    assert report.original.subject == "Invoice 42"


def test_mailmarshal_reason_before_recipients():
    report = read("mailmarshal_user_unknown.eml")
    assert report.format == "mailmarshal"
    assert report.reporting_mta == "gw.example.com"
    [recipient] = report.recipients
    assert recipient.address == "rupert@example.org"
    assert recipient.diagnostic == "550 5.1.1 Mailbox does not exist"
    assert (recipient.status, recipient.reply_code) == ("5.1.1", 550)
    assert recipient.remote_mta == "192.0.2.60"


def test_mailfoundry_remote_server():
    report = read("mailfoundry_no_such_user.eml")
    assert report.format == "mailfoundry"
    [recipient] = report.recipients
    assert recipient.address == "trent@example.org"
    assert recipient.remote_mta == "mx.example.org"
    assert recipient.reply_code == 550
    assert recipient.diagnostic.endswith("550 <trent@example.org> No such user here")
    assert report.original.subject == "Weekly report"


def test_trend_micro_interscan_is_its_own_format():
    report = read("trendmicro_unable_to_deliver.eml")
    assert report.format == "trendmicro"
    [recipient] = report.recipients
    assert recipient.address == "frank@example.net"
    assert recipient.action == "failed"
    assert recipient.diagnostic == (
        "(and other recipients in the same domain). Please check if address is correct."
    )
    assert report.original.subject == "Delivery schedule"
