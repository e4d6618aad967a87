"""Find the YAML files of a project and load each with the kind it declares by its place.

Layout::

    annexes/glossary.yaml              glossary
    annexes/<annex-id>/annex.yaml      annex
    annexes/<annex-id>/category-N.yaml category (the entries of category N)
    annexes/<annex-id>/<lang>/category-N.yaml
                                       version  (the legal text of category N in another
                                                authentic language: code, heading, paragraphs, notes)
    annexes/trees/<tree-id>.yaml       tree     (a decision tree; "trees" is not an annex id)
    annexes/trees/rules.yaml           rules    (provisions the trees cite)
    annexes/figures.yaml               figures  (optional: a regulator's yearly figures)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from annexsite.diagnostics import Diagnostic, Location, relpath
from annexsite.load.yamlfile import RawDocument, load_yaml

ANNEX_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
CATEGORY_FILE = re.compile(r"^category-([0-9])\.yaml$")
VERSION_FOLDER = re.compile(r"^[a-z]{2,3}$")  # a language code: fr, de, ga
TREE_FILE = re.compile(r"^([a-z0-9]+(?:-[a-z0-9]+)*)\.yaml$")
TREES = "trees"


@dataclass
class RawAnnex:
    folder: str
    annex: RawDocument | None
    categories: list[RawDocument] = field(default_factory=list)
    unreadable: bool = False  # a file of this annex could not be loaded
    # another authentic language version of the legal text: language -> its category files
    versions: dict[str, list[RawDocument]] = field(default_factory=dict)


@dataclass
class RawProject:
    root: Path
    glossary: RawDocument | None
    annexes: list[RawAnnex]
    diagnostics: list[Diagnostic]
    trees: list[RawDocument] = field(default_factory=list)
    rules: RawDocument | None = None
    figures: RawDocument | None = None

    def documents(self) -> list[tuple[str, RawDocument]]:
        """Every loaded document with its kind, in a stable order."""
        docs: list[tuple[str, RawDocument]] = []
        if self.glossary:
            docs.append(("glossary", self.glossary))
        for annex in self.annexes:
            if annex.annex:
                docs.append(("annex", annex.annex))
            docs.extend(("category", c) for c in annex.categories)
            docs.extend(("version", v) for lang in sorted(annex.versions) for v in annex.versions[lang])
        if self.rules:
            docs.append(("rules", self.rules))
        if self.figures:
            docs.append(("figures", self.figures))
        docs.extend(("tree", t) for t in self.trees)
        return docs


def _unexpected(path: Path, root: Path) -> Diagnostic:
    """A file in an annex folder that is not annex.yaml or category-N.yaml: located at its first
    line, or at its ``category:`` when it names a category that is not one digit (category-12.yaml)."""
    shown, hint = relpath(path, root), "entries live in category-N.yaml (N = 0-9)"
    if not path.is_file() or path.is_symlink():
        return Diagnostic(Location(shown), "unexpected file", hint)
    if re.fullmatch(r"category-[0-9]+\.ya?ml", path.name):
        doc, errors = load_yaml(path, shown)
        if doc is not None and not errors and isinstance(doc.data, dict) and "category" in doc.data:
            return Diagnostic(doc.location(("category",)), f"category {doc.data['category']!r} is not one digit: "
                              f"categories are 0 to 9, each in its own category-N.yaml", hint)
    return Diagnostic(Location(shown, 1, 1), "unexpected file", hint)


def load_project(root: Path, annexes_dir: str = "annexes") -> RawProject:
    root = Path(root)
    base = root / annexes_dir
    problems: list[Diagnostic] = []

    def load(path: Path) -> RawDocument | None:
        if path.is_symlink():  # like a linked folder: a link could read any file on the machine
            problems.append(Diagnostic(Location(relpath(path, root)), "annex files must be real files, not links"))
            return None
        doc, errs = load_yaml(path, relpath(path, root))
        problems.extend(errs)
        return doc

    if not base.is_dir():
        problems.append(
            Diagnostic(Location(relpath(base, root)), "no annexes folder", "run annexsite in the project folder")
        )
        return RawProject(root, None, [], problems)

    glossary = None
    annexes: list[RawAnnex] = []
    trees: list[RawDocument] = []
    rules = figures = None
    for path in sorted(base.iterdir()):
        shown = relpath(path, root)
        if path.name.startswith("."):
            continue
        if path.is_file():
            if path.name == "glossary.yaml":
                glossary = load(path)
            elif path.name == "figures.yaml":
                figures = load(path)
            elif path.suffix in (".yaml", ".yml"):
                problems.append(
                    Diagnostic(Location(shown), "unexpected file", "annex files live in annexes/<annex-id>/; the glossary is annexes/glossary.yaml; yearly figures are annexes/figures.yaml")
                )
            continue
        if path.is_symlink() or not path.is_dir():
            problems.append(Diagnostic(Location(shown), "annex folders must be real folders, not links"))
            continue
        if path.name == TREES:
            for child in sorted(path.iterdir()):
                if child.name.startswith("."):
                    continue
                if child.is_file() and child.name == "rules.yaml":
                    rules = load(child)
                elif child.is_file() and TREE_FILE.match(child.name):
                    doc = load(child)
                    if doc:
                        trees.append(doc)
                else:
                    problems.append(Diagnostic(Location(relpath(child, root)), "unexpected file",
                                               "a tree is annexes/trees/<tree-id>.yaml, lowercase letters, digits and hyphens"))
            continue
        if not ANNEX_ID.match(path.name):
            problems.append(
                Diagnostic(Location(shown), f"annex folder name {path.name!r} is not a lowercase slug", "use letters, digits and hyphens: us-ear-quantum")
            )
            continue
        annex_file = path / "annex.yaml"
        raw = RawAnnex(folder=path.name, annex=None)
        if annex_file.is_file():
            raw.annex = load(annex_file)
            raw.unreadable |= raw.annex is None
        else:
            problems.append(Diagnostic(Location(relpath(annex_file, root)), "annex folder has no annex.yaml"))
        for child in sorted(path.iterdir()):
            if child.name == "annex.yaml" or child.name.startswith("."):
                continue
            if child.is_file() and CATEGORY_FILE.match(child.name):
                doc = load(child)
                if doc:
                    raw.categories.append(doc)
                else:
                    raw.unreadable = True
            elif child.is_dir() and not child.is_symlink() and VERSION_FOLDER.match(child.name):
                raw.versions[child.name] = _version_files(child, root, load, problems)
            elif child.suffix in (".yaml", ".yml") or child.is_dir():
                problems.append(_unexpected(child, root))
        annexes.append(raw)
    return RawProject(root, glossary, annexes, problems, trees, rules, figures)


def _version_files(folder: Path, root: Path, load, problems: list[Diagnostic]) -> list[RawDocument]:
    """The category files of one authentic language version (annexes/<annex-id>/<lang>/)."""
    docs = []
    for child in sorted(folder.iterdir()):
        if child.name.startswith("."):
            continue
        if child.is_file() and CATEGORY_FILE.match(child.name):
            doc = load(child)
            if doc:
                docs.append(doc)
        else:
            problems.append(Diagnostic(Location(relpath(child, root)), "unexpected file",
                                       "a language version holds category-N.yaml files only"))
    return docs
