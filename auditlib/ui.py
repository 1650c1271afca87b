"""The auditor's workbook, under the name generated workbooks on disk import it by.

Every workbook `auditlib generate` has written calls ``auditlib.ui.open_workbook``; the page
itself lives in ``auditlib.pages.audit``. Keep this name as long as such workbooks exist.
"""

from auditlib.pages.audit import open_workbook

__all__ = ["open_workbook"]
