"""The monthly sample (the full audit process's rules): every rule, and every bad input as a user
makes it."""
from __future__ import annotations

import csv
import datetime as dt
import json
import random
from collections import Counter

import pytest

from auditlib.exceptions import InvalidValue
from auditlib.month.sampling import (
    Auditor,
    Child,
    allocate,
    audited_in_store,
    draw_sample,
    months_before,
    sample_from_files,
)
from tests.test_cli import one_line_error, run

AREAS = ["Safeguarding", "Children in care", "Leaving care", "Disabled children"]


def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture
def files(tmp_path):
    """Sixty children in four service areas, an audit history and six auditors."""
    rng = random.Random(7)
    children = [[f"C{i:03d}", AREAS[i % 4], f"Team {i % 3}", "open", f"note {i}"]
                for i in range(60)]
    history = [[f"C{i:03d}", "2026-06-15"] for i in range(0, 60, 5)]     # within six months
    history += [[f"C{i:03d}", "2026-04-30"] for i in range(1, 60, 5)]    # before: eligible
    rng.shuffle(history)
    auditors = [[f"aud{i}", AREAS[i % 4], ""] for i in range(6)]
    return {
        "children": write_csv(tmp_path / "children.csv",
                              ["child_id", "service_area", "team", "status", "note"], children),
        "history": write_csv(tmp_path / "audits.csv", ["child_id", "audit_date"], history),
        "auditors": write_csv(tmp_path / "auditors.csv", ["auditor", "service_area",
                                                          "capacity"], auditors),
    }


def sample(files, **kwargs):
    args = dict(month="2026-11", size=20, seed=1) | kwargs
    return sample_from_files(files["children"], files["history"], files["auditors"], **args)


def test_sample_size_columns_and_due_date(files):
    s = sample(files)
    assert len(s.rows) == 20
    assert set(s.columns) >= {"child_id", "service_area", "team", "auditor",
                              "auditor_service_area", "month", "due_date", "framework", "note"}
    assert {r["month"] for r in s.rows} == {"2026-11"}
    # "must be completed within 2 weeks" of the sample date, the first of the month
    assert {r["due_date"] for r in s.rows} == {"2026-11-15"}
    assert all(r["note"].startswith("note") for r in s.rows)  # other columns carried through


def test_none_audited_in_the_six_months_before(files):
    s = sample(files, size=60)
    sampled = {r["child_id"] for r in s.rows}
    assert not sampled & {f"C{i:03d}" for i in range(0, 60, 5)}
    assert {f"C{i:03d}" for i in range(1, 60, 5)} <= sampled  # audited 2026-04-30: eligible


def test_six_months_boundary():
    assert months_before(dt.date(2026, 11, 1), 6) == dt.date(2026, 5, 1)
    assert months_before(dt.date(2026, 8, 31), 6) == dt.date(2026, 2, 28)
    kids = [Child("A", "X", "T", "open", 2), Child("B", "X", "T", "open", 3)]
    history = {"A": [dt.date(2026, 5, 1)], "B": [dt.date(2026, 4, 30)]}
    s = draw_sample(kids, history, [Auditor("a", "Y", None, 2)], "2026-11", 5, 1)
    assert [r["child_id"] for r in s.rows] == ["B"]


def test_open_on_the_sample_date():
    """Open on the first of the month; a child closed after the sample date is still open on
    it; a child opened later is not."""
    kids = [Child("open", "X", "T", "open", 2),
            Child("closed", "X", "T", "closed", 3),
            Child("closed-later", "X", "T", "closed", 4, closed_on=dt.date(2026, 11, 20)),
            Child("closed-before", "X", "T", "closed", 5, closed_on=dt.date(2026, 10, 31)),
            Child("opened-later", "X", "T", "open", 6, opened_on=dt.date(2026, 11, 2))]
    s = draw_sample(kids, {}, [Auditor("a", "Y", None, 2)], "2026-11", 10, 1)
    assert sorted(r["child_id"] for r in s.rows) == ["closed-later", "open"]


def test_auditor_always_from_another_service_area(files):
    for seed in range(20):
        for row in sample(files, seed=seed).rows:
            assert row["auditor_service_area"] != row["service_area"]


