"""Front matter is read faithfully (flat YAML, TOML, JSON) or reported, never misread."""

from __future__ import annotations

import pytest

from pmlint.document.document import Document
from pmlint.document.frontmatter import find_front_matter, find_metadata, read_front_matter
from pmlint.source import decode


def _meta(text: str):
    front = find_front_matter(decode(text.encode(), "doc.md"))
    assert front is not None
    return read_front_matter(front)


def test_flat_yaml() -> None:
    meta = _meta(
        "---\ntitle: 'Outage: DNS'\nauthors:\n  - Dana\n  - Lee\ntags: [dns, edge]\n"
        "Incident_Date: 2024-05-02  # local\n---\n# Body\n"
    )
    assert meta.error is None
    assert meta.values == {
        "title": "Outage: DNS",
        "authors": "Dana, Lee",
        "tags": "dns, edge",
        "incident date": "2024-05-02",
    }
    assert meta.lines["incident date"] == 7


@pytest.mark.parametrize(
    ("body", "line", "what"),
    [
        ("owner:\n  name: Dana\n", 3, "nested keys"),
        ("summary: |\n  text\n", 2, "block scalars"),
        ("authors:\n  - name: Dana\n", 3, "a list of mappings"),
        ("tags: [[a, b]]\n", 2, "nested lists"),
    ],
)
def test_unsupported_yaml_is_reported(body: str, line: int, what: str) -> None:
    meta = _meta(f"---\n{body}---\n")
    assert meta.error is not None and what in meta.error
    assert meta.error_line == line
    assert "flat `key: value`" in meta.error


def test_toml_and_json() -> None:
    toml = _meta('+++\ndate = 2024-05-02\nauthors = ["Dana", "Lee"]\n+++\n')
    assert toml.values == {"date": "2024-05-02", "authors": "Dana, Lee"}
    assert toml.lines == {"date": 2, "authors": 3}
    data = _meta('{\n  "status": "final",\n  "severity": 2\n}\n')
    assert data.values == {"status": "final", "severity": "2"}
    assert data.lines["severity"] == 3
    nested = _meta('{\n  "owner": {"name": "Dana"}\n}\n')
    assert nested.error is not None and "'owner'" in nested.error


def test_invalid_toml_is_reported() -> None:
    meta = _meta("+++\ndate = \n+++\n")
    assert meta.error is not None and meta.error.startswith("the TOML front matter is invalid")


def test_metadata_from_header_lines_and_tables() -> None:
    text = (
        "# Outage\n\n**Severity:** SEV2\nAuthors: Dana Kim\n\n| Field | Value |\n|---|---|\n"
        "| Status | Final |\n\n## Timeline\n\n- Date: 2024-05-02 something happened\n"
    )
    metadata = find_metadata(Document(decode(text.encode(), "doc.md")))
    assert metadata.get("severity").value == "SEV2"
    assert metadata.get("AUTHORS").value == "Dana Kim"
    assert metadata.get("status").value == "Final"
    assert metadata.get("date") is None, "a timeline line is not document metadata"
