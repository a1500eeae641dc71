"""Random and mutated YAML and front matter: the only outcomes are a built site or a list of problems."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stophate.errors import BuildFailed, Problem
from stophate.site import BuildOptions, build

from .conftest import REPO, TODAY

BASE = Path(__file__).parent / "invalid" / "_base"
SEEDS = {
    "centres.yaml": (REPO / "centres.yaml").read_bytes(),
    "surgeries.yaml": (BASE.parent / "dangling-venue" / "surgeries.yaml").read_bytes(),
    "events.yaml": (REPO / "events.yaml").read_bytes(),
    "site.yaml": (BASE / "site.yaml").read_bytes(),
    "content/pages/index.md": (BASE / "content" / "pages" / "index.md").read_bytes(),
    "content/posts/post.md": (REPO / "content" / "posts" / "hate-crime-awareness-week.md").read_bytes(),
}
# Pieces editors really type, and pieces that trouble YAML parsers.
TOKENS = [b"\t", b": ", b"- ", b"\n", b"  ", b"'", b'"', b"#", b"&a ", b"*a", b"<<: ", b"{", b"}", b"[", b"]",
          b"---\n", b"...", b"no", b"010", b"12:30", b"31/10/2026", b"2026-02-30", b"null", b"~", b"!!python/object ",
          b"?", b"|", b">", b"\xef\xbb\xbf", b"\xff\xfe", b"\xe9", b"\x00", b"\r\n", b"id: ", b"venue: ", b"../",
          b"javascript:", b"<script>", b"https://", b"title: ", b"centres: [x]", "é".encode()]


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    name = draw(st.sampled_from(sorted(SEEDS)))
    data = bytearray(SEEDS[name])
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["insert", "delete", "replace"]))
        if action == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        else:
            piece = draw(st.sampled_from(TOKENS) | st.binary(min_size=1, max_size=8))
            end = at + (len(piece) if action == "replace" else 0)
            data[at:end] = piece
    return name, bytes(data)


random_yaml = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)


def build_outcome(files: dict[str, bytes]) -> list[Problem]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "root"
        shutil.copytree(BASE, root)
        for name, data in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(data)
        try:
            result = build(root, BuildOptions(today=TODAY, workers=1))
        except BuildFailed as failure:
            assert failure.problems, "a failed build always says why"
            problems = failure.problems
        else:
            assert "index.html" in result.files
            problems = result.problems.items
    for problem in problems:
        assert problem.message and problem.position.path and not problem.position.path.startswith("/")
        assert "<class" not in problem.message and "Traceback" not in problem.message
    return problems


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_sources_build_or_report(case: tuple[str, bytes]) -> None:
    name, data = case
    build_outcome({name: data})


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["centres.yaml", "surgeries.yaml", "events.yaml", "site.yaml", "front"]), random_yaml)
def test_random_yaml_builds_or_reports(name: str, value: object) -> None:
    import yaml

    text = yaml.safe_dump(value, allow_unicode=True)
    if name == "front":
        build_outcome({"content/pages/other.md": f"---\n{text}---\nBody.\n".encode()})
    else:
        build_outcome({name: text.encode()})


# Hostile shapes: deep nesting, huge counts, far dates, odd addresses (tests/test_hostile.py has the named cases).
SHAPES = {
    "nested yaml": lambda n: {"events.yaml": ("".join("  " * i + "a:\n" for i in range(n)) + "  " * n + "b\n")
                              .encode()},
    "nested list": lambda n: {"content/pages/x.md": ("---\ntitle: X\n---\n" + "- " * n + "x\n").encode()},
    "brackets": lambda n: {"content/pages/x.md": ("---\ntitle: X\n---\n" + "[" * n + "\n").encode()},
    "many links": lambda n: {"content/pages/x.md": ("---\ntitle: X\n---\n" + "[here](/nowhere/) " * n).encode()},
    "far date": lambda n: {"events.yaml": f"events:\n  - id: e\n    title: E\n    starts: {1000 + n * 9}-01-01\n"
                                          "    summary: S.\n    checked: 2026-11-01\n".encode()},
    "odd address": lambda n: {"content/pages/x.md": ("---\ntitle: X\n---\n[a](https://[::" + "\uff0f" * (n % 3)
                                                     + ")\n").encode()},
}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(SHAPES)), st.integers(1, 1000))
def test_hostile_shapes_build_or_report(shape: str, size: int) -> None:
    build_outcome(SHAPES[shape](size))
