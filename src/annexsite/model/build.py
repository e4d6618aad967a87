"""Turn validated raw documents into model objects. Assumes validation passed."""

from __future__ import annotations

from datetime import date

from annexsite.load import RawProject
from annexsite.model.objects import (
    Annex, Category, Condition, Entry, Equivalent, Gap, Glossary, GlossaryDefinition, GlossaryTerm,
    Guidance, LicenseException, Note, Paragraph, Parameter, Project, Reason, Source, Threshold,
)


def _paragraphs(items) -> tuple[Paragraph, ...]:
    return tuple(Paragraph(p["label"], p["text"], _paragraphs(p.get("paragraphs", ()))) for p in items or ())


def _gaps(items) -> tuple[Gap, ...]:
    return tuple(Gap(g["field"], g["note"]) for g in items or ())


def build_entry(annex_id: str, e: dict) -> Entry:
    g = e["guidance"]
    return Entry(
        annex=annex_id,
        code=e["code"],
        heading=e["heading"],
        title=e.get("title") or e["heading"],
        kind=e["kind"],
        stages=tuple(e["stages"]),
        guidance=Guidance(g["covers"], g["excludes"], tuple(g.get("examples", ()))),
        source=Source(e["source"]["citation"], e["source"].get("url", ""), e["source"].get("grade", "")),
        effective_date=date.fromisoformat(e["effective_date"]),
        paragraphs=_paragraphs(e.get("paragraphs")),
        notes=tuple(
            Note(n["kind"], n["text"], n.get("label", ""), n.get("applies_to", ""), _paragraphs(n.get("paragraphs")))
            for n in e.get("notes", ())
        ),
        reasons=tuple(Reason(r["code"], r["applies_to"], r.get("country_chart", "")) for r in e.get("reasons_for_control", ())),
        license_exceptions=tuple(
            LicenseException(x["code"], x["available"], x.get("conditions", "")) for x in e.get("license_exceptions", ())
        ),
        related=tuple(e.get("related", ())),
        equivalents=tuple(
            Equivalent(q["annex"], q["code"], q.get("scope", "full"), q.get("note", "")) for q in e.get("equivalents", ())
        ),
        parameters=tuple(Parameter(p["id"], p["name"], p["unit"]) for p in e.get("parameters", ())),
        thresholds=tuple(
            Threshold(t["paragraph"], tuple(Condition(c["parameter"], c["op"], float(c["value"])) for c in t["conditions"]), t.get("note", ""))
            for t in e.get("thresholds", ())
        ),
        amended_dates=tuple(date.fromisoformat(d) for d in e.get("amended_dates", ())),
        gaps=_gaps(e.get("gaps")),
    )


def build_project(raw: RawProject) -> Project:
    annexes = []
    for ra in raw.annexes:
        a = ra.annex.data
        categories = []
        for doc in sorted(ra.categories, key=lambda d: d.data["category"]):
            c = doc.data
            categories.append(
                Category(
                    number=c["category"],
                    title=c.get("title", ""),
                    entries=tuple(sorted((build_entry(a["id"], e) for e in c["entries"]), key=lambda x: x.code)),
                )
            )
        annexes.append(
            Annex(
                id=a["id"],
                title=a["title"],
                short_title=a.get("short_title") or a["title"],
                authority=a["authority"],
                jurisdiction=a["jurisdiction"],
                legal_basis=a["legal_basis"],
                source_url=a["source_url"],
                source_language=a["source_language"],
                authentic_languages=tuple(a["authentic_languages"]),
                effective_date=date.fromisoformat(a["effective_date"]),
                status=a["status"],
                disclaimer=a["disclaimer"],
                code_label=a["code_label"],
                summary=a.get("summary", ""),
                gaps=_gaps(a.get("gaps")),
                categories=tuple(categories),
            )
        )
    terms = ()
    if raw.glossary:
        terms = tuple(
            GlossaryTerm(
                id=t["id"],
                term=t["term"],
                explanation=t["explanation"],
                aliases=tuple(t.get("aliases", ())),
                definitions=tuple(GlossaryDefinition(d["annex"], d["text"], d["source"]) for d in t.get("definitions", ())),
                defined_in=tuple(t.get("defined_in", ())),
            )
            for t in raw.glossary.data["terms"]
        )
    return Project(annexes=tuple(sorted(annexes, key=lambda a: a.id)), glossary=Glossary(terms))
