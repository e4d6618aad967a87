"""Escaping for text from YAML placed into Markdown (and the HTML Markdown allows)."""

from __future__ import annotations

import re

_INLINE = re.compile(r"([\\`*_\[\]{}<>|~])")
_LINE_START = re.compile(r"^(\s*)([#+\-=>]|\d+[.)])", re.M)


def md_inline(text: str) -> str:
    """Text that Markdown shows literally: no emphasis, links, HTML or entities."""
    text = str(text).replace("&", "&amp;")
    text = _INLINE.sub(lambda m: {"<": "&lt;", ">": "&gt;"}.get(m.group(1), "\\" + m.group(1)), text)
    text = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2) if not m.group(2)[0].isdigit() else m.group(1) + m.group(2).replace(".", "\\.").replace(")", "\\)"), text)
    return re.sub(r"\s+", " ", text)


def yaml_str(text: str) -> str:
    """A double-quoted YAML scalar for front matter."""
    escaped = str(text).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{" ".join(escaped.split())}"'
