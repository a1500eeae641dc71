"""Read YAML and front matter into a small node tree that remembers where every value came from.

PyYAML's usual loaders guess types (YAML 1.1: `no` is False, `10:30` is 630, `010` is 8), which silently
changes listings. We compose nodes instead and keep every scalar as the text the editor wrote; field parsers
decide what a value means and say so when it is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .contentfiles import MAX_YAML_BYTES, read_file
from .errors import Position, Problems

try:  # the C composer is several times faster; fall back when PyYAML was built without libyaml
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader


@dataclass(frozen=True, slots=True)
class Scalar:
    text: str
    pos: Position
    quoted: bool = False

    @property
    def is_null(self) -> bool:
        return not self.quoted and self.text in ("", "~", "null", "Null", "NULL")


@dataclass(frozen=True, slots=True)
class Mapping:
    entries: tuple[tuple[Scalar, Node], ...]
    pos: Position

    def keys(self) -> list[str]:
        return [key.text for key, _ in self.entries]

    def get(self, name: str) -> Node | None:
        for key, value in self.entries:
            if key.text == name:
                return value
        return None


@dataclass(frozen=True, slots=True)
class Sequence:
    items: tuple[Node, ...]
    pos: Position


Node = Scalar | Mapping | Sequence


def describe(node: Node) -> str:
    """A plain-words name for what the editor wrote, for messages (never a Python type)."""
    if isinstance(node, Mapping):
        return "a group of fields"
    if isinstance(node, Sequence):
        return "a list"
    return "nothing" if node.is_null else f'"{node.text}"'


MAX_DEPTH = 64  # the deepest real listing nests four or five levels


class _Refused(Exception):
    """YAML that no listing needs, at `node`: reported there as a problem in these words."""

    message = hint = ""

    def __init__(self, node: yaml.Node) -> None:
        self.node = node


class _Reused(_Refused):
    """A node met twice: YAML anchors and aliases (& and *), which could also repeat a value a billion times."""

    message = "the value marked with & here is reused elsewhere with *"
    hint = "write the value out in full each time it is needed; & and * are not supported"


class _TooDeep(_Refused):
    """Values nested deeper than any listing needs; deeper still would overflow Python's stack."""

    message = f"the values are nested more than {MAX_DEPTH} levels deep here"
    hint = "write the list or group out more simply"


class _Tagged(_Refused):
    """A YAML tag such as !!binary or !!python/object: it would change what the value means, and we never act on it."""

    message = "a YAML tag (a word starting with !) is used here; tags are not supported"
    hint = "delete the tag (such as !!binary) and write the value as plain text"


# What plain YAML resolves values to by itself; an explicit tag (!!binary, !custom) would be ignored silently
_PLAIN_TAGS = {"str", "int", "float", "bool", "null", "timestamp", "map", "seq", "merge", "value"}


