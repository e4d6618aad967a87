"""The project's folders and settings that every stage may need: a leaf module (it imports no
other part of annexsite), so the library, the commands and the MkDocs plugin all read them from
here without importing one another."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# The share of its texts a language (or an annex in a language) needs to be published translated;
# the ``min_coverage`` option of the ``annexsite`` plugin in mkdocs.yml overrides it.
DEFAULT_MIN_COVERAGE = 0.9


@dataclass(frozen=True)
class Paths:
    root: Path
    annexes: str = "annexes"
    templates: str = "templates"
    locales: str = "locales"

    def __getitem__(self, name: str) -> Path:
        return self.root / getattr(self, name)

    def sources(self) -> list[Path]:
        """Folders an output must never overwrite: the sources (the project root holds them all)."""
        named = [self.root / name for name in ("annexes", "templates", "locales", "releases", "site_overrides", "src")]
        return [self["annexes"], self["templates"], self["locales"], *named]
