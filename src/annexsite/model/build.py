"""Turn validated raw documents into model objects. Assumes validation passed.

Every text a reader may see in another language becomes a :class:`Msg` that carries its
translation context and the ``file:line`` it was written at, so extraction walks the model.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from annexsite.load import RawProject
from annexsite.load.yamlfile import RawDocument
from annexsite.model.objects import (
    Annex, Answer, Category, Cite, Condition, Entry, Equivalent, Figure, Gap, Glossary, GlossaryDefinition,
    GlossaryTerm, Guidance, LegalVersion, LicenseException, Msg, Note, Paragraph, Parameter, Project, Quality, Reason, Rule,
    Source, Threshold, Tree, TreeNode,
)
from annexsite.model.objects import ANSWER_WORDS


class _Texts:
    """Makes the :class:`Msg` values of one document, under one context prefix."""

    def __init__(self, doc: RawDocument, path: tuple, prefix: str):
        self.doc, self.path, self.prefix = doc, path, prefix

    def at(self, sub: tuple, prefix: str) -> "_Texts":
        return _Texts(self.doc, self.path + sub, f"{self.prefix}/{prefix}" if prefix else self.prefix)

    def __call__(self, sub: tuple, field: str, domain: str = "content") -> Msg:
        path = self.path + sub
        return Msg(self.doc.get(path), f"{self.prefix}/{field}", domain, self.doc.location(path))


def _paragraphs(t: _Texts, items, sub: tuple, field: str) -> tuple[Paragraph, ...]:
    """``field`` is the key prefix: ``paragraph`` for an entry's paragraphs (paragraph.a.1),
    ``<note-key>.item`` for a note's items (note.1.item.b)."""
    out = []
    for i, p in enumerate(items or ()):
        here = sub + (i,)
        key = f"{field}.{p['label']}"
        out.append(Paragraph(p["label"], t(here + ("text",), key, "legal"),
                             _paragraphs(t, p.get("paragraphs"), here + ("paragraphs",), field),
                             _notes(t, p.get("notes"), here + ("notes",), key), key))
    return tuple(out)


def _note(t: _Texts, n: dict, sub: tuple, key: str) -> Note:
    return Note(
        n["kind"], t(sub + ("text",), key, "legal") if n.get("text") else "", n.get("label", ""), n.get("applies_to", ""),
        _paragraphs(t, n.get("paragraphs"), sub + ("paragraphs",), f"{key}.item"),
        _notes(t, n.get("notes"), sub + ("notes",), key),
        key=key, id=n.get("id", ""), group=n.get("group", ""), governs=tuple(n.get("governs", ())),
    )


def _notes(t: _Texts, items, sub: tuple, parent: str) -> tuple[Note, ...]:
    """Notes keyed by their place: note.<n> in an entry, <parent>.note.<n> inside a paragraph or note."""
    return tuple(_note(t, n, sub + (i,), f"{parent}.note.{i + 1}" if parent else f"note.{i + 1}")
                 for i, n in enumerate(items or ()))


def _governing(t: _Texts, items, sub: tuple) -> tuple[Note, ...]:
    """Category and annex notes: keyed (and anchored) by their id."""
    return tuple(_note(t, n, sub + (i,), n["id"]) for i, n in enumerate(items or ()))


def _gaps(t: _Texts, items) -> tuple[Gap, ...]:
    return tuple(Gap(g["field"], t(("gaps", i, "note"), f"gaps.{i + 1}")) for i, g in enumerate(items or ()))


