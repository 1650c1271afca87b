"""Checking a framework's plain data and building the model from it.

:func:`framework_from_dict` is pure: it checks a dict (as YAML gives it) and reports *every*
problem with its path, one line per mistake: a misspelt name says what was probably meant, and
what depends on something already reported wrong is not reported again. The file format is
described in ``docs/framework-format.md``; :func:`auditlib.framework.load_framework` reads the
file and adds line numbers.
"""
from __future__ import annotations

import itertools
from typing import Any, TypeGuard

from auditlib.conditions import Condition, ConditionContext, compile_condition, known, lookup
from auditlib.exceptions import FrameworkError, Problem
from auditlib.framework_checker import ID_PATTERN, Checker, did_you_mean, missing_section, unknown
from auditlib.framework_model import (
    SECTION_KINDS,
    ActionsSpec,
    Criterion,
    Flag,
    Framework,
    HeaderField,
    Narrative,
    Overall,
    Section,
)
from auditlib.rules import RuleSetting, read_rules
from auditlib.scales import BUILTIN_SCALES, NOT_APPLICABLE, Band, Scale

SCHEMA_VERSION = 1
HEADER_TYPES = ("text", "person", "date", "yes_no", "choice", "child_id")
SUGGEST_METHODS = ("median", "first_match")
DEFAULT_NARRATIVES = (("evidence", "Evidence"), ("impact", "Impact"))
ACTION_FIELDS = ("action", "owner", "due", "signed_off", "note")

TOP_KEYS = ("schema_version", "id", "title", "source", "description", "scales", "header",
            "sections", "overall", "actions", "rules", "guidance", "reference")
SECTION_KEYS = ("id", "number", "title", "kind", "scale", "not_applicable", "required",
                "guidance", "areas_to_consider", "descriptors", "narratives", "flags", "criteria",
                "suggest", "suggest_note")


def framework_from_dict(data: Any, path: str | None = None) -> Framework:
    """Build a :class:`Framework` from plain data, or raise :class:`FrameworkError` with every
    problem found (each with the path of the offending value)."""
    check = Checker()
    if not isinstance(data, dict):
        raise FrameworkError([Problem("", "a framework file must be a mapping at the top level")],
                             path)
    meant = check.keys(data, "", TOP_KEYS,
                       required=("schema_version", "id", "title", "source", "sections"))

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
    if not isinstance(data.get("sections"), list) or "sections" in meant:
        # with no sections to name, what names one would only repeat that problem
        check.reported.add("sections")

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
    overall = actions = None
    rules = []
    if "sections" not in check.reported:
        if "overall" in meant:
            check.reported.add("overall")
        overall = _overall(data.get("overall"), by_id, scales, check)
        actions = _actions(data.get("actions"), by_id, check)
        overall_id = overall.section if overall else None
        ctx = ConditionContext(
            section_scales={s.id: s.scale for s in sections},
            graded_sections=[s.id for s in sections
                             if s.kind in ("graded", "criteria") and s.id != overall_id],
            flags={f.id for s in sections for f in s.flags},
            overall_scale=overall.scale if overall else None,
            reported=frozenset(check.reported),
        )
        if overall is not None:
            overall = _compile_overall(overall, ctx, by_id, check)
        rules = read_rules(data.get("rules"), RuleSetting(ctx, by_id, overall), check)

    guidance = _guidance(data.get("guidance"), "guidance", check)
    reference = _guidance(data.get("reference"), "reference", check)
    description = check.string(data, "description", "")

    if check.problems:
        raise FrameworkError(check.problems, path)
    # with no problems, schema_version is the one this auditlib reads
    return Framework(
        id=framework_id, title=title, schema_version=SCHEMA_VERSION, source=source,
        sections=tuple(sections), rules=tuple(rules), overall=overall, actions=actions,
        header=tuple(header), scales=scales, description=description, guidance=guidance,
        reference=reference, path=path)


MAX_SCORE = 1000


#: keys a scale once documented but never read, and what to write instead
RETIRED_SCALE_KEYS = {
    "not_applicable": "a scale does not offer Not applicable: a section does, with "
                      "'not_applicable: true' on the section",
    "min": "a numeric scale's scores run from its lowest band's min to its highest band's max: "
           "remove 'min'",
    "max": "a numeric scale's scores run from its lowest band's min to its highest band's max: "
           "remove 'max'",
}


