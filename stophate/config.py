"""site.yaml -> Site."""

from __future__ import annotations

from pathlib import Path

from .contentfiles import present
from .errors import Position, Problems
from .fields import INVALID, Ctx, build_record
from .models import Site
from .schema import SITE


def load_site(root: Path, problems: Problems) -> Site | None:
    from .sourcefile import load_yaml

    file = root / "site.yaml"
    if not present(file):
        problems.add(Position("site.yaml"), "", "site.yaml is missing from the content folder",
                     f"create {file} with at least name, base_url and report_routes (see the content guide)")
        return None
    node = load_yaml(root, "site.yaml", problems)
    if node is None:
        if not problems.errors:
            problems.add(Position("site.yaml", 1, 1), "", "site.yaml is empty", "add name, base_url and report_routes")
        return None
    site = build_record(node, SITE, Ctx(problems))
    if site is INVALID:
        return None
    seen: dict[str, Position] = {}
    for route in site.report_routes:
        if route.id in seen:
            problems.add(route.pos, "report_routes.id", f"two reporting routes have the id '{route.id}'",
                         f"the first is on line {seen[route.id].line}; give each route its own id")
        seen[route.id] = route.pos
    return site