def test_same_inputs_and_seed_same_sample(files, tmp_path):
    assert sample(files, seed=5).rows == sample(files, seed=5).rows
    assert sample(files, seed=5).rows != sample(files, seed=6).rows


def test_workload_differs_by_at_most_one(files):
    for seed in range(20):
        counts = Counter(r["auditor"] for r in sample(files, seed=seed).rows)
        assert len(counts) == 6
        assert max(counts.values()) - min(counts.values()) <= 1


def test_capacity_is_respected_and_the_rest_stay_even():
    kids = [Child(f"K{i}", "A" if i % 2 else "B", "T", "open", i + 2) for i in range(20)]
    auditors = [Auditor("small", "C", 1, 2), Auditor("x", "A", None, 3),
                Auditor("y", "B", None, 4), Auditor("z", "C", None, 5)]
    result = allocate(kids, auditors, random.Random(3))
    counts = Counter(result.values())
    assert counts["small"] == 1
    others = [counts[n] for n in ("x", "y", "z")]
    assert max(others) - min(others) <= 1 and sum(others) == 19


def test_balance_needs_chains_of_moves():
    """Only C-area auditors can take A children; balance still holds via moves along a chain."""
    kids = [Child(f"A{i}", "A", "T", "open", i) for i in range(6)] + \
           [Child(f"B{i}", "B", "T", "open", i) for i in range(6)]
    auditors = [Auditor("a1", "A", None, 2), Auditor("b1", "B", None, 3),
                Auditor("c1", "C", None, 4)]
    for seed in range(10):
        counts = Counter(allocate(kids, auditors, random.Random(seed)).values())
        assert sorted(counts.values()) == [4, 4, 4]


def test_fewer_eligible_than_asked_samples_all_and_warns(files, tmp_path):
    s = sample(files, size=500)
    assert len(s.rows) == s.eligible == 48
    assert "only 48 children are eligible" in s.warnings[0]
    result = run("sample", files["children"], "--history", files["history"], "--auditors",
                 files["auditors"], "--month", "2026-11", "--size", "500", "--seed", "1",
                 "--out", tmp_path / "s.csv")
    assert result.returncode == 0
    assert "warning: only 48 children are eligible" in result.stderr


def test_cli_writes_sample_and_provenance(files, tmp_path):
    out = tmp_path / "out" / "sample.csv"
    args = ["sample", files["children"], "--history", files["history"], "--auditors",
            files["auditors"], "--month", "2026-11", "--seed", "42", "--out", out]
    assert run(*args).returncode == 0
    first = out.read_bytes()
    provenance = json.loads((tmp_path / "out" / "sample.csv.provenance.json").read_text())
    assert provenance["seed"] == 42 and provenance["month"] == "2026-11"
    assert set(provenance["inputs"]) == {"children", "history", "auditors"}
    assert all(len(i["sha256"]) == 64 for i in provenance["inputs"].values())
    assert run(*args).returncode == 0
    assert out.read_bytes() == first  # reproducible


def cli(files, tmp_path, **override):
    paths = {k: str(v) for k, v in files.items()} | override
    return run("sample", paths["children"], "--history", paths["history"], "--auditors",
               paths["auditors"], "--month", override.get("month", "2026-11"), "--seed", "1",
               "--out", tmp_path / "s.csv")


@pytest.mark.parametrize("which,header,rows,expected", [
    ("children", ["child_id", "team", "status"], [["C1", "T", "open"]],
     "children.csv:1: service_area: missing column"),
    ("children", ["child_id", "service_area", "team", "status"],
     [["C1", "A", "T", "open"], ["C2", "A", "T", "open"], ["C1", "B", "T", "open"]],
     "children.csv:4: child_id: duplicate child id 'C1' (also row 2)"),
    ("children", ["child_id", "service_area", "team", "status"], [["C1", "A", "T", "maybe"]],
     "children.csv:2: status: 'maybe' is not open or closed"),
    ("children", ["child_id", "service_area", "team", "status", "closed_on"],
     [["C1", "A", "T", "closed", "next week"]], "children.csv:2: closed_on: 'next week' is not"),
    ("history", ["child_id", "audit_date"], [["C1", "2026-01-10"], ["C2", "31/02/2026"]],
     "audits.csv:3: audit_date: '31/02/2026' is not a real date"),
    ("history", ["child", "audit_date"], [["C1", "2026-01-10"]],
     "audits.csv:1: child_id: missing column"),
    ("auditors", ["auditor", "service_area", "capacity"], [["a", "X", "two"]],
     "auditors.csv:2: capacity: 'two' is not a whole number"),
])
def test_bad_input_files(files, tmp_path, which, header, rows, expected):
    name = {"children": "children.csv", "history": "audits.csv", "auditors": "auditors.csv"}
    (tmp_path / "bad").mkdir()
    bad = write_csv(tmp_path / "bad" / name[which], header, rows)
    line = one_line_error(cli(files, tmp_path, **{which: str(bad)}))
    assert f"{bad.parent}/{expected}" in line
    assert not (tmp_path / "s.csv").exists()


