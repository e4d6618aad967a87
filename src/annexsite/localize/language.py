"""Languages of the site."""

from __future__ import annotations

from dataclasses import dataclass

from babel import Locale


@dataclass(frozen=True)
class Language:
    code: str  # as in the URL and the docs folder: en, fr, zh ...
    name: str  # the language's own name, for the switcher
    default: bool = False

    @property
    def locale(self) -> Locale:
        return Locale.parse(self.code.replace("-", "_"))

    @property
    def rtl(self) -> bool:
        return self.locale.character_order == "right-to-left"

    def name_of(self, code: str) -> str:
        """Another language's name as this language writes it ("anglais" for en in French)."""
        try:
            return Locale.parse(code.replace("-", "_")).get_display_name(self.locale) or code
        except (ValueError, LookupError):
            return code
