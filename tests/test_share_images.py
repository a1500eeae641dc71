# ruff: noqa: RUF001  (the characters ruff finds confusable are the point of these tests)
"""Share cards draw every script with a real glyph (never an empty box), and shape Urdu right to left."""

from __future__ import annotations

import io

import pytest
from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw

from stophate.outputs import share_images
from stophate.outputs.share_images import FONT_FILES, FONTS, HEIGHT, WIDTH, runs, share_card

SAMPLES = {
    "polish": "Zgłoś przestępstwo z nienawiści: Łódź, źle, ćma, gęś, żółw",
    "romanian": "Cum raportați o infracțiune: știință, țară, în, câmp, Întâlnire",
    "symbols": "£150,000 a year – “quotes” — 9–5 é ü ñ ç",
    "urdu": "نفرت پر مبنی جرم کی رپورٹ کیسے کریں؟ ٹ ڈ ڑ ں ہ ھ ے ۔",
    "panjabi": "ਨਫ਼ਰਤੀ ਅਪਰਾਧ ਦੀ ਰਿਪੋਰਟ ਕਿਵੇਂ ਕਰੀਏ। ਪੰਜਾਬੀ ਵਿੱਚ ਮਦਦ",
    "ukrainian": "Як повідомити про злочин на ґрунті ненависті: Українська, їжа, єдність",
    "mixed": "True Vision کو 0800 555 111 پر فون کریں",
}


def cmap(name: str) -> set[int]:
    return set(TTFont(FONTS / FONT_FILES[name]).getBestCmap())


@pytest.mark.parametrize("text", SAMPLES.values(), ids=SAMPLES.keys())
def test_every_character_drawn_has_a_glyph_in_its_font(text: str) -> None:
    missing = [(name, char) for name, part in runs(text) for char in part
               if not char.isspace() and ord(char) not in cmap(name)]
    assert missing == []  # a character outside its font's cmap would be drawn as the empty .notdef box


@pytest.mark.parametrize("text", SAMPLES.values(), ids=SAMPLES.keys())
def test_a_card_in_each_script(text: str) -> None:
    image = Image.open(io.BytesIO(share_card("Stop Hate WLV", text, "stophatewv.net")))
    assert image.size == (WIDTH, HEIGHT)
    title_band = image.crop((0, 150, WIDTH, 450)).convert("L")
    assert title_band.getextrema()[1] > 200  # the title is drawn (white on navy)


def ink_columns(text: str, size: int = 80) -> list[int]:
    image = Image.new("RGB", (WIDTH, 200), (0, 0, 0))
    share_images._draw_line(ImageDraw.Draw(image), text, 140, size, (255, 255, 255))
    pixels = image.load()
    return [x for x in range(WIDTH) if any(pixels[x, y][0] > 128 for y in range(200))]


def clusters(columns: list[int]) -> list[tuple[int, int]]:
    found: list[list[int]] = []
    for x in columns:
        if found and x - found[-1][1] <= 2:
            found[-1][1] = x
        else:
            found.append([x, x])
    return [(a, b) for a, b in found]


@pytest.mark.skipif(not share_images.SHAPING, reason="Raqm (libfribidi) is not installed")
def test_urdu_runs_right_to_left_and_is_joined() -> None:
    # beh, five spaces, alef: read right to left, the wide beh is on the right and the thin alef on the left
    parts = clusters(ink_columns("ب" + " " * 5 + "ا"))
    assert len(parts) == 2
    (left_start, left_end), (right_start, right_end) = parts
    assert left_end - left_start < right_end - right_start
    assert right_end > WIDTH - share_images.MARGIN - 10  # set against the right margin
    # three behs join into one word, with no gap between the letters
    assert len(clusters(ink_columns("ببب"))) == 1
    assert len(clusters(ink_columns("ب ب ب"))) == 3


def test_fonts_are_small_and_licensed() -> None:
    sizes = [(FONTS / name).stat().st_size for name in FONT_FILES.values()]
    assert sum(sizes) < 250_000
    assert "SIL OPEN FONT LICENSE Version 1.1" in (FONTS / "OFL.txt").read_text(encoding="utf-8")
