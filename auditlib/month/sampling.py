"""The monthly sample: which children are audited this month, and by whom.

The rules come from the full audit process (``frameworks/sources/full-audit-process.txt``): at the
beginning of each month the lead auditor creates "a random sample of 20 children who are open to
children's services, who have not been audited within the past 6 months"; "auditors are always
asked to audit a child from another area of service to their own"; audits "must be completed
within 2 weeks". A child closed after sampling stays in the sample.

:func:`draw_sample` is pure: the same inputs and seed always give the same sample and allocation.
Reading the CSV files (:func:`read_children`, :func:`read_history`, :func:`read_auditors`)
reports the first problem as ``FILE:ROW: COLUMN: what is wrong`` (rows counted as a spreadsheet
shows them, the header being row 1).
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import json
import random
import re
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from auditlib.dates import months_before, parse_date, parse_month
from auditlib.exceptions import AuditlibError, InvalidValue, TableError
from auditlib.files import csv_text, make_private_dir, write_private
from auditlib.tables import read_rows

SAMPLE_DAY = 1            # the sample is drawn on the first of the month
LOOKBACK_MONTHS = 6       # "who have not been audited within the past 6 months"
DUE_AFTER_DAYS = 14       # "must be completed within 2 weeks"
# worker: the child's allocated social worker, so an audit can be linked to them
OUTPUT_COLUMNS = ("child_id", "service_area", "team", "worker", "auditor", "auditor_service_area",
                  "month", "due_date", "framework")


# what councils call their cohorts, written in status by mistake (read_children says so)
_COHORTS = {"cin", "cp", "cpp", "cla", "lac", "cl", "care leaver", "care leavers", "leaving care",
            "child in need", "children in need", "child protection", "looked after",
            "child looked after", "children looked after"}


class SampleError(TableError):
    """An input file or request that cannot make a sample: names the file, row and column."""


@dataclass(frozen=True)
class Child:
    child_id: str
    service_area: str
    team: str
    status: str
    row: int
    extra: dict[str, str] = field(default_factory=dict)
    opened_on: _dt.date | None = None
    closed_on: _dt.date | None = None
    framework: str | None = None


@dataclass(frozen=True)
class Auditor:
    auditor: str
    service_area: str
    capacity: int | None
    row: int


@dataclass
class Sample:
    """A drawn sample: one row per child, plus what the lead auditor should know."""

    month: str
    sample_date: _dt.date
    due_date: _dt.date
    rows: list[dict[str, str]]
    eligible: int
    requested: int
    warnings: list[str] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)

    def workload(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for row in self.rows:
            counts[row["auditor"]] = counts.get(row["auditor"], 0) + 1
        return dict(sorted(counts.items()))


# --------------------------------------------------------------------------- reading

def read_children(path: str | Path) -> tuple[list[Child], list[str]]:
    """Children with ``child_id``, ``service_area``, ``team``, ``status`` (open or closed) and any
    other columns, which are carried through. Optional ``opened_on`` / ``closed_on`` dates say
    whether a child was open on the sample date; optional ``framework`` chooses the audit tool."""
    name = str(path)
    header, rows = read_rows(path, ("child_id", "service_area", "team", "status"))
    children, first_row = [], {}
    for number, values in rows:
        child_id = values["child_id"]
        if not child_id:
            raise SampleError(name, "empty child id", number, "child_id")
        if child_id in first_row:
            raise SampleError(name, f"duplicate child id {child_id!r} (also row "
                              f"{first_row[child_id]})", number, "child_id")
        first_row[child_id] = number
        for column in ("service_area", "team"):
            if not values[column]:
                raise SampleError(name, f"empty {column.replace('_', ' ')}", number, column)
        status = values["status"].lower()
        if status not in ("open", "closed"):
            # councils write their cohort here (CIN, CP, CLA): it belongs in another column
            hint = ("; a cohort (CIN, CP, CLA, care leaver) belongs in service_area or a column "
                    "of its own, not in status" if re.sub(r"[^a-z]+", " ", status).strip()
                    in _COHORTS else "")
            raise SampleError(name, f"{values['status']!r} is not open or closed{hint}", number,
                              "status")
        dates = {}
        for column in ("opened_on", "closed_on"):
            if values.get(column):
                try:
                    dates[column] = parse_date(values[column])
                except ValueError as exc:
                    raise SampleError(name, str(exc), number, column) from None
        extra = {k: v for k, v in values.items()
                 if k not in ("child_id", "service_area", "team", "status")}
        children.append(Child(child_id, values["service_area"], values["team"], status, number,
                              extra, dates.get("opened_on"), dates.get("closed_on"),
                              values.get("framework") or None))
    return children, header


def read_history(path: str | Path) -> dict[str, list[_dt.date]]:
    """Past audits: ``child_id`` and ``audit_date`` -> dates by child."""
    name = str(path)
    _, rows = read_rows(path, ("child_id", "audit_date"))
    history: dict[str, list[_dt.date]] = {}
    for number, values in rows:
        if not values["child_id"]:
            raise SampleError(name, "empty child id", number, "child_id")
        try:
            day = parse_date(values["audit_date"])
        except ValueError as exc:
            raise SampleError(name, str(exc), number, "audit_date") from None
        history.setdefault(values["child_id"], []).append(day)
    return history


def read_auditors(path: str | Path) -> list[Auditor]:
    """Auditors: ``auditor``, ``service_area`` and an optional ``capacity`` (audits this month)."""
    name = str(path)
    _, rows = read_rows(path, ("auditor", "service_area"))
    auditors, first_row = [], {}
    for number, values in rows:
        who = values["auditor"]
        if not who:
            raise SampleError(name, "empty auditor", number, "auditor")
        if who in first_row:
            raise SampleError(name, f"duplicate auditor {who!r} (also row {first_row[who]})",
                              number, "auditor")
        first_row[who] = number
        if not values["service_area"]:
            raise SampleError(name, "empty service area", number, "service_area")
        capacity = None
        if values.get("capacity"):
            if not re.fullmatch(r"\d+", values["capacity"]):
                raise SampleError(name, f"{values['capacity']!r} is not a whole number",
                                  number, "capacity")
            capacity = int(values["capacity"])
        auditors.append(Auditor(who, values["service_area"], capacity, number))
    if not auditors:
        raise SampleError(name, "no auditors listed")
    return auditors


# --------------------------------------------------------------------------- drawing

def eligible_children(children: list[Child], history: dict[str, list[_dt.date]],
                      sample_date: _dt.date) -> list[Child]:
    """Children open on the sample date and not audited in the six months before it."""
    since = months_before(sample_date, LOOKBACK_MONTHS)
    out = []
    for child in children:
        if child.opened_on and child.opened_on > sample_date:
            continue
        if child.closed_on:
            if child.closed_on < sample_date:
                continue
        elif child.status != "open":
            continue
        if any(day >= since for day in history.get(child.child_id, ())):
            continue
        out.append(child)
    return out


def draw_sample(children: list[Child], history: dict[str, list[_dt.date]],
                auditors: list[Auditor], month: str, size: int, seed: int,
                framework: str = "full-audit", children_file: str = "children.csv",
                auditors_file: str = "auditors.csv", columns: list[str] | None = None
                ) -> Sample:
    """Draw the month's sample and allocate each child to an auditor from another service area,
    spreading the work evenly. Pure: the same arguments give the same sample."""
    if size < 1:
        raise InvalidValue("size", f"must be at least 1 (got {size})")
    sample_date = parse_month(month)
    due_date = sample_date + _dt.timedelta(days=DUE_AFTER_DAYS)
    pool = sorted(eligible_children(children, history, sample_date), key=lambda c: c.child_id)
    rng = random.Random(seed)
    warnings = []
    if len(pool) < size:
        warnings.append(f"only {len(pool)} children are eligible (open on {sample_date}, not "
                        f"audited since {months_before(sample_date, LOOKBACK_MONTHS)}); "
                        f"all of them are sampled, not {size}")
    chosen = rng.sample(pool, min(size, len(pool)))
    chosen.sort(key=lambda c: c.child_id)
    allocation = allocate(chosen, auditors, rng, children_file, auditors_file)
    by_name = {a.auditor: a for a in auditors}
    extra_columns = [c for c in (columns or []) if c not in OUTPUT_COLUMNS and c != "status"]
    rows = []
    for child in chosen:
        auditor = by_name[allocation[child.child_id]]
        row = {"child_id": child.child_id, "service_area": child.service_area,
               "team": child.team, "worker": child.extra.get("worker", ""),
               "auditor": auditor.auditor,
               "auditor_service_area": auditor.service_area, "month": month,
               "due_date": due_date.isoformat(), "framework": child.framework or framework,
               "status": child.status}
        for column in extra_columns:
            row[column] = child.extra.get(column, "")
        rows.append(row)
    return Sample(month=month, sample_date=sample_date, due_date=due_date, rows=rows,
                  eligible=len(pool), requested=size, warnings=warnings,
                  columns=list(OUTPUT_COLUMNS) + ["status"] + extra_columns)


def allocate(children: list[Child], auditors: list[Auditor], rng: random.Random,
             children_file: str = "children.csv", auditors_file: str = "auditors.csv"
             ) -> dict[str, str]:
    """Child id -> auditor: never from the child's own service area, within each auditor's
    capacity, and with workloads that differ by at most one wherever capacities allow.

    The smallest feasible maximum workload is found first (a flow with every auditor capped at
    it), then work moves along alternating paths from the busiest auditors to those two or more
    below them until no such move exists.
    """
    order = list(auditors)
    rng.shuffle(order)  # who gets the extra child when the work does not divide evenly
    names = [a.auditor for a in order]
    capacity = {a.auditor: (a.capacity if a.capacity is not None else len(children))
                for a in order}
    options: dict[str, list[str]] = {}
    for child in children:
        options[child.child_id] = [a.auditor for a in order
                                   if a.service_area != child.service_area
                                   and capacity[a.auditor] > 0]
        if not options[child.child_id]:
            raise SampleError(children_file, f"no auditor in {auditors_file} can audit child "
                              f"{child.child_id!r}: every auditor with capacity is in its "
                              f"service area {child.service_area!r}", child.row, "service_area")
    total = sum(capacity.values())
    if total < len(children):
        raise SampleError(auditors_file, f"the auditors' capacity ({total}) is less than the "
                          f"{len(children)} children sampled", None, "capacity")
    lower = max(1, -(-len(children) // max(1, len(names))))
    for cap in range(lower, len(children) + 1):
        assigned = _flow(children, options, {n: min(capacity[n], cap) for n in names})
        if assigned is not None:
            break
    else:  # pragma: no cover - total capacity already checked
        assigned = None
    if assigned is None:
        # some children can only go to a few auditors whose capacity is used up
        raise SampleError(children_file, "no valid allocation: the children's service areas and "
                          "the auditors' capacities cannot be matched (add auditors from other "
                          "service areas or raise their capacity)", None, "service_area")
    _balance(assigned, options, capacity)
    return assigned


def _flow(children: list[Child], options: dict[str, list[str]], caps: dict[str, int]
          ) -> dict[str, str] | None:
    """A complete assignment within ``caps``, by augmenting paths (Ford-Fulkerson), or None."""
    assigned: dict[str, str] = {}
    load = {n: 0 for n in caps}
    holders: dict[str, list[str]] = {n: [] for n in caps}
    # the most constrained children first, so the search rarely has to backtrack
    for child in sorted(children, key=lambda c: (len(options[c.child_id]), c.child_id)):
        if not _augment(child.child_id, options, caps, load, holders, assigned):
            return None
    return assigned


def _augment(child_id: str, options: dict[str, list[str]], caps: dict[str, int],
             load: dict[str, int], holders: dict[str, list[str]], assigned: dict[str, str]
             ) -> bool:
    # breadth-first search over auditors for one with room, moving children along the way
    parent: dict[str, tuple[str, str | None]] = {}
    queue = deque()
    for auditor in options[child_id]:
        if auditor not in parent:
            parent[auditor] = (child_id, None)
            queue.append(auditor)
    while queue:
        auditor = queue.popleft()
        if load[auditor] < caps[auditor]:
            # walk back: each child on the path moves to the next auditor
            current = auditor
            while True:
                moving, previous = parent[current]
                if previous is not None:
                    holders[previous].remove(moving)
                    load[previous] -= 1
                holders[current].append(moving)
                load[current] += 1
                assigned[moving] = current
                if previous is None:
                    return True
                current = previous
        for held in holders[auditor]:
            for other in options[held]:
                if other not in parent:
                    parent[other] = (held, auditor)
                    queue.append(other)
    return False


def _balance(assigned: dict[str, str], options: dict[str, list[str]],
             capacity: dict[str, int]) -> None:
    """Move work from busier to quieter auditors until no auditor with room is two or more
    below another who could hand them work (directly or along a chain)."""
    load = {n: 0 for n in capacity}
    holders: dict[str, list[str]] = {n: [] for n in capacity}
    for child_id, auditor in sorted(assigned.items()):
        load[auditor] += 1
        holders[auditor].append(child_id)
    improved = True
    while improved:
        improved = False
        for source in sorted(capacity, key=lambda n: (-load[n], n)):
            # search from the busy auditor for one with room and at least two fewer
            parent: dict[str, tuple[str, str]] = {}
            queue = deque([source])
            seen = {source}
            target = None
            while queue and target is None:
                auditor = queue.popleft()
                for held in sorted(holders[auditor]):
                    for other in options[held]:
                        if other in seen:
                            continue
                        seen.add(other)
                        parent[other] = (held, auditor)
                        if load[other] <= load[source] - 2 and load[other] < capacity[other]:
                            target = other
                            break
                        queue.append(other)
                    if target is not None:
                        break
            if target is None:
                continue
            current = target
            while current != source:
                moving, previous = parent[current]
                holders[previous].remove(moving)
                holders[current].append(moving)
                assigned[moving] = current
                current = previous
            load[source] -= 1
            load[target] += 1
            improved = True
            break


# --------------------------------------------------------------------------- writing

def sha256_of(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def write_sample(sample: Sample, out: str | Path, seed: int, inputs: dict[str, str | Path]
                 ) -> Path:
    """Write the sample CSV, and beside it ``<out>.provenance.json`` with the seed, the month,
    the size asked for and each input file's SHA-256, so the sample can be shown to be random
    and untampered (re-running with the same files and seed gives the same file)."""
    from auditlib import __version__

    out = Path(out)
    if not out.parent.is_dir():  # a folder that is there is the user's; a new one is private
        make_private_dir(out.parent)
    # child ids and every carried-through column are data: no cell may run as a formula
    write_private(out, csv_text(sample.rows, sample.columns))
    provenance = {
        "month": sample.month, "sample_date": sample.sample_date.isoformat(),
        "due_date": sample.due_date.isoformat(), "seed": seed, "size": sample.requested,
        "eligible": sample.eligible, "sampled": len(sample.rows),
        "inputs": {role: {"file": str(path), "sha256": sha256_of(path)}
                   for role, path in inputs.items()},
        "output": {"file": out.name, "sha256": sha256_of(out)},
        "rules": {"open_on": "the first of the month",
                  "not_audited_within_months": LOOKBACK_MONTHS,
                  "auditor_from_another_service_area": True,
                  "due_after_days": DUE_AFTER_DAYS},
        "auditlib": __version__, "warnings": sample.warnings,
    }
    path = out.with_name(out.name + ".provenance.json")
    write_private(path, json.dumps(provenance, indent=2) + "\n")
    return path


def audited_in_store(audits: Iterable[dict[str, Any]]) -> dict[str, list[_dt.date]]:
    """The store's own audits as history: each child, the first of the month of each audit
    (its creation day if it has no month). Audits not yet finished count too: a child sampled
    last month is being audited. Training exercises are not audits of a child."""
    history: dict[str, list[_dt.date]] = {}
    for audit in audits:
        if audit.get("training"):
            continue
        day = parse_month(audit["month"]) if audit.get("month") else \
            _dt.date.fromisoformat(str(audit["created_at"])[:10])
        history.setdefault(audit["child_id"], []).append(day)
    return history


def sample_from_files(children: str | Path, history: str | Path, auditors: str | Path,
                      month: str, size: int, seed: int, framework: str | None = None,
                      audited: dict[str, list[_dt.date]] | None = None) -> Sample:
    """Read the three files and draw the sample (the command line's and the workbook's path).
    ``audited`` adds the store's own audits (:func:`audited_in_store`) to the history file's.
    ``children`` is a CSV or the council's Annex A workbook (:mod:`auditlib.month.annex_a`).

    Each child's framework, first that applies: the CSV's ``framework`` column; ``framework``;
    the Annex A list's (looked after and care leavers ``cla-leaving-care``, else
    ``full-audit``); ``full-audit``."""
    from dataclasses import replace

    from auditlib.framework import get_framework
    from auditlib.month.annex_a import is_workbook, read_annex_a

    if framework is not None:
        get_framework(framework)  # an unknown framework fails before any work is done
    if is_workbook(children):
        kids, header = read_annex_a(children)
        if framework is not None:  # the list's framework is a default: the one chosen wins
            kids = [replace(kid, framework=framework) for kid in kids]
    else:
        kids, header = read_children(children)
    for kid in kids:
        if kid.framework:
            try:
                get_framework(kid.framework)
            except AuditlibError as exc:
                raise SampleError(str(children), str(exc), kid.row, "framework") from None
    past = read_history(history)
    for child_id, days in (audited or {}).items():
        past.setdefault(child_id, []).extend(days)
    return draw_sample(kids, past, read_auditors(auditors), month, size, seed,
                       framework or "full-audit", str(children), str(auditors), header)

