"""Stage 7, write: sync a docs tree file by file; swap a finished folder in."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from annexsite.write import swap_dir, sync_tree


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def age(path: Path) -> None:
    """Set a file's times far in the past, so that any rewrite shows in st_mtime_ns."""
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))


def test_sync_tree_writes_new_files_and_folders(tmp_path):
    target = tmp_path / "docs"
    counts = sync_tree(target, {"index.md": "# Home\n", "en/alpha/4a906.md": "é\n", "data/x.bin": b"\x00\xff"})
    assert counts == {"written": 3, "kept": 0, "removed": 0}
    assert tree(target) == {"data/x.bin": b"\x00\xff", "en/alpha/4a906.md": "é\n".encode("utf-8"), "index.md": b"# Home\n"}


def test_sync_tree_keeps_unchanged_files_untouched(tmp_path):
    target = tmp_path / "docs"
    files = {"index.md": "# Home\n", "en/a.md": "A\n", "en/b.md": "B\n"}
    sync_tree(target, files)
    for rel in files:
        age(target / rel)
    inode = (target / "en" / "a.md").stat().st_ino

    counts = sync_tree(target, {**files, "en/b.md": "B, changed\n"})

    assert counts == {"written": 1, "kept": 2, "removed": 0}
    assert (target / "index.md").stat().st_mtime_ns == 1_000_000_000
    assert (target / "en" / "a.md").stat().st_mtime_ns == 1_000_000_000
    assert (target / "en" / "a.md").stat().st_ino == inode
    assert (target / "en" / "b.md").stat().st_mtime_ns != 1_000_000_000
    assert (target / "en" / "b.md").read_text(encoding="utf-8") == "B, changed\n"


def test_sync_tree_removes_stale_files_and_empty_folders(tmp_path):
    target = tmp_path / "docs"
    sync_tree(target, {"index.md": "x", "en/old/deep/gone.md": "x", "en/old/also.md": "x", "en/keep/k.md": "x"})

    counts = sync_tree(target, {"index.md": "x", "en/keep/k.md": "x"})

    assert counts == {"written": 0, "kept": 2, "removed": 2}
    assert tree(target) == {"en/keep/k.md": b"x", "index.md": b"x"}
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_dir()) == ["en", "en/keep"]


def test_sync_tree_leaves_dotfiles_alone(tmp_path):
    target = tmp_path / "docs"
    target.mkdir()
    (target / ".gitkeep").write_bytes(b"")
    (target / "en").mkdir()
    (target / "en" / ".notes").write_text("mine")
    (target / "stale.md").write_text("old")

    sync_tree(target, {"index.md": "x"})

    assert tree(target) == {".gitkeep": b"", "en/.notes": b"mine", "index.md": b"x"}


def test_sync_tree_leaves_dot_folders_alone(tmp_path):
    target = tmp_path / "docs"
    (target / ".cache").mkdir(parents=True)
    (target / ".cache" / "state.json").write_text("{}")

    sync_tree(target, {"index.md": "x"})

    assert (target / ".cache" / "state.json").read_text() == "{}"


def test_sync_tree_leaves_no_temporary_files(tmp_path):
    target = tmp_path / "docs"
    sync_tree(target, {"a.md": "1", "b/c.md": "2"})
    sync_tree(target, {"a.md": "changed", "b/c.md": "changed"})
    assert sorted(tree(target)) == ["a.md", "b/c.md"]


def test_sync_tree_with_nothing_empties_the_tree(tmp_path):
    target = tmp_path / "docs"
    sync_tree(target, {"en/a.md": "1"})
    assert sync_tree(target, {}) == {"written": 0, "kept": 0, "removed": 1}
    assert target.is_dir() and list(target.iterdir()) == []


def test_swap_dir_replaces_a_folder(tmp_path):
    target = tmp_path / "site"
    target.mkdir()
    (target / "old.html").write_text("old")
    (target / "sub").mkdir()
    (target / "sub" / "old.css").write_text("old")
    new = tmp_path / ".site.new"
    new.mkdir()
    (new / "index.html").write_text("new")

    swap_dir(new, target)

    assert tree(target) == {"index.html": b"new"}
    assert not new.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"], "the old folder is removed"


def test_swap_dir_creates_a_missing_target(tmp_path):
    new = tmp_path / ".site.new"
    new.mkdir()
    (new / "index.html").write_text("new")

    swap_dir(new, tmp_path / "site")

    assert tree(tmp_path / "site") == {"index.html": b"new"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
