"""Minimal browser fixtures: pytest-playwright's `browser` and `page`, driving Debian's Chromium.

Playwright's own browser download does not work here, so the session launches /usr/bin/chromium with the
flags that keep it from calling hosts this machine cannot reach (see the testing notes).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: run scripts/install-chromium.sh (make test does it for you)")
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}
