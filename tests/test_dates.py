"""Months and dates read one way everywhere (auditlib.dates), and named by their field: the
library never names a command-line option, so a page does not show one."""
from __future__ import annotations

import datetime as dt

import pytest

from auditlib.dates import is_calendar_date, months_before, parse_date, parse_month
from auditlib.exceptions import InvalidValue


def test_a_month_is_its_first_day():
    assert parse_month(" 2026-11 ") == dt.date(2026, 11, 1)


@pytest.mark.parametrize("text", ["2026-13", "Nov", "2026-1", "0999-01", "２０２６-11", ""])
def test_a_bad_month_names_the_field_not_an_option(text):
    with pytest.raises(InvalidValue) as caught:
        parse_month(text)
    assert caught.value.field == "month"
    assert str(caught.value).startswith("month: ") and "--" not in str(caught.value)


def test_dates_as_councils_write_them():
    assert parse_date("31/03/2025") == parse_date("2025-03-31") == dt.date(2025, 3, 31)
    for bad in ("2025-02-30", "31.03.2025", "next week"):
        with pytest.raises(ValueError):
            parse_date(bad)


def test_calendar_dates_and_months_before():
    assert is_calendar_date("2024-02-29") and not is_calendar_date("2025-02-29")
    assert not is_calendar_date("two weeks")
    assert months_before(dt.date(2026, 8, 31), 6) == dt.date(2026, 2, 28)


def test_the_lead_auditors_page_shows_no_command_line_option(tmp_path, monkeypatch):
    """Found: the lead auditor's page said "--month: '2026-13' is not a month"."""
    pytest.importorskip("ipywidgets")
    from auditlib.pages.lead import LeadAuditorWorkbook
    from auditlib.store import AuditStore

    monkeypatch.setenv("AUDITLIB_USER", "lead")
    with AuditStore(f"sqlite:///{tmp_path / 'audits.sqlite'}", create=True) as store:
        store.add_user("lead", roles=["lead_auditor"], user="lead")
        page = LeadAuditorWorkbook(store, user="lead", folder=tmp_path / "data",
                                   month="2026-11")
        page.tracking.month.value = "2026-13"
        page.tracking.refresh()
        assert "is not a month" in page.tracking.audits.value
        assert "--month" not in page.tracking.audits.value
