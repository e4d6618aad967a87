"""Structure as the law writes it (issue 12), on a real MkDocs build of tests/roots/structure.

The scenario's legal text is synthetic (marked SYNTHETIC in every sentence). One test per feature:
notes inside paragraphs and inside notes, a list-only note beside lettered paragraphs, category,
group and annex notes linked from the entries they govern, paragraphs_status in-heading and
not-given, an entry without title, guidance or stages (short label, no invented text), a glossary
term without an explanation, and nested notes in extraction and change logs.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from helpers import ROOT, copy_scenario, pagefind_fragments, run_cli

STRUCTURE = ROOT / "tests" / "roots" / "structure"
LONG_HEADING = ("SYNTHETIC “software” specially designed or modified for the development or production of the "
                "synthetic widgets of 5A001 and the synthetic systems of 5A002, as follows:")
SHORT = "SYNTHETIC “software” specially designed or modified for the…"


class _Ids(HTMLParser):
    """Every id on a page, in order, and the id of the element each id sits in."""

    def __init__(self):
        super().__init__()
        self.ids: list[str] = []
        self.parents: dict[str, list[str]] = {}
        self._stack: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        ident = dict(attrs).get("id") or ""
        if ident:
            self.ids.append(ident)
            self.parents[ident] = [i for _, i in self._stack if i]
        if tag not in ("br", "hr", "img", "input", "meta", "link", "source", "wbr"):
            self._stack.append((tag, ident))

    def handle_endtag(self, tag):
        for k in range(len(self._stack) - 1, -1, -1):
            if self._stack[k][0] == tag:
                del self._stack[k:]
                break


def ids(html: str) -> _Ids:
    p = _Ids()
    p.feed(html)
    return p


def article(html: str) -> str:
    """The page's content, without the navigation and the search index."""
    return html.split('<article', 1)[1].split("</article>", 1)[0]


def nav(html: str) -> str:
    """The sidebar navigation."""
    return html.split('md-nav--primary', 1)[1].split('class="md-content"', 1)[0]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = copy_scenario(tmp_path_factory.mktemp("structure") / "project", STRUCTURE)
    site = project / "out"
    result = run_cli("-C", str(project), "build", "-d", str(site))
    assert result.returncode == 0, result.stderr
    return project, site


def page(built, rel: str) -> str:
    return (built[1] / rel / "index.html").read_text(encoding="utf-8")


# -- notes inside paragraphs and inside notes ---------------------------------------------------
def test_a_note_inside_a_paragraph_sits_where_the_paragraph_ends_with_its_own_anchor(built):
    html = article(page(built, "synth/5a002"))
    found = ids(html)
    assert 'href="#a-note-1"' in html and "SYNTHETIC note inside paragraph a." in html
    order = [i for i in found.ids if i in ("a", "a.1", "a.2", "a-note-1", "b", "c")]
    assert order == ["a", "a.1", "a.2", "a-note-1", "b", "c"], "the note closes paragraph a, before b"


def test_a_nested_note_sits_inside_its_parent_note(built):
    found = ids(article(page(built, "synth/5a002")))
    assert "a-note-1-note-1" in found.ids
    assert found.parents["a-note-1-note-1"][-1] == "a-note-1"


# -- a list-only note beside lettered paragraphs --------------------------------------------------
def test_a_list_only_note_is_never_read_as_paragraphs(built):
    html = article(page(built, "synth/5a002"))
    found = ids(html)
    assert len(found.ids) == len(set(found.ids)), "no id twice on the page"
    for letter in "abc":
        assert found.ids.count(letter) == 1
        assert f"note-1-{letter}" in found.ids
        assert found.parents[f"note-1-{letter}"][-1] == "note-1"
    # the note has no text of its own: its label, then its items
    assert re.search(r'<a class="annex-label" href="#note-1"><strong>Note 2</strong></a></p>', html)
    item_b = re.search(r'<p [^>]*id="note-1-b"[^>]*>(.*?)</p>', html).group(1)
    assert 'href="#note-1-b"' in item_b and "list-only note item b" in item_b
    para_b = re.search(r'<p [^>]*id="b"[^>]*>(.*?)</p>', html).group(1)
    assert "SYNTHETIC paragraph b;" in para_b


# -- category, group and annex notes -------------------------------------------------------------
GOVERNING = {  # entry -> the governing notes it must link to, as (page, anchor)
    "5a001": {("../", "synthetic-general-note"), ("../5/", "category-note"), ("../5a/", "group-a-note")},
    "5a002": {("../", "synthetic-general-note"), ("../5/", "category-note"), ("../5a/", "group-a-note"),
              ("../5/", "governing-list-note")},
    "5b001": {("../", "synthetic-general-note"), ("../5/", "category-note")},
    "5d001": {("../", "synthetic-general-note"), ("../5/", "category-note")},
}