def _convert(node: yaml.Node, path: str, line_offset: int, seen: set[int] | None = None, depth: int = 0) -> Node:
    seen = set() if seen is None else seen
    if id(node) in seen:
        raise _Reused(node)
    if depth > MAX_DEPTH:
        raise _TooDeep(node)
    if node.tag.removeprefix("tag:yaml.org,2002:") not in _PLAIN_TAGS:
        raise _Tagged(node)
    seen.add(id(node))
    depth += 1
    pos = Position(path, node.start_mark.line + 1 + line_offset, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        entries = []
        for key, value in node.value:
            key_node = _convert(key, path, line_offset, seen, depth)
            if not isinstance(key_node, Scalar):
                key_node = Scalar("", key_node.pos)
            entries.append((key_node, _convert(value, path, line_offset, seen, depth)))
        return Mapping(tuple(entries), pos)
    if isinstance(node, yaml.SequenceNode):
        return Sequence(tuple(_convert(item, path, line_offset, seen, depth) for item in node.value), pos)
    return Scalar(str(node.value), pos, quoted=node.style not in (None, ""))


_YAML_HINTS = {
    "tab character": (
        "a tab character is used for indenting",
        "YAML needs spaces for indenting, never tabs: replace the tab with two spaces",
    ),
    "cannot start any token": (
        "a tab character is used here",
        "YAML needs spaces for indenting, never tabs: replace the tab with two spaces",
    ),
    "mapping values are not allowed": (
        "a colon inside a value confuses YAML",
        'put quotes around the value, for example title: "Reporting: how it works"',
    ),
    "could not find expected ':'": (
        "a line is missing its colon, or its indenting does not match the lines around it",
        "write each field as name: value, indented by the same number of spaces as its neighbours",
    ),
    "did not find expected key": (
        "the indenting does not match the lines around it",
        "line up each field with the fields beside it, using spaces",
    ),
    "expected '-' indicator": (
        "a list item is missing its - , or its indenting does not match the items around it",
        "start every item of a list with - , lined up under the others",
    ),
    "found undefined alias": ("a value starts with *, which YAML reads as a reference", "put quotes around it"),
    "another document": (
        "a line with --- appears a second time",
        "keep one --- line at most; to separate entries, start each with - ",
    ),
    "maximum nesting depth": ("the values are nested too deeply", "write the list or group out more simply"),
    "control characters are not allowed": (
        "the file contains an invisible control character",
        "delete this character (it often arrives when text is pasted from another program)",
    ),
    "did not find expected ',' or ']'": (
        "a list in [ ] is opened here but never closed",
        "close it with ] on the same line, or put quotes around a value that starts with [",
    ),
    "did not find expected ',' or '}'": (
        "a group in { } is opened here but never closed",
        "close it with } on the same line, or put quotes around a value that starts with {",
    ),
    "found unexpected end of stream": (
        "a quote is opened but never closed",
        "check that every \" or ' has a partner on the same line",
    ),
}


# Mistakes that YAML notices only where the text ends (in front matter: at the closing ---): the place to show is
# where the quote, [ or { was opened, which YAML keeps as the error's context
_UNCLOSED = ("found unexpected end of stream", "did not find expected ',' or")


def _yaml_problem(error: yaml.YAMLError, text: str, path: str, line_offset: int, problems: Problems) -> None:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    if getattr(error, "context_mark", None) and any(words in str(getattr(error, "problem", "")) for words in _UNCLOSED):
        mark = error.context_mark  # type: ignore[attr-defined]
    line = mark.line + 1 + line_offset if mark else 1 + line_offset
    column = mark.column + 1 if mark else 1
    if isinstance(error, yaml.reader.ReaderError):  # a bad character: the reader knows only its offset
        line = text.count("\n", 0, error.position) + 1 + line_offset
        column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
    raw = str(getattr(error, "problem", None) or error).split("\n")[0]
    message, hint = f"this is not valid YAML ({raw})", "check the indenting and quotes on this line"
    for needle, (friendly, friendly_hint) in _YAML_HINTS.items():
        if needle in raw:
            message, hint = f"this is not valid YAML: {friendly}", friendly_hint
            break
    problems.add(Position(path, line, column), "", message, hint)


def decode(data: bytes, path: str, problems: Problems) -> str | None:
    """Bytes to text: UTF-8 with or without a byte order mark; anything else is a problem, not a crash."""
    head = data[:200]
    # UTF-16 puts a zero byte beside every English letter; one stray zero byte is just a bad character
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(head) > 1 and head.count(b"\x00") * 4 >= len(head)):
        problems.add(
            Position(path, 1, 1), "", "this file is saved as UTF-16, not UTF-8",
            "open it in your editor and save it again with the encoding UTF-8",
        )
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        problems.add(
            Position(path, line, column), "", "this file is not saved as UTF-8 (it has a character UTF-8 cannot read)",
            "save it again with the encoding UTF-8; word processors often choose another one",
        )
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:  # YAML would say "control character"; Markdown would carry it into the page
        index = text.index("\x00")
        line = text.count("\n", 0, index) + 1
        problems.add(Position(path, line, index - (text.rfind("\n", 0, index) + 1) + 1), "",
                     "the file contains an invisible NUL character",
                     "delete this character (it often arrives when text is pasted from another program)")
        return None
    return text


def parse_yaml(text: str, path: str, problems: Problems, line_offset: int = 0) -> Node | None:
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as error:
        _yaml_problem(error, text, path, line_offset, problems)
        return None
    if node is None:
        return None
    try:
        return _convert(node, path, line_offset)
    except _Refused as refused:
        mark = refused.node.start_mark
        problems.add(Position(path, mark.line + 1 + line_offset, mark.column + 1), "", refused.message, refused.hint)
        return None


def load_yaml(root: Path, rel: str, problems: Problems) -> Node | None:
    data = read_file(root, rel, problems, MAX_YAML_BYTES)
    text = None if data is None else decode(data, rel, problems)
    return None if text is None else parse_yaml(text, rel, problems)


@dataclass(frozen=True, slots=True)
class FrontMatterFile:
    meta: Node | None
    body: str
    body_line: int  # 1-based line of the body's first line, so Markdown problems can point into the file


def split_front_matter(text: str, path: str, problems: Problems) -> FrontMatterFile:
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return FrontMatterFile(None, text, 1)
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            meta = parse_yaml("\n".join(lines[1:index]), path, problems, line_offset=1)
            return FrontMatterFile(meta, "\n".join(lines[index + 1 :]), index + 2)
    problems.add(
        Position(path, 1, 1), "", "the front matter starts with --- but never ends",
        "add a line with just --- after the last front matter field",
    )
    return FrontMatterFile(None, "", len(lines) + 1)
