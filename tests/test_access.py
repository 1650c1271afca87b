"""auditlib.access against a table written out by hand: role × relationship × action × status.

Each cell lists the statuses in which the action is allowed: i in progress, s submitted,
r returned, f finalised, x removed; "-" never. The relationships are the acting user's to the
audit: their own, their own training audit, allocated to them for moderation, unallocated
(someone else's, no moderator yet), and other (someone else's, moderated by someone else);
then, for the child's worker and team manager, case (a child allocated to them, in another
team), team (another worker's child in their team) and other_team (neither). "aud+mod" holds
both the auditor and the moderator role, "prac+tm" the practitioner and team manager roles.
"""
from __future__ import annotations

import ast
import re
import sys

import pytest

from auditlib import access
from auditlib.exceptions import AuditlibError, PermissionRefused
from tests.conftest import ROOT

AUDIT_TABLE = """
role         relationship view  edit submit moderate finalise return reopen remove export history
lead         own          isrfx ir   ir     -        -        -      f      isrf   isrfx  isrfx
lead         own_training isrfx ir   ir     -        -        -      f      isrf   isrfx  isrfx
lead         allocated    isrfx -    -      s        s        s      f      isrf   isrfx  isrfx
lead         unallocated  isrfx -    -      s        s        s      f      isrf   isrfx  isrfx
lead         other        isrfx -    -      s        s        s      f      isrf   isrfx  isrfx
lead         case         isrfx -    -      s        s        s      f      isrf   isrfx  isrfx
lead         team         isrfx -    -      s        s        s      f      isrf   isrfx  isrfx
lead         other_team   isrfx -    -      s        s        s      f      isrf   isrfx  isrfx
auditor      own          isrf  ir   ir     -        -        -      -      -      isrf   isrf
auditor      own_training isrf  ir   ir     -        -        -      -      -      isrf   isrf
auditor      allocated    -     -    -      -        -        -      -      -      -      -
auditor      unallocated  -     -    -      -        -        -      -      -      -      -
auditor      other        -     -    -      -        -        -      -      -      -      -
auditor      case         -     -    -      -        -        -      -      -      -      -
auditor      team         -     -    -      -        -        -      -      -      -      -
auditor      other_team   -     -    -      -        -        -      -      -      -      -
moderator    own          -     -    -      -        -        -      -      -      -      -
moderator    own_training -     -    -      -        -        -      -      -      -      -
moderator    allocated    srf   -    -      s        s        s      -      -      srf    srf
moderator    unallocated  s     -    -      s        s        s      -      -      s      s
moderator    other        -     -    -      -        -        -      -      -      -      -
moderator    case         -     -    -      -        -        -      -      -      -      -
moderator    team         -     -    -      -        -        -      -      -      -      -
moderator    other_team   -     -    -      -        -        -      -      -      -      -
trainee      own          -     -    -      -        -        -      -      -      -      -
trainee      own_training isrf  ir   ir     -        -        -      -      -      isrf   isrf
trainee      allocated    -     -    -      -        -        -      -      -      -      -
trainee      unallocated  -     -    -      -        -        -      -      -      -      -
trainee      other        -     -    -      -        -        -      -      -      -      -
trainee      case         -     -    -      -        -        -      -      -      -      -
trainee      team         -     -    -      -        -        -      -      -      -      -
trainee      other_team   -     -    -      -        -        -      -      -      -      -
aud+mod      own          isrf  ir   ir     -        -        -      -      -      isrf   isrf
aud+mod      own_training isrf  ir   ir     -        -        -      -      -      isrf   isrf
aud+mod      allocated    srf   -    -      s        s        s      -      -      srf    srf
aud+mod      unallocated  s     -    -      s        s        s      -      -      s      s
aud+mod      other        -     -    -      -        -        -      -      -      -      -
aud+mod      case         -     -    -      -        -        -      -      -      -      -
aud+mod      team         -     -    -      -        -        -      -      -      -      -
aud+mod      other_team   -     -    -      -        -        -      -      -      -      -
practitioner own          -     -    -      -        -        -      -      -      -      -
practitioner own_training -     -    -      -        -        -      -      -      -      -
practitioner allocated    -     -    -      -        -        -      -      -      -      -
practitioner unallocated  -     -    -      -        -        -      -      -      -      -
practitioner other        -     -    -      -        -        -      -      -      -      -
practitioner case         f     -    -      -        -        -      -      -      f      f
practitioner team         -     -    -      -        -        -      -      -      -      -
practitioner other_team   -     -    -      -        -        -      -      -      -      -
team_manager own          -     -    -      -        -        -      -      -      -      -
team_manager own_training -     -    -      -        -        -      -      -      -      -
team_manager allocated    -     -    -      -        -        -      -      -      -      -
team_manager unallocated  -     -    -      -        -        -      -      -      -      -
team_manager other        -     -    -      -        -        -      -      -      -      -
team_manager case         -     -    -      -        -        -      -      -      -      -
team_manager team         f     -    -      -        -        -      -      -      f      f
team_manager other_team   -     -    -      -        -        -      -      -      -      -
prac+tm      own          -     -    -      -        -        -      -      -      -      -
prac+tm      own_training -     -    -      -        -        -      -      -      -      -
prac+tm      allocated    -     -    -      -        -        -      -      -      -      -
prac+tm      unallocated  -     -    -      -        -        -      -      -      -      -
prac+tm      other        -     -    -      -        -        -      -      -      -      -
prac+tm      case         f     -    -      -        -        -      -      -      f      f
prac+tm      team         f     -    -      -        -        -      -      -      f      f
prac+tm      other_team   -     -    -      -        -        -      -      -      -      -
stranger     own          -     -    -      -        -        -      -      -      -      -
stranger     own_training -     -    -      -        -        -      -      -      -      -
stranger     allocated    -     -    -      -        -        -      -      -      -      -
stranger     unallocated  -     -    -      -        -        -      -      -      -      -
stranger     other        -     -    -      -        -        -      -      -      -      -
stranger     case         -     -    -      -        -        -      -      -      -      -
stranger     team         -     -    -      -        -        -      -      -      -      -
stranger     other_team   -     -    -      -        -        -      -      -      -      -
"""