def _scale(sid: str, spec: Any, path: str, check: Checker) -> Scale | None:
    if not ID_PATTERN.match(str(sid)):
        check.add(path, f"scale id must be lower-case letters, digits, '_' or '-' (got {sid!r})")
    spec = check.mapping(spec, path)
    for key in RETIRED_SCALE_KEYS:
        if key in spec:
            check.add(f"{path}.{key}", RETIRED_SCALE_KEYS[key])
    check.keys({k: v for k, v in spec.items() if k not in RETIRED_SCALE_KEYS}, path,
               ("levels", "bands"), ("levels",))
    levels, labels = [], {}
    for i, level in enumerate(check.sequence(spec.get("levels"), f"{path}.levels")):
        level = check.mapping(level, f"{path}.levels[{i}]")
        lid = check.ident(level, "id", f"{path}.levels[{i}]", report_missing=True)
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
        if not known(band.get("grade"), levels):
            check.add(f"{path}.bands[{i}].grade", f"{band.get('grade')!r} is not one of this "
                      "scale's levels")
        elif not (_score(lo) and _score(hi)) or lo > hi:
            # bounded: a page offers every score of a numeric scale as a choice
            check.add(f"{path}.bands[{i}]", f"min and max must be whole numbers from "
                      f"-{MAX_SCORE} to {MAX_SCORE} with min <= max")
        else:
            bands.append(Band(band["grade"], lo, hi, str(band.get("label", ""))))
    _bands_tile(bands, f"{path}.bands", check)
    return Scale(sid, tuple(levels), labels, bands=tuple(bands))


def _score(value: object) -> TypeGuard[int]:
    """A whole number (not true or false) from -MAX_SCORE to MAX_SCORE."""
    return isinstance(value, int) and not isinstance(value, bool) and abs(value) <= MAX_SCORE


def _bands_tile(bands: list[Band], path: str, check: Checker) -> None:
    """Every score from the lowest to the highest must fall in exactly one band: a score in a
    gap would have no grade, a score in two bands two."""
    ordered = sorted(bands, key=lambda b: b.min)
    for before, after in itertools.pairwise(ordered):
        if after.min <= before.max:
            check.add(path, f"bands {before.grade!r} and {after.grade!r} overlap at score "
                      f"{after.min}")
        elif after.min > before.max + 1:
            check.add(path, f"score {before.max + 1} falls in no band (between "
                      f"{before.grade!r} and {after.grade!r})")


def _header(value: Any, check: Checker) -> list[HeaderField]:
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


def _descriptors(value: Any, scale: Scale | None, path: str, check: Checker,
                 scale_reported: bool = False) -> dict[str, Any]:
    value = check.mapping(value or {}, path)
    out: dict[str, str | list[str]] = {}
    for grade, text in value.items():
        at = f"{path}.{grade}"
        if scale is None:
            if not scale_reported:
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


def _sections(value: Any, scales: dict[str, Scale], check: Checker) -> list[Section]:
    items = check.sequence(value, "sections")
    if value is not None and not items:
        check.add("sections", "a framework needs at least one section")
    sections = []
    for i, item in enumerate(items):
        at = f"sections[{i}]"
        item = check.mapping(item, at)
        meant = check.keys(item, at, SECTION_KEYS, ("id", "title"))
        sid = check.ident(item, "id", at) or f"invalid-{i}"
        kind = _section_kind(item, at, meant, check)
        scale = None
        # a scale already reported wrong (unknown, or its key misspelt): what depends on it
        # (descriptors, conditions naming the section) is not checked again
        scale_reported = "scale" in meant
        if "scale" in item:
            scale = lookup(scales, item["scale"])
            if scale is None:
                check.add(f"{at}.scale", unknown("scale", item["scale"], sorted(scales)))
                scale_reported = True
        elif kind in ("graded", "criteria", "overall") and not scale_reported:  # None: unknown
            check.add(at, f"a {kind} section needs a scale")
        if kind is None:
            kind = "criteria" if "criteria" in item else "graded" if scale else "text"
        if scale is not None and kind in ("text", "actions"):
            check.add(f"{at}.scale", f"a {kind} section takes no grade, so no scale")
        if scale_reported:
            check.reported.add(sid)
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
                    _descriptors(c.get("descriptors"), scale, f"{cat}.descriptors", check,
                                 scale_reported),
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
        if na and scale is None and not scale_reported:
            check.add(f"{at}.not_applicable", "only a section with a scale can be not applicable")
        sections.append(Section(
            id=sid, title=check.string(item, "title", at, required=True), kind=kind,
            number=check.string(item, "number", at), scale=scale, not_applicable=na,
            required=check.boolean(item, "required", at, kind in ("graded", "criteria", "overall")),
            guidance=check.string(item, "guidance", at),
            areas_to_consider=check.strings(item.get("areas_to_consider"),
                                            f"{at}.areas_to_consider"),
            descriptors=_descriptors(item.get("descriptors"), scale, f"{at}.descriptors", check,
                                     scale_reported),
            narratives=tuple(narratives), flags=tuple(flags), criteria=tuple(criteria),
            suggest=suggest, suggest_note=check.string(item, "suggest_note", at)))
    return sections


