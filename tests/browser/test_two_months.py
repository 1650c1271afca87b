"""Two months of a council's audits, end to end, as the people in them do it (issue 14).

November: the lead auditor samples from the children file and generates the month with links
that can be sent; each link opens its auditor's audit and nobody else's; the audits are
completed, moderated and finalised; the child's worker responds, marks an action done, and
their team manager signs it off; the emails arrive. December: the sample is drawn from the
council's Annex A workbook and leaves out November's children. The board report counts the
final grades.

On a real JupyterHub and a PostgreSQL store, with the commands run as the lead auditor runs
them (the installed ``auditlib``), Chromium for the links, and a real SMTP server on loopback.
"""
from __future__ import annotations

import csv
import datetime as dt
import os
import re
import subprocess
import sys
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from auditlib.framework import get_framework
from auditlib.store import AuditStore
from tests.hub import sign_in

pytestmark = pytest.mark.browser
aiosmtpd_controller = pytest.importorskip("aiosmtpd.controller")

TODAY = dt.date.today()
NOVEMBER = f"{TODAY:%Y-%m}"
DECEMBER = f"{TODAY.replace(day=28) + dt.timedelta(days=5):%Y-%m}"
AREAS = ("Safeguarding", "Children in care", "Early help")
#: (name, role, service area, team); lead, ash, bo and mo are the hub's own
PEOPLE = [("cy", "auditor", "Early help", None), ("pat", "practitioner", None, "Locality North"),
          ("tm", "team_manager", None, "Locality North"),
          ("tm2", "team_manager", None, "Locality South")]
#: planted in every narrative and action: no email may carry it
SECRET = "Quillowbarn"


class Inbox:
    """An aiosmtpd handler keeping each message as the server received it."""

    def __init__(self) -> None:
        self.messages: list = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((list(envelope.rcpt_tos),
                              message_from_bytes(envelope.original_content,
                                                 policy=policy.default),
                              envelope.original_content))
        return "250 OK"


@pytest.fixture(scope="module")
def council(tmp_path_factory):
    """A hub for the council's people, and an SMTP server for their emails."""
    from tests.browser.conftest import _free_port
    from tests.hub import running_hub

    inbox = Inbox()
    smtp = aiosmtpd_controller.Controller(inbox, hostname="127.0.0.1", port=_free_port())
    smtp.start()
    try:
        with running_hub(tmp_path_factory.mktemp("council"),
                         more_users=tuple(p[0] for p in PEOPLE)) as hub:
            yield hub, inbox, smtp.port
    finally:
        smtp.stop()


def run(*args, env: dict | None = None):
    """The installed console script, as a person at the command line runs it."""
    script = Path(sys.executable).with_name("auditlib")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "auditlib"]
    return subprocess.run([*command, *map(str, args)], capture_output=True, text=True,
                          timeout=120, env=env)


def lead(*args, store: str, env: dict | None = None):
    """``auditlib ARGS`` as the lead auditor runs it."""
    return run(*args, "--store", store, "--user", "lead", env=env)


def as_user(user: str, *args, store: str):
    return run(*args, "--store", store, "--user", user)


def children_rows(count: int) -> list[dict[str, str]]:
    """Fictional children: every third is pat's (Locality North), the rest another worker's."""
    return [{"child_id": f"TM-{i:03d}", "service_area": AREAS[i % 3],
             "team": "Locality North" if i % 3 == 0 else "Locality South",
             "worker": "pat" if i % 3 == 0 else "wk-south", "status": "open"}
            for i in range(1, count + 1)]


def write_csv(path: Path, rows: list[dict[str, str]], columns: list[str]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, columns)
        writer.writeheader()
        writer.writerows(rows)
    return path


def annex_a(path: Path, rows: list[dict[str, str]]) -> Path:
    """The council's Annex A: the children on List 6 (children in need), a title row above the
    header as exports have, dates as the council's system writes them."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    sheet = book.create_sheet("List 6 - CIN")
    sheet.append(["List 6: Children in need (fictional)"])
    sheet.append(["Child Unique ID", "Gender", "CIN Start Date", "CIN Closure Date",
                  "Allocated Team", "Allocated Worker", "Service Area"])
    for row in rows:
        sheet.append([row["child_id"], "b) Female", "01/02/2026", None, row["team"],
                      row["worker"], row["service_area"]])
    book.save(path)
    return path


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def complete(store: AuditStore, audit_id: int, auditor: str) -> None:
    """Answer every field of the audit's framework, so that it can be submitted."""
    framework = get_framework(store.find_audit(audit_id)["framework"])
    for section in framework.sections:
        grade: dict = {}
        if section.scale is not None and section.kind != "criteria":
            levels = list(section.scale.levels)
            grade = {"score": 7} if section.scale.numeric else {"grade": levels[1]}
        store.save_answer(audit_id, section.id, user=auditor, **grade,
                          narratives={n.id: f"{SECRET} note for {section.id}."
                                      for n in section.narratives})
        for criterion in section.criteria:
            store.save_answer(audit_id, criterion.id, user=auditor,
                              grade=list(section.scale.levels)[1], comment=f"{SECRET} seen.")
    for field in framework.header:
        if field.required and field.type in ("text", "person"):
            store.save_header(audit_id, field.id, "Seen", user=auditor)


