"""Imports run one way, top to bottom: no cycle among the modules of src/annexsite, and no import
of an annexsite module inside a function or class (the usual way to hide a cycle).

The graph is read from the source with ``ast``, not by importing it. Importing ``a.b.c`` runs
``a/__init__.py`` and ``a/b/__init__.py`` first, so an import of a module is also an edge to each
package above it (except the importer's own packages, which are already being imported).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"

# Files whose function-level imports are tolerated for now, with why. Remove an entry once its
# file is fixed.
# A file that must import inside a function, with why. Empty: every import runs at module level.
ALLOWED_INNER: dict[str, str] = {}


def modules(src: Path, package: str) -> dict[str, Path]:
    """Dotted module name -> file, for every .py file under ``src/package``."""
    out = {}
    for path in sorted((src / package).rglob("*.py")):
        parts = path.relative_to(src).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _base(name: str, path: Path, node: ast.ImportFrom) -> str:
    """The absolute module a ``from ... import`` reads from (relative imports resolved)."""
    if not node.level:
        return node.module or ""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for _ in range(node.level - 1):
        package = package.rpartition(".")[0]
    return f"{package}.{node.module}" if node.module else package


def _targets(name: str, path: Path, node: ast.Import | ast.ImportFrom, known: dict[str, Path]) -> set[str]:
    """The project modules an import statement runs: each named module and the packages above it."""
    named = []
    if isinstance(node, ast.Import):
        named = [alias.name for alias in node.names]
    else:
        base = _base(name, path, node)
        for alias in node.names:
            sub = f"{base}.{alias.name}"
            named.append(sub if sub in known else base)
    own = {name.rsplit(".", i)[0] for i in range(name.count(".") + 1)}  # the importer and its packages
    out = set()
    for target in named:
        while target and target not in known:  # "annexsite.x.Name" imported as a module path
            target = target.rpartition(".")[0]
        while target:
            if target not in own:
                out.add(target)
            target = target.rpartition(".")[0]
    return out


class _Imports(ast.NodeVisitor):
    """Every import statement of a module, with whether it runs when the module is imported."""

    def __init__(self):
        self.found: list[tuple[ast.Import | ast.ImportFrom, bool]] = []
        self.depth = 0  # functions and classes around the statement

    def _nested(self, node):
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    visit_FunctionDef = visit_AsyncFunctionDef = visit_ClassDef = visit_Lambda = _nested

    def visit_Import(self, node):
        self.found.append((node, self.depth == 0))

    visit_ImportFrom = visit_Import


def import_graph(src: Path, package: str) -> tuple[dict[str, set[str]], list[tuple[str, int, str]]]:
    """(module -> the project modules it imports, [(file, line, module) of each function-level
    import of a project module])."""
    known = modules(src, package)
    edges: dict[str, set[str]] = {name: set() for name in known}
    inner = []
    for name, path in known.items():
        visitor = _Imports()
        visitor.visit(ast.parse(path.read_text(encoding="utf-8"), str(path)))
        for node, top in visitor.found:
            targets = _targets(name, path, node, known)
            if not targets:
                continue
            edges[name] |= targets
            if not top:
                inner.append((path.relative_to(src).as_posix(), node.lineno, ", ".join(sorted(targets))))
    return edges, inner


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """One cycle (a -> b -> ... -> a) for each group of modules that import one another."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.add(w)
                if w == v:
                    break
            if len(group) > 1 or v in edges.get(v, ()):
                groups.append(group)

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return [_cycle_in(group, edges) for group in groups]


def _cycle_in(group: set[str], edges: dict[str, set[str]]) -> list[str]:
    """The shortest cycle through the group's first module, found breadth first."""
    start = min(group)
    paths = {start: [start]}
    queue = [start]
    while queue:
        v = queue.pop(0)
        for w in sorted(edges[v] & group):
            if w == start:
                return paths[v] + [start]
            if w not in paths:
                paths[w] = paths[v] + [w]
                queue.append(w)
    return sorted(group)


# -- the project ------------------------------------------------------------------------------

def test_no_import_cycle_among_the_modules():
    edges, inner = import_graph(SRC, "annexsite")
    # an allowed function-level import still counts for cycles, except in the allowed files
    allowed_edges = {name: set(targets) for name, targets in edges.items()}
    for file, _line, _targets_ in inner:
        if file in ALLOWED_INNER:
            name = file.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
            allowed_edges[name] = _top_level_targets(name)
    found = cycles(allowed_edges)
    assert not found, "import cycles: " + "; ".join(" -> ".join(c) for c in found)


