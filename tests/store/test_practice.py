"""The practitioner and their team manager, on SQLite and PostgreSQL: a finalised audit goes back
to the child's allocated worker and team, who respond to the findings, agree the actions and mark
them done; the team manager (or the lead auditor) signs them off. Each test attacks as well: the
wrong worker, the wrong team, an audit not yet finalised, ids made up, evidence left out.

The command line and the audit page are tried at the end, on SQLite only.
"""
from __future__ import annotations

import datetime as _dt
import json

import pytest

from auditlib import access
from auditlib.exceptions import (
    AuditNotFound,
    InvalidAudit,
    LifecycleRefused,
    PermissionRefused,
    StoreError,
)
from tests.stores import complete, open_store, sqlite_url

CANARY = "CANARY-PIP-7731"  # in the evidence of pip's child's audit only
PAST, FUTURE = "2020-01-31", "2099-12-31"
HOSTILE_IDS = ("../1", "1 OR 1=1", "1; DROP TABLE audits", "-1", "0", str(10**30), "１", "",
               None, 1.5, "1\n2")

#: name: (roles, team, display name)
PEOPLE = {"pat": (["practitioner"], "North", "Pat Doe"),
          "pip": (["practitioner"], "north", None),
          "sam": (["practitioner"], "South", None),
          "tm": (["team_manager"], "North", None),
          "tms": (["team_manager"], "South", None),
          "loner": (["practitioner"], None, None),       # no team, no cases
          "tmx": (["team_manager"], None, None)}         # a manager with no team yet


def build(store):
    """pat's child's audits at each stage, pip's and sam's finalised ones; ids on ``store.ids``,
    actions on ``store.acts``."""
    for name, (roles, team, display) in PEOPLE.items():
        store.add_user(name, roles=roles, user="lead", team=team, display_name=display)
    specs = {"pat": ("pat", "North"), "pat_in_progress": ("pat", "North"),
             "pat_submitted": ("pat", "North"), "pat_returned": ("pat", "North"),
             "pip": ("pip", " NORTH "), "sam": ("sam", "South")}
    made = store.add_audits([{"framework": "scaled-social-care", "child_id": f"C-{key}",
                              "auditor": "ash", "month": "2026-11", "worker": worker,
                              "team": team} for key, (worker, team) in specs.items()],
                            user="lead")
    store.ids = {key: audit for key, (audit, _) in zip(specs, made, strict=True)}
    store.acts = {}
    for key, audit in store.ids.items():
        if key != "pat_in_progress":  # (complete only to be submitted)
            complete(store, audit, evidence=f"{CANARY} seen." if key == "pip" else "Seen.")
        store.acts[key, "late"] = store.add_action(audit, user="ash", action="Update the plan",
                                                   owner="Social worker", due=PAST)
        store.acts[key, "later"] = store.add_action(audit, user="ash", action="Visit",
                                                    owner="Team manager", due=FUTURE)
        if key == "pip":  # pip's child's action that pat owns (by display name)
            store.acts[key, "pats"] = store.add_action(audit, user="ash", action="Chronology",
                                                       owner=" pat doe ", due=PAST)
        if key != "pat_in_progress":
            store.submit(audit, user="ash")
        if key == "pat_returned":
            store.return_to_auditor(audit, user="mo", reason="Revisit risk")
        if key in ("pat", "pip", "sam"):
            store.finalise(audit, user="mo")
    return store


@pytest.fixture
def store(store):
    return build(store)


def ids(audits):
    return [a["audit_id"] for a in audits]


def trail(store, audit):
    return [(h["user"], h["what"], h["old"], h["new"]) for h in store.history(audit)]


# --------------------------------------------------------------------------- who sees what

