"""The one escaping policy: a function per output context, applied at render time.

Every text from the annexes or a translation is untrusted (translators included) and is escaped
exactly once, for the context it is written into:

- ``md_inline``: Markdown text (and the inline HTML Markdown allows). Characters Python-Markdown
  can backslash-escape get a backslash (Markdown removes it); the others that could start markup
  (``&``, ``<``, ``>``, ``"``, a leading ``=``) become character references, which a browser and
  the search index read back as the character. Nothing is left visible to a reader.
- ``html_attr`` / ``html_text``: an HTML attribute value or element text.
- ``url``: a link target, percent-encoded so that it can neither leave a Markdown link, an
  autolink nor an attribute value.
- ``svg_text`` and ``xml_text``: SVG and Atom text (XML character data and attributes).
- ``json_text``: a JSON string.
- ``yaml_str``: a double-quoted front-matter scalar (page titles, which the theme prints raw).

A value escaped for Markdown is an ``MdText``; escaping it again returns it unchanged, and a
translated interface text (``UiText``) carries its raw text, so the same translation can go into
an attribute (``|e``) without being escaped twice.
"""

from __future__ import annotations

import html
import json
import re
from xml.sax.saxutils import escape as _xml_escape

# Python-Markdown's ESCAPED_CHARS, plus "|" which the tables extension adds: a backslash before
# one of these is removed by Markdown. Every other character that could start markup is written
# as a character reference instead, so no backslash ever shows.
_INLINE = re.compile(r"([\\`*_\[\]{}|#])")  # "#": a heading's closing hashes are dropped
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
_ENTITY_CHARS = re.compile(r'[&<>"]')
# Line breaks and runs of ordinary spaces fold into one space; no-break spaces (French
# typography, "1 100" kept together) are content and stay.
_SPACES = re.compile(r"[ \t\r\n\f\v]+")
_LINE_START = re.compile(r"^(\s*)(?:([#+\-!])|(=)|(\d+)([.)]))")


class MdText(str):
    """Text already escaped for Markdown: never escaped again."""

    raw: str = ""

    def __html__(self) -> str:  # jinja's |e on an escaped text: escape the text, not the escapes
        return html.escape(self.raw, quote=True)


class UiText(MdText):
    """A translated interface text: the Markdown form is the string, ``raw`` the text as read."""

    def __new__(cls, raw: str, markdown: str):
        self = super().__new__(cls, markdown)
        self.raw = raw
        return self


def as_markdown(value) -> MdText:
    """Markdown a template built from parts each escaped already (a link, bold label): kept as is."""
    if isinstance(value, MdText):
        return value
    result = MdText(str(value))
    result.raw = str(value)
    return result


def raw_of(value) -> str:
    """The text a value stands for, before any escaping."""
    return value.raw if isinstance(value, MdText) else str(value)


def _line_start(m: re.Match) -> str:
    space, mark, equals, digits, dot = m.groups()
    if mark:
        return space + "\\" + mark
    if equals:
        return space + "&#61;"  # "=" cannot be backslash-escaped; "===" under a line is a heading
    return space + digits + "\\" + dot


def md_inline(text, at_start: bool = True) -> MdText:
    """Text that Markdown shows literally: no emphasis, links, HTML, entities or attributes.
    ``at_start=False`` for text that follows other text on its line (no block can start there)."""
    if isinstance(text, MdText):
        return text
    raw = str(text)
    out = _ENTITY_CHARS.sub(lambda m: _ENTITIES[m.group(0)], raw)
    out = _INLINE.sub(r"\\\1", out)
    out = _SPACES.sub(" ", _LINE_START.sub(_line_start, out) if at_start else out)
    result = MdText(out)
    result.raw = raw
    return result


def html_attr(text) -> str:
    """An HTML attribute value (quoted with double quotes) or element text."""
    return html.escape(raw_of(text), quote=True)


def html_text(text) -> str:
    """Text for places MkDocs and Material print without escaping (page titles, nav)."""
    return html.escape(_SPACES.sub(" ", raw_of(text)).strip(" "), quote=True)


def yaml_str(text) -> str:
    """A double-quoted YAML scalar for front matter; HTML-escaped, as themes print titles raw."""
    escaped = html_text(text).replace("\\", "\\\\")
    return f'"{escaped}"'


# RFC 3986 unreserved and reserved characters a link keeps as they are; parentheses, quotes,
# angle brackets, backslashes, spaces, other ASCII and every non-ASCII character are encoded.
_URL_KEEP = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#@!$&+,;=")
_PERCENT = re.compile(r"%[0-9A-Fa-f]{2}")


def url(value) -> str:
    """A URL for a Markdown link, an autolink or an attribute: percent-encoded so that nothing in
    it can end the link, open a tag or start an attribute; "&" written as "&amp;", which Markdown
    and HTML read back as "&". Existing %XX escapes are kept."""
    text = raw_of(value)
    out, i = [], 0
    while i < len(text):
        if _PERCENT.match(text, i):
            out.append(text[i:i + 3])
            i += 3
            continue
        ch = text[i]
        if ch == "&":  # a query separator stays, as a reference: "&lt;" in a URL is not "<"
            out.append("&amp;")
        else:
            out.append(ch if ch in _URL_KEEP else "".join(f"%{b:02X}" for b in ch.encode("utf-8")))
        i += 1
    return "".join(out)


def svg_text(text) -> str:
    """SVG (XML) character data or a double-quoted attribute value."""
    return _xml_escape(raw_of(text), {'"': "&quot;"})


xml_text = svg_text  # Atom feeds are XML too (ElementTree escapes for itself; this is for strings)


def json_text(text) -> str:
    """A JSON string literal."""
    return json.dumps(raw_of(text), ensure_ascii=False)
