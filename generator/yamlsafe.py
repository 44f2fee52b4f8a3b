"""Read YAML into plain nodes that keep every scalar exactly as written, with its line.

PyYAML's constructors turn `NO` into False, `10:00` into 600 and `1.10` into 1.1, let a
duplicate key silently win and expand alias bombs. kb never constructs: it builds its own
small node tree from libyaml's event stream, iteratively, refusing what editors never need
(aliases, tags, several documents) and bounding size and depth before any of it is walked.
The model decides later what each scalar means, from the field it belongs to.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml is in every wheel we pin
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 1_000_000
MAX_DEPTH = 24
MAX_NODES = 50_000


@dataclass
class Node:
    """One YAML value: a mapping, a sequence or a scalar, with where it starts (1-based)."""

    kind: str  # "map", "seq" or "scalar"
    line: int
    col: int
    value: str = ""  # a scalar's text exactly as written (unquoted)
    plain: bool = True  # False when the scalar was quoted or a block scalar
    items: list[Node] = field(default_factory=list)  # a sequence's items
    pairs: list[tuple[Node, Node]] = field(default_factory=list)  # a mapping's (key, value)

    def get(self, key: str) -> Node | None:
        for k, v in self.pairs:
            if k.value == key:
                return v
        return None

    @property
    def is_null(self) -> bool:
        return self.kind == "scalar" and self.plain and self.value in ("", "~", "null", "Null")


class YamlError(Exception):
    """A file that is not YAML kb accepts; line and col are 1-based."""

    def __init__(self, line: int, col: int, message: str, field: str = "yaml") -> None:
        super().__init__(message)
        self.line, self.col, self.message, self.field = line, col, message, field


def read_yaml(text: str) -> Node | None:
    """Parse one YAML document into nodes; None for an empty file. Raises YamlError."""
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise YamlError(1, 1, f"file is larger than {MAX_BYTES:,} bytes; split it into records")
    try:
        return _Composer(yaml.parse(text, Loader=_Loader)).document()
    except yaml.MarkedYAMLError as exc:
        raise YamlError(*_syntax(exc)) from None
    except yaml.YAMLError as exc:
        raise YamlError(1, 1, f"YAML syntax: {exc}") from None


def _syntax(exc: yaml.MarkedYAMLError) -> tuple[int, int, str]:
    """Where a syntax error starts (the opening quote or bracket, if any) and what it is."""
    problem = exc.problem or "invalid YAML"
    mark, where = exc.problem_mark, ""
    if exc.context_mark and exc.context and exc.problem_mark:
        mark = exc.context_mark
        where = f" (from here to line {exc.problem_mark.line + 1}, {exc.context})"
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    hint = "check quotes, brackets, colons and indentation"
    return line, col, f"YAML syntax: {problem}{where}; {hint}"


def _pos(event: yaml.Event) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


class _Composer:
    """Builds Nodes from events with an explicit stack (no recursion, so no stack overflow)."""

    def __init__(self, events) -> None:
        self.events = iter(events)
        self.count = 0

    def document(self) -> Node | None:
        root: Node | None = None
        documents = 0
        for event in self.events:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    message = "a file holds one record: remove the second '---'"
                    raise YamlError(*_pos(event), message)
                root = self._compose()
        return root

    def _compose(self) -> Node | None:
        stack: list[Node] = []
        keys: list[Node | None] = []
        root: Node | None = None
        for event in self.events:
            if isinstance(event, yaml.DocumentEndEvent):
                return root
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                stack.pop()
                keys.pop()
                continue
            node = self._node(event, len(stack))
            if not stack:
                root = node
            else:
                self._attach(stack[-1], keys, node)
            if node.kind != "scalar":
                stack.append(node)
                keys.append(None)
        return root

    def _node(self, event: yaml.Event, depth: int) -> Node:
        line, col = _pos(event)
        if isinstance(event, yaml.AliasEvent):
            raise YamlError(line, col, "aliases (*name) are not allowed: write the value out")
        if getattr(event, "anchor", None):
            raise YamlError(line, col, "anchors (&name) are not allowed: write the value out")
        tag = getattr(event, "tag", None)
        if tag and not (isinstance(event, yaml.ScalarEvent) and tag == "!"):
            tag = tag.replace("tag:yaml.org,2002:", "!!")
            raise YamlError(line, col, f"tags ({tag}) are not allowed: remove it")
        self.count += 1
        if self.count > MAX_NODES:
            raise YamlError(line, col, f"more than {MAX_NODES:,} values: split the record")
        if isinstance(event, yaml.ScalarEvent):
            return Node("scalar", line, col, value=event.value, plain=not event.style)
        if depth >= MAX_DEPTH:
            raise YamlError(line, col, f"nested deeper than {MAX_DEPTH} levels")
        kind = "map" if isinstance(event, yaml.MappingStartEvent) else "seq"
        return Node(kind, line, col)

    @staticmethod
    def _attach(parent: Node, keys: list[Node | None], node: Node) -> None:
        if parent.kind == "seq":
            parent.items.append(node)
            return
        key = keys[-1]
        if key is None:
            if node.kind != "scalar":
                raise YamlError(node.line, node.col, "a key must be a plain name")
            for old, _ in parent.pairs:
                if old.value == node.value:
                    raise YamlError(
                        node.line,
                        node.col,
                        f"duplicate key (first on line {old.line}): keep one of the two",
                        field=node.value,
                    )
            keys[-1] = node
        else:
            parent.pairs.append((key, node))
            keys[-1] = None
