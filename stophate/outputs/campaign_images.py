"""The campaign kit's share images: each message's words in the three shapes platforms use, in the site's colours.

Text is drawn with the share cards' own font and line wrapping (share_images.py), so both kinds of image change
together. Every image carries the call to action ("Report it: <site>") and the week's dates.

Like a share card, an image is drawn straight in the indexes of a 16-colour palette (the background's anti-aliased
shades to the text colour, then to the accent) and saved as a palette PNG at zlib level 1: a third of the time of an
RGB image at level 6, and about half the size.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageDraw

from .share_images import LEVELS, NAVY, WHITE, YELLOW, _draw_line, _wrap

RGB = tuple[int, int, int]


@dataclass(frozen=True, slots=True)
class Colours:
    background: RGB
    text: RGB
    accent: RGB

    def palette(self) -> list[int]:
        """Indexes 0 to 7: the background's shades to the text colour; 8 to 15: its shades to the accent."""
        return [round(b + (c - b) * level / (LEVELS - 1)) for ink in (self.text, self.accent)
                for level in range(LEVELS) for b, c in zip(self.background, ink, strict=True)]


def _hex(value: str) -> RGB:
    value = value.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))


def _luminance(colour: RGB) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: RGB, b: RGB) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def site_colours(stylesheet: str) -> Colours:
    """The stylesheet's --brand and --focus colours, when they keep the text at 7:1 or more; else ours."""
    found = dict(re.findall(r"--([a-z-]+)\s*:\s*(#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3})\b", stylesheet))
    background = _hex(found["brand"]) if "brand" in found else NAVY
    accent = _hex(found["focus"]) if "focus" in found else YELLOW
    if contrast(background, WHITE) < 7:
        background = NAVY
    if contrast(background, accent) < 7:
        accent = WHITE
    return Colours(background, WHITE, accent)


def _fit(text: str, width: int, size: int, max_lines: int) -> tuple[int, list[str]]:
    """The largest type (from `size` down) at which the text fits in `max_lines` lines of `width`."""
    lines = _wrap(text, size, width)
    while len(lines) > max_lines and size > 48:
        size -= 8
        lines = _wrap(text, size, width)
    return size, lines


# a pure function of its arguments, and the slowest file of a small site: rebuilds in one process (the preview)
# reuse the images whose words, dates and colours stand
@lru_cache(maxsize=256)
def campaign_image(width: int, height: int, site_name: str, image_text: str, cta: str, dates: str,
                   colours: Colours) -> bytes:
    """A PNG of exactly width x height: the site's name, the message's words very large, then the call to action
    and the week's name and dates on an accent band."""
    text, accent, on_accent = LEVELS - 1, 2 * LEVELS - 1, LEVELS  # the inks, as palette indexes
    # the name and top bar first, in a layer of their own moved up to the accent's shades (0, the background, stays)
    layer = Image.new("L", (width, height), 0)
    draw = ImageDraw.Draw(layer)
    margin = width // 15
    margins = (margin, width - margin)
    inner = width - 2 * margin
    tall = height > width
    draw.rectangle((0, 0, width, height // 40), fill=text)
    name_size = 48 if tall else 40
    _draw_line(draw, site_name, margin + name_size, name_size, text, margins)
    image = layer.point([value + LEVELS if value else 0 for value in range(256)])
    draw = ImageDraw.Draw(image)
    band = height // 4 if tall else int(height * 0.3)
    size, lines = _fit(image_text, inner, 128 if tall else 96, 5 if tall else 3)
    line_height = int(size * 1.3)  # Naskh and Gurmukhi reach further above and below than Latin
    top = margin + 80
    y = top + max(0, (height - band - top - line_height * len(lines)) // 2)
    for line in lines:
        _draw_line(draw, line, y + size, size, text, margins)
        y += line_height
    # on the band, the background's colour drawn over the accent blends through the accent's own shades
    draw.rectangle((0, height - band, width, height), fill=accent)
    cta_size, cta_lines = _fit(cta, inner, 64 if tall else 52, 2)
    y = height - band + band // 6
    for line in cta_lines:
        _draw_line(draw, line, y + cta_size, cta_size, on_accent, margins)
        y += int(cta_size * 1.2)
    dates_size, date_lines = _fit(dates, inner, 40 if tall else 34, 2)
    for line in date_lines:
        _draw_line(draw, line, y + 8 + dates_size, dates_size, on_accent, margins)
        y += int(dates_size * 1.2)
    card = Image.frombytes("P", (width, height), image.tobytes())
    card.putpalette(colours.palette())
    buffer = io.BytesIO()
    card.save(buffer, format="PNG", compress_level=1, bits=4)
    return buffer.getvalue()
