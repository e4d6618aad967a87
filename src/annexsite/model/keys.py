"""The stable keys of legal texts: where a text sits in its entry, as model.build writes them.

``heading``; ``paragraph.a.1``; ``note.2`` (the second entry-level note); and inside any of these
``.note.N`` (a note the law puts there) and ``.item.L`` (an item of a note's list), to any depth:
``paragraph.a.note.1.item.b``. Paragraph and item labels are dotted (``a.1.b``) but never contain
the words ``note`` or ``item``, so a key splits unambiguously.
"""

from __future__ import annotations

import re

_PART = re.compile(r"\.(?=(?:note|item)\.)")


def key_parts(key: str) -> tuple[tuple[str, str], ...]:
    """``paragraph.a.note.1.item.b`` -> (("paragraph", "a"), ("note", "1"), ("item", "b"));
    ``heading`` -> (("heading", ""),). A governing note's key starts with its id: ("note", id)."""
    head, *rest = _PART.split(key)
    kind, _, label = head.partition(".")
    first = (kind, label) if kind in ("heading", "paragraph", "note") else ("note", head)
    return (first, *(tuple(part.split(".", 1)) for part in rest))
