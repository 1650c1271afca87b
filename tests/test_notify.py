"""Email notifications (auditlib.notify, ``auditlib notify``) against a real SMTP server: aiosmtpd
on 127.0.0.1, collecting every message as the server received it."""
from __future__ import annotations

import datetime as dt
import email
import email.policy
import os
import re
import socket
import subprocess
import sys
from dataclasses import dataclass

import pytest

from auditlib import notify
from auditlib.exceptions import PermissionRefused
from auditlib.notify import DeliveryError, SmtpSettings, SmtpSettingsError, send_digests
from tests.stores import complete, open_store, sqlite_url

aiosmtpd_controller = pytest.importorskip("aiosmtpd.controller")

#: planted in every narrative, reason, action and evidence: no email may ever carry it
SECRET = "Zanzibarquux"
TODAY = dt.date.today()
PEOPLE = {"lead": "lead_auditor", "ash": "auditor", "bo": "auditor", "mo": "moderator",
          "pat": "practitioner", "tm": "team_manager", "tm2": "team_manager"}
EMAILS = {"lead": "lead@example.org", "ash": "ash@example.org", "mo": "mo@example.org",
          "pat": "pat@example.org", "tm": "tm@example.org", "tm2": "tm2@example.org"}
TEAMS = {"pat": "North", "tm": "North", "tm2": "South"}


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    raw: bytes

    @property
    def message(self) -> email.message.EmailMessage:
        return email.message_from_bytes(self.raw, policy=email.policy.default)

    @property
    def to(self) -> str:
        return str(self.message["To"])

    @property
    def body(self) -> str:
        """The text, its lines joined (a line wraps where its dates' words make it)."""
        return " ".join(self.message.get_content().split())


class Collect:
    """An aiosmtpd handler keeping each message; refuses the addresses in ``refuse``."""

    def __init__(self) -> None:
        self.messages: list[Received] = []
        self.refuse: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(Received(envelope.mail_from, list(envelope.rcpt_tos),
                                      envelope.original_content or envelope.content))
        return "250 Message accepted"

    def take(self) -> dict[str, Received]:
        """The messages since the last take, by recipient (each person gets one at most)."""
        got, self.messages = self.messages, []
        by = {}
        for m in got:
            assert len(m.rcpt_tos) == 1, m.rcpt_tos
            assert m.rcpt_tos[0] not in by, f"two emails to {m.rcpt_tos[0]} in one run"
            by[m.rcpt_tos[0]] = m
        return by


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtpd():
    handler = Collect()
    controller = aiosmtpd_controller.Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    handler.port = controller.port
    try:
        yield handler
    finally:
        controller.stop()


@pytest.fixture
def smtp(smtpd) -> SmtpSettings:
    return SmtpSettings.from_environment({
        "AUDITLIB_SMTP_HOST": "127.0.0.1", "AUDITLIB_SMTP_PORT": str(smtpd.port),
        "AUDITLIB_SMTP_STARTTLS": "0", "AUDITLIB_SMTP_FROM": "audits@example.org"})


@pytest.fixture
def url(tmp_path):
    return sqlite_url(tmp_path)


@pytest.fixture
def store(url):
    """lead, ash, mo, pat (the child's worker, team North), tm (North's manager), tm2 (South's)
    with email addresses; bo, an auditor, without one."""
    with open_store(url, {"lead": "lead_auditor"}) as s:
        s.update_user("lead", user="lead", email=EMAILS["lead"])
        for name, role in PEOPLE.items():
            if name != "lead":
                s.add_user(name, roles=[role], user="lead", email=EMAILS.get(name),
                           team=TEAMS.get(name), display_name=f"{name.title()} Example")
        yield s


def new_audit(store, child_id="C123", auditor="ash", moderator=None, worker="pat",
              team="North") -> int:
    [(audit_id, _)] = store.add_audits([{
        "framework": "scaled-social-care", "child_id": child_id, "auditor": auditor,
        "moderator": moderator, "worker": worker, "team": team, "month": "2026-11",
        "due_date": "2026-11-16"}], user="lead")
    return audit_id


def finalised_audit(store, actions=(), **kw) -> int:
    audit_id = new_audit(store, **kw)
    complete(store, audit_id, evidence=f"Evidence: {SECRET}.", impact=f"Impact {SECRET}.")
    for action in actions:
        store.add_action(audit_id, user="ash", **action)
    store.submit(audit_id, user="ash")
    store.finalise(audit_id, user="mo")
    return audit_id


