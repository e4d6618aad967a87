"""Filling and reading PO files in tests, with Babel (as a translator's tool would)."""

from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po, write_po


def read(path: Path, locale: str | None = None):
    with Path(path).open("rb") as fh:
        return read_po(fh, locale=locale)


def fill(path: Path, locale: str, translate=lambda text: f"«{text}»", only=None) -> int:
    """Translate every message of a PO file (or those whose context ``only`` accepts)."""
    catalog = read(path, locale)
    n = 0
    for m in catalog:
        if not m.id or (only and not only(m.context or "")):
            continue
        if isinstance(m.id, tuple):
            m.string = tuple(translate(m.id[min(i, 1)]) for i in range(catalog.num_plurals))
        else:
            m.string = translate(m.id)
        m.flags.discard("fuzzy")
        n += 1
    with Path(path).open("wb") as fh:
        write_po(fh, catalog, width=100, sort_output=False, include_previous=True)
    return n
