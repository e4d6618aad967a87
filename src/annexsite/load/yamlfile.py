"""A safe YAML reader that keeps a line mark for every value.

The document is composed into PyYAML nodes and turned into plain dicts, lists and scalars
by hand, so that:

* every value and every mapping key has a (line, column) in :attr:`RawDocument.marks`;
* duplicate keys, aliases and non-standard tags are errors, not silent surprises;
* YAML 1.1 oddities are switched off: ``yes``/``no``/``on``/``off`` stay strings (``NO`` is
  Norway) and dates stay ``YYYY-MM-DD`` strings for the validator to check.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from annexsite.diagnostics import Diagnostic, Location

MAX_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 40
# One text (a heading, a paragraph, a guidance note): the longest legal paragraph of the bundled
# annexes is under 2,000 characters; 20,000 leaves room and keeps a page (and its search entry,
# in seven languages) from growing without bound.
MAX_TEXT = 20_000

# where a value sits in a document: the keys and list indexes that lead to it
NodePath = tuple[Any, ...]

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_PLAIN_SCALAR_TAGS = {
    _STR,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}


class _Resolver(yaml.resolver.Resolver):
    """YAML 1.2-like implicit types: true/false, null, ints, floats; nothing else."""


_Resolver.yaml_implicit_resolvers = {}
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$"), list("-+0123456789")
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    # A dot or a signed exponent is required, so control codes such as 4E906 stay text.
    re.compile(r"^[-+]?(?:[0-9][0-9_]*\.[0-9_]*(?:[eE][-+]?[0-9]+)?|\.[0-9_]+(?:[eE][-+]?[0-9]+)?|[0-9][0-9_]*[eE][-+][0-9]+)$"),
    list("-+0123456789."),
)


class _Loader(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    yaml.composer.Composer,
    yaml.constructor.SafeConstructor,
    _Resolver,
):
    def __init__(self, stream: str):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        _Resolver.__init__(self)
        self._depth = 0

    def compose_node(self, parent, index):  # noqa: D401 - PyYAML hook
        if self.check_event(yaml.events.AliasEvent):
            event = self.peek_event()
            raise _YamlProblem("YAML aliases (*name) are not allowed in annex files", event.start_mark)
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _YamlProblem(f"document is nested deeper than {MAX_DEPTH} levels", self.peek_event().start_mark)
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _YamlProblem(Exception):
    def __init__(self, message: str, mark):
        super().__init__(message)
        self.message = message
        self.mark = mark


@dataclass
class RawDocument:
    """One YAML file as plain data, with the line and column of every value and key."""

    path: Path
    display: str
    data: Any
    marks: dict[NodePath, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[NodePath, tuple[int, int]] = field(default_factory=dict)

    def location(self, path: NodePath = (), *, key: bool = False) -> Location:
        """Where the value at ``path`` (or, with ``key=True``, its key) was written.

        Falls back to the nearest enclosing value that has a mark.
        """
        path = tuple(path)
        table = self.key_marks if key else self.marks
        if path in table:
            line, col = table[path]
            return Location(self.display, line, col)
        while path:
            path = path[:-1]
            if path in self.marks:
                line, col = self.marks[path]
                return Location(self.display, line, col)
        return Location(self.display, 1, 1)

    def get(self, path: NodePath, default: Any = None) -> Any:
        value = self.data
        for part in path:
            try:
                value = value[part]
            except (KeyError, IndexError, TypeError):
                return default
        return value


def _mark(node_or_mark) -> tuple[int, int]:
    mark = getattr(node_or_mark, "start_mark", node_or_mark)
    return (mark.line + 1, mark.column + 1)


def load_yaml(path: Path, display: str) -> tuple[RawDocument | None, list[Diagnostic]]:
    """Read one YAML file. Returns the document, or None and the reasons it could not be read."""

    def fail(message: str, line: int = 1, col: int = 1, hint: str = ""):
        return None, [Diagnostic(Location(display, line, col), message, hint)]

    try:
        raw = path.read_bytes()
    except OSError as exc:
        return fail(f"cannot read file: {exc.strerror or exc}")
    if len(raw) > MAX_BYTES:
        return fail(f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}", hint="split the annex into category files")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        col = len(raw[line_start:exc.start].decode("utf-8", errors="replace")) + 1  # characters, not bytes
        return fail(f"invalid UTF-8 (byte 0x{raw[exc.start]:02x})", line, col, "save the file as UTF-8")
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip() or all(l.strip().startswith("#") or not l.strip() for l in text.splitlines()):
        return fail("file is empty")
    bidi = re.search(r"[\u202a-\u202e\u2066-\u2069]", text)
    if bidi:
        line = text.count("\n", 0, bidi.start()) + 1
        col = bidi.start() - (text.rfind("\n", 0, bidi.start()) + 1) + 1
        return fail(
            f"bidirectional control character U+{ord(bidi.group()):04X} is not allowed",
            line, col, "it can make text display differently from what it says",
        )

    control = re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text)
    if control:
        line = text.count("\n", 0, control.start()) + 1
        col = control.start() - (text.rfind("\n", 0, control.start()) + 1) + 1
        return fail(f"control character U+{ord(control.group()):04X} is not allowed in text", line, col)

    loader = None
    try:
        loader = _Loader(text)
        node = loader.get_single_node()
    except _YamlProblem as exc:
        return fail(exc.message, *_mark(exc.mark))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = exc.problem or exc.context or "malformed YAML"
        if exc.context and "single document" in exc.context:
            message = f"{exc.context}, {message}"
        if "found character '\\t'" in message or "\t" in message:
            hint = "indent with spaces, not tabs"
        else:
            hint = ""
        line, col = _mark(mark) if mark else (1, 1)
        return fail(f"malformed YAML: {message}", line, col, hint)
    except yaml.YAMLError as exc:  # reader errors (control characters) carry a position
        position = getattr(exc, "position", None)
        if position is not None:
            line = text.count("\n", 0, position) + 1
            col = position - (text.rfind("\n", 0, position) + 1) + 1
            return fail(f"malformed YAML: {exc}".split("\n")[0], line, col)
        return fail(f"malformed YAML: {exc}")
    finally:
        if loader is not None:
            loader.dispose()
    if node is None:
        return fail("file is empty")

    doc = RawDocument(path=path, display=display, data=None)
    problems: list[Diagnostic] = []
    doc.data = _build(node, (), doc, loader, problems)
    if problems:
        return None, problems
    return doc, []


def _build(node: Node, path: NodePath, doc: RawDocument, loader: _Loader, problems: list[Diagnostic]) -> Any:
    doc.marks[path] = _mark(node)
    if isinstance(node, MappingNode):
        if node.tag != _MAP:
            problems.append(Diagnostic(Location(doc.display, *_mark(node)), f"YAML tag {node.tag!r} is not allowed"))
            return None
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag not in _PLAIN_SCALAR_TAGS:
                problems.append(Diagnostic(Location(doc.display, *_mark(key_node)), "mapping keys must be plain text"))
                continue
            if key_node.value == "<<":  # a merge key; "!!merge <<" is not a plain key (above)
                problems.append(Diagnostic(Location(doc.display, *_mark(key_node)), "YAML merge keys (<<) are not allowed"))
                continue
            key = key_node.value
            if key in result:
                first = doc.key_marks[path + (key,)]
                problems.append(
                    Diagnostic(
                        Location(doc.display, *_mark(key_node)),
                        f"duplicate key {key!r} (first defined at line {first[0]})",
                    )
                )
                continue
            doc.key_marks[path + (key,)] = _mark(key_node)
            result[key] = _build(value_node, path + (key,), doc, loader, problems)
        return result
    if isinstance(node, SequenceNode):
        if node.tag != _SEQ:
            problems.append(Diagnostic(Location(doc.display, *_mark(node)), f"YAML tag {node.tag!r} is not allowed"))
            return None
        return [_build(child, path + (i,), doc, loader, problems) for i, child in enumerate(node.value)]
    if node.tag not in _PLAIN_SCALAR_TAGS:
        problems.append(
            Diagnostic(Location(doc.display, *_mark(node)), f"YAML tag {node.tag!r} is not allowed", "write plain values")
        )
        return None
    value = loader.construct_object(node, deep=True)
    if isinstance(value, float) and not math.isfinite(value):
        problems.append(Diagnostic(Location(doc.display, *_mark(node)), f"number {node.value} is out of range"))
    if isinstance(value, str) and len(value) > MAX_TEXT:
        problems.append(Diagnostic(Location(doc.display, *_mark(node)),
                                   f"text is {len(value):,} characters; the limit is {MAX_TEXT:,}",
                                   "split it into paragraphs"))
        return value
    if isinstance(value, str):
        control = re.search(r"[\x00-\x08\x0b-\x1f\x7f]", value)
        if control:
            problems.append(
                Diagnostic(
                    Location(doc.display, *_mark(node)),
                    f"control character U+{ord(control.group()):04X} is not allowed in text",
                )
            )
    return value
