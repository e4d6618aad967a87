"""Render every page in every language; build the per-language navigation and exports."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from annexsite.diagnostics import ContentError, Diagnostic, Location, relpath
from annexsite.derive import SiteModel
from annexsite.derive.classify import export as classify_export
from annexsite.derive.text import entry_label
from annexsite.localize import Formatter, Translations
from annexsite.localize.authentic import columns as version_columns, legal_for, notes_translations
from annexsite.model.coverage import Coverage
from annexsite.model.objects import LABELS
from annexsite.model.objects import NO_SEARCH, VERDICT_LABELS
from annexsite.derive.changes import LanguageName
from annexsite.derive.urls import (absolute_url, data_path, entry_path, feed_path, glossary_path, language_prefix, page_url,
                                   redirect_file, relative_url, release_entry_path, schema_data_path, site_root_of)
from annexsite.derive.views import NavItem
from annexsite.model.objects import CHANGE_KINDS, CHANGE_LABELS
from annexsite.render.charts import bar_chart
from annexsite.render.diagram import tree_svg
from annexsite.render.feed import atom_feed, changes_json
from annexsite.render.escape import MdText, UiText, as_markdown, html_text, md_inline, url, yaml_str
from annexsite.schemas import SCHEMAS, schema_text


@dataclass
class Rendered:
    files: dict[str, str] = field(default_factory=dict)  # docs-relative path -> Markdown
    nav: dict[str, list] = field(default_factory=dict)  # language code -> MkDocs nav
    exports: dict[str, bytes] = field(default_factory=dict)  # site-relative path -> bytes
    not_found: dict[str, tuple[str, str]] = field(default_factory=dict)  # language code -> the 404 page's title, content (HTML)
    no_search: dict[str, str] = field(default_factory=dict)  # language code -> the offline archives' "no search" note


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
    env.filters["url"] = url
    env.filters["as_markdown"] = as_markdown
    return env


# A %-field of an interface string: %(name)s, %d, %%.
_FIELD = re.compile(r"%(?:\(\w+\))?[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]")


def _ui_format(raw: str, variables: dict) -> UiText:
    """A translated interface string with its fields filled: translator text is untrusted, so the
    words are escaped for Markdown, and so is every value unless it already is (an MdText)."""
    parts, pos = [], 0
    for m in _FIELD.finditer(raw):
        parts.append(md_inline(raw[pos:m.start()], at_start=pos == 0))
        field = m.group(0)
        if field == "%%":
            parts.append("%")
        else:
            name = field[2:field.index(")")] if field.startswith("%(") else None
            value = variables[name] if name else variables
            text = field.replace(f"({name})", "") % (value,) if name else field % value
            parts.append(text if isinstance(value, MdText) else md_inline(text, at_start=m.start() == 0))
        pos = m.end()
    parts.append(md_inline(raw[pos:], at_start=pos == 0))
    plain = raw % {k: v.raw if isinstance(v, MdText) else v for k, v in variables.items()}
    return UiText(plain, "".join(parts))


def install_ui_translations(env: jinja2.Environment, ui) -> None:
    """``_``, ``gettext`` and ``ngettext`` in templates: translations escaped like any text."""

    def gettext(message: str, /, **variables) -> UiText:
        return _ui_format(ui.gettext(message), variables)

    def ngettext(singular: str, plural: str, count: int, /, **variables) -> UiText:
        # a template may name the number shown apart from the count (num=fmt.number(...))
        variables.setdefault("num", count)
        return _ui_format(ui.ngettext(singular, plural, count), variables)

    env.install_gettext_callables(gettext, ngettext, newstyle=False)


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
                site_url: str = "", site_name: str = "") -> Rendered:
    env = make_environment(templates_dir)
    out = Rendered()
    languages = [tr.language for tr in translations]
    for tr in translations:
        lang = tr.language
        install_ui_translations(env, tr.ui)
        env.filters["t"] = tr.text
        env.filters["md"] = lambda value, tr=tr: value if isinstance(value, MdText) else md_inline(tr.text(value))
        fmt = Formatter(lang.code)
        withheld = {a: coverage.language(lang.code)["annexes"][a]["coverage"] for a in coverage.withheld(lang.code)}
        globals_ = {"lang": lang, "fmt": fmt, "languages": languages, "tr": tr, "coverage": coverage.data,
                    "withheld": withheld,
                    "title_of": lambda title, prefix="", tr=tr: label(tr, title, prefix),
                    "legal_for": legal_for, "version_columns": version_columns, "notes_translations": notes_translations,
                    "change_kinds": CHANGE_KINDS, "glossary_page": glossary_path(), **LABELS}
        for page in model.pages:
            try:
                template = env.get_template(page.template)
                site_root = site_root_of(page.path, lang.default)  # for raw <a href> to site/data
                text = template.render(page=page, root=page.root, site_root=site_root, **globals_, **page.data.context())
            except jinja2.TemplateError as exc:
                raise ContentError([_template_diagnostic(exc, templates_dir, page.path)]) from None
            except (TypeError, ValueError, AttributeError, KeyError, IndexError, ZeroDivisionError) as exc:
                if not _in_template(exc):
                    raise  # a fault of the generator, not of a template
                raise ContentError([_template_diagnostic(exc, templates_dir, page.path)]) from None
            out.files[f"{lang.code}/{page.path}"] = text
        for tree in model.trees:
            out.files[f"{lang.code}/trees/{tree.id}/diagram.svg"] = tree_svg(
                tree, lambda v, tr=tr: str(tr.text(v)),
                lambda a, fmt=fmt, tr=tr: _answer_text(a, fmt, tr),
                str(tr.text(tree.title)), lambda v, tr=tr: str(tr.text(VERDICT_LABELS[v])))
        for chart in model.charts:
            out.files[f"{lang.code}/{chart.path}"] = bar_chart(
                chart, lambda v, tr=tr, lang=lang: lang.name_of(v) if isinstance(v, LanguageName) else str(tr.text(v)),
                fmt.number, fmt.percent, rtl=lang.rtl, lang=lang.code)
        if model.history.steps:
            out.files[f"{lang.code}/{feed_path()}"] = _feed(model, tr, fmt, site_url, site_name)
        for (annex, code), target in model.moved.items():
            out.files[f"{lang.code}/{redirect_file(entry_path(annex, code))}"] = _redirect(annex, code, target, tr)
        for alias in model.aliases:  # a release that kept an entry's text: its URL leads to that text
            text = tr.ui.gettext("The text of %(code)s in release %(version)s is the one of release %(first)s.") % {
                "code": alias.code, "version": alias.version, "first": alias.first}
            out.files[f"{lang.code}/{redirect_file(alias.path)}"] = _redirect_page(relative_url(alias.path, alias.target),
                                                                                  text, tr)
        out.nav[lang.code] = _nav(model.nav, lang.code, tr)
        out.not_found[lang.code] = _not_found(tr)
        out.no_search[lang.code] = tr.ui.gettext(NO_SEARCH)
    out.exports[data_path("entries.json")] = _entries_json(model, translations, site_url)
    out.exports[data_path("classify.json")] = (json.dumps(classify_export(model.project, model.as_of.release, model.as_of.date.isoformat()), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if model.history.steps:
        out.exports[data_path("changes.json")] = (json.dumps(changes_json(model.history, model.moved), ensure_ascii=False,
                                                       indent=2) + "\n").encode("utf-8")
    out.exports[data_path("translations.json")] = (json.dumps(coverage.data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    for kind in SCHEMAS:  # the schemas, so editors and other tools can fetch them from the site
        out.exports[schema_data_path(kind)] = schema_text(kind).encode("utf-8")
    return out


def _feed(model: SiteModel, tr: Translations, fmt: Formatter, site_url: str, site_name: str) -> str:
    gettext = tr.ui.gettext
    lang = tr.language

    def summary(step) -> str:
        counts = " · ".join(gettext("%(label)s: %(value)s") % {"label": gettext(CHANGE_LABELS[k]), "value": fmt.number(step.count(k))}
                            for k in CHANGE_KINDS)
        text = f"{gettext('Release %(version)s, %(date)s.') % {'version': step.version, 'date': fmt.date(step.date)}} {counts}"
        if step.verdicts:  # answers of the threshold check that changed: say how many, the change log lists them
            text += " " + gettext("Answers of the threshold check that change: %(count)s.") % {"count": fmt.number(len(step.verdicts))}
        return text

    prefix = language_prefix(lang.code, lang.default)
    return atom_feed(model.history, lang.code, page_url, gettext("Changes to the control lists"),
                     lambda step: gettext("Changes in release %(version)s") % {"version": step.version}, summary,
                     site_name or "annexsite", site_url.rstrip("/") + "/" + prefix if site_url else "")


def _redirect(annex: str, code: str, target: tuple, tr: Translations) -> str:
    """A page at a code's old URL that sends the reader on: to the entry's new code, or to the
    text the entry had in the last release that held it."""
    gettext = tr.ui.gettext
    here = entry_path(annex, code)
    if target[0] == "entry":
        to = relative_url(here, entry_path(target[1], target[2]))
        text = gettext("%(old)s is now %(new)s.") % {"old": code, "new": target[2]}
    else:
        to = relative_url(here, release_entry_path(target[1], annex, code))
        text = gettext("%(old)s is no longer in the list; see its text as of release %(version)s.") % {
            "old": code, "version": target[1]}
    return _redirect_page(to, text, tr)


def _redirect_page(to: str, text: str, tr: Translations) -> str:
    """A page that sends the reader on (meta refresh, canonical link and a visible link; no script)."""
    lang = tr.language
    direction = ' dir="rtl"' if lang.rtl else ""
    return (f'<!doctype html>\n<html lang="{lang.code}"{direction}>\n<head>\n<meta charset="utf-8">\n'
            f"<title>{html_text(text)}</title>\n"
            f'<meta http-equiv="refresh" content="0; url={to}">\n<link rel="canonical" href="{to}">\n'
            f'<meta name="robots" content="noindex">\n</head>\n'
            f'<body>\n<p><a href="{to}">{html_text(text)}</a></p>\n</body>\n</html>\n')


def _not_found(tr: Translations) -> tuple[str, str]:
    """The title and the text of the language's 404 page: what happened, and where to go. The
    list of each language's home page follows it, built by the theme's 404.html from the site's
    base path (a server shows a 404 page at any depth)."""
    gettext = tr.ui.gettext
    title = gettext("Page not found")
    what = gettext("There is no page at this address: it may have moved, or the address may be mistyped.")
    where = gettext("Read the site in one of these languages:")
    return html_text(title), f"<h1>{html_text(title)}</h1>\n<p>{html_text(what)}</p>\n<p>{html_text(where)}</p>\n"


def _answer_text(answer, fmt: Formatter, tr: Translations) -> str:
    if answer.conditions:
        return f" {tr.ui.gettext('and')} ".join(fmt.condition(c, answer.unit) for c in answer.conditions)
    return str(tr.text(answer.label))


def _in_template(exc: Exception) -> bool:
    """Whether the error was raised by a template's own code (a loop over a number, a bad call)."""
    tb, last = exc.__traceback__, ""
    while tb is not None:
        last = tb.tb_frame.f_code.co_filename
        tb = tb.tb_next
    return last.endswith(".j2")


def _template_diagnostic(exc: Exception, templates_dir: Path, page: str) -> Diagnostic:
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
    return Diagnostic(where, f"template error while rendering {page}: {getattr(exc, 'message', None) or exc}")


def _entries_json(model: SiteModel, translations: list[Translations], site_url: str) -> bytes:
    languages = [tr.language for tr in translations]
    entries = []
    for annex in model.project.annexes:
        for e in annex.entries:
            entries.append({
                "annex": annex.id,
                "code": e.code,
                "title": {tr.language.code: str(tr.text(entry_label(e))) for tr in translations},
                "url": {lang.code: absolute_url(site_url, language_prefix(lang.code, lang.default), entry_path(annex.id, e.code))
                        for lang in languages},
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
