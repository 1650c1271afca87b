"""Calibration training: fictional exemplar cases with benchmark grades, and how a trainee's
grades compare.

An exemplar (``training/exemplars/*.yaml``) is a fictional case file a trainee reads, with the
benchmark moderation panel's grades for two or more frameworks, field by field, and the rationale
for each. A trainee grades an exemplar blind in the same form as a real audit (a training audit
in the store); on submitting, :func:`compare` sets their grades beside the benchmark's, with how
far off each was and their agreement statistics.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from auditlib.exceptions import AuditlibError
from auditlib.framework import Framework, get_framework
from auditlib.grading import grade
from auditlib.locations import exemplars_dir
from auditlib.record import interchange_record, validate_record
from auditlib.scales import NOT_APPLICABLE


@dataclass(frozen=True)
class Benchmark:
    framework: str
    record: dict[str, Any]
    rationale: dict[str, str]
    panel: str = ""


@dataclass(frozen=True)
class Exemplar:
    id: str
    title: str
    summary: str
    notice: str
    child: dict[str, Any]
    case_file: tuple[tuple[str, str], ...]
    benchmarks: dict[str, Benchmark] = field(default_factory=dict)
    path: str = ""

    @property
    def child_id(self) -> str:
        """The id a trainee's training audits of this exemplar carry."""
        return f"EXEMPLAR-{self.id}"


def load_exemplar(path: str | Path) -> Exemplar:
    """Read and check an exemplar: fictional, readable, and every benchmark a valid audit of its
    framework. Problems name the file."""
    import yaml

    from auditlib.yamlsafe import load_data, read_yaml_file

    path = Path(path)
    try:
        # a safe loader (no dates, no aliases, bounded): exemplars are data, never code
        data = load_data(read_yaml_file(path))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        what = " ".join(str(exc).split())  # PyYAML's messages span lines
        raise AuditlibError(f"{path}: cannot read the exemplar ({what})") from None
    if not isinstance(data, dict) or data.get("schema_version") != 1:
        raise AuditlibError(f"{path}: not an exemplar (schema_version 1 expected)")
    if data.get("fictional") is not True:
        raise AuditlibError(f"{path}: an exemplar must be marked fictional: true")
    benchmarks = {}
    for i, b in enumerate(data.get("benchmarks") or []):
        try:
            framework = get_framework(b["framework"])
            validate_record(framework, b["record"])
        except (KeyError, TypeError):
            raise AuditlibError(f"{path}: benchmarks[{i}] needs framework and record") from None
        except AuditlibError as exc:
            raise AuditlibError(f"{path}: benchmarks[{i}]: {exc}") from None
        benchmarks[framework.id] = Benchmark(framework.id, b["record"],
                                             {str(k): str(v) for k, v in
                                              (b.get("rationale") or {}).items()},
                                             str(b.get("panel") or ""))
    if len(benchmarks) < 1:
        raise AuditlibError(f"{path}: an exemplar needs benchmark grades")
    return Exemplar(
        id=str(data["id"]), title=str(data["title"]), summary=str(data.get("summary", "")),
        notice=str(data.get("notice", "")), child=dict(data.get("child") or {}),
        case_file=tuple((str(p["heading"]), str(p["text"])) for p in data["case_file"]),
        benchmarks=benchmarks, path=str(path))


def list_exemplars(folder: str | Path | None = None) -> list[Exemplar]:
    folder = Path(folder) if folder else exemplars_dir()
    return [load_exemplar(p) for p in sorted(folder.glob("*.yaml"))]


def next_exemplar(store: Any, user: str, exemplars: list[Exemplar], framework: str,
                  current: str | None = None) -> Exemplar | None:
    """The exemplar ``user`` grades next against ``framework``: another than ``current`` (the
    one just graded) that they have not graded yet, else the one they graded least recently;
    ``current`` itself only when it is the only exemplar for the framework. None when no
    exemplar has a benchmark for it. ``store`` is an AuditStore."""
    candidates = [x for x in exemplars if framework in x.benchmarks]
    others = [x for x in candidates if x.id != current] or candidates
    last: dict[str, tuple[str, int]] = {}
    for audit in store.find_audits(auditor=user, framework=framework, training=True):
        when = (str(audit.get("updated_at") or ""), int(audit["audit_id"]))
        last[audit["child_id"]] = max(last.get(audit["child_id"], when), when)
    fresh = [x for x in others if x.child_id not in last]
    if fresh:
        return fresh[0]
    return min(others, key=lambda x: last[x.child_id]) if others else None