# an audit's findings and actions once it goes back to the child's worker and team manager
ACTIONS_TABLE = """
role         relationship respond complete_action sign_off
lead         own          -       f               isrf
lead         own_training -       f               isrf
lead         allocated    -       f               isrf
lead         unallocated  -       f               isrf
lead         other        -       f               isrf
lead         case         -       f               isrf
lead         team         -       f               isrf
lead         other_team   -       f               isrf
auditor      own          -       -               isrf
auditor      own_training -       -               isrf
auditor      allocated    -       -               -
auditor      unallocated  -       -               -
auditor      other        -       -               -
auditor      case         -       -               -
auditor      team         -       -               -
auditor      other_team   -       -               -
moderator    own          -       -               -
moderator    own_training -       -               -
moderator    allocated    -       -               isrf
moderator    unallocated  -       -               isrf
moderator    other        -       -               isrf
moderator    case         -       -               isrf
moderator    team         -       -               isrf
moderator    other_team   -       -               isrf
trainee      own          -       -               -
trainee      own_training -       -               isrf
trainee      allocated    -       -               -
trainee      unallocated  -       -               -
trainee      other        -       -               -
trainee      case         -       -               -
trainee      team         -       -               -
trainee      other_team   -       -               -
aud+mod      own          -       -               isrf
aud+mod      own_training -       -               isrf
aud+mod      allocated    -       -               isrf
aud+mod      unallocated  -       -               isrf
aud+mod      other        -       -               isrf
aud+mod      case         -       -               isrf
aud+mod      team         -       -               isrf
aud+mod      other_team   -       -               isrf
practitioner own          -       -               -
practitioner own_training -       -               -
practitioner allocated    -       -               -
practitioner unallocated  -       -               -
practitioner other        -       -               -
practitioner case         f       f               -
practitioner team         -       -               -
practitioner other_team   -       -               -
team_manager own          -       -               -
team_manager own_training -       -               -
team_manager allocated    -       -               -
team_manager unallocated  -       -               -
team_manager other        -       -               -
team_manager case         -       -               -
team_manager team         f       f               f
team_manager other_team   -       -               -
prac+tm      own          -       -               -
prac+tm      own_training -       -               -
prac+tm      allocated    -       -               -
prac+tm      unallocated  -       -               -
prac+tm      other        -       -               -
prac+tm      case         f       f               -
prac+tm      team         f       f               f
prac+tm      other_team   -       -               -
stranger     own          -       -               -
stranger     own_training -       -               -
stranger     allocated    -       -               -
stranger     unallocated  -       -               -
stranger     other        -       -               -
stranger     case         -       -               -
stranger     team         -       -               -
stranger     other_team   -       -               -
"""

