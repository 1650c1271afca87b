"""The landing page: a table per group of the signed-in person's work, statuses in words, the
moderator's reason for a return, progress as the audit's own page counts it, the lead auditor's
month in numbers, and the training for a trainee."""
from __future__ import annotations

import datetime as _dt
from html.parser import HTMLParser

from auditlib.pages.home import home_html, open_home
from tests.stores import complete, submitted_audit

TODAY = _dt.date(2026, 11, 20)


class Tables(HTMLParser):
    """The page's tables as {caption: (headers, rows of cell text)}, and its links."""

    def __init__(self, page: str):
        super().__init__()
        self.tables: dict[str, tuple[list[str], list[list[str]]]] = {}
        self.links: dict[str, str] = {}
        self._text: list[str] | None = None
        self._href = ""
        self._link: list[str] | None = None
        self._caption = ""
        self._headers: list[str] = []
        self._rows: list[list[str]] = []
        self.scopes: list[str] = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._headers, self._rows = [], []
        elif tag == "tr":
            self._rows.append([])
        elif tag == "a":
            self._href, self._link = dict(attrs)["href"], []
        elif tag in ("caption", "th", "td"):
            if tag == "th":
                self.scopes.append(dict(attrs).get("scope", ""))
            self._text = []

    def handle_data(self, data):
        for buffer in (self._text, self._link):
            if buffer is not None:
                buffer.append(data)

    def handle_endtag(self, tag):
        if tag == "a":
            self.links[" ".join("".join(self._link or []).split())] = self._href
            self._link = None
            return
        text = " ".join("".join(self._text or []).split())
        if tag == "caption":
            self._caption = text
        elif tag == "th" and len(self._rows) == 1:
            self._headers.append(text)
        elif tag in ("th", "td"):
            self._rows[-1].append(text)
        elif tag == "table":
            self.tables[self._caption] = (self._headers, [r for r in self._rows if r])
        if tag in ("caption", "th", "td"):
            self._text = None


def test_an_auditors_audits_by_due_date_with_progress_status_and_the_reason_for_a_return(store):
    store.add_user("amy", roles=["auditor"], user="lead", display_name="Amy Auditor")
    store.add_user("mia", roles=["moderator"], user="lead", display_name="Mia Moderator")

    def add(child, due, **kw):
        return store.add_audit(framework="scaled-social-care", child_id=child, auditor="amy",
                               user="lead", month="2026-11", due_date=due, **kw)

    later = add("C-LATER", "2026-12-01")
    late = add("C-LATE", "2026-11-15")  # before TODAY, nothing saved yet
    undated = store.add_audit(framework="full-audit", child_id="C-UNDATED", auditor="amy",
                              user="lead", month="2026-11")
    store.save_answer(later, "risk", user="amy", score=7, evidence="Seen.",
                      impact="For the child, safety.")
    back = add("C-BACK", "2026-11-25", moderator="mia")
    complete(store, back, "amy")
    store.submit(back, user="amy")
    store.return_to_auditor(back, user="mia", reason="Say what the plan <b>changed</b>")
    waiting = add("C-WAITING", "2026-11-10", moderator="mia")
    complete(store, waiting, "amy")
    store.submit(waiting, user="amy")
    done = add("C-DONE", "2026-11-05", moderator="mia")
    complete(store, done, "amy")
    store.submit(done, user="amy")
    store.finalise(done, user="mia")

    page = home_html(store, "amy", today=TODAY)
    assert "Signed in as Amy Auditor (auditor)" in page
    parsed = Tables(page)
    headers, rows = parsed.tables["To do: 4 audits, 1 overdue, soonest due first"]
    assert headers == ["Audit", "Framework", "Due", "Status", "Progress"]
    assert [r[0] for r in rows] == [f"Audit {late}: child C-LATE", f"Audit {back}: child C-BACK",
                                    f"Audit {later}: child C-LATER",
                                    f"Audit {undated}: child C-UNDATED"]  # by due, undated last
    by_child = {r[0].rsplit(" ", 1)[1]: r for r in rows}
    assert by_child["C-LATE"][1:] == ["Social care case file audit (0-10 scaled grading)",
                                      "15 November 2026 Overdue",
                                      "Not started", "0 of 8 fields complete"]
    assert by_child["C-LATER"][2:] == ["1 December 2026", "In progress", "1 of 8 fields complete"]
    assert by_child["C-BACK"][3].startswith("Returned to you: Say what the plan <b>changed</b> "
                                            "(Mia Moderator, ")
    assert "<b>changed</b>" not in page  # the moderator's words are text, never markup
    assert by_child["C-BACK"][4] == "8 of 8 fields complete"
    assert by_child["C-UNDATED"][1].startswith("Full audit of an individual child")
    assert by_child["C-UNDATED"][2] == "No due date"
    headers, rows = parsed.tables["With the moderator or finalised: 2 audits"]
    assert headers == ["Audit", "Framework", "Due", "Status"]
    assert [r[3] for r in rows] == [f"Finalised on {_dt.date.today().day} "
                                    f"{_dt.date.today():%B %Y}", "Awaiting moderation"]
    assert "Overdue" not in " ".join(rows[0] + rows[1])  # with the moderator: not late
    assert parsed.links[f"Audit {late}: child C-LATE"] == f"audit.ipynb?audit_id={late}"
    assert set(parsed.scopes) == {"col"}
    # a month of its own: only that month's audits
    assert "C-LATE" not in home_html(store, "amy", month="2026-10", today=TODAY)


