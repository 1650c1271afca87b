"""Conditions: the small language rules use to say *when* they apply.

A condition is a plain mapping in the framework file (``{flag: child_not_seen}``,
``{section: outcomes, below: good}``, ``{most_sections: {at_least: good}}``). It is checked and
compiled once, when the framework loads, into a function of a :class:`GradeState`, so grading
an audit never re-reads the YAML.
"""
from __future__ import annotations

from collections.abc import Callable, Container, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeGuard, TypeVar

from auditlib.exceptions import Problem
from auditlib.framework_checker import did_you_mean, missing_section, unknown
from auditlib.scales import Scale

COMPARISONS = ("is", "at_least", "at_most", "below", "above")
CONDITION_KEYS = ("always", "flag", "section", "all_sections", "most_sections", "any_section",
                  "overall", "all", "any", "not")

T = TypeVar("T")


@dataclass
class GradeState:
    """What conditions look at: each section's grade, the ticked flags, the chosen overall."""

    grades: dict[str, str | None]           # section id -> grade id (None: ungraded or N/A)
    graded: dict[str, str]  # the graded sections (not N/A, not the overall) that have a grade
    flags: set[str] = field(default_factory=set)
    overall: str | None = None


Condition = Callable[[GradeState], bool]


def always(state: GradeState) -> bool:
    """The condition ``{always: true}``."""
    return True


@dataclass
class ConditionContext:
    """What a condition may name: sections with their scales, flags, the overall's scale."""

    section_scales: dict[str, Scale | None]  # every section; None where the section has no grade
    graded_sections: list[str]               # sections that count as "graded sections"
    flags: set[str]
    overall_scale: Scale | None
    #: section ids (and ``"overall"``) already reported as wrong: a condition naming one is
    #: not reported again
    reported: frozenset[str] = frozenset()


def known(value: object, ids: Container[T]) -> TypeGuard[T]:
    """Is ``value`` one of ``ids``? A list or a mapping written where an id belongs is not one
    (instead of a TypeError): framework files are typed by people. One of them, it is of their
    type (ids are strings: nothing else equals one)."""
    try:
        return value in ids
    except TypeError:
        return False


def lookup(ids: Mapping[Any, Any], value: object) -> Any:
    """``ids[value]``, or None when ``value`` is not one of them (see :func:`known`)."""
    return ids[value] if known(value, ids) else None


def _comparer(op: str, targets: list[str], scale: Scale) -> Callable[[str], bool]:
    """``targets``: the grades the comparison names (more than one only for ``is``)."""
    rank = scale.rank
    if op == "is":
        chosen = set(targets)
        return lambda grade: grade in chosen
    bound = rank[targets[0]]  # 0 is best
    if op == "at_least":
        return lambda grade: rank[grade] <= bound
    if op == "at_most":
        return lambda grade: rank[grade] >= bound
    if op == "below":
        return lambda grade: rank[grade] > bound
    return lambda grade: rank[grade] < bound  # above


