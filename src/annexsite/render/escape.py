"""Escaping for text from YAML placed into Markdown (and the HTML Markdown allows)."""

from __future__ import annotations

import html
import re

_INLINE = re.compile(r"([\\`*_\[\]{}<>|~])")
# Line breaks and runs of ordinary spaces fold into one space; no-break spaces (French
# typography, "1 100" kept together) are content and stay.
_SPACES = re.compile(r"[ \t\r\n\f\v]+")
_LINE_START = re.compile(r"^(\s*)([#+\-=>]|\d+[.)])", re.M)


def md_inline(text: str) -> str:
    """Text that Markdown shows literally: no emphasis, links, HTML or entities."""
    text = str(text).replace("&", "&amp;")
    text = _INLINE.sub(lambda m: {"<": "&lt;", ">": "&gt;"}.get(m.group(1), "\\" + m.group(1)), text)
    text = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2) if not m.group(2)[0].isdigit() else m.group(1) + m.group(2).replace(".", "\\.").replace(")", "\\)"), text)
    return _SPACES.sub(" ", text)


def html_text(text: str) -> str:
    """Text for places MkDocs and Material print without escaping (page titles, nav)."""
    return html.escape(_SPACES.sub(" ", str(text)).strip(" "), quote=True)


def yaml_str(text: str) -> str:
    """A double-quoted YAML scalar for front matter; HTML-escaped, as themes print titles raw."""
    escaped = html_text(text).replace("\\", "\\\\")
    return f'"{escaped}"'
