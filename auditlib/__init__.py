"""auditlib: case file audits for children's social care, graded against frameworks as data.

The core (frameworks, grading, records) needs only PyYAML and imports without Jupyter.
"""
from auditlib.exceptions import AuditlibError, FrameworkError, InvalidAudit, UnknownFramework
from auditlib.framework import (
    Framework,
    framework_from_dict,
    get_framework,
    list_frameworks,
    load_framework,
)
from auditlib.grading import Finding, Grading, grade
from auditlib.record import validate_record

__version__ = "0.1.0"

__all__ = [
    "AuditlibError",
    "Finding",
    "Framework",
    "FrameworkError",
    "Grading",
    "InvalidAudit",
    "UnknownFramework",
    "framework_from_dict",
    "get_framework",
    "grade",
    "list_frameworks",
    "load_framework",
    "validate_record",
]
