"""The lead auditor's month: sample, generate, track, report, export (the `month` extra)."""