def test_each_sees_the_finalised_audits_of_their_cases_or_team(store):
    i = store.ids
    assert ids(store.find_practice_audits("pat")) == [i["pat"]]
    assert ids(store.find_practice_audits("pip")) == [i["pip"]]
    assert ids(store.find_practice_audits("tm")) == [i["pat"], i["pip"]]  # " NORTH " too
    assert ids(store.find_practice_audits("tms")) == [i["sam"]]
    assert ids(store.find_practice_audits("lead")) == [i["pat"], i["pip"], i["sam"]]
    assert store.find_practice_audits("loner") == store.find_practice_audits("tmx") == []
    mine = store.find_practice_audits("pat")[0]
    assert (mine["worker"], mine["team"], mine["status"]) == ("pat", "North", "finalised")
    assert (mine["response"], mine["actions_agreed"]) == (None, False)
    assert (mine["open_actions"], mine["overdue_actions"]) == (2, 1)
    for user in ("ash", "mo", "tia", "nobody"):
        with pytest.raises(PermissionRefused):
            store.find_practice_audits(user)


def test_the_rules_follow_the_store(store):
    """What a page or command asks auditlib.access with the user's team from the store."""
    i = store.ids

    def may(user, key, action="view"):
        return access.may(user, store.roles_of(user), action, store.find_audit(i[key]),
                          team=access.team_of(store, user))

    assert may("pat", "pat") and may("tm", "pat") and may("tm", "pip") and may("tms", "sam")
    assert not may("pat", "pip") and not may("pip", "pat") and not may("tms", "pat")
    assert not may("tm", "sam") and not may("loner", "pat") and not may("tmx", "pat")
    for key in ("pat_in_progress", "pat_submitted", "pat_returned"):
        for user in ("pat", "tm"):
            for action in ("view", "export", "history", "respond"):
                assert not may(user, key, action), (user, key, action)
    for user in ("pat", "tm"):
        assert not may(user, "pat", "edit") and not may(user, "pat", "moderate")
    assert access.team_of(store, "nobody") is None and access.team_of(store, "tm") == "North"


# --------------------------------------------------------------------------- responses

def test_a_response_and_agreed_actions_are_on_record(store):
    audit = store.ids["pat"]
    before = len(store.history(audit))
    store.save_response(audit, user="pat", response="I agree the plan was late.")
    store.save_response(audit, user="pat", actions_agreed=True)
    store.save_response(audit, user="tm", response="Discussed in supervision.",
                        actions_agreed=True)
    store.save_response(audit, user="pat", actions_agreed=True)  # no change, nothing written
    assert trail(store, audit)[before:] == [
        ("pat", "response.pat", None, "I agree the plan was late."),
        ("pat", "response.pat.actions_agreed", False, True),
        ("tm", "response.tm", None, "Discussed in supervision."),
        ("tm", "response.tm.actions_agreed", False, True)]
    responses = store.find_responses(audit)
    assert [(r["user_name"], r["display_name"], r["role"], r["response"], r["actions_agreed"])
            for r in responses] == [
        ("pat", "Pat Doe", "practitioner", "I agree the plan was late.", True),
        ("tm", None, "team_manager", "Discussed in supervision.", True)]
    assert all(r["changed_at"] for r in responses)
    seen = store.find_practice_audits("pat")[0]
    assert (seen["response"], seen["actions_agreed"]) == ("I agree the plan was late.", True)
    store.save_response(audit, user="pat", response="  ")  # cleared, and on record
    assert trail(store, audit)[-1] == ("pat", "response.pat", "I agree the plan was late.", None)
    assert store.find_responses(store.ids["pip"]) == []


RESPOND_REFUSED = [
    ("pat", "pip", "not of a child allocated to them"),       # another worker's child
    ("pip", "pat", "not of a child allocated to them"),
    ("tms", "pat", "not of a child in their team"),           # another team's
    ("tm", "sam", "not of a child in their team"),
    ("loner", "pat", "not of a child allocated to them"),
    ("tmx", "pat", "has no team"),
    ("pat", "pat_in_progress", "once it is finalised"),       # their own, not finalised yet
    ("pat", "pat_submitted", "once it is finalised"),
    ("pat", "pat_returned", "once it is finalised"),
    ("tm", "pat_submitted", "once it is finalised"),
    ("lead", "pat", "is not a practitioner or a team manager"),
    ("ash", "pat", "is not a practitioner or a team manager"),
    ("nobody", "pat", "not a user of this store"),
]