def _top_level_targets(name: str) -> set[str]:
    known = modules(SRC, "annexsite")
    path = known[name]
    visitor = _Imports()
    visitor.visit(ast.parse(path.read_text(encoding="utf-8")))
    out = set()
    for node, top in visitor.found:
        if top:
            out |= _targets(name, path, node, known)
    return out


def test_no_function_level_import_of_an_annexsite_module():
    _edges, inner = import_graph(SRC, "annexsite")
    found = [f"src/{file}:{line}: imports {targets} inside a function or class"
             for file, line, targets in inner if file not in ALLOWED_INNER]
    assert not found, "\n".join(found)


def test_the_allowed_files_still_need_it():
    """An entry of ALLOWED_INNER whose file has no function-level import any more is removed."""
    _edges, inner = import_graph(SRC, "annexsite")
    assert set(ALLOWED_INNER) <= {file for file, _line, _targets in inner}


# -- the checker, on small packages whose answer is known -------------------------------------

def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = tmp_path / "pkg" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for folder in [tmp_path / "pkg", *(p for p in (tmp_path / "pkg").rglob("*") if p.is_dir())]:
        (folder / "__init__.py").touch()
    return tmp_path


@pytest.mark.parametrize("files, expected", [
    # a -> b -> a at module level
    ({"a.py": "from pkg.b import x\n", "b.py": "import pkg.a\nx = 1\n"}, [["pkg.a", "pkg.b", "pkg.a"]]),
    # relative imports, and the cycle closed by an import inside a function
    ({"a.py": "from . import b\n", "b.py": "def f():\n    from .a import y\n"}, [["pkg.a", "pkg.b", "pkg.a"]]),
    # importing pkg.sub.c runs pkg/sub/__init__.py, which imports pkg.a
    ({"a.py": "from pkg.sub.c import z\n", "sub/__init__.py": "from pkg.a import w\n", "sub/c.py": "z = 1\n"},
     [["pkg.a", "pkg.sub", "pkg.a"]]),
    # one way only: no cycle; a package importing its own submodule is none either
    ({"a.py": "from pkg.b import x\n", "b.py": "x = 1\n", "__init__.py": "from pkg.a import x\n"}, []),
])
def test_cycles_are_found(tmp_path, files, expected):
    edges, _inner = import_graph(_package(tmp_path, files), "pkg")
    assert cycles(edges) == expected


def test_function_level_imports_are_found(tmp_path):
    src = _package(tmp_path, {
        "a.py": "import json\n\ndef f():\n    import json\n    from pkg import b\n\nclass C:\n    from .b import x\n",
        "b.py": "x = 1\nif x:\n    from pkg.c import y\ntry:\n    import pkg.c\nexcept ImportError:\n    pass\n",
        "c.py": "y = 2\n",
    })
    _edges, inner = import_graph(src, "pkg")
    assert inner == [("pkg/a.py", 5, "pkg.b"), ("pkg/a.py", 8, "pkg.b")]


# -- which stage may import which -------------------------------------------------------------

# (importer prefix, imported prefixes it must not reach, why). A prefix names a module and those
# under it.
FORBIDDEN = [
    ("annexsite.config", ["annexsite."], "the leaf every stage reads its folders and settings from"),
    ("annexsite.model", ["annexsite.validate", "annexsite.derive", "annexsite.localize", "annexsite.render",
                         "annexsite.i18n", "annexsite.pipeline", "annexsite.site"], "the model is below the stages"),
    ("annexsite.derive", ["annexsite.validate", "annexsite.render", "annexsite.i18n", "annexsite.pipeline",
                          "annexsite.site", "annexsite.cli"], "derive reads the model, not the validator"),
    ("annexsite.releases", ["annexsite.render", "annexsite.derive", "annexsite.pipeline"],
     "snapshots and diffs are data; render.diff writes them as text"),
    ("annexsite.render", ["annexsite.i18n", "annexsite.validate", "annexsite.pipeline", "annexsite.site"],
     "render reads coverage as model.coverage, not from the i18n library"),
    ("annexsite.i18n.extract", ["annexsite.pipeline", "annexsite.site", "annexsite.render"], "i18n library"),
    ("annexsite.i18n.status", ["annexsite.pipeline", "annexsite.site", "annexsite.render"], "i18n library"),
    ("annexsite.i18n.terms", ["annexsite.pipeline", "annexsite.site", "annexsite.render"], "i18n library"),
    ("annexsite.pipeline", ["annexsite.i18n.workflow", "annexsite.i18n.commands", "annexsite.site", "annexsite.cli"],
     "the pipeline is below the commands and the MkDocs plugin"),
]


