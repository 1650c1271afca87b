"""The one reader of the CSV files people supply (auditlib.tables): every problem is one line,
FILE:ROW: COLUMN: what is wrong, rows counted as a spreadsheet shows them."""
from __future__ import annotations

import pytest

from auditlib.exceptions import InputError, TableError
from auditlib.tables import read_rows


def write(tmp_path, data: bytes, name="people.csv"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_rows_are_numbered_as_a_spreadsheet_shows_them(tmp_path):
    path = write(tmp_path, b"\xef\xbb\xbfid,name\n a ,Ann\n\n,\nb,Bo\n")  # Excel's BOM, blanks
    header, rows = read_rows(path, ("id",))
    assert header == ["id", "name"]
    assert rows == [(2, {"id": "a", "name": "Ann"}), (5, {"id": "b", "name": "Bo"})]


def test_a_quoted_line_break_stays_in_its_cell(tmp_path):
    """A spreadsheet shows a cell with a line break as one row: so do the row numbers."""
    path = write(tmp_path, b'id,note\na,"two\nlines"\nb,x\n')
    assert read_rows(path, ())[1] == [(2, {"id": "a", "note": "two\nlines"}),
                                      (3, {"id": "b", "note": "x"})]


@pytest.mark.parametrize(("data", "line"), [
    (b"id,name\n", "people.csv:1: age: missing column (the columns are: id, name)"),
    (b"id,age,age\n", "people.csv:1: age: the column appears twice"),
    (b"", "people.csv:1: the file is empty"),
    (b"id,age\n1,2,3\n", "people.csv:2: 3 cells but 2 columns"),
])
def test_each_problem_is_one_line_naming_file_row_and_column(tmp_path, data, line):
    with pytest.raises(TableError) as caught:
        read_rows(write(tmp_path, data), ("id", "age"))
    assert str(caught.value) == f"{tmp_path / line}"
    assert caught.value.path == str(tmp_path / "people.csv")


def test_not_text_and_missing_files_are_input_errors(tmp_path):
    with pytest.raises(TableError, match="not UTF-8 text"):
        read_rows(write(tmp_path, b"id\n\xff\xfe\n"), ("id",))
    with pytest.raises(InputError):
        read_rows(tmp_path / "absent.csv", ("id",))


def test_cells_auditlib_wrote_come_back_as_they_went_out(tmp_path):
    """A CSV auditlib wrote escapes cells a spreadsheet would run as formulas; read back with
    ``escaped``, the id is exactly what went out."""
    from auditlib.files import csv_cell

    path = write(tmp_path, f"id\n{csv_cell('=1+1')}\n".encode())
    assert read_rows(path, ("id",), escaped=True)[1] == [(2, {"id": "=1+1"})]
    assert read_rows(path, ("id",))[1] != [(2, {"id": "=1+1"})]