# the month's pages and commands, by role: no audit decides these
MONTH_TABLE = """
role         list list_all list_others allocate track report dashboard cohort train users practice
lead         yes  yes      yes         yes      yes   yes    yes       yes    yes   yes   yes
auditor      yes  -        -           -        -     -      -         -      yes   yes   -
moderator    yes  -        yes         -        -     -      yes       yes    yes   yes   -
trainee      yes  -        -           -        -     -      -         -      yes   yes   -
aud+mod      yes  -        yes         -        -     -      yes       yes    yes   yes   -
practitioner yes  -        -           -        -     -      -         -      -     -     yes
team_manager yes  -        -           -        -     -      -         -      -     -     yes
prac+tm      yes  -        -           -        -     -      -         -      -     -     yes
stranger     -    -        -           -        -     -      -         -      -     -     -
"""

ROLES = {"lead": {"lead_auditor"}, "auditor": {"auditor"}, "moderator": {"moderator"},
         "trainee": {"trainee"}, "aud+mod": {"auditor", "moderator"},
         "practitioner": {"practitioner"}, "team_manager": {"team_manager"},
         "prac+tm": {"practitioner", "team_manager"}, "stranger": set()}
STATUSES = {"i": "in_progress", "s": "submitted", "r": "returned", "f": "finalised",
            "x": "removed"}
USER = "u"
TEAM = "North"  # the acting user's team (a team manager's decides)
RELATIONSHIPS = ("own", "own_training", "allocated", "unallocated", "other", "case", "team",
                 "other_team")


def audit(relationship: str, status: str) -> dict:
    """Audit 12 as the store gives it. "case": a child allocated to the user (the worker) in
    another team; "team": another worker's child in the user's team (spelt as a sample may
    spell it); "other_team": another worker's child in another team. Someone else audits and
    another moderates those three."""
    auditor, moderator, worker, team = {
        "own": (USER, None, None, None), "own_training": (USER, None, None, None),
        "allocated": ("someone", USER, None, None), "unallocated": ("someone", None, None, None),
        "other": ("someone", "another", None, None),
        "case": ("someone", "another", USER, "South"),
        "team": ("someone", "another", "pat", " north "),
        "other_team": ("someone", "another", "pat", "South")}[relationship]
    return {"audit_id": 12, "auditor": auditor, "moderator": moderator, "status": status,
            "training": relationship == "own_training", "worker": worker, "team": team}


def rows(table: str) -> tuple[list[str], list[list[str]]]:
    header, *body = [line.split() for line in table.strip().splitlines()]
    return header, body


def audit_cases():
    for table in (AUDIT_TABLE, ACTIONS_TABLE):
        header, body = rows(table)
        for role, relationship, *cells in body:
            for action, cell in zip(header[2:], cells, strict=True):
                for letter, status in STATUSES.items():
                    yield pytest.param(role, relationship, action, status, letter in cell,
                                       id=f"{role}-{relationship}-{action}-{status}")


