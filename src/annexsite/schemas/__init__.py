"""The published JSON Schemas, one per YAML kind (package data beside this file)."""

from __future__ import annotations

from importlib import resources

SCHEMAS = ("annex", "category", "glossary", "tree", "rules", "figures", "version")
# Every URL field of every schema has this pattern: https, a host, and no whitespace, quotes,
# angle brackets, backslashes or backticks (which could end a link or an attribute).
URL_PATTERN = '^https://[^/\\s"\'<>\\\\`]+[^\\s"\'<>\\\\`]*$'


def schema_text(kind: str) -> str:
    return resources.files(__name__).joinpath(f"{kind}.schema.json").read_text(encoding="utf-8")
