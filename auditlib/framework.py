"""Frameworks as data: load a framework file, find a framework by its id.

Loading is two steps, as pandera does it: :func:`load_framework` reads YAML (keeping line
numbers), then the pure :func:`~auditlib.framework_loader.framework_from_dict` checks a plain
dict and reports *every* problem with its path. The file format is described in
``docs/framework-format.md`` (and, for editors, ``frameworks/framework.schema.json``).

The model (:class:`Framework`, :class:`Section`, …) lives in :mod:`auditlib.framework_model`,
the rule kinds in :mod:`auditlib.rules`; both are re-exported here, so
``from auditlib.framework import Framework`` is the one import callers need.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from auditlib.exceptions import FrameworkError, Problem, UnknownFramework
from auditlib.framework_checker import ID_PATTERN
from auditlib.framework_loader import (
    DEFAULT_NARRATIVES,
    HEADER_TYPES,
    SCHEMA_VERSION,
    SECTION_KEYS,
    SUGGEST_METHODS,
    TOP_KEYS,
    framework_from_dict,
)
from auditlib.framework_model import (
    DEFAULT_MAX_ACTIONS,
    LEVELS,
    SECTION_KINDS,
    ActionsSpec,
    Criterion,
    Flag,
    Framework,
    HeaderField,
    Narrative,
    Overall,
    Rule,
    Section,
)
from auditlib.rules import RULE_COMMON, RULE_KINDS

__all__ = [
    "DEFAULT_MAX_ACTIONS", "DEFAULT_NARRATIVES", "HEADER_TYPES", "ID_PATTERN", "LEVELS",
    "RULE_COMMON", "RULE_KINDS", "SCHEMA_VERSION", "SECTION_KEYS", "SECTION_KINDS",
    "SUGGEST_METHODS", "TOP_KEYS", "ActionsSpec", "Criterion", "Flag", "Framework",
    "HeaderField", "Narrative", "Overall", "Rule", "Section", "check_framework_file",
    "file_name_problem", "framework_dirs", "framework_files", "framework_from_dict",
    "get_framework", "list_frameworks", "load_framework",
]


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


def check_framework_file(path: str | os.PathLike) -> Framework:
    """A framework file as ``auditlib framework validate`` checks it: valid, and named after its
    id (else no command could find it); raise :class:`FrameworkError` naming file and line."""
    framework = load_framework(path)
    problem = file_name_problem(path, framework)
    if problem is not None:
        raise FrameworkError([problem], str(path))
    return framework


def framework_dirs() -> list[Path]:
    """Where frameworks are looked for: ``AUDITLIB_FRAMEWORKS`` (a path list), then the files
    shipped with auditlib (in a wheel) or the repository's ``frameworks/`` (in a checkout)."""
    from auditlib.locations import shipped

    dirs = [Path(p) for p in os.environ.get("AUDITLIB_FRAMEWORKS", "").split(os.pathsep) if p]
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
        _cache[key] = check_framework_file(file)
    _by_id[key_env] = (file, key[1], _cache[key])
    return _cache[key]


def list_frameworks() -> list[Framework]:
    """Every framework found, loaded and validated."""
    return [get_framework(fid) for fid in sorted(framework_files())]
