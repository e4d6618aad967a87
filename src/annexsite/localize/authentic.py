"""Which authentic text of an entry a reader sees, and what the page says about the others.

A reader whose language is authentic for the annex, and transcribed, reads that version: it is
the law in their language, not a translation, so nothing on it is marked as one. Every other
reader sees the annex's source language text, with an informative translation where one exists.
"""

from __future__ import annotations

from dataclasses import dataclass

from annexsite.model.objects import N_

# what the page says about the language of the legal text shown
OWN = ""  # the text shown is authentic in the reader's language
NOT_TRANSCRIBED = "not-transcribed"  # authentic in the reader's language, but not transcribed here
NOT_AUTHENTIC = "not-authentic"  # the reader's language is not authentic; the source is the only one
ONE_OF = "one-of"  # the reader's language is not authentic; the source is one of several authentic ones


@dataclass(frozen=True)
class LegalChoice:
    view: object  # derive.versions.LegalView
    note: str  # OWN, NOT_TRANSCRIBED, NOT_AUTHENTIC or ONE_OF
    others: tuple[str, ...]  # the other authentic languages shown side by side on the versions page

    @property
    def lang(self) -> str:
        return self.view.lang

    @property
    def message(self) -> str:
        """What the page says about the language of the text shown (an interface label taking
        ``language``, the reader's, and ``source``, the annex's source language), or ""."""
        return _MESSAGES[self.note]

    @property
    def read_official(self) -> bool:
        """Whether the page points to the reader's own authentic version at the official source."""
        return self.note == NOT_TRANSCRIBED

    def translations(self, tr) -> "TranslationNotes":
        """What the page says about the informative translations of the legal text shown."""
        return translation_notes(self.view.sources, tr)


@dataclass(frozen=True)
class TranslationNotes:
    informative: bool  # some legal text has an informative translation, shown beside it
    outdated: bool  # some legal text has one that is out of date, and so not shown


def translation_notes(sources, tr) -> TranslationNotes:
    """Whether informative translations of the legal texts ``sources`` (Msgs) are shown beside
    them, and whether some are out of date, for a reader with catalogs ``tr``."""
    informative = outdated = False
    for source in sources:
        i = tr.informative(source)
        if i and i.state == "informative":
            informative = True
        elif i:
            outdated = True
    return TranslationNotes(informative, outdated)


def notes_translations(notes, tr) -> TranslationNotes:
    """translation_notes for the legal texts of governing notes (NoteViews) and what they hold."""
    return translation_notes((text for n in notes for text in n.legal_texts()), tr)


_MESSAGES = {
    OWN: "",
    NOT_TRANSCRIBED: N_("The legal text is authentic in %(language)s too, but this site has not transcribed its "
                        "%(language)s version and shows the %(source)s one."),
    ONE_OF: N_("The legal text is shown in %(source)s, one of the languages in which it is authentic."),
    NOT_AUTHENTIC: N_("The legal text is shown in %(source)s, the language in which it is authentic."),
}


def legal_for(annex, views: dict, lang: str) -> LegalChoice:
    """The legal text a reader of ``lang`` sees on an entry page of ``annex``."""
    others = tuple(code for code in views if code != lang)
    if lang in views:
        return LegalChoice(views[lang], OWN, others)
    view = views[annex.source_language]
    if lang in annex.authentic_languages:
        return LegalChoice(view, NOT_TRANSCRIBED, others)
    return LegalChoice(view, ONE_OF if len(annex.authentic_languages) > 1 else NOT_AUTHENTIC, others)


def columns(languages: list[str], lang: str) -> list[int]:
    """The order of the versions' columns for a reader: their own language first, if it is one."""
    order = list(range(len(languages)))
    if lang in languages:
        order.remove(languages.index(lang))
        order.insert(0, languages.index(lang))
    return order
