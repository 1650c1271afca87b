"""The one place auditlib writes its files: private modes, no symlinks followed, paths kept in
their folder, and CSV cells a spreadsheet cannot run as formulas (undone when read back)."""
from __future__ import annotations

import csv
import io
import os
import re
import stat
import threading

import pytest

from auditlib.exceptions import AuditlibError, OutputError
from auditlib.files import (
    csv_cell,
    csv_text,
    from_csv_cell,
    inside,
    make_private_dir,
    needs_escape,
    write_private,
    xml_text,
)
from tests.conftest import ROOT


def mode(path):
    return stat.S_IMODE(os.lstat(path).st_mode)


# --------------------------------------------------------------------------- modes

def test_new_and_rewritten_files_are_private(tmp_path):
    new = tmp_path / "new.csv"
    assert write_private(new, "a,b\n") is True
    assert mode(new) == 0o600 and new.read_text() == "a,b\n"
    old = tmp_path / "old.csv"
    old.write_text("previous contents, longer than the new\n")
    os.chmod(old, 0o644)
    write_private(old, b"new\n")
    assert mode(old) == 0o600 and old.read_bytes() == b"new\n"
    atomic = tmp_path / "manifest.csv"
    atomic.write_text("old")
    os.chmod(atomic, 0o644)
    write_private(atomic, "x", atomic=True)
    assert mode(atomic) == 0o600 and atomic.read_text() == "x"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["manifest.csv", "new.csv", "old.csv"]


def test_private_even_with_a_permissive_umask(tmp_path):
    old = os.umask(0)
    try:
        write_private(tmp_path / "f", "x")
        make_private_dir(tmp_path / "a" / "b")
    finally:
        os.umask(old)
    assert mode(tmp_path / "f") == 0o600
    assert mode(tmp_path / "a") == 0o700 and mode(tmp_path / "a" / "b") == 0o700


def test_overwrite_false_keeps_what_is_there(tmp_path):
    path = tmp_path / "workbook.ipynb"
    path.write_text("touched by the auditor")
    assert write_private(path, "new", overwrite=False) is False
    assert path.read_text() == "touched by the auditor"


# --------------------------------------------------------------------------- symlinks

@pytest.mark.parametrize("atomic", [False, True])
@pytest.mark.parametrize("overwrite", [False, True])
def test_never_writes_through_a_symlink(tmp_path, atomic, overwrite):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    link = tmp_path / "out.csv"
    link.symlink_to(victim)
    dangling = tmp_path / "dangling.csv"
    dangling.symlink_to(tmp_path / "nowhere")
    if atomic and not overwrite:
        return
    for path in (link, dangling):
        with pytest.raises(OutputError, match="symbolic link"):
            write_private(path, "evil", overwrite=overwrite, atomic=atomic)
    assert victim.read_text() == "precious"
    assert not (tmp_path / "nowhere").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dangling.csv", "out.csv",
                                                          "victim.txt"]


def test_missing_folder_folder_and_fifo_are_one_line(tmp_path):
    with pytest.raises(OutputError, match=r"the folder .*nope does not exist$"):
        write_private(tmp_path / "nope" / "r.html", "x")
    with pytest.raises(OutputError, match=r"is a folder, not a file$"):
        write_private(tmp_path, "x")
    with pytest.raises(OutputError, match="is a folder"):
        write_private(tmp_path, "x", atomic=True)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    done = []

    def write():
        with pytest.raises(OutputError, match="not a regular file"):
            write_private(fifo, "x")
        done.append(True)

    thread = threading.Thread(target=write, daemon=True)
    thread.start()
    thread.join(5)
    assert done, "writing to a planted FIFO must fail, not hang"
    assert issubclass(OutputError, AuditlibError)