def run(store, smtp, on=TODAY, user="lead", **kw):
    return send_digests(store, smtp, on, user=user, public_url="https://audits.example.org/",
                        **kw)


def days(n: int) -> str:
    return (TODAY + dt.timedelta(days=n)).isoformat()


# ----------------------------------------------------------------------------- what is sent

def test_allocation_emails_the_auditor_and_the_moderator(store, smtp, smtpd):
    audit_id = new_audit(store, moderator="mo")
    result = run(store, smtp)
    got = smtpd.take()
    assert set(got) == {"ash@example.org", "mo@example.org"}
    ash = got["ash@example.org"]
    assert ash.message["Subject"] == "Audit of child C123 allocated to you"
    assert ash.to == "ash@example.org" and ash.mail_from == "audits@example.org"
    assert f"Child C123, audit {audit_id}: allocated to you to audit" in ash.body
    assert (f"https://audits.example.org/voila/render/audit.ipynb?audit_id={audit_id}"
            in ash.body)
    assert "token" not in ash.body.lower()
    assert got["mo@example.org"].message["Subject"] == "Audit of child C123 for you to moderate"
    assert "moderation.ipynb?audit_id=" in got["mo@example.org"].body
    assert result.sent == {"ash": [f"audit.{audit_id}.allocated.ash"],
                           "mo": [f"audit.{audit_id}.moderating.mo"]}
    # the record: one history row per digest, read back
    assert store.find_notices_sent("ash") == {f"audit.{audit_id}.allocated.ash"}


def test_a_second_run_sends_nothing_and_a_new_event_only_itself(store, smtp, smtpd):
    first = new_audit(store)
    run(store, smtp)
    assert set(smtpd.take()) == {"ash@example.org"}
    assert run(store, smtp).sent == {}
    assert smtpd.take() == {}
    second = new_audit(store, child_id="C124")
    result = run(store, smtp)
    got = smtpd.take()
    assert set(got) == {"ash@example.org"}
    assert result.sent == {"ash": [f"audit.{second}.allocated.ash"]}
    body = got["ash@example.org"].body
    assert f"audit {second}" in body and f"audit {first}:" not in body


def test_returned_emails_the_auditor_without_the_reason(store, smtp, smtpd):
    audit_id = new_audit(store)
    complete(store, audit_id, evidence=f"Evidence {SECRET}.")
    store.submit(audit_id, user="ash")
    run(store, smtp)
    smtpd.take()
    store.return_to_auditor(audit_id, user="mo", reason=f"Revisit {SECRET} please")
    result = run(store, smtp)
    got = smtpd.take()
    assert set(got) == {"ash@example.org"}
    assert got["ash@example.org"].message["Subject"] == "Audit of child C123 returned to you"
    assert "returned to you by the moderator" in got["ash@example.org"].body
    assert result.sent == {"ash": [f"audit.{audit_id}.returned.1"]}
    # returned again after a resubmission: news again
    store.submit(audit_id, user="ash")
    store.return_to_auditor(audit_id, user="mo", reason="Once more")
    assert run(store, smtp).sent == {"ash": [f"audit.{audit_id}.returned.2"]}


def test_finalised_emails_the_auditor_the_worker_and_the_team_manager(store, smtp, smtpd):
    audit_id = new_audit(store)
    run(store, smtp)
    smtpd.take()
    complete(store, audit_id, evidence=f"Evidence {SECRET}.")
    store.submit(audit_id, user="ash")
    store.finalise(audit_id, user="mo")
    run(store, smtp)
    got = smtpd.take()
    # tm2 manages another team; mo finalised it and is not told
    assert set(got) == {"ash@example.org", "pat@example.org", "tm@example.org"}
    for m in got.values():
        assert m.message["Subject"] == "Audit of child C123 finalised"
        assert f"Child C123, audit {audit_id}: finalised" in m.body
    # the auditor's link opens the audit; the worker's and manager's their page to respond
    assert f"/audit.ipynb?audit_id={audit_id}" in got["ash@example.org"].body
    for who in ("pat", "tm"):
        body = got[f"{who}@example.org"].body
        assert f"/practice.ipynb?audit_id={audit_id}" in body
        assert "record your response" in body


