"""Diagnostics shared by every stage: an error names its file, line and column.

Stages collect :class:`Diagnostic` objects instead of raising on the first problem, so a
regulator sees every error of a run at once.  :class:`ContentError` carries a batch of
them out of the pipeline to the command line, which prints them and exits 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Location:
    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.col or 1}"
        return self.path


@dataclass(frozen=True, order=True)
class Diagnostic:
    location: Location
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}"
        if self.hint:
            text += f" (hint: {self.hint})"
        return text


class ContentError(Exception):
    """Bad content: one or more diagnostics, printed as ``path:line:col: message``."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = sorted(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))


def relpath(path: Path, root: Path) -> str:
    """The path as a user typed it: relative to the project root when possible."""
    try:
        return path.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()
