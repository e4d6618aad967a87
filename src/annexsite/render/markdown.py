"""Render every page in every language; build the per-language navigation and exports."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from annexsite.diagnostics import ContentError, Diagnostic, Location, relpath
from annexsite.derive import SiteModel
from annexsite.derive.classify import export as classify_export
from annexsite.derive.pages import NavItem
from annexsite.i18n.status import Coverage
from annexsite.localize import Formatter, Language, Translations
from annexsite.model.objects import LABELS
from annexsite.model.objects import VERDICT_LABELS
from annexsite.render.diagram import tree_svg
from annexsite.render.escape import html_text, md_inline, yaml_str
from annexsite.schemas import KINDS, schema_text


@dataclass
class Rendered:
    files: dict[str, str] = field(default_factory=dict)  # docs-relative path -> Markdown
    nav: dict[str, list] = field(default_factory=dict)  # language code -> MkDocs nav
    exports: dict[str, bytes] = field(default_factory=dict)  # site-relative path -> bytes


def make_environment(templates_dir: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        autoescape=False,  # Markdown output: every value goes through |md or |e explicitly
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = md_inline
    env.filters["yaml"] = yaml_str
    return env


def label(tr: Translations, title, prefix: str = "") -> str:
    """A page or navigation title in the reader's language, after its untranslated prefix."""
    text = str(tr.text(title)) if title else ""
    return " ".join(part for part in (prefix, text) if part)


def _nav(items: tuple[NavItem, ...], lang: str, tr: Translations) -> list:
    out = []
    for item in items:
        title = html_text(label(tr, item.title, item.prefix))
        if item.children:
            children = ([f"{lang}/{item.path}"] if item.path else []) + _nav(item.children, lang, tr)
            out.append({title: children})
        else:
            out.append({title: f"{lang}/{item.path}"})
    return out


def render_site(model: SiteModel, templates_dir: Path, translations: list[Translations], coverage: Coverage,
                site_url: str = "") -> Rendered:
    env = make_environment(templates_dir)
    out = Rendered()
    languages = [tr.language for tr in translations]
    for tr in translations:
        lang = tr.language
        env.install_gettext_translations(tr.ui, newstyle=True)
        env.filters["t"] = tr.text
        env.filters["md"] = lambda value, tr=tr: md_inline(tr.text(value))
        fmt = Formatter(lang.code)
        globals_ = {"lang": lang, "fmt": fmt, "languages": languages, "tr": tr, "coverage": coverage.data,
                    "title_of": lambda title, prefix="", tr=tr: label(tr, title, prefix), **LABELS}
        for page in model.pages:
            try:
                template = env.get_template(page.template)
                text = template.render(page=page, root=page.root, **globals_, **page.data)
            except jinja2.TemplateError as exc:
                raise ContentError([_template_diagnostic(exc, templates_dir, page.path)]) from None
            out.files[f"{lang.code}/{page.path}"] = text
        for tree in model.trees:
            out.files[f"{lang.code}/trees/{tree.id}/diagram.svg"] = tree_svg(
                tree, lambda v, tr=tr: str(tr.text(v)),
                lambda a, fmt=fmt, tr=tr: _answer_text(a, fmt, tr),
                str(tr.text(tree.title)), lambda v, tr=tr: str(tr.text(VERDICT_LABELS[v])))
        out.nav[lang.code] = _nav(model.nav, lang.code, tr)
    out.exports["data/entries.json"] = _entries_json(model, translations, site_url)
    out.exports["data/classify.json"] = (json.dumps(classify_export(model.project), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    out.exports["data/translations.json"] = (json.dumps(coverage.data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    for kind in KINDS:  # the schemas, so editors and other tools can fetch them from the site
        out.exports[f"data/schemas/{kind}.schema.json"] = schema_text(kind).encode("utf-8")
    return out


def _answer_text(answer, fmt: Formatter, tr: Translations) -> str:
    if answer.conditions:
        return f" {tr.ui.gettext('and')} ".join(fmt.condition(c, answer.unit) for c in answer.conditions)
    return str(tr.text(answer.label))


def _template_diagnostic(exc: jinja2.TemplateError, templates_dir: Path, page: str) -> Diagnostic:
    """Where in which template rendering failed: syntax errors carry it, runtime errors sit in the traceback."""
    filename, line = getattr(exc, "filename", None), getattr(exc, "lineno", None)
    if not filename:
        tb = exc.__traceback__
        while tb is not None:
            code = tb.tb_frame.f_code.co_filename
            if code.endswith(".j2"):
                filename, line = code, tb.tb_lineno
            tb = tb.tb_next
    where = Location(relpath(Path(filename), templates_dir.parent), line or 0, 1) if filename else Location(str(templates_dir))
    return Diagnostic(where, f"template error while rendering {page}: {exc.message or exc}")


def _url(site_url: str, lang: Language, path: str) -> str:
    prefix = "" if lang.default else f"{lang.code}/"
    base = site_url.rstrip("/") + "/" if site_url else "/"
    return base + prefix + path


def _entries_json(model: SiteModel, translations: list[Translations], site_url: str) -> bytes:
    languages = [tr.language for tr in translations]
    entries = []
    for annex in model.project.annexes:
        for e in annex.entries:
            page = model.page(f"{annex.id}/{e.slug}.md")
            entries.append({
                "annex": annex.id,
                "code": e.code,
                "title": {tr.language.code: str(tr.text(e.title)) for tr in translations},
                "url": {lang.code: _url(site_url, lang, page.url) for lang in languages},
                "kind": e.kind,
                "stages": list(e.stages),
                "effective_date": e.effective_date.isoformat(),
            })
    doc = {
        "as_of": model.as_of.date.isoformat(),
        "release": model.as_of.release or None,
        "languages": [lang.code for lang in languages],
        "entries": entries,
    }
    return (json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode("utf-8")