def test_a_moderator_sees_what_waits_for_them_in_a_table_with_names_in_words(store):
    store.add_user("amy", roles=["auditor"], user="lead", display_name="Amy Auditor")
    mine = store.add_audit(framework="full-audit", child_id="C1", auditor="amy", user="lead",
                           moderator="mo", due_date="2026-11-15")
    submitted = submitted_audit(store, auditor="amy", moderator="mo", evidence="e",
                                impact="For Sam")
    page = home_html(store, "mo", today=TODAY)
    parsed = Tables(page)
    (caption, (headers, rows)), = parsed.tables.items()
    assert caption.startswith("Submitted for moderation: 1 audit")
    assert headers == ["Audit", "Auditor", "Framework", "Month"]
    assert rows[0][:3] == [f"Audit {submitted}: child C1", "Amy Auditor",
                           "Social care case file audit (0-10 scaled grading)"]
    assert parsed.links[rows[0][0]] == f"moderation.ipynb?audit_id={submitted}"
    assert f"audit_id={mine}'" not in page  # in progress: not the moderator's yet
    assert "Your audits" not in page and "lead_auditor.ipynb" not in page
    store.finalise(submitted, user="mo")
    assert "Nothing is waiting for you to moderate." in home_html(store, "mo", today=TODAY)


def test_the_lead_auditors_month_in_numbers_with_a_link_to_their_page(store):
    for child, status in (("A", None), ("B", "submit"), ("C", "return"), ("D", "finalise")):
        audit = store.add_audit(framework="scaled-social-care", child_id=child, auditor="ash",
                                user="lead", month="2026-11", moderator="mo")
        if status:
            complete(store, audit, "ash")
            store.submit(audit, user="ash")
        if status == "return":
            store.return_to_auditor(audit, user="mo", reason="Look again")
        if status == "finalise":
            store.finalise(audit, user="mo")
    store.add_audit(framework="scaled-social-care", child_id="E", auditor="ash", user="lead",
                    month="2026-10")  # another month: not counted
    page = home_html(store, "lead", today=TODAY)
    parsed = Tables(page)
    headers, rows = parsed.tables["Audits of November 2026 by stage"]
    assert headers == ["Stage", "Audits"]
    assert rows == [["Allocated", "4"], ["In progress", "1"], ["Submitted for moderation", "1"],
                    ["Returned to the auditor", "1"], ["Finalised", "1"]]
    assert "<th scope='row'>Allocated</th>" in page  # each count headed by its stage
    assert "lead_auditor.ipynb" in parsed.links.values()
    assert "consistency.ipynb" in parsed.links.values()
    october = Tables(home_html(store, "lead", month="2026-10", today=TODAY))
    assert october.tables["Audits of October 2026 by stage"][1][0] == ["Allocated", "1"]


def test_a_trainee_is_linked_to_the_training_when_it_is_served_beside_the_page(store, tmp_path):
    page = home_html(store, "tia", today=TODAY)
    assert "ask the lead auditor for their address" in page and "calibration.ipynb" not in page
    assert "Your audits" not in page
    folder = tmp_path / "pages"
    folder.mkdir()
    assert "calibration.ipynb" not in open_home(store_url=store.url, user="tia",
                                                folder=folder).value
    (folder / "calibration.ipynb").write_text("{}", encoding="utf-8")
    shown = open_home(store_url=store.url, user="tia", folder=folder).value
    assert "href='calibration.ipynb'" in shown and "ask the lead auditor" not in shown


def test_someone_with_no_role_is_told_whom_to_ask(store):
    page = home_html(store, "stranger", today=TODAY)
    assert "has no role in the audit store yet: ask the lead auditor" in page
    assert "<table" not in page
