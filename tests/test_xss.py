"""Nothing unsafe published: pasted scripts, event handlers, javascript: links and SVG payloads never run.

Two layers are checked: the Markdown renderer's own output (whatever the build later decides), and whole built
pages, parsed the way a browser parses them.
"""

from __future__ import annotations

import re
import shutil
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from stophate.content import MarkdownRenderer
from stophate.errors import BuildFailed
from stophate.site import BuildOptions, build

from .conftest import TODAY, parse_html

BASE = Path(__file__).parent / "invalid" / "_base"

# Markup that runs code when a browser reads it, if it survives.
RAW_HTML = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    '<img src="x" onerror="alert(1)"/>',
    "<svg onload=alert(1)><script>alert(2)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">x</text></a></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<object data="data:text/html,<script>alert(1)</script>"></object>',
    '<embed src="https://evil.example/x.swf">',
    '<a href="javascript:alert(1)">raw link</a>',
    '<div onmouseover="alert(1)">hover</div>',
    "<details open ontoggle=alert(1)>",
    '<body onload="alert(1)">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="https://evil.example/">',
    '<form action="https://evil.example/"><button formaction="javascript:alert(1)">go</button></form>',
    "<style>body{background:url(javascript:alert(1))}</style>",
    "<!--<script>alert(1)</script>-->",
    '<p style="background:url(javascript:alert(1))">styled</p>',
    "`<script>in code</script>`",
]
MARKDOWN_LINKS = [
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](  javascript:alert(1)  )",
    "[x](jav&#x09;ascript:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '[x](/ok/){: onclick="alert(1)" }',
    '[x](/ok/){: href="javascript:alert(1)" }',
    '![x](/i.png){: onerror="alert(1)" }',
    "![x](javascript:alert(1))",
    "<javascript:alert(1)>",
]
EXECUTABLE_TAGS = {"script", "iframe", "object", "embed", "svg", "math", "style", "base", "meta", "form", "button",
                   "frame", "frameset", "applet", "link"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "background"}
BAD_SCHEME = re.compile(r"^(javascript|vbscript|data):", re.I)


def executable_markup(root: Any, allow_head: bool = False) -> list[str]:
    """Every element or attribute in the tree that could run code, described for the assertion message."""
    found = []
    for element in root.iter():
        tag = str(element.tag).split("}")[-1].lower()
        if tag in EXECUTABLE_TAGS:
            # the page's own head: its CSP meta, its stylesheet and its one same-site script file
            own = allow_head and tag in {"meta", "link", "script"} and not (element.text or "").strip()
            if not own:
                found.append(f"<{tag}>")
        for name, value in element.attrib.items():
            name = name.split("}")[-1].lower()
            if name.startswith("on"):
                found.append(f"{tag}[{name}]")
            probe = re.sub(r"[\x00-\x20]", "", unescape(value or ""))
            if (name in URL_ATTRIBUTES or name.endswith("href")) and BAD_SCHEME.match(probe):
                found.append(f"{tag}[{name}={value}]")
            if name == "style" and "url(" in value.lower():
                found.append(f"{tag}[style]")
    return found


@pytest.mark.parametrize("payload", RAW_HTML + MARKDOWN_LINKS)
def test_renderer_output_has_no_executable_markup(payload: str) -> None:
    html, _, _ = MarkdownRenderer("/").render(f"Before\n\n{payload}\n\nAfter {payload}\n")
    tree = parse_html(f"<!doctype html><title>t</title><main>{html}</main>")
    main = tree.find(".//main")
    assert executable_markup(main) == [], html


def test_unsafe_links_are_reported_not_published() -> None:
    """A javascript: or data: link is a problem for the editor to fix, and the renderer has already defused it."""
    _, notes, _ = MarkdownRenderer("/").render("\n\n".join(MARKDOWN_LINKS[:7]))
    assert {n.kind for n in notes} == {"unsafe"}


def site_with(tmp_path: Path, body: str, front: str = "title: Pasted\nsummary: Pasted text.") -> Path:
    root = tmp_path / "root"
    shutil.copytree(BASE, root)
    (root / "content" / "pages" / "pasted.md").write_text(f"---\n{front}\n---\n{body}\n")
    return root


def test_built_page_with_pasted_html_is_inert(tmp_path: Path) -> None:
    root = site_with(tmp_path, "\n\n".join(RAW_HTML))
    result = build(root, BuildOptions(today=TODAY))
    page = result.files["pasted/index.html"]
    tree = parse_html(page)
    assert executable_markup(tree, allow_head=True) == []
    scripts = [s.get("src") for s in tree.iter("script")]
    assert scripts and all(src and src.startswith("/") and not src.startswith("//") for src in scripts)
    # the editor sees what they pasted, as text
    assert "<script>alert(1)</script>" in "".join(tree.find(".//main").itertext())


def test_built_site_refuses_javascript_links(tmp_path: Path) -> None:
    root = site_with(tmp_path, "\n\n".join(MARKDOWN_LINKS[:7]))
    with pytest.raises(BuildFailed) as failure:
        build(root, BuildOptions(today=TODAY))
    lines = sorted(p.position.line for p in failure.value.problems if "unsafe address" in p.message)
    assert lines == [5, 7, 9, 11, 13, 15, 17]


def test_front_matter_values_are_escaped(tmp_path: Path) -> None:
    front = ('title: "<script>alert(1)</script> \\" onmouseover=\\"alert(2)"\n'
             'summary: "<img src=x onerror=alert(3)>"')
    result = build(site_with(tmp_path, "Text.", front), BuildOptions(today=TODAY))
    tree = parse_html(result.files["pasted/index.html"])
    assert executable_markup(tree, allow_head=True) == []
    assert "<script>alert(1)</script>" in "".join(tree.find(".//h1").itertext())
    assert tree.find(".//title").text.startswith("<script>")


def test_external_links_get_noopener(tmp_path: Path) -> None:
    result = build(site_with(tmp_path, "[True Vision](https://www.report-it.org.uk/)"), BuildOptions(today=TODAY))
    link = next(a for a in parse_html(result.files["pasted/index.html"]).iter("a")
                if a.get("href") == "https://www.report-it.org.uk/")
    assert set(link.get("rel", "").split()) >= {"noopener", "noreferrer"}
