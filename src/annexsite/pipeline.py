"""The pipeline, top to bottom: load -> validate -> model -> derive -> localize/render.

Writing files and running MkDocs are the callers' business (:mod:`annexsite.write`,
:mod:`annexsite.site`), so this module does no output I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

from annexsite.config import DEFAULT_MIN_COVERAGE, Paths
from annexsite.derive import SiteModel, derive_site
from annexsite.derive.history import History
from annexsite.derive.urls import release_data_path
from annexsite.diagnostics import ContentError
from annexsite.i18n.extract import interface_catalog
from annexsite.i18n.status import coverage
from annexsite.load import RawProject, load_project
from annexsite.localize import Language, Translations, load_translations
from annexsite.model import Project, build_project
from annexsite.model.coverage import Coverage
from annexsite.releases import Release, load_releases, snapshot, write_release
from annexsite.render import Rendered, render_site
from annexsite.validate import validate_project


def load(paths: Paths) -> tuple[RawProject, Project]:
    """Load and validate every file, once: the documents as read (for snapshots and diffs) and
    the model, or ContentError with every problem."""
    raw = load_project(paths.root, paths.annexes)
    problems = validate_project(raw)
    if problems:
        raise ContentError(problems)
    return raw, build_project(raw)


def check(paths: Paths) -> Project:
    """Load and validate every file; the model, or ContentError with every problem."""
    return load(paths)[1]


@dataclass
class Generated:
    model: SiteModel
    rendered: Rendered
    coverage: Coverage
    languages: list[Language]  # the languages published: the configured ones above the threshold


def translation_coverage(paths: Paths, languages: list[Language], min_coverage: float = DEFAULT_MIN_COVERAGE,
                         project: Project | None = None) -> tuple[Coverage, list[Translations]]:
    project = project or check(paths)
    # each annex is written in its own source_language; the glossary, trees and rules in the
    # site's default language
    source = next((lang.code for lang in languages if lang.default), "en")
    sources = {a.id: a.source_language for a in project.annexes}
    translations = [load_translations(paths["locales"], lang, paths.root, source, sources) for lang in languages]
    cov = coverage(project, interface_catalog(paths["templates"], paths.root), translations, source, min_coverage)
    return cov, translations


def generate(paths: Paths, languages: list[Language], site_url: str = "",
             min_coverage: float = DEFAULT_MIN_COVERAGE, site_name: str = "") -> Generated:
    raw, project = load(paths)
    cov, translations = translation_coverage(paths, languages, min_coverage, project)
    published = [tr for tr in translations if cov.published(tr.language.code)]
    for tr in published:
        tr.withheld = cov.withheld_contexts(tr.language.code)
    releases = load_releases(paths.root)
    today = build_day()
    in_force = [r for r in releases if r.date <= today]
    upcoming = next(((r.version, r.date) for r in releases if r.date > today), None)
    model = derive_site(project, current_release(raw, in_force), History.of(releases), upcoming)
    rendered = render_site(model, paths["templates"], published, cov, site_url, site_name)
    for release in releases:  # every release, as released, for any point in time
        rendered.exports[release_data_path(release.version)] = release.path.read_bytes()
    return Generated(model, rendered, cov, [tr.language for tr in published])


def build_day() -> date:
    """Today (UTC): a release dated later is upcoming, never what the site is current as of."""
    return datetime.now(timezone.utc).date()


def current_release(raw: RawProject, releases: list[Release]) -> tuple[str, date] | None:
    """(version, date) of the latest release when the annexes (as read) are exactly that release."""
    if not releases:
        return None
    latest = releases[-1]
    working = snapshot(raw, date.max)
    return (latest.version, latest.date) if working == latest.annexes else None


def make_release(paths: Paths, languages: list[Language], min_coverage: float, version: str, on: date) -> Path:
    """Freeze what is in force on ``on``, with today's translation coverage, as release ``version``.
    Only valid annexes are released, and a tampered history is reported before anything is added."""
    raw, project = load(paths)
    load_releases(paths.root)
    cov = translation_coverage(paths, languages, min_coverage, project)[0].data["languages"]
    translations = {code: {k: c[k] for k in ("coverage", "published", "interface", "content")} for code, c in cov.items()}
    return write_release(paths.root, raw, version, on, translations)


def working_history(paths: Paths) -> tuple[dict, dict]:
    """Every release's annexes by version, and the annexes as they are now (all entries)."""
    raw = load(paths)[0]
    releases = {r.version: r.annexes for r in load_releases(paths.root)}
    return releases, snapshot(raw, date.max)