def _under(name: str, prefix: str) -> bool:
    return name == prefix.rstrip(".") or name.startswith(prefix.rstrip(".") + ".")


def test_stages_import_only_what_is_below_them():
    edges, _inner = import_graph(SRC, "annexsite")
    found = []
    for importer, banned, why in FORBIDDEN:
        for name, targets in edges.items():
            if not _under(name, importer):
                continue
            for target in sorted(targets):
                if any(_under(target, b) and not _under(target, importer) for b in banned):
                    found.append(f"{name} imports {target} ({why})")
    assert not found, "\n".join(found)


# -- one source of truth ----------------------------------------------------------------------

def _source_texts():
    return {path.relative_to(SRC).as_posix(): path.read_text(encoding="utf-8")
            for path in sorted((SRC / "annexsite").rglob("*.py"))}


def test_writing_direction_is_read_from_babel_in_one_place():
    """Language.rtl, site/direction and the versions table all ask localize.language.direction."""
    readers = [name for name, text in _source_texts().items() if "character_order" in text]
    assert readers == ["annexsite/localize/language.py"]


def test_the_url_pattern_is_written_once_and_every_url_field_refers_to_it():
    schemas = sorted((SRC / "annexsite" / "schemas").glob("*.schema.json"))
    assert sum(p.read_text(encoding="utf-8").count('"^https://') for p in schemas) == 1

    def url_fields(node, path=()):
        if isinstance(node, dict):
            for key, sub in (node.get("properties") or {}).items():
                if key in ("url", "source_url"):
                    yield path + (key,), sub
            for key, sub in node.items():
                yield from url_fields(sub, path + (key,))
        elif isinstance(node, list):
            for i, sub in enumerate(node):
                yield from url_fields(sub, path + (i,))

    import json

    found = {(p.name, "/".join(map(str, where))): field.get("$ref")
             for p in schemas for where, field in url_fields(json.loads(p.read_text(encoding="utf-8")))}
    assert len(found) >= 4, found  # annex source_url, entry source url, rule url, figure source url
    wrong = {k: ref for k, ref in found.items()
             if ref not in ("#/$defs/url", "annex.schema.json#/$defs/url") or (ref == "#/$defs/url") != (k[0] == "annex.schema.json")}
    assert not wrong, wrong


# -- dead code and docstrings -----------------------------------------------------------------

def test_no_loop_over_a_single_item():
    found = []
    for name, text in _source_texts().items():
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.For, ast.comprehension)) and isinstance(node.iter, (ast.Tuple, ast.List)) \
                    and len(node.iter.elts) == 1 and not isinstance(node.iter.elts[0], ast.Starred):
                found.append(f"src/{name}:{getattr(node, 'lineno', node.iter.lineno)}")
    assert not found, "a loop over one item: " + ", ".join(found)


def test_no_local_variable_is_assigned_and_never_read():
    """A name bound in a function and read nowhere in it is dead (bind ``_`` or ``_name`` to
    discard a value on purpose)."""
    found = []
    for name, text in _source_texts().items():
        for fn in ast.walk(ast.parse(text)):
            if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            stored, read, declared = {}, set(), set()
            for node in ast.walk(fn):
                if isinstance(node, ast.Name):
                    if isinstance(node.ctx, ast.Store):
                        stored.setdefault(node.id, node.lineno)
                    else:
                        read.add(node.id)
                elif isinstance(node, (ast.Global, ast.Nonlocal)):
                    declared.update(node.names)
            found += [f"src/{name}:{line}: {var} in {fn.name}" for var, line in stored.items()
                      if var not in read and var not in declared and not var.startswith("_")]
    assert not found, "assigned and never read: " + ", ".join(found)


@pytest.mark.parametrize("package", ["derive", "i18n"])
def test_a_package_docstring_names_each_of_its_modules(package):
    import importlib

    doc = importlib.import_module(f"annexsite.{package}").__doc__ or ""
    missing = [p.stem for p in sorted((SRC / "annexsite" / package).glob("*.py"))
               if p.stem != "__init__" and f"annexsite.{package}.{p.stem}" not in doc]
    assert not missing, f"annexsite/{package}/__init__.py does not say what these are for: {missing}"


def test_the_write_docstring_names_each_public_function():
    import annexsite.write as write

    public = [n for n, v in vars(write).items() if not n.startswith("_") and getattr(v, "__module__", "") == write.__name__]
    assert public and not [n for n in public if n not in (write.__doc__ or "")]
