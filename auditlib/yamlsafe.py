"""Read YAML as plain data, remembering the line each value came from.

Dates stay strings (as papermill's ``NoDatesSafeLoader`` does), so ``2024-01-31`` in a framework
is never silently turned into a ``datetime.date``. Duplicate keys, which PyYAML would silently
overwrite, are reported as problems.

Frameworks and exemplars are data written by people, so YAML's anchors and aliases are refused: a
few hundred bytes of nested aliases expand to gigabytes (the "billion laughs"). Nesting depth and
file size are bounded too, so no file can exhaust Python's stack or the machine's memory.
"""
from __future__ import annotations

import os
from typing import Any

import yaml

from auditlib.exceptions import Problem

MAX_BYTES = 2_000_000  # the largest shipped framework is about 66 kB
MAX_DEPTH = 50  # the shipped frameworks and exemplars nest at most 10 deep

Path = tuple  # of str keys and int indexes


class NoDatesSafeLoader(yaml.SafeLoader):
    """A safe loader that leaves timestamps as strings."""


NoDatesSafeLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class YAMLRefused(yaml.YAMLError):
    """Text that may be valid YAML but is not allowed in a framework file (an alias, deep
    nesting, a huge file or number). ``problem`` and ``problem_mark`` as PyYAML's errors."""

    def __init__(self, problem: str, mark: Any = None):  # a PyYAML Mark, C or Python
        super().__init__(problem)
        self.problem = problem
        self.problem_mark = mark

    def __str__(self) -> str:
        if self.problem_mark is None:
            return self.problem
        return f"line {self.problem_mark.line + 1}: {self.problem}"


class GuardedLoader(NoDatesSafeLoader):
    """The safe, no-dates loader, refusing aliases, anchors and nesting past MAX_DEPTH."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._anchor: yaml.Event | None = None

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            # refused before anything is expanded: composing an alias costs nothing, walking
            # or constructing what it points to is where the bomb goes off
            raise YAMLRefused(f"YAML aliases (*{event.anchor}) are not allowed in framework "
                              "files", event.start_mark)
        if getattr(event, "anchor", None) is not None and self._anchor is None:
            self._anchor = event  # an anchor alone is harmless: reported once the file is read
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise YAMLRefused(f"nested more than {MAX_DEPTH} levels deep",
                                  event.start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def get_single_node(self) -> yaml.Node | None:
        node = super().get_single_node()
        if self._anchor is not None:
            raise YAMLRefused(f"YAML anchors (&{getattr(self._anchor, 'anchor', '')}) are not "
                              "allowed in "
                              "framework files", self._anchor.start_mark)
        return node


def _construct_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    try:
        return yaml.SafeLoader.construct_yaml_int(loader, node)
    except ValueError:  # Python refuses to convert integers of more than 4300 digits
        raise YAMLRefused("a number with too many digits", node.start_mark) from None


GuardedLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)


def read_yaml_file(path: str | os.PathLike) -> str:
    """The file's text, refused with :class:`YAMLRefused` past MAX_BYTES (read no further: the
    "file" may be a device that never ends). ``OSError`` and ``UnicodeDecodeError`` as
    ``Path.read_text``."""
    with open(path, "rb") as file:
        data = file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise YAMLRefused(f"the file is larger than {MAX_BYTES:,} bytes; a framework file is "
                          "far smaller")
    return data.decode("utf-8")


def load_data(text: str) -> object:
    """Parse YAML text into plain data with the guarded loader (aliases, deep nesting and huge
    text refused with :class:`YAMLRefused`); for files whose lines are not needed."""
    return load_yaml(text)[0]


def format_path(path: Path) -> str:
    """``("sections", 2, "id")`` -> ``sections[2].id``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


class LineMap:
    """Maps a value's path to the line (1-based) where it appears in the file."""

    def __init__(self) -> None:
        self.lines: dict[Path, int] = {}

    def line(self, path: Path) -> int | None:
        # the value itself, else its nearest enclosing value that has a line
        for end in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return None


def load_yaml(text: str) -> tuple[object, LineMap, list[Problem]]:
    """Parse YAML text into plain data, a line map and problems (duplicate keys).

    Raises ``yaml.YAMLError`` for text that is not YAML at all, :class:`YAMLRefused` (one of
    them) for YAML a framework may not use.
    """
    if len(text) > MAX_BYTES:
        raise YAMLRefused(f"the file is larger than {MAX_BYTES:,} bytes; a framework file is "
                          "far smaller")
    loader = GuardedLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    lines = LineMap()
    problems: list[Problem] = []
    if node is not None:
        _walk(node, (), lines, problems)
    return data, lines, problems


def _walk(node: yaml.Node, path: Path, lines: LineMap, problems: list[Problem]) -> None:
    lines.lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: dict[object, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key in seen:
                problems.append(Problem(format_path(path + (key,)),
                                        f"duplicate key {key!r} (first at line {seen[key]})", line))
            seen[key] = line
            # point at the key's line: that is where an author looks for "the id"
            lines.lines[path + (key,)] = line
            _walk_child(value_node, path + (key,), lines, problems)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, path + (index,), lines, problems)


def _walk_child(node: yaml.Node, path: Path, lines: LineMap, problems: list[Problem]) -> None:
    key_line = lines.lines[path]
    _walk(node, path, lines, problems)
    if isinstance(node, yaml.ScalarNode):
        lines.lines[path] = key_line
