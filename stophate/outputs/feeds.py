"""sitemap.xml, robots.txt and the Atom feed of posts."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from xml.sax.saxutils import escape

from .. import routes
from ..models import Page, Site

ATOM = "http://www.w3.org/2005/Atom"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
# Feed readers poll and keep what they have seen, so the newest posts are enough; every post in full would make the
# feed grow with the site (8 MB for 1,000 posts) and be written and compressed again on every post's edit.
FEED_ENTRIES = 50


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


def sitemap(urls: Iterable[str], absolute: Callable[[str], str],
            alternates: dict[str, list[dict[str, str]]] | None = None) -> bytes:
    """Every page, with its versions in the site's other languages as xhtml:link alternates (as Google reads them).

    Written as text: the same XML ElementTree would give, without building a tree on every preview rebuild."""
    alternates = alternates or {}
    entries = []
    for path in sorted(urls):
        links = "".join(f'    <xhtml:link rel="alternate" hreflang="{escape(a["hreflang"])}" '
                        f'href="{escape(a["href"])}"/>\n' for a in alternates.get(path, ()))
        entries.append(f"  <url>\n    <loc>{escape(absolute(path))}</loc>\n{links}  </url>\n")
    namespaces = f'xmlns="{SITEMAP}"' + (f' xmlns:xhtml="{XHTML}"' if any(alternates.values()) else "")
    return f'<?xml version="1.0" encoding="utf-8"?>\n<urlset {namespaces}>\n{"".join(entries)}</urlset>\n'.encode()


def robots(absolute: Callable[[str], str]) -> bytes:
    return f"User-agent: *\nAllow: /\n\nSitemap: {absolute(routes.sitemap())}\n".encode()


def atom_feed(site: Site, posts: list[Page], absolute: Callable[[str], str], today: dt.date, lang: str = "",
              language: str = "") -> bytes:
    """The news feed of one language: its newest posts (at most FEED_ENTRIES of them, newest first), its news page
    (`lang` is the URL code, `language` the tag)."""
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed")
    if language:
        root.set("{http://www.w3.org/XML/1998/namespace}lang", language)
    ET.SubElement(root, f"{{{ATOM}}}title").text = site.name
    if site.tagline:
        ET.SubElement(root, f"{{{ATOM}}}subtitle").text = site.tagline
    ET.SubElement(root, f"{{{ATOM}}}id").text = absolute(routes.news(lang))
    ET.SubElement(root, f"{{{ATOM}}}link", href=absolute(routes.feed(lang)), rel="self")
    ET.SubElement(root, f"{{{ATOM}}}link", href=absolute(routes.news(lang)))
    newest = max((p.updated or p.date or today for p in posts), default=today)
    ET.SubElement(root, f"{{{ATOM}}}updated").text = f"{newest.isoformat()}T00:00:00Z"
    ET.SubElement(ET.SubElement(root, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = site.name
    for post in posts[:FEED_ENTRIES]:
        entry = ET.SubElement(root, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}title").text = post.title
        ET.SubElement(entry, f"{{{ATOM}}}id").text = absolute(post.url)
        ET.SubElement(entry, f"{{{ATOM}}}link", href=absolute(post.url))
        published = post.date or today
        ET.SubElement(entry, f"{{{ATOM}}}published").text = f"{published.isoformat()}T00:00:00Z"
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = f"{(post.updated or published).isoformat()}T00:00:00Z"
        if post.summary:
            ET.SubElement(entry, f"{{{ATOM}}}summary").text = post.summary
        ET.SubElement(entry, f"{{{ATOM}}}content", type="html").text = post.body_html
    return _xml(root)
