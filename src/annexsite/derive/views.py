"""What every page is: a path, a title and the typed data its template receives; and the
navigation. The data of each kind of page is a frozen dataclass (derive/pages.py,
derive/changes.py) whose fields are the template's variables."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import Any, ClassVar

from annexsite.derive.text import Segment
from annexsite.derive.urls import page_url, root_of


@dataclass(frozen=True)
class NavItem:
    """A navigation node: a page (``path``) and/or a section with children."""

    title: str  # Ui (interface), Msg (content) or plain text; translated when rendered
    path: str = ""
    children: tuple["NavItem", ...] = ()
    prefix: str = ""  # shown before the title untranslated: a control code, "4A"


@dataclass(frozen=True)
class AsOf:
    """What the content is current as of. Until releases exist, the latest date in the data."""

    release: str
    date: date
    upcoming: tuple[str, date] | None = None  # the next release, dated after the build: not yet in force


@dataclass(frozen=True)
class PageData:
    """The data of one kind of page; ``TEMPLATE`` renders it, its fields are the template's variables."""

    TEMPLATE: ClassVar[str] = ""

    def context(self) -> dict[str, Any]:
        """The template's variables (one level: the values stay the objects they are)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class Page:
    path: str  # relative to the language folder, e.g. "us-ear-quantum/4a906.md"
    title: str
    data: PageData
    prefix: str = ""  # shown before the (translated) title: a control code

    @property
    def template(self) -> str:
        return self.data.TEMPLATE

    @property
    def root(self) -> str:
        """Relative prefix from this page's folder to the docs root ("", "../", ...)."""
        return root_of(self.path)

    @property
    def url(self) -> str:
        """Site-relative URL with directory URLs, e.g. "us-ear-quantum/4a906/"."""
        return page_url(self.path)


@dataclass(frozen=True)
class ParagraphView:
    label: str
    depth: int
    segments: tuple[Segment, ...]
    source: str = ""  # the legal text itself (a Msg), for its informative translations
    anchor: str = ""  # the HTML id: the label for an entry's paragraph, note-1-b for a note's item
    notes: tuple["NoteView", ...] = ()  # notes that close this row: those of the paragraph ending here


@dataclass(frozen=True)
class NoteView:
    kind: str
    label: str
    applies_to: str
    segments: tuple[Segment, ...]  # empty for a note that is only a list
    items: tuple[ParagraphView, ...]
    source: str = ""
    anchor: str = ""
    notes: tuple["NoteView", ...] = ()  # notes nested in this one
    depth: int = 0  # the depth of the paragraph the note sits in (0: entry or category level)
    governs: tuple[str, ...] = ()  # governing notes: the codes named, when not all in scope
    governs_links: tuple["LinkView", ...] = ()

    def legal_texts(self):
        """The note's own text, its items' and its nested notes' (Msgs), for informative translations."""
        if self.source:
            yield self.source
        for p in self.items:
            yield p.source
            for n in p.notes:
                yield from n.legal_texts()
        for n in self.notes:
            yield from n.legal_texts()


@dataclass(frozen=True)
class GoverningLink:
    """A category, group or annex note linked from an entry it governs."""

    label: str  # as printed ("Cryptography Note"), or "" for the kind's interface label
    kind: str
    path: str  # docs-relative page the note is on
    anchor: str
    scope: str  # annex | category | group
    scope_code: str = ""  # "5", "5A"
    scope_title: str = ""  # the annex's short title, the category's or the group's name
    # how the scope is named: an interface label formatted with code, num and title ("Category
    # %(num)d"), or "" to print scope_title alone
    scope_label: str = ""
    scope_number: int = 0


@dataclass(frozen=True)
class LinkView:
    code: str
    title: str
    path: str  # docs-relative .md path of the target
    annex_title: str = ""
    scope: str = ""
    note: str = ""
