"""Frameworks as data: load a framework file, validate it, and give the grading engine a model.

Loading is two steps, as pandera does it: :func:`load_framework` reads YAML (keeping line numbers),
then the pure :func:`framework_from_dict` checks a plain dict and reports *every* problem with
its path. The file format is described in ``docs/framework-format.md``.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from auditlib.conditions import Condition, ConditionContext, compile_condition, known, lookup
from auditlib.exceptions import FrameworkError, Problem, UnknownFramework
from auditlib.scales import BUILTIN_SCALES, NOT_APPLICABLE, Band, Scale

SCHEMA_VERSION = 1
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
SECTION_KINDS = ("graded", "criteria", "text", "actions", "overall")
HEADER_TYPES = ("text", "person", "date", "yes_no", "choice", "child_id")
LEVELS = ("error", "warning", "info")
SUGGEST_METHODS = ("median", "first_match")
DEFAULT_NARRATIVES = (("evidence", "Evidence"), ("impact", "Impact"))

#: rule kind -> (required parameters, optional parameters, default level)
RULE_KINDS: dict[str, tuple[tuple[str, ...], tuple[str, ...], str]] = {
    "overall_only": (("when", "grades"), (), "error"),
    "overall_expected": (("grades", "expect"), ("level",), "warning"),
    "overall_consider": (("when", "grades"), ("level",), "warning"),
    "reminder": (("when",), ("level",), "info"),
    "narrative_required": (("narratives",), ("sections", "level"), "warning"),
    "max_actions": (("max",), ("level",), "warning"),
    "action_owner_required": ((), ("level",), "error"),
    "action_date_required": ((), ("level",), "error"),
}
RULE_COMMON = ("id", "kind", "source", "message", "note")


@dataclass(frozen=True)
class Flag:
    id: str
    label: str
    source: str = ""


@dataclass(frozen=True)
class Narrative:
    id: str
    label: str


@dataclass(frozen=True)
class Criterion:
    id: str
    title: str
    descriptors: dict[str, Any]
    guidance: str = ""


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    kind: str
    number: str = ""
    scale: Scale | None = None
    not_applicable: bool = False
    required: bool = True
    guidance: str = ""
    areas_to_consider: tuple[str, ...] = ()
    descriptors: dict[str, Any] = field(default_factory=dict)
    narratives: tuple[Narrative, ...] = ()
    flags: tuple[Flag, ...] = ()
    criteria: tuple[Criterion, ...] = ()
    suggest: dict[str, Any] = field(default_factory=dict)
    suggest_note: str = ""

    @property
    def graded(self) -> bool:
        """Does this section take a grade (its own or from criteria)?"""
        return self.kind in ("graded", "criteria", "overall")

    def choices(self) -> list[str]:
        """Grade ids the auditor may pick for the section itself."""
        if self.scale is None:
            return []
        return list(self.scale.levels) + ([NOT_APPLICABLE] if self.not_applicable else [])


@dataclass(frozen=True)
class HeaderField:
    id: str
    label: str
    type: str = "text"
    required: bool = False
    choices: tuple[tuple[str, str], ...] = ()
    shown_when: str | None = None


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    level: str
    source: str
    message: str = ""
    note: str = ""
    params: dict[str, Any] = field(default_factory=dict)
    when: Condition | None = None
    expect: Condition | None = None


@dataclass(frozen=True)
class Overall:
    section: str
    scale: Scale
    suggest: dict[str, Any]
    suggest_note: str = ""
    cases: tuple[tuple[str, Condition], ...] = ()   # compiled first_match cases
    median_of: tuple[str, ...] = ()                 # compiled median inputs


@dataclass(frozen=True)
class ActionsSpec:
    section: str
    max_recommended: int | None = None
    fields: tuple[dict[str, Any], ...] = ()
    guidance: str = ""


@dataclass
class Framework:
    """A validated audit framework: sections in the source's order and the rules that bind them."""

    id: str
    title: str
    schema_version: int
    source: dict[str, Any]
    sections: tuple[Section, ...]
    rules: tuple[Rule, ...] = ()
    overall: Overall | None = None
    actions: ActionsSpec | None = None
    header: tuple[HeaderField, ...] = ()
    scales: dict[str, Scale] = field(default_factory=dict)
    description: str = ""
    guidance: tuple[dict[str, Any], ...] = ()
    reference: tuple[dict[str, Any], ...] = ()
    path: str | None = None

    def __post_init__(self) -> None:
        self.section_by_id = {s.id: s for s in self.sections}
        self.criterion_section = {c.id: s for s in self.sections for c in s.criteria}
        self.flag_section = {f.id: s for s in self.sections for f in s.flags}
        overall_id = self.overall.section if self.overall else None
        #: the sections that count as "graded sections" in rules, in order
        self.graded_sections = tuple(s.id for s in self.sections
                                     if s.kind in ("graded", "criteria") and s.id != overall_id)
        # a section counts towards completeness if required, or if a rule asks for its narratives
        named = {sid for r in self.rules if r.kind == "narrative_required"
                 for sid in r.params.get("sections") or ()}
        #: the sections an audit must fill in to be complete, in order
        self.completeness_sections = tuple(s for s in self.sections
                                           if s.required or s.id in named)

    def section(self, section_id: str) -> Section:
        return self.section_by_id[section_id]

    def to_dict(self) -> dict[str, Any]:
        """The framework as ``auditlib framework show ID --json`` prints it."""
        return {
            "id": self.id,
            "title": self.title,
            "schema_version": self.schema_version,
            "source": self.source,
            "description": self.description,
            "header": [{"id": h.id, "label": h.label, "type": h.type, "required": h.required,
                        **({"choices": [{"id": c, "label": lbl} for c, lbl in h.choices]}
                           if h.choices else {}),
                        **({"shown_when": h.shown_when} if h.shown_when else {})}
                       for h in self.header],
            "sections": [_section_dict(s) for s in self.sections],
            "overall": None if self.overall is None else {
                "section": self.overall.section, "scale": self.overall.scale.id,
                "suggest": self.overall.suggest, "suggest_note": self.overall.suggest_note},
            "actions": None if self.actions is None else {
                "section": self.actions.section, "max_recommended": self.actions.max_recommended,
                "fields": list(self.actions.fields), "guidance": self.actions.guidance},
            "rules": [{"id": r.id, "kind": r.kind, "level": r.level, "source": r.source,
                       "message": r.message, **({"note": r.note} if r.note else {}), **r.params}
                      for r in self.rules],
            "guidance": list(self.guidance),
            "reference": list(self.reference),
        }