def test_no_valid_allocation(files, tmp_path):
    only = write_csv(tmp_path / "only.csv", ["auditor", "service_area"],
                     [["a", "Safeguarding"], ["b", "Safeguarding"]])
    line = one_line_error(cli(files, tmp_path, auditors=str(only)))
    assert "children.csv:" in line and ": service_area: no auditor in" in line
    assert "every auditor with capacity is in its service area 'Safeguarding'" in line


@pytest.mark.parametrize("month", ["2026-13", "November", "2026-1"])
def test_bad_month(files, tmp_path, month):
    line = one_line_error(cli(files, tmp_path, month=month))
    assert f"--month: '{month}' is not a month" in line


def test_missing_file(files, tmp_path):
    line = one_line_error(cli(files, tmp_path, history=str(tmp_path / "nope.csv")))
    assert "nope.csv: no such file" in line


def test_excel_byte_order_mark_and_uk_dates(tmp_path):
    (tmp_path / "c.csv").write_text("\ufeffchild_id,service_area,team,status\nC1,A,T,Open\n",
                                    encoding="utf-8")
    write_csv(tmp_path / "h.csv", ["child_id", "audit_date"], [["C1", "01/04/2026"]])
    write_csv(tmp_path / "a.csv", ["auditor", "service_area"], [["x", "B"]])
    s = sample_from_files(tmp_path / "c.csv", tmp_path / "h.csv", tmp_path / "a.csv",
                          "2026-11", 5, 1)
    assert [r["child_id"] for r in s.rows] == ["C1"]


def test_size_must_be_positive(files):
    """The library names its field, never a command-line option (a page shows this too)."""
    with pytest.raises(InvalidValue, match=r"^size: must be at least 1"):
        sample(files, size=0)


def test_the_command_line_names_its_option(files, tmp_path):
    result = run("sample", str(files["children"]), "--seed", "1", "--history",
                       str(files["history"]), "--auditors", str(files["auditors"]),
                       "--month", "2026-13", "--out", str(tmp_path / "s.csv"))
    assert result.returncode == 2
    assert result.stderr.strip() == ("auditlib: --month: '2026-13' is not a month "
                                     "(write YYYY-MM, e.g. 2026-11)")


def test_sample_and_provenance_are_private(files, tmp_path):
    out = tmp_path / "month" / "sample.csv"
    assert run("sample", files["children"], "--history", files["history"], "--auditors",
               files["auditors"], "--month", "2026-11", "--seed", "4", "--out", out
               ).returncode == 0
    for path in (out, out.with_name("sample.csv.provenance.json")):
        assert path.stat().st_mode & 0o777 == 0o600, path
    assert (tmp_path / "month").stat().st_mode & 0o777 == 0o700