@pytest.mark.parametrize("code", sorted(GOVERNING))
def test_every_entry_links_to_exactly_the_notes_that_govern_it(built, code):
    html = article(page(built, f"synth/{code}"))
    assert 'id="notes-that-govern-this-entry"' in html
    section = html.split('id="notes-that-govern-this-entry"', 1)[1].split("<ul>", 1)[1].split("</ul>", 1)[0]
    links = set(re.findall(r'href="([^"#]*)#([^"]+)"', section))
    assert links == GOVERNING[code]


def test_a_category_note_is_shown_on_the_category_page_with_its_anchor(built):
    html = article(page(built, "synth/5"))
    found = ids(html)
    assert "category-note" in found.ids and "SYNTHETIC category note" in html
    assert "group-a-note" not in found.ids, "a group's note is on the group page"


def test_a_group_note_is_shown_on_its_group_page_only(built):
    assert "group-a-note" in ids(article(page(built, "synth/5a"))).ids
    for other in ("synth/5b", "synth/5d"):
        assert "group-a-note" not in page(built, other)


def test_a_note_with_governs_names_its_entries_and_keeps_its_items_and_nested_note(built):
    html = article(page(built, "synth/5"))
    found = ids(html)
    for i in ("governing-list-note", "governing-list-note-a", "governing-list-note-b", "governing-list-note-note-1"):
        assert i in found.ids
        if i != "governing-list-note":
            assert "governing-list-note" in found.parents[i]
    note = html.split('id="governing-list-note"', 1)[1].split("</div>\n</div>", 1)[0]
    assert re.search(r'Governs only: <a href="../5a002/">5A002</a>', note)


def test_an_annex_note_is_shown_on_the_annex_page(built):
    html = article(page(built, "synth"))
    assert "synthetic-general-note" in ids(html).ids
    assert "SYNTHETIC annex-level note" in html


# -- paragraphs_status ---------------------------------------------------------------------------
def test_paragraphs_not_given_says_so_and_points_to_the_official_text(built):
    html = article(page(built, "synth/5b001"))
    assert "The source we transcribe from does not give the paragraphs of this entry." in html
    assert 'href="https://example.invalid/synthetic-list/5b001"' in html
    assert "contained in the heading" not in html


def test_paragraphs_in_heading_says_the_heading_is_the_list(built):
    html = article(page(built, "synth/5a001"))
    assert "The list of items controlled is contained in the heading." in html
    assert "does not give the paragraphs" not in html


# -- nothing invented is required; short labels ----------------------------------------------------
def test_an_entry_without_guidance_or_stages_says_none_is_written_yet(built):
    html = article(page(built, "synth/5d001"))
    assert "No plain-language guidance is written for this entry yet." in html
    assert "What it covers." not in html and "Matters at:" not in html
    for stage in ("theory", "simulation", "prototype", "fabrication", "deployment"):
        assert "5d001" not in article(page(built, f"stages/{stage}"))
    assert "5d001" in article(page(built, "kinds/software"))


def test_an_untitled_entry_is_named_by_a_short_label_and_shows_its_whole_heading(built):
    html = page(built, "synth/5d001")
    assert len(SHORT) <= 61 and LONG_HEADING.startswith(SHORT[:-1])
    assert f"<title>5D001 {SHORT} - " in html
    body = article(html)
    assert f"5D001: {SHORT}" in body.split("</h1>")[0]
    heading = re.search(r'<p class="annex-heading"[^>]*>(.*?)</p>', body).group(1)
    assert re.sub(r"<[^>]+>", "", heading) == LONG_HEADING
    # navigation (sidebar), breadcrumbs' pages (group, category, annex lists), search titles
    assert SHORT in nav(html) and LONG_HEADING not in nav(html)
    for listing in ("synth/5d", "synth/5", "synth", "kinds/software"):
        text = article(page(built, listing))
        assert SHORT in text and "of 5A001 and the synthetic" not in text, listing
    titles = {doc["meta"]["title"] for doc in pagefind_fragments(built[1] / "pagefind")  # what a result shows
              if doc["url"].rstrip("/").endswith("/synth/5d001")}
    assert f"5D001: {SHORT}" in titles
    entries = json.loads((built[1] / "data" / "entries.json").read_text(encoding="utf-8"))
    assert {e["code"]: e["title"]["en"] for e in entries["entries"]}["5D001"] == SHORT


