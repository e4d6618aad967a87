"""The published JSON Schemas, one per YAML kind (package data beside this file)."""

from __future__ import annotations

from importlib import resources

KINDS = ("annex", "category", "glossary", "tree", "rules", "figures", "version")


def schema_text(kind: str) -> str:
    return resources.files(__name__).joinpath(f"{kind}.schema.json").read_text(encoding="utf-8")
