"""The lead auditor's allocation panel, driven without a browser: choose an auditor and a
moderator per audit, save, see the refusal or the change, and the workload follow."""
from __future__ import annotations

import datetime as dt
import html
import re

import pytest

from auditlib.pages.allocation import OTHER_AREA, AllocationPanel
from auditlib.pages.base import Page
from tests.stores import complete

TODAY = dt.date(2026, 11, 20)


@pytest.fixture
def audits(store):
    """Three audits of November 2026, children in two service areas, and a training audit."""
    store.add_user("mel", roles=["moderator"], user="lead", display_name="Mel Moderator")
    ids = [a for a, _ in store.add_audits([
        {"framework": "scaled-social-care", "child_id": child, "auditor": auditor,
         "month": "2026-11", "due_date": "2026-11-15", "service_area": area}
        for child, auditor, area in (("C-A", "ash", "Children in care"),
                                     ("C-B", "bo", "Safeguarding"),
                                     ("C-C", "ash", "Children in care"))], user="lead")]
    store.add_audit(framework="scaled-social-care", child_id="T-1", auditor="tia", user="tia",
                    training=True, month="2026-11")
    return ids


@pytest.fixture
def panel(store, audits):
    page = Page(store, "lead", ("allocate",))
    panel = AllocationPanel(page, "2026-11", today=TODAY)
    panel.refresh()
    return panel


