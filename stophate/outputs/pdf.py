"""PDFs of the printable pages, made by WeasyPrint from the same HTML and stylesheet as the site.

PDF/UA-1: tagged (headings, lists and tables keep their structure), the document language from the page's lang,
real text rather than pictures of it, so screen readers and search can read the files public bodies publish.
"""

from __future__ import annotations

import logging
from functools import lru_cache

import weasyprint

# WeasyPrint logs every CSS property it does not print (transitions, focus styles...) as a warning: the site's
# stylesheet is written for screens first, so those are expected and not the editor's business
logging.getLogger("weasyprint").setLevel(logging.ERROR)


@lru_cache(maxsize=8)  # a pure function of its HTML and style sheet: rebuilds in one process reuse it
def write_pdf(html: str, css: str) -> bytes:
    """The document as a tagged PDF/UA-1 file. Nothing is fetched: the QR code is inline and there are no images."""
    document = weasyprint.HTML(string=html, url_fetcher=_no_fetching)
    return document.write_pdf(stylesheets=[weasyprint.CSS(string=css)], pdf_variant="pdf/ua-1")


def _no_fetching(url: str, *_args: object, **_options: object) -> dict[str, object]:
    raise ValueError(f"a printable page may not load {url}")
