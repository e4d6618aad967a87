"""Stage 7, write: put rendered files on disk without ever leaving a half-written tree.

Everything is rendered in memory first; only then is the docs tree touched.  Files are
replaced one by one with an atomic rename and only when their bytes change, so an
unchanged page keeps its timestamp (``mkdocs serve`` does not rebuild in a loop) and a
failure while rendering leaves the previous tree exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def sync_tree(target: Path, files: dict[str, bytes | str]) -> dict[str, int]:
    """Make ``target`` hold exactly ``files``. Returns counts of written/removed/kept files."""
    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    written = kept = removed = 0
    wanted = set()
    for rel, content in sorted(files.items()):
        data = content.encode("utf-8") if isinstance(content, str) else content
        path = target / rel
        wanted.add(path.resolve())
        if path.is_file() and path.read_bytes() == data:
            kept += 1
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
        written += 1
    for path in sorted(target.rglob("*"), reverse=True):
        if any(part.startswith(".") for part in path.relative_to(target).parts):  # .gitkeep, .cache/: not ours
            continue
        if path.is_file() and path.resolve() not in wanted:
            path.unlink()
            removed += 1
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return {"written": written, "kept": kept, "removed": removed}


class UnsafeTarget(ValueError):
    """An output folder that would overwrite or delete the project's own sources."""


def check_target(target: Path, root: Path, protected: list[Path], what: str) -> None:
    """Refuse an output folder that is or contains the project root, or overlaps a source folder."""
    target, root = Path(target).resolve(), Path(root).resolve()
    if target == root or target in root.parents:
        raise UnsafeTarget(f"{what} {target} would replace the project folder {root}")
    for folder in protected:
        folder = Path(folder).resolve()
        if target == folder or folder in target.parents or target in folder.parents:
            raise UnsafeTarget(f"{what} {target} overlaps {folder}; it would overwrite the project's sources")


def swap_dir(new: Path, target: Path) -> None:
    """Replace ``target`` by the finished ``new`` directory (same file system)."""
    new, target = Path(new), Path(target)
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.replace(target, old)
    os.replace(new, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
