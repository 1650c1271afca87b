"""The landing page in words: framework titles, statuses and people's names, not ids."""
from __future__ import annotations

from auditlib.pages.home import home_html


def test_the_home_page_names_frameworks_statuses_and_people_in_words(store):
    store.add_user("amy", roles=["auditor"], user="lead", display_name="Amy Auditor")
    mine = store.add_audit(framework="full-audit", child_id="C1", auditor="amy", user="lead",
                           moderator="mo", due_date="2026-11-15")
    page = home_html(store, "amy")
    assert "Signed in as Amy Auditor" in page
    assert "Full audit of an individual child" in page and "— full-audit" not in page
    assert "in progress" in page and "in_progress" not in page
    from tests.stores import submitted_audit

    submitted_audit(store, auditor="amy", moderator="mo", evidence="e", impact="For Sam")
    page = home_html(store, "mo")
    assert "by Amy Auditor — Social care case file audit" in page
    assert f"audit.ipynb?audit_id={mine}" not in page