def test_the_which_entry_guide_copes_with_an_untitled_entry(built):
    html = article(page(built, "trees/which-entry/software-5d"))
    assert SHORT in html


def test_an_untitled_entry_makes_no_text_to_translate():
    from annexsite.i18n.extract import annex_messages
    from annexsite.pipeline import Paths, check

    msgs = annex_messages(check(Paths(STRUCTURE)))
    contexts = {m.context: m for m in msgs}
    assert not [c for c in contexts if c.startswith("synth/5D001/") and contexts[c].domain == "content"]
    assert "synth/5A001/title" in contexts and "synth/5A001/guidance.covers" in contexts


def test_a_glossary_term_without_explanation_says_where_it_is_defined(built):
    html = article(page(built, "glossary"))
    section = html.split('id="information-security"', 1)[1].split("<h2", 1)[0]
    assert "The definition is not reproduced on this site" in section
    assert "Synthetic definitions list (not law)" in section


# -- extraction and change logs ---------------------------------------------------------------------
def test_nested_notes_are_extracted_with_stable_contexts_and_lines():
    from annexsite.i18n.extract import annex_catalog
    from annexsite.pipeline import Paths, check

    legal = annex_catalog(check(Paths(STRUCTURE)), "legal")
    where = {m.context: (m.id, m.locations) for m in legal if m.id}
    cat = "annexes/synth/category-5.yaml"
    expected = {
        "synth/5A002/paragraph.a.note.1": ("SYNTHETIC note inside paragraph a.", cat),
        "synth/5A002/paragraph.a.note.1.note.1": ("SYNTHETIC technical note nested inside the note of paragraph a.", cat),
        "synth/5A002/note.1.item.b": ("SYNTHETIC list-only note item b, not paragraph b;", cat),
        "synth/category-5/category-note": ("SYNTHETIC category note; it governs every entry of category 5.", cat),
        "synth/category-5/governing-list-note.item.a": ("SYNTHETIC first item of a governing note.", cat),
        "synth/category-5/governing-list-note.note.1": ("SYNTHETIC technical note nested in the governing note.", cat),
        "synth/notes/synthetic-general-note": ("SYNTHETIC annex-level note; it governs every entry of this list.",
                                               "annexes/synth/annex.yaml"),
    }
    for context, (text, path) in expected.items():
        assert context in where, context
        msgid, locations = where[context]
        assert msgid == text
        [(file, line)] = locations
        assert file == path
        assert text in (STRUCTURE / path).read_text(encoding="utf-8").splitlines()[line - 1]
    assert "synth/5A002/note.1" not in where, "a list-only note has no text of its own to translate"


def test_a_change_to_a_nested_note_is_in_the_change_log_by_its_key(tmp_path):
    project = copy_scenario(tmp_path / "project", STRUCTURE)
    result = run_cli("-C", str(project), "release", "2025.1", "--date", "2025-06-30")
    assert result.returncode == 0, result.stderr
    path = project / "annexes" / "synth" / "category-5.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("nested inside the note of paragraph a.", "nested inside the amended note of paragraph a."),
                    encoding="utf-8")
    result = run_cli("-C", str(project), "release", "2025.2", "--date", "2025-07-31")
    assert result.returncode == 0, result.stderr
    diff = run_cli("-C", str(project), "diff", "2025.1", "2025.2")
    assert diff.returncode == 0, diff.stderr
    assert "    paragraph.a.note.1.note.1: SYNTHETIC technical note nested inside the [+amended +]note of paragraph a." in diff.stdout
    site = project / "out"
    result = run_cli("-C", str(project), "build", "-d", str(site))
    assert result.returncode == 0, result.stderr
    log = article((site / "changes" / "2025.2" / "index.html").read_text(encoding="utf-8"))
    assert "<strong>Note 1 › 1 in paragraph a</strong>" in log
    assert "<ins>" in log and "amended" in log
    # each release's text of the entry keeps its notes in paragraphs and nested notes
    before = article((site / "releases" / "2025.1" / "synth" / "5a002" / "index.html").read_text(encoding="utf-8"))
    after = article((site / "releases" / "2025.2" / "synth" / "5a002" / "index.html").read_text(encoding="utf-8"))
    assert "nested inside the note of paragraph a." in before and "nested inside the amended note" in after
    assert "SYNTHETIC note inside paragraph a." in before and "list-only note item b" in before
    not_given = article((site / "releases" / "2025.1" / "synth" / "5b001" / "index.html").read_text(encoding="utf-8"))
    assert "does not give the paragraphs of this entry" in not_given


