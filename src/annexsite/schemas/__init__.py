"""The published JSON Schemas, one per YAML kind (package data beside this file)."""

from __future__ import annotations

import json
from importlib import resources

SCHEMAS = ("annex", "category", "glossary", "tree", "rules", "figures", "version")


def schema_text(kind: str) -> str:
    return resources.files(__name__).joinpath(f"{kind}.schema.json").read_text(encoding="utf-8")


# Every URL field of every schema refers to annex.schema.json#/$defs/url: https, a host, and no
# whitespace, quotes, angle brackets, backslashes or backticks (which could end a link or an attribute).
URL_PATTERN = json.loads(schema_text("annex"))["$defs"]["url"]["pattern"]