def _text(value: Any) -> str:
    """Descriptor text: a list of bullets becomes one bullet a line."""
    if isinstance(value, list):
        return "\n".join(f"• {item}" for item in value)
    return str(value)


def _section_dict(s: Section) -> dict[str, Any]:
    return {
        "id": s.id, "number": s.number, "title": s.title, "kind": s.kind,
        "scale": s.scale.id if s.scale else None,
        "grades": [{"id": g, "label": s.scale.label(g)} for g in s.choices()] if s.scale else [],
        "not_applicable": s.not_applicable, "required": s.required,
        "guidance": s.guidance, "areas_to_consider": list(s.areas_to_consider),
        "descriptors": {g: _text(v) for g, v in s.descriptors.items()},
        "narratives": [{"id": n.id, "label": n.label} for n in s.narratives],
        "flags": [{"id": f.id, "label": f.label, "source": f.source} for f in s.flags],
        "criteria": [{"id": c.id, "title": c.title,
                      "descriptors": {g: _text(v) for g, v in c.descriptors.items()},
                      **({"guidance": c.guidance} if c.guidance else {})} for c in s.criteria],
        **({"suggest": s.suggest, "suggest_note": s.suggest_note} if s.suggest else {}),
    }


# --------------------------------------------------------------------------- validation

