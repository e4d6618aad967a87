"""Build the site with MkDocs into a temporary folder and swap it in only on success."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException

from annexsite.config import DEFAULT_MIN_COVERAGE, Paths
from annexsite.i18n.workflow import languages as catalog_languages
from annexsite.localize import Language
from annexsite.pipeline import check, generate
from annexsite.site.plugin import NO_SITE_URL, site_languages
from annexsite.write import UnsafeTarget, check_target, clean_leftovers, swap_dir


class SiteError(Exception):
    """MkDocs could not build the site (configuration, strict-mode warnings, plugins)."""


def _plugin(config):
    plugin = config.plugins.get("annexsite")
    if plugin is None:
        raise SiteError(f"{config.config_file_path}: the 'annexsite' plugin is not listed under plugins")
    return plugin


def _ensure_docs_dir(config_file: Path) -> None:
    """MkDocs refuses a docs_dir that does not exist yet; ours is generated, so create it."""
    from mkdocs.utils.yaml import yaml_load

    try:
        with open(config_file, encoding="utf-8") as fh:
            raw = yaml_load(fh) or {}
    except Exception:  # malformed mkdocs.yml: let load_config report it properly
        return
    docs = raw.get("docs_dir", "docs") if isinstance(raw, dict) else "docs"
    if isinstance(docs, str):
        (config_file.parent / docs).mkdir(parents=True, exist_ok=True)


def _load(config_file: Path, **overrides):
    _ensure_docs_dir(config_file)
    try:
        return load_config(str(config_file), **overrides)
    except (ConfigurationError, Abort) as exc:
        raise SiteError(f"{config_file}: {exc}") from None


def configured(root: Path, config_file: Path | None = None) -> tuple[Paths, list[Language], float]:
    """The folders, languages and coverage threshold that mkdocs.yml configures; without an
    mkdocs.yml, the default folders and every language that has catalogs."""
    config_file = Path(config_file or Path(root) / "mkdocs.yml")
    if not config_file.is_file():
        paths = Paths(Path(root))
        return paths, [Language("en", "English", True)] + [Language(c, c) for c in catalog_languages(paths)], DEFAULT_MIN_COVERAGE
    config = _load(config_file.resolve())
    plugin = _plugin(config)
    return plugin.paths(config), site_languages(config), plugin.config.min_coverage


def unpublished(generated, languages: list[Language]) -> list[str]:
    """Why each configured language left out of the site was left out."""
    published = {lang.code for lang in generated.languages}
    least = generated.coverage.data["min_coverage"] * 100
    out = []
    for lang in languages:
        if lang.code not in published:
            share = generated.coverage.language(lang.code)["site_coverage"]
            out.append(f"{lang.code}: the interface and shared texts are {share * 100:.1f}% translated, below "
                       f"min_coverage {least:.0f}%: not published")
            continue
        for annex in sorted(generated.coverage.withheld(lang.code)):
            share = generated.coverage.language(lang.code)["annexes"][annex]["coverage"]
            out.append(f"{lang.code}: {annex} is {share * 100:.1f}% translated, below min_coverage {least:.0f}%: "
                       f"its pages are published in its source language, marked")
    return out


def build(config_file: Path, site_dir: Path | None = None, report=lambda line: None) -> Path:
    """Validate, generate and build. Returns the site folder. The old site survives any failure.

    ``report`` receives one line per configured language that is not published."""
    config_file = Path(config_file).resolve()
    config = _load(config_file)
    plugin = _plugin(config)
    # every content and template error at once, before MkDocs runs
    languages = site_languages(config)
    generated = generate(plugin.paths(config), languages, config.site_url or "", plugin.config.min_coverage, config.site_name)
    for line in unpublished(generated, languages):
        report(line)
    if not config.site_url:
        report(NO_SITE_URL)
    final = Path(site_dir).resolve() if site_dir else Path(config.site_dir).resolve()
    paths = plugin.paths(config)
    protected = paths.sources() + ([Path(config.theme.custom_dir)] if config.theme.custom_dir else [])
    try:
        check_target(Path(config.docs_dir), paths.root, protected, "docs_dir", generated_in=paths.root / ".annexsite")
        check_target(final, paths.root, protected + [Path(config.docs_dir)], "site folder")
    except UnsafeTarget as exc:
        raise SiteError(str(exc)) from None
    tmp = None
    try:
        final.parent.mkdir(parents=True, exist_ok=True)
        clean_leftovers(final.parent, final.name)  # of a build that was killed or ran out of space
        tmp = Path(tempfile.mkdtemp(prefix=f".{final.name}.new-{os.getpid()}-", dir=final.parent))
        config = _load(config_file, site_dir=str(tmp))
        _plugin(config).prepared = generated
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
        swap_dir(tmp, final)
    except (MkDocsException, SystemExit) as exc:  # Abort, BuildError, PluginError
        _remove(tmp)
        raise SiteError(f"MkDocs build failed; {final} is unchanged: {exc}") from None
    except OSError as exc:  # a read-only folder, a full disk
        _remove(tmp)
        where = exc.filename or final
        raise SiteError(f"cannot write {where}: {exc.strerror or exc}; {final} is unchanged") from None
    except BaseException:
        _remove(tmp)
        raise
    return final


def _remove(tmp: Path | None) -> None:
    if tmp is not None:
        shutil.rmtree(tmp, ignore_errors=True)


def serve(config_file: Path, dev_addr: str) -> int:
    from mkdocs.commands.serve import serve as mkdocs_serve

    config_file = Path(config_file).resolve()
    config = _load(config_file)
    check(_plugin(config).paths(config))
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s - %(message)s")
    try:
        mkdocs_serve(str(config_file), dev_addr=dev_addr, livereload=True)
    except (MkDocsException, SystemExit) as exc:  # bad dev_addr, plugin errors at start-up
        raise SiteError(f"cannot serve: {exc}") from None
    except OSError as exc:  # address in use, permission denied
        raise SiteError(f"cannot serve on {dev_addr}: {exc.strerror or exc}") from None
    return 0
