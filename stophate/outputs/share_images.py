"""Share cards: a 1200 x 630 PNG per post (and one for the site) so links shared on social media show a clear card.

Drawn with Pillow's bundled font, so the build needs no system fonts and the image is the same on every machine.
"""

from __future__ import annotations

import io
from functools import cache

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
NAVY, WHITE, YELLOW = (28, 42, 90), (255, 255, 255), (255, 221, 0)


@cache
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def _wrap(text: str, font: ImageFont.FreeTypeFont | ImageFont.ImageFont, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and font.getlength(candidate) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def share_card(site_name: str, title: str, footer: str) -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), NAVY)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, 16), fill=YELLOW)
    draw.text((MARGIN, 60), site_name, font=_font(44), fill=YELLOW)
    size = 76
    lines = _wrap(title, _font(size), WIDTH - 2 * MARGIN)
    while len(lines) > 4 and size > 40:  # long titles get smaller type rather than running off the card
        size -= 8
        lines = _wrap(title, _font(size), WIDTH - 2 * MARGIN)
    y = 150
    for line in lines[:5]:
        draw.text((MARGIN, y), line, font=_font(size), fill=WHITE)
        y += int(size * 1.2)
    draw.text((MARGIN, HEIGHT - 100), footer, font=_font(36), fill=WHITE)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=6)
    return buffer.getvalue()
