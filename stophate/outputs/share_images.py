"""Share cards: a 1200 x 630 PNG per post (and one for the site) so links shared on social media show a clear card.

Drawn with bundled Noto fonts (SIL Open Font License, stophate/fonts/OFL.txt), cut down to the letters the site's
languages need: Noto Sans for Latin (with Polish and Romanian letters, £ and dashes) and Cyrillic, Noto Sans
Gurmukhi for Panjabi, Noto Naskh Arabic for Urdu. Text is shaped by the Raqm layout engine (HarfBuzz and FriBiDi),
so Urdu letters join and run right to left and Gurmukhi vowel signs sit in place. Without Raqm (libfribidi
missing) cards are still drawn, unshaped, and `SHAPING` says so for the build to report. Fonts load once per size.

The card has three colours, so it is drawn straight in the indexes of a 16-colour palette (each ink's anti-aliased
shades from navy) and saved as a palette PNG: no RGB image to encode or quantise. What every card of a site shares
(the bar, the site's name, the footer) is drawn once; a card draws only its title. At zlib level 1 a card takes
about 4 ms (19 ms as an RGB PNG), of which 2.5 ms is the PNG encoding, and is about a third of the size.
"""

from __future__ import annotations

import io
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, features

from ..mixedtext import direction

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
NAVY, WHITE, YELLOW = (28, 42, 90), (255, 255, 255), (255, 221, 0)
FONTS = Path(__file__).resolve().parent.parent / "fonts"
FONT_FILES = {"latin": "NotoSans-Bold.subset.ttf", "gurmukhi": "NotoSansGurmukhi-Bold.subset.ttf",
              "arabic": "NotoNaskhArabic-Bold.subset.ttf"}
SHAPING = features.check("raqm")  # False: Urdu and Panjabi would be drawn unjoined; the build warns
COMPLEX_SCRIPTS = ("arabic", "gurmukhi")
LEVELS = 8  # shades of each ink's anti-aliased edge: palette 0-7 navy to white, 8-15 navy to yellow


def _blend(ink: tuple[int, int, int], level: int) -> list[int]:
    return [round(n + (i - n) * level / (LEVELS - 1)) for n, i in zip(NAVY, ink, strict=True)]


PALETTE = [v for level in range(LEVELS) for v in _blend(WHITE, level)] + [
    v for level in range(LEVELS) for v in _blend(YELLOW, level)]


@cache
def _font(name: str, size: int) -> ImageFont.FreeTypeFont:
    engine = ImageFont.Layout.RAQM if SHAPING else ImageFont.Layout.BASIC
    return ImageFont.truetype(FONTS / FONT_FILES[name], size, layout_engine=engine)


def font_for(char: str) -> str:
    """Which bundled font draws a letter: by its Unicode block; "" for a character that takes its neighbours'."""
    code = ord(char)
    if 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0xFB50 <= code <= 0xFEFF:
        return "arabic"
    if 0x0A00 <= code <= 0x0A7F:
        return "gurmukhi"
    if code in (0x0964, 0x0965):  # the danda ends Gurmukhi sentences too
        return ""
    if unicodedata.category(char)[0] in "LM" or code > 0x7F:
        return "latin"
    return ""  # spaces, digits and ASCII punctuation go with the text around them


def runs(text: str) -> list[tuple[str, str]]:
    """The text cut where the font changes: [(font, text)], in reading order."""
    found: list[tuple[str, str]] = []
    for char in text:
        name = font_for(char) or (found[-1][0] if found else "")
        if found and found[-1][0] in (name, ""):
            found[-1] = (name or found[-1][0], found[-1][1] + char)
        else:
            found.append((name, char))
    return [(name or "latin", part) for name, part in found]


def needs_shaping(text: str) -> bool:
    return any(name in COMPLEX_SCRIPTS for name, _ in runs(text))


def _options(name: str) -> dict[str, str]:
    if not SHAPING:
        return {}
    return {"direction": "rtl"} if name == "arabic" else {"direction": "ltr"}


def _width(text: str, size: int) -> float:
    return sum(_font(name, size).getlength(part, **_options(name)) for name, part in runs(text))


def _wrap(text: str, size: int, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and _width(candidate, size) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def _draw_line(draw: ImageDraw.ImageDraw, text: str, baseline: int, size: int, fill: int | tuple[int, int, int],
               margins: tuple[int, int] = (MARGIN, WIDTH - MARGIN)) -> None:
    """One line on a common baseline: from the left margin, or for right-to-left text from the right margin with
    its runs placed leftwards (Raqm orders the letters inside each run). `margins`: the x of each edge."""
    rtl = direction(text) == "rtl"
    x = float(margins[1] if rtl else margins[0])
    for name, part in runs(text):
        font = _font(name, size)
        width = font.getlength(part, **_options(name))
        if rtl:
            x -= width
        draw.text((x, baseline), part, font=font, fill=fill, anchor="ls", **_options(name))
        if not rtl:
            x += width


def image_size(data: bytes | None) -> tuple[int, int] | None:
    """The real width and height of an editor's share image, read from its header; None when it cannot be read
    (share cards then say nothing about the size rather than something untrue)."""
    if data is None:
        return None
    try:
        with Image.open(io.BytesIO(data)) as image:
            return image.size
    except (OSError, ValueError, Image.DecompressionBombError):
        return None


def _title_lines(title: str) -> tuple[list[str], int]:
    """The title wrapped to the card, and its type size: long titles get smaller type rather than running off."""
    size = 72
    lines = _wrap(title, size, WIDTH - 2 * MARGIN)
    while len(lines) > 3 and size > 40:
        size -= 8
        lines = _wrap(title, size, WIDTH - 2 * MARGIN)
    return lines[:4], size


@lru_cache(maxsize=16)
def _base(site_name: str, footer: str) -> Image.Image:
    """What every card of a site shares (the yellow bar and name, the white footer), as palette indexes, drawn
    once: a card then only draws its title. Text is drawn in indexes: drawn with index 7 on navy (0), an
    anti-aliased edge blends to 1-6, the white ink's own shades; yellow is drawn the same way, then moved up to
    its shades, 8-15."""
    yellow = Image.new("L", (WIDTH, HEIGHT), 0)
    draw = ImageDraw.Draw(yellow)
    draw.rectangle((0, 0, WIDTH, 16), fill=LEVELS - 1)
    _draw_line(draw, site_name, 100, 44, LEVELS - 1)
    # yellow's shades are 8-15: shift every inked pixel up by LEVELS, leave navy (0) alone
    base = yellow.point([value + LEVELS if value else 0 for value in range(256)])
    _draw_line(ImageDraw.Draw(base), footer, HEIGHT - 60, 36, LEVELS - 1)
    return base


@lru_cache(maxsize=1024)  # a pure function of its text: the preview rebuilds reuse unchanged cards
def share_card(site_name: str, title: str, footer: str) -> bytes:
    indexes = _base(site_name, footer).copy()
    draw = ImageDraw.Draw(indexes)
    lines, size = _title_lines(title)
    baseline = 150 + size
    for line in lines:
        _draw_line(draw, line, baseline, size, LEVELS - 1)
        baseline += int(size * 1.45)  # Naskh and Gurmukhi reach further above and below than Latin
    card = Image.frombytes("P", (WIDTH, HEIGHT), indexes.tobytes())
    card.putpalette(PALETTE)
    buffer = io.BytesIO()
    card.save(buffer, format="PNG", compress_level=1, bits=4)
    return buffer.getvalue()