def test_a_response_to_someone_elses_audit_is_refused(store):
    before = {key: store.history(audit) for key, audit in store.ids.items()}
    for user, key, words in RESPOND_REFUSED:
        with pytest.raises(PermissionRefused, match=words) as refused:
            store.save_response(store.ids[key], user=user, response="Mine", actions_agreed=True)
        assert "\n" not in str(refused.value) and CANARY not in str(refused.value)
    assert {key: store.history(audit) for key, audit in store.ids.items()} == before
    assert all(store.find_responses(audit) == [] for audit in store.ids.values())


def test_hostile_audit_ids(store):
    for audit in HOSTILE_IDS:
        with pytest.raises(AuditNotFound):
            store.save_response(audit, user="pat", response="x")
        with pytest.raises(AuditNotFound):
            store.find_responses(audit)
        with pytest.raises(AuditNotFound):
            store.complete_action(audit, 1, user="pat", evidence="x")
        with pytest.raises(AuditNotFound):
            store.sign_off_action(audit, 1, user="tm", signed_off_on=PAST)


def test_a_response_must_be_text_and_agreement_true_or_false(store):
    audit = store.ids["pat"]
    before = store.history(audit)
    with pytest.raises(InvalidAudit, match="actions_agreed: must be true or false"):
        store.save_response(audit, user="pat", actions_agreed="yes")
    with pytest.raises(InvalidAudit):
        store.save_response(audit, user="pat", response={"a": 1})
    assert store.history(audit) == before


# --------------------------------------------------------------------------- actions done

def test_the_worker_marks_an_action_done_with_its_evidence(store):
    audit, action = store.ids["pat"], store.acts["pat", "late"]
    version = store.find_audit(audit)["version"]
    assert store.complete_action(audit, action, user="pat", evidence=" Plan updated 3 May. ",
                                 done_on="2026-05-03") == version + 1
    row = next(a for a in store.find_actions(audit_id=audit) if a["action_id"] == action)
    assert (row["done_on"], row["done_by"], row["evidence"], row["signed_off"]) == (
        "2026-05-03", "pat", "Plan updated 3 May.", None)
    item = next(a for a in store.find_audit(audit)["actions"] if a["id"] == action)
    assert (item["done_on"], item["done_by"], item["evidence"]) == (
        "2026-05-03", "pat", "Plan updated 3 May.")
    assert trail(store, audit)[-1] == ("pat", f"actions.{action}.done", None, {
        "done_on": "2026-05-03", "done_by": "pat", "evidence": "Plan updated 3 May."})
    # done, it waits for the sign-off: no longer overdue, still open
    seen = store.find_practice_audits("pat")[0]
    assert (seen["open_actions"], seen["overdue_actions"]) == (2, 0)
    # the team manager corrects the evidence (today by default): the change is on record
    store.complete_action(audit, action, user="tm", evidence="Plan updated 4 May.")
    assert trail(store, audit)[-1][:3] == ("tm", f"actions.{action}.done", {
        "done_on": "2026-05-03", "done_by": "pat", "evidence": "Plan updated 3 May."})
    assert trail(store, audit)[-1][3]["done_on"] == _dt.date.today().isoformat()


def test_an_action_is_not_done_without_evidence_tomorrow_or_on_no_date(store):
    audit, action = store.ids["pat"], store.acts["pat", "late"]
    before = store.history(audit)
    for evidence in ("", "   ", "\n\t", None):
        with pytest.raises(InvalidAudit) as refused:
            store.complete_action(audit, action, user="pat", evidence=evidence)
        assert str(refused.value) == ("evidence: is required to mark an action done: say what "
                                      "shows it was done")
    tomorrow = (_dt.date.today() + _dt.timedelta(days=1)).isoformat()
    with pytest.raises(InvalidAudit, match="after today"):
        store.complete_action(audit, action, user="pat", evidence="x", done_on=tomorrow)
    with pytest.raises(StoreError, match="calendar date"):
        store.complete_action(audit, action, user="pat", evidence="x", done_on="next week")
    assert store.history(audit) == before


