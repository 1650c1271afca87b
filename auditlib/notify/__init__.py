"""Email notifications: one digest per person per run, of what is new for them.

What is sent, and to whom (each a :class:`Notice`, keyed so that it is sent once):

- an audit allocated: to its auditor (``audit.12.allocated.ash``); to its moderator when one is
  allocated (``audit.12.moderating.mo``);
- an audit returned by its moderator: to its auditor (``audit.12.returned.1``, the first
  return);
- an audit finalised: to its auditor, the child's worker (``audits.worker``) and the managers of
  the child's team (``audit.12.finalised.1``);
- an action of a finalised audit due within :data:`DUE_SOON_DAYS` days (``action.5.due.
  2026-11-20``: a new date is a new reminder) or overdue (``action.5.overdue.2026-W47``: once a
  week while it is): to the person its owner text names, if that names a user, else the child's
  worker; overdue ones to the team's managers too, and one summary line a week to each lead
  auditor (``overdue.2026-W47``).

News of the audits is sent while it still holds and for :data:`LOOKBACK_DAYS` days at most (an
audit since reallocated, resubmitted or reopened is no news; the first run on a store in use does
not send its whole past). What has been sent is read from the store's history, where
:func:`send_digests` records each digest (:meth:`auditlib.store.AuditStore.add_notices_sent`)
right AFTER the server accepts it: a crash between the two sends that digest once more, which
is better than recording first and never sending it.

An email holds ids, dates and links only: never narrative, evidence, grades, reasons or an
action's words; the subject names at most the child's id, and only an id that cannot be read as
anything but text. Without an SMTP server (``AUDITLIB_SMTP_HOST``) nothing is sent and the pages
still show everything.
"""
from __future__ import annotations

import datetime as _dt
import re
import smtplib
import textwrap
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Any

from auditlib.exceptions import AuditlibError, PermissionRefused
from auditlib.notify.settings import (
    DeliveryError,
    SmtpSettings,
    SmtpSettingsError,
    connect,
    email_address,
    public_url_from_environment,
)

__all__ = ["DUE_SOON_DAYS", "LOOKBACK_DAYS", "DeliveryError", "DigestResult", "Notice",
           "SmtpSettings", "SmtpSettingsError", "compose_digest", "iso_week", "pending_notices",
           "public_url_from_environment", "send_digests", "subject"]

#: an action due within this many days (today included) is a reminder
DUE_SOON_DAYS = 7
#: news of an audit older than this is not sent (the pages have it)
LOOKBACK_DAYS = 14
SUBJECT_PREFIX = "Case file audits"


@dataclass(frozen=True)
class Notice:
    """One thing to tell one person: ``key`` is sent once; ``text`` is one line in plain
    words (ids and dates only); ``audit_id`` None for a summary of several audits."""

    key: str
    kind: str
    text: str
    audit_id: int | None = None
    child_id: str | None = None
    #: the page the link opens: the auditor's (audit), the moderator's (moderation), the
    #: practitioner's and team manager's (practice)
    page: str = "audit"

    def link(self, public_url: str | None) -> str | None:
        if public_url is None or self.audit_id is None:
            return None
        return f"{public_url}voila/render/{self.page}.ipynb?audit_id={int(self.audit_id)}"


# ---------------------------------------------------------------------------- what is news

def _day(value: _dt.date | str | None) -> _dt.date:
    if value is None:
        return _dt.date.today()
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    try:
        return _dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise AuditlibError(f"on: {str(value)[:40]!r} is not a date YYYY-MM-DD") from None


def iso_week(day: _dt.date) -> str:
    """The ISO week: an overdue action is a reminder once in each week.

    >>> iso_week(_dt.date(2026, 11, 20))
    '2026-W47'
    """
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _words(day: str) -> str:
    d = _dt.date.fromisoformat(day)
    return f"{d.day} {d:%B %Y}"


class _News:
    """Notices gathered by person, each key once."""

    def __init__(self) -> None:
        self.by_person: dict[str, dict[str, Notice]] = {}

    def tell(self, names: Iterable[str | None], notice: Notice) -> None:
        for name in names:
            if name:
                self.by_person.setdefault(name, {}).setdefault(notice.key, notice)


