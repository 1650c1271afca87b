"""The practitioner's and team manager's page, driven as a person drives it (values set, buttons
clicked) on a real SQLite store: the finalised audits of their own cases only, the findings in
words, the response saved, the actions agreed, marked done with evidence and signed off; and
nothing of another worker's audit, however its number is put in the address."""
from __future__ import annotations

import datetime as _dt

import pytest

from auditlib.exceptions import PermissionRefused
from auditlib.pages.home import home_html
from auditlib.pages.practice import PracticePage, open_practice
from auditlib.store import AuditStore
from tests.stores import complete

TODAY = _dt.date(2026, 11, 20)
#: the people: the auditing team, and two teams of social workers with their managers
PRACTICE_PEOPLE = [
    {"name": "lead", "roles": ["lead_auditor"]},
    {"name": "ash", "roles": ["auditor"]},
    {"name": "mo", "roles": ["moderator"]},
    {"name": "pat", "roles": ["practitioner"], "team": "North", "display_name": "Pat Worker"},
    {"name": "tom", "roles": ["team_manager"], "team": "North", "display_name": "Tom Manager"},
    {"name": "sal", "roles": ["practitioner"], "team": "South"},
    {"name": "stu", "roles": ["team_manager"], "team": "South"},
]


def finalised_audit(store: AuditStore, child_id: str, worker: str, team: str,
                    actions: list[tuple[str, str, str]], moderate: bool = True,
                    finalise: bool = True) -> int:
    """A scaled-social-care audit of ``worker``'s case (of ``team``), completed by ash with
    ``actions`` (text, owner, due), moderated (risk down to 5 with a comment) and finalised."""
    [(audit_id, _)] = store.add_audits([{
        "framework": "scaled-social-care", "child_id": child_id, "auditor": "ash",
        "moderator": "mo", "month": "2026-10", "worker": worker, "team": team}], user="lead")
    complete(store, audit_id, evidence="Visits were monthly; Sam was seen alone.",
             impact="For Sam, the plan is clear.")
    for text, owner, due in actions:
        store.add_action(audit_id, user="ash", action=text, owner=owner, due=due)
    store.submit(audit_id, user="ash")
    if moderate:
        store.save_moderation(audit_id, "risk", user="mo", score=5,
                              comment="Visits could be strengthened by a written plan.")
        store.save_moderation(audit_id, "grading", user="mo", grade="requires_improvement")
    if finalise:
        store.finalise(audit_id, user="mo")
    return audit_id


def practice_store(url: str) -> dict[str, int]:
    """A store with the people above: Pat's finalised audit (North) with an action overdue on
    TODAY and one not yet due, Sal's (South), and one of Pat's still in progress."""
    with AuditStore(url, create=True) as store:
        store.add_user("lead", roles=["lead_auditor"], user="lead")
        store.add_users([p for p in PRACTICE_PEOPLE if p["name"] != "lead"], user="lead")
        ours = finalised_audit(store, "PR-NORTH", "pat", "North", [
            ("Book monthly visits and see Sam alone at each.", "pat", "2026-11-01"),
            ("Write the plan with Sam's school by the review.", "Tom Manager", "2099-12-31")])
        theirs = finalised_audit(store, "SECRET-SOUTH", "sal", "South", [
            ("Visit Kim's grandmother about contact.", "sal", "2026-10-01")])
        [(open_, _)] = store.add_audits([{
            "framework": "scaled-social-care", "child_id": "PR-OPEN", "auditor": "ash",
            "month": "2026-11", "worker": "pat", "team": "North"}], user="lead")
    return {"ours": ours, "theirs": theirs, "open": open_}


@pytest.fixture
def practice(tmp_path):
    url = f"sqlite:///{tmp_path / 'audits.sqlite'}"
    audits = practice_store(url)
    with AuditStore(url) as store:
        yield store, audits


def page_for(store, user, audit_id=None):
    return PracticePage(store, audit_id, user=user, save_delay=0, today=TODAY)


def showing(widget, control) -> bool:
    """Whether ``control`` is on the page, inside ``widget``."""
    return widget is control or any(showing(c, control)
                                    for c in getattr(widget, "children", ()))


def shown(page) -> str:
    """Every word the page shows (its HTML, and each control's label and value)."""
    out = []

    def walk(widget):
        for name in ("value", "description", "placeholder", "tooltip"):
            value = getattr(widget, name, None)
            if isinstance(value, str):
                out.append(value)
        for child in getattr(widget, "children", ()):
            walk(child)
    walk(page.widget)
    return "\n".join(out)


def test_the_practitioner_sees_their_finalised_audit_listed_in_words(practice):
    store, audits = practice
    page = page_for(store, "pat")
    listing = page.listing.value
    assert f"practice.ipynb?audit_id={audits['ours']}" in listing
    assert "PR-NORTH" in listing and "October 2026" in listing
    assert "Requires improvement" in listing  # the moderator's overall, not the auditor's Good
    assert "No response yet" in listing
    assert "2 actions open, 1 overdue" in listing
    # not another worker's, not one still in progress
    assert "SECRET-SOUTH" not in listing and "PR-OPEN" not in listing
    assert "Your overdue actions" in page.overdue.value
    assert "Book monthly visits" in page.overdue.value and "Overdue" in page.overdue.value
    assert page.audit is None