# -- the short label itself ---------------------------------------------------------------------------
@pytest.mark.parametrize("heading, label", [
    ("Quantum computers and related “electronic assemblies”, as follows.", "Quantum computers and related “electronic assemblies”"),
    ("Cryogenic wafer probing equipment, having all of the following:", "Cryogenic wafer probing equipment"),
    ("Epitaxial materials consisting of a substrate having any of the following:", "Epitaxial materials consisting of a substrate"),
    ("Systems, equipment and components, as follows:", "Systems, equipment and components"),
    ("Short heading.", "Short heading"),
    ("Quantum computers and related “electronic assemblies,” and “components” therefor, as follows (see List of Items Controlled).",
     "Quantum computers and related “electronic assemblies,” and…"),
    ("Cryogenic cooling systems and components, as follows (see List of Items Controlled).",
     "Cryogenic cooling systems and components"),
])
def test_short_label_drops_the_list_tail_and_cuts_at_a_word(heading, label):
    from annexsite.derive.text import short_label

    assert short_label(heading) == label


def test_short_label_never_cuts_a_word():
    from annexsite.derive.text import short_label

    heading = "Equipment " + "abcdefghij " * 12
    label = short_label(heading)
    assert label.endswith("…") and len(label) <= 61
    assert all(w in ("Equipment", "abcdefghij") for w in label[:-1].split())
    assert short_label("x" * 80) == "x" * 80  # one long word is kept whole, not cut


def test_an_informative_translation_of_a_category_note_is_marked(tmp_path):
    """A reader of another language sees the authentic note, its informative translation beside
    it, and the page says which is which, as on entry pages."""
    from annexsite.localize import Language
    from annexsite.pipeline import Paths, generate

    project = copy_scenario(tmp_path / "project", STRUCTURE)
    po = project / "locales" / "fr" / "LC_MESSAGES" / "legal.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  'msgctxt "synth/category-5/category-note"\n'
                  'msgid "SYNTHETIC category note; it governs every entry of category 5."\n'
                  'msgstr "Note de catégorie SYNTHÉTIQUE ; elle régit toutes les rubriques de la catégorie 5."\n',
                  encoding="utf-8")
    paths = Paths(project, templates=str(ROOT / "templates"))
    files = generate(paths, [Language("en", "English", True), Language("fr", "Français")], min_coverage=0).rendered.files
    fr, en = files["fr/synth/5/index.md"], files["en/synth/5/index.md"]
    assert "SYNTHETIC category note; it governs every entry of category 5." in fr
    assert '<p class="annex-informative" lang="fr" markdown>Note de catégorie SYNTHÉTIQUE' in fr
    assert 'data-translation="informative"' in fr and 'data-translation="informative"' not in en
    assert 'data-translation="informative"' not in files["fr/synth/5a/index.md"], "no translation shown there"


# -- an answer names the notes that govern its entry ----------------------------------------------

def test_an_answer_names_the_notes_that_govern_its_entry_each_on_its_own_page(built, tmp_path):
    """The annex, category and group notes (an EU Cryptography Note, a General Technology Note)
    are read with every row of an entry they govern: the answer lists them, linked to the page
    that shows them, beside the entry's own notes."""
    project = copy_scenario(tmp_path / "project", STRUCTURE)
    path = project / "annexes/synth/category-5.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    entry = next(e for e in data["entries"] if e["code"] == "5A002")
    entry["parameters"] = [{"id": "synthetic_size", "name": "SYNTHETIC size", "unit": "1", "type": "integer", "minimum": 0}]
    entry["thresholds"] = [{"paragraph": "a.1", "conditions": [{"parameter": "synthetic_size", "op": ">", "value": 56}]}]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    result = run_cli("-C", str(project), "classify", "synthetic_size=128", "--json")
    assert result.returncode == 0, result.stderr
    [match] = json.loads(result.stdout)["matches"]
    notes = [(n["page"], n["anchor"]) for n in match["notes"]]
    assert notes[:4] == [("synth/", "synthetic-general-note"), ("synth/5/", "category-note"),
                         ("synth/5a/", "group-a-note"), ("synth/5/", "governing-list-note")]
    assert notes[4:] == [("synth/5a002/", "note-1"), ("synth/5a002/", "a-note-1")]  # the entry's note, the note inside a
    for where, anchor in notes:  # each link lands on its note in the built site
        assert anchor in ids(article(page(built, where.rstrip("/")))).ids, (where, anchor)

    text = run_cli("-C", str(project), "classify", "synthetic_size=128")
    assert "Synthetic Cryptography Note \u201cSYNTHETIC first item of a governing note\u201d (synth/5/#governing-list-note)" in text.stdout

