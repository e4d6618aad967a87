"""The ``annexsite`` MkDocs plugin: regenerates the docs tree from the annexes on every build.

Listed first under ``plugins`` in mkdocs.yml, it makes plain ``mkdocs build`` and
``mkdocs serve`` (with ``watch: [annexes, templates]``) regenerate the site from the YAML.
"""

from __future__ import annotations

import os
import weakref
from datetime import datetime, time, timezone
from pathlib import Path

from markupsafe import Markup
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger

from annexsite.config import DEFAULT_MIN_COVERAGE, Paths
from annexsite.diagnostics import ContentError
from annexsite.localize import Language
from annexsite.pipeline import Generated, generate
from annexsite.releases import FOLDER
from annexsite.site.postprocess import Finish, finish_page, finish_site
from annexsite.site.search import Indexer, SearchIndexError, exclude_from_lunr, write_search_configs
from annexsite.write import UnsafeTarget, check_target, mark, sync_tree

log = get_plugin_logger(__name__)

NO_SITE_URL = ("warning: site_url is not set in mkdocs.yml: the sitemaps list site-root paths, which search "
               "engines do not accept; set site_url to the address the site is published at")


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


# What annexsite relies on from mkdocs-static-i18n (pinned 1.3.1; tests/test_engine_boundary.py
# fails when one of these changes), and nothing else of it:
# - its documented per-language options ``languages[].locale, name, default, build, nav``, read
#   from ``config.plugins["i18n"].config.languages``. annexsite's on_config runs before its own
#   (priority -100) and sets two of them as a user would in mkdocs.yml: ``nav`` (the generated
#   navigation of that language) and ``build = False`` (a language below min_coverage);
# - ``current_language``, the language being built (the theme's 404.html and sitemap.xml are
#   rendered once per language, each over the last, and kept per language);
# - ``building``, true while its on_post_build (priority -100) builds the other languages, so
#   the site is finished once, at the end (annexsite's on_post_build runs at -200);
# - the template context it documents: ``i18n_alternates``, ``i18n_current_language`` (the
#   sitemap), ``i18n_config``, ``i18n_page_locale``, ``page.file.alternates`` (main.html), and
#   ``config.extra.alternate`` (the language selector) set as an attribute and an item.


def _i18n(config):
    return config.plugins.get("i18n")


def site_languages(config) -> list[Language]:
    """The languages configured for mkdocs-static-i18n, default first."""
    i18n = _i18n(config)
    if i18n is None:
        return [Language(config.theme.get("language", "en"), "English", True)]
    langs = [Language(l.locale, l.name, bool(l.default)) for l in i18n.config.languages if l.build]
    return sorted(langs, key=lambda l: not l.default)


