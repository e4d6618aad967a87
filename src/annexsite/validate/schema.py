"""JSON Schema validation of raw documents, with errors mapped back to YAML lines."""

from __future__ import annotations

import json
import re
from functools import lru_cache

from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource

from annexsite.diagnostics import Diagnostic
from annexsite.load.yamlfile import RawDocument
from annexsite.schemas import SCHEMAS, URL_PATTERN, schema_text


def _pattern(validator, pattern, instance, schema):
    """``pattern`` as JSON Schema (ECMA-262) means it: ``$`` is the end of the text, where
    Python's ``re`` also lets it match before a final line break (a code written "4A906\\n")."""
    if not validator.is_type(instance, "string"):
        return
    if not re.search(pattern, instance) or (pattern.endswith("$") and instance.endswith("\n")):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


_Validator = validators.extend(Draft202012Validator, {"pattern": _pattern})


@lru_cache(maxsize=None)
def _validators() -> dict[str, Draft202012Validator]:
    schemas = {kind: json.loads(schema_text(kind)) for kind in SCHEMAS}
    registry = Registry().with_resources(
        [(s["$id"], Resource.from_contents(s)) for s in schemas.values()]
    )
    return {kind: _Validator(s, registry=registry) for kind, s in schemas.items()}


_TYPE_NAMES = {
    "object": "a mapping", "array": "a list", "string": "text", "integer": "a whole number",
    "number": "a number", "boolean": "true or false", "null": "nothing",
}


def _type_of(value) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if value is None:
        return "nothing"
    return "text"


def _field(path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "document"


def _describe(error: ValidationError, doc: RawDocument) -> list[Diagnostic]:
    path = tuple(error.absolute_path)
    where = _field(path)
    v = error.validator
    if v == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extras = [k for k in error.instance if k not in allowed]
        return [
            Diagnostic(doc.location(path + (k,), key=True), f"{where}: unknown key {k!r}", "allowed keys: " + ", ".join(a for a in allowed if a != "$schema"))
            for k in extras
        ]
    if v == "required":
        missing = error.message.split("'")[1]
        return [Diagnostic(doc.location(path), f"{where}: missing required key {missing!r}")]
    if v == "type":
        expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        names = " or ".join(_TYPE_NAMES.get(t, t) for t in expected)
        hint = ""
        if "number" in expected and isinstance(error.instance, str) and re.fullmatch(r"[-+]?[0-9.]+[eE][0-9]+", error.instance):
            hint = "write the exponent with a sign or a dot: 1.0e4 or 1e+4"
        elif "string" in expected and isinstance(error.instance, (int, float)) and not isinstance(error.instance, bool):
            hint = "put it in quotes"
        return [Diagnostic(doc.location(path), f"{where}: expected {names}, got {_type_of(error.instance)}", hint)]
    if v == "enum":
        options = ", ".join(str(o) for o in error.validator_value)
        return [Diagnostic(doc.location(path), f"{where}: {error.instance!r} is not allowed", f"use one of: {options}")]
    if v == "pattern":
        hint = error.schema.get("description", "")
        if error.validator_value == URL_PATTERN:
            hint = "write an https:// address with no spaces, quotes, angle brackets or backslashes"
        return [Diagnostic(doc.location(path), f"{where}: {error.instance!r} has the wrong format", hint)]
    if v in ("minItems", "minLength"):
        return [Diagnostic(doc.location(path), f"{where}: must not be empty")]
    if v == "uniqueItems":
        return [Diagnostic(doc.location(path), f"{where}: list has repeated items")]
    return [Diagnostic(doc.location(path), f"{where}: {error.message}")]


def check_schema(kind: str, doc: RawDocument) -> list[Diagnostic]:
    validator = _validators()[kind]
    problems: list[Diagnostic] = []
    for error in sorted(validator.iter_errors(doc.data), key=lambda e: list(map(str, e.absolute_path))):
        problems.extend(_describe(error, doc))
    return problems