def test_two_months_from_the_councils_data_to_the_practitioner_and_back(council, browser,
                                                                         tmp_path):
    hub, inbox, smtp_port = council
    store_url, base = hub["store"], hub["base"]
    mail = dict(os.environ, AUDITLIB_SMTP_HOST="127.0.0.1", AUDITLIB_SMTP_PORT=str(smtp_port),
                AUDITLIB_SMTP_STARTTLS="0", AUDITLIB_SMTP_FROM="audits@example.org",
                AUDITLIB_PUBLIC_URL=f"{base}/hub/user-redirect/")
    # ---- the council's people: the hub's (lead, ash, bo, mo) and the month's others
    for name, role, area, team in PEOPLE:
        args = ["users", "add", name, "--role", role, "--email", f"{name}@example.org"]
        args += ["--service-area", area] if area else ["--team", team]
        assert lead(*args, store=store_url).returncode == 0
    with AuditStore(store_url) as store:
        for name in ("lead", "ash", "bo", "mo"):
            store.update_user(name, email=f"{name}@example.org", user="lead")
    auditors = write_csv(tmp_path / "auditors.csv",
                         [{"auditor": "ash", "service_area": "Safeguarding"},
                          {"auditor": "bo", "service_area": "Children in care"},
                          {"auditor": "cy", "service_area": "Early help"}],
                         ["auditor", "service_area"])
    history = write_csv(tmp_path / "history.csv", [], ["child_id", "audit_date"])
    children = children_rows(45)

    # ---- November: sample from the children file, generate with links that can be sent
    write_csv(tmp_path / "children.csv", children,
              ["child_id", "service_area", "team", "worker", "status"])
    result = lead("sample", tmp_path / "children.csv", "--history", history, "--auditors",
                  auditors, "--month", NOVEMBER, "--seed", "11", "--out",
                  tmp_path / "november.csv", store=store_url)
    assert result.returncode == 0, result.stderr
    november = read(tmp_path / "november.csv")
    assert len(november) == 20
    assert all(row["auditor_service_area"] != row["service_area"] for row in november)
    result = lead("generate", tmp_path / "november.csv", "--out", tmp_path / "november",
                  "--public-url", f"{base}/hub/user-redirect/", store=store_url)
    assert result.returncode == 0, result.stderr
    manifest = read(tmp_path / "november" / "manifest.csv")
    assert len(manifest) == 20
    for row in manifest:
        assert row["link"] == (f"{base}/hub/user-redirect/voila/render/audit.ipynb"
                               f"?audit_id={row['audit_id']}")
    by_auditor = {row["auditor"]: row for row in manifest}
    # the audits know the child's worker and team, from the sample
    with AuditStore(store_url) as store:
        audits = {row["audit_id"]: store.find_audit(row["audit_id"]) for row in manifest}
    for row in manifest:
        child = next(c for c in children if c["child_id"] == row["child_id"])
        assert (audits[row["audit_id"]]["worker"], audits[row["audit_id"]]["team"]) == \
            (child["worker"], child["team"])

    # ---- the allocation emails: one digest each, to the auditor only, the child id at most
    result = lead("notify", store=store_url, env=mail)
    assert result.returncode == 0, result.stderr
    allocated = {tuple(to): message for to, message, _ in inbox.messages}
    assert set(allocated) == {(f"{a}@example.org",) for a in by_auditor}
    for (address,), message in allocated.items():
        assert message["To"] == address
        own = [r for r in manifest if f"{r['auditor']}@example.org" == address]
        assert all(r["link"] in message.get_content() for r in own)
        others = [r for r in manifest if r not in own]
        assert not any(f"audit_id={r['audit_id']}\n" in message.get_content() + "\n"
                       for r in others)
    inbox.messages.clear()

    # ---- the links: each opens its auditor's audit after signing in, and only theirs
    ash_row, bo_row = by_auditor["ash"], by_auditor["bo"]
    context, page = sign_in(browser, base, "ash")
    try:
        page.goto(ash_row["link"])
        page.wait_for_selector(".aw-save-status", timeout=120_000)
        assert ash_row["child_id"] in page.inner_text("body")
        assert page.locator(".aw-evidence-q1 textarea, textarea").first.is_editable()
        page.goto(bo_row["link"])
        page.wait_for_selector("text=/may not|cannot|not allocated|refused/i", timeout=120_000)
        assert bo_row["child_id"] not in page.inner_text("body")
    finally:
        context.close()

    # ---- the month's work: completed, submitted, moderated (one grade changed), finalised
    with AuditStore(store_url) as store:
        pats = [r for r in manifest if audits[r["audit_id"]]["worker"] == "pat"]
        assert pats, "the sample holds none of pat's children: choose another seed"
        for row in manifest:
            audit_id, auditor = int(row["audit_id"]), row["auditor"]
            complete(store, audit_id, auditor)
            if row in pats:
                store.add_action(audit_id, user=auditor, owner="pat",
                                 action=f"Update the chronology ({SECRET})",
                                 due=(TODAY + dt.timedelta(days=3)).isoformat())
            store.submit(audit_id, user=auditor)
            if row is manifest[0]:  # the moderator changes a grade on one
                framework = get_framework(store.find_audit(audit_id)["framework"])
                section = next(s for s in framework.sections if s.scale is not None
                               and not s.scale.numeric and s.kind != "criteria")
                store.save_moderation(audit_id, section.id, user="mo",
                                      grade=list(section.scale.levels)[-1],
                                      comment="The plan is not being followed.")
            store.finalise(audit_id, user="mo")
        pat_audit = int(pats[0]["audit_id"])
        action_id = store.find_audit(pat_audit)["actions"][0]["id"]

    # ---- the finalised audits go back to the worker and the team manager
    result = lead("notify", store=store_url, env=mail)
    assert result.returncode == 0, result.stderr
    recipients = {to[0] for to, _, _ in inbox.messages}
    assert {"pat@example.org", "tm@example.org", "tm2@example.org"} <= recipients
    team_of = {c["child_id"]: c["team"] for c in children}
    for to, message, _ in inbox.messages:  # each manager hears of their own team's children
        named = set(re.findall(r"TM-\d{3}", message.get_content()))
        if to[0] in ("tm@example.org", "pat@example.org"):
            assert named and {team_of[c] for c in named} == {"Locality North"}, named
        if to[0] == "tm2@example.org":
            assert named and {team_of[c] for c in named} == {"Locality South"}, named
    for _, message, raw in inbox.messages:
        assert SECRET.encode() not in raw
        subject = message["Subject"]
        ids = set(re.findall(r"TM-\d{3}", subject))
        for child in children:  # nothing of a child but, at most, one id in the subject
            assert child["team"] not in subject and child["service_area"] not in subject
        assert len(ids) <= 1
    inbox.messages.clear()

    # ---- the practitioner responds, agrees the actions and marks one done; the manager signs
    assert as_user("pat", "respond", pat_audit, "--response", "We agree with the findings.",
                   "--agree-actions", store=store_url).returncode == 0
    assert as_user("pat", "action", "done", pat_audit, action_id, "--evidence",
                   "Chronology updated on the case record.", store=store_url).returncode == 0
    refused = as_user("pat", "action", "sign-off", pat_audit, action_id, store=store_url)
    assert refused.returncode != 0 and "Traceback" not in refused.stderr
    assert as_user("tm", "action", "sign-off", pat_audit, action_id,
                   store=store_url).returncode == 0
    other = next(r for r in manifest if audits[r["audit_id"]]["worker"] != "pat")
    refused = as_user("pat", "respond", other["audit_id"], "--response", "Not mine",
                      store=store_url)
    assert refused.returncode != 0 and "Traceback" not in refused.stderr
    assert as_user("tm2", "export", pat_audit, store=store_url).returncode != 0
    with AuditStore(store_url) as store:
        done = store.find_audit(pat_audit)["actions"][0]
        # signed off by the command line's own clock: a run that crosses midnight signs off
        # on the next day
        assert done["done_by"] == "pat" \
            and TODAY <= dt.date.fromisoformat(done["signed_off"]) <= dt.date.today()
        assert [r["response"] for r in store.find_responses(pat_audit)] == \
            ["We agree with the findings."]
        trail = [h["what"] for h in store.history(pat_audit)]
        assert {"response.pat", f"actions.{action_id}.done",
                f"actions.{action_id}.signed_off"} <= set(trail)

    # ---- December: from the council's Annex A workbook; November's children are left out
    workbook = annex_a(tmp_path / "annex-a.xlsx", children)
    result = lead("sample", workbook, "--history", history, "--auditors", auditors, "--month",
                  DECEMBER, "--seed", "12", "--out", tmp_path / "december.csv", store=store_url)
    assert result.returncode == 0, result.stderr
    december = read(tmp_path / "december.csv")
    assert len(december) == 20
    assert not {r["child_id"] for r in december} & {r["child_id"] for r in november}
    assert {r["framework"] for r in december} == {"full-audit"}  # children in need
    assert all(r["worker"] in ("pat", "wk-south") for r in december)

    # ---- the board report counts November's final grades
    report = tmp_path / "board.html"
    result = lead("report", "--month", NOVEMBER, "--out", report, store=store_url)
    assert result.returncode == 0, result.stderr
    assert "final grades of the 20 finalised audits" in report.read_text(encoding="utf-8")
