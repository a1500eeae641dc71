"""Loading files: encodings, YAML mistakes and YAML 1.1 surprises become positioned problems, never crashes."""

from __future__ import annotations

import pytest

from stophate.errors import Problems
from stophate.sourcefile import Mapping, Scalar, Sequence, decode, parse_yaml, split_front_matter


def problems_of(text: str) -> list[tuple[str, str, str]]:
    problems = Problems()
    assert parse_yaml(text, "x.yaml", problems) is None
    return [(str(p.position), p.message, p.hint) for p in problems.items]


def test_scalars_keep_the_text_as_written() -> None:
    """YAML 1.1 would turn these into False, 8, 750, 1000.0, 16 and a date: we keep the editor's words."""
    node = parse_yaml("a: no\nb: 010\nc: 12:30\nd: 1e3\ne: 0x10\nf: 2026-10-10\ng: NO\nh: ~\n", "x.yaml", Problems())
    assert isinstance(node, Mapping)
    texts = {key.text: value.text for key, value in node.entries if isinstance(value, Scalar)}
    assert texts == {"a": "no", "b": "010", "c": "12:30", "d": "1e3", "e": "0x10", "f": "2026-10-10", "g": "NO",
                     "h": "~"}
    h = node.get("h")
    assert isinstance(h, Scalar) and h.is_null


def test_positions_are_of_the_value() -> None:
    node = parse_yaml("centres:\n  - id: x\n    postcode:   WV1 1SH\n", "c.yaml", Problems())
    assert isinstance(node, Mapping)
    items = node.get("centres")
    assert isinstance(items, Sequence) and isinstance(items.items[0], Mapping)
    postcode = items.items[0].get("postcode")
    assert postcode is not None and (postcode.pos.line, postcode.pos.column) == (3, 17)


@pytest.mark.parametrize(("text", "where", "words"), [
    ("a: 1\n\tb: 2\n", "x.yaml:2:1", "tab character"),
    ("title: Reporting: how\n", "x.yaml:1:17", "a colon inside a value"),
    ("a: 'open\nb: 2\n", "x.yaml:1:4", "never closed"),
    ("a: &x [*x]\n", "x.yaml:1:4", "reused elsewhere"),
    ("a: &x 1\nb: *x\n", "x.yaml:1:4", "reused elsewhere"),
    ("a: *nothing\n", "x.yaml:1:4", "reference"),
    ("--- a\n--- b\n", "x.yaml:2:1", "--- appears a second time"),
    ("a: \x07\n", "x.yaml:1:4", "invisible control character"),
    ("[" * 2000 + "]" * 2000, "x.yaml:1:1001", "nested too deeply"),
])
def test_yaml_mistakes_are_problems(text: str, where: str, words: str) -> None:
    [(position, message, hint)] = problems_of(text)
    assert position == where and words in message and hint


def test_tags_do_not_construct_objects_and_are_reported() -> None:
    problems = Problems()
    assert parse_yaml("a: !!python/object/apply:os.system [echo hi]\n", "x.yaml", problems) is None
    [problem] = problems.items
    assert str(problem.position) == "x.yaml:1:4" and "YAML tag" in problem.message


@pytest.mark.parametrize(("data", "expected"), [
    (b"title: Caf\xc3\xa9\n", "title: Café\n"),
    (b"\xef\xbb\xbftitle: Caf\xc3\xa9\r\n", "title: Café\n"),
    (b"a\rb", "a\nb"),
])
def test_utf8_with_or_without_bom(data: bytes, expected: str) -> None:
    problems = Problems()
    assert decode(data, "x.md", problems) == expected and not problems.items


@pytest.mark.parametrize(("data", "where", "words"), [
    ("title: Café\n".encode("utf-16"), "x.md:1:1", "UTF-16"),
    ("title: Café\n".encode("utf-16-le"), "x.md:1:1", "UTF-16"),
    (b"---\ntitle: Caf\xe9\n", "x.md:2:11", "not saved as UTF-8"),
])
def test_other_encodings_are_problems(data: bytes, where: str, words: str) -> None:
    problems = Problems()
    assert decode(data, "x.md", problems) is None
    [problem] = problems.items
    assert str(problem.position) == where and words in problem.message and "UTF-8" in problem.hint


def test_front_matter_lines_count_from_the_file() -> None:
    problems = Problems()
    source = split_front_matter("---\ntitle: A\nsummary: 12:30\n---\nBody\n", "p.md", problems)
    assert isinstance(source.meta, Mapping) and source.body == "Body\n" and source.body_line == 5
    summary = source.meta.get("summary")
    assert summary is not None and (summary.pos.line, summary.pos.column) == (3, 10)


def test_unclosed_front_matter() -> None:
    problems = Problems()
    split_front_matter("---\ntitle: A\n", "p.md", problems)
    assert [(str(p.position), p.message) for p in problems.items] == [
        ("p.md:1:1", "the front matter starts with --- but never ends")]