DONE_REFUSED = [
    ("pat", "pip", "late", "not of a child allocated to them"),   # another worker's action
    ("pat", "sam", "late", "not of a child allocated to them"),
    ("pip", "pat", "later", "not of a child allocated to them"),
    ("tms", "pat", "late", "not of a child in their team"),
    ("loner", "pat", "late", "not of a child allocated to them"),
    ("pat", "pat_submitted", "late", "once it is finalised"),     # their own, not finalised
    ("pat", "pat_returned", "late", "once it is finalised"),
    ("pat", "pat_in_progress", "late", "once it is finalised"),
    ("tm", "pat_submitted", "late", "once it is finalised"),
    ("ash", "pat", "late", "is not a practitioner or a team manager or a lead auditor"),
    ("mo", "pat", "late", "is not a practitioner or a team manager or a lead auditor"),
    ("nobody", "pat", "late", "not a user of this store"),
]


def test_marking_someone_elses_action_done_is_refused(store):
    before = {key: store.history(audit) for key, audit in store.ids.items()}
    for user, key, action, words in DONE_REFUSED:
        audit = store.ids[key]
        with pytest.raises(PermissionRefused, match=words):
            store.complete_action(audit, store.acts[key, action], user=user, evidence="Done")
        # an action id made up, or another audit's, tells them nothing more
        for made_up in (store.acts["sam", "late"], 999999, "x"):
            with pytest.raises(PermissionRefused, match=words):
                store.complete_action(audit, made_up, user=user, evidence="Done")
    assert {key: store.history(audit) for key, audit in store.ids.items()} == before
    assert all(a["done_on"] is None for a in store.find_actions())


def test_the_owner_named_by_an_action_marks_it_done(store):
    """pip's child's action names pat (by display name) as its owner: pat may mark it done,
    and nothing else of that audit."""
    audit = store.ids["pip"]
    store.complete_action(audit, store.acts["pip", "pats"], user="pat", evidence="Chronology "
                          "updated.")
    assert trail(store, audit)[-1][:2] == ("pat", f"actions.{store.acts['pip', 'pats']}.done")
    with pytest.raises(PermissionRefused):
        store.complete_action(audit, store.acts["pip", "late"], user="pat", evidence="x")
    with pytest.raises(PermissionRefused):
        store.save_response(audit, user="pat", response="x")
    assert store.find_practice_audits("pat")[0]["audit_id"] == store.ids["pat"]


def test_hostile_action_ids(store):
    audit = store.ids["pat"]
    before = store.history(audit)
    for action in ("x", "1 OR 1=1", "-1", str(10**30), None, "../2", 1.5):
        with pytest.raises(AuditNotFound):
            store.complete_action(audit, action, user="pat", evidence="Done")
        with pytest.raises(AuditNotFound):
            store.sign_off_action(audit, action, user="tm", signed_off_on=PAST)
    with pytest.raises(AuditNotFound):  # another audit's action, through this audit
        store.complete_action(audit, store.acts["pat_submitted", "late"], user="pat",
                              evidence="Done")
    assert store.history(audit) == before


# --------------------------------------------------------------------------- sign-off

