"""Read YAML as plain data, remembering the line each value came from.

Dates stay strings (as papermill's ``NoDatesSafeLoader`` does), so ``2024-01-31`` in a framework
is never silently turned into a ``datetime.date``. Duplicate keys, which PyYAML would silently
overwrite, are reported as problems.
"""
from __future__ import annotations

import yaml

from .exceptions import Problem

Path = tuple  # of str keys and int indexes


class NoDatesSafeLoader(yaml.SafeLoader):
    """A safe loader that leaves timestamps as strings."""


NoDatesSafeLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


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

    Raises ``yaml.YAMLError`` for text that is not YAML at all.
    """
    loader = NoDatesSafeLoader(text)
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
