"""The ``annexsite`` MkDocs plugin: regenerates the docs tree from the annexes on every build.

Listed first under ``plugins`` in mkdocs.yml, it makes plain ``mkdocs build`` and
``mkdocs serve`` (with ``watch: [annexes, templates]``) regenerate the site from the YAML.
"""

from __future__ import annotations

import hashlib
import os
import weakref
from datetime import datetime, time, timezone
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger

from annexsite.diagnostics import ContentError
from annexsite.i18n.status import DEFAULT_MIN_COVERAGE
from annexsite.localize import Language
from annexsite.pipeline import Generated, Paths, generate
from annexsite.releases import FOLDER
from annexsite.site.offline import write_archives
from annexsite.site.search import Indexer, SearchIndexError, exclude_from_lunr, write_search_configs
from annexsite.write import UnsafeTarget, check_target, sync_tree

log = get_plugin_logger(__name__)


class AnnexsiteConfig(Config):
    annexes = c.Type(str, default="annexes")
    templates = c.Type(str, default="templates")
    locales = c.Type(str, default="locales")
    # share of interface and content strings a language needs to be published (0..1)
    min_coverage = c.Type((int, float), default=DEFAULT_MIN_COVERAGE)

    def validate(self):
        failed, warnings = super().validate()
        if not failed and not 0 <= self.min_coverage <= 1:
            failed.append(("min_coverage", c.ValidationError(f"must be between 0 and 1, got {self.min_coverage}")))
        return failed, warnings