def test_the_team_manager_signs_off(store):
    audit, action = store.ids["pat"], store.acts["pat", "late"]
    store.complete_action(audit, action, user="pat", evidence="Plan updated.")
    store.sign_off_action(audit, action, user="tm", signed_off_on="2026-06-01", note="Seen")
    assert trail(store, audit)[-1] == ("tm", f"actions.{action}.signed_off", None,
                                       "2026-06-01")
    seen = store.find_practice_audits("tm")[0]
    assert (seen["open_actions"], seen["overdue_actions"]) == (1, 0)
    with pytest.raises(LifecycleRefused, match="was signed off on 2026-06-01"):
        store.complete_action(audit, action, user="pat", evidence="Again")
    # the lead auditor, a moderator and the audit's auditor still sign off, as before
    for user in ("lead", "mo", "ash"):
        store.sign_off_action(audit, store.acts["pat", "later"], user=user,
                              signed_off_on="2026-06-02")
    store.sign_off_action(store.ids["pat_submitted"], store.acts["pat_submitted", "late"],
                          user="mo", signed_off_on="2026-06-02")


SIGN_OFF_REFUSED = [
    ("pat", "pat", "the child's team manager, a moderator, the audit's auditor or a lead"),
    ("pip", "pip", "the child's team manager, a moderator, the audit's auditor or a lead"),
    ("tms", "pat", "not of a child in their team"),
    ("tm", "sam", "not of a child in their team"),
    ("tmx", "pat", "has no team"),
    ("tm", "pat_submitted", "once it is finalised"),
    ("tm", "pat_returned", "once it is finalised"),
    ("bo", "pat", "allocated to 'ash', not 'bo'"),
    ("tia", "pat", "allocated to 'ash', not 'tia'"),
    ("nobody", "pat", "not a user of this store"),
]


def test_a_sign_off_by_anyone_else_is_refused(store):
    before = {key: store.history(audit) for key, audit in store.ids.items()}
    for user, key, words in SIGN_OFF_REFUSED:
        with pytest.raises(PermissionRefused, match=words):
            store.sign_off_action(store.ids[key], store.acts[key, "late"], user=user,
                                  signed_off_on=PAST)
    assert {key: store.history(audit) for key, audit in store.ids.items()} == before
    assert all(a["signed_off"] is None for a in store.find_actions())


def test_a_team_manager_changes_no_answer_and_moderates_nothing(store):
    for user in ("tm", "pat"):
        for key in ("pat", "pat_in_progress", "pat_returned"):
            audit = store.ids[key]
            before = store.history(audit)
            with pytest.raises(PermissionRefused):
                store.save_answer(audit, "risk", user=user, evidence="Changed by a manager")
            with pytest.raises(PermissionRefused):
                store.add_action(audit, user=user, action="More")
            with pytest.raises(PermissionRefused):
                store.update_action(audit, store.acts[key, "late"], user=user, owner="Nobody")
            assert store.history(audit) == before
        with pytest.raises(PermissionRefused):
            store.save_moderation(store.ids["pat_submitted"], "risk", user=user, comment="x")
        with pytest.raises(PermissionRefused):
            store.finalise(store.ids["pat_submitted"], user=user)
        with pytest.raises(PermissionRefused):
            store.return_to_auditor(store.ids["pat_submitted"], user=user, reason="x")
        with pytest.raises(PermissionRefused):
            store.reopen(store.ids["pat"], user=user, reason="x")


# --------------------------------------------------------------------------- overdue

def test_overdue_actions_for_the_owner_their_manager_and_the_lead(store):
    i, a = store.ids, store.acts

    def overdue(user):
        return sorted(r["action_id"] for r in store.find_overdue_actions(user, on="2026-11-01"))

    assert overdue("pat") == sorted([a["pat", "late"], a["pip", "pats"]])  # owner of pip's too
    assert overdue("pip") == sorted([a["pip", "late"], a["pip", "pats"]])
    assert overdue("tm") == sorted([a["pat", "late"], a["pip", "late"], a["pip", "pats"]])
    assert overdue("tms") == [a["sam", "late"]]
    # the lead auditor: every one, audits not yet finalised too
    assert overdue("lead") == sorted([*(a[key, "late"] for key in i), a["pip", "pats"]])
    assert overdue("loner") == overdue("tmx") == []
    row = next(r for r in store.find_overdue_actions("tm") if r["audit_id"] == i["pip"])
    assert (row["worker"], row["team"], row["child_id"]) == ("pip", " NORTH ", "C-pip")
    assert {"action", "owner", "due", "status", "undated", "auditor"} <= set(row)
    store.complete_action(i["pat"], a["pat", "late"], user="pat", evidence="Done")
    assert a["pat", "late"] not in overdue("pat") and a["pat", "late"] not in overdue("lead")
    for user in ("ash", "mo", "tia", "nobody"):
        with pytest.raises(PermissionRefused):
            store.find_overdue_actions(user)