def compile_condition(spec: object, ctx: ConditionContext, path: str,
                      problems: list[Problem]) -> Condition:
    """Check a condition and return it as a function; add any problem, with its path, to
    ``problems``."""
    def bad(message: str, at: str = path) -> Condition:
        problems.append(Problem(at, message))
        return lambda state: False

    if not isinstance(spec, dict) or len(spec) == 0:
        return bad(f"a condition must be a mapping such as {{flag: ID}} (got {spec!r})")
    keys = [k for k in spec if k in CONDITION_KEYS]
    if not keys and len(spec) == 1 and did_you_mean(next(iter(spec)), CONDITION_KEYS):
        return bad(unknown("condition", next(iter(spec)), CONDITION_KEYS),
                   f"{path}.{next(iter(spec))}")
    if len(keys) != 1:
        return bad(f"a condition needs exactly one of {', '.join(CONDITION_KEYS)} "
                   f"(got {', '.join(map(str, spec)) or 'nothing'})")
    kind = keys[0]
    value = spec[kind]

    if kind == "always":
        if value is not True:
            return bad("'always' must be true", f"{path}.always")
        _extra(spec, {"always"}, path, problems)
        return always

    if kind == "flag":
        _extra(spec, {"flag"}, path, problems)
        if not known(value, ctx.flags):
            return bad(unknown("flag", value, sorted(ctx.flags), list_them=False),
                       f"{path}.flag")
        return lambda state: value in state.flags

    if kind == "section":
        _extra(spec, {"section", *COMPARISONS}, path, problems)
        if not known(value, ctx.section_scales):
            return bad(missing_section(value, ctx.section_scales), f"{path}.section")
        scale = ctx.section_scales[value]
        if scale is None and value in ctx.reported:  # its scale is wrong: reported there
            return lambda state: False
        if scale is None:
            return bad(f"section {value!r} has no grade to compare", f"{path}.section")
        compare_section = _single_comparison(spec, scale, path, problems, {"section"})
        if compare_section is None:
            return lambda state: False
        sid = value
        return lambda state: (g := state.grades.get(sid)) is not None and compare_section(g)

    if kind in ("all_sections", "most_sections", "any_section"):
        _extra(spec, {kind, "among"}, path, problems)
        among = spec.get("among")
        ids = list(ctx.graded_sections)
        if among is not None:
            if not isinstance(among, list) or not among:
                return bad("'among' must be a list of section ids", f"{path}.among")
            for i, sid in enumerate(among):
                if not known(sid, ctx.section_scales):
                    problems.append(Problem(f"{path}.among[{i}]",
                                            missing_section(sid, ctx.section_scales)))
                elif not known(sid, ctx.graded_sections):
                    problems.append(Problem(f"{path}.among[{i}]",
                                            f"section {sid!r} is not a graded section"))
            ids = [sid for sid in among if known(sid, ctx.graded_sections)]
        if not isinstance(value, dict):
            return bad(f"{kind} needs a comparison such as {{at_least: good}}", f"{path}.{kind}")
        comparers: dict[str, Callable[[str], bool]] = {}
        for sid in ids:
            compare = _single_comparison(value, ctx.section_scales[sid], f"{path}.{kind}",
                                         problems, set(), report_once=comparers == {})
            if compare is None:
                return lambda state: False
            comparers[sid] = compare
        chosen = set(ids)
        if kind == "all_sections":
            return lambda state: all(comparers[s](g) for s, g in state.graded.items()
                                     if s in chosen)
        if kind == "any_section":
            return lambda state: any(comparers[s](g) for s, g in state.graded.items()
                                     if s in chosen)

        def most(state: GradeState) -> bool:
            considered = [(s, g) for s, g in state.graded.items() if s in chosen]
            hits = sum(1 for s, g in considered if comparers[s](g))
            return bool(considered) and hits * 2 > len(considered)
        return most

    if kind == "overall":
        _extra(spec, {"overall"}, path, problems)
        if ctx.overall_scale is None and "overall" in ctx.reported:
            return lambda state: False
        if ctx.overall_scale is None:
            return bad("the framework has no overall grade", f"{path}.overall")
        if not isinstance(value, dict):
            return bad("overall needs a comparison such as {is: inadequate}", f"{path}.overall")
        compare = _single_comparison(value, ctx.overall_scale, f"{path}.overall", problems, set())
        if compare is None:
            return lambda state: False
        overall_grades = ctx.overall_scale.rank
        return lambda state: state.overall is not None and \
            state.overall in overall_grades and compare(state.overall)

    if kind in ("all", "any"):
        _extra(spec, {kind}, path, problems)
        if not isinstance(value, list) or not value:
            return bad(f"'{kind}' must be a non-empty list of conditions", f"{path}.{kind}")
        parts = [compile_condition(c, ctx, f"{path}.{kind}[{i}]", problems)
                 for i, c in enumerate(value)]
        if kind == "all":
            return lambda state: all(p(state) for p in parts)
        return lambda state: any(p(state) for p in parts)

    # not
    _extra(spec, {"not"}, path, problems)
    inner = compile_condition(value, ctx, f"{path}.not", problems)
    return lambda state: not inner(state)


def _extra(spec: dict, allowed: set[str], path: str, problems: list[Problem]) -> None:
    for key in spec:
        if key not in allowed:
            problems.append(Problem(f"{path}.{key}", f"unexpected key {key!r} in this condition"))


def _single_comparison(spec: dict, scale: Scale | None, path: str, problems: list[Problem],
                       other_keys: set[str], report_once: bool = True
                       ) -> Callable[[str], bool] | None:
    ops = [k for k in spec if k in COMPARISONS]
    for key in spec:
        if key not in COMPARISONS and key not in other_keys and not other_keys:
            problems.append(Problem(f"{path}.{key}", f"unknown comparison {key!r} "
                                    f"(one of {', '.join(COMPARISONS)})"))
    if len(ops) != 1:
        if report_once:
            problems.append(Problem(path, f"needs exactly one comparison of "
                                    f"{', '.join(COMPARISONS)}"))
        return None
    op = ops[0]
    if scale is None:  # a section whose scale is itself wrong: reported where it is named
        return None
    target = spec[op]
    targets = target if (op == "is" and isinstance(target, list)) else [target]
    for t in targets:
        if not known(t, scale.rank):
            if report_once:
                problems.append(Problem(f"{path}.{op}", f"{t!r} is not a grade of scale "
                                        f"{scale.id} (one of {', '.join(scale.levels)})"))
            return None
    return _comparer(op, targets, scale)
