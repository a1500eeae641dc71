"""docs/fields.md is the schemas written out: it must match them exactly."""

from __future__ import annotations

from stophate.fieldref import DOCUMENTED, WHERE, field_reference
from stophate.site_schema import SITE
from tests.conftest import REPO


def test_committed_reference_matches_the_schemas() -> None:
    committed = (REPO / "docs" / "fields.md").read_text(encoding="utf-8")
    assert committed == field_reference(), "docs/fields.md is out of date: run make docs"


def test_every_schema_and_field_is_documented() -> None:
    text = field_reference()
    for schema in DOCUMENTED:
        assert schema.name in WHERE, schema.name
        for field in schema.fields:
            assert field.doc, f"{schema.name}.{field.name} has no description"
            assert f"| `{field.name}` |" in text
    assert "| `base_url` | yes |" in text and SITE.fields[0].name == "name"
