"""Script injection through every text a person can type (and every id that reaches a page):
each page, the board report and the Word export show it as text, never as markup.

The payloads are stored through the store's own verbs, as the pages save them; then every HTML
the pages hand to the browser (every ``HTML`` widget's value, and the report) is searched for
the payloads' markup unescaped."""
from __future__ import annotations

import contextlib
import re
from typing import Any

import ipywidgets as w
import pytest

from auditlib.exceptions import AuditlibError
from auditlib.month.report import monthly_report
from auditlib.pages.audit import AuditWorkbook
from auditlib.pages.consistency import ConsistencyDashboard
from auditlib.pages.home import home_html
from auditlib.pages.lead import LeadAuditorWorkbook
from auditlib.pages.moderation import ModerationWorkbook
from tests.stores import GRADED, open_store, sqlite_url

PAYLOAD = ("<script>PWN1</script><img src=x onerror=PWN2>\"><svg onload=PWN3>"
           "' onmouseover='PWN4 {{PWN5}} ${PWN6} javascript:PWN7")
#: the payloads' markup, which must never reach a page unescaped
MARKUP = [re.compile(p, re.IGNORECASE) for p in (
    r"<script>PWN1", r"<img src=x onerror=PWN2", r"<svg onload=PWN3", r"onmouseover='PWN4",
    r"href=['\"]?javascript:PWN7")]


def html_of(widget: Any) -> list[str]:
    """Every HTML string a page's widgets give the browser as markup."""
    out, stack, seen = [], [widget], set()
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, (w.HTML, w.HTMLMath)):
            out.append(item.value)
        for attr in ("children", "widget"):
            value = getattr(item, attr, None)
            if isinstance(value, (list, tuple)):
                stack.extend(value)
            elif isinstance(value, w.Widget):
                stack.append(value)
    return out


def assert_inert(pages: list[str]) -> None:
    for page in pages:
        for markup in MARKUP:
            assert not markup.search(page), f"{markup.pattern} unescaped in: {page[:300]}"


@pytest.fixture
def store(tmp_path, people):
    """tests/conftest.py's store with the payload as everyone's name and service area."""
    with open_store(sqlite_url(tmp_path), people, display_name=PAYLOAD,
                    service_area=PAYLOAD) as s:
        yield s


@pytest.fixture
def audit(store):
    """A finalised audit with the payload in every text, the child's id included."""
    audit_id = store.add_audit(framework="scaled-social-care", child_id="C<img src=x onerror=PWN2>",
                               auditor="ash", user="lead", moderator="mo", month="2026-11",
                               due_date="2026-11-15")
    fw = store.framework_of(audit_id)
    for field in fw.header:
        # a header field with fixed choices or a date refuses it: only free text takes it
        with contextlib.suppress(AuditlibError):
            store.save_header(audit_id, field.id, PAYLOAD, user="ash")
    for sid in GRADED:
        store.save_answer(audit_id, sid, user="ash", score=7, evidence=PAYLOAD, impact=PAYLOAD)
    store.save_answer(audit_id, "summary", user="ash", narratives={"summary": PAYLOAD})
    store.save_answer(audit_id, "observations", user="ash",
                      narratives={"working_well": PAYLOAD, "not_working_well": PAYLOAD})
    store.save_answer(audit_id, "grading", user="ash", grade="good",
                      narratives={"team_manager_id": PAYLOAD})
    store.add_action(audit_id, user="ash", action=PAYLOAD, owner=PAYLOAD, due="2026-12-01")
    store.submit(audit_id, user="ash")
    for sid in GRADED:
        store.save_moderation(audit_id, sid, user="mo", score=5, comment=PAYLOAD)
    return audit_id


def test_the_payload_is_stored_as_typed(store, audit):
    """The control: the text reaches the store whole, so the pages below really show it."""
    record = store.find_audit(audit)
    assert record["answers"]["risk"]["evidence"] == PAYLOAD
    assert record["moderation"]["risk"]["comment"] == PAYLOAD


def test_the_auditors_and_the_moderators_pages(store, audit):
    pages = []
    for user in ("ash", "mo", "lead"):
        pages += html_of(AuditWorkbook(store, audit, user=user, save_delay=0).widget)
    pages += html_of(ModerationWorkbook(store, audit, user="mo", save_delay=0).widget)
    pages += html_of(ModerationWorkbook(store, audit, user="ash", save_delay=0).widget)
    assert any("PWN1" in p for p in pages), "the payload is shown somewhere"
    assert_inert(pages)


def test_the_home_pages(store, audit):
    pages = [home_html(store, user) for user in ("ash", "mo", "lead")]
    assert "PWN2" in pages[1], "the child's id is listed to moderate"
    assert_inert(pages)


def test_the_lead_auditors_page_and_the_dashboard(store, audit, tmp_path):
    store.finalise(audit, user="mo")
    lead = LeadAuditorWorkbook(store, user="lead", folder=tmp_path / "lead", month="2026-11")
    dashboard = ConsistencyDashboard(store, "2026-11", user="lead")
    pages = html_of(lead.widget) + html_of(dashboard.widget)
    assert any("PWN2" in p for p in pages), "the child's id is shown on the lead's page"
    assert_inert(pages)


def test_the_board_report(store, audit):
    store.finalise(audit, user="mo")
    report = monthly_report(store, "2026-11")
    assert_inert([report])
    assert "PWN1" not in report  # the report carries no typed text at all
