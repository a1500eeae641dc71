"""Markdown tables as the site shows them: a caption from the line above, and alignment by class, not style."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as etree

from markdown.treeprocessors import Treeprocessor


class Captions(Treeprocessor):
    """A paragraph "Table: Opening times" just above a table becomes that table's caption (Markdown has none)."""

    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):  # a copy: captions move elements while we walk
            children = list(parent)
            for paragraph, table in itertools.pairwise(children):
                text = paragraph.text or ""
                if paragraph.tag == "p" and table.tag == "table" and text.startswith("Table:") and not len(paragraph):
                    caption = etree.Element("caption")
                    caption.text = text.removeprefix("Table:").strip()
                    table.insert(0, caption)
                    parent.remove(paragraph)


_ALIGN = re.compile(r"text-align:\s*(left|right|center)")


class Alignment(Treeprocessor):
    """Column alignment as a class: the page's Content-Security-Policy refuses style attributes. Left and right
    become start and end, so a right-to-left page mirrors its tables like the rest of the page."""

    def run(self, root: etree.Element) -> None:
        for cell in root.iter():
            if cell.tag not in ("th", "td"):
                continue
            match = _ALIGN.search(cell.attrib.pop("style", ""))
            if match:
                side = {"left": "start", "right": "end", "center": "centre"}[match[1]]
                cell.set("class", f"app-align-{side}")
