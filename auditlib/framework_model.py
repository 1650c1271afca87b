"""The framework model: sections in the source's order, the overall grade, the actions editor
and the rules that bind them, as :func:`auditlib.framework_loader.framework_from_dict` builds
them from a checked framework file.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from auditlib.conditions import Condition, always
from auditlib.scales import NOT_APPLICABLE, Scale

SECTION_KINDS = ("graded", "criteria", "text", "actions", "overall")
LEVELS = ("error", "warning", "info")

#: the limit where a framework sets none: the audit process's "Except in highly unusual
#: circumstances there should be no more than 5 recommendations for action."
#: (full-audit-process.txt), which the moderation checks quote
DEFAULT_MAX_ACTIONS = 5


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
    #: compiled ``when`` and ``expect``: a kind that takes neither never reads them
    when: Condition = always
    expect: Condition = always


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
    max_recommended: int | None = None   # read it as Framework.max_actions (it has the default)
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

    @property
    def max_actions(self) -> int:
        """The most actions an audit is expected to have: the framework's
        ``actions.max_recommended``, else :data:`DEFAULT_MAX_ACTIONS`. The workbook's warning,
        the moderation check and the ``max_actions`` rule all read this.

        >>> from auditlib.framework import get_framework
        >>> get_framework("full-audit").max_actions
        5
        """
        spec = self.actions
        return spec.max_recommended if spec and spec.max_recommended else DEFAULT_MAX_ACTIONS

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