def test_actions_due_and_overdue(store, smtp, smtpd):
    audit_id = finalised_audit(store, actions=[
        {"action": f"Visit {SECRET} weekly", "owner": "Pat Example", "due": days(3)},
        {"action": f"Update the plan {SECRET}", "owner": "Someone Else", "due": days(-10)},
        {"action": "Later", "owner": "pat", "due": days(30)}])
    actions = {a["due"]: a["action_id"] for a in store.find_actions(audit_id=audit_id)}
    result = run(store, smtp)
    got = smtpd.take()
    week = notify.iso_week(TODAY)
    due, overdue = actions[days(3)], actions[days(-10)]
    # the owner text names pat (display name); the other owner is nobody: the worker, pat
    assert set(result.sent["pat"]) == {f"audit.{audit_id}.finalised.1",
                                       f"action.{due}.due.{days(3)}",
                                       f"action.{overdue}.overdue.{week}"}
    assert set(result.sent["tm"]) == {f"audit.{audit_id}.finalised.1",
                                      f"action.{overdue}.overdue.{week}"}
    assert result.sent["lead"] == [f"overdue.{week}"]
    pat = got["pat@example.org"]
    assert pat.message["Subject"] == "Case file audits: 3 updates for you"
    assert f"action {due} is due on" in pat.body
    assert f"/practice.ipynb?audit_id={audit_id}" in pat.body
    assert f"action {overdue} was due on" in pat.body and "(10 days overdue)" in pat.body
    assert "1 action overdue in 1 audit" in got["lead@example.org"].body
    # the same week: no second overdue reminder; next week: one
    assert run(store, smtp).sent == {}
    later = run(store, smtp, on=TODAY + dt.timedelta(days=7))
    assert f"action.{overdue}.overdue.{notify.iso_week(TODAY + dt.timedelta(days=7))}" \
        in later.sent["pat"]
    # signed off: no more reminders
    store.sign_off_action(audit_id, overdue, user="lead", signed_off_on=TODAY)
    fortnight = run(store, smtp, on=TODAY + dt.timedelta(days=14)).sent
    assert not any(k.startswith(f"action.{overdue}.") for keys in fortnight.values()
                   for k in keys)
    assert f"action.{due}.overdue.{notify.iso_week(TODAY + dt.timedelta(days=14))}" \
        in fortnight["pat"]  # the one due soon is late now


def test_actions_of_an_audit_not_yet_finalised_are_not_sent(store, smtp, smtpd):
    audit_id = new_audit(store)
    store.add_action(audit_id, user="ash", action="x", owner="pat", due=days(-3))
    assert set(run(store, smtp).sent) == {"ash"}  # the allocation only


def test_a_person_without_an_email_is_skipped_and_listed(store, smtp, smtpd):
    new_audit(store, auditor="bo")
    result = run(store, smtp)
    assert smtpd.take() == {}
    assert result.no_email == ["bo"] and result.sent == {}
    assert store.find_notices_sent("bo") == set()
    # the worker named by the sample who is no user of the store: also nobody to send to
    finalised_audit(store, child_id="C124", worker="ghost")
    assert "ghost" in run(store, smtp).no_email


def test_no_secret_words_in_any_email(store, smtp, smtpd):
    audit_id = finalised_audit(store, actions=[
        {"action": f"Do {SECRET}", "owner": f"{SECRET} person", "due": days(-2)},
        {"action": f"Soon {SECRET}", "owner": "pat", "due": days(1)}])
    store.reopen(audit_id, user="lead", reason=f"Reopened: {SECRET}")
    store.submit(audit_id, user="ash")
    store.return_to_auditor(audit_id, user="mo", reason=f"Because {SECRET}")
    other = finalised_audit(store, child_id="C777",
                            actions=[{"action": SECRET, "owner": "ash", "due": days(-40)}])
    run(store, smtp)
    got = smtpd.take()
    assert len(got) >= 4
    for m in got.values():
        assert SECRET.lower() not in m.raw.decode("ascii", "replace").lower()
        assert SECRET.lower() not in m.body.lower()
        assert "Example" not in m.body  # nobody's name, the recipient's included
    assert f"audit {other}" in got["ash@example.org"].body