def month_cases():
    header, body = rows(MONTH_TABLE)
    for role, *cells in body:
        for action, cell in zip(header[1:], cells, strict=True):
            yield pytest.param(role, action, cell == "yes", id=f"{role}-{action}")


def test_the_tables_cover_every_action_role_and_relationship():
    audit_header, audit_body = rows(AUDIT_TABLE)
    actions_header, actions_body = rows(ACTIONS_TABLE)
    month_header, month_body = rows(MONTH_TABLE)
    on_audit = audit_header[2:] + actions_header[2:]
    assert set(on_audit) | set(month_header[1:]) == set(access.ACTIONS)
    assert not set(on_audit) & set(month_header[1:]) and len(set(on_audit)) == len(on_audit)
    for body in (audit_body, actions_body):
        assert [(r[0], r[1]) for r in body] == [
            (role, rel) for role in ROLES for rel in RELATIONSHIPS]
    assert [r[0] for r in month_body] == list(ROLES)


@pytest.mark.parametrize("role,relationship,action,status,expected", list(audit_cases()))
def test_may_on_an_audit(role, relationship, action, status, expected):
    subject = audit(relationship, status)
    assert access.may(USER, ROLES[role], action, subject, team=TEAM) is expected
    # check agrees with may, and a refusal is one line naming the acting user or the audit
    if expected:
        access.check(USER, ROLES[role], action, subject, team=TEAM)
    else:
        with pytest.raises(PermissionRefused) as refused:
            access.check(USER, ROLES[role], action, subject, team=TEAM)
        reason = str(refused.value)
        assert "\n" not in reason and ("'u'" in reason or "audit 12" in reason
                                       or " u " in reason), reason
        assert refused.value.user == USER


@pytest.mark.parametrize("role,action,expected", list(month_cases()))
def test_may_on_the_month(role, action, expected):
    assert access.may(USER, ROLES[role], action, team=TEAM) is expected


@pytest.mark.parametrize("action,subject,reason", [
    ("view", {"auditor": "ash"}, "'u' is not a user of this store"),
    ("track", None, "'u' is not a user of this store"),
])
def test_a_stranger_is_told_they_are_not_a_user(action, subject, reason):
    assert access.refusal(USER, set(), action, subject) == reason


@pytest.mark.parametrize("roles,action,status,relationship,reason", [
    ({"auditor"}, "view", "submitted", "other",
     "audit 12 is not allocated to u (it is allocated to another auditor), so u cannot open it"),
    ({"moderator"}, "view", "in_progress", "unallocated",
     "audit 12 is still in progress: a moderator can open it once it is submitted"),
    ({"moderator"}, "export", "submitted", "other", "audit 12 is not allocated to u for "
                                                    "moderation"),
    ({"moderator"}, "edit", "in_progress", "own",
     "'u' is not an auditor or a lead auditor or a trainee, so cannot change audit 12"),
    ({"auditor"}, "edit", "in_progress", "other", "audit 12 is allocated to 'someone', not 'u'"),
    ({"auditor"}, "submit", "submitted", "own",
     "audit 12 has been submitted for moderation: the auditor cannot change it"),
    ({"auditor"}, "moderate", "submitted", "other",
     "'u' is not a moderator or a lead auditor, so cannot moderate audit 12"),
    ({"lead_auditor"}, "finalise", "submitted", "own", "'u' audited 12 and cannot moderate it"),
    ({"moderator"}, "return", "submitted", "other",
     "audit 12 is allocated for moderation to 'another', not 'u'"),
    ({"moderator"}, "moderate", "returned", "allocated",
     "audit 12 is returned, not submitted for moderation"),
    ({"lead_auditor"}, "reopen", "submitted", "other",
     "audit 12 is submitted: only a finalised audit can be reopened"),
    ({"auditor"}, "history", "removed", "own",
     "audit 12 has been removed: only a lead auditor can see it"),
    ({"trainee"}, "view", "in_progress", "own",
     "audit 12 is not a training audit: a trainee can open only their own training audits"),
])
def test_refusals_in_peoples_words(roles, action, status, relationship, reason):
    assert access.refusal(USER, roles, action, audit(relationship, status)) == reason


