"""The pipeline, top to bottom: load -> validate -> model -> derive -> localize/render.

Writing files and running MkDocs are the callers' business (:mod:`annexsite.write`,
:mod:`annexsite.site`), so this module does no output I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from annexsite.derive import SiteModel, derive_site
from annexsite.diagnostics import ContentError
from annexsite.load import load_project
from annexsite.localize import Language
from annexsite.model import Project, build_project
from annexsite.render import Rendered, render_site
from annexsite.validate import validate_project


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
        return [self["annexes"], self["templates"], self["locales"]]


def check(paths: Paths) -> Project:
    """Load and validate every file; the model, or ContentError with every problem."""
    raw = load_project(paths.root, paths.annexes)
    problems = validate_project(raw)
    if problems:
        raise ContentError(problems)
    return build_project(raw)


@dataclass
class Generated:
    model: SiteModel
    rendered: Rendered


def generate(paths: Paths, languages: list[Language], site_url: str = "") -> Generated:
    project = check(paths)
    model = derive_site(project)
    rendered = render_site(model, paths["templates"], paths["locales"], languages, site_url)
    return Generated(model, rendered)