class _Checker:
    """Collects problems with their paths while building the model."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def keys(self, data: dict, path: str, allowed: tuple[str, ...] | set[str],
             required: tuple[str, ...] = ()) -> None:
        for key in required:
            if key not in data:
                self.add(path, f"missing required key {key!r}")
        for key in data:
            if key not in allowed:
                self.add(_join(path, key), f"unknown key {key!r} "
                         f"(expected one of {', '.join(sorted(allowed))})")

    def string(self, data: dict, key: str, path: str, required: bool = False,
               default: str = "") -> str:
        value = data.get(key)
        if value is None:
            if required and key in data:  # an absent key is reported by keys()
                self.add(_join(path, key), "must not be empty")
            return default
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.add(_join(path, key), f"must be text (got {type(value).__name__})")
            return default
        return str(value).strip() if isinstance(value, str) else str(value)

    def ident(self, data: dict, key: str, path: str) -> str | None:
        value = data.get(key)
        if value is None:
            self.add(path, f"missing required key {key!r}")
            return None
        if not isinstance(value, str) or not ID_PATTERN.match(value):
            self.add(_join(path, key), f"must be an id of lower-case letters, digits, '_' or '-' "
                     f"(got {value!r})")
            return None
        return value

    def boolean(self, data: dict, key: str, path: str, default: bool) -> bool:
        value = data.get(key, default)
        if not isinstance(value, bool):
            self.add(_join(path, key), f"must be true or false (got {value!r})")
            return default
        return value

    def mapping(self, value: Any, path: str) -> dict:
        if not isinstance(value, dict):
            self.add(path, f"must be a mapping (got {type(value).__name__})")
            return {}
        return value

    def sequence(self, value: Any, path: str) -> list:
        if value is None:
            return []
        if not isinstance(value, list):
            self.add(path, f"must be a list (got {type(value).__name__})")
            return []
        return value

    def strings(self, value: Any, path: str) -> tuple[str, ...]:
        out = []
        for i, item in enumerate(self.sequence(value, path)):
            if isinstance(item, (str, int, float)) and not isinstance(item, bool):
                out.append(str(item))
            else:
                self.add(f"{path}[{i}]", f"must be text (got {type(item).__name__})")
        return tuple(out)


def _join(path: str, key: Any) -> str:
    return f"{path}[{key}]" if isinstance(key, int) else (f"{path}.{key}" if path else str(key))


TOP_KEYS = ("schema_version", "id", "title", "source", "description", "scales", "header",
            "sections", "overall", "actions", "rules", "guidance", "reference")
SECTION_KEYS = ("id", "number", "title", "kind", "scale", "not_applicable", "required",
                "guidance", "areas_to_consider", "descriptors", "narratives", "flags", "criteria",
                "suggest", "suggest_note")


def framework_from_dict(data: Any, path: str | None = None) -> Framework:
    """Build a :class:`Framework` from plain data, or raise :class:`FrameworkError` with every
    problem found (each with the path of the offending value)."""
    check = _Checker()
    if not isinstance(data, dict):
        raise FrameworkError([Problem("", "a framework file must be a mapping at the top level")],
                             path)
    check.keys(data, "", TOP_KEYS, required=("schema_version", "id", "title", "source", "sections"))

    version = data.get("schema_version")
    if "schema_version" in data:
        if not isinstance(version, int) or isinstance(version, bool):
            check.add("schema_version", f"must be a whole number (got {version!r})")
        elif version < SCHEMA_VERSION:
            check.add("schema_version", f"{version} is too old: this auditlib reads version "
                      f"{SCHEMA_VERSION}")
        elif version > SCHEMA_VERSION:
            check.add("schema_version", f"{version} is too new: this auditlib reads version "
                      f"{SCHEMA_VERSION}; upgrade auditlib")

    framework_id = check.ident(data, "id", "") or "invalid"
    title = check.string(data, "title", "", required=True)
    source = check.mapping(data.get("source", {}), "source")
    if source:
        check.keys(source, "source", ("documents", "title", "organisation", "note", "url"),
                   required=("documents",))
        check.strings(source.get("documents"), "source.documents")

    scales = dict(BUILTIN_SCALES)
    for sid, spec in check.mapping(data.get("scales") or {}, "scales").items():
        scale = _scale(sid, spec, f"scales.{sid}", check)
        if scale is not None:
            if sid in BUILTIN_SCALES:
                check.add(f"scales.{sid}", f"{sid!r} is a built-in scale and cannot be redefined")
            scales[sid] = scale

    header = _header(data.get("header"), check)
    sections = _sections(data.get("sections"), scales, check)

    # one namespace for everything an answer or a rule can name
    seen: dict[str, str] = {}
    for i, s in enumerate(sections):
        for ident, at in ([(s.id, f"sections[{i}].id")]
                          + [(c.id, f"sections[{i}].criteria[{j}].id")
                             for j, c in enumerate(s.criteria)]
                          + [(f.id, f"sections[{i}].flags[{j}].id")
                             for j, f in enumerate(s.flags)]):
            if ident in seen:
                check.add(at, f"duplicate id {ident!r} (already used at {seen[ident]})")
            else:
                seen[ident] = at

    by_id = {s.id: s for s in sections}
    overall = _overall(data.get("overall"), by_id, scales, check)
    actions = _actions(data.get("actions"), by_id, check)
    overall_id = overall.section if overall else None
    graded_ids = [s.id for s in sections if s.kind in ("graded", "criteria") and s.id != overall_id]
    ctx = ConditionContext(
        section_scales={s.id: s.scale for s in sections},
        graded_sections=graded_ids,
        flags={f.id for s in sections for f in s.flags},
        overall_scale=overall.scale if overall else None,
    )
    if overall is not None:
        overall = _compile_overall(overall, data.get("overall") or {}, ctx, by_id, check)
    rules = _rules(data.get("rules"), ctx, by_id, overall, check)

    guidance = _guidance(data.get("guidance"), "guidance", check)
    reference = _guidance(data.get("reference"), "reference", check)
    description = check.string(data, "description", "")

    if check.problems:
        raise FrameworkError(check.problems, path)
    return Framework(
        id=framework_id, title=title, schema_version=version, source=source,
        sections=tuple(sections), rules=tuple(rules), overall=overall, actions=actions,
        header=tuple(header), scales=scales, description=description, guidance=guidance,
        reference=reference, path=path)


MAX_SCORE = 1000


def _scale(sid: str, spec: Any, path: str, check: _Checker) -> Scale | None:
    if not ID_PATTERN.match(str(sid)):
        check.add(path, f"scale id must be lower-case letters, digits, '_' or '-' (got {sid!r})")
    spec = check.mapping(spec, path)
    check.keys(spec, path, ("levels", "not_applicable", "min", "max", "bands"), ("levels",))
    levels, labels = [], {}
    for i, level in enumerate(check.sequence(spec.get("levels"), f"{path}.levels")):
        level = check.mapping(level, f"{path}.levels[{i}]")
        lid = check.ident(level, "id", f"{path}.levels[{i}]")
        if lid:
            if lid in levels or lid == NOT_APPLICABLE:
                check.add(f"{path}.levels[{i}].id", f"duplicate or reserved grade id {lid!r}")
            levels.append(lid)
            labels[lid] = check.string(level, "label", f"{path}.levels[{i}]", default=lid)
    if not levels:
        check.add(f"{path}.levels", "a scale needs at least one level")
        return None
    bands = []
    for i, band in enumerate(check.sequence(spec.get("bands"), f"{path}.bands")):
        band = check.mapping(band, f"{path}.bands[{i}]")
        check.keys(band, f"{path}.bands[{i}]", ("grade", "min", "max", "label"),
                   ("grade", "min", "max"))
        lo, hi = band.get("min"), band.get("max")
        if band.get("grade") not in levels:
            check.add(f"{path}.bands[{i}].grade", f"{band.get('grade')!r} is not one of this "
                      "scale's levels")
        elif not all(isinstance(x, int) and not isinstance(x, bool) and abs(x) <= MAX_SCORE
                     for x in (lo, hi)) or lo > hi:
            # bounded: a page offers every score of a numeric scale as a choice
            check.add(f"{path}.bands[{i}]", f"min and max must be whole numbers from "
                      f"-{MAX_SCORE} to {MAX_SCORE} with min <= max")
        else:
            bands.append(Band(band["grade"], lo, hi, str(band.get("label", ""))))
    na = check.boolean(spec, "not_applicable", path, False)
    return Scale(sid, tuple(levels), labels, not_applicable=na, bands=tuple(bands))


def _header(value: Any, check: _Checker) -> list[HeaderField]:
    fields, seen = [], set()
    for i, item in enumerate(check.sequence(value, "header")):
        at = f"header[{i}]"
        item = check.mapping(item, at)
        check.keys(item, at, ("id", "label", "type", "required", "choices", "shown_when"),
                   ("id", "label"))
        hid = check.ident(item, "id", at)
        if hid in seen:
            check.add(f"{at}.id", f"duplicate header field {hid!r}")
        seen.add(hid)
        htype = item.get("type", "text")
        if htype not in HEADER_TYPES:
            check.add(f"{at}.type", f"unknown type {htype!r} (one of {', '.join(HEADER_TYPES)})")
        choices = []
        for j, choice in enumerate(check.sequence(item.get("choices"), f"{at}.choices")):
            choice = check.mapping(choice, f"{at}.choices[{j}]")
            check.keys(choice, f"{at}.choices[{j}]", ("id", "label"), ("id",))
            cid = check.string(choice, "id", f"{at}.choices[{j}]", required=True)
            choices.append((cid, check.string(choice, "label", f"{at}.choices[{j}]", default=cid)))
        if htype == "choice" and not choices:
            check.add(at, "a choice field needs choices")
        fields.append(HeaderField(
            id=hid or "", label=check.string(item, "label", at, required=True), type=htype,
            required=check.boolean(item, "required", at, False), choices=tuple(choices),
            shown_when=item.get("shown_when")))
    for i, f in enumerate(fields):
        if f.shown_when is not None and not known(f.shown_when, seen):
            check.add(f"header[{i}].shown_when", f"names a missing header field {f.shown_when!r}")
    return fields


def _descriptors(value: Any, scale: Scale | None, path: str, check: _Checker) -> dict[str, Any]:
    value = check.mapping(value or {}, path)
    out = {}
    for grade, text in value.items():
        at = f"{path}.{grade}"
        if scale is None:
            check.add(at, "descriptors need the section to have a scale")
            continue
        if grade not in scale.rank and grade != NOT_APPLICABLE:
            check.add(at, f"{grade!r} is not a grade of scale {scale.id} "
                      f"(one of {', '.join(scale.levels)})")
            continue
        if isinstance(text, list):
            out[grade] = list(check.strings(text, at))
        elif isinstance(text, str):
            out[grade] = text.strip()
        else:
            check.add(at, f"a descriptor must be text or a list of text (got {text!r})")
    return out


def _sections(value: Any, scales: dict[str, Scale], check: _Checker) -> list[Section]:
    items = check.sequence(value, "sections")
    if value is not None and not items:
        check.add("sections", "a framework needs at least one section")
    sections = []
    for i, item in enumerate(items):
        at = f"sections[{i}]"
        item = check.mapping(item, at)
        check.keys(item, at, SECTION_KEYS, ("id", "title"))
        sid = check.ident(item, "id", at) or f"invalid-{i}"
        kind = item.get("kind", "graded")
        if kind not in SECTION_KINDS:
            check.add(f"{at}.kind", f"unknown kind {kind!r} (one of {', '.join(SECTION_KINDS)})")
            kind = "text"
        scale = None
        if "scale" in item:
            scale = lookup(scales, item["scale"])
            if scale is None:
                check.add(f"{at}.scale", f"unknown scale {item['scale']!r} "
                          f"(one of {', '.join(sorted(scales))})")
        elif kind in ("graded", "criteria", "overall"):
            check.add(at, f"a {kind} section needs a scale")
        if scale is not None and kind in ("text", "actions"):
            check.add(f"{at}.scale", f"a {kind} section takes no grade, so no scale")
        default_narr = DEFAULT_NARRATIVES if kind in ("graded", "criteria") else ()
        narratives = []
        narr_value = item.get("narratives")
        if narr_value is None:
            narratives = [Narrative(n, lbl) for n, lbl in default_narr]
        for j, n in enumerate(check.sequence(narr_value, f"{at}.narratives")):
            n = check.mapping(n, f"{at}.narratives[{j}]")
            check.keys(n, f"{at}.narratives[{j}]", ("id", "label"), ("id", "label"))
            nid = check.ident(n, "id", f"{at}.narratives[{j}]")
            if nid in ("grade", "score", "flags", "criteria"):
                check.add(f"{at}.narratives[{j}].id", f"{nid!r} is reserved")
            elif nid and nid in {x.id for x in narratives}:
                check.add(f"{at}.narratives[{j}].id", f"duplicate narrative {nid!r}")
            elif nid:
                narratives.append(Narrative(nid, check.string(n, "label", f"{at}.narratives[{j}]")))
        flags = []
        for j, f in enumerate(check.sequence(item.get("flags"), f"{at}.flags")):
            f = check.mapping(f, f"{at}.flags[{j}]")
            check.keys(f, f"{at}.flags[{j}]", ("id", "label", "source"), ("id", "label"))
            fid = check.ident(f, "id", f"{at}.flags[{j}]")
            if fid:
                flags.append(Flag(fid, check.string(f, "label", f"{at}.flags[{j}]"),
                                  check.string(f, "source", f"{at}.flags[{j}]")))
        criteria = []
        if "criteria" in item and kind != "criteria":
            check.add(f"{at}.criteria", f"only criteria sections have criteria (this is {kind})")
        for j, c in enumerate(check.sequence(item.get("criteria"), f"{at}.criteria")):
            cat = f"{at}.criteria[{j}]"
            c = check.mapping(c, cat)
            check.keys(c, cat, ("id", "title", "descriptors", "guidance"), ("id", "title"))
            cid = check.ident(c, "id", cat)
            if cid:
                criteria.append(Criterion(
                    cid, check.string(c, "title", cat, required=True),
                    _descriptors(c.get("descriptors"), scale, f"{cat}.descriptors", check),
                    check.string(c, "guidance", cat)))
        if kind == "criteria" and not criteria and "criteria" in item:
            check.add(f"{at}.criteria", "a criteria section needs at least one criterion")
        elif kind == "criteria" and "criteria" not in item:
            check.add(at, "a criteria section needs criteria")
        suggest = {}
        if kind == "criteria":
            suggest = check.mapping(item.get("suggest", {"method": "median", "tie": "lower"}),
                                    f"{at}.suggest")
            check.keys(suggest, f"{at}.suggest", ("method", "tie"), ("method",))
            if suggest.get("method") != "median":
                check.add(f"{at}.suggest.method", "a section's suggestion method must be 'median'")
            if suggest.get("tie", "lower") != "lower":
                check.add(f"{at}.suggest.tie", "tie must be 'lower'")
        elif "suggest" in item:
            check.add(f"{at}.suggest", "only criteria sections suggest a grade from criteria")
        na = check.boolean(item, "not_applicable", at, False)
        if na and scale is None:
            check.add(f"{at}.not_applicable", "only a section with a scale can be not applicable")
        sections.append(Section(
            id=sid, title=check.string(item, "title", at, required=True), kind=kind,
            number=check.string(item, "number", at), scale=scale, not_applicable=na,
            required=check.boolean(item, "required", at, kind in ("graded", "criteria", "overall")),
            guidance=check.string(item, "guidance", at),
            areas_to_consider=check.strings(item.get("areas_to_consider"),
                                            f"{at}.areas_to_consider"),
            descriptors=_descriptors(item.get("descriptors"), scale, f"{at}.descriptors", check),
            narratives=tuple(narratives), flags=tuple(flags), criteria=tuple(criteria),
            suggest=suggest, suggest_note=check.string(item, "suggest_note", at)))
    return sections


def _overall(value: Any, by_id: dict[str, Section], scales: dict[str, Scale],
             check: _Checker) -> Overall | None:
    if value is None:
        return None
    spec = check.mapping(value, "overall")
    check.keys(spec, "overall", ("section", "scale", "suggest", "suggest_note"),
               ("section", "scale"))
    section = lookup(by_id, spec.get("section"))
    if section is None:
        check.add("overall.section", f"names a missing section {spec.get('section')!r}")
    elif section.kind not in ("overall", "graded"):
        check.add("overall.section", f"section {section.id!r} is a {section.kind} section and "
                  "cannot hold the overall grade")
    scale = lookup(scales, spec.get("scale"))
    if scale is None:
        check.add("overall.scale", f"unknown scale {spec.get('scale')!r}")
        return None
    if section is not None and section.scale is not None and section.scale.levels != scale.levels:
        check.add("overall.scale", f"scale {scale.id!r} differs from section "
                  f"{section.id!r}'s scale {section.scale.id!r}")
    if section is None:
        return None
    return Overall(section=section.id, scale=scale, suggest=spec.get("suggest") or {},
                   suggest_note=check.string(spec, "suggest_note", "overall"))


def _compile_overall(overall: Overall, spec: dict, ctx: ConditionContext,
                     by_id: dict[str, Section], check: _Checker) -> Overall:
    suggest = check.mapping(overall.suggest, "overall.suggest") if overall.suggest else {}
    if not suggest:
        return overall
    method = suggest.get("method")
    cases: list[tuple[str, Condition]] = []
    median_of: tuple[str, ...] = ()
    if method == "first_match":
        check.keys(suggest, "overall.suggest", ("method", "cases"), ("cases",))
        for i, case in enumerate(check.sequence(suggest.get("cases"), "overall.suggest.cases")):
            at = f"overall.suggest.cases[{i}]"
            case = check.mapping(case, at)
            check.keys(case, at, ("grade", "when"), ("grade", "when"))
            if not known(case.get("grade"), overall.scale.rank):
                check.add(f"{at}.grade", f"{case.get('grade')!r} is not a grade of scale "
                          f"{overall.scale.id}")
            cond = compile_condition(case.get("when"), ctx, f"{at}.when", check.problems)
            cases.append((case.get("grade"), cond))
    elif method == "median":
        check.keys(suggest, "overall.suggest", ("method", "of", "tie"), ("of",))
        of = suggest.get("of")
        if of == "sections":
            median_of = tuple(ctx.graded_sections)
        else:
            for i, sid in enumerate(check.sequence(of, "overall.suggest.of")):
                if not known(sid, by_id):
                    check.add(f"overall.suggest.of[{i}]", f"names a missing section {sid!r}")
                elif by_id[sid].scale is None:
                    check.add(f"overall.suggest.of[{i}]", f"section {sid!r} has no grade")
            median_of = tuple(s for s in (of if isinstance(of, list) else [])
                              if isinstance(s, str) and s in by_id)
        for sid in median_of:
            sc = by_id[sid].scale
            if sc is not None and sc.levels != overall.scale.levels:
                check.add("overall.suggest.of", f"section {sid!r} is graded on {sc.id}, which "
                          f"cannot be combined into the overall's {overall.scale.id}")
                break
        if suggest.get("tie", "lower") != "lower":
            check.add("overall.suggest.tie", "tie must be 'lower'")
    else:
        check.add("overall.suggest.method", f"unknown method {method!r} "
                  f"(one of {', '.join(SUGGEST_METHODS)})")
    return Overall(overall.section, overall.scale, suggest, overall.suggest_note,
                   tuple(cases), median_of)


def _actions(value: Any, by_id: dict[str, Section], check: _Checker) -> ActionsSpec | None:
    if value is None:
        return None
    spec = check.mapping(value, "actions")
    check.keys(spec, "actions", ("section", "max_recommended", "fields", "guidance"), ("section",))
    section = lookup(by_id, spec.get("section"))
    if section is None:
        check.add("actions.section", f"names a missing section {spec.get('section')!r}")
    elif section.kind != "actions":
        check.add("actions.section", f"section {section.id!r} is not an actions section")
    max_rec = spec.get("max_recommended")
    if max_rec is not None and (not isinstance(max_rec, int) or isinstance(max_rec, bool)
                                or max_rec < 1):
        check.add("actions.max_recommended", f"must be a whole number above 0 (got {max_rec!r})")
    fields = []
    for i, f in enumerate(check.sequence(spec.get("fields"), "actions.fields")):
        f = check.mapping(f, f"actions.fields[{i}]")
        check.keys(f, f"actions.fields[{i}]", ("id", "label", "type"), ("id", "label"))
        if f.get("id") not in ("action", "owner", "due", "signed_off", "note"):
            check.add(f"actions.fields[{i}].id", f"{f.get('id')!r} is not an action field "
                      "(one of action, owner, due, signed_off, note)")
        fields.append(dict(f))
    return ActionsSpec(section=str(spec.get("section")), max_recommended=max_rec,
                       fields=tuple(fields), guidance=check.string(spec, "guidance", "actions"))


def _rules(value: Any, ctx: ConditionContext, by_id: dict[str, Section],
           overall: Overall | None, check: _Checker) -> list[Rule]:
    rules, seen = [], {}
    for i, item in enumerate(check.sequence(value, "rules")):
        at = f"rules[{i}]"
        item = check.mapping(item, at)
        kind = item.get("kind")
        if not known(kind, RULE_KINDS):
            check.add(f"{at}.kind", f"unknown rule kind {kind!r} (one of {', '.join(RULE_KINDS)})")
            continue
        required, optional, default_level = RULE_KINDS[kind]
        check.keys(item, at, RULE_COMMON + required + optional, ("id", "kind", "source") + required)
        rid = check.ident(item, "id", at)
        if rid in seen:
            check.add(f"{at}.id", f"duplicate rule id {rid!r} (already used at {seen[rid]})")
        seen[rid] = at
        level = item.get("level", default_level)
        if level not in LEVELS:
            check.add(f"{at}.level", f"unknown level {level!r} (one of {', '.join(LEVELS)})")
        params: dict[str, Any] = {}
        when = expect = None
        if "when" in required:
            when = compile_condition(item.get("when"), ctx, f"{at}.when", check.problems)
            params["when"] = item.get("when")
        if "expect" in required:
            expect = compile_condition(item.get("expect"), ctx, f"{at}.expect", check.problems)
            params["expect"] = item.get("expect")
        if "grades" in required:
            if overall is None:
                check.add(at, f"a {kind} rule needs the framework to have an overall grade")
            else:
                grades = check.sequence(item.get("grades"), f"{at}.grades")
                if not grades:
                    check.add(f"{at}.grades", "must list at least one grade")
                for j, g in enumerate(grades):
                    if not known(g, overall.scale.rank):
                        check.add(f"{at}.grades[{j}]", f"{g!r} is not a grade of the overall "
                                  f"scale {overall.scale.id}")
                params["grades"] = list(grades)
        if kind == "narrative_required":
            narratives = check.strings(item.get("narratives"), f"{at}.narratives")
            params["narratives"] = list(narratives)
            sids = item.get("sections")
            if sids is not None:
                for j, sid in enumerate(check.sequence(sids, f"{at}.sections")):
                    if not known(sid, by_id):
                        check.add(f"{at}.sections[{j}]", f"names a missing section {sid!r}")
                    elif by_id[sid].kind == "actions":
                        check.add(f"{at}.sections[{j}]", f"section {sid!r} is an actions section")
                params["sections"] = list(sids) if isinstance(sids, list) else []
            targets = params.get("sections") or [s.id for s in by_id.values() if s.scale]
            for sid in targets:
                s = lookup(by_id, sid)
                for n in narratives:
                    if s is not None and n not in {x.id for x in s.narratives}:
                        check.add(f"{at}.narratives", f"section {sid!r} has no narrative {n!r}")
                        break
        if kind == "max_actions":
            mx = item.get("max")
            if not isinstance(mx, int) or isinstance(mx, bool) or mx < 0:
                check.add(f"{at}.max", f"must be a whole number (got {mx!r})")
            params["max"] = mx
        source = check.string(item, "source", at, required=True)
        if "source" in item and not source:
            check.add(f"{at}.source", "must quote the sentence of the source the rule encodes")
        rules.append(Rule(id=rid or "", kind=kind, level=level, source=source,
                          message=check.string(item, "message", at),
                          note=check.string(item, "note", at), params=params,
                          when=when, expect=expect))
    return rules


def _guidance(value: Any, path: str, check: _Checker) -> tuple[dict[str, Any], ...]:
    out = []
    for i, item in enumerate(check.sequence(value, path)):
        at = f"{path}[{i}]"
        item = check.mapping(item, at)
        check.keys(item, at, ("id", "title", "text", "items", "parts"), ("id", "title"))
        check.ident(item, "id", at)
        for j, part in enumerate(check.sequence(item.get("parts"), f"{at}.parts")):
            part = check.mapping(part, f"{at}.parts[{j}]")
            check.keys(part, f"{at}.parts[{j}]", ("id", "title", "text", "items"), ("id", "title"))
            check.strings(part.get("items"), f"{at}.parts[{j}].items")
        check.strings(item.get("items"), f"{at}.items")
        out.append(item)
    return tuple(out)


# --------------------------------------------------------------------------- loading

def load_framework(path: str | os.PathLike) -> Framework:
    """Read and validate a framework file; raise :class:`FrameworkError` naming file and line."""
    import yaml

    from auditlib.yamlsafe import YAMLRefused, load_yaml, read_yaml_file

    filename = str(path)
    try:
        text = read_yaml_file(path)
    except FileNotFoundError:
        raise FrameworkError([Problem("", "no such file")], filename) from None
    except IsADirectoryError:
        raise FrameworkError([Problem("", "is a directory, not a file")], filename) from None
    except UnicodeDecodeError:
        raise FrameworkError([Problem("", "not UTF-8 text")], filename) from None
    except OSError as exc:
        raise FrameworkError([Problem("", f"cannot read ({exc.strerror})")], filename) from None
    except YAMLRefused as exc:
        raise FrameworkError([Problem("", exc.problem)], filename) from None
    try:
        data, lines, dup_problems = load_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        if not isinstance(exc, YAMLRefused):
            what = f"not valid YAML: {what}"
        # a mark at the end of the stream points past the last line: name the last line
        line = min(mark.line + 1, max(text.count("\n"), 1)) if mark else None
        raise FrameworkError([Problem("", what, line)], filename) from None
    problems = list(dup_problems)
    try:
        framework = framework_from_dict(data, filename)
    except FrameworkError as exc:
        problems.extend(exc.problems)
        framework = None
    if problems:
        located = []
        for p in problems:
            if p.line is None:
                p = Problem(p.path, p.message, lines.line(_parse_path(p.path)))
            located.append(p)
        located.sort(key=lambda p: (p.line or 0))
        raise FrameworkError(located, filename)
    assert framework is not None
    return framework


_PATH_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _parse_path(path: str) -> tuple:
    return tuple(int(idx) if idx else name for name, idx in _PATH_PART.findall(path))


def file_name_problem(path: str | os.PathLike, framework: Framework) -> Problem | None:
    """A framework is found by its file's name: a file not named after its id cannot be
    used. The problem points at the ``id:`` line."""
    file = Path(path)
    if file.stem == framework.id:
        return None
    line = None
    try:
        for number, text in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            if re.match(r"id\s*:", text):
                line = number
                break
    except (OSError, UnicodeDecodeError):
        pass
    return Problem("id", f"{framework.id!r} does not match the file name {file.name}: "
                   f"frameworks are found by file name, so save it as {framework.id}.yaml (or "
                   f"change the id to {file.stem!r})", line)


def framework_dirs() -> list[Path]:
    """Where frameworks are looked for: ``AUDITLIB_FRAMEWORKS`` (a path list), then the files
    shipped with auditlib (in a wheel) or the repository's ``frameworks/`` (in a checkout)."""
    dirs = [Path(p) for p in os.environ.get("AUDITLIB_FRAMEWORKS", "").split(os.pathsep) if p]
    from auditlib.locations import shipped

    found = shipped("frameworks")
    return [*dirs, found] if found else dirs