# --------------------------------------------------------------------------- comparison

@dataclass
class Comparison:
    """A trainee's grades against the benchmark, field by field, with agreement statistics."""

    rows: list[dict[str, Any]]
    exact: float
    within_one: float
    weighted_kappa: float | None
    mean_difference: float
    overall: dict[str, Any]

    @property
    def tendency(self) -> str:
        if abs(self.mean_difference) < 0.05:
            return "in line with the benchmark"
        # levels run best first: a positive difference means the trainee graded lower
        return "harsher than the benchmark" if self.mean_difference > 0 else \
            "more lenient than the benchmark"


def graded_items(framework: Framework, record: dict[str, Any]) -> dict[str, tuple[str, Any]]:
    """Item id -> (grade, scale) for every graded field of a record: sections (effective
    grade), criteria, and the overall."""
    result = grade(framework, record, validate=False)
    out: dict[str, tuple[str, Any]] = {}
    for section in framework.sections:
        if section.scale is None:
            continue
        for criterion in section.criteria:
            g = (record.get("answers", {}).get(criterion.id) or {}).get("grade")
            if g:
                out[criterion.id] = (g, section.scale)
        s = result.sections.get(section.id)
        if s is not None and s.grade is not None:
            out[section.id] = (s.grade, section.scale)
        elif s is not None and s.not_applicable:
            out[section.id] = (NOT_APPLICABLE, section.scale)
    return out


def field_titles(framework: Framework) -> dict[str, str]:
    """Item id -> its title as a person reads it, with its section's number ("2. Risk…")."""
    titles = {s.id: f"{s.number}. {s.title}" if s.number else s.title
              for s in framework.sections}
    titles.update({c.id: f"{s.number}. {c.title}" if s.number else c.title
                   for s in framework.sections for c in s.criteria})
    return titles


def compare(framework: Framework, trainee: dict[str, Any], benchmark: Benchmark) -> Comparison:
    """Set a trainee's grades beside the benchmark's."""
    from auditlib.agreement import cohen_kappa

    mine = graded_items(framework, trainee)
    theirs = graded_items(framework, benchmark.record)
    titles = field_titles(framework)
    rows, diffs, ratings = [], [], []
    for item, (b_grade, scale) in theirs.items():
        t_grade = mine.get(item, (None, scale))[0]
        row = {"item": item, "title": titles.get(item, item),
               "trainee": scale.label(t_grade) if t_grade else "Not graded",
               "benchmark": scale.label(b_grade), "distance": None,
               "rationale": benchmark.rationale.get(item, "")}
        if t_grade in scale.rank and b_grade in scale.rank:
            row["distance"] = scale.rank[t_grade] - scale.rank[b_grade]
            diffs.append(row["distance"])
            ratings += [(item, "trainee", t_grade), (item, "benchmark", b_grade)]
        elif t_grade == b_grade:
            row["distance"] = 0
        row["off_by"] = _off_by(row["distance"])
        rows.append(row)
    compared = [r for r in rows if r["distance"] is not None]
    exact = sum(r["distance"] == 0 for r in compared) / len(compared) if compared else 0.0
    within = sum(abs(r["distance"]) <= 1 for r in compared) / len(compared) if compared else 0.0
    levels = _shared_levels(theirs)
    kappa = None
    if levels and ratings:
        try:
            value = cohen_kappa(ratings, levels, weights="linear")
            kappa = None if value != value else value  # nan: nothing to correct for
        except ValueError:
            kappa = None
    overall_id = framework.overall.section if framework.overall else None
    overall = next((r for r in rows if r["item"] == overall_id), {})
    return Comparison(rows, exact, within, kappa,
                      sum(diffs) / len(diffs) if diffs else 0.0, overall)


def _off_by(distance: int | None) -> str:
    if distance is None:
        return "not compared"
    if distance == 0:
        return "the same"
    steps = abs(distance)
    way = "lower" if distance > 0 else "higher"
    return f"{steps} grade{'s' * (steps > 1)} {way}"


def _shared_levels(items: dict[str, tuple[str, Any]]) -> list[str] | None:
    scales = {scale.levels for _, scale in items.values()}
    return list(next(iter(scales))) if len(scales) == 1 else None