def test_the_findings_read_only_with_the_moderators_grade_and_comment(practice):
    store, audits = practice
    page = page_for(store, "pat", audits["ours"])
    findings = page.audit.findings.value
    assert "Overall grade: <strong>Requires improvement</strong> (the moderator's grade)" \
        in findings
    assert ("Grade: <strong>Requires improvement (score 5)</strong>, the moderator's grade. "
            "The auditor gave Good (score 7).") in findings
    assert "The moderator's comment: “Visits could be strengthened by a written plan.”" \
        in findings
    assert "Visits were monthly; Sam was seen alone." in findings
    assert "Grade: <strong>Good (score 7)</strong>" in findings  # a section not moderated


def test_the_practitioner_responds_agrees_and_marks_an_action_done(practice):
    store, audits = practice
    page = page_for(store, "pat", audits["ours"])
    audit = page.audit
    assert audit.response.description == "Your response to the findings"
    audit.response.value = "We have booked the visits; Sam will be seen alone."
    assert "Saved" in audit.status.value
    audit.agree.value = True
    [mine] = [r for r in store.find_responses(audits["ours"]) if r["user_name"] == "pat"]
    assert mine["response"] == "We have booked the visits; Sam will be seen alone."
    assert mine["actions_agreed"] is True
    first = audit.actions[0]
    assert first.evidence.description == "Evidence that action 1 is done"
    assert "Overdue" in first.info.value and "Not done yet" in first.info.value
    first.done_button.click()  # no evidence yet: refused, beside the button
    assert "Type the evidence that action 1 is done first" in first.said.value
    assert store.find_audit(audits["ours"])["actions"][0].get("done_on") is None
    first.evidence.value = "Visits on the file from 3 November; Sam seen alone."
    first.done_button.click()
    action = store.find_audit(audits["ours"])["actions"][0]
    assert action["done_on"] == TODAY.isoformat() and action["done_by"] == "pat"
    assert action["evidence"] == "Visits on the file from 3 November; Sam seen alone."
    assert "Done on 20 November 2026 by Pat Worker: Visits on the file" in first.info.value
    assert "Waiting to be signed off" in first.info.value and "Overdue" not in first.info.value
    assert "No actions are overdue" in page.overdue.value  # done: it waits for its sign-off
    assert not showing(first.widget, first.done_button)  # done: nothing more to press
    assert not showing(first.widget, first.sign_off_button)  # a practitioner never signs off
    assert "Response given; actions agreed" in page.listing.value
    # the page opened again shows what was saved
    again = page_for(store, "pat", audits["ours"])
    assert again.audit.response.value.startswith("We have booked")
    assert again.audit.agree.value is True


def test_the_team_manager_sees_the_response_and_signs_off(practice):
    store, audits = practice
    store.save_response(audits["ours"], user="pat", response="Booked.", actions_agreed=True)
    store.complete_action(audits["ours"], store.find_audit(audits["ours"])["actions"][0]["id"],
                          user="pat", evidence="Visits on file.", done_on=TODAY)
    page = page_for(store, "tom", audits["ours"])
    assert "Your team's overdue actions" in page.overdue.value
    assert "Pat Worker" in page.audit.responses.value and "Booked." in page.audit.responses.value
    assert "Agreed the actions." in page.audit.responses.value
    first, second = page.audit.actions
    assert showing(first.widget, first.sign_off_button)
    # the second action names the team manager as its owner: they may mark it done too
    assert showing(second.widget, second.done_button)
    first.note.value = "Checked the visits on the file."
    first.sign_off_button.click()
    action = store.find_audit(audits["ours"])["actions"][0]
    assert action["signed_off"] == TODAY.isoformat()
    assert action["note"] == "Checked the visits on the file."
    assert "Signed off on 20 November 2026" in first.info.value
    assert not showing(first.widget, first.sign_off_button)
    assert "Overdue" not in first.info.value
    assert "No actions are overdue" in page.overdue.value
    assert "1 action open" in page.listing.value


def test_a_refusal_from_the_store_is_one_line_beside_the_button(practice):
    """Tom's page is open when he moves to the South team: the store refuses his sign-off of a
    North audit's action, and the page says so beside the button, in one line."""
    store, audits = practice
    page = page_for(store, "tom", audits["ours"])
    first = page.audit.actions[0]
    store.update_user("tom", user="lead", team="South")
    first.sign_off_button.click()
    said = first.said.value
    assert "role='alert'" in said and "tom" in said and "\n" not in said
    assert store.find_audit(audits["ours"])["actions"][0]["signed_off"] is None