def test_sample_never_writes_through_a_symlink(files, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    out = tmp_path / "sample.csv"
    out.with_name("sample.csv.provenance.json").symlink_to(victim)
    result = run("sample", files["children"], "--history", files["history"], "--auditors",
                 files["auditors"], "--month", "2026-11", "--seed", "4", "--out", out)
    assert "symbolic link" in one_line_error(result)
    assert victim.read_text() == "precious"


FORMULA_IDS = ["=cmd|' /C calc'!A0", "+1", "-1+1", "@SUM(1)", "＝1", "a;=1", "a,=1",
               "'quoted", "''", "C-001"]


def test_formula_child_ids_are_neutralised_and_round_trip(tmp_path):
    from auditlib.files import needs_escape
    from auditlib.month.generate import generate_workbooks, read_sample
    from auditlib.store import AuditStore

    children = write_csv(tmp_path / "children.csv",
                         ["child_id", "service_area", "team", "status", "=note"],
                         [[c, "A", "+team", "open", "@x"] for c in FORMULA_IDS])
    history = write_csv(tmp_path / "audits.csv", ["child_id", "audit_date"], [])
    auditors = write_csv(tmp_path / "auditors.csv", ["auditor", "service_area"],
                         [["-ash", "B"]])
    out = tmp_path / "sample.csv"
    result = run("sample", children, "--history", history, "--auditors", auditors, "--month",
                 "2026-11", "--size", "20", "--seed", "1", "--out", out)
    assert result.returncode == 0, result.stderr
    with open(out, newline="", encoding="utf-8") as handle:
        cells = [c for row in csv.reader(handle) for c in row]
    # nothing a spreadsheet would run: every risky cell opens with the escape
    assert not [c for c in cells if needs_escape(c) and not c.startswith("'")]
    assert "'=cmd|' /C calc'!A0" in cells and "'+team" in cells and "'=note" in cells
    assert "'-ash" in cells and "''quoted" in cells and "'''" in cells and "C-001" in cells
    rows = read_sample(out)
    assert sorted(r["child_id"] for r in rows) == sorted(FORMULA_IDS)
    assert {r["auditor"] for r in rows} == {"-ash"}
    with AuditStore(f"sqlite:///{tmp_path / 'audits.sqlite'}", create=True) as store:
        store.add_user("lead", roles=["lead_auditor"], user="lead")
        generate_workbooks(out, tmp_path / "wb", store, "lead", progress=False)
        assert sorted(a["child_id"] for a in store.find_audits()) == sorted(FORMULA_IDS)


def test_the_stores_own_audits_count_as_audited(files, tmp_path):
    """December's sample leaves out the children allocated in November: their audits are in the
    store, not (yet) in the history file. Training exercises are no child's audit."""
    from tests.stores import open_store

    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    november = [f"C{i:03d}" for i in range(2, 60, 5)]  # none of them in the history file
    with open_store(url) as store:
        for child in november:
            store.add_audit(framework="full-audit", child_id=child, auditor="ash", user="lead",
                            month="2026-11")
        store.add_audit(framework="full-audit", child_id="C003", auditor="ash", user="lead",
                        training=True)
    december = run("sample", files["children"], "--history", files["history"], "--auditors",
                   files["auditors"], "--month", "2026-12", "--seed", "1", "--size", "40",
                   "--store", url, "--user", "lead", "--out", tmp_path / "december.csv")
    assert december.returncode == 0, december.stderr
    with open(tmp_path / "december.csv", newline="") as f:
        sampled = {row["child_id"] for row in csv.DictReader(f)}
    assert sampled and not sampled & set(november)
    assert "C003" in sampled  # eligible: only a training exercise names it
    # without the store, the same draw picks November's children again
    again = cli(files, tmp_path, month="2026-12")
    assert again.returncode == 0 and "no audit store yet" in again.stderr
    with open(tmp_path / "s.csv", newline="") as f:
        assert {row["child_id"] for row in csv.DictReader(f)} & set(november)


def test_only_a_lead_auditor_reads_the_store_to_sample(files, tmp_path):
    from tests.stores import open_store

    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    with open_store(url):
        pass
    result = run("sample", files["children"], "--history", files["history"], "--auditors",
                 files["auditors"], "--month", "2026-12", "--seed", "1", "--store", url,
                 "--user", "ash", "--out", tmp_path / "s.csv")
    assert "ash" in one_line_error(result)
    assert not (tmp_path / "s.csv").exists()


def test_audited_in_store_uses_each_audits_month():
    audits = [{"child_id": "C1", "month": "2026-11", "training": False},
              {"child_id": "C1", "month": None, "created_at": "2026-09-03T10:00:00",
               "training": False},
              {"child_id": "C2", "month": "2026-10", "training": True}]
    assert audited_in_store(audits) == {"C1": [dt.date(2026, 11, 1), dt.date(2026, 9, 3)]}