class AnnexsitePlugin(BasePlugin[AnnexsiteConfig]):
    def __init__(self):
        super().__init__()
        self._done_for = None  # weak reference to the config this build generated for
        self.exports: dict[str, bytes] = {}
        self.not_found: dict[str, tuple[str, str]] = {}  # language -> 404 title, content
        self.no_search: dict[str, str] = {}  # language -> the offline archives' "no search" note
        self._not_found_pages: dict[str, str] = {}  # language -> its built 404 page
        self._sitemaps: dict[str, str] = {}  # language -> its sitemap.xml
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
            if not config.site_url:  # `annexsite build` says so itself; plain `mkdocs build` (strict) here
                log.info(NO_SITE_URL)
            try:
                generated = generate(self.paths(config), languages, config.site_url or "", self.config.min_coverage, config.site_name)
            except ContentError as exc:
                for diagnostic in exc.diagnostics:  # one log line each: `serve` shows them all
                    log.error(str(diagnostic))
                raise PluginError(f"{len(exc.diagnostics)} content error(s) in the annexes or templates") from None
        try:
            paths = self.paths(config)
            protected = paths.sources() + ([Path(config.theme.custom_dir)] if config.theme.custom_dir else [])
            check_target(Path(config.docs_dir), paths.root, protected, "docs_dir", generated_in=paths.root / ".annexsite")
            # plain `mkdocs build` empties site_dir first (`annexsite build` passes a new, empty folder)
            check_target(Path(config.site_dir), paths.root, protected + [Path(config.docs_dir)], "site_dir")
        except UnsafeTarget as exc:
            raise PluginError(str(exc)) from None
        try:
            counts = sync_tree(Path(config.docs_dir), generated.rendered.files)
            mark(Path(config.docs_dir))
        except OSError as exc:
            raise PluginError(f"cannot write {exc.filename or config.docs_dir}: {exc.strerror or exc}") from None
        log.info("generated %d pages (%d written)", len(generated.rendered.files), counts["written"])
        _steps_not_in_nav(config)
        nav = generated.rendered.nav
        default = languages[0].code
        config.nav = nav[default]
        i18n = _i18n(config)
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
        self.not_found = generated.rendered.not_found
        self.no_search = generated.rendered.no_search
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

    def paths(self, config) -> Paths:
        root = Path(config.config_file_path).parent
        return Paths(root, self.config.annexes, self.config.templates, self.config.locales)

    def on_page_context(self, context, page, config, nav):
        """Every title annexsite writes (front matter, navigation) is already HTML-escaped: mark it
        so, so that Material's ``|e`` (the footer's aria-label) does not escape it a second time.
        Material's lunr index stays empty: Pagefind indexes the built pages (see site.search)."""
        exclude_from_lunr(page)
        if nav is not None:
            _mark_escaped(nav.items)
        for p in (page, page.previous_page, page.next_page):
            if p is not None and isinstance(p.title, str) and not isinstance(p.title, Markup):
                p.title = Markup(p.title)
        return context

    def on_post_page(self, output, page, config):
        """Every element in a language (<html> too: Material marks only <body>) gets its direction;
        the page is kept for the search index."""
        output = finish_page(output)
        self.indexer.add(output, page.url, page.file.dest_uri)
        return output

    def _current_language(self, config) -> str:
        i18n = _i18n(config)
        code = getattr(i18n, "current_language", None) if i18n is not None else None
        return code or (self.languages[0].code if self.languages else "en")

    def on_template_context(self, context, template_name, config):
        """The 404 page in the language being built (MkDocs builds it once per language, each
        over the last): its text, and a language selector leading to each language's home."""
        if template_name != "404.html":
            return context
        code = self._current_language(config)
        base = context.get("base_url", "/").rstrip("/") + "/"
        title, content = self.not_found.get(code, ("", ""))
        # each language's home: the page's list (404.html) and the header's language selector
        homes = [{"name": lang.name, "link": base + ("" if lang.default else f"{lang.code}/"), "lang": lang.code,
                  "prefix": "" if lang.default else f"{lang.code}/"} for lang in self.languages]
        context["annexsite_not_found"] = {"title": title, "content": Markup(content), "homes": homes}
        if getattr(config.extra, "alternate", None) or config.extra.get("alternate"):
            # not the alternates of the page built last (mkdocs-static-i18n sets them as an
            # attribute, which templates read before the item)
            config.extra["alternate"] = homes
            setattr(config.extra, "alternate", homes)
        return context

    def on_post_template(self, output_content, template_name, config):
        """MkDocs writes the theme's 404.html and sitemap.xml once per language, each over the
        last: keep each language's for the finishing steps (annexsite.site.postprocess)."""
        if template_name == "404.html":
            output_content = finish_page(output_content)
            self._not_found_pages[self._current_language(config)] = output_content
        elif template_name == "sitemap.xml":
            self._sitemaps[self._current_language(config)] = output_content
        return output_content

    @event_priority(-200)  # after mkdocs-static-i18n has built every language and merged the search
    def on_post_build(self, config):
        i18n = _i18n(config)
        if i18n is not None and getattr(i18n, "building", False):
            return  # one language of several: the outer build finishes the site
        site = Path(config.site_dir)
        job = Finish(self.languages, config.site_url or "", self._not_found_pages, self._sitemaps, self.exports,
                     write_search_configs=lambda: write_search_configs(config, self.languages),
                     build_search_index=self._build_search_index, no_search=self.no_search)
        self._not_found_pages, self._sitemaps = {}, {}
        finish_site(site, job)
        for problem in job.problems:
            log.warning(problem)
        self.search_index = job.search_index
        self._restore_build_date()

    def _build_search_index(self, site: Path) -> dict:
        try:
            stats = self.indexer.build(site)
        except (OSError, SearchIndexError) as exc:
            raise PluginError(f"search index: {exc}") from None
        log.info("search index: %(pages)d pages in %(languages)d languages (%(seconds).1f s)", stats)
        return stats


def _mark_escaped(items) -> None:
    for item in items:
        if isinstance(item.title, str) and not isinstance(item.title, Markup):
            item.title = Markup(item.title)
        _mark_escaped(getattr(item, "children", None) or [])


# Decision-tree steps are reached through their answers, not the navigation (the guides are).
# Nor are the texts of entries as older releases had them (the entries' timelines link them).
# Nor the authentic language versions side by side (their entry pages link them).
_STEPS = ["/*/trees/*/*.md", "!/*/trees/*/index.md", "/*/releases/*/*/*.md", "/*/*/*/versions.md"]


def _steps_not_in_nav(config) -> None:
    import pathspec

    existing = list(config.not_in_nav.patterns) if config.not_in_nav else []
    ours = pathspec.GitIgnoreSpec.from_lines(_STEPS)
    config.not_in_nav = pathspec.GitIgnoreSpec(existing + list(ours.patterns))