def test_month_refusals_name_the_role_needed():
    assert access.refusal("ash", {"auditor"}, "report") == \
        "'ash' is not a lead auditor, so cannot write the month's report"
    assert access.refusal("ash", {"auditor"}, "dashboard") == (
        "'ash' is not a moderator or a lead auditor, so cannot open the grade consistency "
        "dashboard")


def test_store_rows_and_summaries_are_both_audits():
    """The store's rows carry ``id``, its summaries and records ``audit_id``."""
    row = {"id": 3, "auditor": "ash", "moderator": None, "status": "submitted"}
    assert access.refusal("bo", {"auditor"}, "edit", row) == \
        "audit 3 is allocated to 'ash', not 'bo'"


def test_visible_keeps_the_order_and_only_what_may_be_opened():
    audits = [dict(audit("other", "submitted"), audit_id=1),
              dict(audit("own", "in_progress"), audit_id=2),
              dict(audit("unallocated", "submitted"), audit_id=3),
              dict(audit("own", "removed"), audit_id=4)]
    assert [a["audit_id"] for a in access.visible(USER, ["auditor"], audits)] == [2]
    assert [a["audit_id"] for a in access.visible(USER, ["moderator"], audits)] == [3]
    assert [a["audit_id"] for a in access.visible(USER, ["lead_auditor"], audits)] == [1, 2, 3, 4]
    assert access.visible(USER, [], audits) == []


@pytest.mark.parametrize("roles,action,status,relationship,team,reason", [
    ({"practitioner"}, "view", "finalised", "team", TEAM,
     "'u' cannot open audit 12: it is not of a child allocated to them"),
    ({"team_manager"}, "export", "finalised", "other_team", TEAM,
     "'u' cannot export audit 12: it is not of a child in their team"),
    ({"team_manager"}, "view", "finalised", "team", None,
     "'u' has no team in the store (a lead auditor can set it), so cannot open audit 12"),
    ({"team_manager"}, "view", "finalised", "team", "  ",
     "'u' has no team in the store (a lead auditor can set it), so cannot open audit 12"),
    ({"practitioner"}, "history", "submitted", "case", TEAM,
     "audit 12 is submitted: the child's worker and team manager see it once it is "
     "finalised, so 'u' cannot read the history of audit 12 yet"),
    ({"practitioner"}, "respond", "returned", "case", TEAM,
     "audit 12 is returned: its findings and actions go to the child's worker and team manager "
     "once it is finalised, so 'u' cannot respond to the findings of audit 12 yet"),
    ({"practitioner"}, "sign_off", "finalised", "case", TEAM,
     "'u' cannot sign off an action of audit 12: the child's team manager, a moderator, the "
     "audit's auditor or a lead auditor signs actions off"),
    ({"practitioner", "team_manager"}, "sign_off", "finalised", "case", TEAM,
     "'u' cannot sign off an action of audit 12: the child's team manager signs off its "
     "actions, not its worker"),
    ({"lead_auditor"}, "respond", "finalised", "case", TEAM,
     "'u' is not a practitioner or a team manager, so cannot respond to the findings of "
     "audit 12"),
    ({"auditor"}, "sign_off", "finalised", "other", TEAM,
     "audit 12 is allocated to 'someone', not 'u', so 'u' cannot sign off an action of "
     "audit 12"),
    ({"team_manager"}, "edit", "finalised", "team", TEAM,
     "'u' is not an auditor or a lead auditor or a trainee, so cannot change audit 12"),
])
def test_practice_refusals_in_peoples_words(roles, action, status, relationship, team, reason):
    assert access.refusal(USER, roles, action, audit(relationship, status), team=team) == reason