def build_entry(annex_id: str, doc: RawDocument, index: int) -> Entry:
    e = doc.data["entries"][index]
    t = _Texts(doc, ("entries", index), f"{annex_id}/{e['code']}")
    g = e.get("guidance")
    return Entry(
        annex=annex_id,
        code=e["code"],
        heading=t(("heading",), "heading", "legal"),
        title=t(("title",), "title") if e.get("title") else "",  # no title: no text to translate
        kind=e["kind"],
        stages=tuple(e.get("stages", ())),
        guidance=Guidance(
            t(("guidance", "covers"), "guidance.covers"),
            t(("guidance", "excludes"), "guidance.excludes"),
            tuple(t(("guidance", "examples", i), f"guidance.examples.{i + 1}") for i in range(len(g.get("examples", ())))),
        ) if g else None,
        source=Source(e["source"]["citation"], e["source"].get("url", ""), e["source"].get("grade", "")),
        effective_date=date.fromisoformat(e["effective_date"]),
        paragraphs=_paragraphs(t, e.get("paragraphs"), ("paragraphs",), "paragraph"),
        notes=_notes(t, e.get("notes"), ("notes",), ""),
        reasons=tuple(Reason(r["code"], r["applies_to"], r.get("country_chart", "")) for r in e.get("reasons_for_control", ())),
        license_exceptions=tuple(
            LicenseException(x["code"], x["available"], x.get("conditions", "")) for x in e.get("license_exceptions", ())
        ),
        related=tuple(e.get("related", ())),
        equivalents=tuple(
            Equivalent(q["annex"], q["code"], q.get("scope", "full"),
                       t(("equivalents", i, "note"), f"equivalents.{q['annex']}.{q['code']}") if q.get("note") else "")
            for i, q in enumerate(e.get("equivalents", ()))
        ),
        parameters=tuple(
            Parameter(p["id"], t(("parameters", i, "name"), f"parameters.{p['id']}"), p["unit"], p.get("type", "number"),
                      p.get("minimum"), p.get("maximum"))
            for i, p in enumerate(e.get("parameters", ()))
        ),
        thresholds=tuple(
            Threshold(th["paragraph"], tuple(Condition(c["parameter"], c["op"], float(c["value"])) for c in th["conditions"]),
                      t(("thresholds", i, "note"), f"thresholds.{i + 1}.note") if th.get("note") else "",
                      tuple(Quality(q["id"], q["text"]) for q in th.get("requires", ())))
            for i, th in enumerate(e.get("thresholds", ()))
        ),
        amended_dates=tuple(date.fromisoformat(d) for d in e.get("amended_dates", ())),
        gaps=_gaps(t, e.get("gaps")),
        replaces=e.get("replaces", ""),
        paragraphs_status=e.get("paragraphs_status", ""),
    )


# What a language version file gives per entry; every other field comes from the source entry.
VERSION_FIELDS = ("heading", "paragraphs", "notes")


def build_version_entries(annex_id: str, doc: RawDocument, sources: list[RawDocument]) -> list[Entry]:
    """The entries of a language version file, built as the source entries are (same contexts,
    so the same alignment keys), their legal text located in the version file."""
    source = next(d for d in sources if d.data["category"] == doc.data["category"])
    by_code = {e["code"]: e for e in source.data["entries"]}
    merged = [{**{k: v for k, v in by_code[e["code"]].items() if k not in VERSION_FIELDS}, **e}
              for e in doc.data["entries"]]
    view = replace(doc, data={**doc.data, "entries": merged})
    return [build_entry(annex_id, view, i) for i in range(len(merged))]