def cohort_results(store: Any, exemplars: list[Exemplar], framework: str | None = None
                   ) -> dict[str, Any]:
    """Every trainee's submitted training audits against the benchmarks: per trainee (weighted
    kappa, alignment, tendency), per field (where the cohort disagrees most) and per attempt
    (progress over repeated exercises). Each field and attempt carries the titles a person reads
    (``title``, ``framework_title``, ``exemplar_title``) beside its ids.

    A trainee's 95% intervals (``low`` and ``high`` for alignment, ``kappa_interval``) treat
    each exercise (training audit) as one observation, the fields graded in it together; with
    fewer than two exercises they are ``None``."""
    from auditlib.consistency import intervals_by_audit

    by_child = {e.child_id: e for e in exemplars}
    trainees: dict[str, dict[str, Any]] = {}
    fields: dict[tuple[str, str], list[int]] = {}
    attempts: list[dict[str, Any]] = []
    for summary in store.find_audits(training=True):
        if framework and summary["framework"] != framework:
            continue
        if summary["status"] not in ("submitted", "returned", "finalised"):
            continue
        exemplar = by_child.get(summary["child_id"])
        if exemplar is None or summary["framework"] not in exemplar.benchmarks:
            continue
        fw = get_framework(summary["framework"])
        record = store.find_audit(summary["audit_id"])
        result = compare(fw, _plain(record), exemplar.benchmarks[fw.id])
        who = trainees.setdefault(summary["auditor"], {"pairs": [], "levels": None,
                                                       "exercises": 0, "diffs": []})
        who["exercises"] += 1
        items = graded_items(fw, _plain(record))
        bench = graded_items(fw, exemplar.benchmarks[fw.id].record)
        for item, (b, scale) in bench.items():
            t = items.get(item, (None,))[0]
            if t in scale.rank and b in scale.rank:
                if who["levels"] in (None, list(scale.levels)):
                    who["levels"] = list(scale.levels)
                    who["pairs"].append((summary["audit_id"], t, b))
                who["diffs"].append(scale.rank[t] - scale.rank[b])
                fields.setdefault((fw.id, item), []).append(int(t == b))
        attempts.append({"trainee": summary["auditor"], "exemplar": exemplar.id,
                         "exemplar_title": exemplar.title, "framework": fw.id,
                         "framework_title": fw.title, "audit_id": summary["audit_id"],
                         "attempt": who["exercises"], "exact": result.exact,
                         "weighted_kappa": result.weighted_kappa})
    rows = []
    for name, who in sorted(trainees.items()):
        pairs = who["pairs"]
        agreed = sum(t == b for _, t, b in pairs)
        found = intervals_by_audit(pairs, who["levels"])
        low, high = found["agreement"] or (None, None)
        kappa = ci = None
        if who["levels"] and len(pairs) >= 2:
            from auditlib.agreement import cohen_kappa
            ratings = [(i, "t", t) for i, (_, t, _) in enumerate(pairs)] + \
                      [(i, "b", b) for i, (_, _, b) in enumerate(pairs)]
            try:
                kappa = cohen_kappa(ratings, who["levels"], weights="linear")
                kappa = None if kappa != kappa else kappa
            except ValueError:
                kappa = None
            ci = found["weighted_kappa"] if kappa is not None else None
        mean = sum(who["diffs"]) / len(who["diffs"]) if who["diffs"] else 0.0
        rows.append({"trainee": name, "exercises": who["exercises"], "fields": len(pairs),
                     "alignment": agreed / len(pairs) if pairs else 0.0, "low": low,
                     "high": high, "weighted_kappa": kappa, "kappa_interval": ci,
                     "mean_difference": mean})
    ordered = sorted(fields.items(), key=lambda kv: (sum(kv[1]) / len(kv[1]), -len(kv[1]),
                                                     kv[0][1]))
    hardest = [{"framework": fw, "item": item, "agreement": sum(v) / len(v), "grades": len(v),
                "framework_title": get_framework(fw).title,
                "title": field_titles(get_framework(fw)).get(item, item)}
               for (fw, item), v in ordered]
    return {"trainees": rows, "fields": hardest, "attempts": attempts}


def _plain(record: dict[str, Any]) -> dict[str, Any]:
    return interchange_record(record)
