"""Message extraction: templates (jinja2.ext.i18n), the code's ``N_`` labels, and the annexes.

Annex texts are taken from the model, where each :class:`~annexsite.model.objects.Msg`
carries its context and ``file:line``; the same walk serves ``pybabel extract`` through
:func:`annexsite.i18n.workflow.extract_annex` (registered as the ``annexsite`` Babel extraction
method; it loads a project, so it lives above the pipeline).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir

import annexsite
from annexsite.diagnostics import relpath
from annexsite.model import Project
from annexsite.model.objects import Msg

PROJECT = "annexsite"
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None, "NC_": ((1, "c"), 2)}
COMMENT_TAGS = ("Translators:",)
_JINJA_OPTIONS = {"trim_blocks": "true", "lstrip_blocks": "true", "extensions": "jinja2.ext.i18n"}


def annex_messages(project: Project) -> list[Msg]:
    """Every translatable text of the annexes, in model order (annex, category, code, field)."""
    out: list[Msg] = []

    def walk(value):
        if isinstance(value, Msg):
            out.append(value)
        elif dataclasses.is_dataclass(value):
            for f in dataclasses.fields(value):
                if f.metadata.get("extract", True):  # authentic language versions are not translated
                    walk(getattr(value, f.name))
        elif isinstance(value, tuple):
            for item in value:
                walk(item)

    walk(project)
    return out


def translator_comments(msg: Msg) -> list[str]:
    field = msg.context.rsplit("/", 1)[-1]
    if msg.domain == "legal":
        return ["Legal text: a translation is shown as informative, beside the authentic text."]
    if field.startswith("parameters."):
        return ["Name of a measured parameter, shown as a threshold table column."]
    return []


def _new_catalog(domain: str) -> Catalog:
    return Catalog(project=PROJECT, version=annexsite.__version__, domain=domain, fuzzy=False,
                   header_comment=f"# Translations of the annexsite {domain} domain.\n#")


def annex_catalog(project: Project, domain: str) -> Catalog:
    catalog = _new_catalog(domain)
    for msg in annex_messages(project):
        if msg.domain != domain:
            continue
        where = [(msg.origin.path, msg.origin.line)] if msg.origin else []
        existing = catalog.get(str(msg), context=msg.context)
        if existing is not None:  # the same field twice (heading used as title): one message
            existing.locations = sorted(set(existing.locations) | set(where))
            continue
        catalog.add(str(msg), locations=where, auto_comments=translator_comments(msg), context=msg.context)
    return catalog


def interface_catalog(templates_dir: Path, root: Path) -> Catalog:
    """Strings of the project's templates and of the annexsite code (labels marked N_)."""
    catalog = _new_catalog("messages")
    sources = [
        (Path(templates_dir), [("**.j2", "jinja2.ext:babel_extract")], {"**.j2": _JINJA_OPTIONS}),
        (Path(annexsite.__file__).parent, [("**.py", "python")], {}),
    ]
    for base, method_map, options in sources:
        shown = PROJECT if base == Path(annexsite.__file__).parent else relpath(base, root)
        for filename, lineno, message, comments, context in extract_from_dir(
            str(base), method_map, options, KEYWORDS, COMMENT_TAGS, strip_comment_tags=True
        ):
            catalog.add(message, None, [(f"{shown}/{filename}", lineno)], auto_comments=comments, context=context)
    for message in catalog:  # python-format is what jinja2.ext.i18n newstyle calls do
        if message.id and "%(" in (message.id if isinstance(message.id, str) else message.id[0]):
            message.flags.add("python-format")
    return catalog