def text(markup: str) -> str:
    """What the HTML says, as a person reads it."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def workload(panel) -> dict[str, list[str]]:
    rows = re.findall(r"<tr>(.*?)</tr>", panel.workload.value)[1:]
    cells = [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r) for r in rows]
    return {c[0]: c[2:] for c in cells}


def test_one_row_per_audit_labelled_with_the_audit_and_the_child(panel, audits):
    assert list(panel.rows) == audits  # the training audit is the trainee's own
    row = panel.rows[audits[1]]
    assert row.auditor.description == f"Auditor for audit {audits[1]}, child C-B"
    assert row.moderator.description == f"Moderator for audit {audits[1]}, child C-B"
    assert row.save_button.description == f"Save audit {audits[1]}"
    facts = text(row.info.value)
    assert facts == (f"Audit {audits[1]} , child C-B Service area: Safeguarding Not started; "
                     "due 15 November 2026 Overdue")
    assert (row.auditor.value, row.moderator.value) == ("bo", "")
    assert row.moderator.label == "None: any moderator may pick it up"


def test_auditors_from_another_service_area_come_first_and_the_childs_own_is_warned(panel,
                                                                                    audits):
    row = panel.rows[audits[1]]  # a Safeguarding child
    labels = [label for label, _ in row.auditor.options]
    # ash works in Safeguarding: listed last, and said so
    assert labels[-1] == "ash — Safeguarding, 2 to audit (the child's own service area)"
    assert [v for _, v in row.auditor.options][-1] == "ash"
    assert row.auditor_note.value == ""
    row.auditor.value = "ash"
    warning = text(row.auditor_note.value)
    assert warning == (f"Warning: ash works in Safeguarding, the child's own service area: "
                       f"{OTHER_AREA}.")
    row.auditor.value = "lead"
    assert row.auditor_note.value == ""
    # moderators: nobody who audits it; the display name where there is one
    moderators = dict((v, label) for label, v in row.moderator.options)
    assert "bo" not in moderators
    assert moderators["mel"] == "Mel Moderator — 0 to moderate"


def test_the_lead_auditor_reassigns_and_the_history_and_workload_follow(panel, store, audits):
    assert workload(panel)["ash"] == ["2", "2", "0"]  # to audit, overdue, to moderate
    row = panel.rows[audits[0]]
    row.auditor.value = "bo"
    row.moderator.value = "mel"
    other = panel.rows[audits[2]]
    other.moderator.value = "mo"  # chosen, not saved yet
    panel.reason.value = "Ash is on leave"
    row.save_button.click()
    assert text(row.result.value) == (f"Audit {audits[0]} saved: auditor ash → bo; moderator "
                                      "none → Mel Moderator.")
    assert "role='status'" in row.result.value
    record = store.find_audit(audits[0])
    assert (record["auditor"], record["moderator"]) == ("bo", "mel")
    assert [(h["what"], h["old"], h["new"], h["user"], h["reason"])
            for h in store.history(audits[0])[1:]] == [
        ("auditor", "ash", "bo", "lead", "Ash is on leave"),
        ("moderator", None, "mel", "lead", "Ash is on leave")]
    loads = workload(panel)
    assert loads["ash"] == ["1", "1", "0"] and loads["bo"] == ["2", "2", "0"]
    assert loads["Mel Moderator"] == ["0", "0", "1"]
    assert other.moderator.value == "mo"  # another row's choice is kept until saved
    assert store.find_audit(audits[2])["moderator"] is None
    # moderator options now leave out the new auditor, and the labels count the new work
    assert "bo" not in {v for _, v in row.moderator.options}
    assert "Mel Moderator — 1 to moderate" in {label for label, _ in row.moderator.options}
    # unallocate the moderator again
    row.moderator.value = ""
    row.save_button.click()
    assert store.find_audit(audits[0])["moderator"] is None
    assert "moderator Mel Moderator → none" in text(row.result.value)


def test_nothing_chosen_is_nothing_saved(panel, store, audits):
    before = store.history(audits[0])
    panel.rows[audits[0]].save_button.click()
    assert "nothing to save" in panel.rows[audits[0]].result.value
    assert store.history(audits[0]) == before


def test_a_refusal_shows_in_words_beside_the_row_and_changes_nothing(panel, store, audits):
    """The audit is submitted after the page was opened: the store refuses the new auditor,
    and the page says why beside that audit."""
    n = audits[1]
    complete(store, n, "bo")
    store.submit(n, user="bo")
    row = panel.rows[n]
    row.auditor.value = "lead"
    row.save_button.click()
    said = text(row.result.value)
    assert said == (f"Audit {n} not saved: audit {n} is submitted for moderation: its auditor "
                    "can be changed only while it is in progress or returned")
    assert "role='alert'" in row.result.value
    assert store.find_audit(n)["auditor"] == "bo"
    assert panel.rows[audits[0]].result.value == ""  # beside that row only
    # shown afresh: the auditor can no longer be chosen, and the page says why in words
    panel.refresh()
    assert row.auditor.disabled and "can be changed only while" in row.auditor_note.value
    row.moderator.value = "mo"  # the moderator still can be
    row.save_button.click()
    assert store.find_audit(n)["moderator"] == "mo"


def test_nobody_is_made_moderator_of_an_audit_they_audit(panel, store, audits):
    store.add_role("mel", "auditor", user="lead")
    panel.refresh()
    row = panel.rows[audits[0]]
    row.auditor.value = "mel"
    row.moderator.value = "mel"
    row.save_button.click()
    assert "'mel' cannot be both the auditor and the moderator" in text(row.result.value)
    assert store.find_audit(audits[0])["auditor"] == "ash"


def test_a_lead_auditor_who_has_lost_the_role_is_refused_on_save(panel, store, audits):
    store.add_user("lead2", roles=["lead_auditor"], user="lead")
    store.add_role("lead", "auditor", user="lead")  # still a user, no longer the lead auditor
    store.remove_role("lead", "lead_auditor", user="lead2")
    row = panel.rows[audits[0]]
    row.moderator.value = "mo"
    row.save_button.click()
    assert "'lead' is not a lead auditor" in text(row.result.value)
    assert store.find_audit(audits[0])["moderator"] is None


def test_a_finalised_audit_keeps_its_allocation(panel, store, audits):
    n = audits[1]
    complete(store, n, "bo")
    store.submit(n, user="bo")
    store.finalise(n, user="mo")
    panel.refresh()
    row = panel.rows[n]
    assert row.auditor.disabled and row.moderator.disabled and row.save_button.disabled
    assert "Finalised: its allocation is kept" in row.moderator_note.value
    assert row.moderator.value == "mo"  # who finalised it


def test_a_bad_month_is_one_line_and_an_empty_month_says_what_to_do(panel):
    panel.month.value = "2026-13"
    panel.refresh()
    assert "aw-status-error" in panel.status.value and "is not a month" in panel.status.value
    assert panel.rows == {}
    panel.month.value = "2026-12"
    panel.refresh()
    assert "No audits for December 2026 yet" in panel.status.value


def test_on_the_lead_auditors_page_it_follows_the_month_tracked(store, audits, tmp_path,
                                                                 lead_at_the_command_line):
    from auditlib.pages.lead import LeadAuditorWorkbook

    page = LeadAuditorWorkbook(store, user="lead", folder=tmp_path / "data", month="2026-10")
    assert page.allocation.rows == {} and "No audits for October 2026" in \
        page.allocation.status.value
    page.tracking.month.value = "2026-11"
    page.tracking.refresh_button.click()  # one month on the page: the allocation follows
    assert list(page.allocation.rows) == audits
    assert "Not allocated" in page.tracking.audits.value  # the tracking names the moderator
    row = page.allocation.rows[audits[0]]
    row.moderator.value = "mel"
    row.save_button.click()
    assert "saved" in row.result.value  # kept: the tracking's refresh rebuilt nothing
    assert "<td>mel</td>" in page.tracking.audits.value


def test_a_choice_changed_elsewhere_since_is_not_saved_over_it(store, audits):
    """Two tabs on the month: one gives audit 1 a moderator, then the other, opened before,
    chooses another. That choice is not saved over the first without a word (it was, saying
    "moderator none → mo"): the row says what is saved now, keeps the choice on screen, and
    saves it when Save is pressed again."""
    page = Page(store, "lead", ("allocate",))
    first, second = (AllocationPanel(page, "2026-11", today=TODAY) for _ in range(2))
    first.refresh()
    second.refresh()
    n = audits[0]
    first.rows[n].moderator.value = "mel"
    first.rows[n].save_button.click()
    row = second.rows[n]
    row.moderator.value = "mo"
    row.save_button.click()
    assert text(row.result.value) == (
        f"Audit {n} not saved: it was changed elsewhere after you opened this page (its "
        "moderator is now Mel Moderator). Your choice is still on screen: press Save again to "
        "replace theirs with it.")
    assert "role='alert'" in row.result.value
    assert store.find_audit(n)["moderator"] == "mel" and row.moderator.value == "mo"
    # pressed again (with an auditor chosen meanwhile), both are saved, knowingly
    row.auditor.value = "bo"
    row.save_button.click()
    assert text(row.result.value) == (f"Audit {n} saved: auditor ash → bo; moderator Mel "
                                      "Moderator → mo.")
    assert [(h["old"], h["new"]) for h in store.history(n) if h["what"] == "moderator"] == \
        [(None, "mel"), ("mel", "mo")]
