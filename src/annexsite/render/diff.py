"""A diff between two releases (:func:`annexsite.releases.diff`) as text for the terminal or
as Markdown: ``annexsite diff``."""

from __future__ import annotations

import json

from annexsite.model.objects import CHANGE_KINDS
from annexsite.render.escape import md_inline


def _condition(c: dict) -> str:
    return f"{c['parameter']} {c['op']} {c['value']:g}" if isinstance(c["value"], (int, float)) else f"{c['parameter']} {c['op']} {c['value']}"


def _change_label(c: dict) -> str:
    if c["field"] == "note":
        return c["key"]  # note.1, paragraph.a.note.1: the key says what it is
    return f"{c['field']} {c['key']}" if "key" in c else c["field"]


def _runs_text(runs, markdown: bool) -> str:
    if markdown:
        tags = {"=": "{}", "-": "<del>{}</del>", "+": "<ins>{}</ins>"}
        return "".join(tags[op].format(md_inline(text)) for op, text in runs)
    return "".join(text if op == "=" else f"[{op}{text}{op}]" for op, text in runs)


def _value_text(value) -> str:
    if isinstance(value, list) and value and all(isinstance(v, dict) and "op" in v for v in value):
        return ", ".join(_condition(v) for v in value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True) if not isinstance(value, str) else value


def change_lines(c: dict, markdown: bool = False) -> str:
    """One change to one entry, as a line of text (``[-old-][+new+]``) or Markdown (<del>/<ins>)."""
    what = _change_label(c)
    if "redline" in c:
        return f"{what}: {_runs_text(c['redline'], markdown)}"
    value = (lambda v: md_inline(_value_text(v))) if markdown else _value_text
    if c["change"] == "added":
        return f"{what} added: {value(c['new'])}"
    if c["change"] == "removed":
        return f"{what} removed: {value(c['old'])}"
    return f"{what}: {value(c['old'])} -> {value(c['new'])}"


def format_diff(changes: dict, old: str, new: str, markdown: bool = False) -> str:
    """The diff as plain text (the default) or Markdown."""
    counts = ", ".join(f"{len(changes[k])} {k}" for k in CHANGE_KINDS)
    out = [f"# Changes from {old} to {new}", "", counts, ""] if markdown else [f"{old} -> {new}: {counts}"]
    for key, sign, heading in (("added", "+", "Added"), ("removed", "-", "Removed"),
                               ("renumbered", ">", "Renumbered"), ("amended", "~", "Amended")):
        if markdown and changes[key]:
            out += [f"## {heading}", ""]
        for c in changes[key]:
            code = f"{c['old_code']} -> {c['code']}" if "old_code" in c else c["code"]
            out.append(f"- {c['annex']} {code}: {md_inline(c['title'])}" if markdown else f"{sign} {c['annex']} {code}: {c['title']}")
            for change in c.get("changes", ()):
                out.append(("    - " if markdown else "    ") + change_lines(change, markdown))
        if markdown and changes[key]:
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