def test_another_workers_audit_shows_nothing_of_it(practice):
    """The attack: Pat puts Sal's audit's number in the address."""
    store, audits = practice
    for user in ("pat", "tom"):
        page = page_for(store, user, audits["theirs"])
        assert page.audit is None
        words = shown(page)
        assert "SECRET-SOUTH" not in words and "Kim" not in words
        assert f"You cannot open audit {audits['theirs']} here" in page.refused.value
    # an audit of their own case not finalised yet: nothing of it either
    page = page_for(store, "pat", audits["open"])
    assert page.audit is None and "PR-OPEN" not in shown(page)
    assert "cannot open" in page.refused.value
    page = page_for(store, "pat", "12; drop table")
    assert page.audit is None and "No such audit" in page.refused.value


def test_sals_manager_sees_sals_audit_not_pats(practice):
    store, audits = practice
    page = page_for(store, "stu", audits["theirs"])
    assert "SECRET-SOUTH" in page.listing.value and "PR-NORTH" not in page.listing.value
    assert "grandmother about contact" in page.overdue.value
    assert "Book monthly visits" not in page.overdue.value
    assert page.audit is not None


@pytest.mark.parametrize("user", ["ash", "mo", "nobody"])
def test_someone_else_gets_one_line_and_nothing_else(practice, user):
    store, audits = practice
    with pytest.raises(PermissionRefused) as refused:
        page_for(store, user, audits["ours"])
    assert "\n" not in str(refused.value)
    box = open_practice(audits["ours"], store_url=store.url, user=user)
    assert "Your audited cases cannot be opened" in box.value
    assert "PR-NORTH" not in box.value and "Visits" not in box.value


def test_the_lead_auditor_sees_every_finalised_audit_and_signs_off(practice):
    store, audits = practice
    page = page_for(store, "lead", audits["theirs"])
    assert "Overdue actions across the service" in page.overdue.value
    assert "PR-NORTH" in page.listing.value and "SECRET-SOUTH" in page.listing.value
    assert not showing(page.audit.widget, page.audit.response)  # not theirs to respond
    only = page.audit.actions[0]
    only.sign_off_button.click()
    assert store.find_audit(audits["theirs"])["actions"][0]["signed_off"] == TODAY.isoformat()


def test_the_home_page_links_each_to_their_audited_cases(practice):
    store, audits = practice
    pat = home_html(store, "pat", today=TODAY)
    assert "Audits of your cases" in pat
    assert f"practice.ipynb?audit_id={audits['ours']}" in pat
    assert "1 action overdue" in pat and "2 actions open, 1 overdue" in pat
    assert "SECRET-SOUTH" not in pat and "PR-OPEN" not in pat
    tom = home_html(store, "tom", today=TODAY)
    assert "Audits of your team's cases" in tom and "PR-NORTH" in tom
    lead = home_html(store, "lead", today=TODAY)
    assert "2 actions overdue" in lead and "href='practice.ipynb'" in lead
    assert "Audits of your" not in home_html(store, "ash", today=TODAY)



def test_two_tabs_never_write_over_each_other_unawares(practice):
    """The same person with the audit open twice (two tabs): what one saves, the other does not
    write over without a word. Before, the second tab's response replaced the first's, and its
    "Mark done" and "Sign off" replaced the first's evidence, date and note."""
    store, audits = practice
    first, second = (page_for(store, "pat", audits["ours"]).audit for _ in range(2))
    first.response.value = "Visits booked, said the first tab."
    second.response.value = "Not booked yet, said the second."
    assert "changed elsewhere" in second.status.value
    [box] = second.conflict.children
    texts = "".join(c.value for c in box.children[1].children)
    assert "<blockquote>Not booked yet, said the second.</blockquote>" in texts
    assert "<blockquote>Visits booked, said the first tab.</blockquote>" in texts
    assert store.find_responses(audits["ours"])[0]["response"] == \
        "Visits booked, said the first tab."
    keep, use_theirs = box.children[2].children
    assert (keep.description, use_theirs.description) == ("Keep mine", "Use theirs")
    use_theirs.click()
    assert second.response.value == "Visits booked, said the first tab."
    assert not second.conflict.children and "Saved." in second.status.value
    second.response.value = "Booked for Monday."  # nothing changed elsewhere since: saved
    assert store.find_responses(audits["ours"])[0]["response"] == "Booked for Monday."

    one, two = first.actions[0], second.actions[0]
    one.evidence.value = "Visits on the file, said the first tab."
    one.done_button.click()
    two.evidence.value = "A visit on 3 November, said the second."
    two.done_button.click()
    assert "marked done elsewhere" in two.said.value and "role='alert'" in two.said.value
    assert "A visit on 3 November, said the second." in two.said.value  # still shown
    assert "Visits on the file, said the first tab." in two.info.value  # theirs, shown
    assert store.find_audit(audits["ours"])["actions"][0]["evidence"] == \
        "Visits on the file, said the first tab."

    tom = [page_for(store, "tom", audits["ours"]).audit.actions[0] for _ in range(2)]
    tom[0].note.value = "Checked in the first tab."
    tom[0].sign_off_button.click()
    tom[1].note.value = "Checked in the second tab."
    tom[1].sign_off_button.click()
    assert "signed off elsewhere" in tom[1].said.value
    assert store.find_audit(audits["ours"])["actions"][0]["note"] == "Checked in the first tab."