def _about(audit: Mapping[str, Any]) -> str:
    return f"Child {_one_line(audit['child_id'])}, audit {audit['audit_id']}"


def pending_notices(store: Any, on: _dt.date | str | None = None
                    ) -> dict[str, list[Notice]]:
    """``{user name: notices}`` of everything new for each person ``on`` (default today) that
    they have not been sent yet, by name; each person's audits' news first, then actions.
    Training audits and removed audits are left out."""
    day = _day(on)
    users = store.find_users()
    managers: dict[str, list[str]] = {}
    for u in users:
        if "team_manager" in u["roles"] and u.get("team"):
            managers.setdefault(u["team"], []).append(u["name"])
    audits = {a["audit_id"]: a for a in store.find_audits(training=False)}
    news = _News()
    _audit_news(news, audits, store.find_lifecycle_events(), day, managers)
    _action_news(news, audits, store.find_actions(), day, managers, users)
    sent = store.notices_sent_by_person()
    pending = {}
    for name in sorted(news.by_person):
        fresh = [n for n in news.by_person[name].values() if n.key not in sent.get(name, ())]
        if fresh:
            pending[name] = fresh
    return pending


def _audit_news(news: _News, audits: Mapping[int, Mapping[str, Any]],
                events: list[dict[str, Any]], day: _dt.date,
                managers: Mapping[str, list[str]]) -> None:
    """Allocated, returned, finalised: from the history, while it still holds."""
    since = (day - _dt.timedelta(days=LOOKBACK_DAYS)).isoformat()
    counts: dict[tuple[int, str], int] = {}
    latest: dict[tuple[int, str], tuple[int, str]] = {}  # (audit, status): (nth, when)
    allocated: dict[tuple[int, str], str] = {}  # (audit, role): name, until handed on
    for event in events:
        audit = audits.get(event["audit_id"])
        if audit is None:
            continue
        n, what, new = audit["audit_id"], event["what"], event["new"]
        if what == "status":
            if new in ("returned", "finalised"):
                counts[n, new] = counts.get((n, new), 0) + 1
                latest[n, new] = (counts[n, new], event["at"])
            if new != "returned":  # submitted, finalised: the auditor's part is done
                allocated.pop((n, "auditor"), None)
            if new == "finalised":
                allocated.pop((n, "moderator"), None)
            continue
        created = new if what == "audit" and isinstance(new, dict) else {}
        for role in ("auditor", "moderator"):
            name = created.get(role) if what == "audit" else new if what == role else None
            if name and event["at"][:10] >= since:
                allocated[n, role] = name
            elif what == role:
                allocated.pop((n, role), None)
    for (n, role), name in allocated.items():
        audit = audits[n]
        if name != audit[role]:
            continue  # reallocated since
        if role == "auditor":
            due = f", due {_words(audit['due_date'])}" if _dated(audit["due_date"]) else ""
            news.tell([name], Notice(f"audit.{n}.allocated.{name}", "allocated",
                                     f"{_about(audit)}: allocated to you to audit{due}.", n,
                                     audit["child_id"]))
        else:
            news.tell([name], Notice(f"audit.{n}.moderating.{name}", "moderating",
                                     f"{_about(audit)}: allocated to you to moderate.", n,
                                     audit["child_id"], "moderation"))
    for (n, status), (nth, at) in latest.items():
        audit = audits[n]
        if audit["status"] != status or at[:10] < since:
            continue  # since resubmitted or reopened: no longer news
        if status == "returned":
            news.tell([audit["auditor"]], Notice(
                f"audit.{n}.returned.{nth}", "returned",
                f"{_about(audit)}: returned to you by the moderator; please revisit it and "
                "submit it again.", n, audit["child_id"]))
        else:
            finalised = Notice(f"audit.{n}.finalised.{nth}", "finalised",
                               f"{_about(audit)}: finalised.", n, audit["child_id"])
            news.tell([audit["auditor"]], finalised)
            # the worker and the team's manager respond and agree the actions on their page
            news.tell([audit.get("worker"), *managers.get(audit.get("team") or "", [])],
                      replace(finalised, text=f"{_about(audit)}: finalised; please read the "
                              "findings and record your response.", page="practice"))