def test_make_private_dir_refuses_symlinks_below_root(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    root = tmp_path / "root"
    root.mkdir()
    (root / "months").symlink_to(outside)
    with pytest.raises(OutputError, match="months: is a symbolic link"):
        make_private_dir(root / "months" / "2026-11" / "inputs", root=root)
    (root / "link").symlink_to(outside)
    with pytest.raises(OutputError, match="symbolic link"):
        make_private_dir(root / "link")
    (root / "file").write_text("")
    with pytest.raises(OutputError):
        make_private_dir(root / "file" / "x")
    made = make_private_dir(root / "a" / "b", root=root)
    assert made.is_dir() and mode(root / "a") == 0o700


# --------------------------------------------------------------------------- confinement

@pytest.mark.parametrize("name", ["..", "../x", "a/../../x", "a/..", "/etc/passwd", "",
                                  ".", "a/\x00b", "\\server\\share"])
def test_inside_refuses_names_that_leave(tmp_path, name):
    with pytest.raises(OutputError):
        inside(tmp_path, name)


def test_inside_follows_no_symlink_out(tmp_path):
    root = tmp_path / "root"
    (root / "real").mkdir(parents=True)
    (root / "escape").symlink_to(tmp_path)
    (root / "alias").symlink_to(root / "real")
    with pytest.raises(OutputError, match="leads out of"):
        inside(root, "escape/sample.csv")
    assert inside(root, "alias/sample.csv") == root / "alias" / "sample.csv"
    assert inside(root, "months/2026-11/inputs") == root / "months" / "2026-11" / "inputs"


# --------------------------------------------------------------------------- CSV

PAYLOADS = [
    "=cmd|' /C calc'!A0",
    "=HYPERLINK(\"http://evil\",\"x\")",
    "+1",
    "-1+1",
    "@SUM(1)",
    " =1",
    "\t=1",
    "\n=1",
    "\r=1",
    "\u200b=1",             # zero-width space before the sign
    "\ufeff=1",
    "＝1",                   # full-width equals
    "＋1",
    "－1",
    "＠SUM(1)",
    "﹦1",                   # small equals sign (NFKC: '=')
    "a;=1",
    "a,=1",
    "a, =1",
    "a;\t@SUM(1)",
    "a\t=1",
    "a\n-1",
    "a\r\n+1",
    "a；＝1",                # full-width separator and sign
    "'quoted",
    "''",
    "'=1",
]
PLAIN = ["C001", "2026-11-15", "full-audit", "Meets good", "it's", "Zoë Ñandú 子供", "a-b",
         "x=1", "O'Brien", "", "1,2", "a; b", "e-mail: a@b.c"]


def read_back(text):
    return [[from_csv_cell(c) for c in row] for row in csv.reader(io.StringIO(text))]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_formula_payloads_are_neutralised(payload):
    assert needs_escape(payload)
    cell = csv_cell(payload)
    assert cell == "'" + payload
    text = csv_text([{"child_id": payload, "n": 3}], ["child_id", "n"])
    line = text.splitlines()[1]
    assert line.startswith("\"'")  # quoted, and the cell opens with the escape
    assert read_back(text) == [["child_id", "n"], [payload, "3"]]


@pytest.mark.parametrize("value", PLAIN)
def test_plain_text_is_unchanged(value):
    assert not needs_escape(value)
    assert csv_cell(value) == value
    assert read_back(csv_text([{"v": value}], ["v"])) == [["v"], [value]]


def test_numbers_are_numbers_and_text_is_quoted():
    text = csv_text([{"a": 3, "b": -1, "c": 2.5, "d": "x", "e": None, "f": True}],
                    ["a", "b", "c", "d", "e", "f", "missing"])
    assert text.splitlines() == ['"a","b","c","d","e","f","missing"',
                                 '3,-1,2.5,"x","","Yes",""']


def test_header_cells_are_neutralised():
    assert csv_text([], ["child_id", "=evil()"]).splitlines() == ['"child_id","\'=evil()"']


def test_every_csv_goes_through_the_one_writer():
    # one writer for every CSV the project writes: no other module may make its own
    pattern = re.compile(r"csv\.writer|DictWriter|\.to_csv\(")
    offenders = [str(p.relative_to(ROOT)) for p in sorted((ROOT / "auditlib").glob("*.py"))
                 if p.name != "files.py" and pattern.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_xml_text_drops_what_word_and_excel_refuse():
    assert xml_text("a\x00b\x07c\x0bd\ud800e\tf\ng") == "abcde\tf\ng"
    assert xml_text(None) == "" and xml_text(3) == "3"