def site_languages(config) -> list[Language]:
    """The languages configured for mkdocs-static-i18n, default first."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return [Language(config.theme.get("language", "en"), "English", True)]
    langs = [Language(l.locale, l.name, bool(l.default)) for l in i18n.config.languages if l.build]
    return sorted(langs, key=lambda l: not l.default)


class AnnexsitePlugin(BasePlugin[AnnexsiteConfig]):
    def __init__(self):
        super().__init__()
        self._done_for = None  # weak reference to the config this build generated for
        self.exports: dict[str, bytes] = {}
        self.languages: list[Language] = []
        self.prepared: Generated | None = None  # set by `annexsite build`, which generated already
        self._saved_epoch: list[str | None] = []  # SOURCE_DATE_EPOCH before this build set it
        self.indexer = Indexer()  # the pages for the search index, collected as they are written
        self.search_index: dict = {}  # what the last build's index holds (pages, languages, seconds)

    def on_config(self, config):
        # mkdocs-static-i18n re-runs on_config once per extra language on the same config
        # (MkDocs keeps plugin instances across `serve` rebuilds, so compare identities weakly)
        if self._done_for is not None and self._done_for() is config:
            return config
        languages = site_languages(config)
        generated, self.prepared = self.prepared, None
        if generated is None:
            try:
                generated = generate(self.paths(config), languages, config.site_url or "", self.config.min_coverage, config.site_name)
            except ContentError as exc:
                for diagnostic in exc.diagnostics:  # one log line each: `serve` shows them all
                    log.error(str(diagnostic))
                raise PluginError(f"{len(exc.diagnostics)} content error(s) in the annexes or templates") from None
        try:
            paths = self.paths(config)
            check_target(Path(config.docs_dir), paths.root, paths.sources(), "docs_dir")
        except UnsafeTarget as exc:
            raise PluginError(str(exc)) from None
        counts = sync_tree(Path(config.docs_dir), generated.rendered.files)
        log.info("generated %d pages (%d written)", len(generated.rendered.files), counts["written"])
        _steps_not_in_nav(config)
        nav = generated.rendered.nav
        default = languages[0].code
        config.nav = nav[default]
        i18n = config.plugins.get("i18n")
        if i18n is not None:
            for lang_config in i18n.config.languages:
                if lang_config.locale in nav:
                    lang_config.nav = nav[lang_config.locale]
                elif lang_config.build:
                    share = generated.coverage.language(lang_config.locale)["site_coverage"]
                    log.info("%s: the interface and shared texts are %.1f%% translated, below min_coverage "
                             "%.0f%%: not published", lang_config.locale, share * 100, self.config.min_coverage * 100)
                    lang_config.build = False
        self.exports = generated.rendered.exports
        self.languages = generated.languages
        self._pin_build_date(generated)
        self._done_for = weakref.ref(config)
        return config

    def _pin_build_date(self, generated: Generated) -> None:
        """MkDocs dates pages and the sitemap.xml.gz header by the clock unless SOURCE_DATE_EPOCH
        is set: for the length of the build, set it to the date the content is current as of
        (its release, else the latest date in the annexes). A SOURCE_DATE_EPOCH already set wins."""
        if not self._saved_epoch:
            self._saved_epoch.append(os.environ.get("SOURCE_DATE_EPOCH"))
        if self._saved_epoch[0] is None:
            as_of = datetime.combine(generated.model.as_of.date, time(0), timezone.utc)
            os.environ["SOURCE_DATE_EPOCH"] = str(int(as_of.timestamp()))

    def _restore_build_date(self) -> None:
        if self._saved_epoch:
            saved = self._saved_epoch.pop()
            if saved is None:
                os.environ.pop("SOURCE_DATE_EPOCH", None)
            else:
                os.environ["SOURCE_DATE_EPOCH"] = saved

    def on_build_error(self, error, **kwargs):
        self.indexer.discard()
        self._restore_build_date()

    def on_shutdown(self):
        self._restore_build_date()

    def on_serve(self, server, config, builder):
        paths = self.paths(config)
        for folder in (paths["locales"], paths.root / FOLDER):  # a translator's edit, a new release
            if folder.is_dir():
                server.watch(str(folder))
        return server

    def no_search_notes(self, config) -> dict[str, str]:
        """The offline archives' "no search" note in each language (English where untranslated)."""
        from annexsite.localize.catalogs import po_path, read_catalog
        from annexsite.site.offline import NO_SEARCH

        paths = self.paths(config)
        notes = {}
        for lang in self.languages:
            text = str(NO_SEARCH)
            path = po_path(paths["locales"], lang.code, "messages")
            if not lang.default and path.is_file():
                found = read_catalog(path, paths.root, lang.code.replace("-", "_")).get(str(NO_SEARCH))
                if found is not None and found.string and not found.fuzzy:
                    text = found.string
            notes[lang.code] = text
        return notes

    def paths(self, config) -> Paths:
        root = Path(config.config_file_path).parent
        return Paths(root, self.config.annexes, self.config.templates, self.config.locales)

    def on_page_context(self, context, page, config, nav):
        """Material's lunr index stays empty: Pagefind indexes the built pages (see site.search)."""
        exclude_from_lunr(page)
        return context

    def on_post_page(self, output, page, config):
        """Right-to-left pages say so on <html> too (Material marks only <body>); the page's
        article is kept for the search index."""
        self.indexer.add(output, page.url, page.file.dest_uri)
        i18n = config.plugins.get("i18n")
        code = getattr(i18n, "current_language", None) if i18n is not None else None
        if code and any(l.code == code and l.rtl for l in self.languages):
            output = output.replace("<html ", '<html dir="rtl" ', 1)
        return output

    @event_priority(-200)  # after mkdocs-static-i18n has built every language and merged the search
    def on_post_build(self, config):
        i18n = config.plugins.get("i18n")
        if i18n is not None and getattr(i18n, "building", False):
            return  # one language of several: the outer build finishes the site
        write_search_configs(config, self.languages)
        site = Path(config.site_dir)
        for rel, data in sorted(self.exports.items()):
            path = site / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        try:  # before the archives and the manifest; the archives leave the index out
            self.search_index = self.indexer.build(site)
        except (OSError, SearchIndexError) as exc:
            raise PluginError(f"search index: {exc}") from None
        log.info("search index: %(pages)d pages in %(languages)d languages (%(seconds).1f s)", self.search_index)
        write_archives(site, self.languages, self.no_search_notes(config))  # each language, readable from disk
        write_manifest(site)  # last: it covers every file above
        self._restore_build_date()


MANIFEST = "data/SHA256SUMS"


def write_manifest(site: Path) -> Path:
    """``data/SHA256SUMS``: the SHA-256 of every published file but itself, one
    ``<hex>  <path>`` line each in path order, as `sha256sum` writes them (check a copy with
    ``cd site && sha256sum -c data/SHA256SUMS``)."""
    out = site / MANIFEST
    lines = []
    for path in sorted(p for p in site.rglob("*") if p.is_file() and p != out):
        rel = path.relative_to(site).as_posix()
        lines.append(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {rel}\n")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(lines), encoding="utf-8", newline="\n")
    return out


# Decision-tree steps are reached through their answers, not the navigation (the guides are).
# Nor are the texts of entries as older releases had them (the entries' timelines link them).
_STEPS = ["/*/trees/*/*.md", "!/*/trees/*/index.md", "/*/releases/*/*/*.md"]


def _steps_not_in_nav(config) -> None:
    import pathspec

    existing = list(config.not_in_nav.patterns) if config.not_in_nav else []
    ours = pathspec.GitIgnoreSpec.from_lines(_STEPS)
    config.not_in_nav = pathspec.GitIgnoreSpec(existing + list(ours.patterns))
