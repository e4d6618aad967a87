"""Checks across fields and files, run after each document has passed its schema."""

from __future__ import annotations

from datetime import date

from babel import Locale, UnknownLocaleError

from annexsite.diagnostics import Diagnostic, Location
from annexsite.load import RawProject
from annexsite.load.project import CATEGORY_FILE
from annexsite.load.yamlfile import RawDocument
from annexsite.model.terms import quoted_terms, term_key
from annexsite.validate.schema import check_schema
from annexsite.validate.trees import check_rules, check_tree
from annexsite.validate.versions import check_versions


def _walk_paragraphs(items, path: tuple, parent_label: str = ""):
    """(paragraph dict, its path, its parent's label) for a raw paragraph list, depth first."""
    for k, p in enumerate(items or []):
        here = path + (k,)
        yield p, here, parent_label
        yield from _walk_paragraphs(p.get("paragraphs"), here + ("paragraphs",), p["label"])


def _walk_notes(notes, path: tuple):
    """(note dict, its path) for a raw note list and every note inside it: in its items'
    paragraphs and nested in it, depth first."""
    for k, n in enumerate(notes or []):
        here = path + (k,)
        yield n, here
        for p, ppath, _ in _walk_paragraphs(n.get("paragraphs"), here + ("paragraphs",)):
            yield from _walk_notes(p.get("notes"), ppath + ("notes",))
        yield from _walk_notes(n.get("notes"), here + ("notes",))


def _entry_notes(e: dict, path: tuple):
    """Every note of a raw entry: its own notes and those inside its paragraphs, nested included."""
    yield from _walk_notes(e.get("notes"), path + ("notes",))
    for p, here, _ in _walk_paragraphs(e.get("paragraphs"), path + ("paragraphs",)):
        yield from _walk_notes(p.get("notes"), here + ("notes",))


def _date_problem(doc: RawDocument, path: tuple, value: str) -> Diagnostic | None:
    try:
        date.fromisoformat(value)
    except (TypeError, ValueError):
        return Diagnostic(doc.location(path), f"{value!r} is not a valid date", "write YYYY-MM-DD, e.g. 2024-09-06")
    return None


_DECLARED = {"unit": None, "type": "number", "minimum": None, "maximum": None}  # key -> its default


def _shown(value) -> str:
    return "none" if value is None else repr(value) if isinstance(value, str) else f"{value:g}"


