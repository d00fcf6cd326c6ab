"""Reading YAML input safely, with the line of every node kept for error messages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

MAX_INPUT_BYTES = 5 * 1024 * 1024
MAX_NODES = 200_000
MAX_ALIAS_EXPANSION = 20_000
MAX_DEPTH = 50

Place = tuple[str | int, ...]


class YamlProblem(Exception):
    """The file cannot be read as YAML at all."""

    def __init__(self, key: str, line: int | None = None, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.line = line
        self.params = params


class _Loader(yaml.SafeLoader):
    """A safe loader that keeps dates as text (validated later, with their place)."""


# Drop the implicit timestamp resolver: "2026-02-30" then reaches validation as text and
# is reported as a date that does not exist, at its place, instead of crashing the parser.
_Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class YamlFile:
    """A parsed YAML file: its data and the line of each place in it."""

    path: Path
    data: Any
    lines: dict[Place, int]

    def line_of(self, place: Place) -> int | None:
        while place:
            if place in self.lines:
                return self.lines[place]
            place = place[:-1]
        return self.lines.get(())


def _walk(
    node: yaml.Node, place: Place, lines: dict[Place, int], budget: list[int], seen: set[int]
) -> None:
    """Record the line of every place; an aliased node is walked once (its first place)."""
    if id(node) in seen:
        return
    seen.add(id(node))
    budget[0] -= 1
    if budget[0] < 0:
        raise YamlProblem("yaml.too_large", node.start_mark.line + 1)
    lines.setdefault(place, node.start_mark.line + 1)
    if len(place) > MAX_DEPTH:
        raise YamlProblem("yaml.too_deep", node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                lines.setdefault((*place, key_node.value), key_node.start_mark.line + 1)
                _walk(value_node, (*place, key_node.value), lines, budget, seen)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, (*place, i), lines, budget, seen)


def read_yaml(path: Path) -> YamlFile:
    """Parse a YAML file safely; raise YamlProblem with a line for anything malformed."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise YamlProblem("file.unreadable", None, error=exc.strerror or str(exc)) from None
    if size > MAX_INPUT_BYTES:
        raise YamlProblem("file.too_big", None, size=size, limit=MAX_INPUT_BYTES)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise YamlProblem("file.unreadable", None, error=exc.strerror or str(exc)) from None
    if b"\x00" in raw:
        raise YamlProblem("file.binary", None)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise YamlProblem("file.not_utf8", None, offset=exc.start) from None
    try:
        node = yaml.compose(text, Loader=_Loader)
    except RecursionError:
        raise YamlProblem("yaml.too_deep", None) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise YamlProblem("yaml.syntax", line, problem=str(exc.problem or exc)) from None
    except yaml.YAMLError as exc:
        raise YamlProblem("yaml.syntax", None, problem=str(exc)) from None
    if node is None:
        raise YamlProblem("file.empty", None)
    lines: dict[Place, int] = {}
    _walk(node, (), lines, [MAX_NODES], set())
    _check_aliases(node)
    loader = _Loader(text)
    try:
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise YamlProblem("yaml.unsupported", line, problem=str(exc.problem or exc)) from None
    except yaml.YAMLError as exc:
        raise YamlProblem("yaml.syntax", None, problem=str(exc)) from None
    finally:
        loader.dispose()
    return YamlFile(path, data, lines)


def _check_aliases(root: yaml.Node) -> None:
    """Refuse alias bombs: the expanded size of the document must stay bounded."""
    sizes: dict[int, int] = {}

    def size(node: yaml.Node, depth: int) -> int:
        if depth > MAX_DEPTH:
            raise YamlProblem("yaml.too_deep", node.start_mark.line + 1)
        key = id(node)
        if key in sizes:
            return sizes[key]
        sizes[key] = 1  # guards against recursive structures
        total = 1
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                total += size(k, depth + 1) + size(v, depth + 1)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                total += size(item, depth + 1)
        if total > MAX_NODES + MAX_ALIAS_EXPANSION:
            raise YamlProblem("yaml.alias_bomb", node.start_mark.line + 1)
        sizes[key] = total
        return total

    size(root, 0)


def format_place(place: Place) -> str:
    """`('topics', 2, 'vice_mayor')` → `topics[2].vice_mayor`."""
    out = ""
    for part in place:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out