def _action_news(news: _News, audits: Mapping[int, Mapping[str, Any]],
                 actions: list[dict[str, Any]], day: _dt.date,
                 managers: Mapping[str, list[str]], users: list[dict[str, Any]]) -> None:
    """Actions of finalised audits (agreed then) due soon or overdue; done or signed off ones
    need nothing. Undated ones cannot be tracked: the tracker lists them."""
    people = {u["name"].casefold(): u["name"] for u in users}
    for u in users:
        if u.get("display_name"):
            key = u["display_name"].strip().casefold()
            # a display name two people share names nobody in particular
            people[key] = "" if key in people and people[key] != u["name"] else u["name"]
    overdue_audits: dict[int, int] = {}
    today, soon = day.isoformat(), (day + _dt.timedelta(days=DUE_SOON_DAYS)).isoformat()
    week = iso_week(day)
    for action in actions:
        audit = audits.get(action["audit_id"])
        due = (action.get("due") or "").strip()
        if audit is None or audit["status"] != "finalised" or action.get("signed_off") \
                or action.get("done_on") or not _dated(due):
            continue
        a_id, n = action["action_id"], audit["audit_id"]
        owner = people.get((action.get("owner") or "").strip().casefold()) or audit.get("worker")
        if today <= due <= soon:
            news.tell([owner], Notice(f"action.{a_id}.due.{due}", "due",
                                      f"{_about(audit)}: action {a_id} is due on "
                                      f"{_words(due)}.", n, audit["child_id"],
                                      "practice"))
        elif due < today:
            overdue_audits[n] = overdue_audits.get(n, 0) + 1
            late = (day - _dt.date.fromisoformat(due)).days
            news.tell([owner, *managers.get(audit.get("team") or "", [])], Notice(
                f"action.{a_id}.overdue.{week}", "overdue",
                f"{_about(audit)}: action {a_id} was due on {_words(due)} and is not done yet "
                f"({late} day{'s' * (late != 1)} overdue).", n, audit["child_id"],
                "practice"))
    if overdue_audits:
        total, ids = sum(overdue_audits.values()), sorted(overdue_audits)
        listed = ", ".join(map(str, ids[:20])) + (f" and {len(ids) - 20} more"
                                                  if len(ids) > 20 else "")
        plural = "s" * (len(ids) != 1)
        news.tell([u["name"] for u in users if "lead_auditor" in u["roles"]], Notice(
            f"overdue.{week}", "overdue",
            f"This week: {total} action{'s' * (total != 1)} overdue in {len(ids)} "
            f"audit{plural} (audit{plural} {listed}); the tracker has the detail."))


def _dated(value: Any) -> bool:
    from auditlib.dates import is_calendar_date

    return isinstance(value, str) and is_calendar_date(value)


def _one_line(value: Any, limit: int = 60) -> str:
    """An id as it may stand in an email's body: printable, on one line, not too long."""
    text = "".join(ch if ch.isprintable() else "?" for ch in str(value))
    return text if len(text) <= limit else text[:limit - 1] + "…"


# ------------------------------------------------------------------------------ the email

#: a child id plain enough to stand in a subject: nothing a mail reader could decode
_SUBJECT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._/-]{0,39}")
_ONE_SUBJECT = {"allocated": "Audit of child {child} allocated to you",
                "moderating": "Audit of child {child} for you to moderate",
                "returned": "Audit of child {child} returned to you",
                "finalised": "Audit of child {child} finalised",
                "due": "An action for child {child} is due soon",
                "overdue": "An action for child {child} is overdue"}


def subject(notices: list[Notice]) -> str:
    """The subject: for one notice what happened and the child's id (if it is a plain id),
    else how many updates."""
    if len(notices) == 1:
        only = notices[0]
        if only.child_id is not None and _SUBJECT_ID.fullmatch(only.child_id):
            return _ONE_SUBJECT[only.kind].format(child=only.child_id)
    count = len(notices)
    return f"{SUBJECT_PREFIX}: {count} update{'s' * (count != 1)} for you"