def build_project(raw: RawProject) -> Project:
    annexes = []
    for ra in raw.annexes:
        a = ra.annex.data
        t = _Texts(ra.annex, (), a["id"])
        categories = []
        for doc in sorted(ra.categories, key=lambda d: d.data["category"]):
            c = doc.data
            number = c["category"]
            categories.append(
                Category(
                    number=number,
                    title=_Texts(doc, (), a["id"])(("title",), f"category.{number}") if c.get("title") else "",
                    entries=tuple(sorted((build_entry(a["id"], doc, i) for i in range(len(c["entries"]))),
                                         key=lambda x: x.code)),
                    notes=_governing(_Texts(doc, (), f"{a['id']}/category-{number}"), c.get("notes"), ("notes",)),
                )
            )
        annexes.append(
            Annex(
                id=a["id"],
                title=t(("title",), "title"),
                short_title=t(("short_title",), "short_title") if a.get("short_title") else t(("title",), "short_title"),
                authority=a["authority"],
                jurisdiction=a["jurisdiction"],
                legal_basis=a["legal_basis"],
                source_url=a["source_url"],
                source_language=a["source_language"],
                authentic_languages=tuple(a["authentic_languages"]),
                effective_date=date.fromisoformat(a["effective_date"]),
                status=a["status"],
                disclaimer=t(("disclaimer",), "disclaimer"),
                code_label=a["code_label"],
                summary=t(("summary",), "summary") if a.get("summary") else "",
                gaps=_gaps(t, a.get("gaps")),
                categories=tuple(categories),
                notes=_governing(_Texts(ra.annex, (), f"{a['id']}/notes"), a.get("notes"), ("notes",)),
                versions=tuple(
                    LegalVersion(lang, tuple(sorted(d.data["category"] for d in docs)),
                                 tuple(sorted((e for d in docs for e in build_version_entries(a["id"], d, ra.categories)),
                                              key=lambda x: x.code)))
                    for lang, docs in sorted(ra.versions.items())),
            )
        )
    terms = ()
    if raw.glossary:
        doc = raw.glossary
        terms = tuple(
            _term(_Texts(doc, ("terms", i), f"glossary/{term['id']}"), term)
            for i, term in enumerate(doc.data["terms"])
        )
    rules = ()
    if raw.rules:
        doc = raw.rules
        rules = tuple(
            Rule(r["id"], r["citation"], _Texts(doc, ("rules", i), f"rules/{r['id']}")(("title",), "title"),
                 r.get("url", ""), r.get("grade", ""))
            for i, r in enumerate(doc.data["rules"])
        )
    trees = tuple(sorted((build_tree(doc) for doc in raw.trees), key=lambda t: t.id))
    figures = ()
    if raw.figures:
        doc = raw.figures
        figures = tuple(sorted(
            (Figure(f["id"], f["year"], _Texts(doc, ("figures", i), f"figures/{f['id']}")(("label",), "label"),
                    float(f["value"]), f["unit"], f["source"]["citation"], f["source"].get("url", ""), f.get("annex", ""))
             for i, f in enumerate(doc.data["figures"])), key=lambda f: (f.id, f.annex, f.year)))
    return Project(annexes=tuple(sorted(annexes, key=lambda a: a.id)), glossary=Glossary(terms), trees=trees, rules=rules,
                   figures=figures)


def build_tree(doc: RawDocument) -> Tree:
    data = doc.data
    t = _Texts(doc, (), f"tree/{data['id']}")
    nodes = []
    for i, n in enumerate(data["nodes"]):
        nt = t.at(("nodes", i), n["id"])
        cites = tuple(Cite(c.get("entry", ""), c.get("rule", "")) for c in n.get("cites", ()))
        if "verdict" in n:
            nodes.append(TreeNode(
                n["id"], verdict=n["verdict"], title=nt(("title",), "title"), text=nt(("text",), "text"),
                next_steps=tuple(nt(("next_steps", j), f"next_steps.{j + 1}") for j in range(len(n.get("next_steps", ())))),
                cites=cites))
        else:
            nodes.append(TreeNode(
                n["id"], question=nt(("question",), "question"), help=nt(("help",), "help") if n.get("help") else "",
                answers=tuple(Answer(ANSWER_WORDS.get(a["label"]) or nt(("answers", j, "label"), f"answers.{j + 1}"), a["next"])
                              for j, a in enumerate(n["answers"])),
                cites=cites))
    return Tree(data["id"], t(("title",), "title"), t(("summary",), "summary"), data["start"], tuple(nodes))


def _term(t: _Texts, term: dict) -> GlossaryTerm:
    return GlossaryTerm(
        id=term["id"],
        term=t(("term",), "term"),
        explanation=t(("explanation",), "explanation") if term.get("explanation") else "",
        aliases=tuple(term.get("aliases", ())),
        definitions=tuple(
            GlossaryDefinition(d["annex"], t(("definitions", i, "text"), f"definitions.{d['annex']}", "legal"), d["source"])
            for i, d in enumerate(term.get("definitions", ()))
        ),
        defined_in=tuple(term.get("defined_in", ())),
        renderings=tuple((lang, tuple(r)) for lang, r in sorted(term.get("renderings", {}).items())),
    )