def framework_files() -> dict[str, Path]:
    """Framework id (the file's stem) -> file, the first directory winning."""
    found: dict[str, Path] = {}
    for directory in framework_dirs():
        for file in sorted(directory.glob("*.yaml")):
            found.setdefault(file.stem, file)
    return found


_cache: dict[tuple[str, float], Framework] = {}
_by_id: dict[tuple[str, str], tuple[Path, float, Framework]] = {}


def get_framework(framework_id: str) -> Framework:
    """The framework with this id, loaded once per file version.

    A framework already loaded costs one ``stat`` of its file: workbooks and the store ask for
    it on every save.
    """
    key_env = (framework_id, os.environ.get("AUDITLIB_FRAMEWORKS", ""))
    hit = _by_id.get(key_env)
    if hit is not None:
        path, mtime, framework = hit
        try:
            if path.stat().st_mtime == mtime:
                return framework
        except OSError:
            pass
    files = framework_files()
    file = files.get(framework_id)
    if file is None:
        raise UnknownFramework(framework_id, sorted(files))
    key = (str(file), file.stat().st_mtime)
    if key not in _cache:
        framework = load_framework(file)
        problem = file_name_problem(file, framework)
        if problem is not None:
            raise FrameworkError([problem], str(file))
        _cache[key] = framework
    _by_id[key_env] = (file, key[1], _cache[key])
    return _cache[key]


def list_frameworks() -> list[Framework]:
    """Every framework found, loaded and validated."""
    return [get_framework(fid) for fid in sorted(framework_files())]
