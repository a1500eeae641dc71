"""axe-core with the WCAG 2.0, 2.1 and 2.2 A and AA rules on every page of every site: zero violations."""

from __future__ import annotations

import pytest

from tests.browser.conftest import OpenPage, SiteServers, axe_violations, site_names

# A page with faults axe is known to catch: if these stop being found, the check itself is broken.
FAULTY_PAGE = """<!doctype html><html><head><title>Faulty</title></head><body>
<main><h1>Faulty page</h1>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<p style="color:#aaaaaa;background:#ffffff">Pale grey text that is too hard to read.</p>
<label>Name</label><input type="text">
<a href="/somewhere"></a>
</main></body></html>"""


@pytest.mark.parametrize("name", site_names())
def test_every_page_has_no_axe_violations(name: str, sites: SiteServers, open_page: OpenPage) -> None:
    served = sites.get(name)
    page = open_page()
    found = {}
    for url in served.pages():
        page.goto(url)
        violations = axe_violations(page)
        if violations:
            found[url.removeprefix(served.url)] = violations
    assert found == {}
    assert len(served.pages()) >= 1


def test_axe_finds_known_faults(open_page: OpenPage) -> None:
    page = open_page()
    page.set_content(FAULTY_PAGE)
    ids = {rule for rule, _impact, _nodes in axe_violations(page)}
    assert {"html-has-lang", "image-alt", "color-contrast", "label", "link-name"} <= ids
