"""Share cards: three colours in a palette PNG, and a build that keeps its cache draws only the cards that changed."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from stophate.cache import BuildCache
from stophate.outputs import share_images
from stophate.site import BuildOptions, build
from tests.conftest import TODAY
from tests.sitecopy import copy_default_site

OPTIONS = BuildOptions(today=TODAY, workers=1)


def test_a_card_is_a_palette_png_of_navy_with_white_and_yellow_ink() -> None:
    data = share_images.share_card.__wrapped__("Stop Hate", "How to report hate crime", "stophate.example")
    with Image.open(io.BytesIO(data)) as card:
        assert card.format == "PNG" and card.mode == "P" and card.size == (1200, 630)
        colours = {colour for _count, colour in card.convert("RGB").getcolors(maxcolors=256)}
    assert {share_images.NAVY, share_images.WHITE, share_images.YELLOW} <= colours
    assert len(colours) <= 16


def test_a_rebuild_draws_only_the_card_whose_title_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = copy_default_site(tmp_path / "src")
    cache = BuildCache()
    build(source, OPTIONS, cache)
    drawn: list[str] = []
    draw = share_images.share_card.__wrapped__  # not the in-memory memo: the build cache must do the remembering

    def counting(site_name: str, title: str, footer: str) -> bytes:
        drawn.append(title)
        return draw(site_name, title, footer)

    monkeypatch.setattr(share_images, "share_card", counting)
    build(source, OPTIONS, cache)
    assert drawn == []
    post = next((source / "content" / "posts").glob("*.md"))
    text = post.read_text(encoding="utf-8")
    post.write_text(text.replace("title: \"", "title: \"New, ", 1), encoding="utf-8")
    build(source, OPTIONS, cache)
    assert len(drawn) == 1 and drawn[0].startswith("New, ")