@pytest.mark.parametrize("team", [None, "", "  ", 7, ["North"], {"North": 1}])
def test_a_team_that_is_not_one_matches_nothing(team):
    subject = dict(audit("team", "finalised"), team=team)
    assert not access.may(USER, {"team_manager"}, "view", subject, team=team)
    assert not access.may(USER, {"team_manager"}, "view", audit("team", "finalised"), team=team)


def test_a_training_audit_is_nobodys_case():
    subject = dict(audit("case", "finalised"), training=True, team=TEAM)
    for roles in ({"practitioner"}, {"team_manager"}):
        for action in ("view", "respond", "complete_action"):
            assert not access.may(USER, roles, action, subject, team=TEAM)


def test_visible_with_a_team():
    audits = [dict(audit(rel, status), audit_id=n) for n, (rel, status) in enumerate(
        [("case", "finalised"), ("team", "finalised"), ("team", "submitted"),
         ("other_team", "finalised"), ("case", "in_progress")], start=1)]
    assert [a["audit_id"] for a in access.visible(USER, ["practitioner"], audits)] == [1]
    assert [a["audit_id"] for a in access.visible(USER, ["team_manager"], audits,
                                                  team=TEAM)] == [2]
    assert access.visible(USER, ["team_manager"], audits) == []  # no team given: none
    assert [a["audit_id"] for a in access.visible(USER, ["practitioner", "team_manager"], audits,
                                                  team=TEAM)] == [1, 2]


def test_an_unknown_action_or_a_missing_audit_is_a_programming_error():
    with pytest.raises(ValueError, match="'peek' is not one of"):
        access.may(USER, {"lead_auditor"}, "peek")
    with pytest.raises(ValueError, match="give the audit"):
        access.may(USER, {"lead_auditor"}, "view")


def test_acting_user(monkeypatch):
    import getpass

    monkeypatch.setattr(getpass, "getuser", lambda: "login")
    for name in ("JUPYTERHUB_USER", "AUDITLIB_USER"):
        monkeypatch.delenv(name, raising=False)
    assert access.acting_user() == "login"
    monkeypatch.setenv("AUDITLIB_USER", "served")
    assert access.acting_user() == "served"
    monkeypatch.setenv("JUPYTERHUB_USER", "hub")
    assert access.acting_user() == "hub"
    assert access.acting_user("given") == "given"
    assert access.acting_user("") == "hub"


def test_acting_user_without_a_login(monkeypatch):
    import getpass

    def no_login():
        raise OSError("No username set in the environment")

    monkeypatch.setattr(getpass, "getuser", no_login)
    for name in ("JUPYTERHUB_USER", "AUDITLIB_USER"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(AuditlibError, match="cannot tell who is acting"):
        access.acting_user()


def test_only_access_reads_who_is_signed_in():
    """One answer to "who is acting": no other module reads the sign-in's variables (before,
    the pages had their own ``current_user`` and the store its own reading)."""
    readers = [str(p.relative_to(ROOT)) for p in (ROOT / "auditlib").rglob("*.py")
               if p.name != "access.py" and p.parent.name != "share"
               and re.search(r"environ(?:\.get)?[(\[]\s*[\"'](?:JUPYTERHUB|AUDITLIB)_USER",
                             p.read_text(encoding="utf-8"))]
    assert readers == []


def test_access_imports_only_the_standard_library():
    """Pure rules: the standard library and auditlib's exceptions, nothing else."""
    tree = ast.parse((ROOT / "auditlib" / "access.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [f"{'.' * node.level}{node.module}"]
        else:
            continue
        for name in names:
            assert name.split(".")[0] in sys.stdlib_module_names or name in (
                "__future__", "auditlib.exceptions"), name