# --------------------------------------------------------------------------- routes (SQLite)

@pytest.fixture
def routes(tmp_path, people):
    with open_store(sqlite_url(tmp_path), people) as s:
        yield build(s)


def cli(capsys, store, *args, user):
    from auditlib.cli import main

    code = main([*map(str, args), "--store", store.url, "--user", user])
    out, err = capsys.readouterr()
    return code, out, err


def refused(result, words):
    code, out, err = result
    assert code == 2, (code, out, err)
    assert CANARY not in out + err and "C-pip" not in out + err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, lines
    assert words in lines[0], lines[0]
    return lines[0]


@pytest.mark.parametrize("command", [["export", "{id}"], ["export", "{id}", "--json"],
                                     ["history", "{id}"], ["history", "{id}", "--json"]])
def test_the_command_line_reads_only_their_finalised_cases(routes, capsys, command):
    s = routes

    def args(key):
        return [a.format(id=s.ids[key]) for a in command]

    refused(cli(capsys, s, *args("pip"), user="pat"), "not of a child allocated to them")
    refused(cli(capsys, s, *args("pip"), user="tms"), "not of a child in their team")
    refused(cli(capsys, s, *args("pip"), user="loner"), "not of a child allocated to them")
    for key in ("pat_in_progress", "pat_submitted", "pat_returned"):
        refused(cli(capsys, s, *args(key), user="pat"), "once it is finalised")
        refused(cli(capsys, s, *args(key), user="tm"), "once it is finalised")
    code, out, _ = cli(capsys, s, *args("pat"), user="pat")
    assert code == 0 and "C-pat" in out
    code, out, _ = cli(capsys, s, *args("pip"), user="tm")
    assert code == 0 and "C-pip" in out


def test_the_command_line_lists_only_their_finalised_cases(routes, capsys):
    s = routes
    for user, expected in (("pat", ["pat"]), ("tm", ["pat", "pip"]), ("loner", [])):
        code, out, _ = cli(capsys, s, "audits", "--json", user=user)
        assert code == 0 and ids(json.loads(out)) == [s.ids[k] for k in expected]