def _section_kind(item: dict, at: str, meant: set[str], check: Checker) -> str | None:
    """The section's kind; None for one already reported (its caller guesses from the
    section's other keys, so the rest is checked as what was probably meant)."""
    if "kind" in meant:
        return None
    kind = item.get("kind", "graded")
    if known(kind, SECTION_KINDS):
        return kind
    check.add(f"{at}.kind", unknown("section kind", kind, SECTION_KINDS))
    return did_you_mean(kind, SECTION_KINDS)


def _overall(value: Any, by_id: dict[str, Section], scales: dict[str, Scale],
             check: Checker) -> Overall | None:
    if value is None:
        return None
    spec = check.mapping(value, "overall")
    check.keys(spec, "overall", ("section", "scale", "suggest", "suggest_note"),
               ("section", "scale"))
    section = lookup(by_id, spec.get("section"))
    if section is None and "section" in spec:
        check.add("overall.section", missing_section(spec.get("section"), by_id))
    elif section is not None and section.kind not in ("overall", "graded"):
        check.add("overall.section", f"section {section.id!r} is a {section.kind} section and "
                  "cannot hold the overall grade")
    scale = lookup(scales, spec.get("scale"))
    if scale is None:
        if "scale" in spec:
            check.add("overall.scale", unknown("scale", spec.get("scale"), sorted(scales)))
        check.reported.add("overall")  # rules that need the overall's grades stay silent
        return None
    if section is not None and section.scale is not None and section.scale.levels != scale.levels:
        check.add("overall.scale", f"scale {scale.id!r} differs from section "
                  f"{section.id!r}'s scale {section.scale.id!r}")
    # a missing section is reported above; the overall's scale still checks the rules' grades
    return Overall(section=section.id if section else str(spec.get("section")), scale=scale,
                   suggest=spec.get("suggest") or {},
                   suggest_note=check.string(spec, "suggest_note", "overall"))


def _compile_overall(overall: Overall, ctx: ConditionContext,
                     by_id: dict[str, Section], check: Checker) -> Overall:
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
            grade = case.get("grade")
            if not known(grade, overall.scale.rank):
                check.add(f"{at}.grade", f"{grade!r} is not a grade of scale "
                          f"{overall.scale.id}")
            cond = compile_condition(case.get("when"), ctx, f"{at}.when", check.problems)
            if known(grade, overall.scale.rank):  # else reported: the framework does not load
                cases.append((grade, cond))
    elif method == "median":
        check.keys(suggest, "overall.suggest", ("method", "of", "tie"), ("of",))
        of = suggest.get("of")
        if of == "sections":
            median_of = tuple(ctx.graded_sections)
        else:
            for i, sid in enumerate(check.sequence(of, "overall.suggest.of")):
                if not known(sid, by_id):
                    check.add(f"overall.suggest.of[{i}]", missing_section(sid, by_id))
                elif by_id[sid].scale is None and sid not in check.reported:
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


def _actions(value: Any, by_id: dict[str, Section], check: Checker) -> ActionsSpec | None:
    if value is None:
        return None
    spec = check.mapping(value, "actions")
    check.keys(spec, "actions", ("section", "max_recommended", "fields", "guidance"), ("section",))
    section = lookup(by_id, spec.get("section"))
    if section is None and "section" in spec:
        check.add("actions.section", missing_section(spec.get("section"), by_id))
    elif section is not None and section.kind != "actions":
        check.add("actions.section", f"section {section.id!r} is not an actions section")
    max_rec = spec.get("max_recommended")
    if max_rec is not None and (not isinstance(max_rec, int) or isinstance(max_rec, bool)
                                or max_rec < 1):
        check.add("actions.max_recommended", f"must be a whole number above 0 (got {max_rec!r})")
    fields = []
    for i, f in enumerate(check.sequence(spec.get("fields"), "actions.fields")):
        f = check.mapping(f, f"actions.fields[{i}]")
        check.keys(f, f"actions.fields[{i}]", ("id", "label", "type"), ("id", "label"))
        if not known(f.get("id"), ACTION_FIELDS):
            check.add(f"actions.fields[{i}].id", unknown("action field", f.get("id"),
                                                         ACTION_FIELDS))
        fields.append(dict(f))
    return ActionsSpec(section=str(spec.get("section")), max_recommended=max_rec,
                       fields=tuple(fields), guidance=check.string(spec, "guidance", "actions"))


def _guidance(value: Any, path: str, check: Checker) -> tuple[dict[str, Any], ...]:
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


