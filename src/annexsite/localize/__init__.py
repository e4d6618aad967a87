"""Stage 5, localize: per-language catalogs and Babel formatting of dates and numbers."""

from annexsite.localize.catalogs import (
    DOMAINS, INFORMATIVE, MISSING, OUTDATED, Localized, Translations, load_translations, po_path, pot_path,
)
from annexsite.localize.formatting import Formatter
from annexsite.localize.language import Language

__all__ = ["DOMAINS", "INFORMATIVE", "MISSING", "OUTDATED", "Formatter", "Language", "Localized",
           "Translations", "load_translations", "po_path", "pot_path"]