def test_respond_done_and_sign_off_on_the_command_line(routes, capsys):
    s = routes
    audit, action = s.ids["pat"], s.acts["pat", "late"]
    code, out, _ = cli(capsys, s, "respond", audit, "--response", "Agreed.", "--agree-actions",
                       user="pat")
    assert code == 0 and out.strip() == f"audit {audit}: response recorded and actions agreed"
    refused(cli(capsys, s, "respond", audit, user="pat"), "say what to record")
    refused(cli(capsys, s, "respond", s.ids["pip"], "--agree-actions", user="pat"),
            "not of a child allocated to them")
    refused(cli(capsys, s, "respond", s.ids["pat_submitted"], "--agree-actions", user="pat"),
            "once it is finalised")
    line = refused(cli(capsys, s, "action", "done", audit, action, "--evidence", "", user="pat"),
                   "evidence")
    assert line == ("auditlib: evidence: is required to mark an action done: say what shows it "
                    "was done")
    refused(cli(capsys, s, "action", "done", audit, action, "--evidence", "x", "--on", "soon",
                user="pat"), "--on: 'soon' is not a date YYYY-MM-DD")
    refused(cli(capsys, s, "action", "done", s.ids["pip"], s.acts["pip", "late"], "--evidence",
                "x", user="pat"), "not of a child allocated to them")
    refused(cli(capsys, s, "action", "done", "../1", "1", "--evidence", "x", user="pat"),
            "no such audit")
    refused(cli(capsys, s, "action", "done", audit, "1;2", "--evidence", "x", user="pat"),
            "no such action")
    refused(cli(capsys, s, "action", "done", audit, action, "--evidence", "x", user="nobody"),
            "'nobody' is not a user of this store")
    code, out, _ = cli(capsys, s, "action", "done", audit, action, "--evidence", "Plan updated.",
                       "--on", "2026-05-03", user="pat")
    assert code == 0 and "marked done on 2026-05-03" in out
    refused(cli(capsys, s, "action", "sign-off", audit, action, user="pat"),
            "cannot sign off an action")
    refused(cli(capsys, s, "action", "sign-off", audit, action, user="tms"),
            "not of a child in their team")
    code, out, _ = cli(capsys, s, "action", "sign-off", audit, action, "--on", "2026-06-01",
                       "--note", "Seen", user="tm")
    assert code == 0 and "signed off on 2026-06-01" in out
    whats = [h["what"] for h in s.history(audit)]
    assert whats[-4:] == ["response.pat", "response.pat.actions_agreed",
                          f"actions.{action}.done", f"actions.{action}.signed_off"]
    assert all(h["origin"].startswith("cli:") for h in s.history(audit)[-4:])


def test_actions_on_the_command_line(routes, capsys):
    s = routes
    code, out, _ = cli(capsys, s, "actions", "--overdue", "--on", "2026-11-01", "--json",
                       user="pat")
    assert code == 0
    assert sorted(r["action_id"] for r in json.loads(out)) == sorted(
        [s.acts["pat", "late"], s.acts["pip", "pats"]])
    code, out, _ = cli(capsys, s, "actions", user="tms")
    assert code == 0 and out.strip().endswith("2 actions") and "C-pip" not in out
    refused(cli(capsys, s, "actions", "--overdue", user="ash"), "cannot see the audits of their")
    refused(cli(capsys, s, "actions", user="nobody"), "not a user of this store")


def test_users_add_with_an_email_and_a_team(routes, capsys):
    s = routes
    code, _, err = cli(capsys, s, "users", "add", "kim", "--role", "team_manager", "--email",
                       "kim@example.org", "--team", "East", user="lead")
    assert code == 0, err
    kim = s.find_user("kim")
    assert (kim["roles"], kim["email"], kim["team"]) == (["team_manager"], "kim@example.org",
                                                         "East")
    refused(cli(capsys, s, "users", "add", "lee", "--role", "practitioner", "--email",
                "a@b.org, boss@c.org", user="lead"), "not one email address")


def test_the_audit_page_is_read_only_for_the_worker_and_their_manager(routes):
    from auditlib.pages.audit import AuditWorkbook
    from auditlib.pages.moderation import ModerationWorkbook

    s = routes
    for user in ("pat", "tm"):
        page = AuditWorkbook(s, s.ids["pat"], user=user, save_delay=0)
        assert not page.editable and page.controls()
        assert all(c.disabled for c in page.controls())
        # in their words: whose case it is to them, and where they respond
        assert ("allocated to you" if user == "pat" else "in your team") in page.read_only_note
        assert "Your audited cases" in page.read_only_note
        page = ModerationWorkbook(s, s.ids["pat"], user=user, save_delay=0)
        assert not page.editable
        for key in ("pat_in_progress", "pat_submitted", "pat_returned"):
            with pytest.raises(PermissionRefused, match="once it is finalised"):
                AuditWorkbook(s, s.ids[key], user=user, save_delay=0)
    for user, key in (("pat", "pip"), ("tms", "pat"), ("loner", "pat"), ("tmx", "pat")):
        with pytest.raises(PermissionRefused):
            AuditWorkbook(s, s.ids[key], user=user, save_delay=0)
