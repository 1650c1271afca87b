"""The commands on frameworks and on one audit file: frameworks, framework show, framework
validate, check."""
from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from auditlib.cli.common import EXIT_FINDINGS, EXIT_INVALID, EXIT_OK, CommandError, read_json
from auditlib.cli.common import print_json as _print_json  # as in cli.py: these moved unchanged
from auditlib.exceptions import FrameworkError, InvalidAudit, UnknownFramework
from auditlib.text import shown


def cmd_frameworks(args: argparse.Namespace) -> int:
    """List the frameworks found."""
    from auditlib.framework import framework_files, get_framework

    # one broken file (a council's own framework, say) must not hide the others
    frameworks, status = [], EXIT_OK
    for framework_id in sorted(framework_files()):
        try:
            frameworks.append(get_framework(framework_id))
        except FrameworkError as exc:
            for line in exc.lines():
                print(f"auditlib: {shown(line)}", file=sys.stderr)
            status = EXIT_INVALID
    rows = [{"id": f.id, "title": f.title, "source": f.source.get("title", ""),
             "documents": f.source.get("documents", []), "path": f.path} for f in frameworks]
    if args.json:
        _print_json(rows)
    else:
        width = max((len(shown(r["id"])) for r in rows), default=2)
        for r in rows:
            print(f"{shown(r['id']):<{width}}  {shown(r['title'])}")
    return status


def cmd_framework_show(args: argparse.Namespace) -> int:
    """Show a framework's sections, criteria, descriptors, flags, rules and guidance."""
    framework = _framework(args.framework)
    if args.json:
        _print_json(framework.to_dict())
        return EXIT_OK
    # a council's own framework file is text from outside, as a store's values are
    print(shown(f"{framework.title} ({framework.id})"))
    print(shown(f"Source: {framework.source.get('title', '')} "
                f"[{', '.join(map(str, framework.source.get('documents', [])))}]"))
    for s in framework.sections:
        scale = f" — {s.scale.id}" if s.scale else ""
        na = ", may be not applicable" if s.not_applicable else ""
        print(shown(f"  {s.number + '. ' if s.number else ''}{s.title} "
                    f"[{s.id}, {s.kind}{scale}{na}]"))
        for c in s.criteria:
            print(shown(f"      - {c.title} [{c.id}]"))
        for f in s.flags:
            print(shown(f"      flag: {f.label} [{f.id}]"))
    if framework.overall:
        overall = framework.overall
        print(shown(f"Overall grade: chosen in {overall.section}, on {overall.scale.id}"))
    for r in framework.rules:
        print(shown(f"  rule {r.id} ({r.kind}, {r.level})"))
    return EXIT_OK


def cmd_framework_validate(args: argparse.Namespace) -> int:
    """Validate framework files; print every problem as FILE:LINE: what is wrong."""
    from auditlib.framework import check_framework_file

    status = EXIT_OK
    for file in args.files:
        try:
            f = check_framework_file(file)  # valid, and named so that commands can find it
        except FrameworkError as exc:
            for line in exc.lines():
                print(shown(line), file=sys.stderr)
            status = EXIT_INVALID
            continue
        criteria = sum(len(s.criteria) for s in f.sections)
        print(shown(f"{file}: valid framework {f.id!r} ({len(f.sections)} sections, {criteria} "
                    f"criteria, {len(f.rules)} rules)"))
    return status


def cmd_check(args: argparse.Namespace) -> int:
    """Grade an audit record: section grades, overall, findings, completeness."""
    from auditlib.framework import get_framework, load_framework
    from auditlib.grading import grade

    record = read_json(args.audit)
    if args.framework_file:
        framework = load_framework(args.framework_file)
    else:
        if not isinstance(record, dict) or not isinstance(record.get("framework"), str):
            raise CommandError(f"{args.audit}: framework: missing (the audit must name its "
                               "framework id)")
        try:
            framework = get_framework(record["framework"])
        except UnknownFramework as exc:
            raise CommandError(f"{args.audit}: framework: {exc}") from None
    try:
        result = grade(framework, record)
    except InvalidAudit as exc:
        raise CommandError(f"{args.audit}: {exc}") from None
    if args.json:
        _print_json(result.to_dict())
    else:
        _print_grading(args.audit, framework, record, result)
    return EXIT_FINDINGS if result.errors else EXIT_OK


def _print_grading(name: str, framework: Any, record: dict, result: Any) -> None:
    # every value may come from the file being checked: each is shown terminal-safe
    print(f"{shown(name)}: {shown(framework.title)} — child {shown(record.get('child_id'))}")
    for s in framework.sections:
        g = result.sections.get(s.id)
        if g is None or s.id == (framework.overall.section if framework.overall else None):
            continue
        extra = f" (score {g.score})" if g.score is not None else ""
        if g.suggested and g.chosen is None:
            extra += " (suggested from criteria)"
        print(shown(f"  {s.number + '. ' if s.number else ''}{s.title}: {g.label}{extra}"))
    if framework.overall:
        scale = framework.overall.scale
        allowed = ", ".join(scale.label(a) for a in result.allowed) or "none"
        print(shown(f"Overall: chosen {scale.label(result.chosen)}; suggested "
                    f"{scale.label(result.suggested)}; allowed {allowed}"))
    if result.findings:
        print("Findings:")
        for f in result.findings:
            print(shown(f"  {f.level.upper():7} [{f.where}] {f.message}  ({f.rule})"))
            if f.source:
                quote = ("\n" + " " * 18).join(map(shown, f.source.strip().split("\n")))
                print(f"          Source: \u201c{quote}\u201d")
    state = "yes" if result.complete else "no"
    print(shown(f"Complete: {state} ({result.done} of {result.total} fields complete"
                + (f"; missing: {', '.join(result.missing)})" if result.missing else ")")))


def _framework(id_or_path: str) -> Any:
    from auditlib.framework import get_framework, load_framework

    if id_or_path.endswith((".yaml", ".yml")) or os.sep in id_or_path:
        return load_framework(id_or_path)
    return get_framework(id_or_path)
