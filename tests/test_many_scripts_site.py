"""Another council's content in Urdu, Panjabi, Polish and Ukrainian (tests/sites/many-scripts): addresses, heading
ids, marked direction and shaped share cards."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from stophate.outputs import share_images
from tests.conftest import parse_html, write_built

ROOT = Path(__file__).resolve().parent / "sites" / "many-scripts"
POST = "نفرت-کے-خلاف-ایک-ساتھ"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_built(ROOT, tmp_path_factory.mktemp("many-scripts") / "site")


def html_of(site: Path, path: str):
    doc = parse_html((site / path / "index.html").read_bytes())
    return doc, next(doc.iter("html"))


@pytest.mark.parametrize(("path", "lang", "direction", "heading_id"), [
    ("pa/report", "pa", "ltr", "ਐਮਰਜੈਂਸੀ-ਵਿੱਚ-ਕੀ-ਕਰੀਏ"),
    ("ur/report", "ur", "rtl", "آن-لائن-رپورٹ-کریں"),
    ("pl/report", "pl", "ltr", "zgłoś-przez-internet"),
    ("uk/report", "uk", "ltr", "повідомте-онлайн"),
    (f"news/{POST}", "ur", "rtl", "رپورٹ-کیسے-کریں"),
])
def test_pages_in_each_language(site: Path, path: str, lang: str, direction: str, heading_id: str) -> None:
    doc, html = html_of(site, path)
    assert (html.get("lang"), html.get("dir")) == (lang, direction)
    assert heading_id in [h.get("id") for h in doc.iter("h2")]


def test_names_keep_their_script_and_are_marked(site: Path) -> None:
    assert (site / "centres" / "language" / "українська" / "index.html").is_file()
    assert (site / "centres" / "language" / "ਪੰਜਾਬੀ" / "index.html").is_file()
    doc, _ = html_of(site, "centres")
    marks = {"".join(s.itertext()): (s.get("lang"), s.get("dir")) for s in doc.iter("span")
             if s.get("lang") or s.get("dir")}
    # Arabic script alone does not say Urdu, but this site lists Urdu as its one language in that script
    assert marks["جامع مسجد ایسٹ شائر"] == ("ur", "rtl")
    assert marks["ਗੁਰਦੁਆਰਾ ਸਾਹਿਬ ਈਸਟਸ਼ਾਇਰ"] == ("pa", None)
    assert marks["اردو"] == ("ur", "rtl") and marks["Українська"] == ("uk", None) and marks["Polski"] == ("pl", None)
    news, _ = html_of(site, "news")
    assert any(a.get("href") == f"/news/{POST}/" for a in news.iter("a"))


def test_the_urdu_post_has_a_shaped_share_card(site: Path) -> None:
    card = site / "news" / POST / "share.png"
    image = Image.open(io.BytesIO(card.read_bytes()))
    assert image.size == (1200, 630)
    assert share_images.needs_shaping("نفرت کے خلاف ایک ساتھ")
    if share_images.SHAPING:  # the title is set against the right margin, as Urdu is read
        band = image.crop((0, 150, 1200, 260)).convert("L").load()
        columns = [x for x in range(1200) if any(band[x, y] > 200 for y in range(110))]
        assert columns and columns[-1] > 1200 - share_images.MARGIN - 20 and columns[0] > share_images.MARGIN + 40