def test_a_hostile_child_id_cannot_add_headers(store, smtp, smtpd):
    encoded = "C9=?utf-8?b?QmNjOiBldmlsQGV4YW1wbGUub3Jn?="  # "Bcc: evil@example.org"
    new_audit(store, child_id=encoded)
    run(store, smtp)
    [m] = smtpd.take().values()
    assert m.rcpt_tos == ["ash@example.org"]
    assert m.message["Subject"] == "Case file audits: 1 update for you"
    head = m.raw.split(b"\r\n\r\n", 1)[0].decode("ascii")
    assert "=?utf-8?b?QmNj" not in head and "bcc" not in head.lower()
    assert "evil" not in m.message["Subject"]
    # the store refuses a line break in a child id; one written before the checks is harmless
    with store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE audits SET child_id = ? WHERE child_id = ?",
                             ("C10\r\nBcc: evil@example.org\r\nSubject: x", encoded))
    store.add_audit(framework="scaled-social-care", child_id="C11", auditor="lead", user="lead")
    with store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE audits SET child_id = ? WHERE child_id = 'C11'",
                             ("C11\r\nBcc: evil@example.org",))
    run(store, smtp)
    [m] = smtpd.take().values()
    assert m.rcpt_tos == ["lead@example.org"]
    head = m.raw.split(b"\r\n\r\n", 1)[0].decode("ascii")
    assert "bcc" not in head.lower() and len(re.findall(r"(?im)^subject:", head)) == 1
    assert "C11??Bcc" in m.body  # shown, on one line


def test_a_refused_recipient_is_not_recorded_and_is_tried_again(store, smtp, smtpd):
    audit_id = new_audit(store, moderator="mo")
    smtpd.refuse.add("ash@example.org")
    result = run(store, smtp)
    assert set(smtpd.take()) == {"mo@example.org"}
    assert "550" in result.failed["ash"] and result.pending == {"ash": [
        f"audit.{audit_id}.allocated.ash"]}
    smtpd.refuse.clear()
    assert run(store, smtp).sent == {"ash": [f"audit.{audit_id}.allocated.ash"]}


def test_dry_run_and_no_smtp_send_and_record_nothing(store, smtp, smtpd):
    new_audit(store)
    for settings, dry in ((smtp, True), (None, False)):
        result = run(store, settings, dry_run=dry)
        assert result.sent == {} and list(result.pending) == ["ash"]
    assert smtpd.take() == {} and store.find_notices_sent() == set()


def test_only_a_lead_auditor_sends(store, smtp, smtpd):
    new_audit(store)
    for who in ("ash", "tm", "stranger"):
        with pytest.raises(PermissionRefused):
            run(store, smtp, user=who)
    with pytest.raises(PermissionRefused):
        store.add_notices_sent("ash", ["audit.1.allocated.ash"], user="ash")
    assert smtpd.take() == {}


def test_starttls_is_required_unless_turned_off(store, smtpd):
    new_audit(store)
    settings = SmtpSettings.from_environment({
        "AUDITLIB_SMTP_HOST": "127.0.0.1", "AUDITLIB_SMTP_PORT": str(smtpd.port),
        "AUDITLIB_SMTP_FROM": "audits@example.org"})
    assert settings.starttls
    with pytest.raises(DeliveryError, match="does not offer STARTTLS"):
        run(store, settings)
    assert smtpd.take() == {} and store.find_notices_sent() == set()


# ---------------------------------------------------------------------------- settings

def settings(**env: str) -> SmtpSettings | None:
    return SmtpSettings.from_environment({f"AUDITLIB_SMTP_{k}": v for k, v in env.items()})


def test_settings(tmp_path):
    assert settings() is None
    s = settings(HOST="smtp.example.gov.uk", FROM="a@example.gov.uk")
    assert (s.port, s.starttls, s.username, s.password) == (587, True, None, None)
    assert settings(HOST="smtp.example.gov.uk", FROM="a@example.gov.uk", STARTTLS="0").port == 25
    secret = tmp_path / "password"
    secret.write_text("p4ss\n")
    secret.chmod(0o600)
    s = settings(HOST="smtp.example.gov.uk", FROM="a@example.gov.uk", USER="svc",
                 PASSWORD_FILE=str(secret))
    assert (s.username, s.password) == ("svc", "p4ss") and "p4ss" not in repr(s)


