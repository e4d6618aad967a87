"""Languages of the site and their gettext catalogs."""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from pathlib import Path

from babel import Locale


@dataclass(frozen=True)
class Language:
    code: str  # as in the URL and the docs folder: en, fr, zh ...
    name: str  # the language's own name, for the switcher
    default: bool = False

    @property
    def locale(self) -> Locale:
        return Locale.parse(self.code)

    @property
    def rtl(self) -> bool:
        return self.locale.character_order == "right-to-left"


DOMAIN = "messages"


def load_translations(locales_dir: Path, language: Language) -> gettext.NullTranslations:
    """The compiled catalog of a language, or no translation for the source language."""
    mo = Path(locales_dir) / language.code / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if mo.is_file():
        with mo.open("rb") as fh:
            return gettext.GNUTranslations(fh)
    return gettext.NullTranslations()
