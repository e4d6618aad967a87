"""Languages of the site, and the writing direction of any language: the one place it is known
(pages, charts, redirects, the versions table and the built HTML all ask :func:`direction`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from babel import Locale, UnknownLocaleError


@lru_cache(maxsize=None)
def direction(code: str) -> str | None:
    """"rtl" or "ltr" for a BCP 47 language tag ("ar", "en", "zh-Hant"); None if unknown."""
    if not code:
        return None
    try:
        locale = Locale.parse(code.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return None
    return "rtl" if locale.character_order == "right-to-left" else "ltr"


@dataclass(frozen=True)
class Language:
    code: str  # as in the URL and the docs folder: en, fr, zh ...
    name: str  # the language's own name, for the switcher
    default: bool = False

    @property
    def locale(self) -> Locale:
        return Locale.parse(self.code.replace("-", "_"))

    @property
    def dir(self) -> str:
        """"rtl" or "ltr" (left to right for a language Babel does not know)."""
        return direction(self.code) or "ltr"

    @property
    def rtl(self) -> bool:
        return self.dir == "rtl"

    def name_of(self, code: str) -> str:
        """Another language's name as this language writes it ("anglais" for en in French)."""
        try:
            return Locale.parse(code.replace("-", "_")).get_display_name(self.locale) or code
        except (ValueError, LookupError):
            return code