@pytest.mark.parametrize(("env", "named"), [
    ({"FROM": "a@example.org"}, "AUDITLIB_SMTP_FROM is set but AUDITLIB_SMTP_HOST is not"),
    ({"HOST": "smtp.example.org"}, "AUDITLIB_SMTP_FROM is not set"),
    ({"HOST": "smtp://x", "FROM": "a@example.org"}, "AUDITLIB_SMTP_HOST:"),
    ({"HOST": "x", "FROM": "a@example.org", "PORT": "99999"}, "AUDITLIB_SMTP_PORT:"),
    ({"HOST": "x", "FROM": "a@example.org", "STARTTLS": "yes"}, "AUDITLIB_SMTP_STARTTLS:"),
    ({"HOST": "x", "FROM": "a@b.org, c@d.org"}, "AUDITLIB_SMTP_FROM is not one"),
    ({"HOST": "x", "FROM": "a@example.org", "USER": "svc"}, "AUDITLIB_SMTP_PASSWORD_FILE is "
                                                            "not set"),
    ({"HOST": "x", "FROM": "a@example.org", "PASSWORD": "p"}, "AUDITLIB_SMTP_PASSWORD is set"),
    ({"HOST": "x", "FROM": "a@example.org", "USER": "svc", "PASSWORD_FILE": "/nonexistent"},
     "AUDITLIB_SMTP_PASSWORD_FILE: cannot read"),
])
def test_bad_settings_are_one_line_naming_the_variable(env, named):
    with pytest.raises(SmtpSettingsError) as caught:
        settings(**env)
    assert named in str(caught.value) and "\n" not in str(caught.value)


def test_the_password_file_must_be_private_and_never_go_in_clear(tmp_path):
    secret = tmp_path / "password"
    secret.write_text("p4ss\n")
    secret.chmod(0o644)
    base = {"HOST": "smtp.example.org", "FROM": "a@example.org", "USER": "svc",
            "PASSWORD_FILE": str(secret)}
    with pytest.raises(SmtpSettingsError, match="can be read by everyone"):
        settings(**base)
    secret.chmod(0o600)
    with pytest.raises(SmtpSettingsError, match="unencrypted"):
        settings(**base, STARTTLS="0")
    assert settings(**{**base, "HOST": "127.0.0.1"}, STARTTLS="0").password == "p4ss"


# --------------------------------------------------------------------------- the command

def cli(url, *args, env=None, user="lead"):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("AUDITLIB_SMTP_")
             and k != "AUDITLIB_PUBLIC_URL"}
    return subprocess.run([sys.executable, "-m", "auditlib", "notify", "--store", url,
                           "--user", user, *args], capture_output=True, text=True,
                          env={**clean, **(env or {})}, timeout=120)


def test_the_command(store, url, smtpd):
    new_audit(store)
    new_audit(store, child_id="C200", auditor="bo")
    smtp_env = {"AUDITLIB_SMTP_HOST": "127.0.0.1", "AUDITLIB_SMTP_PORT": str(smtpd.port),
                "AUDITLIB_SMTP_STARTTLS": "0", "AUDITLIB_SMTP_FROM": "audits@example.org",
                "AUDITLIB_PUBLIC_URL": "https://audits.example.org"}
    # no mail server: one line, exit 0, nothing sent
    done = cli(url)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines() == [
        "no mail server configured (AUDITLIB_SMTP_HOST is not set): nothing sent; 2 people "
        "have updates waiting on their pages"]
    # a dry run says who would be sent what
    done = cli(url, "--dry-run", env=smtp_env)
    assert done.returncode == 0 and "would send ash: 1 update (audit.1.allocated.ash)" \
        in done.stdout
    assert smtpd.take() == {}
    # only a lead auditor
    done = cli(url, env=smtp_env, user="ash")
    assert done.returncode == 2 and done.stderr.startswith("auditlib: 'ash' is not a lead")
    # wrong settings: one line naming the variable, exit 2
    done = cli(url, env={**smtp_env, "AUDITLIB_SMTP_PORT": "many"})
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "auditlib: AUDITLIB_SMTP_PORT: 'many' is not a port number (1 to 65535)"]
    done = cli(url, "--on", "2026-02-30", env=smtp_env)
    assert done.returncode == 2 and "--on" in done.stderr
    # sent
    done = cli(url, env=smtp_env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["sent 1 digest: ash",
                                        "1 person has no email address: bo"]
    got = smtpd.take()
    assert "https://audits.example.org/voila/render/audit.ipynb?audit_id=1" \
        in got["ash@example.org"].body
    done = cli(url, "--json", env=smtp_env)
    assert '"sent": {}' in done.stdout and '"no_email": [\n    "bo"\n  ]' in done.stdout
    # the server refuses a recipient: exit 1, said on stderr
    new_audit(store, child_id="C300")
    smtpd.refuse.add("ash@example.org")
    done = cli(url, env=smtp_env)
    assert done.returncode == 1 and "could not send to ash" in done.stderr
    # the server is gone: exit 1, one line
    done = cli(url, env={**smtp_env, "AUDITLIB_SMTP_PORT": str(free_port())})
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[0].startswith(
        "auditlib: cannot reach the mail server 127.0.0.1:")