def compose_digest(user: Mapping[str, Any], notices: list[Notice], public_url: str | None,
                   sender: str = "case-file-audits@localhost") -> EmailMessage:
    """The digest for one person (``user`` a row of ``find_users``, with ``email``): one line
    per notice, each with its link under ``public_url`` when there is one. To: that person
    alone."""
    to = email_address(user.get("email"), "email")
    if to is None:
        raise AuditlibError(f"{user.get('name')!r} has no usable email address")
    lines = ["Hello,", "",
             f"There {'is' if len(notices) == 1 else 'are'} {len(notices)} "
             f"update{'s' * (len(notices) != 1)} for you in the case file audits:", ""]
    for notice in notices:
        lines.extend(textwrap.wrap(f"- {notice.text}", 76, subsequent_indent="  ",
                                   break_long_words=False, break_on_hyphens=False))
        link = notice.link(public_url)
        if link:
            lines.append(f"  {link}")
    lines += ["", "Sign in to see the details." if public_url else
              "Sign in to the case file audits to see the details.",
              "", "This email was sent automatically, once a day at most; it holds ids",
              "and dates only.", ""]
    message = EmailMessage()
    message["Subject"] = subject(notices)
    message["From"] = sender
    message["To"] = to
    message["Date"] = format_datetime(_dt.datetime.now(_dt.timezone.utc))
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no out-of-office replies
    message.set_content("\n".join(lines))
    return message


# ---------------------------------------------------------------------------- sending

@dataclass
class DigestResult:
    """What a run did: digests sent (person: keys), people with news but no usable email
    address, digests the server refused (person: why), and whether mail was configured."""

    configured: bool
    dry_run: bool = False
    sent: dict[str, list[str]] = field(default_factory=dict)
    pending: dict[str, list[str]] = field(default_factory=dict)
    no_email: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)


def send_digests(store: Any, smtp: SmtpSettings | None, on: _dt.date | str | None = None, *,
                 user: str, dry_run: bool = False, public_url: str | None = None
                 ) -> DigestResult:
    """Send each person with news their digest (lead auditor ``user`` only: it reads everyone's
    audits), recording each in the store right after the server accepts it. With no ``smtp``
    or ``dry_run`` nothing is sent or recorded: ``pending`` says what would be."""
    if "lead_auditor" not in store.roles_of(user):
        raise PermissionRefused(user, f"{user!r} is not a lead auditor: only a lead auditor "
                                "sends the notifications (they read everyone's audits)")
    notices = pending_notices(store, on)
    users = {u["name"]: u for u in store.find_users()}
    result = DigestResult(configured=smtp is not None, dry_run=dry_run)
    to_send = []
    for name, items in notices.items():
        row = users.get(name)
        if row is None or email_address(row.get("email"), "email") is None:
            result.no_email.append(name)
        else:
            result.pending[name] = [n.key for n in items]
            to_send.append((row, items))
    if smtp is None or dry_run or not to_send:
        return result
    with connect(smtp) as server:
        for row, items in to_send:
            message = compose_digest(row, items, public_url, smtp.sender)
            try:
                server.send_message(message, from_addr=smtp.sender,
                                    to_addrs=[str(message["To"])])
            except smtplib.SMTPServerDisconnected as exc:
                raise DeliveryError(f"the mail server {smtp.host} closed the connection after "
                                    f"{len(result.sent)} digest(s) were sent: {exc}") from None
            except (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError,
                    smtplib.SMTPSenderRefused) as exc:
                result.failed[row["name"]] = _why(exc)
                continue
            keys = [n.key for n in items]
            store.add_notices_sent(row["name"], keys, user=user)
            result.sent[row["name"]] = keys
            del result.pending[row["name"]]
    return result


def _why(exc: smtplib.SMTPException) -> str:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [f"{code} {msg.decode(errors='replace')}"
                 for code, msg in exc.recipients.values()]
        return "refused: " + "; ".join(codes)
    code, msg = getattr(exc, "smtp_code", ""), getattr(exc, "smtp_error", b"")
    text = msg.decode(errors="replace") if isinstance(msg, bytes) else str(msg)
    return f"refused: {code} {text}".strip()