class _Checker:
    def __init__(self, raw: RawProject):
        self.raw = raw
        self.problems: list[Diagnostic] = list(raw.diagnostics)
        self.valid: set[int] = set()  # id() of documents that passed their schema
        self._index: dict | None = None  # glossary forms, built on first use

    def error(self, doc: RawDocument, path: tuple, message: str, hint: str = "", *, key: bool = False):
        self.problems.append(Diagnostic(doc.location(path, key=key), message, hint))

    def run(self) -> list[Diagnostic]:
        for kind, doc in self.raw.documents():
            errs = check_schema(kind, doc)
            self.problems.extend(errs)
            if not errs:
                self.valid.add(id(doc))
        entries = self._entries()
        self._annexes()
        self._glossary()
        self._codes = {(a, x["code"]) for _, _, a, x in entries}
        self._by_key = {(a, x["code"]): x for _, _, a, x in entries}
        self._replaced: dict[tuple, tuple] = {}  # (annex, old code) -> where it is first replaced
        for doc, path, annex_id, entry in entries:
            self._entry(doc, path, annex_id, entry)
        self._parameter_units(entries)
        self._governing_notes()
        for ra in self.raw.annexes:  # authentic language versions, aligned with their source
            self.problems.extend(check_versions(ra, not self.incomplete(ra.folder), self.ok))
        self._trees()
        self._figures()
        return sorted(set(self.problems))

    def _figures(self):
        doc = self.raw.figures
        if not self.ok(doc):
            return
        annexes = {ra.folder for ra in self.raw.annexes}
        seen: dict[tuple, tuple] = {}
        for i, f in enumerate(doc.data["figures"]):
            path = ("figures", i)
            if f.get("annex") and f["annex"] not in annexes:
                self.error(doc, path + ("annex",), f"figure {f['id']} ({f['year']}): annex {f['annex']!r} does not exist")
            if f["unit"] == "percent" and f["value"] > 1:
                self.error(doc, path + ("value",), f"figure {f['id']} ({f['year']}): a percent is a share between 0 and 1, got {f['value']}")
            key = (f["id"], f.get("annex", ""), f["year"])
            if key in seen:
                self.error(doc, path + ("year",), f"figure {f['id']} is given twice for {f['year']} (first at {doc.location(seen[key])})")
            else:
                seen[key] = path + ("year",)

    # -- decision trees -------------------------------------------------------------
    def _trees(self):
        rule_ids = None
        if self.ok(self.raw.rules):
            rule_ids, problems = check_rules(self.raw.rules)
            self.problems.extend(problems)

        def entry_exists(annex_id: str, code: str):
            if self.incomplete(annex_id):
                return None
            return (annex_id, code) in self._codes

        for doc in self.raw.trees:
            if self.ok(doc):
                self.problems.extend(check_tree(doc, entry_exists, rule_ids))

    def incomplete(self, annex_id: str) -> bool:
        """True when part of an annex failed to load or validate: references into it are not judged."""
        for ra in self.raw.annexes:
            if ra.folder == annex_id:
                return ra.unreadable or not self.ok(ra.annex) or not all(self.ok(d) for d in ra.categories)
        return False

    def ok(self, doc: RawDocument | None) -> bool:
        return doc is not None and id(doc) in self.valid

    # -- annexes and categories -------------------------------------------------
    def _annexes(self):
        for ra in self.raw.annexes:
            doc = ra.annex
            if not self.ok(doc):
                continue
            a = doc.data
            if a["id"] != ra.folder:
                self.error(doc, ("id",), f"annex id {a['id']!r} does not match its folder {ra.folder!r}", "rename one so they agree")
            if p := _date_problem(doc, ("effective_date",), a["effective_date"]):
                self.problems.append(p)
            for i, lang in enumerate([a["source_language"], *a["authentic_languages"]]):
                path = ("source_language",) if i == 0 else ("authentic_languages", i - 1)
                try:
                    Locale.parse(lang)
                except (ValueError, UnknownLocaleError):
                    self.error(doc, path, f"unknown language code {lang!r}")

    def _entries(self):
        """(doc, path, annex_id, entry dict) for every schema-valid entry; duplicate codes reported."""
        found = []
        for ra in self.raw.annexes:
            annex_id = ra.folder  # equal to the id in annex.yaml, or that mismatch is reported
            seen: dict[str, RawDocument | tuple] = {}
            for doc in ra.categories:
                if not self.ok(doc):
                    continue
                number = doc.data["category"]
                file_number = int(CATEGORY_FILE.match(doc.path.name).group(1))
                if number != file_number:
                    self.error(doc, ("category",), f"category {number} does not match the file name {doc.path.name}")
                for i, entry in enumerate(doc.data["entries"]):
                    path = ("entries", i)
                    code = entry["code"]
                    if int(code[0]) != number:
                        self.error(
                            doc, path + ("code",),
                            f"code {code} is category {code[0]}, group {code[1]}, but this file holds category {number}",
                            f"move it to category-{code[0]}.yaml or correct the code",
                        )
                    if code in seen:
                        first_doc, first_path = seen[code]
                        where = first_doc.location(first_path)
                        self.error(doc, path + ("code",), f"duplicate code {code} (first defined at {where})")
                        continue
                    seen[code] = (doc, path + ("code",))
                    found.append((doc, path, annex_id, entry))
        return found

    # -- one entry ------------------------------------------------------------
    def _entry(self, doc, path, annex_id, e):
        code = e["code"]
        codes = self._codes
        if p := _date_problem(doc, path + ("effective_date",), e["effective_date"]):
            self.problems.append(p)
        for j, d in enumerate(e.get("amended_dates", [])):
            if p := _date_problem(doc, path + ("amended_dates", j), d):
                self.problems.append(p)

        labels: dict[str, tuple] = {}
        for p, here, parent_label in _walk_paragraphs(e.get("paragraphs"), path + ("paragraphs",)):
            label = p["label"]
            if parent_label and not label.startswith(parent_label + "."):
                self.error(doc, here + ("label",), f"{code}: paragraph {label} sits under {parent_label}", f"label it {parent_label}.<n>")
            if label in labels:
                self.error(doc, here + ("label",), f"{code}: paragraph label {label} is used twice")
            labels[label] = here
        for k, n in enumerate(e.get("notes", [])):
            target = n.get("applies_to")
            if target and target not in labels:
                self.error(doc, path + ("notes", k, "applies_to"), f"{code}: note applies to unknown paragraph {target!r}")
        for n, here in _entry_notes(e, path):
            self._note_body(doc, here, n, code)
        status = e.get("paragraphs_status")
        if e.get("paragraphs") and status:
            self.error(doc, path + ("paragraphs_status",), f"{code}: paragraphs_status {status} contradicts the paragraphs given",
                       "leave paragraphs_status out when the entry has paragraphs")
        elif not e.get("paragraphs") and not status:
            self.error(doc, path + ("code",), f"{code}: no paragraphs and no paragraphs_status",
                       "write paragraphs_status: in-heading (the heading is the whole control text) or not-given "
                       "(the source we transcribe from does not give the paragraphs)")
        if (was := e.get("replaces")) is not None:
            if was == code:
                self.error(doc, path + ("replaces",), f"{code} declares that it replaces itself")
            elif (annex_id, was) in codes:
                self.error(doc, path + ("replaces",), f"{code} replaces {was}, but {was} is still an entry of annex {annex_id}",
                           "a renumbered entry's old code must be gone; remove the old entry or the replaces key")
            elif (first := self._replaced.setdefault((annex_id, was), (doc, path + ("replaces",)))) != (doc, path + ("replaces",)):
                self.error(doc, path + ("replaces",), f"{code}: {was} is already replaced by the entry at {first[0].location(first[1])}")
        for k, rel in enumerate(e.get("related", [])):
            if rel == code:
                self.error(doc, path + ("related", k), f"{code} lists itself as related")
            elif (annex_id, rel) not in codes and not self.incomplete(annex_id):
                self.error(doc, path + ("related", k), f"{code}: related entry {rel} does not exist in annex {annex_id}",
                           "related entries must be in the same annex; use equivalents for other annexes")
        by_key = self._by_key
        for k, q in enumerate(e.get("equivalents", [])):
            target = (q["annex"], q["code"])
            if target == (annex_id, code):
                self.error(doc, path + ("equivalents", k), f"{code} lists itself as an equivalent")
            elif target not in by_key:
                if self.incomplete(q["annex"]):
                    continue
                if q["annex"] not in {ra.folder for ra in self.raw.annexes}:
                    self.error(doc, path + ("equivalents", k, "annex"), f"{code}: equivalent annex {q['annex']!r} does not exist")
                    continue
                self.error(doc, path + ("equivalents", k, "code"), f"{code}: equivalent {q['annex']}/{q['code']} does not exist")
            elif not any(b.get("annex") == annex_id and b.get("code") == code for b in by_key[target].get("equivalents", [])):
                self.error(doc, path + ("equivalents", k, "code"),
                           f"{code}: {q['annex']}/{q['code']} does not list {annex_id}/{code} back as an equivalent",
                           "equivalents are declared on both sides so each page links to the other")
        for key, what in (("reasons_for_control", "reason for control"), ("license_exceptions", "licence exception"), ("parameters", "parameter")):
            seen = set()
            for k, item in enumerate(e.get(key, [])):
                ident = item.get("code") or item.get("id")
                if ident in seen:
                    self.error(doc, path + (key, k), f"{code}: {what} {ident} is listed twice")
                seen.add(ident)
        params = {p["id"]: p for p in e.get("parameters", [])}
        for k, p in enumerate(e.get("parameters", [])):
            if p.get("minimum") is not None and p.get("maximum") is not None and p["minimum"] > p["maximum"]:
                self.error(doc, path + ("parameters", k, "maximum"), f"{code}: parameter {p['id']} has maximum {p['maximum']:g} below its minimum {p['minimum']:g}")
        texts = {p["label"]: p["text"] for p, _, _ in _walk_paragraphs(e.get("paragraphs"), path + ("paragraphs",))}
        for k, t in enumerate(e.get("thresholds", [])):
            if t["paragraph"] not in labels:
                self.error(doc, path + ("thresholds", k, "paragraph"), f"{code}: threshold names unknown paragraph {t['paragraph']!r}")
            for m, c in enumerate(t["conditions"]):
                if c["parameter"] not in params:
                    self.error(doc, path + ("thresholds", k, "conditions", m, "parameter"),
                               f"{code}: threshold uses undeclared parameter {c['parameter']!r}", "declare it under parameters")
                    continue
                p = params[c["parameter"]]
                low, high = p.get("minimum"), p.get("maximum")
                if (low is not None and c["value"] < low) or (high is not None and c["value"] > high):
                    bounds = (f"from {low:g} to {high:g}" if low is not None and high is not None
                              else f"at least {low:g}" if low is not None else f"at most {high:g}")
                    self.error(doc, path + ("thresholds", k, "conditions", m, "value"),
                               f"{code}: threshold value {c['value']:g} is outside the range of {c['parameter']} ({bounds})",
                               "a threshold outside the values the parameter can take is a typo or a wrong range")
            # a quality is quoted from the legal text of the row's paragraph, the paragraphs above it,
            # or a note of the entry that applies to one of them (or to the whole entry)
            label, above = t["paragraph"], []
            while label:
                above.append(texts.get(label, ""))
                label = label.rpartition(".")[0]
            chain = [x for x in texts if t["paragraph"] == x or t["paragraph"].startswith(x + ".")]
            above += [n.get("text", "") for n in e.get("notes", []) if not n.get("applies_to") or n["applies_to"] in chain]
            for m, q in enumerate(t.get("requires", [])):
                if t["paragraph"] in labels and not any(q["text"] in text for text in above):
                    self.error(doc, path + ("thresholds", k, "requires", m, "text"),
                               f"{code}: condition {q['id']!r} is not quoted verbatim from the legal text of paragraph {t['paragraph']} or a note that applies to it",
                               "copy the words from the paragraph's text or its note, so the question asks what the law says")
        self._terms(doc, path, e)

    def _terms(self, doc, path, e):
        glossary = self._glossary_index()
        if glossary is None:
            return

        def check(text, tpath):
            for _, _, inner, double in quoted_terms(text, single=False):
                if double and term_key(inner) not in glossary:
                    self.error(doc, tpath, f"{e['code']}: quoted term “{inner}” is not in the glossary",
                               "add it to annexes/glossary.yaml (term or aliases)")

        check(e["heading"], path + ("heading",))
        for p, here, _ in _walk_paragraphs(e.get("paragraphs"), path + ("paragraphs",)):
            check(p["text"], here + ("text",))
        for n, npath in _entry_notes(e, path):
            self._note_terms(doc, npath, n, check)

    def _note_terms(self, doc, path, n, check):
        """Quoted terms of one note's own text and items (notes inside it are walked by the caller)."""
        if n.get("text"):
            check(n["text"], path + ("text",))
        for p, here, _ in _walk_paragraphs(n.get("paragraphs"), path + ("paragraphs",)):
            check(p["text"], here + ("text",))

    def _note_body(self, doc, path, n, owner: str):
        if not n.get("text") and not n.get("paragraphs"):
            what = n.get("label") or n.get("id") or n["kind"]
            self.error(doc, path, f"{owner}: note {what!r} has neither text nor paragraphs",
                       "give its text, its items under paragraphs, or both")

    # -- category and annex notes -------------------------------------------------
    def _governing_notes(self):
        """Notes of annex.yaml and the category files: unique ids in the annex, a group that has
        entries, governed codes that exist where the note applies."""
        for ra in self.raw.annexes:
            annex_id = ra.folder
            if self.incomplete(annex_id):
                docs = [d for d in (ra.annex, *ra.categories) if self.ok(d)]
                judge_refs = False
            else:
                docs = [ra.annex, *ra.categories]
                judge_refs = True
            cats = {d.data["category"]: d for d in ra.categories if self.ok(d)}
            codes = {e["code"] for d in cats.values() for e in d.data["entries"]}
            ids: dict[str, str] = {}
            for doc in docs:
                category = doc.data.get("category") if doc is not ra.annex else None
                for k, n in enumerate(doc.data.get("notes") or []):
                    path = ("notes", k)
                    owner = f"category {category}" if category is not None else f"annex {annex_id}"
                    if n["id"] in ids:
                        self.error(doc, path + ("id",), f"note id {n['id']!r} is used twice in annex {annex_id} (first at {ids[n['id']]})",
                                   "a note's id is its anchor: give each note of the annex its own")
                    else:
                        ids[n["id"]] = str(doc.location(path + ("id",)))
                    for m, here in _walk_notes([n], ("notes",)):
                        self._note_body(doc, (here[0], k) + here[2:], m, owner)
                    glossary = self._glossary_index()
                    if glossary is not None:
                        def check(text, tpath, doc=doc, owner=owner):
                            for _, _, inner, double in quoted_terms(text, single=False):
                                if double and term_key(inner) not in glossary:
                                    self.error(doc, tpath, f"{owner}: quoted term “{inner}” is not in the glossary",
                                               "add it to annexes/glossary.yaml (term or aliases)")
                        for m, here in _walk_notes([n], ("notes",)):
                            self._note_terms(doc, (here[0], k) + here[2:], m, check)
                    if not judge_refs:
                        continue
                    group = n.get("group")
                    if category is not None:
                        in_scope = {e["code"] for e in doc.data["entries"]}
                        scope = f"category {category}"
                    else:
                        in_scope, scope = codes, f"annex {annex_id}"
                    if group:
                        grouped = {c for c in in_scope if c[1] == group}
                        if not grouped:
                            where = f"{category}{group}" if category is not None else group
                            self.error(doc, path + ("group",), f"note {n['id']!r} governs group {where}, but {scope} has no {where} entries")
                            continue
                        in_scope = grouped
                        scope = f"group {category}{group}" if category is not None else f"group {group} of annex {annex_id}"
                    for j, code in enumerate(n.get("governs") or []):
                        if code not in in_scope:
                            self.error(doc, path + ("governs", j), f"note {n['id']!r} governs {code}, which is not an entry of {scope}")

    def _parameter_units(self, entries):
        """A parameter id means one quantity everywhere: one unit, one type, one range. A key that
        differs from the first declaration is reported at that key (or at the parameter, if absent)."""
        first: dict[str, tuple[dict, dict[str, Location]]] = {}
        for doc, path, _, e in entries:
            for k, p in enumerate(e.get("parameters", [])):
                here = path + ("parameters", k)
                if p["id"] not in first:
                    first[p["id"]] = (p, {key: doc.location(here + ((key,) if key in p else ())) for key in _DECLARED})
                    continue
                seen, where = first[p["id"]]
                for key, default in _DECLARED.items():
                    mine, theirs = p.get(key, default), seen.get(key, default)
                    if mine != theirs:
                        self.error(doc, here + ((key,) if key in p else ()),
                                   f"{e['code']}: parameter {p['id']} "
                                   + (f"is in {mine!r} here but in {theirs!r}" if key == "unit" else
                                      f"has {key} {_shown(mine)} here but {_shown(theirs)}") + f" at {where[key]}",
                                   "a parameter id means one quantity in one unit everywhere, so thresholds can be "
                                   "compared" if key == "unit" else
                                   "a parameter id means one quantity everywhere: declare the same type, minimum and "
                                   "maximum")

    # -- glossary --------------------------------------------------------------
    def _glossary_index(self):
        if self._index is None:
            g = self.raw.glossary
            if g is None:
                self._index = {}
            elif not self.ok(g):
                return None  # glossary broken: its own errors are reported; skip term checks
            else:
                self._index = {term_key(f): t for t in g.data["terms"] for f in (t["term"], *t.get("aliases", []))}
        return self._index

    def _glossary(self):
        g = self.raw.glossary
        if not self.ok(g):
            return
        annex_ids = {ra.folder for ra in self.raw.annexes}
        ids, forms = {}, {}
        for i, t in enumerate(g.data["terms"]):
            if t["id"] in ids:
                self.error(g, ("terms", i, "id"), f"glossary id {t['id']!r} is used twice (first at line {ids[t['id']]})")
            ids.setdefault(t["id"], g.location(("terms", i, "id")).line)
            for j, form in enumerate([t["term"], *t.get("aliases", [])]):
                key = term_key(form)
                if key in forms and forms[key] != t["id"]:
                    fpath = ("terms", i, "term") if j == 0 else ("terms", i, "aliases", j - 1)
                    self.error(g, fpath, f"term {form!r} also belongs to glossary term {forms[key]!r}")
                forms.setdefault(key, t["id"])
            if not (t.get("explanation") or t.get("definitions") or t.get("defined_in")):
                self.error(g, ("terms", i, "id"), f"glossary term {t['id']!r} has no explanation, definition or defined_in",
                           "transcribe its definitions, or name where the list defines it under defined_in")
            for j, d in enumerate(t.get("definitions", [])):
                if d["annex"] not in annex_ids:
                    self.error(g, ("terms", i, "definitions", j, "annex"), f"definition cites unknown annex {d['annex']!r}")


def validate_project(raw: RawProject) -> list[Diagnostic]:
    """All problems of the project, sorted by file and line. Empty means valid."""
    return _Checker(raw).run()
