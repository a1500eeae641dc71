"""The printable poster and pocket card: PDF page sizes, tags, language, real text, and a QR code that scans."""

from __future__ import annotations

import io

import pypdf
import pypdfium2
import pytest
import zxingcpp

from tests.conftest import parse_html
from tests.htmlcheck import text

MM = 72 / 25.4  # PDF points per millimetre
SIZES = {"poster": (210, 297), "card": (85, 55)}
PAGES = {"poster": 1, "card": 2}  # the card has two sides


def pdf_bytes(site, name: str) -> bytes:
    return (site / "hate-crime-awareness-week" / f"{name}.pdf").read_bytes()


@pytest.mark.parametrize("name", ["poster", "card"])
def test_pdf_size_tags_language_and_text(default_site, name: str) -> None:
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes(default_site, name)))
    assert len(reader.pages) == PAGES[name]
    for page in reader.pages:
        size = (float(page.mediabox.width) / MM, float(page.mediabox.height) / MM)
        assert size == pytest.approx(SIZES[name], abs=0.1)
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "en-GB"
    assert bool(catalog["/MarkInfo"]["/Marked"])
    tree = catalog["/StructTreeRoot"].get_object()
    assert tree["/K"]  # the structure tree holds the document's headings, lists and paragraphs
    assert "Hate crime: report it" in reader.metadata.title
    words = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    for needed in ("999", "101", "18000", "report-it.org.uk", "The Refugee and Migrant Centre"):
        assert needed in words, needed


@pytest.mark.parametrize("name", ["poster", "card"])
def test_qr_code_opens_the_reporting_page(default_site, name: str) -> None:
    document = pypdfium2.PdfDocument(pdf_bytes(default_site, name))
    found = []
    for index in range(len(document)):
        image = document[index].render(scale=4).to_pil()
        found += [code.text for code in zxingcpp.read_barcodes(image)]
    assert found == ["https://stophatewv.net/report/"]


@pytest.mark.parametrize("name", ["poster", "card"])
def test_print_pages_on_the_site(default_site, name: str) -> None:
    doc = parse_html((default_site / "hate-crime-awareness-week" / name / "index.html").read_bytes())
    main = text(next(doc.iter("main")))
    assert "999" in main and "101" in main
    assert any(a.get("href") == f"/hate-crime-awareness-week/{name}.pdf" for a in doc.iter("a"))
    svg = next(e for e in doc.iter() if isinstance(e.tag, str) and e.tag.endswith("svg"))
    assert svg.get("viewBox")  # scales to the size the stylesheet gives it
